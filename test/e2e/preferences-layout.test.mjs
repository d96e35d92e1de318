// The preferences keep their choices in view (issue 14): however much is unfolded, Accept all,
// Reject all and Save stay below the scrolling body of the dialog, at every width, at 200 % zoom
// and at 320 CSS px; a control that takes the focus is never hidden behind them; axe stays clean.
// And they read as a designer would have them (issue 26): each purpose's state in words beside
// its switch, cookie details that reflow into a list without splitting a word, the first layer's
// buttons in its order on equal boxes, and the first layer out of the way while they are open.
import assert from 'node:assert/strict';
import {readFileSync} from 'node:fs';
import {after, before, describe, it} from 'node:test';
import {root} from '../node/load-core.mjs';
import {axe, clickButton, inBanner, inContext, openAllDetails, pressUntil, startHarness, visit, waitForDialog} from './harness.mjs';

const WORDS = {
  fr: JSON.parse(readFileSync(`${root}src/i18n/fr.json`, 'utf8')),
  en: JSON.parse(readFileSync(`${root}src/i18n/en.json`, 'utf8')),
};
/** Dimelo's page with its drop-in given `data-lang`. */
const dimeloIn = (lang) => ({
  '/demo/dimelo/index.html': {
    contentType: 'text/html',
    body: readFileSync(`${root}demo/dimelo/index.html`, 'utf8').replace(
      'data-manifest="cookie-manifest.json"',
      `data-manifest="cookie-manifest.json" data-lang="${lang}"`
    ),
  },
});

