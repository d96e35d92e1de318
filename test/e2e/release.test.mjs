// The released folder works on its own (scripts/release.mjs): a site that serves that folder, its
// page, its manifest and its own scripts, and nothing of this repository, shows the banner, holds a
// tagged script back until "Accept all", and every file the drop-in fetches is found in the folder.
// The site is a small server of its own: a request for anything else is a 404, and fails the test.
import assert from 'node:assert/strict';
import {readFileSync, mkdtempSync, rmSync, readdirSync} from 'node:fs';
import {createServer} from 'node:http';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {after, before, describe, it} from 'node:test';
import {makeRelease} from '../../scripts/release.mjs';
import {openBrowser} from './browser.mjs';
import {clickButton, inContext, openDialogs, ran, settle, visit} from './harness.mjs';

const dir = mkdtempSync(join(tmpdir(), 'release-site-'));
const {folder, version} = makeRelease({out: dir});
const base = `/consent-banner-${version}/`;

// A site that needs consent for its analytics (mapped to Consent Mode) and its video, with a
// consent log: every module the drop-in may fetch is fetched once (in English).
const manifest = {
  version: 1,
  site: {name: 'Released', policyUrl: 'https://released.example/privacy', languages: ['en']},
  revision: 1,
  log: {url: '/consent-log'},
  consentMode: {analytics_storage: ['performance']},
  categories: [
    {id: 'necessary', basis: 'necessary', title: {en: 'Essential'}},
    {id: 'performance', title: {en: 'Performance'}},
    {id: 'media', title: {en: 'Videos'}},
  ],
  services: [
    {id: 'site', name: 'Released', category: 'necessary', cookies: [{name: 'site_session', duration: 'session'}]},
    {id: 'analytics', name: 'Analytics', category: 'performance', cookies: [{name: '_an', duration: 'P13M'}]},
    {id: 'video', name: 'Video host', category: 'media', cookies: [{name: 'vid', duration: 'P1M'}]},
  ],
};
const site = {
  '/': [
    'text/html',
    `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>Released</title>
  <link rel="icon" href="data:,">
  <script src="${base}consent-banner.min.js" data-manifest="/cookie-manifest.json" data-reopen></script>
  <script type="text/plain" data-service="analytics" src="/analytics.js"></script>
</head>
<body>
  <h1>Released</h1>
  <iframe data-src="/video.html" data-service="video" title="A video" width="320" height="180"></iframe>
  <p><a href="#" data-consent-open>Cookie settings</a></p>
</body>
</html>
`,
  ],
  '/cookie-manifest.json': ['application/json', JSON.stringify(manifest)],
  '/analytics.js': ['text/javascript', "(window.__ran ??= []).push('analytics');"],
  '/video.html': ['text/html', '<!doctype html><title>Video</title><p>A video'],
};
const released = new Set(readdirSync(folder));
const TYPES = {js: 'text/javascript', json: 'application/json', txt: 'text/plain'};

describe('the released folder, served alone', () => {
  let server;
  let port;
  let browser;
  let closeBrowser;
  /** Every request the site answered: `{method, path, status}`. */
  const served = [];

  before(async () => {
    server = createServer((request, response) => {
      const {pathname} = new URL(request.url, 'http://site');
      const answer = (status, type, body) => {
        served.push({method: request.method, path: pathname, status});
        response.writeHead(status, {'content-type': type, 'cache-control': 'no-store'}).end(body);
      };
      if (request.method === 'POST' && pathname === '/consent-log') return request.resume().on('end', () => answer(204, 'text/plain', ''));
      if (site[pathname]) return answer(200, ...site[pathname]);
      const name = pathname.startsWith(base) ? pathname.slice(base.length) : undefined;
      if (name && released.has(name)) return answer(200, TYPES[name.split('.').pop()], readFileSync(join(folder, name)));
      answer(404, 'text/plain', 'not found');
    });
    await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = server.address().port;
    ({browser, close: closeBrowser} = await openBrowser());
  });
  after(async () => {
    await closeBrowser?.();
    await new Promise((resolve) => server?.close(resolve) ?? resolve());
    rmSync(dir, {recursive: true, force: true});
  });

  /** Nothing the site was asked for was missing (a file the drop-in fetches, not in the folder). */
  const noMisses = () =>
    assert.deepEqual(
      served.filter((request) => request.status >= 400),
      []
    );

  it('shows the banner, holds the tagged script until "Accept all", and fetches nothing outside the folder', () =>
    inContext({browser}, {}, async ({page, log}) => {
      await visit(page, `http://released.test:${port}/`);
      noMisses();
      assert.deepEqual(await openDialogs(page), ['banner']);
      assert.deepEqual(await ran(page), []);
      assert.ok(!served.some((request) => request.path === '/analytics.js'), 'the tagged script was fetched before consent');

      await clickButton(page, 'accept-all');
      await settle(page);
      assert.deepEqual(await ran(page), ['analytics']);
      noMisses();
      // The re-open control (data-reopen), then the preferences from the page's own link.
      await page.waitForFunction(() => document.querySelector('consent-banner').shadowRoot.querySelector('button[part~="reopen"]'), {
        timeout: 5000,
      });
      await page.click('a[data-consent-open]');
      await page.waitForFunction(() => document.querySelector('consent-banner').shadowRoot.querySelector('[part=preferences][open]'), {
        timeout: 5000,
      });
      await settle(page);

      noMisses();
      assert.deepEqual(log.errors, []);
      // What the browser asked for is what the site answered: nothing went elsewhere.
      assert.deepEqual([...new Set(log.requests)].sort(), [...new Set(served.map((request) => request.path))].sort());
      const fetched = [...new Set(served.map((request) => request.path).filter((path) => path.startsWith(base)))].sort();
      assert.deepEqual(
        fetched,
        [
          'consent-banner.min.js',
          ...['session', 'recorder', 'mode', 'log', 'first-layer', 'embeds', 'preferences', 'reopen', 'words.en', 'other-words.en'].map(
            (name) => `consent-banner-${name}.min.js`
          ),
        ]
          .map((name) => base + name)
          .sort()
      );
      assert.ok(
        served.some((request) => request.method === 'POST' && request.path === '/consent-log'),
        'no record was sent to the log'
      );
    }));
});
