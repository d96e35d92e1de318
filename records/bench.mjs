// `npm run bench:records` (issue 27, "Load and faults"): 64 concurrent senders post Dimelo's
// records for 30 s to a receiver on loopback, and the report gives records/s and the p50/p99
// latency, for SQLite and PostgreSQL (`consent-banner records serve`, each its own process), beside
// a bare Node server that answers 204 without storing anything (the ceiling of this machine), and
// the storage per record (the database after a checkpoint, indexes included, ÷ rows).
// `--records 1000000` sends that many records instead, and reports the receiver's RSS every 100k.
// Options: --seconds <n> (30), --senders <n> (64), --only bare,sqlite,postgres. Never part of `npm test`.
// Traffic goes to 127.0.0.1 only; every loop is bounded in count and time.
import {spawn} from 'node:child_process';
import {mkdtempSync, readFileSync, rmSync, statSync} from 'node:fs';
import {Agent, request} from 'node:http';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {parseArgs} from 'node:util';
import {startPostgres} from './test/postgres.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const {values} = parseArgs({
  options: {seconds: {type: 'string'}, senders: {type: 'string'}, records: {type: 'string'}, only: {type: 'string'}},
});
const SECONDS = Number(values.seconds ?? 30);
const SENDERS = Number(values.senders ?? 64);
const TOTAL = values.records === undefined ? undefined : Number(values.records);
const ONLY = (values.only ?? 'bare,sqlite,postgres').split(',');
const HARD_LIMIT_MS = (TOTAL ? 3600 : SECONDS + 60) * 1000;

const {checkManifest, makeRecord} = await import(`${root}dist/core/index.js`);
const dimelo = checkManifest(readFileSync(`${root}demo/dimelo/cookie-manifest.json`, 'utf8')).manifest;

/** Dimelo records, each with a fresh id and time: a template made once, the id and time written in. */
function records() {
  const methods = ['accept-all', 'reject-all', 'custom'];
  const templates = methods.map((method, i) =>
    JSON.stringify({
      v: 1,
      ...makeRecord(dimelo, method === 'custom' ? {categories: {performance: true}} : {}, method, null, new Date(Date.UTC(2026, 10, 23)), {
        language: 'fr',
        makeId: () => '00000000-0000-4000-8000-00000000000' + i,
      }),
    })
  );
  const start = Date.UTC(2026, 10, 1);
  let n = 0;
  return () => {
    const i = n++;
    const id = `${(i >>> 0).toString(16).padStart(8, '0')}-${((i / 2 ** 32) >>> 0).toString(16).padStart(4, '0')}-4000-8000-${Math.floor(
      Math.random() * 2 ** 48
    )
      .toString(16)
      .padStart(12, '0')}`;
    const time = new Date(start + i * 7).toISOString();
    return templates[i % 3].replace(/"id":"[^"]+"/, `"id":"${id}"`).replace(/"timestamp":"[^"]+"/, `"timestamp":"${time}"`);
  };
}

/** A `records serve` process; resolves with its URL, its pid and stop(). */
function serve(db) {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [`${root}bin/consent-banner.js`, 'records', 'serve', '--db', db, '--port', '0', '--rate', '0', '--keep', 'forever'],
      {stdio: ['ignore', 'pipe', 'inherit']}
    );
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const match = /Receiving consent records at (http:\/\/[^ ]+)\/records/.exec(out);
      if (match)
        resolve({
          url: `${match[1]}/records`,
          pid: child.pid,
          stop: () => new Promise((done) => (child.once('exit', done), child.kill('SIGTERM'))),
        });
    });
    child.once('exit', (code) => reject(new Error(`serve exited (${code}): ${out}`)));
  });
}

/** The bare ceiling: Node's server reading the body and answering 204, nothing stored. */
function bare() {
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      [
        '-e',
        `require('node:http').createServer((q, s) => { q.resume(); q.on('end', () => { s.writeHead(204); s.end(); }); }).listen(0, '127.0.0.1', function () { console.log(this.address().port); });`,
      ],
      {stdio: ['ignore', 'pipe', 'inherit']}
    );
    child.stdout.once('data', (port) =>
      resolve({
        url: `http://127.0.0.1:${String(port).trim()}/records`,
        pid: child.pid,
        stop: () => new Promise((done) => (child.once('exit', done), child.kill('SIGTERM'))),
      })
    );
  });
}

const rss = (pid) => Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;

