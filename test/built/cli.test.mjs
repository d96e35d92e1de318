// `npx consent-banner validate | explain`: run as a site owner runs them (the built bin, a child
// process), on the demo manifests and pages and on broken copies of them. Exit codes, line
// numbers and verdicts are checked against the files themselves. `scan` is in test/e2e.
import assert from 'node:assert/strict';
import {mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {createServer as createHttpServer} from 'node:http';
import {createServer} from 'node:net';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {after, describe, it} from 'node:test';
import {loadCore, root} from '../node/load-core.mjs';
import {cli} from './run-cli.mjs';

const SITES = ['dimelo', 'linkello', 'linkello-medical', 'linkello-pro', 'porthello'];
const dir = mkdtempSync(join(tmpdir(), 'consent-banner-cli-'));
after(() => rmSync(dir, {recursive: true, force: true}));

const demo = (site) => `demo/${site}/cookie-manifest.json`;
const dimeloJson = () => JSON.parse(readFileSync(`${root}${demo('dimelo')}`, 'utf8'));

/** Writes `text` to a temporary file and returns its path. */
function temp(name, text) {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

/** The 1-based line of the first occurrence of `needle` in `text`. */
const lineOf = (text, needle) => {
  const at = text.indexOf(needle);
  assert.ok(at >= 0, `${needle} is not in the file`);
  return text.slice(0, at).split('\n').length;
};

const closedPort = () =>
  new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const {port} = probe.address();
      probe.close(() => resolve(port));
    });
  });

