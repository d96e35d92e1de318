// WCAG 2.2 SC 2.4.11 Focus Not Obscured (docs/rules.md R41): while the non-modal first layer is open,
// no element of the page that takes focus is hidden behind it.
import assert from 'node:assert/strict';
import {after, before, describe, it} from 'node:test';
import {inContext, openDialogs, startHarness, visit} from './harness.mjs';

/** How much of the focused page element the open banner covers, in CSS px² (0 = none). */
const coveredArea = (page) =>
  page.evaluate(() => {
    const focused = document.activeElement;
    const banner = document.querySelector('consent-banner').shadowRoot.querySelector('[part=banner][open]');
    if (!banner || !focused || focused.localName === 'consent-banner') return null;
    const a = focused.getBoundingClientRect();
    const b = banner.getBoundingClientRect();
    const w = Math.min(a.right, b.right) - Math.max(a.left, b.left);
    const h = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
    return w > 0 && h > 0 ? w * h : 0;
  });

describe('focus is never hidden behind the banner', () => {
  let harness;
  before(async () => (harness = await startHarness()));
  after(() => harness?.close());

  for (const [layout, viewport] of [
    ['bar', {width: 1280, height: 800}],
    ['bar', {width: 320, height: 568}],
    ['box', {width: 1280, height: 800}],
  ]) {
    it(`R41 ${layout} at ${viewport.width}×${viewport.height}: Tab through all 41 links, none is covered`, () =>
      inContext(harness, {}, async ({page}) => {
        await page.setViewport(viewport);
        const url = `http://dimelo.test:${harness.port}/test/e2e/pages/long-page.html`;
        await visit(page, url);
        if (layout !== 'bar') {
          await page.evaluate((l) => document.querySelector('consent-banner').setAttribute('layout', l), layout);
        }
        assert.deepEqual(await openDialogs(page), ['banner']);
        const seen = [];
        for (let i = 0; i < 41; i++) {
          await page.keyboard.press('Tab');
          // What the visitor sees once the focus move has settled: two frames later.
          await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
          const name = await page.evaluate(() => document.activeElement.textContent);
          seen.push(name);
          assert.equal(await coveredArea(page), 0, `“${name}” is hidden behind the banner`);
        }
        assert.equal(seen.at(-1), 'The very last link of the page');
        assert.deepEqual(await openDialogs(page), ['banner'], 'tabbing must not close the banner (R3)');
      }));
  }
});
