// `consent-banner explain --page` tells the truth (issue 23): exit 1 when something that needs
// consent is NOT BLOCKED (--warn-only keeps 0), each with its fix (the exact tag, or "remove it"
// for a <noscript> tracker); a page with no way back to the choices is an error, one whose script
// calls showPreferences() a warning that says explain cannot tell; Google's tags without Consent
// Mode a warning naming Google's EEA requirement. The four shop pages of test/e2e/pages/truth/,
// which test/e2e/cli-scan-truth.test.mjs scans, read as files.
import assert from 'node:assert/strict';
import {mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {after, describe, it} from 'node:test';
import {root} from '../node/load-core.mjs';
import {cli} from './run-cli.mjs';

const dir = mkdtempSync(join(tmpdir(), 'consent-banner-explain-'));
after(() => rmSync(dir, {recursive: true, force: true}));
const MANIFEST = 'test/e2e/pages/truth/shop-manifest.json';
const page = (name) => `test/e2e/pages/truth/${name}.html`;
const lineOf = (file, needle) =>
  readFileSync(`${root}${file}`, 'utf8')
    .split('\n')
    .findIndex((l) => l.includes(needle)) + 1;
const explain = async (pagePath, ...args) => {
  const {code, stdout, stderr} = await cli(['explain', MANIFEST, '--page', pagePath, '--json', ...args]);
  return {code, stderr, e: JSON.parse(stdout)};
};
const notBlocked = (e) => e.page.elements.filter((el) => el.verdict === 'not-blocked').map((el) => [el.line, el.reason]);
const temp = (name, text) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

describe('explain: NOT BLOCKED is a failure', () => {
  it("untagged GA4: both of Google's tags NOT BLOCKED with the exact tag, a Consent Mode warning; exit 1, --warn-only 0", async () => {
    const {code, e} = await explain(page('ga4'));
    assert.equal(code, 1);
    assert.equal(e.problems, 2);
    assert.deepEqual(notBlocked(e), [
      [
        lineOf(page('ga4'), 'gtag/js?id='),
        'loads from www.googletagmanager.com (Google Analytics 4): runs at once, before any choice; tag it: <script type="text/plain" data-service="google-analytics" async src="https://www.googletagmanager.com/gtag/js?id=G-TRUTH01"></script>, and declare "google-analytics" in a consent category',
      ],
      [
        lineOf(page('ga4'), 'window.dataLayer') - 1,
        'an inline tracking snippet (Google Analytics 4): runs at once, before any choice; tag it: <script type="text/plain" data-service="google-analytics">…its code, unchanged…</script>, and declare "google-analytics" in a consent category',
      ],
    ]);
    assert.deepEqual(e.page.notes, [
      {
        level: 'warning',
        message:
          'Google Analytics 4 on the page and no consentMode: Google requires Consent Mode v2 for visitors in the EEA (README, “Google Consent Mode v2”)',
      },
    ]);
    assert.equal((await cli(['explain', MANIFEST, '--page', page('ga4'), '--warn-only'])).code, 0);
  });

  it('untagged Hotjar: its inline snippet NOT BLOCKED; exit 1', async () => {
    const {code, e} = await explain(page('hotjar'));
    assert.equal(code, 1);
    assert.deepEqual(notBlocked(e), [
      [
        lineOf(page('hotjar'), '(function(h,o,t,j,a,r)') - 1,
        'an inline tracking snippet (Hotjar): runs at once, before any choice; tag it: <script type="text/plain" data-service="hotjar">…its code, unchanged…</script>, and declare "hotjar" in a consent category',
      ],
    ]);
  });

  it('a <noscript> pixel: "remove it", never "tag it"; the tagged pixel waits; exit 1', async () => {
    const {code, e} = await explain(page('noscript'));
    assert.equal(code, 1);
    const line = lineOf(page('noscript'), '<noscript><img');
    assert.deepEqual(
      e.page.elements.map((el) => [el.verdict, el.tag, el.reason]),
      [
        ['waits-for-consent', 'data-service="meta-pixel"', 'Meta Pixel, in "Advertising"'],
        [
          'not-blocked',
          'in <noscript>',
          `Meta Pixel in the <noscript> of line ${line}: fires with JavaScript off, where no banner runs: remove it`,
        ],
      ]
    );
    const text = await cli(['explain', MANIFEST, '--page', page('noscript')]);
    assert.doesNotMatch(text.stdout, /noscript[^\n]*tag it/);
  });

  it('a tracker only trackerdb knows: NOT BLOCKED, named by trackerdb; without trackerdb a "check it" and a line on what was not checked', async () => {
    const {code, e} = await explain(page('trackerdb'));
    assert.equal(code, 1);
    assert.deepEqual(notBlocked(e), [
      [
        lineOf(page('trackerdb'), 'mc.yandex.ru'),
        'loads from mc.yandex.ru (Yandex Metrika (trackerdb: Site Analytics)): runs at once, before any choice; tag it: <script type="text/plain" data-service="yandex-metrika" async src="https://mc.yandex.ru/metrika/tag.js"></script>, and declare "yandex-metrika" in a consent category',
      ],
    ]);
    const corrupt = temp('corrupt.engine', 'not an engine\n');
    const blind = await cli(['explain', MANIFEST, '--page', page('trackerdb')], {env: {CONSENT_BANNER_TRACKERDB: corrupt}});
    assert.equal(blind.code, 0);
    assert.match(
      blind.stdout,
      /: check it: loads from mc\.yandex\.ru, which neither the catalogue nor trackerdb names: it runs at once; if it tracks, tag it with data-service$/m
    );
    assert.match(
      blind.stdout,
      /^ {2}not checked: untagged trackers only Ghostery's trackerdb knows \(.*is not a trackerdb engine this version reads.*\)$/m
    );
  });

  it('a third-party script no list knows is "check it", not a failure', async () => {
    const path = temp(
      'cdn.html',
      '<script src="/consent-banner.min.js" data-manifest="m.json"></script>\n<script src="https://cdn.jsdelivr.net/npm/lib@1/lib.min.js"></script>\n<a data-consent-open href="#">Cookies</a>\n'
    );
    const {code, e} = await explain(path);
    assert.equal(code, 0);
    assert.deepEqual(
      e.page.elements.map((el) => el.verdict),
      ['check']
    );
  });
});

describe('explain: a way back to the choices (R26)', () => {
  const bare = (body) =>
    temp(
      `page-${Math.random().toString(36).slice(2)}.html`,
      `<script src="/consent-banner.min.js" data-manifest="m.json"></script>\n${body}\n`
    );

  it('none of data-consent-open, reopen or <consent-declaration>: an error, exit 1', async () => {
    const {code, e} = await explain(bare('<p>Shop</p>'));
    assert.equal(code, 1);
    assert.deepEqual(e.page.notes, [
      {
        level: 'error',
        message:
          'no way back to the choices on this page (R26): no data-consent-open link, no reopen (data-reopen), no <consent-declaration>; add <a href="#" data-consent-open>Cookie settings</a>',
      },
    ]);
    assert.equal((await cli(['explain', MANIFEST, '--page', bare('<p>Shop</p>'), '--warn-only'])).code, 0);
  });

  it('each of them is a way back; a page script calling showPreferences() is a warning that explain cannot tell', async () => {
    for (const way of ['<a href="#" data-consent-open>Cookie settings</a>', '<consent-declaration></consent-declaration>']) {
      const {code, e} = await explain(bare(way));
      assert.equal(code, 0, way);
      assert.deepEqual(e.page.notes, [], way);
      assert.equal(e.page.waysBack.length, 1, way);
    }
    const reopen = await explain(
      temp('reopen.html', '<script src="/consent-banner.min.js" data-manifest="m.json" data-reopen></script>\n')
    );
    assert.equal(reopen.code, 0);
    assert.match(reopen.e.page.waysBack[0], /^the banner's reopen button/);
    const scripted = await explain(
      bare(
        '<button id="prefs">Cookies</button><script>prefs.onclick = () => document.querySelector("consent-banner").showPreferences();</script>'
      )
    );
    assert.equal(scripted.code, 0);
    assert.deepEqual(
      scripted.e.page.notes.map((n) => n.level),
      ['warning']
    );
    assert.match(
      scripted.e.page.notes[0].message,
      /^a page script calls showPreferences\(\) \(line 2\): explain cannot tell whether a visitor can reach it/
    );
  });
});

describe('explain: the vendors’ snippets, tagged', () => {
  it('shows each catalogue snippet with the manifest’s id, its source; a service with none gets one line saying so', async () => {
    const catalogue = JSON.parse(readFileSync(`${root}catalogue/services.json`, 'utf8'));
    const meta = catalogue.services.find((s) => s.id === 'meta-pixel').snippet;
    const {code, stdout} = await cli(['explain', 'demo/dimelo/cookie-manifest.json', '--json']);
    assert.equal(code, 0);
    const snippets = JSON.parse(stdout).snippets;
    // Dimelo calls Meta's pixel "facebook": the snippet is tagged with Dimelo's id.
    assert.deepEqual(
      snippets.find((t) => t.service === 'facebook'),
      {
        service: 'facebook',
        name: 'Meta Pixel',
        lines: meta.html.replaceAll('data-service="meta-pixel"', 'data-service="facebook"').split('\n'),
        source: meta.source,
      }
    );
    assert.deepEqual(
      snippets.find((t) => t.service === 'hubspot-analytics'),
      {
        service: 'hubspot-analytics',
        name: 'HubSpot',
        missing:
          'no HubSpot snippet on file: put HubSpot\'s own code, unchanged, in <script type="text/plain" data-service="hubspot-analytics">…</script>',
      }
    );
    // Necessary services are not tagged: none listed.
    assert.equal(
      snippets.some((t) => t.service === 'session'),
      false
    );
    const text = await cli(['explain', 'demo/dimelo/cookie-manifest.json']);
    assert.match(
      text.stdout,
      /^ {2}facebook \(Meta Pixel\), from https:\/\/developers\.facebook\.com\/docs\/meta-pixel\/get-started \(read \d{4}-\d{2}-\d{2}\):\n {4}<!-- Facebook Pixel Code -->\n {4}<script type="text\/plain" data-service="facebook">$/m
    );
  });
});
