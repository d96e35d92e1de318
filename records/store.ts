import {canonicalJson} from '../src/core/hash.js';
import type {SentRecord} from '../src/core/record-contract.js';
import {chainHash, hex, sha256, ZERO_HASH} from './chain.js';
import {openDatabase} from './db.js';
import type {OpenOptions, Row, Sql} from './db.js';
import {migrate} from './migrations.js';

/*
 * The records' storage, the same for SQLite and PostgreSQL: records appended in batches (one
 * transaction each, holding the chain's head), manifests published under their hash, rows read
 * back in order (verify, export), consent rates counted as records arrive, and the retention
 * purge. Every write takes the head's lock first, so receivers in several processes on one
 * database append one after another and the chain stays one line.
 */

/** A row of consent_records as verify and export read it. */
export interface StoredRow {
  seq: number;
  receivedAt: number;
  kind: 'record' | 'checkpoint';
  consentId: string | null;
  decidedAt: number | null;
  method: string | null;
  body: string;
  recordHash: Uint8Array;
  prevHash: Uint8Array;
}

/** A retention checkpoint's body: which rows were purged, and the chain's value after the last of them. */
export interface Checkpoint {
  checkpoint: {purged: {from: number; through: number; rows: number}; head: string; before: string};
}

/** What became of each record of a batch: stored, or already there (a retried beacon). */
export type Appended = 'stored' | 'duplicate';

export interface StatsRow {
  day: string;
  purpose: string;
  answers: number;
  yes: number;
}
export interface MethodRow {
  day: string;
  method: string;
  decisions: number;
}

const MINUTE = 60_000;
/** At most this many rows in one INSERT (PostgreSQL takes 65,535 parameters, SQLite 32,766). */
const CHUNK = 500;

const bytes = (value: unknown): Uint8Array => (value instanceof Uint8Array ? value : new Uint8Array(value as ArrayBuffer));

const toRow = (row: Row): StoredRow => ({
  seq: Number(row.seq),
  receivedAt: Number(row.received_at),
  kind: row.kind as StoredRow['kind'],
  consentId: (row.consent_id as string | null) ?? null,
  decidedAt: row.decided_at === null ? null : Number(row.decided_at),
  method: (row.method as string | null) ?? null,
  body: row.body as string,
  recordHash: bytes(row.record_hash),
  prevHash: bytes(row.prev_hash),
});

/** `(?, ?, ?), (?, ?, ?)`: `rows` groups of `columns` placeholders. */
const placeholders = (rows: number, columns: number) =>
  Array.from({length: rows}, () => `(${Array(columns).fill('?').join(', ')})`).join(', ');

/**
 * The purposes a decision answers now, with the answer: those of `purposes` answered in the
 * decision's minute (the others keep an earlier answer, counted when it was given).
 */
export function answersOf(record: SentRecord): [string, boolean][] {
  const minute = Math.floor(Date.parse(record.timestamp) / MINUTE);
  return Object.entries(record.purposes ?? {})
    .filter(([, entry]) => Number(entry.slice(0, entry.indexOf('.'))) === minute)
    .map(([id]) => [id, record.categories[id] === true]);
}

const COLUMNS = 'seq, received_at, kind, consent_id, decided_at, method, body, record_hash, prev_hash';

export class RecordStore {
  private constructor(readonly sql: Sql) {}

  /** Opens the database and brings its tables to this version (README, “Proof of consent”). */
  static async open(db: string, options: OpenOptions = {}): Promise<RecordStore> {
    const sql = await openDatabase(db, options);
    try {
      await migrate(sql, ZERO_HASH);
    } catch (error) {
      await sql.close().catch(() => undefined);
      throw error;
    }
    return new RecordStore(sql);
  }

  close(): Promise<void> {
    return this.sql.close();
  }

  /** The head, locked until the transaction ends (SQLite's BEGIN IMMEDIATE already holds it). */
  private static async lockHead(tx: Sql): Promise<{seq: number; hash: Uint8Array}> {
    const lock = tx.dialect === 'postgres' ? ' FOR UPDATE' : '';
    const [head] = await tx.query('SELECT seq, hash FROM consent_records_head WHERE one = 1' + lock);
    return {seq: Number(head.seq), hash: bytes(head.hash)};
  }

