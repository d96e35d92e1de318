// `npx consent-banner scan <url>`: the built CLI, run as a site owner runs it, loads pages of the
// demo (served as the e2e harness serves them) in its own headless Chromium with no consent given.
// The demo sites must come out clean (R1); test/e2e/pages/leaky.html leaks on purpose, to three
// third-party hosts served here: localhost, [::1] and 127.0.0.2 (the page is on 127.0.0.1).
import assert from 'node:assert/strict';
import {existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {createServer} from 'node:http';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {after, before, describe, it} from 'node:test';
import {root} from '../node/load-core.mjs';
import {cli} from '../node/run-cli.mjs';
import {readManifest, SITES, startHarness} from './harness.mjs';

const dir = mkdtempSync(join(tmpdir(), 'consent-banner-scan-'));
const PIXEL = Buffer.from('R0lGODlhAQABAAAAACw=', 'base64');

describe('consent-banner scan', () => {
  let harness;
  let tracker;
  let page;
  before(async () => {
    harness = await startHarness();
    tracker = createServer((request, response) => {
      response.setHeader('Access-Control-Allow-Origin', '*');
      if (/\.(gif|png)$/.test(request.url)) response.setHeader('Content-Type', 'image/gif');
      response.end(/\.(gif|png)$/.test(request.url) ? PIXEL : 'ok');
    });
    await new Promise((resolve) => tracker.listen(0, '::', resolve));
    page = (path) => `http://127.0.0.1:${harness.port}${path}`;
  });
  after(async () => {
    await harness?.close();
    await new Promise((resolve) => (tracker ? tracker.close(resolve) : resolve()));
    rmSync(dir, {recursive: true, force: true});
  });

  const scan = async (url, ...args) => {
    const result = await cli(['scan', url, '--json', '--wait', '0', ...args]);
    return {...result, report: result.stdout ? JSON.parse(result.stdout) : undefined};
  };
  const leakyUrl = () => page(`/test/e2e/pages/leaky.html?tracker=http://localhost:${tracker.address().port}`);

  // What each demo site's own necessary or exempt code sets before any choice.
  const EXPECTED_COOKIES = {
    dimelo: ['dimelo_session'],
    linkello: ['_pk_id.1.d3m0', '_pk_ses.1.d3m0', 'linkello_lang', 'linkello_session'],
    'linkello-medical': null,
    'linkello-pro': null,
    porthello: null,
  };

  for (const site of SITES) {
    it(`R1: the ${site} demo is clean: every cookie declared, nothing leaks (exit 0)`, async () => {
      const {code, report, stderr} = await scan(page(`/demo/${site}/index.html`));
      assert.equal(code, 0, stderr);
      assert.equal(report.manifest.source, page(`/demo/${site}/cookie-manifest.json`));
      assert.equal(report.manifest.valid, true);
      assert.equal(report.manifest.banner, site === 'dimelo');
      assert.equal(report.bannerLoaded, true);
      assert.deepEqual(report.leaks, []);
      assert.deepEqual(report.requests, []);
      assert.ok(report.cookies.length > 0, 'the demo sets its necessary cookies at once');
      assert.deepEqual(report.cookies.filter((c) => c.status !== 'ok'), []);
      assert.deepEqual(report.storage.filter((s) => s.status !== 'ok'), []);
      if (EXPECTED_COOKIES[site]) assert.deepEqual(report.cookies.map((c) => c.name).sort(), EXPECTED_COOKIES[site]);
      // Consent cookies cannot be seen without consent: listed as such, not as stale.
      const consentCategories = readManifest(site).categories.filter((c) => c.basis === 'consent').map((c) => c.id);
      for (const n of report.neverSeen) {
        assert.equal(n.when, consentCategories.includes(n.category) || n.name === readManifest(site).cookie.name ? 'after-consent' : 'without-consent', n.name);
      }
      assert.equal(report.problems, 0);
    });
  }

  it('R1: a page that leaks on purpose: services leaking, undeclared cookies and storage, exit 1', async () => {
    const {code, report, stderr} = await scan(leakyUrl());
    assert.equal(code, 1, stderr);
    const port = tracker.address().port;
    assert.deepEqual(
      report.cookies.map((c) => [c.name, c.status, c.owner?.service]).sort(),
      [
        ['_st_leak', 'leak', 'stats'],
        ['mystery', 'undeclared', undefined],
        ['sid', 'ok', 'session'],
      ]
    );
    assert.equal(report.cookies.find((c) => c.name === 'mystery').expiresIn > 29 * 86_400, true);
    assert.deepEqual(
      report.storage.map((s) => [s.area, s.key, s.status, s.origin]),
      [
        ['localStorage', 'tracking_id', 'undeclared', page('').replace(/\/$/, '')],
        // Written and removed again before the scan ended: still reported.
        ['sessionStorage', 'tmp_key', 'undeclared', page('').replace(/\/$/, '')],
      ]
    );
    assert.deepEqual(
      report.requests.map((r) => [r.url, r.status, r.owners.map((o) => o.service)]).sort(),
      [
        [`http://127.0.0.2:${port}/cdn.png`, 'unmatched', []],
        [`http://[::1]:${port}/beacon`, 'leak', ['video']],
        [`http://localhost:${port}/pixel.gif`, 'leak', ['pixel']],
      ]
    );
    assert.deepEqual(
      report.leaks.map((l) => [l.service, l.evidence]).sort(),
      [
        ['pixel', [`request http://localhost:${port}/pixel.gif`]],
        ['stats', ['cookie _st_leak']],
        ['video', [`request http://[::1]:${port}/beacon`]],
      ]
    );
    assert.deepEqual(
      report.neverSeen.map((n) => [n.name, n.when]).sort(),
      [
        ['_st', 'after-consent'],
        ['leaky_consent', 'after-consent'],
        ['old_pref', 'without-consent'],
        ['px', 'after-consent'],
      ]
    );
    assert.equal(report.problems, 6);
  });

  it('prints the findings as text for a person', async () => {
    const {code, stdout} = await cli(['scan', leakyUrl(), '--wait', '0']);
    assert.equal(code, 1);
    assert.match(stdout, /^ {2}LEAK {7}_st_leak \(127\.0\.0\.1, 1 day\): stats "Stats" in category performance \(basis consent\)$/m);
    assert.match(stdout, /^ {2}UNDECLARED mystery \(127\.0\.0\.1, 30 days\)$/m);
    assert.match(stdout, /^ {2}needing no consent, yet not seen \(set later in a visit, or no longer used\?\): old_pref \(session\)$/m);
    assert.match(stdout, /^Result: 3 services leak before consent, 1 undeclared cookie, 2 undeclared storage keys\.$/m);
    assert.match(stdout, /^Note: 1 third-party request matched no declared service: check what they send\.$/m);
  });

  it('--manifest takes a file instead of the page\'s data-manifest', async () => {
    const {code, report} = await scan(leakyUrl(), '--manifest', 'test/e2e/pages/leaky-manifest.json');
    assert.equal(code, 1);
    assert.equal(report.manifest.source, 'test/e2e/pages/leaky-manifest.json');
    assert.deepEqual(report.leaks.map((l) => l.service).sort(), ['pixel', 'stats', 'video']);
  });

  it('--draft adds what the manifest lacks, passes validate, and never overwrites a file', async () => {
    const draftPath = join(dir, 'leaky-draft.json');
    const {code, report} = await scan(leakyUrl(), '--draft', draftPath);
    assert.equal(code, 1);
    assert.equal(report.draft, draftPath);
    const draft = JSON.parse(readFileSync(draftPath, 'utf8'));
    const leaky = JSON.parse(readFileSync(`${root}test/e2e/pages/leaky-manifest.json`, 'utf8'));
    assert.deepEqual(draft.services.slice(0, leaky.services.length), leaky.services);
    assert.deepEqual(draft.categories.slice(0, leaky.categories.length), leaky.categories);
    const added = draft.services.slice(leaky.services.length);
    assert.deepEqual(
      added.map((s) => [s.id, s.category, s.cookies.map((c) => `${c.name} ${c.duration}`)]),
      [['unclassified', 'to-classify', ['mystery P30D', 'tracking_id P1Y', 'tmp_key session']]]
    );
    assert.equal(draft.categories.find((c) => c.id === 'to-classify').basis, 'consent');
    assert.match(draft.$comment, /Third-party hosts contacted before consent: 127\.0\.0\.2:\d+\./);
    assert.equal((await cli(['validate', draftPath])).code, 0);
    writeFileSync(draftPath, 'keep me');
    const again = await cli(['scan', leakyUrl(), '--wait', '0', '--draft', draftPath]);
    assert.equal(again.code, 2);
    assert.equal(again.stderr.trim(), `consent-banner: ${draftPath} already exists: give --draft a new file name (nothing was overwritten)`);
    assert.equal(readFileSync(draftPath, 'utf8'), 'keep me');
  });

  it('a page without the banner or a manifest: all undeclared; --draft starts a manifest from known services', async () => {
    const draftPath = join(dir, 'new-draft.json');
    const {code, report} = await scan(page('/test/e2e/pages/no-manifest.html'), '--draft', draftPath);
    assert.equal(code, 1);
    assert.equal(report.manifest, null);
    assert.equal(report.bannerLoaded, false);
    assert.deepEqual(report.cookies.map((c) => [c.name, c.status]).sort(), [['_ga', 'undeclared'], ['cart', 'undeclared']]);
    const draft = JSON.parse(readFileSync(draftPath, 'utf8'));
    assert.deepEqual(draft.site, {name: 'Boutique sans bannière', policyUrl: page('/privacy'), languages: ['fr']});
    assert.deepEqual(
      draft.services.map((s) => [s.id, s.category, s.cookies.map((c) => c.name)]),
      [
        ['google-analytics', 'performance', ['_ga']],
        ['unclassified', 'to-classify', ['cart']],
      ]
    );
    assert.deepEqual(draft.categories.map((c) => [c.id, c.basis]), [['necessary', 'necessary'], ['performance', 'consent'], ['to-classify', 'consent']]);
    assert.match(draft.$comment, /Not declarable as cookie names \(rename or ignore\): recently viewed\./);
    assert.equal((await cli(['validate', draftPath])).code, 0);
  });

  it('clear errors, exit 2: unreachable URL, a 404, not a URL, no browser', async () => {
    const closed = await new Promise((resolve) => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const {port} = probe.address();
        probe.close(() => resolve(port));
      });
    });
    const unreachable = await cli(['scan', `http://127.0.0.1:${closed}/`]);
    assert.equal(unreachable.code, 2);
    assert.equal(unreachable.stderr.trim(), `consent-banner: cannot load http://127.0.0.1:${closed}/: net::ERR_CONNECTION_REFUSED`);
    const missing = await cli(['scan', page('/demo/nowhere.html')]);
    assert.equal(missing.code, 2);
    assert.equal(missing.stderr.trim(), `consent-banner: cannot scan ${page('/demo/nowhere.html')}: the server answered 404 Not Found`);
    const notUrl = await cli(['scan', 'www.example.com']);
    assert.equal(notUrl.code, 2);
    assert.equal(notUrl.stderr.trim(), 'consent-banner: not a URL: www.example.com (scan loads a page: give its http(s) address)');
    const noBrowser = await cli(['scan', page('/demo/dimelo/index.html')], {env: {...process.env, CHROME_PATH: join(dir, 'no-chromium')}});
    assert.equal(noBrowser.code, 2);
    assert.match(noBrowser.stderr.trim(), /^consent-banner: no Chromium at .*no-chromium: install it \(e\.g\. apt-get install chromium\) or set CHROME_PATH$/);
    assert.equal(existsSync(join(dir, 'no-chromium')), false);
  });
});
