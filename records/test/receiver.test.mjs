// The record receiver (consent-banner/records, createRecordsHandler) against a real SQLite file
// and a real PostgreSQL server started here: what it answers (204, 400 with the JSON path, 413,
// 415, 403, 405, 429, 503) and the CORS answer the README lists; a retried beacon stored once; what
// is stored (the record as canonical JSON, its hash, nothing of the sender); the append-only
// table; a database locked, full or gone (503, no partial row); hostile bodies and a flood.
import assert from 'node:assert/strict';
import {execFileSync} from 'node:child_process';
import {
  appendFileSync,
  copyFileSync,
  existsSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  renameSync,
  rmSync,
  statfsSync,
  writeFileSync,
} from 'node:fs';
import {tmpdir} from 'node:os';
import {createRequire} from 'node:module';
import {join} from 'node:path';
import {after, before, describe, it} from 'node:test';
import {cli, core, countRows, databases, dimelo, rawDatabase, record, records, request} from './helpers.mjs';
import {startPostgres} from './postgres.mjs';

const {createRecordsHandler, RecordStore} = records;
const ORIGIN = 'https://shop.example';
/** JSON with every object's keys sorted, no white space (RFC 8785 for a record's values). */
const canonical = (value) =>
  typeof value === 'object' && value !== null && !Array.isArray(value)
    ? `{${Object.keys(value)
        .sort()
        .map((k) => `${JSON.stringify(k)}:${canonical(value[k])}`)
        .join(',')}}`
    : JSON.stringify(value);

const dbs = await databases();
after(() => dbs.close());

