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
