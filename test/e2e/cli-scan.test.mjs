// `npx consent-banner scan <url>`: the built CLI, run as a site owner runs it, loads pages of the
// demo (served as the e2e harness serves them) in headless Chromium with no consent given,
// then, with --reject, clicks "Reject all" and checks the next page view. The demo sites must come
// out clean (R1); test/e2e/pages/leaky.html leaks on purpose, to three third-party hosts served
// here: localhost, [::1] and 127.0.0.2 (the page is on 127.0.0.1); leaky-refusal.html sets tracker
// cookies once the visitor refused. trackers.html loads real trackers' URLs: the CLI's Chromium gets
// CHROME_ARGS that map every host name to this machine, where the tracker server below answers as
// those trackers' stand-ins, so nothing leaves the machine.
// Each run is a process of its own. The runs that scan a page, in JSON or in text, do it in one of
// two Chromiums started here, with the flags the CLI gives its own (CHROME_WS_ENDPOINT): a start
// costs more CPU than most scans. The runs that must end in an error (exit 2), the one without
// trackerdb installed (its CHROME_ARGS) and Dimelo's demo start their own Chromium, as a site
// owner's runs do.
import assert from 'node:assert/strict';
import {copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync} from 'node:fs';
import {createServer} from 'node:http';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {after, before, describe, it} from 'node:test';
import {TEST_CHROMIUM} from '../chromium.mjs';
import {root} from '../node/load-core.mjs';
import {cli, cliEnv} from '../built/run-cli.mjs';
import {puppeteer} from './browser.mjs';
import {freePort, readManifest, SITES, startHarness} from './harness.mjs';

const dir = mkdtempSync(join(tmpdir(), 'consent-banner-scan-'));
const PIXEL = Buffer.from('R0lGODlhAQABAAAAACw=', 'base64');
// What the stand-ins of real trackers do: set their usual first-party cookies (and a storage key).
const SCRIPTS = {
  '/gtag/js': "document.cookie = '_ga=GA1.1.123.456; path=/; max-age=63072000; SameSite=Lax';",
  '/c/hotjar-1.js': "document.cookie = '_hjSessionUser_1=eyJpZCI6IjEifQ; path=/; max-age=31536000; SameSite=Lax';",
  '/metrika/tag.js':
    "document.cookie = '_ym_uid=1700000000123; path=/; max-age=31536000; SameSite=Lax'; document.cookie = '_ym_d=1700000000; path=/; max-age=31536000; SameSite=Lax'; localStorage.setItem('_ym_retryReqs', '{}');",
};
// Every host name to this machine (the page's own 127.0.0.1, [::1] and 127.0.0.2 are addresses already).
const HOST_RULES = '--host-resolver-rules=MAP * 127.0.0.1, EXCLUDE localhost';
const MAP_HOSTS = {CHROME_ARGS: HOST_RULES};
const MAPPED = {mapped: true};
/** A Chromium for the JSON runs to share, with the flags scan starts its own with (bin/src/chromium.ts). */
const startChromium = (...args) =>
  puppeteer.launch({
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
      ...args,
    ],
  });

