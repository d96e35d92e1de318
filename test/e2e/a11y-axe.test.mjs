// axe-core (every rule it has: WCAG 2.2 A/AA and best practices) on everything the component
// shows, in light and dark: no violation at all, and no colour contrast axe could not settle
// (but for a one-symbol text such as ×, which axe never settles; and while the preferences are
// open over the first layer, axe takes the fixed banner for an overlap since it does not know the
// top layer: the same preferences are then checked again with the banner gone).
// docs/rules.md R42 (contrast) and R45 (names, roles, values) are what these runs prove most.
import assert from 'node:assert/strict';
import {readFileSync} from 'node:fs';
import {after, before, describe, it} from 'node:test';
import {root} from '../node/load-core.mjs';
import {axe, inBanner, inContext, openAllDetails, startHarness, visit, waitForDialog} from './harness.mjs';

/** Dimelo's page with its drop-in given `data-lang` (README, “Drop it in”). */
const dimeloIn = (lang) => ({
  '/demo/dimelo/index.html': {
    contentType: 'text/html',
    body: readFileSync(`${root}demo/dimelo/index.html`, 'utf8').replace(
      'data-manifest="cookie-manifest.json"',
      `data-manifest="cookie-manifest.json" data-lang="${lang}"`
    ),
  },
});

const assertClean = (result, what, {overlapped = false} = {}) => {
  assert.deepEqual(result.violations, [], `${what}: axe violations`);
  if (!overlapped) assert.deepEqual(result.incomplete, [], `${what}: contrast axe could not check`);
};
const unfoldAll = (page) => openAllDetails(page);

describe('axe on the banner, the preferences, the placeholder and the declaration', () => {
  let harness;
  before(async () => (harness = await startHarness()));
  after(() => harness?.close());

  for (const scheme of ['light', 'dark']) {
    const media = [{name: 'prefers-color-scheme', value: scheme}];

    it(`R42, R45 axe (${scheme}): Dimelo’s first layer, its YouTube placeholder and its preferences, every service unfolded`, () =>
      inContext(harness, {media}, async ({page}) => {
        await visit(page, harness.url('dimelo'));
        assertClean(await axe(page, 'consent-banner'), 'first layer');
        assertClean(await axe(page, 'consent-placeholder'), 'placeholder');
        await page.evaluate(() => window.consentBanner.showPreferences());
        await waitForDialog(page, 'preferences');
        assertClean(await axe(page, 'consent-banner'), 'preferences over the first layer', {overlapped: true});
        await unfoldAll(page);
        assertClean(await axe(page, 'consent-banner'), 'preferences over the first layer, unfolded', {overlapped: true});
        // With choices made (the first layer gone), the preferences show the consent id and switches on.
        await page.evaluate(() => window.consentBanner.save({categories: {performance: true, advertising: false, social: false}}));
        await page.evaluate(() => window.consentBanner.showPreferences());
        await waitForDialog(page, 'preferences');
        await unfoldAll(page);
        assertClean(await axe(page, 'consent-banner'), 'preferences with a choice');
      }));

    // Right to left (issue 25): the same views in Arabic and Hebrew, over French texts marked as such.
    for (const lang of ['ar', 'he']) {
      it(`R42, R45 axe (${scheme}, ${lang}, right to left): Dimelo’s first layer, its placeholder and its preferences, every service unfolded`, () =>
        inContext(harness, {media, manifests: dimeloIn(lang)}, async ({page}) => {
          await visit(page, harness.url('dimelo'));
          await waitForDialog(page, 'banner');
          assert.equal(await inBanner(page, (root) => root.querySelector('div.frame').dir), 'rtl');
          assertClean(await axe(page, 'consent-banner'), 'first layer');
          await page.waitForFunction(() => document.querySelector('consent-placeholder')?.shadowRoot?.querySelector('button'));
          assertClean(await axe(page, 'consent-placeholder'), 'placeholder');
          await page.evaluate(() => window.consentBanner.rejectAll());
          await page.evaluate(() => window.consentBanner.showPreferences());
          await waitForDialog(page, 'preferences');
          await unfoldAll(page);
          assertClean(await axe(page, 'consent-banner'), 'preferences');
        }));
    }

    it(`R42, R45 axe (${scheme}): Linkello’s declaration (no banner), with Matomo’s opt-out`, () =>
      inContext(harness, {media}, async ({page}) => {
        await visit(page, harness.url('linkello'));
        await page.evaluate(() => window.consentBanner.showPreferences());
        await waitForDialog(page, 'preferences');
        await unfoldAll(page);
        assertClean(await axe(page, 'consent-banner'), 'declaration');
      }));

    it(`R42, R45 axe (${scheme}): a page in English with necessary, exempt and consent purposes, at 320 CSS px`, () =>
      inContext(harness, {media, viewport: {width: 320, height: 568}}, async ({page}) => {
        await visit(page, `http://lumen.test:${harness.port}/test/e2e/pages/mixed.html`);
        // At 320 × 568 the first layer's text scrolls inside it; axe cannot settle the contrast of
        // text scrolled out of view, so it runs with the text at the top and at the bottom, and
        // every node must be settled in one of the two.
        const top = await axe(page, 'consent-banner');
        await inBanner(page, (root) => {
          const text = root.querySelector('#banner-text');
          text.scrollTop = text.scrollHeight;
        });
        const bottom = await axe(page, 'consent-banner');
        assert.deepEqual([...top.violations, ...bottom.violations], [], 'first layer: axe violations');
        assert.deepEqual(
          top.incomplete.filter((node) => bottom.incomplete.includes(node)),
          [],
          'first layer: contrast axe could not check'
        );
        await page.evaluate(() => window.consentBanner.showPreferences());
        await waitForDialog(page, 'preferences');
        await unfoldAll(page);
        assertClean(await axe(page, 'consent-banner'), 'preferences over the first layer', {overlapped: true});
        await page.evaluate(() => window.consentBanner.rejectAll());
        await page.evaluate(() => window.consentBanner.showPreferences());
        await waitForDialog(page, 'preferences');
        await unfoldAll(page);
        assertClean(await axe(page, 'consent-banner'), 'preferences');
      }));
  }
});