/** Sends until the time or the count is up; resolves with {sent, ok, failed, latencies, seconds}. */
async function load(target) {
  const agent = new Agent({keepAlive: true, maxSockets: SENDERS});
  const {hostname, port, pathname} = new URL(target.url);
  const next = records();
  const latencies = [];
  let sent = 0;
  let ok = 0;
  let failed = 0;
  const started = performance.now();
  const deadline = started + (TOTAL ? HARD_LIMIT_MS : SECONDS * 1000);
  const post = (body) =>
    new Promise((resolve) => {
      const t = performance.now();
      const req = request(
        {
          agent,
          hostname,
          port,
          path: pathname,
          method: 'POST',
          headers: {'content-type': 'application/json', 'content-length': Buffer.byteLength(body)},
        },
        (res) => {
          res.resume();
          res.on('end', () => {
            latencies.push(performance.now() - t);
            if (res.statusCode === 204) ok++;
            else failed++;
            resolve();
          });
        }
      );
      req.on('error', () => (failed++, resolve()));
      req.end(body);
    });
  let reported = 0;
  await Promise.all(
    Array.from({length: SENDERS}, async () => {
      while (performance.now() < deadline && (TOTAL === undefined || sent < TOTAL)) {
        sent++;
        await post(next());
        if (TOTAL && ok - reported >= 100_000) {
          reported = ok - (ok % 100_000);
          console.log(`  ${reported.toLocaleString('en')} records: receiver RSS ${rss(target.pid).toFixed(0)} MB`);
        }
      }
    })
  );
  agent.destroy();
  return {sent, ok, failed, latencies, seconds: (performance.now() - started) / 1000};
}

const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

const results = [];
const dir = mkdtempSync(join(tmpdir(), 'consent-records-bench-'));
let postgres;
try {
  for (const kind of ONLY) {
    let target;
    let size;
    if (kind === 'bare') target = await bare();
    else if (kind === 'sqlite') target = await serve(join(dir, 'bench.sqlite'));
    else if (kind === 'postgres') {
      postgres ??= await startPostgres();
      target = await serve(postgres.url);
    } else throw new Error(`--only: bare, sqlite or postgres, not ${kind}`);
    console.log(`${kind}: ${TOTAL ? `${TOTAL.toLocaleString('en')} records` : `${SECONDS} s`}, ${SENDERS} senders…`);
    const rssBefore = rss(target.pid);
    const run = await load(target);
    const rssAfter = rss(target.pid);
    await target.stop();
    if (kind === 'sqlite') {
      const Database = (await import('libsql')).default;
      const db = new Database(join(dir, 'bench.sqlite'));
      db.exec('PRAGMA wal_checkpoint(TRUNCATE)');
      const rows = db.prepare('SELECT COUNT(*) AS n FROM consent_records').all([])[0].n;
      db.close();
      size = statSync(join(dir, 'bench.sqlite')).size / rows;
    } else if (kind === 'postgres') {
      const pg = (await import('pg')).default;
      const client = new pg.Client({connectionString: postgres.url});
      await client.connect();
      await client.query('VACUUM ANALYZE consent_records');
      const {rows} = await client.query(
        "SELECT pg_total_relation_size('consent_records') AS bytes, (SELECT COUNT(*) FROM consent_records) AS n"
      );
      await client.end();
      size = Number(rows[0].bytes) / Number(rows[0].n);
    }
    const sorted = run.latencies.sort((a, b) => a - b);
    results.push({
      kind,
      rate: run.ok / run.seconds,
      p50: percentile(sorted, 50),
      p99: percentile(sorted, 99),
      ok: run.ok,
      failed: run.failed,
      rssBefore,
      rssAfter,
      size,
    });
  }
} finally {
  postgres?.stop();
  rmSync(dir, {recursive: true, force: true});
}

console.log('\n| receiver | records/s | p50 | p99 | answered 204 | failed | RSS start → end | stored per record |');
console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
for (const r of results) {
  const name = {bare: 'bare Node (no storage)', sqlite: 'SQLite (libsql, WAL, FULL)', postgres: 'PostgreSQL (pg, synchronous_commit=on)'}[
    r.kind
  ];
  console.log(
    `| ${name} | ${Math.round(r.rate).toLocaleString('en')} | ${r.p50.toFixed(1)} ms | ${r.p99.toFixed(1)} ms | ${r.ok.toLocaleString('en')} | ${r.failed} | ${r.rssBefore.toFixed(0)} → ${r.rssAfter.toFixed(0)} MB | ${r.size === undefined ? '' : `${Math.round(r.size)} B`} |`
  );
}
