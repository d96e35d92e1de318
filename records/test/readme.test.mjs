// The README's snippets of consent-banner/records (README, "Keeping the records"), run as written:
// the one for Node's own server, listening, takes a record from the listed origin into its SQLite
// file; the Next.js route handler type-checks against the package's types and, given a PostgreSQL
// DATABASE_URL, answers the preflight and stores a record. Each runs from a folder inside this
// package, so that `consent-banner/records` resolves to the built dist/records.js by its name.
import assert from 'node:assert/strict';
import {spawn, spawnSync} from 'node:child_process';
import {mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {after, describe, it} from 'node:test';
import {transform} from 'esbuild';
import {freePort} from '../../test/e2e/harness.mjs';
import {countRows, post, record, root} from './helpers.mjs';
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
after(() => {
  rmSync(inside, {recursive: true, force: true});
  rmSync(cwd, {recursive: true, force: true});
});

describe('the README’s receiver snippets', () => {
  it('Node’s own server: listens, answers the listed origin, stores the record in its SQLite file', async () => {
    const code = snippet('node');
    const port = await freePort();
    // The one change: a free port instead of 8787.
    writeFileSync(join(inside, 'server.mjs'), code.replace('8787', String(port)));
    const child = spawn(process.execPath, [join(inside, 'server.mjs')], {cwd, stdio: ['ignore', 'pipe', 'pipe']});
    let output = '';
    child.stderr.on('data', (chunk) => (output += chunk));
    try {
      let response;
      for (let i = 0; i < 100 && !response; i++) {
        response = await post(`http://127.0.0.1:${port}/records`, record(), {origin: 'https://www.shop.example'}).catch(() => new Promise((resolve) => setTimeout(() => resolve(undefined), 50)));
      }
      assert.ok(response, output);
      assert.equal(response.status, 204, output);
      assert.equal(response.headers.get('access-control-allow-origin'), 'https://www.shop.example');
      assert.equal((await post(`http://127.0.0.1:${port}/records`, record(), {origin: 'https://elsewhere.example'})).status, 403);
    } finally {
      child.kill();
    }
    assert.deepEqual(await countRows(join(cwd, 'records.sqlite')), {record: 1});
  });

  it('a Next.js route handler: type-checks against the package’s types, and stores in PostgreSQL', async () => {
    const code = snippet('next');
    writeFileSync(join(inside, 'route.ts'), code);
    writeFileSync(
      join(inside, 'tsconfig.json'),
      JSON.stringify({compilerOptions: {target: 'ES2022', module: 'ESNext', moduleResolution: 'bundler', strict: true, noEmit: true, skipLibCheck: true, lib: ['ES2022', 'DOM'], types: ['node']}, files: ['route.ts']})
    );
    const tsc = spawnSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', join(inside, 'tsconfig.json')], {encoding: 'utf8'});
    assert.equal(tsc.status, 0, tsc.stdout + tsc.stderr);
    writeFileSync(join(inside, 'route.mjs'), (await transform(code, {loader: 'ts', format: 'esm'})).code);
    const server = await startPostgres();
    try {
      process.env.DATABASE_URL = server.url;
      const route = await import(join(inside, 'route.mjs'));
      assert.equal(route.runtime, 'nodejs');
      const preflight = await route.OPTIONS(new Request('https://www.shop.example/api/consent-log', {method: 'OPTIONS', headers: {origin: 'https://www.shop.example', 'access-control-request-method': 'POST'}}));
      assert.equal(preflight.status, 204);
      assert.equal(preflight.headers.get('access-control-allow-credentials'), 'true');
      const sent = record();
      const response = await route.POST(new Request('https://www.shop.example/api/consent-log', {method: 'POST', headers: {'content-type': 'application/json', origin: 'https://www.shop.example'}, body: JSON.stringify(sent)}));
      assert.equal(response.status, 204);
      assert.deepEqual(await countRows(server.url), {record: 1});
    } finally {
      delete process.env.DATABASE_URL;
      server.stop();
    }
  });
});