  /** Appends rows after the head, in one statement per CHUNK, and moves the head. */
  private static async appendRows(
    tx: Sql,
    head: {seq: number; hash: Uint8Array},
    rows: {kind: string; body: string; consentId?: string; decidedAt?: number; method?: string}[],
    now: number
  ) {
    let {seq, hash} = head;
    const values: unknown[][] = [];
    for (const row of rows) {
      seq += 1;
      const recordHash = sha256(row.body);
      values.push([seq, now, row.kind, row.consentId ?? null, row.decidedAt ?? null, row.method ?? null, row.body, recordHash, hash]);
      hash = chainHash(hash, seq, now, row.kind, recordHash);
    }
    for (let i = 0; i < values.length; i += CHUNK) {
      const chunk = values.slice(i, i + CHUNK);
      await tx.query(`INSERT INTO consent_records (${COLUMNS}) VALUES ${placeholders(chunk.length, 9)}`, chunk.flat());
    }
    await tx.query('UPDATE consent_records_head SET seq = ?, hash = ? WHERE one = 1', [seq, hash]);
    return {seq, hash};
  }

  /**
   * Stores `records` (each already through parseRecord) in one transaction, durably committed
   * when the promise resolves; a record already stored (the same id, timestamp and method: a
   * retried beacon) is not stored again. Rejects, storing nothing, when the database fails.
   */
  append(records: SentRecord[], now = Date.now()): Promise<Appended[]> {
    if (this.sql.dialect === 'postgres') return this.appendOnServer(records, now);
    return this.sql.transaction(async (tx) => {
      const head = await RecordStore.lockHead(tx);
      const keyOf = (id: string, decidedAt: number, method: string) => `${id} ${decidedAt} ${method}`;
      const known = new Set<string>();
      const ids = [...new Set(records.map((r) => r.id))];
      for (let i = 0; i < ids.length; i += CHUNK) {
        const chunk = ids.slice(i, i + CHUNK);
        const found = await tx.query(
          `SELECT consent_id, decided_at, method FROM consent_records WHERE consent_id IN (${chunk.map(() => '?').join(', ')})`,
          chunk
        );
        for (const row of found) known.add(keyOf(row.consent_id as string, Number(row.decided_at), row.method as string));
      }
      const outcome: Appended[] = [];
      const fresh: SentRecord[] = [];
      for (const record of records) {
        const key = keyOf(record.id, Date.parse(record.timestamp), record.method);
        if (known.has(key)) {
          outcome.push('duplicate');
          continue;
        }
        known.add(key);
        fresh.push(record);
        outcome.push('stored');
      }
      if (!fresh.length) return outcome;
      await RecordStore.appendRows(
        tx,
        head,
        fresh.map((record) => ({
          kind: 'record',
          body: canonicalJson(record),
          consentId: record.id,
          decidedAt: Date.parse(record.timestamp),
          method: record.method,
        })),
        now
      );
      await RecordStore.count(tx, fresh);
      return outcome;
    });
  }

  /**
   * PostgreSQL: append as above, in one round trip: the function consent_records_append
   * (migrations.ts) does the same steps on the server, in the statement's own transaction, which
   * has committed (synchronous_commit=on: its WAL on disk) when the answer arrives.
   */
  private async appendOnServer(records: SentRecord[], now: number): Promise<Appended[]> {
    const answerOf: number[] = [];
    const answerPurposes: string[] = [];
    const answerYes: boolean[] = [];
    records.forEach((record, i) => {
      for (const [purpose, yes] of answersOf(record)) (answerOf.push(i + 1), answerPurposes.push(purpose), answerYes.push(yes));
    });
    const bodies = records.map((record) => canonicalJson(record));
    const [{stored}] = await this.sql.query<{stored: boolean[]}>('SELECT consent_records_append(?, ?, ?, ?, ?, ?, ?, ?, ?, ?) AS stored', [
      now,
      records.map((record) => record.id),
      records.map((record) => Date.parse(record.timestamp)),
      records.map((record) => record.method),
      records.map((record) => record.timestamp.slice(0, 10)),
      bodies,
      bodies.map((body) => sha256(body)),
      answerOf,
      answerPurposes,
      answerYes,
    ]);
    return stored.map((fresh) => (fresh ? 'stored' : 'duplicate'));
  }

