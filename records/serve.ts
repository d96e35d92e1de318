import {createServer} from 'node:http';
import type {AddressInfo} from 'node:net';
import {createRecordsHandler} from './handler.js';
import type {RecordsHandler} from './handler.js';
import {nodeListener} from './node.js';
import {createStatsHandler} from './stats-page.js';
import {RecordStore} from './store.js';

/*
 * `consent-banner records serve`: Node's HTTP server with the receiver at /records and the
 * consent rates at /stats, the retention purge on start and then daily. Nothing else is
 * answered (404), and nothing is logged per request.
 */

export interface ReceiverOptions {
  db: string;
  port?: number;
  host?: string;
  origins?: string[];
  trustProxy?: boolean;
  rateLimit?: {perSecond: number; burst: number} | false;
  /** Keep records this many ms (the purge runs on start, then daily); undefined: forever. */
  keep?: number;
  /** CONSENT_RECORDS_TOKEN: the stats page's password; without it the page is closed. */
  token?: string;
  /** Where the purge's news goes (one line each; none when it purges nothing). */
  log?: (line: string) => void;
}

export interface Receiver {
  /** http://host:port */
  url: string;
  store: RecordStore;
  handler: RecordsHandler;
  /** Purges now (what the daily purge does); resolves with the rows removed. */
  purge(): Promise<number>;
  close(): Promise<void>;
}

const DAY = 86_400_000;

/** Opens the database (its migrations with it), then listens. */
export async function startReceiver(options: ReceiverOptions): Promise<Receiver> {
  const log = options.log ?? (() => undefined);
  const store = await RecordStore.open(options.db, {create: true});
  const handler = createRecordsHandler({db: store, origins: options.origins, trustProxy: options.trustProxy, rateLimit: options.rateLimit});
  const stats = createStatsHandler({db: store, token: options.token});
  const purge = async () => {
    if (options.keep === undefined) return 0;
    const before = Date.now() - options.keep;
    const {rows, through} = await store.purge(before);
    if (rows)
      log(
        `retention: purged ${rows} row(s), through row ${through}, received before ${new Date(before).toISOString()}; a checkpoint keeps the chain verifiable`
      );
    return rows;
  };
  try {
    await purge();
  } catch (error) {
    await store.close();
    throw error;
  }
  const server = createServer(
    nodeListener(async (request, info) => {
      const {pathname} = new URL(request.url);
      if (pathname === '/records') return handler(request, info);
      if (pathname === '/stats' || pathname.startsWith('/stats/') || pathname === '/stats.json') return stats(request);
      return new Response('not found\n', {status: 404, headers: {'content-type': 'text/plain; charset=utf-8'}});
    })
  );
  // Beacons come in bursts of short requests: keep connections open a little, ask for bodies fast.
  server.keepAliveTimeout = 5000;
  server.requestTimeout = 30_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 8787, options.host ?? '127.0.0.1', () => resolve());
  });
  const daily = setInterval(() => purge().catch((error) => log(`retention: the purge failed: ${(error as Error).message}`)), DAY);
  daily.unref();
  const {address, port} = server.address() as AddressInfo;
  const host = address.includes(':') ? `[${address}]` : address;
  return {
    url: `http://${host}:${port}`,
    store,
    handler,
    purge,
    close: async () => {
      clearInterval(daily);
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      });
      await handler.close();
      await store.close();
    },
  };
}
