import {readFile} from 'node:fs/promises';
import {parseArgs} from 'node:util';
import {UUID} from '../src/core/consent.js';
import {manifestHash} from '../src/core/hash.js';
import {checkManifest} from '../src/core/manifest-check.js';
import {formatIssue} from '../src/core/manifest.js';
import {CliError} from '../bin/src/sources.js';
import {forTerminal, visible} from '../bin/src/terminal.js';
import {DatabaseError, describeDatabase} from './db.js';
import {exportRecords} from './export.js';
import {startReceiver} from './serve.js';
import {consentStats, formatStats} from './stats.js';
import {RecordStore} from './store.js';
import {formatVerify, verify} from './verify.js';

/*
 * `consent-banner records <serve|verify|export|publish|stats>` (README, “Proof of consent”). The
 * database is --db, else DATABASE_URL: a SQLite file or a postgres:// URL. Exit codes, as the
 * other commands': 0 good; 1 verify found a row that does not follow (or a head not in the
 * chain); 2 the command could not run (bad arguments, no database, a driver not installed).
 */

export const RECORDS_USAGE = `Usage: consent-banner records <command> --db <file.sqlite | postgres://…> [options]

  serve                        Receive the banner's records at POST /records (log.url), and the
                               consent rates at GET /stats.
      --port <n>               Default 8787 (0: any free port).
      --host <address>         Default 127.0.0.1.
      --origin <origin>        A site allowed to send records from another origin
                               (https://shop.example); repeat it for each.
      --trust-proxy            Take the client's address (for the rate limit only) from
                               X-Forwarded-For: behind your own reverse proxy.
      --rate <n>               Records per second per address (bursts of 10 times as many);
                               default 10; 0: no limit.
      --keep <duration>        Delete records older than this: 6y (default), 18m, 400d, or
                               forever. On start, then daily; a checkpoint keeps the chain
                               verifiable.
  verify                       Walk the hash chain: print its head, or exit 1 naming the first
                               row that does not follow. Lists records whose manifest was never
                               published.
      --head <hash>            Also check a head kept elsewhere: it must be in the chain.
  export                       Print records in the order of the decisions, with the manifests
                               they answered.
      --id <consent id>        One visitor's records (the id is in their consent cookie).
      --from <date> --to <date>  Decided from (included) to (excluded): 2026-11-01, or a full time.
      --format json|csv        Default json.
  publish <manifest>           Keep this manifest under the manifestHash the banner records.
  stats                        Consent rates per purpose (answers, yes, no, rate) and the methods.
      --from <day> --to <day>  Days of the decisions, both included (UTC).
      --by day|week            Also per day or week.

--db defaults to $DATABASE_URL. serve's stats page opens with $CONSENT_RECORDS_TOKEN (Bearer,
or the password of HTTP Basic). Drivers, installed beside consent-banner: libsql (SQLite) or
pg (PostgreSQL). --json: machine-readable output (verify, publish, stats).
Exit codes: 0 good; 1 verify failed; 2 could not run.`;

const OPTIONS = {
  db: {type: 'string'},
  port: {type: 'string'},
  host: {type: 'string'},
  origin: {type: 'string', multiple: true},
  'trust-proxy': {type: 'boolean'},
  rate: {type: 'string'},
  keep: {type: 'string'},
  head: {type: 'string'},
  id: {type: 'string'},
  from: {type: 'string'},
  to: {type: 'string'},
  format: {type: 'string'},
  by: {type: 'string'},
  json: {type: 'boolean'},
  help: {type: 'boolean', short: 'h'},
} as const;

const ALLOWED: Record<string, string[]> = {
  serve: ['db', 'port', 'host', 'origin', 'trust-proxy', 'rate', 'keep'],
  verify: ['db', 'head', 'json'],
  export: ['db', 'id', 'from', 'to', 'format'],
  publish: ['db', 'json'],
  stats: ['db', 'from', 'to', 'by', 'json'],
};

