// The preferences keep their choices in view (issue 14): however much is unfolded, Save, Accept
// all and Reject all stay below the scrolling body of the dialog, at every width, at 200 % zoom
// and at 320 CSS px; a control that takes the focus is never hidden behind them; axe stays clean.
import assert from 'node:assert/strict';
import {after, before, describe, it} from 'node:test';
import {axe, clickButton, inContext, openAllDetails, pressUntil, startHarness, visit, waitForDialog} from './harness.mjs';

/** Opens the preferences from the first layer and unfolds every purpose's services, and each service. */
async function openEverything(page) {
  await visit(page, `${page.__harnessUrl}`);
  await clickButton(page, 'customise');
  await waitForDialog(page, 'preferences');
  await openAllDetails(page);
}

/** Each choice button of the preferences: its label, whether it is on screen and not covered, and the dialog's own scroll. */
const choices = (page) =>
  page.evaluate(() => {
    const root = document.querySelector('consent-banner').shadowRoot;
    const dialog = root.querySelector('[part=preferences]');
    const body = dialog.querySelector('.body');
    return {
      scrolls: body.scrollHeight > body.clientHeight,
      scrollTop: body.scrollTop + dialog.scrollTop,
      buttons: [...dialog.querySelectorAll('[part=actions] button[data-choice]')].map((button) => {
        const box = button.getBoundingClientRect();
        const inView = box.top >= 0 && box.bottom <= innerHeight && box.left >= 0 && box.right <= innerWidth;
        const hit = root.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
        return {label: button.textContent.trim(), inView, reachable: hit === button};
      }),
    };
  });

describe('the preferences keep their choices in view', () => {
  let harness;
  before(async () => (harness = await startHarness()));
  after(() => harness?.close());

  for (const [width, height, zoom] of [
    [1280, 800, 1],
    [390, 844, 1],
    [320, 568, 1],
    [1280, 800, 2],
  ]) {
    it(`R10: at ${width}×${height}${zoom > 1 ? ` and ${zoom * 100} % zoom` : ''}, with every purpose and service unfolded, Save, Accept all and Reject all are on screen without scrolling`, () =>
      inContext(harness, {viewport: {width, height, deviceScaleFactor: zoom}}, async ({page}) => {
        // 200 % zoom: the page is laid out in half the CSS pixels, as a browser zoom does.
        if (zoom > 1) await page.setViewport({width: width / zoom, height: height / zoom, deviceScaleFactor: zoom});
        page.__harnessUrl = harness.url('dimelo');
        await openEverything(page);
        const seen = await choices(page);
        assert.ok(seen.scrolls, 'the unfolded preferences do not scroll: nothing to prove');
        assert.equal(seen.scrollTop, 0);
        assert.deepEqual(
          seen.buttons.map((b) => b.label),
          ['Enregistrer mes choix', 'Tout accepter', 'Tout refuser']
        );
        for (const button of seen.buttons) assert.ok(button.inView && button.reachable, JSON.stringify(button));
        // Scrolled to the end, they are still there, and axe finds nothing wrong.
        await page.evaluate(() => {
          const body = document.querySelector('consent-banner').shadowRoot.querySelector('[part=preferences] .body');
          body.scrollTop = body.scrollHeight;
        });
        for (const button of (await choices(page)).buttons) assert.ok(button.inView && button.reachable, JSON.stringify(button));
        const result = await axe(page, 'consent-banner');
        // (What axe cannot settle over the fixed first layer, it settles in a11y-axe.test.mjs once the layer is gone.)
        assert.deepEqual(result.violations, []);
      }));
  }

  it('R41: at 390×844, every control reached by Tab shows above the choices, none hidden behind them', () =>
    inContext(harness, {viewport: {width: 390, height: 844}}, async ({page}) => {
      page.__harnessUrl = harness.url('dimelo');
      await openEverything(page);
      const hidden = [];
      let reached = 0;
      for (let i = 0; i < 80; i++) {
        await pressUntil(page, 'Tab', () => true, 1);
        const state = await page.evaluate(() => {
          const root = document.querySelector('consent-banner').shadowRoot;
          const focused = root.activeElement;
          const footer = root.querySelector('[part=preferences] > [part=actions]');
          if (!focused || !footer || footer.contains(focused) || focused.localName === 'dialog') return null;
          const a = focused.getBoundingClientRect();
          const f = footer.getBoundingClientRect();
          // Hidden: entirely under the footer (WCAG 2.4.11 asks that it is not entirely hidden).
          return {label: (focused.getAttribute('aria-label') ?? focused.textContent).trim().slice(0, 40), hidden: a.top >= f.top && a.bottom <= f.bottom};
        });
        if (!state) continue;
        reached++;
        if (state.hidden) hidden.push(state.label);
      }
      assert.ok(reached > 20, `Tab reached only ${reached} controls`);
      assert.deepEqual(hidden, []);
    }));
});