  /** Adds the batch's answers and methods to the day's counts. */
  private static async count(tx: Sql, records: SentRecord[]) {
    const purposes = new Map<string, {day: string; purpose: string; answers: number; yes: number}>();
    const methods = new Map<string, {day: string; method: string; decisions: number}>();
    for (const record of records) {
      const day = record.timestamp.slice(0, 10);
      const method = methods.get(`${day} ${record.method}`) ?? {day, method: record.method, decisions: 0};
      method.decisions += 1;
      methods.set(`${day} ${record.method}`, method);
      for (const [purpose, yes] of answersOf(record)) {
        const count = purposes.get(`${day} ${purpose}`) ?? {day, purpose, answers: 0, yes: 0};
        count.answers += 1;
        count.yes += Number(yes);
        purposes.set(`${day} ${purpose}`, count);
      }
    }
    const upsert = async (table: string, key: string, columns: string[], rows: Record<string, unknown>[]) => {
      for (let i = 0; i < rows.length; i += CHUNK) {
        const chunk = rows.slice(i, i + CHUNK);
        const sums = columns
          .slice(2)
          .map((c) => `${c} = ${table}.${c} + excluded.${c}`)
          .join(', ');
        await tx.query(
          `INSERT INTO ${table} (${columns.join(', ')}) VALUES ${placeholders(chunk.length, columns.length)} ON CONFLICT (${key}) DO UPDATE SET ${sums}`,
          chunk.flatMap((row) => columns.map((c) => row[c]))
        );
      }
    };
    await upsert('consent_stats_purposes', 'day, purpose', ['day', 'purpose', 'answers', 'yes'], [...purposes.values()]);
    await upsert('consent_stats_methods', 'day, method', ['day', 'method', 'decisions'], [...methods.values()]);
  }

  /** Keeps a manifest under its hash (`records publish`); false when that hash was already published. */
  publish(hash: string, manifestText: string, now = Date.now()): Promise<boolean> {
    return this.sql.transaction(async (tx) => {
      const [known] = await tx.query('SELECT hash FROM consent_manifests WHERE hash = ?', [hash]);
      if (known) return false;
      await tx.query('INSERT INTO consent_manifests (hash, published_at, body) VALUES (?, ?, ?)', [hash, now, manifestText]);
      return true;
    });
  }

  /** The published manifests among `hashes`: hash → {publishedAt, body}. */
  async manifests(hashes: string[]): Promise<Map<string, {publishedAt: number; body: string}>> {
    const found = new Map<string, {publishedAt: number; body: string}>();
    for (let i = 0; i < hashes.length; i += CHUNK) {
      const chunk = hashes.slice(i, i + CHUNK);
      if (!chunk.length) continue;
      const rows = await this.sql.query(
        `SELECT hash, published_at, body FROM consent_manifests WHERE hash IN (${chunk.map(() => '?').join(', ')})`,
        chunk
      );
      for (const row of rows) found.set(row.hash as string, {publishedAt: Number(row.published_at), body: row.body as string});
    }
    return found;
  }

  /** The head: the last row's number and the chain's value after it (zeros and 0 when empty). */
  async head(): Promise<{seq: number; hash: Uint8Array}> {
    const [head] = await this.sql.query('SELECT seq, hash FROM consent_records_head WHERE one = 1');
    return {seq: Number(head.seq), hash: bytes(head.hash)};
  }

  /** Rows after `seq`, in order, `limit` at most: verify and export walk the table in pages, in flat memory. */
  async rowsAfter(seq: number, limit = 1000): Promise<StoredRow[]> {
    return (await this.sql.query(`SELECT ${COLUMNS} FROM consent_records WHERE seq > ? ORDER BY seq LIMIT ?`, [seq, limit])).map(toRow);
  }

