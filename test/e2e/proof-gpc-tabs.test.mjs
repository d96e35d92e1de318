// Proof of consent sent to the site's log, Global Privacy Control and several tabs, on the Dimelo
// demo in real Chromium: a real beacon reaches an endpoint (answered by request interception),
// a real `navigator.globalPrivacyControl`, two real tabs of one browser profile.
import assert from 'node:assert/strict';
import {after, before, describe, it} from 'node:test';
import {loadCore} from '../node/load-core.mjs';
import {clickButton, cookieNames, inContext, openDialogs, ran, readManifest, settle, startHarness, visit} from './harness.mjs';

const MANIFEST = '/demo/dimelo/cookie-manifest.json';
const LOG = '/consent-log';
const dimelo = readManifest('dimelo');
const stored = (page) => page.evaluate(() => window.consentBanner.consent);
const {parseRecord} = await loadCore('src/core/index.ts');

/** The bodies of the POSTs `page` sends to the log endpoint, read by parseRecord as a receiver reads them: the record, with its format version `v`. */
function logBodies(page) {
  const bodies = [];
  page.on('request', async (request) => {
    if (new URL(request.url()).pathname === LOG && request.method() === 'POST') {
      // A beacon's Blob body is not inlined in the event: fetch it.
      const checked = parseRecord(await request.fetchPostData());
      bodies.push({type: request.headers()['content-type'], body: checked.ok ? checked.record : checked.errors});
    }
  });
  return bodies;
}

/** Waits until `list` holds `count` items (beacons leave after the click returns). */
async function waitForLength(list, count) {
  for (let i = 0; i < 100 && list.length < count; i++) await new Promise((resolve) => setTimeout(resolve, 50));
  assert.equal(list.length, count);
}

