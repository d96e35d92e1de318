// `consent-banner records serve|verify|export|publish|stats`, run as a site owner runs them, against
// a real SQLite file and a real PostgreSQL server started here: the chain verified, and a row edited
// or deleted by hand named; a head kept elsewhere checked; a visitor's records exported with the
// manifest they answered; consent rates; retention with its checkpoint; four receivers on one
// database; a receiver killed with SIGKILL mid-load losing no record it answered 204 for; and the
// one-line errors (exit 2).
import assert from 'node:assert/strict';
import {execFile} from 'node:child_process';
import {copyFileSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {after, describe, it} from 'node:test';
import {cli, countRows, databases, post, postAll, rawDatabase, record, records, root, startServe, stop} from './helpers.mjs';

const {RecordStore} = records;
const MANIFEST = `${root}demo/dimelo/cookie-manifest.json`;
const dbs = await databases();
after(() => dbs.close());

/** Edits consent_records by hand, past its append-only trigger, as someone with write access could. */
async function tamper(database, db, statements) {
  const raw = await rawDatabase(db);
  try {
    if (database.dialect === 'sqlite') {
      await raw.query('DROP TRIGGER consent_records_no_update');
      await raw.query('DROP TRIGGER consent_records_no_delete');
    } else {
      await raw.query('ALTER TABLE consent_records DISABLE TRIGGER USER');
    }
    for (const statement of statements) await raw.query(statement);
  } finally {
    await raw.close();
  }
}

const headOf = (stdout) => /^Head: ([0-9a-f]{64})$/m.exec(stdout)?.[1];

for (const database of dbs.list) {
  describe(`records commands on ${database.name}`, () => {
    it('serve stores what the banner sends; verify prints the head; a hand-edited row fails it, named; --head checks a head kept elsewhere', async () => {
      const db = await database.fresh();
      const serve = await startServe(db);
      let head;
      const visitor = record();
      try {
        const list = [
          visitor,
          record({previous: visitor, method: 'reject-all', choice: {categories: {performance: false}}}),
          record(),
          record({method: 'accept-all', choice: {categories: {performance: true, advertising: true}}}),
        ];
        assert.deepEqual(await postAll(`${serve.url}/records`, list, 1), [204, 204, 204, 204]);
        const verified = await cli(['records', 'verify', '--db', db]);
        assert.equal(verified.code, 0, verified.stdout + verified.stderr);
        assert.match(verified.stdout, /^The chain holds: rows 1 to 4: 4 record\(s\), 0 checkpoint\(s\)\.$/m);
        head = headOf(verified.stdout);
        assert.ok(head);
        // The manifest they answered was never published: verify says so, and publish fixes it.
        assert.match(verified.stdout, /^Manifest [0-9a-f]{16} was never published \(4 record\(s\) answered it\)/m);
        const published = await cli(['records', 'publish', '--db', db, MANIFEST]);
        assert.equal(published.code, 0, published.stderr);
        assert.match(published.stdout, new RegExp(`^Published .*cookie-manifest.json as manifest ${visitor.manifestHash}\\.$`, 'm'));
        assert.match((await cli(['records', 'publish', '--db', db, MANIFEST])).stdout, /was already published: nothing to do/);
        assert.equal((await post(`${serve.url}/records`, record())).status, 204);
      } finally {
        await serve.stop();
      }
      // The head kept from before the last record: still in the chain.
      const later = await cli(['records', 'verify', '--db', db, '--head', head]);
      assert.equal(later.code, 0, later.stdout);
      assert.match(later.stdout, /^The head given is the chain's value after row 4: rows 1 to 4 are as they were\.$/m);
      assert.doesNotMatch(later.stdout, /never published/);
      const json = JSON.parse((await cli(['records', 'verify', '--db', db, '--json'])).stdout);
      assert.deepEqual([json.ok, json.rows, json.records, json.first, json.last, json.unknownManifests], [true, 5, 5, 1, 5, []]);
      // A consent turned into an acceptance, by hand.
      await tamper(database, db, [
        `UPDATE consent_records SET body = REPLACE(body, '"method":"reject-all"', '"method":"accept-all"') WHERE seq = 2`,
      ]);
      const edited = await cli(['records', 'verify', '--db', db]);
      assert.equal(edited.code, 1);
      assert.match(edited.stdout, /^FAILED: row 2 does not match its hash: its record was edited\.$/m);
      // A head that was never this chain's.
      const bogus = 'ab'.repeat(32);
      const missing = await cli(['records', 'verify', '--db', db, '--head', bogus]);
      assert.equal(missing.code, 1);
      assert.match(missing.stdout, new RegExp(`^FAILED: the head given \\(${bogus}\\) is nowhere in the chain`, 'm'));
    });

    if (database.dialect === 'sqlite') {
      it('verify names a deleted row, rows deleted at the end, and reordered rows', async () => {
        const six = async () => {
          const db = await database.fresh();
          const store = await RecordStore.open(db, {create: true});
          for (let i = 0; i < 6; i++) await store.append([record()]);
          await store.close();
          return db;
        };
        const cases = [
          [['DELETE FROM consent_records WHERE seq = 3'], /^FAILED: row 3 is missing \(row 4 follows row 2\): deleted\.$/m],
          [
            ['DELETE FROM consent_records WHERE seq >= 5'],
            /^FAILED: row 5 is missing: the chain's head is row 6, the table ends at row 4 \(the last rows were deleted\)\.$/m,
          ],
          [
            [
              'UPDATE consent_records SET seq = -2 WHERE seq = 2',
              'UPDATE consent_records SET seq = 2 WHERE seq = 3',
              'UPDATE consent_records SET seq = 3 WHERE seq = -2',
            ],
            /^FAILED: row 2 does not follow row 1: a row before it was edited, deleted or reordered, or this one was\.$/m,
          ],
        ];
        for (const [statements, message] of cases) {
          const db = await six();
          await tamper(database, db, statements);
          const result = await cli(['records', 'verify', '--db', db]);
          assert.equal(result.code, 1);
          assert.match(result.stdout, message);
        }
      });
    }

    it('export --id prints one visitor’s records in time order with the manifest they answered; --from/--to and CSV', async () => {
      const db = await database.fresh();
      const store = await RecordStore.open(db, {create: true});
      const first = record({now: new Date('2026-11-20T09:00:00.000Z')});
      const second = record({
        previous: first,
        method: 'reject-all',
        choice: {categories: {performance: false}},
        now: new Date('2026-11-21T09:00:00.000Z'),
      });
      const other = record({now: new Date('2026-11-20T12:00:00.000Z')});
      // Received out of order: the export follows the decisions.
      await store.append([second]);
      await store.append([other, first]);
      await store.close();
      assert.equal((await cli(['records', 'publish', '--db', db, MANIFEST])).code, 0);
      const exported = await cli(['records', 'export', '--db', db, '--id', first.id]);
      assert.equal(exported.code, 0, exported.stderr);
      const json = JSON.parse(exported.stdout);
      assert.deepEqual(
        json.records.map((r) => r.record),
        [first, second]
      );
      assert.deepEqual(
        json.records.map((r) => r.row),
        [3, 1]
      );
      assert.deepEqual(Object.keys(json.manifests), [first.manifestHash]);
      assert.equal(json.manifests[first.manifestHash].manifest.site.name, 'Dimelo');
      const range = JSON.parse((await cli(['records', 'export', '--db', db, '--from', '2026-11-20', '--to', '2026-11-21'])).stdout);
      assert.deepEqual(
        range.records.map((r) => r.record.id),
        [first.id, other.id]
      );
      const csv = await cli(['records', 'export', '--db', db, '--format', 'csv']);
      const lines = csv.stdout.trimEnd().split('\r\n');
      assert.equal(
        lines[0],
        'row,received_at,id,timestamp,method,revision,manifest_hash,manifest_published,language,ui_version,categories,services,purposes'
      );
      assert.equal(lines.length, 4);
      assert.match(
        lines[3],
        new RegExp(`^1,[^,]+,${second.id},2026-11-21T09:00:00.000Z,reject-all,1,${second.manifestHash},yes,fr,0\\.1\\.0,`)
      );
      assert.match(lines[3], /,advertising=no necessary=yes performance=no social=no,/);
      const none = JSON.parse((await cli(['records', 'export', '--db', db, '--id', '00000000-0000-4000-8000-000000000000'])).stdout);
      assert.deepEqual(none, {records: [], manifests: {}});
    });

    it('stats gives per purpose answers, yes, no and the rate, and the methods; by day or week; JSON', async () => {
      const db = await database.fresh();
      const store = await RecordStore.open(db, {create: true});
      const days = ['2026-11-16', '2026-11-22', '2026-11-23'];
      const list = [];
      for (const [i, day] of days.entries()) {
        for (let n = 0; n < 4; n++) {
          const now = new Date(`${day}T10:0${n}:0${i}.000Z`);
          list.push(
            n < i + 1
              ? record({now, method: 'accept-all', choice: {categories: {performance: true, advertising: true}}})
              : record({now, method: 'reject-all', choice: {categories: {performance: false, advertising: false}}})
          );
        }
      }
      // A later decision keeping an earlier answer to one purpose: it answers the other only.
      const first = list[0];
      list.push(
        record({previous: first, method: 'custom', choice: {categories: {advertising: false}}, now: new Date('2026-11-23T11:00:00.000Z')})
      );
      await store.append(list);
      await store.close();
      const stats = JSON.parse((await cli(['records', 'stats', '--db', db, '--by', 'week', '--json'])).stdout);
      assert.equal(stats.total.decisions, 13);
      assert.deepEqual(stats.total.methods, {'accept-all': 6, custom: 1, 'reject-all': 6});
      const rates = Object.fromEntries(stats.total.purposes.map((p) => [p.purpose, [p.answers, p.yes, p.no]]));
      assert.deepEqual(rates.performance, [12, 6, 6]);
      assert.deepEqual(rates.advertising, [13, 6, 7]);
      assert.deepEqual(
        stats.periods.map((p) => [p.period, p.decisions]),
        [
          ['2026-11-16', 8],
          ['2026-11-23', 5],
        ]
      );
      const text = await cli(['records', 'stats', '--db', db, '--from', '2026-11-23', '--to', '2026-11-23']);
      assert.equal(text.code, 0);
      assert.match(text.stdout, /^All from 2026-11-23 to 2026-11-23: 5 decision\(s\)$/m);
      assert.match(text.stdout, /^ {2}performance +4 +3 +1 +75\.0 %$/m);
      assert.match(text.stdout, /methods: accept-all 3 \(60\.0 %\), custom 1 \(20\.0 %\), reject-all 1 \(20\.0 %\)/);
      assert.doesNotMatch(text.stdout, new RegExp(first.id));
    });

    it('serve --keep purges older records on start, leaving a checkpoint: the chain still verifies, and a head kept before holds', async () => {
      const db = await database.fresh();
      const store = await RecordStore.open(db, {create: true});
      const day = 86_400_000;
      await store.append([record(), record(), record()], Date.now() - 10 * day);
      await store.append([record()], Date.now() - 5 * day);
      const kept = await store.head();
      await store.append([record(), record()], Date.now() - 3600_000);
      await store.close();
      const oldHead = Buffer.from(kept.hash).toString('hex');
      const serve = await startServe(db, ['--keep', '2d']);
      await serve.stop();
      assert.match(serve.errors(), /retention: purged 4 row\(s\), through row 4, received before /);
      assert.deepEqual(await countRows(db), {record: 2, checkpoint: 1});
      const verified = await cli(['records', 'verify', '--db', db, '--head', oldHead]);
      assert.equal(verified.code, 0, verified.stdout);
      assert.match(verified.stdout, /^The chain holds: rows 5 to 7: 2 record\(s\), 1 checkpoint\(s\)\.$/m);
      assert.match(verified.stdout, /^The head given is the chain's value after row 4, which a purge removed/m);
      // A second purge, later: the remaining records go; the first checkpoint, after them, stays; the chain still verifies.
      const again = await startServe(db, ['--keep', '1h']);
      await again.stop();
      assert.deepEqual(await countRows(db), {checkpoint: 2});
      assert.equal((await cli(['records', 'verify', '--db', db])).code, 0);
      // With the first checkpoint deleted by hand, the rows before are unaccounted for.
      const db2 = await database.fresh();
      const store2 = await RecordStore.open(db2, {create: true});
      await store2.append([record(), record()], Date.now() - 10 * day);
      await store2.append([record()]);
      await store2.purge(Date.now() - day);
      await store2.close();
      await tamper(database, db2, ["DELETE FROM consent_records WHERE kind = 'checkpoint'"]);
      const broken = await cli(['records', 'verify', '--db', db2]);
      assert.equal(broken.code, 1);
      assert.match(
        broken.stdout,
        /^FAILED: row 3 is the first row, and no checkpoint says that rows 1 to 2 were purged: they were deleted\.$/m
      );
    });

    // Several receivers are what PostgreSQL is for; on one SQLite file they work too, taking turns
    // on its lock (busy_timeout), fewer here: SQLite's busy handler sleeps while it waits.
    const [receivers, each] = database.dialect === 'postgres' ? [4, 500] : [2, 100];
    it(`${receivers} receivers on one database take ${receivers} × ${each} records at once: exactly ${receivers * each} rows, and the chain verifies`, async () => {
      const db = await database.fresh();
      // All start together (their migrations take turns).
      const serves = await Promise.all(Array.from({length: receivers}, () => startServe(db, ['--rate', '0'])));
      try {
        const statuses = await Promise.all(
          serves.map((serve) =>
            postAll(
              `${serve.url}/records`,
              Array.from({length: each}, () => record()),
              16
            )
          )
        );
        assert.deepEqual([...new Set(statuses.flat())], [204]);
      } finally {
        await Promise.all(serves.map((serve) => serve.stop()));
      }
      assert.deepEqual(await countRows(db), {record: receivers * each});
      const verified = await cli(['records', 'verify', '--db', db]);
      assert.equal(verified.code, 0, verified.stdout);
      assert.match(verified.stdout, new RegExp(`^The chain holds: rows 1 to ${receivers * each}: ${receivers * each} record\\(s\\)`, 'm'));
    });

    it('a receiver killed with SIGKILL mid-load loses no record it answered 204 for', async () => {
      const db = await database.fresh();
      const serve = await startServe(db, ['--rate', '0']);
      const answered = [];
      let killed = false;
      const senders = Array.from({length: 16}, async () => {
        while (!killed) {
          const sent = record();
          try {
            const response = await post(`${serve.url}/records`, sent);
            if (response.status === 204) answered.push(sent.id);
          } catch {
            // The receiver is gone: what was not answered may or may not be stored.
          }
        }
      });
      // 300 answered, or a minute: a receiver that never answers 204 fails here, not at the file's timeout.
      const until = Date.now() + 60_000;
      while (answered.length < 300 && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 10));
      if (answered.length < 300) {
        killed = true;
        await Promise.all(senders);
        await serve.stop();
        assert.fail(`only ${answered.length} of 300 records were answered 204 within a minute`);
      }
      await stop(serve.child, 'SIGKILL');
      killed = true;
      await Promise.all(senders);
      const raw = await rawDatabase(db);
      try {
        const stored = new Set((await raw.query('SELECT consent_id FROM consent_records')).map((r) => r.consent_id));
        const lost = answered.filter((id) => !stored.has(id));
        assert.deepEqual(lost, [], `${lost.length} of ${answered.length} records answered 204 were lost`);
      } finally {
        await raw.close();
      }
      assert.equal((await cli(['records', 'verify', '--db', db])).code, 0);
    });
  });
}

describe('records commands: what stops them (exit 2, one line)', () => {
  it('needs a database, takes DATABASE_URL, and names a missing one', async () => {
    const none = await cli(['records', 'verify'], {env: {DATABASE_URL: ''}});
    assert.equal(none.code, 2);
    assert.equal(
      none.stderr,
      'consent-banner: records verify needs the database: --db records.sqlite, --db postgres://…, or DATABASE_URL\n'
    );
    const missing = await cli(['records', 'stats'], {env: {DATABASE_URL: join(dbs.dir, 'nowhere.sqlite')}});
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /^consent-banner: no SQLite database at .*nowhere\.sqlite\n$/);
    const unreachable = await cli(['records', 'verify', '--db', 'postgres://nobody@127.0.0.1:1/none']);
    assert.equal(unreachable.code, 2);
    assert.match(
      unreachable.stderr,
      /^consent-banner: cannot reach the PostgreSQL database postgres:\/\/nobody@127\.0\.0\.1:1\/none: .*\n$/
    );
    const wrong = await cli(['records', 'export', '--db', 'x.sqlite', '--format', 'xml']);
    assert.equal(wrong.code, 2);
    assert.equal(
      (await cli(['records', 'serve', '--db', 'x.sqlite', '--keep', 'soon'])).stderr,
      'consent-banner: --keep takes a duration such as 6y, 18m, 400d, or forever; got "soon"\n'
    );
    assert.equal(
      (await cli(['records', 'verify', '--db', 'x.sqlite', '--port', '1'])).stderr,
      'consent-banner: records verify does not take --port\n'
    );
  });

  it('without the driver installed: one line saying what to install, exit 2', async () => {
    // The built CLI where no node_modules can be found: as in a project that installed consent-banner alone.
    const alone = mkdtempSync(join(tmpdir(), 'consent-records-alone-'));
    try {
      copyFileSync(`${root}dist/cli.js`, join(alone, 'cli.js'));
      writeFileSync(join(alone, 'run.mjs'), "import {run} from './cli.js';\nawait run(process.argv.slice(2));\n");
      writeFileSync(join(alone, 'empty.sqlite'), '');
      const run = (args) =>
        new Promise((resolve) =>
          execFile(process.execPath, [join(alone, 'run.mjs'), ...args], {cwd: alone}, (error, stdout, stderr) =>
            resolve({code: error?.code ?? 0, stdout, stderr})
          )
        );
      const sqlite = await run(['records', 'verify', '--db', join(alone, 'empty.sqlite')]);
      assert.deepEqual(
        [sqlite.code, sqlite.stderr],
        [2, 'consent-banner: a SQLite database needs the libsql package: npm install libsql\n']
      );
      const postgres = await run(['records', 'stats', '--db', 'postgres://127.0.0.1/x']);
      assert.deepEqual(
        [postgres.code, postgres.stderr],
        [2, 'consent-banner: a PostgreSQL database needs the pg package: npm install pg\n']
      );
    } finally {
      rmSync(alone, {recursive: true, force: true});
    }
  });
});
