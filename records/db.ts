import {existsSync, statSync} from 'node:fs';
import {resolve} from 'node:path';

/*
 * The two databases behind one small interface: SQLite (a file, through the `libsql` driver) and
 * PostgreSQL (a URL, through `pg`). Both drivers are optional peer dependencies, loaded here and
 * nowhere else, only when a records command or handler opens a database: a site that only wants
 * the banner installs neither. SQL is written once with `?` placeholders (PostgreSQL's `$1…` are
 * numbered here); the few statements whose syntax differs (triggers, the write lock) say so where
 * they are written.
 *
 * Durability (README, “Proof of consent”): a transaction has returned only once it is on disk.
 * SQLite runs in WAL mode with `synchronous=FULL` (every commit fsyncs the log); PostgreSQL's
 * sessions run with `synchronous_commit=on` (a commit waits for its WAL flush).
 */

export type Dialect = 'sqlite' | 'postgres';
export type Row = Record<string, unknown>;

export interface Sql {
  readonly dialect: Dialect;
  /** The rows of `sql` (none for a statement that returns none). */
  query<T extends Row = Row>(sql: string, params?: readonly unknown[]): Promise<T[]>;
  /**
   * Runs `body` in one transaction that holds the write lock from its start (SQLite: BEGIN
   * IMMEDIATE; PostgreSQL: the rows `body` locks), committed when it resolves, rolled back when
   * it throws. Transactions of one Sql take turns.
   */
  transaction<T>(body: (sql: Sql) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** A database that cannot be opened: a driver missing, a file or server that is not there. Its message is one line for a person. */
export class DatabaseError extends Error {
  constructor(
    message: string,
    /** `driver`: the driver package is not installed (the CLI exits 2 with this line). */
    readonly kind: 'driver' | 'open' = 'open'
  ) {
    super(message);
  }
}

/** Where the records are: a PostgreSQL URL, else a SQLite file. */
export const dialectOf = (db: string): Dialect => (/^postgres(ql)?:\/\//i.test(db) ? 'postgres' : 'sqlite');

/** The URL without its password, for messages. */
export function describeDatabase(db: string): string {
  if (dialectOf(db) === 'sqlite') return db;
  try {
    const url = new URL(db);
    if (url.password) url.password = '***';
    return url.href;
  } catch {
    return 'the PostgreSQL URL';
  }
}

/** `import(entry)` (the package `name`, or a module of it), or a DatabaseError naming the package to install. */
async function driver<T>(name: string, what: string, entry = name): Promise<T> {
  try {
    return (await import(entry)) as T;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') {
      throw new DatabaseError(`${what} needs the ${name} package: npm install ${name}`, 'driver');
    }
    throw new DatabaseError(`${what}: the ${name} package does not load (${(error as Error).message})`, 'driver');
  }
}

/** Serialises async work: each call waits for the previous one to settle. */
function turns() {
  let last: Promise<unknown> = Promise.resolve();
  return <T>(work: () => Promise<T>): Promise<T> => {
    const next = last.then(work, work);
    last = next.catch(() => undefined);
    return next;
  };
}

export interface OpenOptions {
  /** Create the SQLite file when it does not exist (serve does; verify, export and stats do not). */
  create?: boolean;
  /**
   * How long a writer waits for another one's lock before failing (ms; default 5000): SQLite's
   * busy_timeout, PostgreSQL's lock_timeout (a table locked by hand, a receiver stuck in its
   * transaction: the records are answered 503 instead of waiting for ever).
   */
  busyTimeout?: number;
  /** PostgreSQL: at most this many connections (default 4). */
  connections?: number;
}

/** Opens the database `db` names: a SQLite file path, or a `postgres://` URL. */
export async function openDatabase(db: string, options: OpenOptions = {}): Promise<Sql> {
  return dialectOf(db) === 'postgres' ? openPostgres(db, options) : openSqlite(db, options);
}

/*
 * libsql's promise API (libsql/promise): its exec runs on a thread of its own, so that what waits
 * (BEGIN IMMEDIATE behind another process's write, up to the busy timeout) or writes to disk
 * (COMMIT's fsync, and the WAL checkpoint SQLite runs after a commit now and then) leaves the
 * event loop free to take the next records; a statement's run is in the thread that calls it.
 */
interface LibsqlStatement {
  readonly reader: boolean;
  all(params: unknown[]): Promise<Row[]>;
  run(params?: unknown[]): unknown;
}
interface LibsqlDatabase {
  prepare(sql: string): Promise<LibsqlStatement>;
  exec(sql: string): Promise<void>;
  close(): void;
}

async function openSqlite(path: string, {create = false, busyTimeout = 5000}: OpenOptions): Promise<Sql> {
  if (!create && !existsSync(path)) throw new DatabaseError(`no SQLite database at ${path}`);
  const {default: Database} = await driver<{default: new (path: string) => LibsqlDatabase}>(
    'libsql',
    'a SQLite database',
    'libsql/promise'
  );
  let db: LibsqlDatabase;
  try {
    db = new Database(path);
    // WAL, and an fsync of the log at every commit: a record answered 204 survives a crash or a
    // power cut. busy_timeout: writers of several processes on one file wait their turn.
    await db.exec(`PRAGMA busy_timeout = ${Math.floor(busyTimeout)}`);
    await db.exec('PRAGMA journal_mode = WAL');
    await db.exec('PRAGMA synchronous = FULL');
  } catch (error) {
    throw new DatabaseError(`cannot open the SQLite database ${path}: ${(error as Error).message}`);
  }
  // The file opened, by its identity. A database file deleted or replaced while open is still
  // written by SQLite in WAL mode, without a word, into the unlinked file, where no one will find
  // the records: a transaction checks, before it begins and once it has committed, that the path
  // still names the file it opened, and fails otherwise (503: the receiver must be restarted).
  const file = resolve(path);
  const identity = () => {
    try {
      const {dev, ino} = statSync(file);
      return `${dev}:${ino}`;
    } catch {
      return 'gone';
    }
  };
  const opened = identity();
  const stillThere = () => {
    if (identity() !== opened) throw new Error(`the SQLite database ${path} is gone: deleted or replaced since it was opened`);
  };
  const statements = new Map<string, Promise<LibsqlStatement>>();
  const prepared = (sql: string) => {
    let statement = statements.get(sql);
    if (!statement) {
      statements.set(sql, (statement = db.prepare(sql)));
      statement.catch(() => statements.delete(sql));
    }
    return statement;
  };
  // Values as SQLite takes them: booleans as 0/1, Buffers as blobs.
  const bind = (params: readonly unknown[]) => params.map((p) => (typeof p === 'boolean' ? Number(p) : p));
  // Parameters go as one array: libsql 0.5 takes a lone Buffer given as an argument for named
  // parameters and aborts the process (tursodatabase/libsql-js#234).
  const query = async <T extends Row>(sql: string, params: readonly unknown[] = []): Promise<T[]> => {
    const statement = await prepared(sql);
    if (statement.reader) {
      // libsql adds a `_metadata` member to each row: the columns alone.
      return (await statement.all(bind(params))).map((row) => {
        const {_metadata, ...columns} = row;
        return columns as T;
      });
    }
    statement.run(bind(params));
    return [];
  };
  const inTurn = turns();
  const sql: Sql = {
    dialect: 'sqlite',
    query,
    transaction: (body) =>
      inTurn(async () => {
        stillThere();
        await db.exec('BEGIN IMMEDIATE');
        try {
          const result = await body(sql);
          await db.exec('COMMIT');
          stillThere();
          return result;
        } catch (error) {
          // Unless the transaction is already gone (SQLite rolled it back itself).
          await db.exec('ROLLBACK').catch(() => undefined);
          throw error;
        }
      }),
    close: async () => inTurn(async () => db.close()),
  };
  return sql;
}

interface PgClient {
  query(sql: string, params?: readonly unknown[]): Promise<{rows: Row[]}>;
  release(error?: Error | boolean): void;
  on(event: 'error', listener: (error: Error) => void): void;
  off(event: 'error', listener: (error: Error) => void): void;
}
interface PgPool {
  connect(): Promise<PgClient>;
  query(sql: string, params?: readonly unknown[]): Promise<{rows: Row[]}>;
  on(event: 'error', listener: (error: Error) => void): void;
  on(event: 'connect', listener: (client: PgClient) => void): void;
  end(): Promise<void>;
}

/** `?` placeholders numbered as PostgreSQL wants them: `$1`, `$2`… (no `?` appears in our SQL otherwise). */
export function numbered(sql: string): string {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}

async function openPostgres(url: string, {connections = 4, busyTimeout = 5000}: OpenOptions): Promise<Sql> {
  const pg = await driver<{
    default: {Pool: new (options: object) => PgPool; types: {setTypeParser(oid: number, parse: (v: string) => unknown): void}};
  }>('pg', 'a PostgreSQL database');
  const {Pool, types} = pg.default;
  // BIGINT (int8) as a number: our counters and times stay far below 2^53.
  types.setTypeParser(20, (value) => Number(value));
  const pool = new Pool({
    connectionString: url,
    max: connections,
    // Durability is the server's default; said again for each session, whatever the server says.
    // A lock held by another session is waited for busyTimeout at most, as SQLite's busy_timeout.
    options: `-c synchronous_commit=on -c lock_timeout=${Math.floor(busyTimeout)}`,
    application_name: 'consent-banner records',
    connectionTimeoutMillis: 10_000,
  });
  // An idle connection the server drops (a restart) must not end the process: the next query reconnects.
  pool.on('error', () => undefined);
  try {
    await pool.query('SELECT 1');
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw new DatabaseError(`cannot reach the PostgreSQL database ${describeDatabase(url)}: ${(error as Error).message}`);
  }
  const on = (target: {query: PgPool['query']}): Sql['query'] =>
    (async (sql: string, params: readonly unknown[] = []) => (await target.query(numbered(sql), params as unknown[])).rows) as Sql['query'];
  const inTurn = turns();
  return {
    dialect: 'postgres',
    query: on(pool),
    transaction: (body) =>
      inTurn(async () => {
        const client = await pool.connect();
        // A connection the server ends while it is checked out says so here, not as an uncaught
        // error: the query under way fails, and the transaction with it.
        const ignore = () => undefined;
        client.on('error', ignore);
        const tx: Sql = {dialect: 'postgres', query: on(client), transaction: (inner) => inner(tx), close: async () => undefined};
        try {
          await client.query('BEGIN');
          const result = await body(tx);
          await client.query('COMMIT');
          client.off('error', ignore);
          client.release();
          return result;
        } catch (error) {
          await client.query('ROLLBACK').catch(() => undefined);
          // A connection in an unknown state is not given back.
          client.off('error', ignore);
          client.release(true);
          throw error;
        }
      }),
    close: () => pool.end(),
  };
}