describe('proof, GPC and tabs', () => {
  let harness;
  before(async () => (harness = await startHarness()));
  after(() => harness?.close());

  const withLog = {manifests: {[MANIFEST]: {...dimelo, log: {url: LOG}}, [LOG]: {status: 204, body: ''}}};

  it('R32: each decision’s record is sent to log.url as JSON, the same object as the consent-change detail and the stored choice', () =>
    inContext(harness, withLog, async ({page}) => {
      const bodies = logBodies(page);
      await visit(page, harness.url('dimelo'));
      assert.deepEqual(bodies, []);
      await clickButton(page, 'reject-all');
      await waitForLength(bodies, 1);
      const [change] = await page.evaluate(() => window.__changes);
      assert.deepEqual(bodies[0], {type: 'application/json', body: {v: 1, ...change}});
      assert.deepEqual(await stored(page), change);
      assert.equal(change.method, 'reject-all');
      assert.equal(change.language, 'fr');
      assert.match(change.manifestHash, /^[0-9a-f]{16}$/);
      await page.evaluate(() => window.consentBanner.acceptAll());
      await waitForLength(bodies, 2);
      assert.equal(bodies[1].body.method, 'api');
      assert.equal(bodies[1].body.id, change.id);
    }));

  it('R32: a record the browser would not queue is sent on the next page view, once', () =>
    inContext(harness, withLog, async ({page}) => {
      const bodies = logBodies(page);
      // On this first page view only, sendBeacon refuses (as when its quota is used up).
      await page.evaluateOnNewDocument(() => {
        if (sessionStorage.getItem('refused')) return;
        sessionStorage.setItem('refused', '1');
        navigator.sendBeacon = () => false;
      });
      await visit(page, harness.url('dimelo'));
      await clickButton(page, 'accept-all');
      await settle(page);
      assert.deepEqual(bodies, []);
      const record = await stored(page);
      await visit(page, harness.url('dimelo'));
      await waitForLength(bodies, 1);
      assert.deepEqual(bodies[0].body, {v: 1, ...record});
      await visit(page, harness.url('dimelo'));
      await settle(page);
      assert.equal(bodies.length, 1);
    }));

  it('a failing log endpoint never delays or breaks the page', () =>
    inContext(harness, {manifests: {[MANIFEST]: {...dimelo, log: {url: LOG}}, [LOG]: {status: 500, body: 'down'}}}, async ({page}) => {
      const bodies = logBodies(page);
      await visit(page, harness.url('dimelo'));
      await clickButton(page, 'accept-all');
      await page.waitForFunction(() => (window.__ran ?? []).includes('google-analytics'));
      await waitForLength(bodies, 1);
      assert.deepEqual(await openDialogs(page), []);
      await visit(page, harness.url('dimelo'));
      assert.ok((await ran(page)).includes('google-analytics'));
    }));

  it('a log.url that is neither https nor same-origin: a console warning names it, nothing is sent, the banner works', () =>
    inContext(harness, {manifests: {[MANIFEST]: {...dimelo, log: {url: 'http://elsewhere.test/log'}}}}, async ({page, log}) => {
      await visit(page, harness.url('dimelo'));
      assert.ok(
        log.warnings.some((w) => w.includes('log.url') && w.includes('http://elsewhere.test/log')),
        log.warnings.join('\n')
      );
      assert.deepEqual(await openDialogs(page), ['banner']);
      await clickButton(page, 'reject-all');
      await settle(page);
      assert.equal((await stored(page)).method, 'reject-all');
      assert.ok(!log.requests.includes('/log'));
    }));

  /** The browser sends Global Privacy Control, as Firefox, Brave or an extension do. */
  const withGpc = (page) =>
    page.evaluateOnNewDocument(() =>
      Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', {get: () => true, configurable: true})
    );

  it('R35: with Global Privacy Control every consent category is refused without a banner (method "gpc"), and nothing that needs consent runs', () =>
    inContext(harness, withLog, async ({page, log}) => {
      const bodies = logBodies(page);
      await withGpc(page);
      await visit(page, harness.url('dimelo'));
      assert.deepEqual(await openDialogs(page), []);
      const record = await stored(page);
      assert.equal(record.method, 'gpc');
      assert.deepEqual(record.categories, {necessary: true, performance: false, advertising: false, social: false});
      assert.deepEqual(await ran(page), ['session', 'no-analytics-fallback']);
      assert.deepEqual(await cookieNames(page), ['dimelo_consent', 'dimelo_session']);
      await waitForLength(bodies, 1);
      assert.equal(bodies[0].body.method, 'gpc');
      await visit(page, harness.url('dimelo'));
      assert.deepEqual(await openDialogs(page), []);
      assert.equal((await stored(page)).id, record.id);
      assert.ok(!log.requests.some((path) => path.includes('/trackers/google')));
    }));

  it('R35: the visitor can still opt in from the preferences, and the signal does not undo it on the next page', () =>
    inContext(harness, {}, async ({page}) => {
      await withGpc(page);
      await visit(page, harness.url('dimelo'));
      await page.click('[data-consent-open]');
      const performance = 'dialog[open] input[data-category="performance"]';
      await page.waitForFunction(
        (selector) => document.querySelector('consent-banner').shadowRoot.querySelector(selector),
        {},
        performance
      );
      await page.evaluate((selector) => document.querySelector('consent-banner').shadowRoot.querySelector(selector).click(), performance);
      await clickButton(page, 'save');
      await page.waitForFunction(() => (window.__ran ?? []).includes('google-analytics'));
      assert.equal((await stored(page)).method, 'custom');
      await visit(page, harness.url('dimelo'));
      assert.equal((await stored(page)).method, 'custom');
      assert.ok((await ran(page)).includes('google-analytics'));
    }));

  /** The browser has ADPC (as its browser extension gives it): `request()` answers `answer` and records what it was asked. */
  const withAdpc = (page, answer) =>
    page.evaluateOnNewDocument((answer) => {
      window.__adpcAsked = [];
      Object.defineProperty(Navigator.prototype, 'dataProtectionControl', {
        get: () => ({request: async (list) => (window.__adpcAsked.push(list), answer)}),
        configurable: true,
      });
    }, answer);

  /** The note the preferences and the declaration show when a browser signal answered for the visitor. */
  const signalNotes = (page) =>
    page.evaluate(() =>
      [document.querySelector('consent-banner'), document.querySelector('consent-declaration')].map(
        (host) => host?.shadowRoot?.querySelector('.note.gpc')?.textContent.trim() ?? null
      )
    );

  it('R35: ADPC withdrawing every consent refuses for the visitor without a banner (method "adpc"), asked with each purpose in words; the preferences and the declaration say the signal was honoured', () =>
    inContext(harness, {}, async ({page, log}) => {
      await withAdpc(page, {consent: [], withdraw: ['*'], _object: []});
      await visit(page, harness.url('dimelo'));
      assert.deepEqual(await openDialogs(page), []);
      const asked = await page.evaluate(() => window.__adpcAsked);
      assert.deepEqual(asked, [
        [
          {id: 'performance', text: 'Mesure de performance'},
          {id: 'advertising', text: 'Ciblage et publicité'},
          {id: 'social', text: 'Partage sur les réseaux sociaux'},
        ],
      ]);
      const record = await stored(page);
      assert.equal(record.method, 'adpc');
      assert.deepEqual(record.categories, {necessary: true, performance: false, advertising: false, social: false});
      assert.deepEqual(await ran(page), ['session', 'no-analytics-fallback']);
      assert.ok(!log.requests.some((path) => path.includes('/trackers/google')));
      await page.evaluate(() => window.consentBanner.showPreferences());
      await page.waitForFunction(() =>
        document.querySelector('consent-banner').shadowRoot.querySelector('[part=preferences][open] .note.gpc')
      );
      const [note] = await signalNotes(page);
      assert.match(note, /^Le signal de confidentialité de votre navigateur \(Global Privacy Control ou ADPC\) a été respecté/);
      await visit(page, `http://dimelo.test:${harness.port}/demo/dimelo/privacy.html`);
      await page.waitForFunction(() => document.querySelector('consent-declaration')?.shadowRoot?.querySelector('.note.gpc'));
      assert.match((await signalNotes(page))[1], /a été respecté/);
    }));

  it('R35: ADPC that consents, answers nothing of use, or is broken never answers for the visitor: the banner asks, nothing runs', () =>
    inContext(harness, {}, async ({page, log}) => {
      for (const answer of [{consent: ['performance', 'advertising', 'social']}, {withdraw: 'everything'}]) {
        await withAdpc(page, answer);
        await visit(page, harness.url('dimelo'));
        assert.deepEqual(await openDialogs(page), ['banner']);
        assert.equal(await stored(page), null);
        assert.deepEqual(await ran(page), ['session']);
      }
      assert.ok(
        log.warnings.some((w) =>
          /navigator\.dataProtectionControl\.request\(\) answered without lists of ids: it is left aside, and the banner asks/.test(w)
        )
      );
      assert.ok(!log.requests.some((path) => path.includes('/trackers/google')));
    }));

  it('R35: a Global Privacy Control that is present but not a boolean is named in a warning and never taken for an answer: the banner asks, nothing runs', () =>
    inContext(harness, {}, async ({page, log}) => {
      await page.evaluateOnNewDocument(() =>
        Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', {get: () => '1', configurable: true})
      );
      await visit(page, harness.url('dimelo'));
      assert.deepEqual(await openDialogs(page), ['banner']);
      assert.equal(await stored(page), null);
      assert.deepEqual(await ran(page), ['session']);
      assert.deepEqual(
        log.warnings.filter((w) => w.includes('globalPrivacyControl')),
        ['consent-banner: navigator.globalPrivacyControl is "1", not true or false: it is left aside, and the banner asks']
      );
      assert.ok(!log.requests.some((path) => path.includes('/trackers/google')));
    }));

  // The headless shell has no back/forward cache: this one runs in the full Chromium (test/chromium.mjs).
  it('a page restored from the back/forward cache applies what another tab decided meanwhile, and stays cached', () =>
    inContext(harness, {full: true}, async ({context, page}) => {
      await visit(page, harness.url('dimelo'));
      await page.evaluate(() => {
        window.__sameDocument = true;
        window.addEventListener('pageshow', (event) => (window.__restored = event.persisted));
      });
      await page.goto(`http://dimelo.test:${harness.port}/demo/index.html`, {waitUntil: 'load'});
      const other = await context.newPage();
      await other.evaluateOnNewDocument(() => document.addEventListener('consent-ready', () => (window.__consentReady = true), true));
      await visit(other, harness.url('dimelo'));
      await other.evaluate(() => window.consentBanner.acceptAll());
      await settle(other);
      await other.close();
      await page.goBack({waitUntil: 'load'});
      await page.waitForFunction(() => (window.__ran ?? []).includes('google-analytics'), {timeout: 5000});
      assert.deepEqual(await page.evaluate(() => [window.__sameDocument, window.__restored]), [true, true]);
      assert.equal((await stored(page)).method, 'api');
    }));

  it('several tabs: accepting in one releases in the other without a reload; withdrawing there reloads both and stops it', () =>
    inContext(harness, {}, async ({context, page}) => {
      const other = await context.newPage();
      await other.evaluateOnNewDocument(() => document.addEventListener('consent-ready', () => (window.__consentReady = true), true));
      await visit(page, harness.url('dimelo'));
      await visit(other, harness.url('dimelo'));
      await other.evaluate(() => (window.__sameDocument = true));
      assert.deepEqual(await ran(other), ['session']);
      await page.bringToFront();
      await clickButton(page, 'accept-all');
      // The other tab is in the background, where requestAnimationFrame (puppeteer's default polling) stops.
      await other.waitForFunction(() => (window.__ran ?? []).includes('google-analytics'), {timeout: 5000, polling: 100});
      assert.equal(await other.evaluate(() => window.__sameDocument), true);
      assert.equal((await other.evaluate(() => window.consentBanner.consent)).method, 'accept-all');
      // Withdraw in the other tab: both reload; analytics no longer runs in either.
      await other.bringToFront();
      await Promise.all([
        page.waitForNavigation({waitUntil: 'load'}),
        other.waitForNavigation({waitUntil: 'load'}),
        other.evaluate(() => window.consentBanner.rejectAll()),
      ]);
      await settle(page);
      await settle(other);
      assert.deepEqual(await ran(page), ['session', 'no-analytics-fallback']);
      assert.deepEqual(await ran(other), ['session', 'no-analytics-fallback']);
      assert.ok(!(await cookieNames(page)).includes('_ga'));
      await other.close();
    }));
});
