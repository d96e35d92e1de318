// The CLI holds its ground on input built to exhaust it (issue 28): a manifest URL whose body never
// ends, or that announces more than 1 MB, and a file over 1 MB are refused at once (exit 2: the
// banner reads no more, and the CLI stops reading); 150,000 keys given twice and values nested
// 10,000 deep are answered in seconds, with a line and a column, never a stack trace.
import assert from 'node:assert/strict';
import {mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {createServer} from 'node:http';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {after, before, describe, it} from 'node:test';
import {root} from '../node/load-core.mjs';
import {cli} from './run-cli.mjs';

const dir = mkdtempSync(join(tmpdir(), 'consent-banner-limits-'));
const dimeloText = () => readFileSync(`${root}demo/dimelo/cookie-manifest.json`, 'utf8');
const file = (name, text) => {
  writeFileSync(join(dir, name), text);
  return join(dir, name);
};
/** No stack trace, no JavaScript error name: what a person reads. */
const assertNoStack = (output) => assert.doesNotMatch(output, /^\s+at |RangeError|TypeError|AbortError/m, output.slice(0, 2000));

describe('the CLI on input built to exhaust it', () => {
  let server;
  let base;
  before(async () => {
    server = createServer((request, response) => {
      if (request.url === '/endless') {
        // A body that never ends: chunks for as long as the client reads.
        response.writeHead(200, {'Content-Type': 'application/json'});
        response.write('{"version": 1, "$comment": "');
        const chunk = 'x'.repeat(64 * 1024);
        const pump = () => {
          while (!response.destroyed && response.write(chunk));
          if (!response.destroyed) response.once('drain', pump);
        };
        pump();
        request.on('close', () => response.destroy());
      } else if (request.url === '/announced') {
        // Says 50 MB, then sends nothing more: refused on the header alone.
        response.writeHead(200, {'Content-Type': 'application/json', 'Content-Length': String(50_000_000)});
        response.write('{');
        request.on('close', () => response.destroy());
      } else response.end('{}');
    });
    await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${server.address().port}`;
  });
  after(async () => {
    server?.closeAllConnections();
    await new Promise((resolve) => (server ? server.close(resolve) : resolve()));
    rmSync(dir, {recursive: true, force: true});
  });

  it('stops reading a manifest URL whose body never ends at 1 MB: exit 2, a clear message', async () => {
    const started = performance.now();
    const {code, stdout, stderr} = await cli(['validate', `${base}/endless`], {timeout: 60_000});
    assert.equal(code, 2, stderr.slice(0, 2000));
    assert.equal(stdout, '');
    assert.equal(stderr, `consent-banner: the manifest ${base}/endless is larger than 1 MB, more than the banner reads\n`);
    assert.ok(performance.now() - started < 30_000);
  });

  it('refuses a manifest URL that announces more than 1 MB without reading it', async () => {
    const {code, stderr} = await cli(['explain', `${base}/announced`], {timeout: 30_000});
    assert.equal(code, 2, stderr.slice(0, 2000));
    assert.match(stderr, /^consent-banner: the manifest .*\/announced is larger than 1 MB, more than the banner reads\n$/);
  });

  it('refuses a manifest file over 1 MB', async () => {
    const big = file('big.json', JSON.stringify({...JSON.parse(dimeloText()), $comment: 'x'.repeat(1_000_001)}));
    const {code, stderr} = await cli(['validate', big]);
    assert.equal(code, 2);
    assert.equal(stderr, `consent-banner: the manifest ${big} is larger than 1 MB, more than the banner reads\n`);
  });

  it('answers 150,000 keys given twice in seconds, each with its column', async () => {
    // An unknown key "a" 150,000 times on the first line (900 KB): 149,999 of them are given twice.
    const text = `{${'"a":1,'.repeat(150_000)}${dimeloText().slice(1)}`;
    assert.ok(text.length < 1_000_000, String(text.length));
    const path = file('twice.json', text);
    const started = performance.now();
    const {code, stdout, stderr} = await cli(['validate', path], {timeout: 60_000, maxBuffer: 64 * 1024 * 1024});
    const seconds = (performance.now() - started) / 1000;
    assert.equal(code, 1, stderr.slice(0, 2000));
    const lines = stdout.trimEnd().split('\n');
    assert.equal(lines.length, 150_000);
    assert.match(lines[0], /:1:\d+: error: a: is not a known field$/);
    assert.match(lines[1], /:1:8: warning: a: is given twice; only the last one counts$/);
    assert.match(lines[149_999], /:1:899996: warning: a: is given twice; only the last one counts$/);
    assert.ok(seconds < 20, `${seconds} s`);
  });

  it('refuses values nested 10,000 deep with a line and a column, not a crash', async () => {
    const path = file('deep.json', `{"version": 1,\n "x": ${'['.repeat(10_000)}${']'.repeat(10_000)}}`);
    const {code, stdout, stderr} = await cli(['validate', path]);
    assert.equal(code, 1, stderr.slice(0, 2000));
    assertNoStack(stderr);
    assert.equal(stdout, `${path}:2:107: error: invalid JSON: values nested more than 100 deep, found "["\n`);
  });
});
