import {parseRecord} from '../src/core/record-contract.js';
import type {RecordIssue, SentRecord} from '../src/core/record-contract.js';
import {RecordStore} from './store.js';
import type {Appended} from './store.js';

/*
 * The record receiver as a Fetch API handler, `(Request) => Promise<Response>`: what
 * `consent-banner records serve` runs, and what `consent-banner/records` gives any server that
 * speaks the Fetch API (README, “Proof of consent”). It answers
 *
 *   POST     204 once the record is durably stored (or was already: a retried beacon); 400 with
 *            the JSON path of what is wrong (parseRecord); 413 over 256 KB; 415 for a body that
 *            is not application/json; 403 from an origin not listed; 429 over the address's rate;
 *            503 when the database fails (nothing stored).
 *   OPTIONS  the CORS preflight, for the listed origins only.
 *
 * whatever the path: mount it where `log.url` points. Records that arrive together share one
 * transaction (one fsync). No address, user agent or cookie is stored or logged: the address is
 * read for the in-memory rate limit alone.
 */

export interface RecordsHandlerOptions {
  /** Where records go: a SQLite file, a `postgres://` URL, or a store already open. */
  db: string | RecordStore;
  /**
   * The sites' origins (`https://shop.example`) allowed to send records from another origin: the
   * CORS answer names them, credentials included. A POST whose Origin is not listed is refused
   * (403); with none listed, only same-origin pages and servers (no Origin) can send.
   */
  origins?: readonly string[];
  /** Read the client's address from X-Forwarded-For (its last entry: what your proxy saw), for the rate limit. */
  trustProxy?: boolean;
  /** Records per second each address may send (sustained, and a burst); `false`: no limit. Default 10/s, bursts of 100. */
  rateLimit?: {perSecond: number; burst: number} | false;
  /** The largest body taken, in bytes (default 256 KB). */
  maxBytes?: number;
}

/** What an adapter knows of the request besides the Request: the peer's address. */
export interface RequestInfo {
  address?: string;
}

export interface RecordsHandler {
  (request: Request, info?: RequestInfo): Promise<Response>;
  /** The store, opened at the first request or here. */
  store(): Promise<RecordStore>;
  /** Waits for the records on their way, then closes the database (when the handler opened it). */
  close(): Promise<void>;
}

export const MAX_BYTES = 256 * 1024;
const BATCH = 500;

const json = (status: number, body: unknown, headers: HeadersInit = {}) =>
  new Response(JSON.stringify(body), {
    status,
    headers: {'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers},
  });

/** The host (and port) of an origin, or '' for one that is no URL (`null`). */
const hostOf = (origin: string) => (URL.canParse(origin) ? new URL(origin).host : '');

/** The first of `values` that names a media type, lower-cased, without its parameters. */
const mediaType = (value: string | null) => (value ?? '').split(';')[0].trim().toLowerCase();

/** A per-address token bucket, in memory only: never written, never logged. */
export function rateLimiter({perSecond, burst}: {perSecond: number; burst: number}, now = () => performance.now()) {
  const buckets = new Map<string, {tokens: number; at: number}>();
  let swept = now();
  return (address: string): number => {
    const time = now();
    // Now and then, forget the addresses whose bucket is full again: memory stays bounded.
    if (time - swept > 60_000 || buckets.size > 100_000) {
      for (const [key, bucket] of buckets) if (bucket.tokens + ((time - bucket.at) / 1000) * perSecond >= burst) buckets.delete(key);
      if (buckets.size > 100_000) buckets.clear();
      swept = time;
    }
    const bucket = buckets.get(address) ?? {tokens: burst, at: time};
    bucket.tokens = Math.min(burst, bucket.tokens + ((time - bucket.at) / 1000) * perSecond);
    bucket.at = time;
    buckets.set(address, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return 0;
    }
    // Seconds until a token is back.
    return Math.ceil((1 - bucket.tokens) / perSecond);
  };
}

/** The body as text, at most `max` bytes; `null` when it is larger. */
async function readBody(request: Request, max: number): Promise<string | null> {
  const length = Number(request.headers.get('content-length'));
  if (length > max) {
    await request.body?.cancel().catch(() => undefined);
    return null;
  }
  if (!request.body) return '';
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const {done, value} = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > max) {
      await reader.cancel().catch(() => undefined);
      return null;
    }
    chunks.push(value);
  }
  return new TextDecoder('utf-8', {fatal: true}).decode(Buffer.concat(chunks));
}

/**
 * Records arriving together, stored together: the first of a turn waits for the next tick, the
 * others join it, and one transaction stores them all (at most BATCH). One batch at a time per
 * handler; receivers in several processes take turns on the database's own lock.
 */
