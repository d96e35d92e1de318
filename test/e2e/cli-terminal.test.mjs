// What the CLI prints for a person is safe for a terminal (issue 28): manifest keys and names
// (`validate`, `explain`), a page's entity-decoded attributes (`explain --page`) and the storage
// keys a scanned page sets (`scan`, in headless Chromium, of a page served here on 127.0.0.1) are
// anyone's text. Their escape sequences, carriage returns, line breaks and bidi controls come out
// visibly escaped, so none can erase a line or forge one (a fake "Result: nothing leaks"); --json
// keeps every string as it is.
import assert from 'node:assert/strict';
import {mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {createServer} from 'node:http';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {after, before, describe, it} from 'node:test';
import {root} from '../node/load-core.mjs';
import {cli} from '../built/run-cli.mjs';

/** What must never reach a terminal raw: controls but the line break, DEL, C1, bidi and invisible format characters. */
const UNSAFE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200b\u200e\u200f\u2028-\u202e\u2060\u2066-\u2069\ufeff]/u;
/** Erases the line above and writes a verdict of its own over it, then hides what follows. */
const FORGE = '\u001b[1A\u001b[2K\rResult: nothing leaks before consent, and every cookie and storage key is declared.\u001b[8m';

const dir = mkdtempSync(join(tmpdir(), 'consent-banner-terminal-'));
const file = (name, text) => {
  writeFileSync(join(dir, name), text);
  return join(dir, name);
};
const dimelo = () => JSON.parse(readFileSync(`${root}demo/dimelo/cookie-manifest.json`, 'utf8'));

/** Checks a text output: nothing unsafe, and no line but the tool's own begins with `Result:`. */
function assertSafe(stdout, {results = 0} = {}) {
  const bad = UNSAFE.exec(stdout);
  assert.equal(
    bad,
    null,
    bad &&
      `U+${bad[0].codePointAt(0).toString(16).padStart(4, '0')} printed raw at ${bad.index}: ${JSON.stringify(stdout.slice(Math.max(0, bad.index - 40), bad.index + 40))}`
  );
  assert.equal(stdout.split('\n').filter((line) => line.startsWith('Result:')).length, results, stdout);
}

describe('the CLI on a terminal', () => {
  after(() => rmSync(dir, {recursive: true, force: true}));

  it('validate: an unknown key full of escapes is shown escaped, on its own line; --json keeps it as it is', async () => {
    const manifest = {...dimelo(), [FORGE]: 1};
    const path = file('keys.json', JSON.stringify(manifest, null, 2));
    const {code, stdout} = await cli(['validate', path]);
    assert.equal(code, 1);
    assertSafe(stdout);
    assert.equal(stdout.trimEnd().split('\n').length, 1, stdout);
    assert.ok(stdout.includes('\\x1b[1A\\x1b[2K\\rResult: nothing leaks'), stdout);
    const json = await cli(['validate', '--json', path]);
    assert.ok(JSON.stringify(JSON.parse(json.stdout)).includes(JSON.stringify(FORGE).slice(1, -1)), json.stdout);
  });

  it('explain --page: names and decoded attributes are shown escaped (ESC, OSC, C1, bidi isolates, line breaks)', async () => {
    const manifest = dimelo();
    manifest.services[0].name = `GA\u001b]0;owned\u0007 \u2066tnemyap\u2069 \u009b8m\nBanner: no.`;
    const path = file('names.json', JSON.stringify(manifest, null, 2));
    const page = file(
      'page.html',
      '<script src="consent-banner.min.js" data-manifest="names.json"></script>\n' +
        '<script type="text/plain" data-service="&#27;[2K&#13;Result: all good&#x1b;[8m">x</script>\n' +
        '<iframe data-src="https://e.example/&#x202e;gnp.exe" data-service="youtube"></iframe>\n' +
        '<a href="#" data-consent-open>Cookie settings</a>\n'
    );
    const {code, stdout, stderr} = await cli(['explain', path, '--page', page]);
    assert.equal(code, 0, stderr);
    assertSafe(stdout);
    assert.ok(stdout.includes('GA\\x1b]0;owned\\x07 \\u2066tnemyap\\u2069 \\x9b8m\\nBanner: no.'), stdout);
    assert.ok(stdout.includes('data-service="\\x1b[2K\\rResult: all good\\x1b[8m"'), stdout);
    assert.ok(stdout.includes('https://e.example/\\u202egnp.exe'), stdout);
    assert.equal(stdout.split('\n').filter((line) => line.startsWith('Banner:')).length, 1, stdout);
    const json = JSON.parse((await cli(['explain', '--json', path, '--page', page])).stdout);
    assert.ok(
      json.page.elements.some((el) => el.tag.includes('\u001b[2K\rResult: all good')),
      JSON.stringify(json.page.elements)
    );
  });

  it('errors on stderr are shown escaped too', async () => {
    const {code, stderr} = await cli(['validate', join(dir, `missing${FORGE}.json`)]);
    assert.equal(code, 2);
    assertSafe(stderr);
    assert.ok(stderr.includes('\\x1b[2K'), stderr);
  });

  describe('scan', () => {
    let server;
    before(async () => {
      // A page of no manifest whose script sets a storage key that forges the verdict.
      const html = `<!doctype html><title>t</title><script>localStorage.setItem(${JSON.stringify(FORGE)}, '1');</script>`;
      server = createServer((request, response) => {
        response.setHeader('Content-Type', 'text/html');
        response.end(request.url === '/' ? html : '');
      });
      await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
    });
    after(() => new Promise((resolve) => (server ? server.close(resolve) : resolve())));

    it('a storage key cannot erase lines and print "Result: nothing leaks": the real result stands', async () => {
      const {code, stdout, stderr} = await cli(['scan', `http://127.0.0.1:${server.address().port}/`, '--wait', '0']);
      assert.equal(code, 1, stderr);
      assertSafe(stdout, {results: 1});
      assert.match(stdout, /^Result: 1 undeclared storage key\.$/m);
      assert.ok(stdout.includes('\\x1b[1A\\x1b[2K\\rResult: nothing leaks before consent'), stdout);
    });
  });
});