describe('consent-banner validate', () => {
  it('accepts the five demo manifests (exit 0), saying whether a banner asks', async () => {
    const {code, stdout, stderr} = await cli(['validate', ...SITES.map(demo)]);
    assert.equal(code, 0, stderr);
    assert.match(stdout, /^demo\/dimelo\/cookie-manifest\.json: valid \(4 categories, 10 services; a banner asks for consent\)$/m);
    assert.match(stdout, /^demo\/porthello\/cookie-manifest\.json: valid \(1 category, 1 service; no banner: nothing needs consent\)$/m);
    assert.equal(stdout.trim().split('\n').length, 5);
  });

  // [name, edit of Dimelo's manifest, the runtime's error, text on the line it must point at]
  const cases = [
    [
      'a legitimate-interest basis (R7)',
      (m) => (m.categories[2].basis = 'legitimate'),
      'categories[2].basis: must be one of consent, necessary, exempt',
      '"basis": "legitimate"',
    ],
    ['an unknown field', (m) => (m.services[3].tracking = true), 'services[3].tracking: is not a known field', '"tracking": true'],
    ['a missing field, at its object', (m) => delete m.services[4].name, 'services[4].name: is required', '"id": "google-ads"'],
    [
      'a bad cookie duration',
      (m) => (m.services[1].cookies[2].duration = '1 day'),
      'services[1].cookies[2].duration: must be an ISO 8601 duration or "session", got "1 day"',
      '"duration": "1 day"',
    ],
    ['a duplicated language', (m) => m.site.languages.push('fr'), 'site.languages[2]: duplicate language "fr"', '"fr"\n    ]'],
    [
      'consent mode naming an unknown category',
      (m) => (m.consentMode.ad_storage = ['ads']),
      'consentMode.ad_storage[0]: unknown category "ads"',
      '"ads"',
    ],
    // A link that can never be http(s), wherever the file is served (R14: the policy is information owed to the visitor).
    [
      'a javascript: policy link',
      (m) => (m.site.policyUrl = 'javascript:alert(1)'),
      'site.policyUrl: must be an http(s) URL or a relative link, got "javascript:alert(1)"',
      '"policyUrl": "javascript:alert(1)"',
    ],
    [
      'a mailto: service policy link',
      (m) => (m.services[2].policyUrl = 'mailto:dpo@hubspot.com'),
      'services[2].policyUrl: must be an http(s) URL or a relative link, got "mailto:dpo@hubspot.com"',
      '"policyUrl": "mailto:dpo@hubspot.com"',
    ],
  ];
  for (const [name, edit, message, anchor] of cases) {
    it(`refuses ${name} with exit 1, its JSON path and its line`, async () => {
      const manifest = dimeloJson();
      edit(manifest);
      const text = JSON.stringify(manifest, null, 2);
      const file = temp(`${name.replace(/\W+/g, '-')}.json`, text);
      const {code, stdout} = await cli(['validate', file]);
      assert.equal(code, 1);
      const match = /^(.+):(\d+):(\d+): error: (.+)$/m.exec(stdout);
      assert.ok(match, stdout);
      assert.equal(match[1], file);
      assert.equal(match[4], message);
      const line = Number(match[2]);
      // A missing member points at the object that lacks it: the line of its opening brace.
      const expected = name.startsWith('a missing') ? lineOf(text, anchor) - 1 : lineOf(text, anchor);
      assert.equal(line, expected, `line ${line}: ${text.split('\n')[line - 1]}`);
      assert.equal(Number(match[3]), text.split('\n')[line - 1].search(/\S/) + 1, 'column of the first character');
    });
  }

  describe('relative links (README, “Command line”, --base)', () => {
    const manifest = dimeloJson();
    manifest.site.policyUrl = 'privacy.html';
    manifest.services[1].policyUrl = '../legal/google-analytics.html';
    const goodText = JSON.stringify(manifest, null, 2);
    // A network-path link whose port no URL can have: a link by its shape, no URL once resolved.
    manifest.services[2].policyUrl = '//legal.hubspot.com:99999/privacy';
    const text = JSON.stringify(manifest, null, 2);
    const error = (base) =>
      `${lineOf(text, '"policyUrl": "//legal')}:7: error: services[2].policyUrl: must resolve to an http(s) URL against ${base}, got "//legal.hubspot.com:99999/privacy"`;

    it('a file: relative links are links (exit 0); with --base, each is checked as the URL it resolves to, by its path, line and column', async () => {
      const file = temp('relative.json', text);
      const alone = await cli(['validate', file]);
      assert.equal(alone.code, 0, alone.stdout + alone.stderr);
      const based = await cli(['validate', '--base', 'https://dimelo.example/shop/', file]);
      assert.equal(based.code, 1);
      assert.equal(based.stdout.trim(), `${file}:${error('https://dimelo.example/shop/')}`);
      const good = temp('relative-good.json', goodText);
      assert.equal((await cli(['validate', '--base', 'https://dimelo.example/shop/cookie-manifest.json', good])).code, 0);
    });

    it('a manifest given by URL resolves against its own URL; --base must be an http(s) URL (exit 2)', async () => {
      const server = createHttpServer((request, response) => response.end(text)).listen(0, '127.0.0.1');
      await new Promise((resolve) => server.once('listening', resolve));
      try {
        const url = `http://127.0.0.1:${server.address().port}/shop/cookie-manifest.json`;
        const {code, stdout} = await cli(['validate', url]);
        assert.equal(code, 1);
        assert.equal(stdout.trim(), `${url}:${error(url)}`);
      } finally {
        server.close();
      }
      for (const base of ['shop.example', 'file:///srv/', 'https://']) {
        const bad = await cli(['validate', '--base', base, demo('dimelo')]);
        assert.equal(bad.code, 2);
        assert.equal(bad.stderr.trim(), `consent-banner: --base takes the http(s) URL the manifest is served from, got "${base}"`);
      }
    });
  });

  it('places a JSON syntax error (a trailing comma) at its line and column', async () => {
    const file = temp('syntax.json', '{\n  "version": 1,\n  "site": {"name": "x",}\n}\n');
    const {code, stdout} = await cli(['validate', file]);
    assert.equal(code, 1);
    assert.equal(stdout.trim(), `${file}:3:24: error: invalid JSON: expected a property name in double quotes, found "}"`);
  });

  it('warns about a key given twice and about R29 trackers, and --strict turns warnings into exit 1', async () => {
    const manifest = dimeloJson();
    manifest.services[0].name = 'Google Analytics';
    const text = JSON.stringify(manifest, null, 2).replace('"revision": 1,', '"revision": 1,\n  "revision": 1,');
    const file = temp('warnings.json', text);
    const plain = await cli(['validate', file]);
    assert.equal(plain.code, 0);
    const warnings = plain.stdout.split('\n').filter((l) => l.includes(': warning: '));
    assert.deepEqual(warnings, [
      `${file}:${lineOf(text, '"revision"') + 1}:3: warning: revision: is given twice; only the last one counts`,
      `${file}:${lineOf(text, '"category": "necessary"')}:7: warning: services[0].category: Google Analytics is not strictly necessary: move it to a consent category`,
    ]);
    assert.equal((await cli(['validate', '--strict', file])).code, 1);
  });

  it('--json gives each file, its validity and its issues with line and column', async () => {
    const manifest = dimeloJson();
    manifest.gpc = 'sometimes';
    const file = temp('json.json', JSON.stringify(manifest, null, 2));
    const {code, stdout} = await cli(['validate', '--json', demo('linkello'), file]);
    assert.equal(code, 1);
    const [good, bad] = JSON.parse(stdout);
    assert.deepEqual(good, {file: demo('linkello'), valid: true, errors: [], warnings: [], categories: 2, services: 2, banner: false});
    assert.equal(bad.valid, false);
    assert.deepEqual(
      bad.errors.map(({path, message}) => ({path, message})),
      [{path: 'gpc', message: 'must be one of refuse, ignore'}]
    );
    assert.equal(bad.errors[0].line, lineOf(JSON.stringify(manifest, null, 2), '"gpc"'));
  });

  it('says clearly when a file is missing, is a directory, or a URL is unreachable (exit 2)', async () => {
    const missing = await cli(['validate', 'no/such/manifest.json']);
    assert.equal(missing.code, 2);
    assert.equal(missing.stderr.trim(), 'consent-banner: manifest not found: no/such/manifest.json');
    const directory = await cli(['validate', 'demo']);
    assert.equal(directory.code, 2);
    assert.equal(directory.stderr.trim(), 'consent-banner: the manifest demo is a directory, not a file');
    const url = `http://127.0.0.1:${await closedPort()}/cookie-manifest.json`;
    const unreachable = await cli(['validate', url]);
    assert.equal(unreachable.code, 2);
    assert.equal(unreachable.stderr.trim(), `consent-banner: cannot fetch the manifest ${url}: ECONNREFUSED`);
  });

  it('refuses a wrong command or option with the usage (exit 2), and prints help with exit 0', async () => {
    const unknown = await cli(['lint', 'x.json']);
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /^consent-banner: unknown command "lint"\n\nUsage: consent-banner <command>/);
    const option = await cli(['validate', '--page', 'x.html', demo('dimelo')]);
    assert.equal(option.code, 2);
    assert.equal(option.stderr.trim(), 'consent-banner: validate does not take --page');
    const none = await cli(['validate']);
    assert.equal(none.code, 2);
    const help = await cli(['--help']);
    assert.equal(help.code, 0);
    assert.match(
      help.stdout,
      /validate <manifest>\.\.\.[\s\S]*--base <url>[\s\S]*explain <manifest>[\s\S]*scan <url>[\s\S]*--draft <file>/
    );
  });
});

