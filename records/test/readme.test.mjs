// The README's snippets of consent-banner/records (README, "Keeping the records"), run as written:
// the servers (Node's own, Express, Hono on @hono/node-server), listening, answer the preflight,
// take a record from the listed origin into their database (SQLite, or PostgreSQL through
// DATABASE_URL) and refuse another origin; the TypeScript ones (Next.js, Hono) type-check against
// the package's types; the Next.js route handler, given a PostgreSQL DATABASE_URL, answers the
// preflight, stores a record, and limits each sender by its X-Forwarded-For. Each runs from a
// folder inside this package, so that `consent-banner/records` resolves to the built
// dist/records.js by its name (express, hono and @hono/node-server are dev dependencies).
import assert from 'node:assert/strict';
import {spawn, spawnSync} from 'node:child_process';
import {mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {after, describe, it} from 'node:test';
import {transform} from 'esbuild';
import {freePort} from '../../test/e2e/harness.mjs';
import {countRows, post, rawDatabase, record, root, stop} from './helpers.mjs';
import {startPostgres} from './postgres.mjs';

const readme = readFileSync(`${root}README.md`, 'utf8');
const snippet = (name) => {
  const match = new RegExp(`<!-- records snippet: ${name} -->\\n\`\`\`(\\w+)\\n([\\s\\S]*?)\\n\`\`\``).exec(readme);
  assert.ok(match, `no "${name}" snippet in the README`);
  return match[2];
};

const inside = join(root, `records/test/.snippets-${process.pid}`);
mkdirSync(inside, {recursive: true});
const cwd = mkdtempSync(join(tmpdir(), 'consent-records-readme-'));
let postgres;
after(() => {
  postgres?.stop();
  rmSync(inside, {recursive: true, force: true});
  rmSync(cwd, {recursive: true, force: true});
});

/** The URL of a new database `name` on this file's PostgreSQL cluster (started at the first call). */
async function database(name) {
  postgres ??= await startPostgres();
  const admin = await rawDatabase(postgres.url);
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.close();
  }
  return postgres.url.replace(/\/postgres$/, `/${name}`);
}

/** Type-checks `code` as the file `name` (strict, as a site's TypeScript would), against the package's own types. */
function typeCheck(name, code) {
  writeFileSync(join(inside, name), code);
  const config = join(inside, `tsconfig-${name}.json`);
  writeFileSync(
    config,
    JSON.stringify({
      compilerOptions: {
        target: 'ES2022',
        module: 'ESNext',
        moduleResolution: 'bundler',
        strict: true,
        noEmit: true,
        skipLibCheck: true,
        lib: ['ES2022', 'DOM'],
        types: ['node'],
      },
      files: [name],
    })
  );
  const tsc = spawnSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', config], {encoding: 'utf8'});
  assert.equal(tsc.status, 0, tsc.stdout + tsc.stderr);
}

/**
 * Runs a server snippet as `name` (its one change: a free port instead of 8787) in a folder of its
 * own, and checks what a site's page meets at /api/consent-log (the Node one answers any path):
 * the preflight and a record from the listed origin (204, the CORS answer), another origin (403).
 * Stops it, then resolves with the folder it ran in (where its SQLite file is).
 */
