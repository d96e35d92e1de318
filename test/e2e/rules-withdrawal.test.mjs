// docs/rules.md §E, withdrawal (R26–R27): as easy to take back as to give, from every page, and it
// takes effect: the withdrawn services' cookies go (host and parent domain) and their scripts stop.
import assert from 'node:assert/strict';
import {after, before, describe, it} from 'node:test';
import {
  clickButton,
  clickSwitch,
  cookieNames,
  consentRequests,
  inBanner,
  inContext,
  pressUntil,
  ran,
  readManifest,
  settle,
  startHarness,
  visit,
  waitForDialog,
} from './harness.mjs';

const dimelo = readManifest('dimelo');
const stored = (page) => page.evaluate(() => window.consentBanner.consent);

describe('RULES §E: withdrawal', () => {
  let harness;
  before(async () => (harness = await startHarness()));
  after(() => harness?.close());

  it('R26 after “Tout accepter”, withdrawing takes three actions on the same page: the footer link, the switch, save', () =>
    inContext(harness, {}, async ({page}) => {
      const url = harness.url('dimelo');
      await visit(page, url);
      await clickButton(page, 'accept-all');
      await settle(page);
      // The link is reachable by keyboard…
      await pressUntil(page, 'Tab', (f) => f?.host === null && f.tag === 'a' && f.label === 'Paramètres des cookies');
      // …and three clicks withdraw performance.
      await page.click('a[data-consent-open]');
      await clickSwitch(page, '[data-category="performance"]');
      const reloaded = page.waitForNavigation({waitUntil: 'load'});
      await clickButton(page, 'save');
      await reloaded;
      await settle(page);
      assert.equal(page.url(), url);
      const record = await stored(page);
      assert.equal(record.categories.performance, false);
      assert.equal(record.categories.advertising, true);
    }));

  it('R26 the preferences open from every page, and nothing in them warns that refusing or withdrawing breaks the site', async () => {
    for (const url of [
      harness.url('dimelo'),
      `http://dimelo.test:${harness.port}/test/e2e/pages/dimelo-article.html`,
      `http://dimelo.test:${harness.port}/test/e2e/pages/dimelo-contact.html`,
    ]) {
      await inContext(harness, {}, async ({page}) => {
        await visit(page, url);
        await page.evaluate(() => window.consentBanner.acceptAll());
        await settle(page);
        await page.click('a[data-consent-open]');
        await waitForDialog(page, 'preferences');
        const text = await inBanner(page, (root) => root.querySelector('[part=preferences]').textContent);
        assert.doesNotMatch(
          text,
          /ne (fonctionnera|marchera) plus|dégradé|risqu|perdre|may (not|no longer) work|will not work|break|lose/i
        );
      });
    }
  });

  it('R27 withdrawing performance deletes its cookies on the host and the parent domain, reloads, and stops its scripts', () =>
    inContext(harness, {}, async ({page, log}) => {
      const url = harness.url('dimelo', 'www.dimelo.test');
      await visit(page, url);
      await clickButton(page, 'accept-all');
      await settle(page);
      const before = await page.cookies();
      assert.equal(before.find((c) => c.name === '_ga').domain, '.dimelo.test');
      await page.evaluate(() => {
        document.cookie = '_ga_HOSTONLY=1; path=/';
      });
      await page.click('a[data-consent-open]');
      await clickSwitch(page, '[data-category="performance"]');
      const reloaded = page.waitForNavigation({waitUntil: 'load'});
      await clickButton(page, 'save');
      await reloaded;
      // The page reloaded by itself; visit it once more so the network log starts clean.
      log.requests.length = 0;
      await visit(page, url);
      const names = await cookieNames(page);
      for (const gone of ['_ga', '_ga_DEMO123', '_ga_HOSTONLY', '_gid', '__hstc', 'hubspotutk']) {
        assert.ok(!names.includes(gone), `${gone} survived the withdrawal`);
      }
      for (const kept of ['_gcl_au', '_fbp', 'dimelo_consent']) assert.ok(names.includes(kept), `${kept} was deleted`);
      const now = await ran(page);
      assert.ok(!now.includes('google-analytics') && !now.includes('hubspot-analytics'), now.join());
      assert.ok(now.includes('no-analytics-fallback'));
      assert.deepEqual(
        consentRequests(log, dimelo).filter((p) => /google-analytics|hubspot-analytics/.test(p)),
        []
      );
      assert.equal((await stored(page)).categories.performance, false);
    }));
});