describe('consent-banner explain', () => {
  it('Dimelo: a banner, why, and which tagged scripts and embeds of its page wait (R28)', async () => {
    const {code, stdout} = await cli(['explain', demo('dimelo'), '--page', 'demo/dimelo/index.html', '--json']);
    assert.equal(code, 0);
    const e = JSON.parse(stdout);
    assert.equal(e.banner.shown, true);
    assert.match(
      e.banner.reason,
      /^3 consent categories hold services: "Performance measurement" \(2 services\), "Targeting and advertising" \(3 services\), "Social sharing" \(4 services\)/
    );
    assert.deepEqual(
      e.categories.map((c) => [c.id, c.basis, c.services.length]),
      [
        ['necessary', 'necessary', 1],
        ['performance', 'consent', 2],
        ['advertising', 'consent', 3],
        ['social', 'consent', 4],
      ]
    );
    assert.deepEqual(e.categories[1].services[0].cookies[0], {name: '_ga', duration: '2 years'});
    assert.equal(e.page.loadsBanner, true);
    assert.equal(e.page.manifestAttribute, 'cookie-manifest.json');
    const html = readFileSync(`${root}demo/dimelo/index.html`, 'utf8');
    const verdicts = Object.fromEntries(e.page.elements.map((el) => [`${el.line} ${el.tag}`, el.verdict]));
    const at = (needle) => lineOf(html, needle);
    assert.deepEqual(verdicts, {
      [`${at('data-service="session"')} data-service="session"`]: 'runs-at-once',
      [`${at('data-service="google-analytics" src')} data-service="google-analytics"`]: 'waits-for-consent',
      [`${at('data-service="google-analytics">')} data-service="google-analytics"`]: 'waits-for-consent',
      [`${at('data-service="hubspot-analytics"')} data-service="hubspot-analytics"`]: 'waits-for-consent',
      [`${at('data-service="doubleclick"')} data-service="doubleclick"`]: 'waits-for-consent',
      [`${at('data-category="advertising"')} data-category="advertising"`]: 'waits-for-consent',
      [`${at('data-service="hubspot-advertising"')} data-service="hubspot-advertising"`]: 'waits-for-consent',
      [`${at('data-service="facebook"')} data-service="facebook"`]: 'waits-for-consent',
      [`${at('data-service="linkedin"')} data-service="linkedin"`]: 'waits-for-consent',
      [`${at('data-service="addthis"')} data-service="addthis"`]: 'waits-for-consent',
      [`${at('data-category="!performance"')} data-category="!performance"`]: 'runs-on-refusal',
      [`${at('data-service="youtube"')} data-service="youtube"`]: 'waits-for-consent',
      [`${at('facebook.gif')} data-service="facebook"`]: 'waits-for-consent',
    });
    assert.deepEqual(
      e.consentMode.map((m) => [m.type, m.default]),
      [
        ['ad_storage', 'denied'],
        ['ad_user_data', 'denied'],
        ['ad_personalization', 'denied'],
        ['analytics_storage', 'denied'],
        ['functionality_storage', 'granted'],
        ['personalization_storage', 'denied'],
        ['security_storage', 'granted'],
      ]
    );
  });

  it('Linkello: no banner, because everything is necessary or exempt; its scripts run at once (R28, R31)', async () => {
    const {code, stdout} = await cli(['explain', demo('linkello'), '--page', 'demo/linkello/index.html', '--lang', 'fr']);
    assert.equal(code, 0);
    assert.match(
      stdout,
      /^Banner: no\. Every category is necessary or exempt: nothing needs consent\. Nothing is stored unless the visitor opts out\. A link with data-consent-open opens the declaration, with an opt-out of Matomo\.$/m
    );
    assert.match(stdout, /^ {2}audience \("Mesure d'audience anonyme"\): exempt: always on, with an opt-out in the declaration$/m);
    assert.match(stdout, /<script> data-service="matomo" \.\.\/trackers\/matomo\.js: runs at once: exempt/);
    assert.match(stdout, /^ {2}runs at once: 2$/m);
    assert.match(stdout, /^Google Consent Mode: not used/m);
  });

  it('flags what a page gets wrong: untagged trackers, tags that block nothing, unknown services', async () => {
    const page = temp(
      'mistakes.html',
      [
        '<!doctype html><html><head>',
        '<script src="/consent-banner.min.js" data-manifest="/cookie-manifest.json"></script>',
        '<!-- <script type="text/plain" data-service="facebook" src="commented-out.js"></script> -->',
        '<script async src="https://www.googletagmanager.com/gtag/js?id=G-1"></script>',
        '<script>window.dataLayer = []; function gtag(){dataLayer.push(arguments)} gtag("config", "G-1"); var s = "<script type=\'text/plain\' data-service=\'x\'>";</script>',
        '<script data-service="facebook" src="fb.js"></script>',
        '<script type="text/plain" data-service="tiktok" src="tt.js"></script>',
        '<script type="text/plain" data-category="!necessary">fallback()</script>',
        '<iframe data-service="youtube" src="https://www.youtube-nocookie.com/embed/x" title="v"></iframe>',
        '<img src="https://cdn.example.com/logo.png" alt="">',
        '</head></html>',
      ].join('\n')
    );
    const {code, stdout} = await cli(['explain', demo('dimelo'), '--page', page, '--json']);
    assert.equal(code, 1, 'something that needs consent is NOT BLOCKED');
    const found = JSON.parse(stdout).page.elements.map((el) => [el.line, el.element, el.verdict, el.reason]);
    assert.deepEqual(found, [
      [
        4,
        'script',
        'not-blocked',
        'loads from www.googletagmanager.com (Google Analytics 4): runs at once, before any choice; tag it: <script type="text/plain" data-service="google-analytics" async src="https://www.googletagmanager.com/gtag/js?id=G-1"></script>',
      ],
      [
        5,
        'script',
        'not-blocked',
        'an inline tracking snippet (Google Analytics 4): runs at once, before any choice; tag it: <script type="text/plain" data-service="google-analytics">…its code, unchanged…</script>',
      ],
      [
        6,
        'script',
        'not-blocked',
        'tagged but not blocked: it runs at once; add type="text/plain": <script type="text/plain" data-service="facebook" src="fb.js"></script>',
      ],
      [7, 'script', 'never-runs', 'no service "tiktok" in the manifest'],
      [8, 'script', 'never-runs', '"Essential cookies" is necessary: it is never refused'],
      [
        9,
        'iframe',
        'not-blocked',
        'tagged but not blocked: it runs at once; move its src to data-src: <iframe data-src="https://www.youtube-nocookie.com/embed/x" title="v" data-service="youtube"></iframe>',
      ],
    ]);
    assert.equal((await cli(['explain', demo('dimelo'), '--page', page, '--warn-only'])).code, 0, '--warn-only keeps 0');
  });

  it('an invalid manifest: exit 1, the error with its line, and what the banner does then (fail closed)', async () => {
    const manifest = dimeloJson();
    manifest.consentMaxAgeDays = 400;
    const text = JSON.stringify(manifest, null, 2);
    const file = temp('invalid-explain.json', text);
    const {code, stdout} = await cli(['explain', file]);
    assert.equal(code, 1);
    assert.match(
      stdout,
      new RegExp(
        `^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:${lineOf(text, '"consentMaxAgeDays"')}:3: error: consentMaxAgeDays: must be an integer from 1 to 395, got 400$`,
        'm'
      )
    );
    assert.match(stdout, /releases nothing that needs consent \(fail closed\)\.$/m);
  });

  it('says clearly when the page is missing (exit 2)', async () => {
    const {code, stderr} = await cli(['explain', demo('dimelo'), '--page', 'nowhere.html']);
    assert.equal(code, 2);
    assert.equal(stderr.trim(), 'consent-banner: page not found: nowhere.html');
  });
});

