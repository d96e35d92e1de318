// What the records tests share: the two databases (a SQLite file in a temporary folder, and a
// database of its own on a throwaway PostgreSQL cluster), records made by the banner's own
// makeRecord, and the built receiver (dist/records.js) and CLI.
import {execFile, spawn} from 'node:child_process';
import {mkdtempSync, readFileSync, rmSync} from 'node:fs';
import {createRequire} from 'node:module';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {root} from '../../test/node/load-core.mjs';
import {startPostgres} from './postgres.mjs';

export {root};
export const core = await import(`${root}dist/core/index.js`);
export const records = await import(`${root}dist/records.js`);

export const DIMELO_TEXT = readFileSync(`${root}demo/dimelo/cookie-manifest.json`, 'utf8');
export const dimelo = core.checkManifest(DIMELO_TEXT).manifest;

let made = 0;
/**
 * A record the banner would send for Dimelo (`v` first): a fresh consent id unless `previous`
 * is given, decided at `now` (default: a distinct second of 2026-11-23 per call).
 */
export function record({choice = {categories: {performance: true}}, method = 'custom', previous = null, now, manifest = dimelo} = {}) {
  const at = now ?? new Date(Date.UTC(2026, 10, 23, 10, 0, 0) + made++ * 1000);
  return {v: 1, ...core.makeRecord(manifest, choice, method, previous, at, {language: 'fr'})};
}

/**
 * The two databases, each as `{name, fresh()}`: `fresh()` gives the address of a new, empty
 * database (a SQLite file; a PostgreSQL database created on the cluster). `close()` stops the
 * cluster and deletes the files.
 */
export async function databases() {
  const dir = mkdtempSync(join(tmpdir(), 'consent-records-'));
  const server = await startPostgres();
  const pg = createRequire(import.meta.url)('pg');
  const admin = new pg.Client({connectionString: server.url});
  await admin.connect();
  let n = 0;
  return {
    dir,
    server,
    list: [
      {name: 'SQLite', dialect: 'sqlite', fresh: async () => join(dir, `records-${n++}.sqlite`)},
      {
        name: 'PostgreSQL',
        dialect: 'postgres',
        fresh: async () => {
          const name = `records_${n++}`;
          await admin.query(`CREATE DATABASE ${name}`);
          return server.url.replace(/\/postgres$/, `/${name}`);
        },
      },
    ],
    async close() {
      await admin.end().catch(() => undefined);
      server.stop();
      rmSync(dir, {recursive: true, force: true});
    },
  };
}

/** A plain connection to `db` for looking at it as its owner would (and editing it, as a tamperer would). */
export async function rawDatabase(db) {
  if (/^postgres/.test(db)) {
    const pg = createRequire(import.meta.url)('pg');
    const client = new pg.Client({connectionString: db});
    await client.connect();
    return {query: async (sql, params = []) => (await client.query(sql, params)).rows, close: () => client.end()};
  }
  const Database = createRequire(import.meta.url)('libsql');
  const connection = new Database(db);
  connection.exec('PRAGMA busy_timeout = 5000');
  return {
    query: async (sql, params = []) => {
      const statement = connection.prepare(sql.replace(/\$\d+/g, '?'));
      return statement.reader ? statement.all(params).map(({_metadata, ...row}) => row) : (statement.run(params), []);
    },
    connection,
    close: async () => connection.close(),
  };
}

/** How many rows of each kind consent_records holds. */
export async function countRows(db) {
  const raw = await rawDatabase(db);
  try {
    const rows = await raw.query('SELECT kind, COUNT(*) AS n FROM consent_records GROUP BY kind');
    return Object.fromEntries(rows.map((r) => [r.kind, Number(r.n)]));
  } finally {
    await raw.close();
  }
}

/** Runs the built CLI; resolves with {code, stdout, stderr}. */
export const cli = (args, {env = {}, input} = {}) =>
  new Promise((resolve) => {
    const child = execFile(
      process.execPath,
      [`${root}bin/consent-banner.js`, ...args],
      {cwd: root, env: {...process.env, ...env}, timeout: 60_000, maxBuffer: 64 * 1024 * 1024},
      (error, stdout, stderr) => resolve({code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr})
    );
    if (input !== undefined) child.stdin.end(input);
  });

/** A POST of `body` (an object is sent as JSON) to `url` as the banner's beacon sends it. */
export const post = (url, body, headers = {}) =>
  fetch(url, {
    method: 'POST',
    headers: {'content-type': 'application/json', ...headers},
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

/** A request for the handler, as a Fetch server hands it over. */
export const request = (body, {method = 'POST', headers = {}, url = 'http://records.test/records'} = {}) =>
  new Request(url, {
    method,
    headers: {'content-type': 'application/json', ...headers},
    body: method === 'POST' ? (typeof body === 'string' ? body : JSON.stringify(body)) : undefined,
  });

/**
 * Starts `consent-banner records serve` on a free port; resolves once it listens, with its URL
 * (`…/records` is where records go), the child process and `stop()` (SIGTERM, then waits).
 */
export function startServe(db, args = [], {env = {}} = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [`${root}bin/consent-banner.js`, 'records', 'serve', '--db', db, '--port', '0', ...args], {
      cwd: root,
      env: {...process.env, ...env},
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const match = /Receiving consent records at (http:\/\/[^ ]+)\/records/.exec(out);
      if (match) resolve({url: match[1], child, output: () => out, errors: () => err, stop: () => stop(child)});
    });
    child.stderr.on('data', (chunk) => (err += chunk));
    child.once('exit', (code) => reject(new Error(`serve exited (${code}) before listening: ${err || out}`)));
  });
}

/** Ends a child process (SIGTERM, else SIGKILL after 5 s); resolves once it has exited. */
export function stop(child, signal = 'SIGTERM') {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill(signal);
  });
}

/** Posts `list` to `url` with at most `concurrency` requests under way; resolves with the statuses, in order. */
export async function postAll(url, list, concurrency = 32) {
  const statuses = new Array(list.length);
  let next = 0;
  await Promise.all(
    Array.from({length: concurrency}, async () => {
      while (next < list.length) {
        const i = next++;
        const response = await post(url, list[i]);
        await response.arrayBuffer();
        statuses[i] = response.status;
      }
    })
  );
  return statuses;
}
