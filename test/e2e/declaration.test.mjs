// <consent-declaration> on the demo's policy pages: the full cookie table from the same manifest,
// the visitor's current choice and how to change it; on a site that needs no banner, the opt-out
// of exempt audience measurement (docs/rules.md R15, R16, R19, R31).
import assert from 'node:assert/strict';
import {createRequire} from 'node:module';
import {after, before, describe, it} from 'node:test';
import {clickButton, cookieNames, inContext, openDialogs, ran, settle, startHarness, visit} from './harness.mjs';

const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const policy = (harness, site) => `http://${site}.test:${harness.port}/demo/${site}/privacy.html`;
const declarationText = (page) =>
  page.evaluate(() => document.querySelector('consent-declaration').shadowRoot.textContent.replace(/\s+/g, ' '));

describe('<consent-declaration>', () => {
  let harness;
  before(async () => (harness = await startHarness()));
  after(() => harness?.close());

  it('R16, R19: Linkello’s policy page lists every category with its legal basis, exemption, cookies, lifetimes in words', () =>
    inContext(harness, {}, async ({page, log}) => {
      await visit(page, policy(harness, 'linkello'));
      await page.waitForFunction(() => document.querySelector('consent-declaration').shadowRoot.querySelector('table'));
      const text = await declarationText(page);
      assert.match(text, /Base légale : Strictement nécessaire/);
      assert.match(text, /Base légale : Dispensé de consentement/);
      assert.match(text, /Pourquoi aucun consentement n’est requis/);
      assert.match(text, /_pk_id\.\*/);
      assert.match(text, /13 mois/);
      assert.doesNotMatch(text, /Modifier mes choix/, 'nothing to choose on a site that needs no consent');
      assert.deepEqual(await openDialogs(page), []);
      assert.deepEqual(log.errors, []);
    }));

  it('R31: opting out of Matomo on Linkello’s policy page stops Matomo on the next page and deletes its cookies', () =>
    inContext(harness, {}, async ({page}) => {
      await visit(page, harness.url('linkello'));
      assert.deepEqual(await ran(page), ['session', 'matomo']);
      await visit(page, policy(harness, 'linkello'));
      const optOut = await page.waitForFunction(() =>
        document.querySelector('consent-declaration').shadowRoot.querySelector('input[data-service="matomo"]')
      );
      assert.equal(await optOut.evaluate((input) => input.checked), true);
      await Promise.all([page.waitForNavigation(), optOut.asElement().click()]);
      await settle(page);
      await visit(page, harness.url('linkello'));
      assert.deepEqual(await ran(page), ['session']);
      assert.ok(!(await cookieNames(page)).some((n) => n.startsWith('_pk_')), 'Matomo cookies survived');
    }));

  it('R15: Dimelo’s policy page shows the current choice, follows a decision, and opens the preferences', () =>
    inContext(harness, {}, async ({page}) => {
      await visit(page, policy(harness, 'dimelo'));
      await page.waitForFunction(() => document.querySelector('consent-declaration').shadowRoot.querySelector('table'));
      let text = await declarationText(page);
      assert.match(text, /Votre choix : pas encore choisi/);
      assert.match(text, /Google Ireland Limited/);
      assert.match(text, /_ga_\*/);
      await clickButton(page, 'accept-all');
      await page.waitForFunction(() =>
        document.querySelector('consent-declaration').shadowRoot.textContent.includes('Votre choix\u202f: autorisé')
      );
      text = await declarationText(page);
      assert.match(text, /Votre identifiant de consentement : [0-9a-f-]{36}/);
      await page.evaluate(() => document.querySelector('consent-declaration').shadowRoot.querySelector('button[data-choice="customise"]').click());
      await page.waitForFunction(() => document.querySelector('consent-banner').shadowRoot.querySelector('[part=preferences][open]'));
    }));

  for (const scheme of ['light', 'dark']) {
    it(`axe finds no violation in the declaration (${scheme})`, () =>
      inContext(harness, {}, async ({page}) => {
        await page.emulateMediaFeatures([{name: 'prefers-color-scheme', value: scheme}]);
        await visit(page, policy(harness, 'linkello'));
        await page.waitForFunction(() => document.querySelector('consent-declaration').shadowRoot.querySelector('table'));
        await page.addScriptTag({path: axePath});
        const violations = await page.evaluate(async () => {
          const result = await window.axe.run(document.querySelector('consent-declaration'));
          return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
        });
        assert.deepEqual(violations, []);
      }));
  }
});