/** The default retention: see README, “Proof of consent”. */
export const DEFAULT_KEEP = '6y';
const UNITS: Record<string, number> = {y: 365.25 * 86_400_000, m: 30.4375 * 86_400_000, w: 7 * 86_400_000, d: 86_400_000, h: 3_600_000};

/** `6y`, `18m`, `400d`, `2w`, `12h` in ms; `forever` is undefined. */
export function parseDuration(text: string): number | undefined {
  if (text === 'forever') return undefined;
  const match = /^(\d{1,6})([ymwdh])$/.exec(text);
  if (!match || Number(match[1]) === 0) throw new CliError(`--keep takes a duration such as 6y, 18m, 400d, or forever; got "${text}"`);
  return Number(match[1]) * UNITS[match[2]];
}

/** A day (2026-11-01, as midnight UTC) or a full time, in ms. */
function parseTime(text: string, name: string): number {
  const time = /^\d{4}-\d{2}-\d{2}$/.test(text)
    ? Date.parse(`${text}T00:00:00.000Z`)
    : /^\d{4}-\d{2}-\d{2}T/.test(text)
      ? Date.parse(text)
      : NaN;
  if (Number.isNaN(time)) throw new CliError(`--${name} takes a date (2026-11-01) or a time (2026-11-01T12:00:00Z); got "${text}"`);
  return time;
}

const line = (text: string) => (text.endsWith('\n') ? text : `${text}\n`);
const print = (text: string) => process.stdout.write(line(visible(text, '\n')));
const json = (value: unknown) => process.stdout.write(line(JSON.stringify(value, null, 2)));

/** Opens the store, or a CliError in one line (the database missing, unreachable, or its driver not installed). */
async function open(db: string, create = false): Promise<RecordStore> {
  try {
    return await RecordStore.open(db, {create});
  } catch (error) {
    if (error instanceof DatabaseError) throw new CliError(error.message);
    throw new CliError(`cannot use the database ${describeDatabase(db)}: ${(error as Error).message}`);
  }
}

/** `consent-banner records …`: resolves with the exit code (serve: once it is stopped). */
export async function records(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({args: argv, options: OPTIONS, allowPositionals: true, strict: true});
  } catch (error) {
    throw new CliError(`${(error as Error).message}\n\n${RECORDS_USAGE}`);
  }
  const {values, positionals} = parsed;
  const [command, ...rest] = positionals;
  if (values.help || !command) {
    print(RECORDS_USAGE);
    return command || values.help ? 0 : 2;
  }
  if (!ALLOWED[command]) throw new CliError(`unknown records command "${command}"\n\n${RECORDS_USAGE}`);
  for (const name of Object.keys(values)) {
    if (name !== 'help' && !ALLOWED[command].includes(name)) throw new CliError(`records ${command} does not take --${name}`);
  }
  if (command !== 'publish' && rest.length) throw new CliError(`records ${command} takes no argument, got "${rest[0]}"`);
  const db = values.db ?? process.env.DATABASE_URL;
  if (!db) throw new CliError(`records ${command} needs the database: --db records.sqlite, --db postgres://…, or DATABASE_URL`);

  if (command === 'serve') return serve(db, values);

  const store = await open(db);
  try {
    if (command === 'verify') {
      if (values.head !== undefined && !/^[0-9a-fA-F]{64}$/.test(values.head))
        throw new CliError(`--head takes the 64 hex digits verify printed, got "${values.head}"`);
      const report = await verify(store, {head: values.head});
      if (values.json) json(report);
      else print(formatVerify(report));
      return report.ok ? 0 : 1;
    }
    if (command === 'publish') {
      if (rest.length !== 1)
        throw new CliError('records publish takes one manifest: consent-banner records publish --db … cookie-manifest.json');
      let text: string;
      try {
        text = await readFile(rest[0], 'utf8');
      } catch (error) {
        throw new CliError(`cannot read the manifest ${rest[0]}: ${(error as Error).message}`);
      }
      const checked = checkManifest(text);
      if (!checked.ok) {
        const [first] = checked.errors;
        throw new CliError(`${rest[0]}:${first.line}:${first.column}: the manifest is invalid: ${formatIssue(first)}`);
      }
      const hash = manifestHash(checked.manifest);
      const added = await store.publish(hash, JSON.stringify(JSON.parse(text)));
      if (values.json) json({manifestHash: hash, published: added});
      else print(added ? `Published ${visible(rest[0])} as manifest ${hash}.` : `Manifest ${hash} was already published: nothing to do.`);
      return 0;
    }
    if (command === 'stats') {
      for (const name of ['from', 'to'] as const) {
        if (values[name] !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(values[name]!))
          throw new CliError(`--${name} takes a day (2026-11-01), got "${values[name]}"`);
      }
      if (values.by !== undefined && values.by !== 'day' && values.by !== 'week')
        throw new CliError(`--by takes day or week, got "${values.by}"`);
      const stats = await consentStats(store, {from: values.from, to: values.to, by: values.by as 'day' | 'week' | undefined});
      if (values.json) json(stats);
      else print(formatStats(forTerminal(stats)));
      return 0;
    }
    // export
    const format = values.format ?? 'json';
    if (format !== 'json' && format !== 'csv') throw new CliError(`--format takes json or csv, got "${format}"`);
    if (values.id !== undefined && !UUID.test(values.id))
      throw new CliError(`--id takes a consent id (the UUID of the consent cookie's record), got "${values.id}"`);
    const from = values.from === undefined ? undefined : parseTime(values.from, 'from');
    const to = values.to === undefined ? undefined : parseTime(values.to, 'to');
    const write = (text: string) =>
      new Promise<void>((resolve, reject) =>
        process.stdout.write(text) ? resolve() : process.stdout.once('drain', resolve).once('error', reject)
      );
    await exportRecords(store, {id: values.id, from, to}, format, write);
    return 0;
  } finally {
    await store.close();
  }
}

