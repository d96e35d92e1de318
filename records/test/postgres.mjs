// A throwaway PostgreSQL server for the records tests and bench: a cluster in a temporary folder
// (initdb), listening on 127.0.0.1 at a free port and on a socket in that folder, stopped and
// deleted by `stop()`. Debian's `postgresql` package provides the programs
// (/usr/lib/postgresql/<version>/bin; scripts/setup-browsers.mjs installs it when missing). As
// root, PostgreSQL refuses to run: the cluster then belongs to the `postgres` system user, and
// its programs run as that user (runuser).
import {execFileSync, spawnSync} from 'node:child_process';
import {chownSync, existsSync, mkdtempSync, readdirSync, rmSync} from 'node:fs';
import {createServer} from 'node:net';
import {tmpdir} from 'node:os';
import {join} from 'node:path';

/** The folder of initdb and pg_ctl: PG_BIN, else the newest /usr/lib/postgresql/<version>/bin, else PATH. */
export function postgresBin() {
  if (process.env.PG_BIN) return process.env.PG_BIN;
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root) ? readdirSync(root).filter((v) => existsSync(join(root, v, 'bin/initdb'))) : [];
  versions.sort((a, b) => Number(b) - Number(a));
  return versions.length ? join(root, versions[0], 'bin') : '';
}

const freePort = () =>
  new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const {port} = server.address();
      server.close(() => resolve(port));
    });
  });

/**
 * Starts a cluster; resolves with `{url, stop}`. `url` is postgres://postgres@127.0.0.1:<port>/postgres
 * (trust authentication: the server answers this machine's loopback only).
 */
export async function startPostgres({settings = {}} = {}) {
  const bin = postgresBin();
  const program = (name) => (bin ? join(bin, name) : name);
  const dir = mkdtempSync(join(tmpdir(), 'consent-records-pg-'));
  const asRoot = process.getuid?.() === 0;
  if (asRoot)
    chownSync(
      dir,
      Number(execFileSync('id', ['-u', 'postgres'], {encoding: 'utf8'})),
      Number(execFileSync('id', ['-g', 'postgres'], {encoding: 'utf8'}))
    );
  const run = (name, args) => {
    const [command, argv] = asRoot ? ['runuser', ['-u', 'postgres', '--', program(name), ...args]] : [program(name), args];
    const result = spawnSync(command, argv, {encoding: 'utf8', cwd: dir});
    if (result.status !== 0)
      throw new Error(
        `${name} failed (${result.status ?? result.error?.message}): ${(result.stderr || result.stdout).trim().split('\n').slice(-3).join(' | ')}`
      );
    return result;
  };
  const data = join(dir, 'data');
  run('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '--no-sync', '-E', 'UTF8', '--locale=C']);
  const port = await freePort();
  const options = {
    port,
    listen_addresses: '127.0.0.1',
    unix_socket_directories: dir,
    // The durability the receiver relies on (README, "Proof of consent"): the server's defaults, said again.
    fsync: 'on',
    synchronous_commit: 'on',
    max_connections: 60,
    shared_buffers: '32MB',
    ...settings,
  };
  const flags = Object.entries(options)
    .map(([name, value]) => `-c ${name}=${value}`)
    .join(' ');
  run('pg_ctl', ['-D', data, '-o', flags, '-l', join(dir, 'log'), '-w', '-t', '30', 'start']);
  let stopped = false;
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    port,
    dir,
    /** Stops the server at once (immediate: a crash, as far as PostgreSQL can tell) or cleanly. */
    kill: () => run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']),
    start: () => run('pg_ctl', ['-D', data, '-o', flags, '-l', join(dir, 'log'), '-w', '-t', '30', 'start']),
    stop() {
      if (stopped) return;
      stopped = true;
      try {
        run('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']);
      } catch {
        // Already stopped.
      }
      rmSync(dir, {recursive: true, force: true});
    },
  };
}
