// Dimelo needs consent per purpose: nothing tagged runs until the visitor says yes, and each
// answer is kept, applied and withdrawable. What is checked is what a visitor's browser shows:
// scripts that ran (in order, how often), requests made, cookies held, the accessibility tree.
import assert from 'node:assert/strict';
import {after, before, describe, it} from 'node:test';
import {
  a11yNodes,
  clickButton,
  clickSwitch,
  cookieNames,
  inContext,
  openDialogs,
  ran,
  readManifest,
  settle,
  startHarness,
  visit,
} from './harness.mjs';

const SCRIPTS_IN_ORDER = [
  'session',
  'google-analytics',
  'google-analytics-inline',
  'hubspot-analytics',
  'doubleclick',
  'google-ads',
  'hubspot-advertising',
  'facebook',
  'linkedin',
  'addthis',
];
// The stand-in file of every service that needs consent (YouTube's is the embed page).
const dimelo = readManifest('dimelo');
const consentCategories = dimelo.categories.filter((c) => c.basis === 'consent').map((c) => c.id);
const TRACKERS = dimelo.services
  .filter((s) => consentCategories.includes(s.category))
  .map((s) => (s.id === 'youtube' ? 'youtube-embed' : s.id));
const trackerRequests = (log) =>
  log.requests.filter((path) => TRACKERS.some((t) => path.startsWith(`/demo/trackers/${t}.`)));
const scriptsOnly = (list) => list.filter((id) => id !== 'youtube');
const stored = (page) => page.evaluate(() => window.consentBanner.consent);