function batcher(store: () => Promise<RecordStore>) {
  type Waiting = {record: SentRecord; resolve: (outcome: Appended) => void; reject: (error: unknown) => void};
  let queue: Waiting[] = [];
  let running: Promise<void> | null = null;
  const drain = async () => {
    await new Promise((resolve) => setImmediate(resolve));
    while (queue.length) {
      const batch = queue.slice(0, BATCH);
      queue = queue.slice(BATCH);
      try {
        const outcomes = await (await store()).append(batch.map((w) => w.record));
        batch.forEach((w, i) => w.resolve(outcomes[i]));
      } catch (error) {
        for (const w of batch) w.reject(error);
      }
    }
    running = null;
  };
  return {
    add: (record: SentRecord) =>
      new Promise<Appended>((resolve, reject) => {
        queue.push({record, resolve, reject});
        running ??= drain();
      }),
    settled: () => running ?? Promise.resolve(),
  };
}

/** The Fetch API handler of the record receiver (see the top of this file). */
export function createRecordsHandler(options: RecordsHandlerOptions): RecordsHandler {
  const origins = new Set((options.origins ?? []).map((origin) => new URL(origin).origin));
  const maxBytes = options.maxBytes ?? MAX_BYTES;
  const limit = options.rateLimit === false ? null : rateLimiter(options.rateLimit ?? {perSecond: 10, burst: 100});
  let opened: Promise<RecordStore> | null = null;
  const store = () => {
    if (typeof options.db !== 'string') return Promise.resolve(options.db);
    opened ??= RecordStore.open(options.db, {create: true}).catch((error) => {
      opened = null; // the next record tries again
      throw error;
    });
    return opened;
  };
  const batch = batcher(store);

  const handler = (async (request: Request, info: RequestInfo = {}) => {
    const origin = request.headers.get('origin');
    const listed = origin !== null && origins.has(origin);
    const cors: Record<string, string> = listed
      ? {'access-control-allow-origin': origin, 'access-control-allow-credentials': 'true', vary: 'Origin'}
      : {vary: 'Origin'};
    const answer = (status: number, body?: unknown, headers: Record<string, string> = {}) =>
      body === undefined ? new Response(null, {status, headers: {...cors, ...headers}}) : json(status, body, {...cors, ...headers});

    if (request.method === 'OPTIONS') {
      if (!listed) return answer(403, {error: `the origin ${origin ?? '(none)'} may not send records here`});
      return answer(204, undefined, {
        'access-control-allow-methods': 'POST',
        'access-control-allow-headers': 'Content-Type',
        'access-control-max-age': '86400',
      });
    }
    if (request.method !== 'POST') return answer(405, {error: 'records are POSTed here'}, {allow: 'POST, OPTIONS'});
    // A page of another site, not listed: refused (the browser would not send it without the
    // preflight above; anything else that says so is refused too). A page of the receiver's own
    // host, or a server (no Origin), may send. The host, not the scheme: behind a proxy that ends
    // TLS, the receiver is asked in http for an https page (with --trust-proxy, the host the proxy
    // was asked for, X-Forwarded-Host).
    const host = (options.trustProxy && request.headers.get('x-forwarded-host')?.split(',')[0].trim()) || new URL(request.url).host;
    if (origin !== null && !listed && hostOf(origin) !== host) {
      return answer(403, {error: `the origin ${origin} may not send records here`});
    }
    if (mediaType(request.headers.get('content-type')) !== 'application/json') {
      await request.body?.cancel().catch(() => undefined);
      return answer(415, {error: 'a record is sent as application/json'});
    }
    if (limit) {
      const forwarded = options.trustProxy ? request.headers.get('x-forwarded-for')?.split(',').at(-1)?.trim() : undefined;
      const wait = limit(forwarded || info.address || 'unknown');
      if (wait) {
        await request.body?.cancel().catch(() => undefined);
        return answer(429, {error: 'too many records from this address: try again later'}, {'retry-after': String(wait)});
      }
    }
    let text: string | null;
    try {
      text = await readBody(request, maxBytes);
    } catch {
      return answer(400, {error: 'invalid record', errors: [{path: 'record', message: 'is not UTF-8 text'}] satisfies RecordIssue[]});
    }
    if (text === null) return answer(413, {error: `a record is at most ${maxBytes} bytes`});
    const checked = parseRecord(text);
    if (!checked.ok) return answer(400, {error: 'invalid record', errors: checked.errors});
    try {
      await batch.add(checked.record);
    } catch (error) {
      // The database is locked, full or gone: nothing of this batch was stored (one transaction).
      // The banner does not retry a beacon the browser queued; the next decision is sent anew.
      reportOnce(error);
      return answer(503, {error: 'the record could not be stored now'}, {'retry-after': '5'});
    }
    return answer(204);
  }) as RecordsHandler;

  // The database's failure, once a minute at most on stderr: what failed, never who sent it.
  let reported = 0;
  const reportOnce = (error: unknown) => {
    if (Date.now() - reported < 60_000) return;
    reported = Date.now();
    console.error(`consent-banner records: cannot store records: ${(error as Error).message}`);
  };

  handler.store = store;
  handler.close = async () => {
    await batch.settled();
    if (typeof options.db === 'string' && opened) await (await opened.catch(() => null))?.close();
    opened = null;
  };
  return handler;
}
