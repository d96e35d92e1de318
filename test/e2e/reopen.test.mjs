// The re-open control (issue 26; README "Styling"): on the five demo pages (which set
// `data-reopen`), a returning visitor gets a 44 × 44 px icon button named "Cookie settings"
// in the page's language 8 px from the bottom-left corner. At 320 px wide (and at the gallery's
// 360 × 640, after a choice that lets the page's scripts run and its demo panel grow), scrolled
// to the end of the page, no text lies under it: every element `elementsFromPoint` finds beneath
// its box has no line of text that meets the box (the demo's pages leave room below their last
// line). Above the end, the page's text scrolls under it as under any fixed control.
import assert from 'node:assert/strict';
import {after, before, describe, it} from 'node:test';
import {SITES, inContext, settle, startHarness, visit} from './harness.mjs';

describe('the re-open control on the demo pages', () => {
  let harness;
  before(async () => (harness = await startHarness()));
  after(() => harness?.close());

  for (const [width, height, choice] of [
    [320, 568, 'rejectAll'],
    [360, 640, 'acceptAll'],
  ])
    for (const site of SITES) {
      it(`${site}, ${width} × ${height}, ${choice}: an icon button 8 px from the corner, and no text under it at the end of the page`, () =>
        inContext(harness, {viewport: {width, height}}, async ({page}) => {
          await visit(page, harness.url(site));
          await page.evaluate((choice) => document.querySelector('consent-banner')[choice](), choice);
          await page.waitForFunction(() => document.querySelector('consent-banner').shadowRoot.querySelector('[part=reopen]'));
          // What the choice allows has run (the demo's panel lists it).
          await settle(page);
          await page.evaluate(() => scrollTo(0, document.documentElement.scrollHeight));
          const seen = await page.evaluate(() => {
            const control = document.querySelector('consent-banner').shadowRoot.querySelector('[part=reopen]');
            const box = control.getBoundingClientRect();
            const meets = (r) =>
              r.width && r.height && r.left < box.right && r.right > box.left && r.top < box.bottom && r.bottom > box.top;
            const under = new Set();
            for (let x = box.left + 1; x < box.right; x += 6) {
              for (let y = box.top + 1; y < box.bottom; y += 6) for (const element of document.elementsFromPoint(x, y)) under.add(element);
            }
            const texts = [];
            for (const element of under) {
              if (element.closest('consent-banner')) continue;
              for (const node of element.childNodes) {
                if (node.nodeType !== Node.TEXT_NODE || !node.textContent.trim()) continue;
                const range = document.createRange();
                range.selectNodeContents(node);
                if ([...range.getClientRects()].some(meets)) texts.push(node.textContent.trim().slice(0, 40));
              }
            }
            return {
              box: [box.left, innerHeight - box.bottom, box.width, box.height],
              name: control.getAttribute('aria-label'),
              lang: control.lang,
              under: [...under].filter((e) => !e.closest('consent-banner')).length,
              texts,
            };
          });
          assert.deepEqual(seen.box, [8, 8, 44, 44]);
          // In the page's language: Linkello Pro's is English, the others' French.
          const lang = await page.evaluate(() => document.documentElement.lang);
          assert.equal(seen.lang, lang);
          assert.equal(seen.name, {fr: 'Paramètres des cookies', en: 'Cookie settings'}[lang]);
          assert.ok(seen.under > 0, 'elementsFromPoint found the page under the control');
          assert.deepEqual(seen.texts, [], 'text under the re-open control');
        }));
    }
});
