// Dimelo, the demo site that needs consent: how released scripts run (README, “Tag your trackers”), where the
// choice is stored (§6) and what programs hear (§5). What each rule of docs/rules.md asks is proven in
// rules-*.test.mjs and a11y-axe.test.mjs, one test per rule, its title starting with the R-number.
import assert from 'node:assert/strict';
import {after, before, describe, it} from 'node:test';
import {clickButton, cookieNames, inContext, openDialogs, ran, settle, startHarness, visit} from './harness.mjs';

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
const scriptsOnly = (list) => list.filter((id) => id !== 'youtube');
const stored = (page) => page.evaluate(() => window.consentBanner.consent);

describe('Dimelo', () => {
  let harness;
  before(async () => (harness = await startHarness()));
  after(() => harness?.close());

  it('§3: accept all runs every tagged script once, in document order, and is remembered after a reload', () =>
    inContext(harness, {}, async ({page, log}) => {
      await visit(page, harness.url('dimelo'));
      await clickButton(page, 'accept-all');
      await page.waitForFunction(() => (window.__ran ?? []).includes('youtube'));
      await settle(page);
      assert.deepEqual(scriptsOnly(await ran(page)), SCRIPTS_IN_ORDER);
      assert.deepEqual(await openDialogs(page), []);
      const cookies = await cookieNames(page);
      for (const name of ['_ga', '_ga_DEMO123', '_gcl_au', '_fbp', 'hubspotutk', 'dimelo_consent']) assert.ok(cookies.includes(name), name);
      assert.equal((await stored(page)).method, 'accept-all');
      // The tracking pixel, held like the scripts, is requested once.
      assert.equal(log.requests.filter((path) => path === '/demo/trackers/facebook.gif').length, 1);
      await visit(page, harness.url('dimelo'));
      assert.deepEqual(await openDialogs(page), []);
      assert.deepEqual(scriptsOnly(await ran(page)), SCRIPTS_IN_ORDER);
      assert.deepEqual(log.errors, []);
    }));

  it('§6: the choice is one first-party cookie: SameSite=Lax, Path=/, expiring after consentMaxAgeDays', () =>
    inContext(harness, {}, async ({page}) => {
      await visit(page, harness.url('dimelo'));
      await clickButton(page, 'accept-all');
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
      await clickButton(page, 'reject-all');
      await page.waitForFunction(() => window.__changes?.length === 1);
      const [change] = await page.evaluate(() => window.__changes);
      assert.deepEqual(Object.keys(change).sort(), [
        'categories',
        'id',
        'language',
        'manifestHash',
        'method',
        'purposes',
        'revision',
        'services',
        'timestamp',
        'uiVersion',
      ]);
      await visit(page, harness.url('dimelo'));
      const changes = await page.evaluate(() => window.__changes);
      assert.equal(changes.length, 1);
      assert.equal(changes[0].id, change.id);
      assert.equal(await page.evaluate(() => window.consentBanner.hasConsent('performance')), false);
    }));
});
