// `scan` at the edges (issue 28): a page with no manifest where nothing is set says so in words
// and passes (it printed "Result: ." and exited 1), and a page whose script keeps it busy after
// it loaded is given up on with a clear message and exit 2 (it hung 193 s, then crashed with
// exit 1). Pages served here, on 127.0.0.1; each scan starts its own Chromium, as a site owner's.
import assert from 'node:assert/strict';
import {createServer} from 'node:http';
import {after, before, describe, it} from 'node:test';
import {cli} from '../built/run-cli.mjs';

const PAGES = {
  '/empty': '<!doctype html><title>Nothing here</title><p>Nothing is set on this page.</p>',
  '/spinning': '<!doctype html><title>Busy</title><script>addEventListener("load", () => setTimeout(() => { for (;;) {} }));</script>',
};

describe('scan at the edges', () => {
  let server;
  let base;
  before(async () => {
    server = createServer((request, response) => {
      const page = PAGES[request.url];
      response.writeHead(page ? 200 : 404, {'Content-Type': 'text/html'});
      response.end(page ?? '');
    });
    await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${server.address().port}`;
  });
  after(async () => {
    server?.closeAllConnections();
    await new Promise((resolve) => (server ? server.close(resolve) : resolve()));
  });

  it('a page with no manifest and nothing set: a sentence, and exit 0', async () => {
    const {code, stdout, stderr} = await cli(['scan', `${base}/empty`, '--wait', '0']);
    assert.equal(code, 0, stderr);
    assert.match(stdout, /^Manifest: none found/m);
    assert.match(
      stdout,
      /^Result: nothing leaks before consent, and no cookie or storage key was set \(there is no manifest to check them against\)\.$/m
    );
    assert.doesNotMatch(stdout, /Result: \./);
    const json = JSON.parse((await cli(['scan', `${base}/empty`, '--wait', '0', '--json'])).stdout);
    assert.equal(json.problems, 0);
  });

  it('a page that keeps its main thread busy after load: given up on in seconds, exit 2, no stack trace', async () => {
    const started = performance.now();
    const {code, stdout, stderr} = await cli(['scan', `${base}/spinning`, '--wait', '0'], {timeout: 120_000});
    const seconds = (performance.now() - started) / 1000;
    assert.equal(code, 2, stderr.slice(0, 2000));
    assert.equal(stdout, '');
    assert.equal(
      stderr,
      `consent-banner: cannot scan ${base}/spinning: a script of the page has kept it busy for 10 s after it loaded (it never yields), so nothing can be read from it\n`
    );
    assert.ok(seconds < 40, `${seconds} s`);
  });
});