for (const database of dbs.list) {
  describe(`the receiver on ${database.name}`, () => {
    let db;
    let handler;
    before(async () => {
      db = await database.fresh();
      handler = createRecordsHandler({db, origins: [ORIGIN], rateLimit: false});
      // Opened (and migrated) at the first record, or here.
      await handler.store();
    });
    after(() => handler.close());

    it('answers 204 once the record is stored, as canonical JSON with its SHA-256; a retried beacon is stored once', async () => {
      const before = (await countRows(db)).record ?? 0;
      const sent = record();
      const response = await handler(request(sent));
      assert.equal(response.status, 204);
      assert.equal(await response.text(), '');
      // The beacon again (the browser retries), then the next page's retry of the same record.
      assert.equal((await handler(request(sent))).status, 204);
      assert.equal((await handler(request(JSON.stringify(sent, null, 2)))).status, 204);
      // The visitor's next decision: same id, another time and method.
      const next = record({previous: sent, method: 'reject-all', choice: {categories: {performance: false}}});
      assert.equal((await handler(request(next))).status, 204);
      assert.equal((await countRows(db)).record, before + 2);
      const raw = await rawDatabase(db);
      try {
        const rows = await raw.query('SELECT body, consent_id, method FROM consent_records WHERE consent_id = $1 ORDER BY seq', [sent.id]);
        assert.deepEqual(
          rows.map((r) => [r.consent_id, r.method]),
          [
            [sent.id, 'custom'],
            [sent.id, 'reject-all'],
          ]
        );
        assert.deepEqual(JSON.parse(rows[0].body), sent);
        // Keys sorted, no white space: the canonical JSON the chain hashes.
        assert.equal(rows[0].body, canonical(sent));
      } finally {
        await raw.close();
      }
    });

    it('answers 400 with a JSON error naming the path of each fault, and stores nothing', async () => {
      const before = await countRows(db);
      const bad = {...record(), method: 'later', extra: 1};
      bad.services.youtube = 'yes';
      const response = await handler(request(bad));
      assert.equal(response.status, 400);
      assert.match(response.headers.get('content-type'), /^application\/json/);
      assert.deepEqual(await response.json(), {
        error: 'invalid record',
        errors: [
          {path: 'extra', message: 'is not a known field'},
          {
            path: 'method',
            message: 'must be one of accept-all, reject-all, custom, close, placeholder, opt-out, gpc, adpc, api, got "later"',
          },
          {path: 'services.youtube', message: 'must be true or false, got "yes"'},
        ],
      });
      const notJson = await handler(request('{"v":1,'));
      assert.equal(notJson.status, 400);
      assert.equal((await notJson.json()).errors[0].path, 'record');
      const notUtf8 = await handler(
        new Request('http://records.test/records', {
          method: 'POST',
          headers: {'content-type': 'application/json'},
          body: new Uint8Array([0x7b, 0xff, 0x7d]),
        })
      );
      assert.equal(notUtf8.status, 400);
      assert.deepEqual(await countRows(db), before);
    });

    it('takes the record of a 1,000-service manifest (204), and answers 413 over 256 KB', async () => {
      const services = Array.from({length: 1000}, (_, i) => ({
        id: `service-${i}`,
        name: `Service ${i}`,
        provider: 'P',
        category: i % 2 ? 'performance' : 'advertising',
        policyUrl: 'https://p.example/privacy',
        cookies: [{name: `c${i}`, duration: 'P1D'}],
      }));
      const manifest = core.checkManifest({...JSON.parse(JSON.stringify(dimelo)), services}).manifest;
      assert.ok(manifest, 'a 1,000-service manifest');
      const big = record({manifest, choice: {categories: {performance: true, advertising: false}}});
      assert.equal(Object.keys(big.services).length, 1000);
      assert.equal((await handler(request(big))).status, 204);
      const huge = await handler(request({...record(), language: 'x'.repeat(300_000)}));
      assert.equal(huge.status, 413);
      assert.deepEqual(await huge.json(), {error: 'a record is at most 262144 bytes'});
      // Said by its length before a byte is read, or found while reading a body of unknown length.
      const declared = await handler(
        new Request('http://records.test/records', {
          method: 'POST',
          headers: {'content-type': 'application/json', 'content-length': '9999999'},
          body: '{}',
        })
      );
      assert.equal(declared.status, 413);
    });

    it('answers 415 for another content type, 405 for another method', async () => {
      for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', '']) {
        const response = await handler(request(record(), {headers: {'content-type': type}}));
        assert.equal(response.status, 415, type);
      }
      assert.equal((await handler(request(record(), {headers: {'content-type': 'application/json; charset=UTF-8'}}))).status, 204);
      const get = await handler(request(undefined, {method: 'GET'}));
      assert.equal(get.status, 405);
      assert.equal(get.headers.get('allow'), 'POST, OPTIONS');
    });

    it('answers the CORS preflight as the README lists, credentials included, for the listed origins only', async () => {
      const preflight = await handler(
        request(undefined, {
          method: 'OPTIONS',
          headers: {origin: ORIGIN, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type'},
        })
      );
      assert.equal(preflight.status, 204);
      const headers = Object.fromEntries([...preflight.headers].filter(([name]) => name.startsWith('access-control-') || name === 'vary'));
      assert.deepEqual(headers, {
        'access-control-allow-origin': ORIGIN,
        'access-control-allow-credentials': 'true',
        'access-control-allow-methods': 'POST',
        'access-control-allow-headers': 'Content-Type',
        'access-control-max-age': '86400',
        vary: 'Origin',
      });
      const posted = await handler(request(record(), {headers: {origin: ORIGIN}}));
      assert.equal(posted.status, 204);
      assert.equal(posted.headers.get('access-control-allow-origin'), ORIGIN);
      assert.equal(posted.headers.get('access-control-allow-credentials'), 'true');
      const before = await countRows(db);
      for (const origin of ['https://evil.example', 'http://shop.example', 'null']) {
        const refused = await handler(request(undefined, {method: 'OPTIONS', headers: {origin, 'access-control-request-method': 'POST'}}));
        assert.equal(refused.status, 403, origin);
        assert.equal(refused.headers.get('access-control-allow-origin'), null);
        const post = await handler(request(record(), {headers: {origin}}));
        assert.equal(post.status, 403, origin);
        assert.equal(post.headers.get('access-control-allow-origin'), null);
      }
      assert.deepEqual(await countRows(db), before);
      // A page of the receiver's own host (in https, before a proxy that ends TLS), and a server (no Origin), may send.
      assert.equal((await handler(request(record(), {headers: {origin: 'http://records.test'}}))).status, 204);
      assert.equal((await handler(request(record(), {headers: {origin: 'https://records.test'}}))).status, 204);
      assert.equal((await handler(request(record(), {headers: {origin: 'https://records.test:8443'}}))).status, 403);
      const proxied = createRecordsHandler({db: await handler.store(), rateLimit: false, trustProxy: true});
      const behind = {
        url: 'http://127.0.0.1:8787/records',
        headers: {origin: 'https://www.shop.example', 'x-forwarded-host': 'www.shop.example'},
      };
      assert.equal((await proxied(request(record(), behind))).status, 204);
      assert.equal((await handler(request(record(), behind))).status, 403);
    });

    it('stores no address, user agent or cookie, and logs nothing per record', async () => {
      const address = '203.0.113.77';
      const agent = 'Mozilla/5.0 (Secret-Agent-7731)';
      const errors = [];
      const {error, log, warn} = console;
      console.error = console.log = console.warn = (...args) => errors.push(args.join(' '));
      try {
        const sent = record();
        const response = await handler(
          request(sent, {headers: {'user-agent': agent, 'x-forwarded-for': address, cookie: 'session=cookie-9931'}}),
          {address}
        );
        assert.equal(response.status, 204);
      } finally {
        Object.assign(console, {error, log, warn});
      }
      assert.deepEqual(errors, []);
      const raw = await rawDatabase(db);
      try {
        const tables = ['consent_records', 'consent_manifests', 'consent_stats_purposes', 'consent_stats_methods', 'consent_records_head'];
        for (const table of tables) {
          const text = JSON.stringify(await raw.query(`SELECT * FROM ${table}`), (_, v) => (typeof v === 'bigint' ? String(v) : v));
          for (const secret of [address, 'Secret-Agent-7731', 'cookie-9931']) assert.ok(!text.includes(secret), `${table} holds ${secret}`);
        }
      } finally {
        await raw.close();
      }
      if (database.dialect === 'sqlite') {
        // Nor the file, nor its write-ahead log.
        const files = readdirSync(dbs.dir).filter((f) => f.startsWith(db.split('/').pop()));
        for (const file of files) {
          const bytes = readFileSync(`${dbs.dir}/${file}`, 'latin1');
          for (const secret of [address, 'Secret-Agent-7731', 'cookie-9931']) assert.ok(!bytes.includes(secret), `${file} holds ${secret}`);
        }
      }
    });

    it('keeps the table append-only: UPDATE and DELETE are refused by the database itself', async () => {
      const raw = await rawDatabase(db);
      try {
        await assert.rejects(raw.query("UPDATE consent_records SET method = 'accept-all'"), /append-only/);
        await assert.rejects(raw.query('DELETE FROM consent_records'), /append-only/);
        if (database.dialect === 'postgres') await assert.rejects(raw.query('TRUNCATE consent_records'), /append-only/);
      } finally {
        await raw.close();
      }
    });

    it('slows a flood from one address (429 with Retry-After), not the others; --trust-proxy reads X-Forwarded-For', async () => {
      const limited = createRecordsHandler({db: await handler.store(), rateLimit: {perSecond: 1, burst: 5}, trustProxy: true});
      const statuses = [];
      for (let i = 0; i < 8; i++)
        statuses.push(
          (await limited(request(record(), {headers: {'x-forwarded-for': '198.51.100.1, 10.0.0.1'}}), {address: '127.0.0.1'})).status
        );
      assert.deepEqual(statuses, [204, 204, 204, 204, 204, 429, 429, 429]);
      const refused = await limited(request(record(), {headers: {'x-forwarded-for': '198.51.100.1, 10.0.0.1'}}));
      assert.ok(Number(refused.headers.get('retry-after')) >= 1);
      // The proxy's last entry is the address: another visitor behind it still gets in.
      assert.equal((await limited(request(record(), {headers: {'x-forwarded-for': '198.51.100.1, 10.0.0.2'}}))).status, 204);
      // Without trust, the header is ignored: the peer's address counts.
      const direct = createRecordsHandler({db: await handler.store(), rateLimit: {perSecond: 1, burst: 2}});
      const seen = [];
      for (const forwarded of ['1.1.1.1', '2.2.2.2', '3.3.3.3'])
        seen.push((await direct(request(record(), {headers: {'x-forwarded-for': forwarded}}), {address: '192.0.2.9'})).status);
      assert.deepEqual(seen, [204, 204, 429]);
    });

    it('answers a burst of hostile bodies with 400 or 413, and valid senders beside them with 204', async () => {
      const before = (await countRows(db)).record ?? 0;
      const deep = '['.repeat(100_000) + ']'.repeat(100_000);
      const hostile = [
        deep,
        `{"v":1,"categories":${'{"a":'.repeat(40_000)}true${'}'.repeat(40_000)}}`,
        JSON.stringify({...record(), uiVersion: 'x'.repeat(200_000)}),
        JSON.stringify({...record(), revision: '1', categories: [], services: null}),
        JSON.stringify({...record(), services: Object.fromEntries(Array.from({length: 10_000}, (_, i) => [`s${i}`, true]))}),
        JSON.stringify(Object.fromEntries(Array.from({length: 10_000}, (_, i) => [`k${i}`, i]))),
        'x'.repeat(300_000),
      ];
      const valid = Array.from({length: 20}, () => record());
      const started = performance.now();
      const answers = await Promise.all(
        [...hostile.flatMap((body) => Array(5).fill(body)), ...valid].map((body) =>
          handler(request(body)).then(async (r) => [r.status, await r.text()])
        )
      );
      const statuses = answers.map(([status]) => status);
      assert.deepEqual(statuses.slice(0, 35), [...Array(30).fill(400), ...Array(5).fill(413)]);
      assert.deepEqual(statuses.slice(35), Array(20).fill(204));
      assert.ok(performance.now() - started < 20_000);
      assert.equal((await countRows(db)).record, before + 20);
    });

    /**
     * Three records sent to `handler` while another writer holds the database: their statuses and
     * what the receiver wrote to console.error meanwhile; `release` lets the database go.
     */
    async function threeWhileHeld(handler, release) {
      const errors = [];
      const {error} = console;
      console.error = (...args) => errors.push(args.join(' '));
      try {
        const statuses = await Promise.all([record(), record(), record()].map(async (r) => (await handler(request(r))).status));
        return {statuses, errors};
      } finally {
        console.error = error;
        await release();
      }
    }

    it('answers 503 when the database is locked or gone, storing no partial row, and 204 again once it is back', async () => {
      const before = await countRows(db);
      const raw = database.dialect === 'sqlite' ? await rawDatabase(db) : {close: async () => undefined};
      try {
        if (database.dialect === 'sqlite') {
          // Another writer holds the file: past the busy timeout, the batch fails whole.
          const locked = await RecordStore.open(db, {busyTimeout: 200});
          const waiting = createRecordsHandler({db: locked, rateLimit: false});
          raw.connection.exec('BEGIN EXCLUSIVE');
          const {statuses, errors} = await threeWhileHeld(waiting, () => raw.connection.exec('ROLLBACK'));
          assert.deepEqual(statuses, [503, 503, 503]);
          assert.equal(errors.length, 1);
          assert.match(errors[0], /^consent-banner records: cannot store records: .*locked/);
          assert.equal((await waiting(request(record()))).status, 204);
          await locked.close();
        } else {
          // Another session holds the table (a LOCK TABLE by hand, a receiver stuck in its
          // transaction): past the lock timeout, the batch fails whole.
          const locked = await RecordStore.open(db, {busyTimeout: 200});
          const waiting = createRecordsHandler({db: locked, rateLimit: false});
          const holder = await rawDatabase(db);
          await holder.query('BEGIN');
          await holder.query('LOCK TABLE consent_records IN EXCLUSIVE MODE');
          const {statuses, errors} = await threeWhileHeld(waiting, async () => {
            await holder.query('ROLLBACK');
            await holder.close();
          });
          assert.deepEqual(statuses, [503, 503, 503]);
          assert.equal(errors.length, 1);
          assert.match(errors[0], /^consent-banner records: cannot store records: .*lock timeout/);
          assert.equal((await waiting(request(record()))).status, 204);
          await locked.close();
          // The server refuses this database's connections (as when it goes away), then lets them back.
          const name = db.split('/').pop();
          const admin = await rawDatabase(dbs.server.url);
          await admin.query(`ALTER DATABASE ${name} ALLOW_CONNECTIONS false`);
          await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1', [name]);
          const {error} = console;
          console.error = () => undefined;
          let status;
          try {
            status = (await handler(request(record()))).status;
          } finally {
            console.error = error;
            await admin.query(`ALTER DATABASE ${name} ALLOW_CONNECTIONS true`);
            await admin.close();
          }
          assert.equal(status, 503);
          assert.equal((await handler(request(record()))).status, 204);
        }
      } finally {
        await raw.close();
      }
      const now = await countRows(db);
      // One record after the lock (and, on PostgreSQL, one after its return).
      assert.equal(now.record, (before.record ?? 0) + (database.dialect === 'sqlite' ? 1 : 2));
    });

    if (database.dialect === 'postgres') {
      it('answers 503 while its server is down mid-load, no batch stored in part, and 204 again once the server is back', async () => {
        // A server of its own: this one is stopped (immediate: a crash, as PostgreSQL sees it) and started again.
        const server = await startPostgres();
        try {
          const serving = createRecordsHandler({db: server.url, rateLimit: false});
          const sent = new Map();
          let phase = 'up';
          const seen = {up: [], down: [], back: []};
          const {error} = console;
          console.error = () => undefined;
          try {
            await serving.store();
            const deadline = Date.now() + 90_000;
            const senders = Array.from({length: 8}, async () => {
              while (phase !== 'done' && Date.now() < deadline) {
                const r = record();
                const status = (await serving(request(r))).status;
                sent.set(r.id, status);
                // Counted in the phase it was answered in.
                seen[{stopping: 'down', done: 'back'}[phase] ?? phase].push(status);
              }
            });
            const until = async (test) => {
              while (!test() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
            };
            await until(() => seen.up.length >= 100);
            phase = 'stopping';
            server.kill();
            phase = 'down';
            await until(() => seen.down.filter((status) => status === 503).length >= 20);
            server.start();
            phase = 'back';
            await until(() => seen.back.filter((status) => status === 204).length >= 50);
            phase = 'done';
            await Promise.all(senders);
          } finally {
            console.error = error;
            phase = 'done';
            await serving.close();
          }
          assert.deepEqual([...new Set(seen.up)], [204]);
          assert.ok(seen.down.filter((status) => status === 503).length >= 20, `down: ${seen.down.join(' ')}`);
          assert.ok(seen.back.filter((status) => status === 204).length >= 50, `back: ${seen.back.join(' ')}`);
          assert.deepEqual([...new Set([...sent.values()])].sort(), [204, 503]);
          const raw = await rawDatabase(server.url);
          let stored;
          try {
            stored = new Set((await raw.query('SELECT consent_id FROM consent_records')).map((row) => row.consent_id));
          } finally {
            await raw.close();
          }
          // Every record answered 204 is there; one answered 503 may be there too, when the server
          // committed its batch as it went down (the answer lost), but never a batch in part: the chain holds.
          const answered = [...sent].filter(([, status]) => status === 204).map(([id]) => id);
          assert.deepEqual(
            answered.filter((id) => !stored.has(id)),
            []
          );
          assert.ok([...stored].every((id) => sent.has(id)));
          const verified = await cli(['records', 'verify', '--db', server.url]);
          assert.equal(verified.code, 0, verified.stdout + verified.stderr);
        } finally {
          server.stop();
        }
      });

      it('stores a batch in one round trip to the server: one query of the pg client, whatever the batch holds', async () => {
        // node-postgres sends a query only once the one before has been answered: each query is one round trip.
        const {Client} = createRequire(import.meta.url)('pg');
        const store = await handler.store();
        const sent = [];
        const {query} = Client.prototype;
        Client.prototype.query = function (...args) {
          sent.push(typeof args[0] === 'string' ? args[0] : args[0]?.text);
          return query.apply(this, args);
        };
        let outcomes;
        const first = record();
        try {
          // Fresh records, one stored already, and one twice in the batch.
          assert.deepEqual(await store.append([first]), ['stored']);
          const batch = [...Array.from({length: 60}, () => record()), first];
          batch.push(batch[3]);
          outcomes = await store.append(batch);
        } finally {
          Client.prototype.query = query;
        }
        assert.equal(sent.length, 2, sent.join('\n'));
        assert.deepEqual(outcomes, [...Array(60).fill('stored'), 'duplicate', 'duplicate']);
        // The chain the server extended is the one verify walks.
        const verified = await cli(['records', 'verify', '--db', db]);
        assert.equal(verified.code, 0, verified.stdout + verified.stderr);
      });
    }

    if (database.dialect === 'sqlite') {
      it('keeps answering while a batch waits for a SQLite file another process has locked, then stores it', async () => {
        const fresh = await database.fresh();
        const store = await RecordStore.open(fresh, {create: true, busyTimeout: 10_000});
        const waiting = createRecordsHandler({db: store, rateLimit: false});
        const raw = await rawDatabase(fresh);
        raw.connection.exec('BEGIN EXCLUSIVE');
        let stored;
        let refused;
        try {
          stored = waiting(request(record()));
          // The batch is at BEGIN IMMEDIATE, in SQLite's busy wait: off the event loop, which
          // meanwhile runs timers and answers the next sender.
          await new Promise((resolve) => setTimeout(resolve, 200));
          refused = await waiting(request('{"v":1,'));
        } finally {
          raw.connection.exec('ROLLBACK');
          await raw.close();
        }
        assert.equal(refused.status, 400);
        assert.equal((await stored).status, 204);
        assert.deepEqual(await countRows(fresh), {record: 1});
        await store.close();
      });

      it('answers 503 once its file is deleted or replaced while it serves, writing nothing there; a receiver started anew stores again', async () => {
        const fresh = await database.fresh();
        const serving = createRecordsHandler({db: fresh, rateLimit: false});
        assert.equal((await serving(request(record()))).status, 204);
        // A backup of the file as it is now, for putting back later.
        const raw = await rawDatabase(fresh);
        await raw.query('PRAGMA wal_checkpoint(TRUNCATE)');
        await raw.close();
        copyFileSync(fresh, `${fresh}.backup`);
        for (const suffix of ['', '-wal', '-shm']) rmSync(fresh + suffix, {force: true});
        const errors = [];
        const {error} = console;
        console.error = (...args) => errors.push(args.join(' '));
        let statuses;
        let replaced;
        try {
          // SQLite would go on writing into the deleted file, where no one would find the records.
          statuses = await Promise.all([record(), record(), record()].map(async (r) => (await serving(request(r))).status));
          assert.ok(!existsSync(fresh), 'nothing made a new file');
          // The backup put back: a file, but not the one the receiver opened.
          renameSync(`${fresh}.backup`, fresh);
          replaced = (await serving(request(record()))).status;
        } finally {
          console.error = error;
        }
        assert.deepEqual(statuses, [503, 503, 503]);
        assert.equal(replaced, 503);
        assert.equal(errors.length, 1);
        assert.match(errors[0], /^consent-banner records: cannot store records: the SQLite database .* is gone: deleted or replaced/);
        assert.deepEqual(await countRows(fresh), {record: 1});
        await serving.close();
        // Started anew, a receiver opens the file that is there now.
        const again = createRecordsHandler({db: fresh, rateLimit: false});
        assert.equal((await again(request(record()))).status, 204);
        await again.close();
        assert.deepEqual(await countRows(fresh), {record: 2});
        const verified = await cli(['records', 'verify', '--db', fresh]);
        assert.equal(verified.code, 0, verified.stdout + verified.stderr);
      });

      it('answers 503 when the disk is full (SQLite’s page limit), with no partial row', async () => {
        const fresh = await database.fresh();
        const store = await RecordStore.open(fresh, {create: true});
        const full = createRecordsHandler({db: store, rateLimit: false});
        assert.equal((await full(request(record()))).status, 204);
        const [{page_count: pages}] = await store.sql.query('PRAGMA page_count');
        await store.sql.query(`PRAGMA max_page_count = ${Number(pages)}`);
        const {error} = console;
        console.error = () => undefined;
        let statuses;
        try {
          statuses = await Promise.all(Array.from({length: 50}, () => record()).map(async (r) => (await full(request(r))).status));
        } finally {
          console.error = error;
        }
        assert.deepEqual([...new Set(statuses)], [503]);
        await store.sql.query('PRAGMA max_page_count = 1073741823');
        assert.equal((await full(request(record()))).status, 204);
        assert.equal((await countRows(fresh)).record, 2);
        await store.close();
      });
    } else {
      it('answers 503 when the disk is full (a tablespace on a 1 MB tmpfs, filled), with no partial row', async () => {
        // A real full disk: the tables live on a small filesystem of their own, filled to its last
        // byte, so that PostgreSQL's next page gets ENOSPC from the kernel (the log stays on the
        // cluster's disk, as when a tablespace fills up). Mounting needs root, as the cluster does here.
        assert.equal(process.getuid(), 0, 'this case mounts a tmpfs: run the records tests as root');
        const disk = mkdtempSync(join(tmpdir(), 'consent-records-disk-'));
        const owner = (flag) => execFileSync('id', [flag, 'postgres'], {encoding: 'utf8'}).trim();
        execFileSync('mount', ['-t', 'tmpfs', '-o', `size=1m,mode=0700,uid=${owner('-u')},gid=${owner('-g')}`, 'tmpfs', disk]);
        const fresh = await database.fresh();
        const name = fresh.split('/').pop();
        const admin = await rawDatabase(dbs.server.url);
        let store;
        try {
          await admin.query(`CREATE TABLESPACE ${name}_disk LOCATION '${disk}'`);
          await admin.query(`ALTER DATABASE ${name} SET default_tablespace = ${name}_disk`);
          store = await RecordStore.open(fresh);
          const [{spcname}] = await store.sql.query(
            "SELECT spcname FROM pg_tablespace t JOIN pg_class c ON c.reltablespace = t.oid WHERE c.relname = 'consent_records'"
          );
          assert.equal(spcname, `${name}_disk`);
          const full = createRecordsHandler({db: store, rateLimit: false});
          assert.equal((await full(request(record()))).status, 204);
          // Every byte left, taken.
          const filler = join(disk, 'filler');
          const {bavail, bsize} = statfsSync(disk);
          writeFileSync(filler, Buffer.alloc(Number(bavail) * Number(bsize)));
          assert.throws(() => appendFileSync(filler, Buffer.alloc(4096)), {code: 'ENOSPC'});
          const errors = [];
          const {error} = console;
          console.error = (...args) => errors.push(args.join(' '));
          const statuses = [];
          try {
            // The pages already there take a few records; the next page cannot be had.
            for (let i = 0; i < 400 && !statuses.includes(503); i++) statuses.push((await full(request(record()))).status);
            // A burst while the disk stays full: each record stored whole, or answered 503.
            statuses.push(
              ...(await Promise.all(Array.from({length: 30}, () => record()).map(async (r) => (await full(request(r))).status)))
            );
          } finally {
            console.error = error;
          }
          assert.ok(statuses.includes(503), `no 503 in ${statuses.length} records`);
          assert.ok(
            statuses.every((status) => status === 204 || status === 503),
            statuses.join(' ')
          );
          assert.match(errors[0], /^consent-banner records: cannot store records: .*No space left on device/);
          const stored = 1 + statuses.filter((status) => status === 204).length;
          assert.equal((await countRows(fresh)).record, stored);
          // Space again: the receiver stores at once, and the chain holds over what came before.
          rmSync(filler);
          assert.equal((await full(request(record()))).status, 204);
          assert.equal((await countRows(fresh)).record, stored + 1);
          const verified = await cli(['records', 'verify', '--db', fresh]);
          assert.equal(verified.code, 0, verified.stdout + verified.stderr);
          assert.match(verified.stdout, new RegExp(`${stored + 1} record\\(s\\)`));
        } finally {
          await store?.close();
          await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch(() => undefined);
          await admin.query(`DROP TABLESPACE IF EXISTS ${name}_disk`).catch(() => undefined);
          await admin.close();
          execFileSync('umount', [disk]);
          rmSync(disk, {recursive: true, force: true});
        }
      });
    }
  });
}
