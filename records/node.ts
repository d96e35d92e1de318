import type {IncomingMessage, ServerResponse} from 'node:http';
import {Readable} from 'node:stream';
import type {ReadableStream as NodeReadableStream} from 'node:stream/web';
import type {RequestInfo} from './handler.js';

/*
 * Node's own HTTP server in front of a Fetch API handler: the small adapter `records serve` uses,
 * exported for a site's Node server (README, “Proof of consent”). The peer's address goes to the
 * handler as `info.address` (for the rate limit alone).
 */

export type FetchHandler = (request: Request, info?: RequestInfo) => Promise<Response>;

/** A `(req, res)` listener for `http.createServer` (or Express's `app.use`) that runs `handler`. */
export function nodeListener(handler: FetchHandler) {
  return (req: IncomingMessage, res: ServerResponse): void => {
    let request: Request;
    let cancelled = false;
    try {
      const url = new URL(req.url ?? '/', `http://${req.headers.host ?? 'localhost'}`);
      const headers = new Headers();
      for (let i = 0; i < req.rawHeaders.length; i += 2) headers.append(req.rawHeaders[i], req.rawHeaders[i + 1]);
      const body = req.method === 'GET' || req.method === 'HEAD' ? undefined : bodyOf(req, () => (cancelled = true));
      request = new Request(url, {method: req.method, headers, body, duplex: 'half'} as RequestInit);
    } catch {
      res.writeHead(400, {'content-type': 'text/plain; charset=utf-8'}).end('bad request\n');
      return;
    }
    handler(request, {address: req.socket.remoteAddress})
      .then(async (response) => {
        const headers: Record<string, string | string[]> = {};
        response.headers.forEach((value, name) => {
          headers[name] = name === 'set-cookie' ? [...((headers[name] as string[]) ?? []), value] : value;
        });
        // A body the handler refused unread (413, 415, 429) is not read to its end: the connection closes.
        if (cancelled) headers.connection = 'close';
        res.writeHead(response.status, headers);
        if (!response.body || req.method === 'HEAD') return void res.end();
        Readable.fromWeb(response.body as unknown as NodeReadableStream<Uint8Array>)
          .on('error', () => res.destroy())
          .pipe(res);
      })
      .catch((error) => {
        console.error(`consent-banner records: ${(error as Error).message}`);
        if (!res.headersSent) res.writeHead(500, {'content-type': 'text/plain; charset=utf-8'});
        res.end('internal error\n');
      });
  };
}

/**
 * The request's body as a web stream. Cancelling it (the handler refuses the body unread) stops
 * reading without destroying the socket, so that the answer still reaches the client.
 */
function bodyOf(req: IncomingMessage, onCancel: () => void): ReadableStream<Uint8Array> {
  return new ReadableStream<Uint8Array>({
    start(controller) {
      req.on('data', (chunk: Buffer) => {
        controller.enqueue(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
        if ((controller.desiredSize ?? 1) <= 0) req.pause();
      });
      // After a cancel, the stream is closed already: nothing more to say to it.
      const settle = (end: () => void) => {
        try {
          end();
        } catch {
          // cancelled
        }
      };
      req.on('end', () => settle(() => controller.close()));
      req.on('error', (error) => settle(() => controller.error(error)));
    },
    pull() {
      req.resume();
    },
    cancel() {
      onCancel();
      req.removeAllListeners('data');
      req.pause();
    },
  });
}