/** Each purpose's switch in the open preferences: its purpose, its accessible name and the words of its state (its description). */
const states = (page) =>
  inBanner(page, (root) =>
    [...root.querySelectorAll('[part=preferences][open] section')].map((section) => {
      const toggle = section.querySelector('button[aria-expanded]');
      const input = section.querySelector('input[role="switch"][data-category]');
      const byId = (ids) =>
        (ids ?? '')
          .split(' ')
          .map((id) => root.getElementById(id)?.textContent.trim() ?? '')
          .join(' ');
      return {
        title: toggle.textContent.trim(),
        switch: input
          ? {
              purpose: input.dataset.category,
              name: input.getAttribute('aria-label'),
              state: byId(input.getAttribute('aria-describedby')),
              checked: input.checked,
            }
          : null,
        text: section.textContent.replace(/\s+/g, ' ').trim(),
      };
    })
  );

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
        return {label: button.textContent.trim(), choice: button.dataset.choice, inView, reachable: hit === button};
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
        // The first layer's order: the two decisions, then Save in Customise's place.
        assert.deepEqual(
          seen.buttons.map((b) => b.choice),
          ['accept-all', 'reject-all', 'save']
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
          return {
            label: (focused.getAttribute('aria-label') ?? focused.textContent).trim().slice(0, 40),
            hidden: a.top >= f.top && a.bottom <= f.bottom,
          };
        });
        if (!state) continue;
        reached++;
        if (state.hidden) hidden.push(state.label);
      }
      assert.ok(reached > 20, `Tab reached only ${reached} controls`);
      assert.deepEqual(hidden, []);
    }));

  it('R4, R45: each purpose says its state in words beside its switch: not chosen yet, then accepted or refused as the visitor moves it', () =>
    inContext(harness, {viewport: {width: 1280, height: 800}}, async ({page}) => {
      const t = WORDS.fr;
      await visit(page, harness.url('dimelo'));
      await clickButton(page, 'customise');
      await waitForDialog(page, 'preferences');
      let rows = await states(page);
      assert.deepEqual(
        rows.map((row) => row.switch?.purpose ?? null),
        [null, 'performance', 'advertising', 'social']
      );
      // Necessary: no switch, always on, said on its row.
      assert.ok(rows[0].text.includes(t.alwaysOn), rows[0].text);
      for (const row of rows.slice(1)) {
        assert.equal(row.switch.name, row.title, 'the switch is named by its purpose');
        assert.equal(row.switch.state, t.stateNotChosen);
        assert.equal(row.switch.checked, false);
        assert.ok(row.text.includes(t.stateNotChosen), 'the state shows on the row');
      }
      await page.click('consent-banner >>> [part=preferences] input[data-category="performance"]');
      rows = await states(page);
      assert.deepEqual([rows[1].switch.state, rows[1].switch.checked], [t.stateAccepted, true]);
      assert.equal(rows[2].switch.state, t.stateNotChosen, 'the others are still not chosen');
      await page.click('consent-banner >>> [part=preferences] input[data-category="performance"]');
      rows = await states(page);
      assert.deepEqual([rows[1].switch.state, rows[1].switch.checked], [t.stateRefused, false], 'refused reads apart from never asked');
      // After "Reject all", the preferences opened again say refused.
      await clickButton(page, 'reject-all');
      await page.evaluate(() => window.consentBanner.showPreferences());
      await waitForDialog(page, 'preferences');
      rows = await states(page);
      assert.deepEqual(
        rows.slice(1).map((row) => row.switch.state),
        [t.stateRefused, t.stateRefused, t.stateRefused]
      );
    }));

  it('R43: at 360 × 640 the cookie details reflow into a list: no word split across lines, no cookie name split, nothing scrolls sideways', () =>
    inContext(harness, {viewport: {width: 360, height: 640}}, async ({page}) => {
      page.__harnessUrl = harness.url('dimelo');
      await openEverything(page);
      const seen = await inBanner(page, (root) => {
        const split = [];
        const rows = [...root.querySelectorAll('[part=preferences] tbody tr')];
        for (const cell of root.querySelectorAll('[part=preferences] td')) {
          const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
          for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            for (const match of node.data.matchAll(/\S+/g)) {
              const range = document.createRange();
              range.setStart(node, match.index);
              range.setEnd(node, match.index + match[0].length);
              const lines = new Set([...range.getClientRects()].filter((r) => r.width).map((r) => Math.round(r.top)));
              if (lines.size > 1) split.push(match[0]);
            }
          }
        }
        // A list: in each cookie, its name above its lifetime, above its purpose.
        const stacked = rows.every((tr) => {
          const [name, duration, purpose] = [...tr.cells].map((td) => td.getBoundingClientRect());
          return name.bottom <= duration.top + 1 && duration.bottom <= purpose.top + 1;
        });
        const wide = [...root.querySelectorAll('[part=preferences] .table')].filter((box) => box.scrollWidth > box.clientWidth).length;
        return {
          cookies: rows.length,
          split,
          stacked,
          wide,
          names: [...root.querySelectorAll('[part=preferences] td code')]
            .filter((code) => code.getClientRects().length > 1)
            .map((c) => c.textContent),
        };
      });
      assert.ok(seen.cookies > 20, `only ${seen.cookies} cookies unfolded`);
      assert.deepEqual(seen.split, [], 'words split across lines');
      assert.deepEqual(seen.names, [], 'cookie names split');
      assert.ok(seen.stacked, 'the cells of a cookie are not stacked as a list');
      assert.equal(seen.wide, 0, 'a table scrolls sideways');
      assert.equal(await page.evaluate(() => document.documentElement.scrollWidth <= innerWidth), true);
    }));

  it('R16: at 1280 × 800 every cookie table has the same columns, lined up from one service to the next', () =>
    inContext(harness, {viewport: {width: 1280, height: 800}}, async ({page}) => {
      page.__harnessUrl = harness.url('dimelo');
      await openEverything(page);
      const columns = await inBanner(page, (root) =>
        [...root.querySelectorAll('[part=preferences] thead tr')].map((tr) =>
          [...tr.cells].map((th) => Math.round(th.getBoundingClientRect().left)).join(',')
        )
      );
      assert.ok(columns.length > 5, `${columns.length} tables`);
      assert.deepEqual([...new Set(columns)], [columns[0]]);
    }));

  for (const lang of ['fr', 'en']) {
    for (const [width, height] of [
      [1280, 800],
      [390, 844],
      [360, 640],
    ]) {
      it(`R10, R13 (${lang}, ${width}×${height}): Accept all and Reject all side by side, then Save, all three equal boxes`, () =>
        inContext(harness, {viewport: {width, height}, manifests: dimeloIn(lang)}, async ({page}) => {
          await visit(page, harness.url('dimelo'));
          await clickButton(page, 'customise');
          await waitForDialog(page, 'preferences');
          const boxes = await inBanner(page, (root) =>
            [...root.querySelectorAll('[part=preferences] [part~="actions"] button')].map((button) => {
              const {top, width, height} = button.getBoundingClientRect();
              return {choice: button.dataset.choice, top: Math.round(top), width: Math.round(width), height: Math.round(height)};
            })
          );
          assert.deepEqual(
            boxes.map((b) => b.choice),
            ['accept-all', 'reject-all', 'save']
          );
          const [accept, reject, save] = boxes;
          assert.equal(accept.top, reject.top, 'Accept all and Reject all side by side');
          for (const box of [reject, save]) {
            assert.ok(Math.abs(box.width - accept.width) <= 1 && Math.abs(box.height - accept.height) <= 1, JSON.stringify(boxes));
          }
        }));
    }
  }

  it('R46b: the first layer is hidden while the preferences are open; closed without a decision (× or Escape), it is back with the focus on Customise', () =>
    inContext(harness, {viewport: {width: 1280, height: 800}}, async ({page}) => {
      await visit(page, harness.url('dimelo'));
      const firstLayer = () =>
        inBanner(page, (root) => {
          const banner = root.querySelector('[part~="banner"]');
          return {shown: banner?.checkVisibility() ?? false, focus: root.activeElement?.dataset.choice ?? null};
        });
      assert.equal((await firstLayer()).shown, true);
      for (const close of ['×', 'Escape']) {
        await clickButton(page, 'customise');
        await waitForDialog(page, 'preferences');
        assert.equal((await firstLayer()).shown, false, 'the first layer shows behind the preferences');
        if (close === '×') await page.click('consent-banner >>> [part=preferences] [part~="close"]');
        else await page.keyboard.press('Escape');
        await page.waitForFunction(() => !document.querySelector('consent-banner').shadowRoot.querySelector('[part=preferences][open]'));
        await page
          .waitForFunction(() => document.querySelector('consent-banner').shadowRoot.activeElement?.dataset.choice === 'customise', {
            timeout: 2000,
          })
          .catch(() => {});
        assert.deepEqual(await firstLayer(), {shown: true, focus: 'customise'}, `closed with ${close}`);
      }
      // A decision in the preferences ends the first layer too.
      await clickButton(page, 'customise');
      await waitForDialog(page, 'preferences');
      await clickButton(page, 'save');
      await page.waitForFunction(() => !document.querySelector('consent-banner').shadowRoot.querySelector('dialog[open]'));
      assert.equal((await firstLayer()).shown, false);
    }));
});
