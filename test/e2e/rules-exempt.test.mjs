// docs/rules.md §F, exemptions (R28–R31): the Linkello family and Porthello need no consent, so they
// show no banner and store nothing, their necessary and exempt scripts run at once; what they
// declare as necessary or exempt is on the CNIL's list; exempt measurement can still be refused.
import assert from 'node:assert/strict';
import {after, before, describe, it} from 'node:test';
import {
  SITES,
  a11yNodes,
  clickButton,
  clickSwitch,
  cookieNames,
  inBanner,
  inContext,
  openAllDetails,
  openDialogs,
  ran,
  startHarness,
  visit,
  waitForDialog,
} from './harness.mjs';

const QUIET = {
  linkello: ['session', 'matomo'],
  'linkello-medical': ['session', 'matomo'],
  'linkello-pro': ['session', 'matomo'],
  porthello: ['session'],
};

describe('RULES §F: exemptions', () => {
  let harness;
  before(async () => (harness = await startHarness()));
  after(() => harness?.close());

  for (const [site, expected] of Object.entries(QUIET)) {
    it(`R28 ${site} shows no banner, stores no choice, and runs ${expected.join(' + ')} at once, once each`, () =>
      inContext(harness, {}, async ({page, log}) => {
        await visit(page, harness.url(site));
        assert.deepEqual(await openDialogs(page), []);
        assert.deepEqual(await a11yNodes(page, 'dialog'), []);
        assert.deepEqual(await ran(page), expected);
        assert.ok(!(await cookieNames(page)).some((name) => name.endsWith('_consent')), 'a consent cookie was written');
        assert.deepEqual(log.errors, []);
        assert.deepEqual(await page.evaluate(() => window.consentBanner.consent), null);
      }));
  }

  it('R28 Dimelo, which has purposes that need consent, does show the banner and runs only its necessary script', () =>
    inContext(harness, {}, async ({page}) => {
      await visit(page, harness.url('dimelo'));
      assert.deepEqual(await openDialogs(page), ['banner']);
      assert.deepEqual(await ran(page), ['session']);
    }));

  it('R29 what the demo sites declare necessary is on the CNIL list (session, language, the consent choice); only Matomo is exempt', async () => {
    // Each necessary or exempt cookie the visitor is shown, with the CNIL purpose that allows it.
    const ALLOWED = [
      [/^[a-z]+(_[a-z]+)?_session$/, 'necessary', 'a session the visitor asked for'],
      [/^[a-z]+_lang$/, 'necessary', 'a UI preference (language)'],
      [/^[a-z]+(_[a-z]+)?_consent$/, 'necessary', 'the visitor’s choice about cookies'],
      [/^_pk_(id|ses)\.\*$/, 'exempt', 'audience measurement under the CNIL’s conditions (R30)'],
    ];
    for (const site of SITES) {
      await inContext(harness, {}, async ({page}) => {
        await visit(page, harness.url(site));
        await page.evaluate(() => window.consentBanner.showPreferences());
        await waitForDialog(page, 'preferences');
        await openAllDetails(page);
        const declared = await inBanner(page, (root) =>
          [...root.querySelectorAll('[part=preferences] section')].flatMap((section) => {
            const alwaysOn = !section.querySelector('h3').parentElement.querySelector('input');
            if (!alwaysOn) return [];
            return [...section.querySelectorAll('tbody tr')].map((tr) => [
              tr.querySelector('code').textContent,
              section.querySelector('h3').textContent,
            ]);
          })
        );
        assert.ok(declared.length > 0, `${site}: nothing declared as always on`);
        for (const [name, category] of declared) {
          const rule = ALLOWED.find(([pattern]) => pattern.test(name));
          assert.ok(rule, `${site}: ${name} (${category}) is on no CNIL list`);
          const exempt = /audience|mesure d'audience/i.test(category);
          assert.equal(rule[1], exempt ? 'exempt' : 'necessary', `${site}: ${name} in “${category}”`);
        }
      });
    }
  });

  it('R31 Linkello’s “Paramètres des cookies” link opens the declaration; opting out of Matomo stops it on the next page', () =>
    inContext(harness, {}, async ({page, log}) => {
      await visit(page, harness.url('linkello'));
      await page.click('a[data-consent-open]');
      await waitForDialog(page, 'preferences');
      const [dialog] = await a11yNodes(page, 'dialog');
      assert.equal(dialog.name, 'Les cookies de ce site');
      // Matomo's opt-out sits in its details, among its category's services, as a switch named
      // "Autoriser Matomo", on by default.
      await page.click('consent-banner >>> section[aria-labelledby="category-audience"] button[aria-expanded]');
      await page.waitForFunction(() => document.querySelector('consent-banner').shadowRoot.querySelector('input[data-service="matomo"]'));
      await page.click('consent-banner >>> details:has(input[data-service="matomo"]):not(:has(> summary[data-category])) summary');
      await page.waitForFunction(() =>
        document.querySelector('consent-banner').shadowRoot.querySelector('[part=preferences] details[open] table')
      );
      const text = await inBanner(page, (root) => root.querySelector('[part=preferences]').textContent);
      assert.match(text, /Pourquoi aucun consentement n’est requis/);
      assert.match(text, /_pk_id\.\*/);
      const [optOut] = await a11yNodes(page, 'switch', 'Autoriser Matomo');
      assert.equal(optOut?.checked, true);
      await clickSwitch(page, '[data-service="matomo"]');
      await clickButton(page, 'save');
      assert.deepEqual(log.errors, []);
      log.requests.length = 0;
      await visit(page, harness.url('linkello'));
      assert.deepEqual(await ran(page), ['session']);
      assert.ok(!log.requests.includes('/demo/trackers/matomo.js'), 'Matomo was requested after the opt-out');
      assert.ok((await cookieNames(page)).includes('linkello_consent'));
      assert.ok(!(await cookieNames(page)).some((n) => n.startsWith('_pk_')), 'Matomo cookies survived the opt-out');
    }));
});