  /** The checkpoints the purges left, oldest first. */
  async checkpoints(): Promise<StoredRow[]> {
    return (await this.sql.query(`SELECT ${COLUMNS} FROM consent_records WHERE kind = 'checkpoint' ORDER BY seq`)).map(toRow);
  }

  /**
   * The records of one consent id, or those decided between `from` and `to` (ms, `to`
   * excluded), in the order of their decisions, a page at a time: those after the row `after`.
   */
  async records({id, from, to}: {id?: string; from?: number; to?: number}, after?: StoredRow, limit = 1000): Promise<StoredRow[]> {
    const where = ["kind = 'record'"];
    const params: unknown[] = [];
    if (after) (where.push('(decided_at > ? OR (decided_at = ? AND seq > ?))'), params.push(after.decidedAt, after.decidedAt, after.seq));
    if (id !== undefined) (where.push('consent_id = ?'), params.push(id));
    if (from !== undefined) (where.push('decided_at >= ?'), params.push(from));
    if (to !== undefined) (where.push('decided_at < ?'), params.push(to));
    const rows = await this.sql.query(
      `SELECT ${COLUMNS} FROM consent_records WHERE ${where.join(' AND ')} ORDER BY decided_at, seq LIMIT ?`,
      [...params, limit]
    );
    return rows.map(toRow);
  }

  /** The counts of the days from `from` to `to` (YYYY-MM-DD, both included). */
  async stats({from, to}: {from?: string; to?: string} = {}): Promise<{purposes: StatsRow[]; methods: MethodRow[]}> {
    const where: string[] = [];
    const params: string[] = [];
    if (from) (where.push('day >= ?'), params.push(from));
    if (to) (where.push('day <= ?'), params.push(to));
    const clause = where.length ? ` WHERE ${where.join(' AND ')}` : '';
    const purposes = await this.sql.query(
      `SELECT day, purpose, answers, yes FROM consent_stats_purposes${clause} ORDER BY day, purpose`,
      params
    );
    const methods = await this.sql.query(`SELECT day, method, decisions FROM consent_stats_methods${clause} ORDER BY day, method`, params);
    return {
      purposes: purposes.map((r) => ({day: r.day as string, purpose: r.purpose as string, answers: Number(r.answers), yes: Number(r.yes)})),
      methods: methods.map((r) => ({day: r.day as string, method: r.method as string, decisions: Number(r.decisions)})),
    };
  }

  /**
   * Retention: deletes the records received before `before` (ms), and the rows before them,
   * then appends a checkpoint row saying which rows went and the chain's value after the last of
   * them, so that what stays still verifies. Returns how many rows went (0: nothing to purge).
   */
  purge(before: number, now = Date.now()): Promise<{rows: number; through: number}> {
    return this.sql.transaction(async (tx) => {
      const head = await RecordStore.lockHead(tx);
      const [last] = await tx.query("SELECT MAX(seq) AS seq FROM consent_records WHERE kind = 'record' AND received_at < ?", [before]);
      const through = last?.seq === null || last?.seq === undefined ? 0 : Number(last.seq);
      if (!through) return {rows: 0, through: 0};
      const [{first, rows}] = await tx.query('SELECT MIN(seq) AS first, COUNT(*) AS rows FROM consent_records WHERE seq <= ?', [through]);
      // The chain's value after row `through`: what the next row follows, or the head.
      const [next] = await tx.query('SELECT prev_hash FROM consent_records WHERE seq = ?', [through + 1]);
      const value = next ? bytes(next.prev_hash) : head.hash;
      await tx.query('UPDATE consent_records_purge SET allowed = 1 WHERE one = 1');
      await tx.query('DELETE FROM consent_records WHERE seq <= ?', [through]);
      await tx.query('UPDATE consent_records_purge SET allowed = 0 WHERE one = 1');
      const checkpoint: Checkpoint = {
        checkpoint: {purged: {from: Number(first), through, rows: Number(rows)}, head: hex(value), before: new Date(before).toISOString()},
      };
      await RecordStore.appendRows(tx, head, [{kind: 'checkpoint', body: canonicalJson(checkpoint)}], now);
      return {rows: Number(rows), through};
    });
  }
}