describe('the CLI readers', async () => {
  const {readJson} = await loadCore('src/core/json-source.ts');
  const {startTags} = await loadCore('bin/src/html-tags.ts');

  it('readJson locates members, array items and missing members; a BOM does not shift columns', () => {
    const json = readJson('\ufeff{\n  "a": [1,\n    {"b": true}],\n  "c": {}\n}');
    assert.deepEqual(json.value, {a: [1, {b: true}], c: {}});
    assert.deepEqual(json.locate('a'), {line: 2, column: 3});
    assert.deepEqual(json.locate('a[1]'), {line: 3, column: 5});
    assert.deepEqual(json.locate('a[1].b'), {line: 3, column: 6});
    assert.deepEqual(json.locate('c.missing'), {line: 4, column: 3});
    assert.deepEqual(json.locate('manifest'), {line: 1, column: 1});
  });

  for (const [text, message] of [
    ['', 'invalid JSON: expected a value, found the end of the file'],
    ['{"a": 1} x', 'invalid JSON: unexpected text after the JSON value, found "x"'],
    ['{"a": "b\nc"}', 'invalid JSON: control character in a string, found "\\n"'],
    ['[1 2]', 'invalid JSON: expected "," or "]", found "2"'],
    ["{'a': 1}", 'invalid JSON: expected a property name in double quotes, found "\'"'],
  ]) {
    it(`readJson refuses ${JSON.stringify(text)}: ${message}`, () => {
      assert.throws(() => readJson(text), {message});
    });
  }

  it('startTags skips comments and script text, decodes entities and counts lines', () => {
    const tags = startTags(
      '<!doctype html>\n<!-- <script src="no.js"></script> -->\n<script>if (a < b) document.write("<iframe src=x>")</script>\n<IFRAME data-src="a?x=1&amp;y=2"\n  data-service=\'v\' hidden></iframe><img src=pic.png>'
    );
    assert.deepEqual(
      tags.map((t) => [t.name, t.line, Object.fromEntries(t.attributes)]),
      [
        ['script', 3, {}],
        ['iframe', 4, {'data-src': 'a?x=1&y=2', 'data-service': 'v', hidden: ''}],
        ['img', 5, {src: 'pic.png'}],
      ]
    );
    assert.equal(tags[0].text, 'if (a < b) document.write("<iframe src=x>")');
  });
});