describe('consent-banner scan', () => {
  let harness;
  let tracker;
  let page;
  /** The shared Chromiums: as scan starts its own, and that with every host name mapped here. */
  let shared;
  let mapped;
  before(async () => {
    [harness, shared, mapped] = await Promise.all([startHarness(), startChromium(), startChromium(HOST_RULES)]);
    tracker = createServer((request, response) => {
      response.setHeader('Access-Control-Allow-Origin', '*');
      const path = new URL(request.url, 'http://x').pathname;
      if (SCRIPTS[path]) response.setHeader('Content-Type', 'text/javascript');
      else if (/\.(gif|png)$/.test(path)) response.setHeader('Content-Type', 'image/gif');
      response.end(SCRIPTS[path] ?? (/\.(gif|png)$/.test(path) ? PIXEL : 'ok'));
    });
    await new Promise((resolve) => tracker.listen(0, '::', resolve));
    page = (path) => `http://127.0.0.1:${harness.port}${path}`;
  });
  after(async () => {
    await Promise.all([shared?.close(), mapped?.close()]);
    await harness?.close();
    await new Promise((resolve) => (tracker ? tracker.close(resolve) : resolve()));
    rmSync(dir, {recursive: true, force: true});
  });

  /**
   * A JSON run of the CLI, in the shared Chromium (`mapped`: the one with host names mapped here;
   * `full`: its own full Chromium instead).
   */
  const scan = async (url, ...args) => {
    const {mapped: mapHosts, env, full} = typeof args.at(-1) === 'object' ? args.pop() : {};
    const browser = full ? {} : {CHROME_WS_ENDPOINT: (mapHosts ? mapped : shared).wsEndpoint()};
    const result = await cli(['scan', url, '--json', '--wait', '0', ...args], {env: {...browser, ...env}, full});
    return {...result, report: result.stdout ? JSON.parse(result.stdout) : undefined};
  };
  /** A run that prints text, for a person, in the shared Chromium (`MAPPED`: the one with host names mapped here). */
  const scanText = (url, ...args) => {
    const mapHosts = args.at(-1) === MAPPED ? args.pop() : undefined;
    return cli(['scan', url, '--wait', '0', ...args], {env: {CHROME_WS_ENDPOINT: (mapHosts ? mapped : shared).wsEndpoint()}});
  };
  const leakyUrl = () => page(`/test/e2e/pages/leaky.html?tracker=http://localhost:${tracker.address().port}`);
  const trackersUrl = () => page(`/test/e2e/pages/trackers.html?port=${tracker.address().port}`);
  const refusalUrl = () => page(`/test/e2e/pages/leaky-refusal.html?tracker=http://mc.yandex.ru:${tracker.address().port}`);
  /** The parts of a name a test holds: where it came from, the id, the category, how it was found. */
  const named = (k) => (k ? [k.source, k.id, k.category, k.by] : undefined);

  // What each demo site's own necessary or exempt code sets before any choice.
  const EXPECTED_COOKIES = {
    dimelo: ['dimelo_session'],
    linkello: ['_pk_id.1.d3m0', '_pk_ses.1.d3m0', 'linkello_lang', 'linkello_session'],
    'linkello-medical': null,
    'linkello-pro': null,
    porthello: null,
  };

  // The catalogue's names for the demo's cookies (its trackers are local stand-ins, run only after
  // consent: trackerdb has nothing to name before it).
  const EXPECTED_NAMES = {
    '_pk_id.1.d3m0': ['catalogue', 'matomo-exempt', 'audience', 'cookie name'],
    '_pk_ses.1.d3m0': ['catalogue', 'matomo-exempt', 'audience', 'cookie name'],
  };

  for (const site of SITES) {
    it(`R1: the ${site} demo is clean: every cookie declared, nothing leaks, before consent or after "Reject all" (exit 0)`, async () => {
      // Dimelo's scan runs in the full Chromium a site owner has; the others in the tests' headless shell (test/chromium.mjs).
      const {code, report, stderr} = await scan(page(`/demo/${site}/index.html`), '--reject', {full: site === 'dimelo'});
      assert.equal(code, 0, stderr);
      assert.equal(stderr, '');
      assert.match(report.names.trackerdb.version, /^\d+\.\d+\.\d+$/);
      assert.equal(report.manifest.source, page(`/demo/${site}/cookie-manifest.json`));
      assert.equal(report.manifest.valid, true);
      assert.equal(report.manifest.banner, site === 'dimelo');
      assert.equal(report.bannerLoaded, true);
      assert.deepEqual(report.leaks, []);
      assert.deepEqual(report.requests, []);
      assert.ok(report.cookies.length > 0, 'the demo sets its necessary cookies at once');
      assert.deepEqual(
        report.cookies.filter((c) => c.status !== 'ok'),
        []
      );
      assert.deepEqual(
        report.storage.filter((s) => s.status !== 'ok'),
        []
      );
      if (EXPECTED_COOKIES[site]) assert.deepEqual(report.cookies.map((c) => c.name).sort(), EXPECTED_COOKIES[site]);
      // Consent cookies cannot be seen without consent: listed as such, not as stale.
      const consentCategories = readManifest(site)
        .categories.filter((c) => c.basis === 'consent')
        .map((c) => c.id);
      for (const n of report.neverSeen) {
        assert.equal(
          n.when,
          consentCategories.includes(n.category) || n.name === readManifest(site).cookie.name ? 'after-consent' : 'without-consent',
          n.name
        );
      }
      for (const c of report.cookies) assert.deepEqual(named(c.known), EXPECTED_NAMES[c.name], c.name);
      // "Reject all", clicked where the banner asks; the next page view sends and reads only what is necessary.
      const refusal = report.afterRefusal;
      assert.equal(refusal.refusal.clicked, site === 'dimelo', refusal.refusal.note);
      if (site === 'dimelo') {
        assert.equal(refusal.refusal.button, {fr: 'Tout refuser', en: 'Reject all'}[refusal.refusal.language]);
        assert.equal(refusal.kept, true);
      } else {
        assert.equal(refusal.kept, null);
        assert.match(refusal.refusal.note, /^no banner: nothing on this site asks for consent/);
      }
      assert.equal(refusal.next, page(`/demo/${site}/index.html`));
      assert.ok(refusal.requests > 0);
      assert.ok(
        refusal.cookies.some((c) => c.sent.count > 0),
        'the next page view sends the necessary cookies'
      );
      assert.deepEqual(
        refusal.cookies.filter((c) => c.status !== 'ok'),
        []
      );
      assert.deepEqual(refusal.leaks, []);
      assert.deepEqual(refusal.stored, []);
      assert.equal(refusal.failed, undefined);
      if (site === 'dimelo') assert.deepEqual(refusal.cookies.map((c) => c.name).sort(), ['dimelo_consent', 'dimelo_session']);
      assert.equal(report.problems, 0);
    });
  }

  it('R1: a page that leaks on purpose: services leaking, undeclared cookies and storage, exit 1', async () => {
    const {code, report, stderr} = await scan(leakyUrl());
    assert.equal(code, 1, stderr);
    const port = tracker.address().port;
    assert.deepEqual(report.cookies.map((c) => [c.name, c.status, c.owner?.service]).sort(), [
      ['_st_leak', 'leak', 'stats'],
      ['mystery', 'undeclared', undefined],
      ['sid', 'ok', 'session'],
    ]);
    assert.equal(report.cookies.find((c) => c.name === 'mystery').expiresIn > 29 * 86_400, true);
    assert.deepEqual(
      report.storage.map((s) => [s.area, s.key, s.status, s.origin]),
      [
        ['localStorage', 'tracking_id', 'undeclared', page('').replace(/\/$/, '')],
        // Written and removed again before the scan ended: still reported.
        ['sessionStorage', 'tmp_key', 'undeclared', page('').replace(/\/$/, '')],
      ]
    );
    assert.deepEqual(report.requests.map((r) => [r.url, r.status, r.owners.map((o) => o.service)]).sort(), [
      [`http://127.0.0.2:${port}/cdn.png`, 'unmatched', []],
      [`http://[::1]:${port}/beacon`, 'leak', ['video']],
      [`http://localhost:${port}/pixel.gif`, 'leak', ['pixel']],
    ]);
    assert.deepEqual(report.leaks.map((l) => [l.service, l.evidence]).sort(), [
      ['pixel', [`request http://localhost:${port}/pixel.gif`]],
      ['stats', ['cookie _st_leak']],
      ['video', [`request http://[::1]:${port}/beacon`]],
    ]);
    assert.deepEqual(report.neverSeen.map((n) => [n.name, n.when]).sort(), [
      ['_st', 'after-consent'],
      ['leaky_consent', 'after-consent'],
      ['old_pref', 'without-consent'],
      ['px', 'after-consent'],
    ]);
    assert.equal(report.problems, 6);
  });

  it('prints the findings as text for a person', async () => {
    const {code, stdout} = await scanText(leakyUrl());
    assert.equal(code, 1);
    assert.match(
      stdout,
      /^ {2}LEAK {7}_st_leak \(127\.0\.0\.1, 1 day\): stats "Stats" in category performance \(basis consent\); fix: tag the inline script that writes it: <script type="text\/plain" data-service="stats">…its code, unchanged…<\/script>$/m
    );
    assert.match(stdout, /^ {2}UNDECLARED mystery \(127\.0\.0\.1, 30 days\)$/m);
    assert.match(stdout, /^ {2}needing no consent, yet not seen \(set later in a visit, or no longer used\?\): old_pref \(session\)$/m);
    assert.match(stdout, /^Result: 3 services leak before consent, 1 undeclared cookie, 2 undeclared storage keys\.$/m);
    assert.match(stdout, /^Note: 1 third-party request matched no declared service and no known tracker: check what they send\.$/m);
    assert.match(stdout, /^Names: catalogue\/services\.json, then @ghostery\/trackerdb \d+\.\d+\.\d+$/m);
  });

  it('names what it finds: the catalogue first, then trackerdb for what the catalogue lacks, and says from where; what needs consent is a LEAK', async () => {
    const {code, report, stderr} = await scan(trackersUrl(), MAPPED);
    assert.equal(code, 1, stderr);
    const port = tracker.address().port;
    const metrika = `http://mc.yandex.ru:${port}/metrika/tag.js`;
    assert.deepEqual(Object.fromEntries(report.cookies.map((c) => [c.name, [c.status, named(c.known), c.known.script]])), {
      _ga: ['leak', ['catalogue', 'google-analytics', 'performance', 'cookie name'], undefined],
      _hjSessionUser_1: ['leak', ['catalogue', 'hotjar', 'performance', 'cookie name'], undefined],
      // trackerdb knows hosts, not cookie names: these are named by the script that wrote them.
      _ym_uid: ['leak', ['trackerdb', 'yandex_metrika', 'site_analytics', 'script'], metrika],
      _ym_d: ['leak', ['trackerdb', 'yandex_metrika', 'site_analytics', 'script'], metrika],
    });
    assert.deepEqual(
      report.storage.map((s) => [s.key, named(s.known)]),
      [['_ym_retryReqs', ['trackerdb', 'yandex_metrika', 'site_analytics', 'script']]]
    );
    assert.deepEqual(report.requests.map((r) => [new URL(r.url).hostname, r.status, named(r.known)]).sort(), [
      ['d.adroll.com', 'leak', ['trackerdb', 'adroll', 'advertising', 'url']],
      ['mc.yandex.ru', 'leak', ['trackerdb', 'yandex_metrika', 'site_analytics', 'url']],
      ['static.hotjar.com', 'leak', ['catalogue', 'hotjar', 'performance', 'host']],
      ['tr.snapchat.com', 'leak', ['trackerdb', 'snapchat', 'advertising', 'url']],
      ['www.googletagmanager.com', 'leak', ['catalogue', 'google-analytics', 'performance', 'host']],
    ]);
    const metrikaName = report.cookies.find((c) => c.name === '_ym_uid').known;
    assert.deepEqual(metrikaName, {
      source: 'trackerdb',
      id: 'yandex_metrika',
      name: 'Yandex Metrika',
      organization: 'Yandex',
      policyUrl: metrikaName.policyUrl,
      category: 'site_analytics',
      categoryName: 'Site Analytics',
      by: 'script',
      script: metrika,
    });
    // Several Google services share googletagmanager.com: the others are named too.
    assert.deepEqual(report.requests.find((r) => r.host.startsWith('www.googletagmanager.com')).known.also, [
      'google-ads',
      'doubleclick',
      'google-tag-manager',
    ]);

    const text = await scanText(trackersUrl(), MAPPED);
    assert.match(
      text.stdout,
      /^ {2}LEAK {7}_ga \(127\.0\.0\.1, \d+ days\); known as catalogue google-analytics "Google Analytics 4" \(performance\); fix: held back once http:\/\/www\.googletagmanager\.com:\d+\/gtag\/js\?id=G-TEST is tagged \(it writes this\)$/m
    );
    assert.match(
      text.stdout,
      new RegExp(
        `^ {2}LEAK {7}_ym_uid \\(127\\.0\\.0\\.1, 365 days\\); known as trackerdb yandex_metrika "Yandex Metrika" of Yandex \\(Site Analytics, by its script ${metrika.replace(/[.?]/g, '\\$&')}\\); fix: held back once`,
        'm'
      )
    );
    assert.match(
      text.stdout,
      /^ {2}LEAK {7}http:\/\/d\.adroll\.com:\d+\/cm\/pixel\.gif \(image\): no declared service loads from this host; known as trackerdb adroll "AdRoll" of AdRoll \(Advertising\); fix: tag the script of the page that sends it: type="text\/plain" data-service="adroll"$/m
    );
  });

  it('--draft proposes catalogue services as they are, and what only trackerdb names in "to classify" (fail closed); the draft then ties their requests', async () => {
    const draftPath = join(dir, 'trackers-draft.json');
    const {code} = await scan(trackersUrl(), '--draft', draftPath, MAPPED);
    assert.equal(code, 1);
    const draft = JSON.parse(readFileSync(draftPath, 'utf8'));
    // In the order the scan found them: the page's scripts run as they arrive.
    assert.deepEqual(draft.services.map((s) => [s.id, s.name, s.provider, s.category, s.cookies.map((c) => c.name).sort()]).sort(), [
      ['adroll', 'AdRoll', 'AdRoll', 'to-classify', []],
      // The catalogue's services with every cookie their vendors document (_hjSessionUser_1 is one of _hjSessionUser_*).
      ['google-analytics', 'Google Analytics 4', 'Google Ireland Limited', 'performance', ['_ga', '_ga_*']],
      [
        'hotjar',
        'Hotjar',
        'Hotjar Ltd',
        'performance',
        ['_hjHasCachedUserAttributes', '_hjSessionUser_*', '_hjSession_*', '_hjTLDTest', '_hjUserAttributesHash'],
      ],
      ['snapchat', 'Snapchat For Business', 'Snap', 'to-classify', []],
      ['yandex-metrika', 'Yandex Metrika', 'Yandex', 'to-classify', ['_ym_d', '_ym_retryReqs', '_ym_uid']],
    ]);
    assert.deepEqual(draft.services.find((s) => s.id === 'yandex-metrika').storage, ['_ym_retryReqs']);
    assert.deepEqual(draft.categories.map((c) => [c.id, c.basis]).sort(), [
      ['necessary', 'necessary'],
      ['performance', 'consent'],
      ['to-classify', 'consent'],
    ]);
    assert.match(
      draft.services.find((s) => s.id === 'yandex-metrika').description,
      /^Named by Ghostery's trackerdb: pattern yandex_metrika, category Site Analytics\./
    );
    assert.equal((await cli(['validate', draftPath])).code, 0);
    // With the draft as the manifest, every tracker is a declared consent service: each of them leaks.
    const again = await scan(trackersUrl(), '--manifest', draftPath, MAPPED);
    assert.equal(again.code, 1);
    assert.deepEqual(
      again.report.requests.map((r) => [r.status, r.owners.map((o) => o.service)]).filter(([status]) => status !== 'leak'),
      []
    );
    assert.deepEqual(again.report.leaks.map((l) => l.service).sort(), [
      'adroll',
      'google-analytics',
      'hotjar',
      'snapchat',
      'yandex-metrika',
    ]);
  });

  it('--reject: a page that sets tracker cookies once the visitor refused: each one read or sent on the next page view is a LEAK, exit 1', async () => {
    const {code, report, stderr} = await scan(refusalUrl(), '--reject', MAPPED);
    assert.equal(code, 1, stderr);
    // Clean before any choice: the failure is the refusal's alone.
    assert.deepEqual(
      report.cookies.map((c) => [c.name, c.status]),
      [['sid', 'ok']]
    );
    assert.deepEqual(report.leaks, []);
    const refusal = report.afterRefusal;
    assert.deepEqual(refusal.refusal, {
      clicked: true,
      button: 'Reject all',
      language: 'en',
      note: 'clicked the banner\'s "Reject all" button (en)',
    });
    assert.equal(refusal.kept, true);
    const url = refusalUrl();
    const port = tracker.address().port;
    assert.deepEqual(
      refusal.leaks.map((l) => [l.name, l.source, l.service]),
      [
        ['_st', 'manifest', 'stats'],
        ['_fbp', 'catalogue', 'meta-pixel'],
        ['_ym_uid', 'trackerdb', 'yandex_metrika'],
        ['_ym_d', 'trackerdb', 'yandex_metrika'],
      ]
    );
    for (const leak of refusal.leaks) {
      assert.match(leak.evidence[0], new RegExp(`^sent with \\d+ requests \\(${url.replace(/[.?]/g, '\\$&')}, …\\)$`), leak.name);
      assert.equal(leak.evidence[1], `read by ${url}`, leak.name);
    }
    const ym = refusal.cookies.find((c) => c.name === '_ym_uid');
    assert.equal(ym.sent.urls[0], url, 'sent with the next page view itself');
    assert.deepEqual(named(ym.known), ['trackerdb', 'yandex_metrika', 'site_analytics', 'script']);
    assert.equal(ym.known.script, `http://mc.yandex.ru:${port}/metrika/tag.js`);
    assert.deepEqual(
      refusal.cookies
        .filter((c) => c.status === 'ok')
        .map((c) => c.name)
        .sort(),
      ['refusal_consent', 'sid']
    );
    assert.equal(refusal.problems, 4);
    assert.equal(report.problems, 4);

    const text = await scanText(refusalUrl(), '--reject', MAPPED);
    assert.equal(text.code, 1);
    assert.match(
      text.stdout,
      /^After "Reject all": clicked the banner's "Reject all" button \(en\); the next page view keeps the refusal\.$/m
    );
    assert.match(
      text.stdout,
      /^ {2}LEAK {7}_st \(127\.0\.0\.1\): stats "Stats" in category performance \(basis consent\); sent with \d+ requests; read by http:\/\/127\.0\.0\.1:\d+\/test\/e2e\/pages\/leaky-refusal\.html\S*$/m
    );
    assert.match(text.stdout, /^ {2}LEAK {7}_fbp \(127\.0\.0\.1\); known as catalogue meta-pixel "Meta Pixel" \(advertising\); sent with/m);
    assert.match(text.stdout, /^Result: 4 cookies of a consent service read or sent after "Reject all"\.$/m);
  });

  it('--reject without a banner to click, and --next without --reject', async () => {
    const {code, report} = await scan(page('/test/e2e/pages/no-manifest.html'), '--reject');
    assert.equal(code, 1);
    assert.equal(report.afterRefusal.refusal.clicked, false);
    assert.equal(report.afterRefusal.failed, 'no "Reject all" to click (the page has no <consent-banner>)');
    const next = await cli(['scan', page('/demo/dimelo/index.html'), '--next', page('/demo/dimelo/privacy.html')]);
    assert.equal(next.code, 2);
    assert.equal(next.stderr.trim(), 'consent-banner: --next names the page view after "Reject all": use it with --reject');
  });

  it('--reject --next checks another page of the site after the refusal', async () => {
    const {code, report, stderr} = await scan(page('/demo/dimelo/index.html'), '--reject', '--next', page('/demo/dimelo/privacy.html'));
    assert.equal(code, 0, stderr);
    assert.equal(report.afterRefusal.next, page('/demo/dimelo/privacy.html'));
    assert.equal(report.afterRefusal.kept, true);
    assert.deepEqual(report.afterRefusal.leaks, []);
  });

  it('a trackerdb that does not load is one line, and the catalogue alone names (corrupt engine, missing package)', async () => {
    const corrupt = join(dir, 'corrupt.engine');
    writeFileSync(corrupt, 'not an engine\n');
    const {code, report, stderr} = await scan(trackersUrl(), {mapped: true, env: {CONSENT_BANNER_TRACKERDB: corrupt}});
    assert.equal(code, 1);
    const escaped = corrupt.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    assert.match(
      stderr,
      new RegExp(
        `^consent-banner: trackerdb: ${escaped} is not a trackerdb engine this version reads \\(serialized engine version mismatch, expected \\d+ but got \\d+\\); names come from the catalogue only\n$`
      )
    );
    assert.match(report.names.trackerdbError, /is not a trackerdb engine this version reads/);
    assert.equal(report.names.trackerdb, undefined);
    assert.deepEqual(named(report.cookies.find((c) => c.name === '_ga').known), [
      'catalogue',
      'google-analytics',
      'performance',
      'cookie name',
    ]);
    assert.equal(report.cookies.find((c) => c.name === '_ym_uid').known, undefined);
    assert.equal(report.requests.find((r) => r.host.startsWith('d.adroll.com')).known, undefined);

    const missing = await scan(trackersUrl(), {mapped: true, env: {CONSENT_BANNER_TRACKERDB: join(dir, 'nowhere.engine')}});
    assert.equal(
      missing.stderr,
      `consent-banner: trackerdb: cannot read its engine ${join(dir, 'nowhere.engine')}: ENOENT; names come from the catalogue only\n`
    );

    // The CLI without the package beside it (a site owner who did not install it): puppeteer-core only.
    const alone = join(dir, 'alone');
    mkdirSync(join(alone, 'node_modules'), {recursive: true});
    copyFileSync(`${root}dist/cli.js`, join(alone, 'cli.js'));
    symlinkSync(`${root}node_modules/puppeteer-core`, join(alone, 'node_modules', 'puppeteer-core'));
    writeFileSync(join(alone, 'run.mjs'), "const {run} = await import('./cli.js'); await run(process.argv.slice(2));\n");
    const {execFile} = await import('node:child_process');
    const result = await new Promise((resolve) =>
      execFile(
        process.execPath,
        [join(alone, 'run.mjs'), 'scan', trackersUrl(), '--wait', '0', '--json'],
        {cwd: alone, env: cliEnv({env: MAP_HOSTS}), timeout: 120_000},
        (error, stdout, stderr) => resolve({code: error ? error.code : 0, stdout, stderr})
      )
    );
    assert.equal(
      result.stderr,
      'consent-banner: trackerdb: @ghostery/trackerdb is not installed (npm install --save-dev @ghostery/trackerdb); names come from the catalogue only\n'
    );
    assert.equal(result.code, 1);
    assert.deepEqual(named(JSON.parse(result.stdout).cookies.find((c) => c.name === '_hjSessionUser_1').known), [
      'catalogue',
      'hotjar',
      'performance',
      'cookie name',
    ]);
  });

  it("--manifest takes a file instead of the page's data-manifest", async () => {
    const {code, report} = await scan(leakyUrl(), '--manifest', 'test/e2e/pages/leaky-manifest.json');
    assert.equal(code, 1);
    assert.equal(report.manifest.source, 'test/e2e/pages/leaky-manifest.json');
    assert.deepEqual(report.leaks.map((l) => l.service).sort(), ['pixel', 'stats', 'video']);
    // A storage key declared in a service's `storage` list belongs to that service.
    const manifest = JSON.parse(readFileSync(`${root}test/e2e/pages/leaky-manifest.json`, 'utf8'));
    manifest.services.find((x) => x.id === 'stats').storage = ['tracking_*'];
    const file = join(dir, 'leaky-storage.json');
    writeFileSync(file, JSON.stringify(manifest));
    const listed = await scan(leakyUrl(), '--manifest', file);
    assert.deepEqual(
      listed.report.storage.map((x) => [x.key, x.status, x.owner?.service]),
      [
        ['tracking_id', 'leak', 'stats'],
        ['tmp_key', 'undeclared', undefined],
      ]
    );
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
    // Storage keys are listed in `storage` too, so that a withdrawal deletes them.
    assert.deepEqual(added[0].storage, ['tracking_id', 'tmp_key']);
    assert.equal(draft.categories.find((c) => c.id === 'to-classify').basis, 'consent');
    assert.match(draft.$comment, /Third-party hosts contacted before consent: 127\.0\.0\.2:\d+\./);
    assert.equal((await cli(['validate', draftPath])).code, 0);
    writeFileSync(draftPath, 'keep me');
    const again = await cli(['scan', leakyUrl(), '--wait', '0', '--draft', draftPath]);
    assert.equal(again.code, 2);
    assert.equal(
      again.stderr.trim(),
      `consent-banner: ${draftPath} already exists: give --draft a new file name (nothing was overwritten)`
    );
    assert.equal(readFileSync(draftPath, 'utf8'), 'keep me');
  });

  it('a page without the banner or a manifest: all undeclared; --draft starts a manifest from known services', async () => {
    const draftPath = join(dir, 'new-draft.json');
    const {code, report} = await scan(page('/test/e2e/pages/no-manifest.html'), '--draft', draftPath);
    assert.equal(code, 1);
    assert.equal(report.manifest, null);
    assert.equal(report.bannerLoaded, false);
    // Google's cookie needs consent: a LEAK, manifest or not.
    assert.deepEqual(report.cookies.map((c) => [c.name, c.status]).sort(), [
      ['_ga', 'leak'],
      ['cart', 'undeclared'],
    ]);
    const draft = JSON.parse(readFileSync(draftPath, 'utf8'));
    assert.deepEqual(draft.site, {name: 'Boutique sans bannière', policyUrl: page('/privacy'), languages: ['fr']});
    assert.deepEqual(
      draft.services.map((s) => [s.id, s.category, s.cookies.map((c) => c.name)]),
      [
        ['google-analytics', 'performance', ['_ga', '_ga_*']],
        ['unclassified', 'to-classify', ['cart']],
      ]
    );
    assert.deepEqual(
      draft.categories.map((c) => [c.id, c.basis]),
      [
        ['necessary', 'necessary'],
        ['performance', 'consent'],
        ['to-classify', 'consent'],
      ]
    );
    assert.match(draft.$comment, /Not declarable as cookie names \(rename or ignore\): recently viewed\./);
    assert.equal((await cli(['validate', draftPath])).code, 0);
  });

  it('clear errors, exit 2: unreachable URL, a 404, not a URL, no browser', async () => {
    const closed = await freePort();
    const unreachable = await cli(['scan', `http://127.0.0.1:${closed}/`]);
    assert.equal(unreachable.code, 2);
    assert.equal(unreachable.stderr.trim(), `consent-banner: cannot load http://127.0.0.1:${closed}/: net::ERR_CONNECTION_REFUSED`);
    const missing = await cli(['scan', page('/demo/nowhere.html')]);
    assert.equal(missing.code, 2);
    assert.equal(missing.stderr.trim(), `consent-banner: cannot scan ${page('/demo/nowhere.html')}: the server answered 404 Not Found`);
    const notUrl = await cli(['scan', 'www.example.com']);
    assert.equal(notUrl.code, 2);
    assert.equal(notUrl.stderr.trim(), 'consent-banner: not a URL: www.example.com (scan loads a page: give its http(s) address)');
    const noBrowser = await cli(['scan', page('/demo/dimelo/index.html')], {env: {CHROME_PATH: join(dir, 'no-chromium')}});
    assert.equal(noBrowser.code, 2);
    assert.match(
      noBrowser.stderr.trim(),
      /^consent-banner: no Chromium at .*no-chromium: install it \(e\.g\. apt-get install chromium\) or set CHROME_PATH$/
    );
    assert.equal(existsSync(join(dir, 'no-chromium')), false);
  });

  it('CHROME_WS_ENDPOINT: scans in a Chromium already running, in a context of its own, and leaves it running', async () => {
    // The demo runs above left nothing behind: no context, no cookie of theirs in the browser's own.
    assert.equal(shared.connected, true);
    assert.equal(shared.browserContexts().length, 1);
    assert.deepEqual(await shared.defaultBrowserContext().cookies(), []);
    // A Chromium started without the scan's flag for frames of other sites: the report comes, with one line on what it may lack.
    const {code, report, stderr} = await scan(page('/demo/linkello/index.html'), {env: {CHROME_WS_ENDPOINT: harness.browser.wsEndpoint()}});
    assert.equal(code, 0, stderr);
    assert.deepEqual(report.cookies.map((c) => c.name).sort(), EXPECTED_COOKIES.linkello);
    assert.equal(
      stderr,
      'consent-banner: the Chromium at CHROME_WS_ENDPOINT runs without --disable-site-isolation-trials: the cookies that frames of other sites send may be missing from this scan; start it with that flag\n'
    );
    assert.equal(harness.browser.connected, true);
    const closed = await freePort();
    const nobody = `ws://127.0.0.1:${closed}/devtools/browser/none`;
    const unreachable = await cli(['scan', page('/demo/linkello/index.html')], {env: {CHROME_WS_ENDPOINT: nobody}});
    assert.equal(unreachable.code, 2);
    assert.match(
      unreachable.stderr,
      new RegExp(`^consent-banner: cannot reach the Chromium at CHROME_WS_ENDPOINT ${nobody}: .*ECONNREFUSED.*\n$`)
    );
    const both = await cli(['scan', page('/demo/linkello/index.html')], {env: {CHROME_WS_ENDPOINT: shared.wsEndpoint(), ...MAP_HOSTS}});
    assert.equal(both.code, 2);
    assert.equal(
      both.stderr,
      'consent-banner: CHROME_ARGS are flags for a Chromium that scan starts: with CHROME_WS_ENDPOINT, start that Chromium with them\n'
    );
  });
});