async function serveSnippet(name, code, env = {}) {
  const port = await freePort();
  writeFileSync(join(inside, name), code.replace('8787', String(port)));
  const folder = mkdtempSync(join(cwd, `${name}-`));
  const child = spawn(process.execPath, [join(inside, name)], {
    cwd: folder,
    env: {...process.env, ...env},
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  const url = `http://127.0.0.1:${port}/api/consent-log`;
  const site = 'https://www.shop.example';
  try {
    let preflight;
    // Started within a minute, however busy the machine (express and hono load their modules first).
    const deadline = Date.now() + 60_000;
    while (!preflight && child.exitCode === null && Date.now() < deadline) {
      preflight = await fetch(url, {
        method: 'OPTIONS',
        headers: {origin: site, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type'},
      }).catch(() => new Promise((resolve) => setTimeout(() => resolve(undefined), 50)));
    }
    assert.ok(preflight, `${name} did not listen: ${output}`);
    assert.equal(preflight.status, 204, output);
    assert.equal(preflight.headers.get('access-control-allow-origin'), site);
    assert.equal(preflight.headers.get('access-control-allow-credentials'), 'true');
    assert.equal(preflight.headers.get('access-control-allow-methods'), 'POST');
    const response = await post(url, record(), {origin: site});
    assert.equal(response.status, 204, output);
    assert.equal(response.headers.get('access-control-allow-origin'), site);
    assert.equal((await post(url, record(), {origin: 'https://elsewhere.example'})).status, 403);
  } finally {
    await stop(child);
  }
  return folder;
}

describe('the README’s receiver snippets', () => {
  it('Node’s own server: listens, answers the listed origin, stores the record in its SQLite file', async () => {
    const folder = await serveSnippet('server.mjs', snippet('node'));
    assert.deepEqual(await countRows(join(folder, 'records.sqlite')), {record: 1});
  });

  it('Express: mounted before the body parser, answers the listed origin, stores the record in PostgreSQL', async () => {
    const db = await database('express');
    await serveSnippet('express.mjs', snippet('express'), {DATABASE_URL: db});
    assert.deepEqual(await countRows(db), {record: 1});
  });

  it('Hono on Node: type-checks against the package’s types, answers the listed origin, stores the record in its SQLite file', async () => {
    const code = snippet('hono');
    typeCheck('hono.ts', code);
    const folder = await serveSnippet('hono.mjs', (await transform(code, {loader: 'ts', format: 'esm'})).code);
    assert.deepEqual(await countRows(join(folder, 'records.sqlite')), {record: 1});
  });

  it('a Next.js route handler: type-checks against the package’s types, stores in PostgreSQL, and limits each sender by its X-Forwarded-For', async () => {
    const code = snippet('next');
    typeCheck('route.ts', code);
    writeFileSync(join(inside, 'route.mjs'), (await transform(code, {loader: 'ts', format: 'esm'})).code);
    const db = await database('next');
    try {
      process.env.DATABASE_URL = db;
      const route = await import(join(inside, 'route.mjs'));
      assert.equal(route.runtime, 'nodejs');
      const preflight = await route.OPTIONS(
        new Request('https://www.shop.example/api/consent-log', {
          method: 'OPTIONS',
          headers: {origin: 'https://www.shop.example', 'access-control-request-method': 'POST'},
        })
      );
      assert.equal(preflight.status, 204);
      assert.equal(preflight.headers.get('access-control-allow-credentials'), 'true');
      const sent = record();
      const response = await route.POST(
        new Request('https://www.shop.example/api/consent-log', {
          method: 'POST',
          headers: {'content-type': 'application/json', origin: 'https://www.shop.example'},
          body: JSON.stringify(sent),
        })
      );
      assert.equal(response.status, 204);
      assert.deepEqual(await countRows(db), {record: 1});
      // Each sender its own limit (10 a second, bursts of 100), by the address Next.js or the
      // proxy in front of it wrote in X-Forwarded-For: a flood from one address is slowed, not
      // the next visitor.
      const from = (address) =>
        route.POST(
          new Request('https://www.shop.example/api/consent-log', {
            method: 'POST',
            headers: {'content-type': 'application/json', 'x-forwarded-for': address},
            body: JSON.stringify(record()),
          })
        );
      const flood = await Promise.all(Array.from({length: 101}, () => from('203.0.113.5')));
      assert.deepEqual(
        flood.map((r) => r.status),
        [...Array(100).fill(204), 429]
      );
      assert.equal((await from('203.0.113.6')).status, 204);
      assert.deepEqual(await countRows(db), {record: 102});
    } finally {
      delete process.env.DATABASE_URL;
    }
  });
});