describe('what scan calls its findings: the catalogue, then trackerdb (bin/src/names.ts)', async () => {
  const {Namer, formatName, needsConsent, trackerdbId} = await loadCore('bin/src/names.ts');
  const {draftManifest} = await loadCore('bin/src/draft.ts');
  const page = new URL('https://www.shop.example/cart');
  // A stand-in for the loaded database: it knows *.tracker.example, as trackerdb knows hosts and URLs.
  const match = {
    pattern: 'tracker_co',
    name: 'Tracker Co',
    organization: 'Tracker Inc',
    policyUrl: 'https://tracker.example/privacy',
    category: 'advertising',
    categoryName: 'Advertising',
  };
  const asked = [];
  const db = {
    version: '0.0.0',
    engine: 'fake',
    byUrl: (url, sourceUrl, type) => (
      asked.push([url, sourceUrl, type]),
      new URL(url).hostname.endsWith('tracker.example') ? match : undefined
    ),
    byDomain: (domain) => (domain.endsWith('tracker.example') ? match : undefined),
  };
  const namer = new Namer(page, db);
  const short = (k) => k && [k.source, k.id, k.by, ...(k.script ? [k.script] : [])];

  it('a cookie by its name in the catalogue, on the domain the catalogue says when it says one', () => {
    assert.deepEqual(short(namer.cookie('_ga', '.shop.example')), ['catalogue', 'google-analytics', 'cookie name']);
    assert.deepEqual(short(namer.cookie('_hjSession_12', 'www.shop.example')), ['catalogue', 'hotjar', 'cookie name']);
    // Criteo's uid lives on criteo.com: a site's own uid is nobody's.
    assert.equal(namer.cookie('uid', 'www.shop.example'), undefined);
    assert.deepEqual(short(namer.cookie('uid', '.criteo.com')), ['catalogue', 'criteo', 'cookie name']);
  });

  it("a third party's cookie by its domain; a first-party one by the third party's script that wrote it, never by the site's own", () => {
    assert.deepEqual(short(namer.cookie('xid', '.tracker.example')), ['trackerdb', 'tracker_co', 'cookie domain']);
    assert.deepEqual(short(namer.cookie('zz', '.vimeo.com')), ['catalogue', 'vimeo', 'cookie domain']);
    assert.deepEqual(short(namer.cookie('t_id', 'www.shop.example', 'https://cdn.tracker.example/t.js')), [
      'trackerdb',
      'tracker_co',
      'script',
      'https://cdn.tracker.example/t.js',
    ]);
    assert.deepEqual(asked.at(-1), ['https://cdn.tracker.example/t.js', page.href, 'script']);
    assert.equal(namer.cookie('t_id', 'www.shop.example', 'https://static.shop.example/app.js'), undefined);
    // A catalogue host that names its service closely: static.hotjar.com is Hotjar's alone.
    assert.deepEqual(short(namer.cookie('_hjFirstSeen', 'www.shop.example', 'https://static.hotjar.com/c/hotjar-1.js')), [
      'catalogue',
      'hotjar',
      'script',
      'https://static.hotjar.com/c/hotjar-1.js',
    ]);
    assert.deepEqual(short(namer.storage('tk', 'https://frame.tracker.example')), ['trackerdb', 'tracker_co', 'storage origin']);
  });

  it('a request by its host in the catalogue, else by its URL in trackerdb; services sharing a host are all named', () => {
    assert.deepEqual(short(namer.request('https://px.tracker.example/p.gif', 'image')), ['trackerdb', 'tracker_co', 'url']);
    assert.deepEqual(asked.at(-1), ['https://px.tracker.example/p.gif', page.href, 'image']);
    const gtm = namer.request('https://www.googletagmanager.com/gtag/js?id=G-1', 'script');
    assert.deepEqual([gtm.id, gtm.also], ['google-analytics', ['google-ads', 'doubleclick', 'google-tag-manager']]);
    assert.equal(namer.request('https://cdn.elsewhere.example/lib.js'), undefined);
    assert.equal(new Namer(page).request('https://px.tracker.example/p.gif'), undefined, 'no trackerdb: the catalogue alone');
  });

  it('among catalogue services that fit as well, the one that describes the declared service first', () => {
    assert.equal(namer.cookie('_pk_id.1.ab', 'www.shop.example').id, 'matomo', 'undeclared: the consent setup (fail closed)');
    const exempt = (k) => (k.id === 'matomo-exempt' ? 3 : 0);
    assert.equal(namer.cookie('_pk_id.1.ab', 'www.shop.example', undefined, exempt).id, 'matomo-exempt');
  });

  it('what trackerdb names needs consent until a person says otherwise; the catalogue says so by its category', () => {
    assert.equal(needsConsent(namer.cookie('xid', '.tracker.example')), true);
    assert.equal(needsConsent(namer.cookie('_ga', 'www.shop.example')), true);
    assert.equal(needsConsent(namer.cookie('__stripe_mid', 'www.shop.example')), false);
    assert.equal(needsConsent(undefined), false);
  });

  it('says where a name came from', () => {
    assert.equal(formatName(namer.cookie('_ga', 'www.shop.example')), 'catalogue google-analytics "Google Analytics 4" (performance)');
    assert.equal(
      formatName(namer.cookie('t_id', 'www.shop.example', 'https://cdn.tracker.example/t.js')),
      'trackerdb tracker_co "Tracker Co" of Tracker Inc (Advertising, by its script https://cdn.tracker.example/t.js)'
    );
    assert.equal(
      formatName(namer.cookie('xid', '.tracker.example')),
      'trackerdb tracker_co "Tracker Co" of Tracker Inc (Advertising, by its domain)'
    );
  });

  it('manifest ids from trackerdb patterns', () => {
    assert.equal(trackerdbId('yandex_metrika'), 'yandex-metrika');
    assert.equal(trackerdbId('1822direkt.de'), '1822direkt-de');
    assert.equal(trackerdbId('constructor'), 'constructor-tracker');
    assert.equal(trackerdbId('__'), 'tracker');
  });

  it('--draft: what only trackerdb names goes to a service named after its pattern, in "to classify", never necessary nor exempt', () => {
    const cookie = (name, domain, known) => ({
      name,
      domain,
      path: '/',
      firstParty: domain.endsWith('shop.example'),
      expiresIn: 86_400 * 30,
      status: 'undeclared',
      ...(known ? {known} : {}),
    });
    const report = {
      url: page.href,
      title: 'Shop',
      language: 'fr',
      cookies: [
        cookie('t_id', 'www.shop.example', namer.cookie('t_id', 'www.shop.example', 'https://cdn.tracker.example/t.js')),
        cookie('_ga', 'www.shop.example', namer.cookie('_ga', 'www.shop.example')),
        cookie('__stripe_mid', 'www.shop.example', namer.cookie('__stripe_mid', 'www.shop.example')),
        cookie('basket', 'www.shop.example'),
      ],
      storage: [],
      requests: [
        {
          url: 'https://px.tracker.example/p.gif',
          host: 'px.tracker.example',
          type: 'image',
          status: 'unmatched',
          owners: [],
          known: namer.request('https://px.tracker.example/p.gif'),
        },
      ],
    };
    const draft = draftManifest(report, undefined, new Date('2026-01-01T00:00:00Z'));
    assert.deepEqual(
      draft.services.map((s) => [s.id, s.name, s.provider, s.category, s.cookies.map((c) => c.name)]),
      [
        ['tracker-co', 'Tracker Co', 'Tracker Inc', 'to-classify', ['t_id']],
        // A catalogue service comes with every cookie its vendor documents, seen or not.
        ['google-analytics', 'Google Analytics 4', 'Google Ireland Limited', 'performance', ['_ga', '_ga_*']],
        ['stripe', 'Stripe', 'Stripe Payments Europe, Limited', 'necessary', ['__stripe_mid', '__stripe_sid']],
        ['unclassified', 'www.shop.example: to classify', undefined, 'to-classify', ['basket']],
      ]
    );
    assert.equal(draft.services[0].policyUrl, 'https://tracker.example/privacy');
    assert.match(draft.services[0].description, /^Nommé par la trackerdb de Ghostery : motif tracker_co, catégorie Advertising\./);
    assert.equal(draft.categories.find((c) => c.id === 'to-classify').basis, 'consent');
    const schema = JSON.parse(readFileSync(new URL('../../schema/cookie-manifest.schema.json', import.meta.url), 'utf8'));
    assert.equal(draft.$schema, schema.$id, 'a draft points at the one schema address, the schema’s $id (as the studio and the README do)');
  });
});

describe('trackerdb stays with the CLI', () => {
  it('no file of dist/ but the CLI names it; dist/cli.js loads it at run time, without bundling it', () => {
    const shipped = readdirSync(`${root}dist`, {recursive: true}).filter((f) => /\.m?js$/.test(f) && f !== 'cli.js');
    assert.ok(shipped.includes('consent-banner.min.js') && shipped.includes('index.js'), 'the build is there');
    for (const file of shipped) assert.doesNotMatch(readFileSync(`${root}dist/${file}`, 'utf8'), /trackerdb|@ghostery|FiltersEngine/, file);
    const cli = readFileSync(`${root}dist/cli.js`, 'utf8');
    assert.match(cli, /var PACKAGE = "@ghostery\/trackerdb";/);
    assert.match(cli, /= createRequire\(import\.meta\.url\);\n\s+load = require\d*\(PACKAGE\)\.default;/);
    assert.doesNotMatch(cli, /FiltersEngine|serialized engine/);
    assert.ok(
      !JSON.parse(readFileSync(`${root}package.json`, 'utf8')).dependencies['@ghostery/trackerdb'],
      'a devDependency, never a dependency'
    );
  });
});
