// `consent-banner scan` tells the truth (issue 23): a tracker the catalogue or trackerdb knows as
// needing consent, reached before consent, is a LEAK with its fix, even when the manifest forgets
// it; a <noscript> tracker is a LEAK ("remove it"); what the scan could not check, its verdict says
// so. Four shop pages (test/e2e/pages/truth/) leak one way each, with the vendors' real addresses:
// every host name goes to the stand-in of test/e2e/vendor-stand-in.mjs, so nothing leaves the
// machine. The scans run in one Chromium started here with the flags scan gives its own, plus the
// stand-in's (CHROME_WS_ENDPOINT), as test/e2e/cli-scan.test.mjs does.
import assert from 'node:assert/strict';
import {mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {after, before, describe, it} from 'node:test';
import {TEST_CHROMIUM} from '../chromium.mjs';
import {root} from '../node/load-core.mjs';
import {cli} from '../built/run-cli.mjs';
import {puppeteer} from './browser.mjs';
import {startHarness} from './harness.mjs';
import {standInFlags, startStandIn} from './vendor-stand-in.mjs';

const dir = mkdtempSync(join(tmpdir(), 'consent-banner-truth-'));
const lineOf = (file, needle) =>
  readFileSync(`${root}test/e2e/pages/truth/${file}`, 'utf8')
    .split('\n')
    .findIndex((l) => l.includes(needle)) + 1;

describe('scan: no false all-clear', () => {
  let harness;
  let standIn;
  let chromium;
  before(async () => {
    [harness, standIn] = await Promise.all([startHarness(), startStandIn()]);
    chromium = await puppeteer.launch({
      executablePath: TEST_CHROMIUM,
      headless: true,
      args: [
        '--no-sandbox',
        '--disable-dev-shm-usage',
        '--disable-gpu',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-site-isolation-trials',
        ...standInFlags(standIn.port),
      ],
    });
  });
  after(async () => {
    await chromium?.close();
    await Promise.all([harness?.close(), standIn?.close()]);
    rmSync(dir, {recursive: true, force: true});
  });

  const url = (file) => `http://127.0.0.1:${harness.port}/test/e2e/pages/truth/${file}`;
  /** The CLI's run on a page, in JSON (`text`: as a person reads it), in the Chromium started here. */
  const scan = async (file, ...args) => {
    const {env, text} = typeof args.at(-1) === 'object' ? args.pop() : {};
    const result = await cli(['scan', url(file), '--wait', '0', ...(text ? [] : ['--json']), ...args], {
      env: {CHROME_WS_ENDPOINT: chromium.wsEndpoint(), ...env},
    });
    return {...result, report: !text && result.stdout ? JSON.parse(result.stdout) : undefined};
  };
  const statuses = (report) => [
    ...report.cookies.map((c) => ['cookie', c.name, c.status]),
    ...report.storage.map((s) => ['storage', s.key, s.status]),
    ...report.requests.map((r) => ['request', new URL(r.url).host + new URL(r.url).pathname, r.status]),
    ...report.noscript.map((n) => ['noscript', n.url, n.status]),
  ];

  it('untagged GA4 that the manifest forgets: its script, its calls and its _ga cookie are LEAKs, each with the exact tag; exit 1', async () => {
    const {code, report, stderr} = await scan('ga4.html');
    assert.equal(code, 1, stderr);
    assert.deepEqual(statuses(report), [
      ['cookie', '_ga', 'leak'],
      ['request', 'www.googletagmanager.com/gtag/js', 'leak'],
      ['request', 'www.googletagmanager.com/__call', 'leak'],
      ['request', 'www.googletagmanager.com/__call', 'leak'],
    ]);
    const tag = `<script type="text/plain" data-service="google-analytics" async src="https://www.googletagmanager.com/gtag/js?id=G-TRUTH01"></script>`;
    assert.equal(report.requests[0].fix, `tag it (line ${lineOf('ga4.html', 'gtag/js?id=')}): ${tag}`);
    // What the tagged script would have sent and written is held back with it.
    assert.match(
      report.requests[1].fix,
      /^held back once https:\/\/www\.googletagmanager\.com\/gtag\/js\?id=G-TRUTH01 is tagged \(it sends this\)$/
    );
    assert.match(report.cookies[0].fix, /^held back once .* is tagged \(it writes this\)$/);
    assert.deepEqual(
      report.leaks.map((l) => [l.service, l.declared, l.source, l.category, l.fixes]),
      [
        [
          'google-analytics',
          false,
          'catalogue',
          'performance',
          [
            `tag it (line ${lineOf('ga4.html', 'gtag/js?id=')}): ${tag}`,
            `declare it: the catalogue's service "google-analytics" in a consent category (scan --draft and the studio add it with its cookies)`,
          ],
        ],
      ]
    );
    assert.equal(report.problems, 1);
    assert.deepEqual(report.unchecked, []);

    // The same statuses in the text, each LEAK line with its fix.
    const text = await scan('ga4.html', {text: true});
    assert.equal(text.code, 1);
    const line = text.stdout.split('\n').find((l) => l.includes('gtag/js?id=G-TRUTH01 (script)'));
    assert.equal(
      line,
      `  LEAK       https://www.googletagmanager.com/gtag/js?id=G-TRUTH01 (script): no declared service loads from this host; known as catalogue google-analytics "Google Analytics 4" (performance; or google-ads, doubleclick, google-tag-manager); fix: tag it (line ${lineOf('ga4.html', 'gtag/js?id=')}): ${tag}`
    );
    assert.match(
      text.stdout,
      /^ {2}LEAK {7}_ga \(127\.0\.0\.1, \d+ days\); known as catalogue google-analytics "Google Analytics 4" \(performance\); fix: held back once/m
    );
    assert.match(text.stdout, /^ {4}fix: declare it: the catalogue's service "google-analytics" in a consent category/m);
    assert.match(text.stdout, /^Result: 1 service leaks before consent \(1 of them not in the manifest\)\.$/m);
    assert.doesNotMatch(text.stdout, /nothing leaks/);
  });

  it('untagged Hotjar, a request and no cookie: still a LEAK, the fix on the inline snippet that loads it; exit 1', async () => {
    const {code, report, stderr} = await scan('hotjar.html');
    assert.equal(code, 1, stderr);
    assert.deepEqual(report.cookies, []);
    assert.deepEqual(statuses(report), [
      ['request', 'static.hotjar.com/c/hotjar-1234567.js', 'leak'],
      ['request', 'static.hotjar.com/__call', 'leak'],
    ]);
    assert.equal(
      report.requests[0].fix,
      `tag the inline script that loads it (line ${lineOf('hotjar.html', 'a.appendChild(r)')}): <script type="text/plain" data-service="hotjar">…its code, unchanged…</script>`
    );
    assert.deepEqual(
      report.leaks.map((l) => [l.service, l.declared, l.evidence.length]),
      [['hotjar', false, 2]]
    );
  });

  it('a <noscript> pixel: a LEAK with JavaScript on too ("remove this <noscript>"), though nothing reached Meta; exit 1', async () => {
    standIn.clear();
    const {code, report, stderr} = await scan('noscript.html');
    assert.equal(code, 1, stderr);
    // The tagged pixel waits: nothing reached Meta's hosts during the scan.
    assert.deepEqual(standIn.reached('facebook.com'), []);
    assert.deepEqual(standIn.reached('facebook.net'), []);
    assert.deepEqual(report.requests, []);
    const line = lineOf('noscript.html', '<noscript><img');
    assert.deepEqual(report.noscript, [
      {
        line,
        element: 'img',
        url: 'https://www.facebook.com/tr?id=123456789012345&ev=PageView&noscript=1',
        status: 'leak',
        owner: {service: 'meta-pixel', name: 'Meta Pixel', category: 'advertising', basis: 'consent'},
        known: {
          source: 'catalogue',
          id: 'meta-pixel',
          name: 'Meta Pixel',
          provider: 'Meta Platforms Ireland Limited',
          category: 'advertising',
          basis: 'consent',
          by: 'host',
        },
        fix: `fires with JavaScript off: remove this <noscript> (line ${line})`,
      },
    ]);
    assert.deepEqual(
      report.leaks.map((l) => [l.service, l.declared, l.fixes]),
      [['meta-pixel', true, [`fires with JavaScript off: remove this <noscript> (line ${line})`]]]
    );
  });

  it('a tracker only trackerdb knows (Yandex Metrika, site analytics): a LEAK named by trackerdb; without trackerdb, the verdict says what it did not check', async () => {
    const {code, report, stderr} = await scan('trackerdb.html');
    assert.equal(code, 1, stderr);
    assert.deepEqual(statuses(report), [['request', 'mc.yandex.ru/metrika/tag.js', 'leak']]);
    assert.deepEqual(
      report.leaks.map((l) => [l.service, l.source, l.category, l.fixes[0]]),
      [
        [
          'yandex-metrika',
          'trackerdb',
          'to-classify',
          `tag it (line ${lineOf('trackerdb.html', 'mc.yandex.ru')}): <script type="text/plain" data-service="yandex-metrika" async src="https://mc.yandex.ru/metrika/tag.js"></script>`,
        ],
      ]
    );

    // A trackerdb that does not load: one line on stderr, and a verdict that vouches for nothing it could not see.
    const corrupt = join(dir, 'corrupt.engine');
    writeFileSync(corrupt, 'not an engine\n');
    const blind = await scan('trackerdb.html', {text: true, env: {CONSENT_BANNER_TRACKERDB: corrupt}});
    assert.equal(blind.stderr.split('\n').filter(Boolean).length, 1, blind.stderr);
    assert.match(blind.stderr, /^consent-banner: trackerdb: .* is not a trackerdb engine this version reads/);
    assert.equal(blind.code, 0);
    assert.doesNotMatch(blind.stdout, /nothing leaks/);
    assert.match(
      blind.stdout,
      /^Result: no leak found before consent in what was checked, and every cookie and storage key is declared\.$/m
    );
    assert.match(
      blind.stdout,
      /^Not checked: trackers only Ghostery's trackerdb knows \(.* is not a trackerdb engine this version reads .*\)\.$/m
    );
    assert.match(
      blind.stdout,
      /^ {2}unmatched {2}https:\/\/mc\.yandex\.ru\/metrika\/tag\.js \(script\): no declared service loads from this host$/m
    );
  });

  it("declared in a necessary category, the site owner's word stands (with the lint's warning): ok, exit 0", async () => {
    const manifest = JSON.parse(readFileSync(`${root}test/e2e/pages/truth/shop-manifest.json`, 'utf8'));
    manifest.services.push({id: 'stats', name: 'Google Analytics', category: 'necessary', cookies: [{name: '_ga', duration: 'P13M'}]});
    const file = join(dir, 'necessary-ga.json');
    writeFileSync(file, JSON.stringify(manifest));
    const {code, stdout} = await scan('ga4.html', '--manifest', file, {text: true});
    assert.equal(code, 0, stdout);
    assert.match(
      stdout,
      /^ {2}ok {9}https:\/\/www\.googletagmanager\.com\/gtag\/js\?id=G-TRUTH01 \(script\): stats "Google Analytics" in category necessary \(basis necessary\)/m
    );
    assert.match(stdout, /warning: services\[2\]\.category: Google Analytics is not strictly necessary: move it to a consent category$/m);
  });

  it('--draft fills the services it names with the cookies their vendors document, seen or not', async () => {
    const draftPath = join(dir, 'hotjar-draft.json');
    const {code} = await scan('hotjar.html', '--draft', draftPath);
    assert.equal(code, 1);
    const draft = JSON.parse(readFileSync(draftPath, 'utf8'));
    const catalogue = JSON.parse(readFileSync(`${root}catalogue/services.json`, 'utf8')).services.find((s) => s.id === 'hotjar');
    const hotjar = draft.services.find((s) => s.id === 'hotjar');
    assert.equal(hotjar.category, 'performance');
    assert.deepEqual(
      hotjar.cookies,
      catalogue.cookies.map((c) => ({name: c.name, duration: c.duration, ...(c.domain ? {domain: c.domain} : {}), purpose: c.purpose.en}))
    );
    assert.ok(hotjar.cookies.length > 0);
    assert.equal((await cli(['validate', draftPath])).code, 0);
  });
});
