import {chainHashSql} from './chain.js';
import type {Dialect, Sql} from './db.js';

/*
 * The one set of migrations, for SQLite and PostgreSQL alike: numbered, applied in order, each
 * once, in one transaction with the version it brings. A statement is one text for both, with
 * two words that the dialects spell differently ({seq}: the row number as primary key; {bytes}:
 * a SHA-256), or, where their languages differ (triggers), one text per dialect.
 *
 * consent_records is append-only: a trigger refuses UPDATE and DELETE (and PostgreSQL's
 * TRUNCATE). The retention purge alone deletes, a prefix of the chain, with a checkpoint row
 * (store.ts), by turning records_purge.allowed on inside its own transaction. Whoever can write
 * the database can do the same: the hash chain, checked against a head kept elsewhere
 * (`records verify --head`), is what shows an edit.
 *
 * On PostgreSQL, a batch of records is appended by one function call (version 2,
 * consent_records_append): one statement, its own transaction, one round trip to the server,
 * where the steps of store.ts's append (lock the head, leave out the records already stored,
 * chain, insert, move the head, count) would each be one. SQLite is in the process: it runs
 * those steps from store.ts.
 */

type Statement = string | Record<Dialect, string>;

interface Migration {
  version: number;
  statements: Statement[];
}

const WORDS: Record<Dialect, Record<string, string>> = {
  // INTEGER PRIMARY KEY is SQLite's row id itself: no second index.
  sqlite: {seq: 'INTEGER PRIMARY KEY', bytes: 'BLOB'},
  postgres: {seq: 'BIGINT PRIMARY KEY', bytes: 'BYTEA'},
};

export const MIGRATIONS: Migration[] = [
  {
    version: 1,
    statements: [
      // One row per record (kind 'record') or per retention checkpoint (kind 'checkpoint'). body:
      // the record as received, in canonical JSON; record_hash: its SHA-256; prev_hash: the
      // chain's value after the previous row (chain.ts). consent_id, decided_at (the record's
      // timestamp, ms) and method repeat the body's, for the look-ups and the dedupe.
      `CREATE TABLE consent_records (
        seq {seq},
        received_at BIGINT NOT NULL,
        kind TEXT NOT NULL,
        consent_id TEXT,
        decided_at BIGINT,
        method TEXT,
        body TEXT NOT NULL,
        record_hash {bytes} NOT NULL,
        prev_hash {bytes} NOT NULL
      )`,
      // A retried beacon (the same id, timestamp and method) is stored once; it also serves `export --id`.
      'CREATE UNIQUE INDEX consent_records_once ON consent_records (consent_id, decided_at, method)',
      'CREATE INDEX consent_records_decided ON consent_records (decided_at)',
      // The chain's head: the last row and the chain's value after it. Writers lock it in turn.
      'CREATE TABLE consent_records_head (one INTEGER PRIMARY KEY CHECK (one = 1), seq BIGINT NOT NULL, hash {bytes} NOT NULL)',
      'CREATE TABLE consent_records_purge (one INTEGER PRIMARY KEY CHECK (one = 1), allowed INTEGER NOT NULL)',
      'INSERT INTO consent_records_purge (one, allowed) VALUES (1, 0)',
      {
        sqlite: `CREATE TRIGGER consent_records_no_update BEFORE UPDATE ON consent_records
          BEGIN SELECT RAISE(ABORT, 'consent_records is append-only'); END`,
        postgres: `CREATE FUNCTION consent_records_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
          BEGIN
            IF TG_OP = 'DELETE' AND (SELECT allowed FROM consent_records_purge) = 1 THEN RETURN OLD; END IF;
            RAISE EXCEPTION 'consent_records is append-only';
          END $$`,
      },
      {
        sqlite: `CREATE TRIGGER consent_records_no_delete BEFORE DELETE ON consent_records
          WHEN (SELECT allowed FROM consent_records_purge) = 0
          BEGIN SELECT RAISE(ABORT, 'consent_records is append-only'); END`,
        postgres: `CREATE TRIGGER consent_records_append_only BEFORE UPDATE OR DELETE ON consent_records
          FOR EACH ROW EXECUTE FUNCTION consent_records_append_only()`,
      },
      {
        sqlite: 'SELECT 1',
        postgres: `CREATE TRIGGER consent_records_no_truncate BEFORE TRUNCATE ON consent_records
          FOR EACH STATEMENT EXECUTE FUNCTION consent_records_append_only()`,
      },
      // The manifests the records answered (`records publish`), by the banner's manifestHash.
      'CREATE TABLE consent_manifests (hash TEXT PRIMARY KEY, published_at BIGINT NOT NULL, body TEXT NOT NULL)',
      // Consent rates (`records stats`, GET /stats): counts per day (UTC, of the decision), never a
      // visitor. Kept when the records they count are purged.
      'CREATE TABLE consent_stats_purposes (day TEXT NOT NULL, purpose TEXT NOT NULL, answers BIGINT NOT NULL, yes BIGINT NOT NULL, PRIMARY KEY (day, purpose))',
      'CREATE TABLE consent_stats_methods (day TEXT NOT NULL, method TEXT NOT NULL, decisions BIGINT NOT NULL, PRIMARY KEY (day, method))',
    ],
  },
  {
    version: 2,
    statements: [
      {
        sqlite: 'SELECT 1',
        // store.ts's append on the server: the records of a batch as parallel arrays (position i
        // of each is record i; its answers are the positions of answer_of that hold i), received
        // at `received` (ms). Returns, for each record, whether it was stored (false: the same
        // id, decision time and method is already there, or earlier in the batch). Its statements
        // are planned at each call, with the batch's arrays and the table as it is then: a plan
        // kept from the first calls, made while the table was small, looked for the records
        // already there by reading the whole table, and a batch took longer with every row.
        postgres: `CREATE FUNCTION consent_records_append(
            received BIGINT, ids TEXT[], decided BIGINT[], methods TEXT[], days TEXT[], bodies TEXT[], hashes BYTEA[],
            answer_of INTEGER[], answer_purposes TEXT[], answer_yes BOOLEAN[]
          ) RETURNS BOOLEAN[] LANGUAGE plpgsql SET plan_cache_mode = force_custom_plan AS $$
          DECLARE
            head_seq BIGINT;
            head_hash BYTEA;
            fresh BOOLEAN[];
            taken INTEGER[] := '{}';
            seqs BIGINT[] := '{}';
            prevs BYTEA[] := '{}';
          BEGIN
            -- The head, locked until the commit: receivers on this database append in turn.
            SELECT seq, hash INTO head_seq, head_hash FROM consent_records_head WHERE one = 1 FOR UPDATE;
            fresh := ARRAY(
              SELECT b.n = 1 AND NOT EXISTS (
                SELECT 1 FROM consent_records r WHERE r.consent_id = b.id AND r.decided_at = b.at AND r.method = b.how)
              FROM (SELECT u.i, u.id, u.at, u.how, row_number() OVER (PARTITION BY u.id, u.at, u.how ORDER BY u.i) AS n
                    FROM unnest(ids, decided, methods) WITH ORDINALITY AS u(id, at, how, i)) AS b
              ORDER BY b.i);
            FOR i IN 1 .. coalesce(array_length(ids, 1), 0) LOOP
              CONTINUE WHEN NOT fresh[i];
              head_seq := head_seq + 1;
              taken := taken || i;
              seqs := seqs || head_seq;
              prevs := prevs || head_hash;
              head_hash := ${chainHashSql('head_hash', 'head_seq', 'received', "'record'", 'hashes[i]')};
            END LOOP;
            IF cardinality(taken) = 0 THEN RETURN fresh; END IF;
            INSERT INTO consent_records (seq, received_at, kind, consent_id, decided_at, method, body, record_hash, prev_hash)
              SELECT t.s, received, 'record', ids[t.i], decided[t.i], methods[t.i], bodies[t.i], hashes[t.i], t.p
              FROM unnest(taken, seqs, prevs) AS t(i, s, p) ORDER BY t.s;
            UPDATE consent_records_head SET seq = head_seq, hash = head_hash WHERE one = 1;
            INSERT INTO consent_stats_purposes (day, purpose, answers, yes)
              SELECT days[a.i], a.purpose, count(*), count(*) FILTER (WHERE a.yes)
              FROM unnest(answer_of, answer_purposes, answer_yes) AS a(i, purpose, yes) WHERE fresh[a.i] GROUP BY 1, 2
              ON CONFLICT (day, purpose) DO UPDATE
              SET answers = consent_stats_purposes.answers + excluded.answers, yes = consent_stats_purposes.yes + excluded.yes;
            INSERT INTO consent_stats_methods (day, method, decisions)
              SELECT days[t.i], methods[t.i], count(*) FROM unnest(taken) AS t(i) GROUP BY 1, 2
              ON CONFLICT (day, method) DO UPDATE SET decisions = consent_stats_methods.decisions + excluded.decisions;
            RETURN fresh;
          END $$`,
      },
    ],
  },
];