async function serve(db: string, values: Record<string, unknown>): Promise<number> {
  const port = values.port === undefined ? 8787 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new CliError(`--port takes a port number, got "${values.port}"`);
  const rate = values.rate === undefined ? 10 : Number(values.rate);
  if (!Number.isFinite(rate) || rate < 0) throw new CliError(`--rate takes records per second, got "${values.rate}"`);
  const origins = (values.origin as string[] | undefined) ?? [];
  for (const origin of origins) {
    if (!URL.canParse(origin) || !/^https?:$/.test(new URL(origin).protocol) || new URL(origin).origin !== origin.replace(/\/$/, '')) {
      throw new CliError(`--origin takes a site's origin (https://shop.example), got "${origin}"`);
    }
  }
  const keep = parseDuration((values.keep as string | undefined) ?? DEFAULT_KEEP);
  const log = (text: string) => process.stderr.write(line(`consent-banner records: ${visible(text)}`));
  let receiver;
  try {
    receiver = await startReceiver({
      db,
      port,
      host: (values.host as string | undefined) ?? '127.0.0.1',
      origins,
      trustProxy: values['trust-proxy'] === true,
      rateLimit: rate ? {perSecond: rate, burst: rate * 10} : false,
      keep,
      token: process.env.CONSENT_RECORDS_TOKEN || undefined,
      log,
    });
  } catch (error) {
    if (error instanceof DatabaseError) throw new CliError(error.message);
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE' || code === 'EACCES' || code === 'EADDRNOTAVAIL')
      throw new CliError(`cannot listen on ${values.host ?? '127.0.0.1'}:${port}: ${code}`);
    throw new CliError(`cannot use the database ${describeDatabase(db)}: ${(error as Error).message}`);
  }
  print(
    `Receiving consent records at ${receiver.url}/records (${describeDatabase(db)}; ` +
      `${origins.length ? `origins: ${origins.join(', ')}` : 'same origin only'}; ` +
      `keeping them ${keep === undefined ? 'forever' : (values.keep ?? DEFAULT_KEEP)}); ` +
      `stats at ${receiver.url}/stats (${process.env.CONSENT_RECORDS_TOKEN ? 'with the token' : 'closed: set CONSENT_RECORDS_TOKEN'}).`
  );
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await receiver.close();
  return 0;
}