describe('Dimelo', () => {
  let harness;
  before(async () => (harness = await startHarness()));
  after(() => harness?.close());

  it('R1: on a first visit nothing that needs consent runs, loads or is stored; the banner is shown and named', () =>
    inContext(harness, {}, async ({page, log}) => {
      await visit(page, harness.url('dimelo'));
      assert.deepEqual(await ran(page), ['session']);
      assert.deepEqual(trackerRequests(log), []);
      assert.deepEqual(await cookieNames(page), ['dimelo_session']);
      assert.equal(await page.$eval('iframe[data-service="youtube"]', (f) => f.hasAttribute('src')), false);
      assert.deepEqual(await openDialogs(page), ['banner']);
      assert.equal((await a11yNodes(page, 'dialog', 'Les cookies sur Dimelo')).length, 1);
      for (const name of ['Tout accepter', 'Tout refuser', 'Personnaliser', 'Fermer et refuser']) {
        assert.equal((await a11yNodes(page, 'button', name)).length, 1, `no button named ${name}`);
      }
      assert.deepEqual(log.errors, []);
    }));

  it('R9, R22: accept all runs every tagged script once, in document order, and is remembered after a reload', () =>
    inContext(harness, {}, async ({page, log}) => {
      await visit(page, harness.url('dimelo'));
      await clickButton(page, 'Tout accepter');
      await page.waitForFunction(() => (window.__ran ?? []).includes('youtube'));
      await settle(page);
      assert.deepEqual(scriptsOnly(await ran(page)), SCRIPTS_IN_ORDER);
      assert.deepEqual(await openDialogs(page), []);
      const cookies = await cookieNames(page);
      for (const name of ['_ga', '_ga_DEMO123', '_gcl_au', '_fbp', 'hubspotutk', 'dimelo_consent']) assert.ok(cookies.includes(name), name);
      assert.equal((await stored(page)).method, 'accept-all');
      await visit(page, harness.url('dimelo'));
      assert.deepEqual(await openDialogs(page), []);
      assert.deepEqual(scriptsOnly(await ran(page)), SCRIPTS_IN_ORDER);
      assert.deepEqual(log.errors, []);
    }));

  it('§6: the choice is one first-party cookie: SameSite=Lax, Path=/, expiring after consentMaxAgeDays', () =>
    inContext(harness, {}, async ({page}) => {
      await visit(page, harness.url('dimelo'));
      await clickButton(page, 'Tout accepter');
      await settle(page);
      const cookie = (await page.cookies()).find((c) => c.name === 'dimelo_consent');
      assert.equal(cookie.sameSite, 'Lax');
      assert.equal(cookie.path, '/');
      assert.equal(cookie.httpOnly, false);
      const days = (cookie.expires * 1000 - Date.now()) / 86_400_000;
      assert.ok(days > 181.9 && days <= 182, `expires in ${days} days`);
      const record = await stored(page);
      assert.match(record.id, /^[0-9a-f-]{36}$/);
      assert.equal(record.revision, 1);
      assert.match(decodeURIComponent(cookie.value), new RegExp(record.id));
    }));

  it('R2, R22: reject all runs only what needs no consent (and the !performance fallback), remembered after a reload', () =>
    inContext(harness, {}, async ({page, log}) => {
      await visit(page, harness.url('dimelo'));
      await clickButton(page, 'Tout refuser');
      await settle(page);
      assert.deepEqual(await ran(page), ['session', 'no-analytics-fallback']);
      const record = await stored(page);
      assert.equal(record.method, 'reject-all');
      assert.deepEqual(record.categories, {necessary: true, performance: false, advertising: false, social: false});
      for (let i = 0; i < 3; i++) {
        await visit(page, harness.url('dimelo'));
        assert.deepEqual(await openDialogs(page), []);
        assert.deepEqual(await ran(page), ['session', 'no-analytics-fallback']);
      }
      assert.deepEqual(trackerRequests(log), []);
    }));

  it('R11: Escape on the first layer refuses (method "close"), and the banner stays away after a reload', () =>
    inContext(harness, {}, async ({page, log}) => {
      await visit(page, harness.url('dimelo'));
      await page.evaluate(() => document.querySelector('consent-banner').shadowRoot.querySelector('dialog.banner button.choice').focus());
      await page.keyboard.press('Escape');
      await page.waitForFunction(() => window.consentBanner.consent !== null);
      assert.equal((await stored(page)).method, 'close');
      await visit(page, harness.url('dimelo'));
      assert.deepEqual(await openDialogs(page), []);
      assert.deepEqual(trackerRequests(log), []);
    }));

  it('R5: a granular choice (performance only) runs only the performance scripts, remembered after a reload', () =>
    inContext(harness, {}, async ({page, log}) => {
      await visit(page, harness.url('dimelo'));
      await clickButton(page, 'Personnaliser');
      // R4: one switch per consent category, named by its title, none on.
      const titles = readManifest('dimelo').categories.filter((c) => c.basis === 'consent').map((c) => c.title.fr);
      const switches = (await a11yNodes(page, 'switch')).filter((s) => titles.includes(s.name));
      assert.deepEqual(switches.map((s) => [s.name, s.checked]), titles.map((t) => [t, false]));
      await clickSwitch(page, '[data-category="performance"]');
      await clickButton(page, 'Enregistrer mes choix');
      await settle(page);
      const expected = ['session', 'google-analytics', 'google-analytics-inline', 'hubspot-analytics'];
      assert.deepEqual(await ran(page), expected);
      const record = await stored(page);
      assert.equal(record.method, 'custom');
      assert.deepEqual(record.categories, {necessary: true, performance: true, advertising: false, social: false});
      await visit(page, harness.url('dimelo'));
      assert.deepEqual(await ran(page), expected);
      assert.ok(!log.requests.some((p) => /doubleclick|facebook|linkedin|addthis|google-ads/.test(p)));
    }));

  it('R27: withdrawing performance deletes its cookies on the host and the parent domain, reloads, and stops its scripts', () =>
    inContext(harness, {}, async ({page}) => {
      const url = harness.url('dimelo', 'www.dimelo.test');
      await visit(page, url);
      await clickButton(page, 'Tout accepter');
      await settle(page);
      const before = await page.cookies();
      assert.equal(before.find((c) => c.name === '_ga').domain, '.dimelo.test');
      await page.evaluate(() => {
        document.cookie = '_ga_HOSTONLY=1; path=/';
      });
      await page.click('a[data-consent-open]');
      await clickSwitch(page, '[data-category="performance"]');
      const reloaded = page.waitForNavigation({waitUntil: 'load'});
      await clickButton(page, 'Enregistrer mes choix');
      await reloaded;
      // The page reloaded by itself; visit it once more so the network log starts clean.
      await visit(page, url);
      const names = await cookieNames(page);
      for (const gone of ['_ga', '_ga_DEMO123', '_ga_HOSTONLY', '_gid', '__hstc', 'hubspotutk']) {
        assert.ok(!names.includes(gone), `${gone} survived the withdrawal`);
      }
      for (const kept of ['_gcl_au', '_fbp', 'dimelo_consent']) assert.ok(names.includes(kept), `${kept} was deleted`);
      const now = await ran(page);
      assert.ok(!now.includes('google-analytics') && !now.includes('hubspot-analytics'), now.join());
      assert.ok(now.includes('no-analytics-fallback'));
      assert.equal((await stored(page)).categories.performance, false);
    }));

  it('R24: a new revision asks again and releases nothing until answered', () =>
    inContext(harness, {}, async ({page}) => {
      await visit(page, harness.url('dimelo'));
      await clickButton(page, 'Tout accepter');
      await settle(page);
      const newer = {manifests: {'/demo/dimelo/cookie-manifest.json': {...readManifest('dimelo'), revision: 2}}};
      await inContext(harness, newer, async (next) => {
        // Same cookies, newer manifest.
        await next.page.setCookie(...(await page.cookies()));
        await visit(next.page, harness.url('dimelo'));
        assert.deepEqual(await openDialogs(next.page), ['banner']);
        assert.deepEqual(await ran(next.page), ['session']);
        assert.deepEqual(trackerRequests(next.log), []);
      });
    }));

  for (const [days, asks] of [
    [181, false],
    [183, true],
  ]) {
    it(`R21, R23: a choice ${days} days old ${asks ? 'is asked again' : 'still holds'} (fake clock, by the timestamp inside the record)`, () =>
      inContext(harness, {}, async ({page}) => {
        await visit(page, harness.url('dimelo'));
        await clickButton(page, 'Tout accepter');
        await settle(page);
        await inContext(harness, {clockOffsetDays: days}, async (later) => {
          await later.page.setCookie(...(await page.cookies()));
          await visit(later.page, harness.url('dimelo'));
          assert.deepEqual(await openDialogs(later.page), asks ? ['banner'] : []);
          assert.deepEqual(scriptsOnly(await ran(later.page)), asks ? ['session'] : SCRIPTS_IN_ORDER);
        });
      }));
  }

  it('R20: the YouTube iframe stays empty behind its placeholder until its button accepts just YouTube', () =>
    inContext(harness, {}, async ({page, log}) => {
      await visit(page, harness.url('dimelo'));
      const text = await page.$eval('consent-placeholder', (p) => p.shadowRoot.textContent);
      assert.match(text, /YouTube/);
      assert.equal(await page.$eval('iframe[data-service="youtube"]', (f) => f.hidden), true);
      const [button] = await a11yNodes(page, 'button', 'Autoriser YouTube et charger');
      assert.ok(button, 'no placeholder button in the accessibility tree');
      // The banner covers the bottom of the viewport; a keyboard user reaches the button all the same.
      await page.evaluate(() => document.querySelector('consent-placeholder').shadowRoot.querySelector('button').focus());
      await page.keyboard.press('Enter');
      await page.waitForFunction(() => (window.__ran ?? []).includes('youtube'));
      assert.equal(await page.$('consent-placeholder'), null);
      const record = await stored(page);
      assert.equal(record.method, 'placeholder');
      assert.equal(record.services.youtube, true);
      assert.equal(record.services.facebook, false);
      // A choice now exists and refuses performance: its fallback runs, nothing else does.
      assert.deepEqual(scriptsOnly(await ran(page)), ['session', 'no-analytics-fallback']);
      assert.deepEqual(trackerRequests(log), ['/demo/trackers/youtube-embed.html', '/demo/trackers/youtube-embed.js'], JSON.stringify(log.requests));
    }));

  it('scripts added after load are gated too: held until accepted, then run once', () =>
    inContext(harness, {}, async ({page}) => {
      await visit(page, harness.url('dimelo'));
      await page.evaluate(() => {
        const script = document.createElement('script');
        script.type = 'text/plain';
        script.dataset.service = 'facebook';
        script.textContent = "(window.__ran = window.__ran || []).push('late-facebook')";
        document.body.append(script);
      });
      await new Promise((resolve) => setTimeout(resolve, 100));
      assert.deepEqual(await ran(page), ['session']);
      await page.evaluate(() => window.consentBanner.acceptAll());
      await settle(page);
      const list = await ran(page);
      assert.equal(list.filter((id) => id === 'late-facebook').length, 1);
      assert.equal((await stored(page)).method, 'api');
    }));

  it('§5: consent-change fires after each decision and once at start with a stored choice', () =>
    inContext(harness, {}, async ({page}) => {
      await visit(page, harness.url('dimelo'));
      assert.equal(await page.evaluate(() => (window.__changes ?? []).length), 0);
      await clickButton(page, 'Tout refuser');
      const [change] = await page.evaluate(() => window.__changes);
      assert.deepEqual(Object.keys(change).sort(), [
        'categories', 'id', 'language', 'manifestHash', 'method', 'revision', 'services', 'timestamp', 'uiVersion',
      ]);
      await visit(page, harness.url('dimelo'));
      const changes = await page.evaluate(() => window.__changes);
      assert.equal(changes.length, 1);
      assert.equal(changes[0].id, change.id);
      assert.equal(await page.evaluate(() => window.consentBanner.hasConsent('performance')), false);
    }));
});