const text = (statement: Statement, dialect: Dialect) =>
  (typeof statement === 'string' ? statement : statement[dialect]).replace(/\{(\w+)\}/g, (_, word: string) => WORDS[dialect][word]);

/** The latest version this code knows. */
export const LATEST = MIGRATIONS.at(-1)!.version;

/**
 * Brings the database to the latest version: the migrations it lacks, in order, in one
 * transaction. Several receivers starting at once on one PostgreSQL take turns (an advisory
 * lock); a database of a later version than this code is refused.
 */
export async function migrate(sql: Sql, zeroHash: Uint8Array): Promise<void> {
  await sql.transaction(async (tx) => {
    if (tx.dialect === 'postgres') await tx.query('SELECT pg_advisory_xact_lock(2702700001)');
    await tx.query('CREATE TABLE IF NOT EXISTS consent_records_migrations (version INTEGER PRIMARY KEY, applied_at BIGINT NOT NULL)');
    const [{version}] = await tx.query<{version: number | null}>('SELECT MAX(version) AS version FROM consent_records_migrations');
    const current = Number(version ?? 0);
    if (current > LATEST) {
      throw new Error(
        `the database is at version ${current} of the records' tables, this consent-banner knows ${LATEST}: upgrade consent-banner`
      );
    }
    for (const migration of MIGRATIONS.filter((m) => m.version > current)) {
      for (const statement of migration.statements) await tx.query(text(statement, tx.dialect));
      if (migration.version === 1) await tx.query('INSERT INTO consent_records_head (one, seq, hash) VALUES (1, 0, ?)', [zeroHash]);
      await tx.query('INSERT INTO consent_records_migrations (version, applied_at) VALUES (?, ?)', [migration.version, Date.now()]);
    }
  });
}
