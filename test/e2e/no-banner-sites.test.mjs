// The Linkello family and Porthello need no consent: no banner, nothing stored, their
// necessary and exempt scripts run at once (RULES R28, R31).
import assert from 'node:assert/strict';
import {after, before, describe, it} from 'node:test';
import {a11yNodes, clickSwitch, clickButton, cookieNames, inContext, openDialogs, ran, startHarness, visit} from './harness.mjs';

const QUIET = {
  linkello: ['session', 'matomo'],
  'linkello-medical': ['session', 'matomo'],
  'linkello-pro': ['session', 'matomo'],
  porthello: ['session'],
};

describe('sites that need no consent', () => {
  let harness;
  before(async () => (harness = await startHarness()));
  after(() => harness?.close());

  for (const [site, expected] of Object.entries(QUIET)) {
    it(`R28: ${site} shows no banner, stores no choice, and runs ${expected.join(' + ')} at once, once each`, () =>
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

  it('R31: Linkello’s “Cookie settings” link opens the declaration; opting out of Matomo stops it on the next page', () =>
    inContext(harness, {}, async ({page, log}) => {
      await visit(page, harness.url('linkello'));
      await page.click('a[data-consent-open]');
      await page.waitForFunction(() => document.querySelector('consent-banner').shadowRoot.querySelector('dialog.preferences[open]'));
      const [dialog] = await a11yNodes(page, 'dialog');
      assert.equal(dialog.name, 'Les cookies de ce site');
      const text = await page.evaluate(() => document.querySelector('consent-banner').shadowRoot.querySelector('dialog.preferences').textContent);
      assert.match(text, /Pourquoi aucun consentement n’est requis/);
      // Matomo's opt-out sits in its details, as a switch named "Autoriser Matomo", on by default;
      // its cookies are listed there once the details are open.
      await page.evaluate(() => document.querySelector('consent-banner').shadowRoot.querySelector('details:has(input[data-service="matomo"]) summary').click());
      await page.waitForFunction(() =>
        /_pk_id\.\*/.test(document.querySelector('consent-banner').shadowRoot.querySelector('dialog.preferences').textContent)
      );
      const [optOut] = await a11yNodes(page, 'switch', 'Autoriser Matomo');
      assert.equal(optOut?.checked, true);
      await clickSwitch(page, '[data-service="matomo"]');
      await clickButton(page, 'Enregistrer mes choix');
      assert.deepEqual(log.errors, []);
      log.requests.length = 0;
      await visit(page, harness.url('linkello'));
      assert.deepEqual(await ran(page), ['session']);
      assert.ok(!log.requests.includes('/demo/trackers/matomo.js'), 'Matomo was requested after the opt-out');
      assert.ok((await cookieNames(page)).includes('linkello_consent'));
      assert.ok(!(await cookieNames(page)).some((n) => n.startsWith('_pk_')), 'Matomo cookies survived the opt-out');
    }));
});
