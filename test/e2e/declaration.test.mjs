// <consent-declaration> on the demo's policy pages: the full cookie table from the same manifest,
// the visitor's current choice and how to change it; on a site that needs no banner, the opt-out
// of exempt audience measurement (docs/rules.md R15, R16, R19, R31).
import assert from 'node:assert/strict';
import {readFileSync} from 'node:fs';
import {createRequire} from 'node:module';
import {after, before, describe, it} from 'node:test';
import {root} from '../node/load-core.mjs';
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
      assert.match(text, /Votre choix : Pas encore choisi/);
      assert.match(text, /Google Ireland Limited/);
      assert.match(text, /_ga_\*/);
      await clickButton(page, 'accept-all');
      await page.waitForFunction(() =>
        document.querySelector('consent-declaration').shadowRoot.textContent.includes('Votre choix\u202f: Accepté')
      );
      text = await declarationText(page);
      assert.match(text, /Votre identifiant de consentement : [0-9a-f-]{36}/);
      await page.evaluate(() =>
        document.querySelector('consent-declaration').shadowRoot.querySelector('button[data-choice="customise"]').click()
      );
      await page.waitForFunction(() => document.querySelector('consent-banner').shadowRoot.querySelector('[part=preferences][open]'));
    }));

  it('R15, R45: Dimelo’s declaration labels every state, opens the preferences with the banner’s button, and puts the consent ID last, labelled', () =>
    inContext(harness, {}, async ({page}) => {
      const t = JSON.parse(readFileSync(`${root}src/i18n/fr.json`, 'utf8'));
      const said = (state) => `${t.yourChoice} ${state}`.replace(/\s+/g, ' ');
      await visit(page, policy(harness, 'dimelo'));
      await page.waitForFunction(() => document.querySelector('consent-declaration').shadowRoot.querySelector('table'));
      const read = () =>
        page.evaluate(() => {
          const base = document.querySelector('consent-declaration').shadowRoot.querySelector('[part="base"]');
          const button = base.querySelector('button[data-choice="customise"]');
          const style = getComputedStyle(button);
          return {
            // What follows "Votre choix :" wherever it is said, as one text.
            choices: [...base.querySelectorAll('p')]
              .map((p) => p.textContent.replace(/\s+/g, ' ').trim())
              .filter((text) => text.startsWith('Votre choix')),
            sections: base.querySelectorAll('section').length,
            button: {text: button.textContent.trim(), background: style.backgroundColor, weight: style.fontWeight, part: button.part.value},
            first: base.firstElementChild.textContent.trim(),
            last: base.lastElementChild.textContent.replace(/\s+/g, ' ').trim(),
          };
        });
      let seen = await read();
      // Before any choice: no orphan state, no ID; every purpose and service labelled, none chosen.
      assert.equal(seen.button.text, t.customise);
      assert.ok(seen.choices.length > seen.sections, `${seen.choices.length} labelled states for ${seen.sections} purposes`);
      for (const choice of seen.choices)
        assert.ok(
          [t.stateNotChosen, t.alwaysOn].some((state) => choice === said(state)),
          choice
        );
      assert.doesNotMatch(seen.last, /[0-9a-f]{8}-[0-9a-f]{4}-/);
      // The banner's button: its accent, its weight, not the browser's grey.
      const accent = await page.evaluate(
        () =>
          getComputedStyle(
            document.querySelector('consent-banner').shadowRoot.querySelector('[part=banner] button[data-choice="accept-all"]')
          ).backgroundColor
      );
      assert.equal(seen.button.background, accent);
      assert.equal(seen.button.weight, '600');
      await clickButton(page, 'reject-all');
      await page.waitForFunction(
        (refused) => document.querySelector('consent-declaration').shadowRoot.textContent.includes(refused),
        {},
        t.stateRefused
      );
      seen = await read();
      assert.equal(seen.button.text, t.changeChoices);
      for (const choice of seen.choices)
        assert.ok(
          [t.stateRefused, t.alwaysOn].some((state) => choice === said(state)),
          choice
        );
      // The ID last, after its label; the declaration starts with the button, not with the ID.
      assert.match(seen.last, new RegExp(`^${t.consentId.replace(/\s+/g, ' ')} [0-9a-f-]{36}$`));
      assert.equal(seen.first, t.changeChoices);
    }));

  it('no empty footer: Porthello’s preferences, with nothing to choose, have no bar of choices', () =>
    inContext(harness, {}, async ({page}) => {
      await visit(page, harness.url('porthello'));
      await page.evaluate(() => window.consentBanner.showPreferences());
      await page.waitForFunction(() => document.querySelector('consent-banner').shadowRoot.querySelector('[part=preferences][open]'));
      const bars = await page.evaluate(() =>
        [...document.querySelector('consent-banner').shadowRoot.querySelectorAll('[part=preferences] [part~="actions"]')].map(
          (bar) => bar.querySelectorAll('button').length
        )
      );
      assert.deepEqual(bars, []);
    }));

  for (const [scheme, site] of [
    ['light', 'linkello'],
    ['dark', 'linkello'],
    ['light', 'dimelo'],
    ['dark', 'dimelo'],
  ]) {
    it(`axe finds no violation in ${site}’s declaration (${scheme})`, () =>
      inContext(harness, {}, async ({page}) => {
        await page.emulateMediaFeatures([{name: 'prefers-color-scheme', value: scheme}]);
        await visit(page, policy(harness, site));
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
