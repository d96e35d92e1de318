// docs/rules.md §J, accessibility (WCAG 2.2 AA, R39–R46b): the whole flow by keyboard alone with real
// key presses, visible focus, a modal preferences dialog that keeps and gives back focus, reflow
// at 320 CSS px and at 200 % zoom, 24 px targets, names, roles and states, language, no timing,
// and no motion when the visitor asks for less. (axe runs are in a11y-axe.test.mjs; R41 is not
// here yet.)
import assert from 'node:assert/strict';
import {readFileSync} from 'node:fs';
import {after, before, describe, it} from 'node:test';
import {root} from '../node/load-core.mjs';
import {
  a11yNodes,
  clickButton,
  clickSwitch,
  contrast,
  focusIndicator,
  focused,
  idle,
  inBanner,
  inContext,
  openDialogs,
  pressUntil,
  settle,
  startHarness,
  visit,
  waitForDialog,
  openAllDetails,
} from './harness.mjs';

const stored = (page) => page.evaluate(() => window.consentBanner.consent);
const dimeloIn = (lang) => ({
  '/demo/dimelo/index.html': {
    contentType: 'text/html',
    body: readFileSync(`${root}demo/dimelo/index.html`, 'utf8').replace('<html lang="fr">', `<html lang="${lang}">`),
  },
});
const DARK = [{name: 'prefers-color-scheme', value: 'dark'}];
const inBannerLayer = (f) => f?.host === 'consent-banner' && f.dialog === 'banner';
const inPreferences = (f) => f?.host === 'consent-banner' && f.dialog === 'preferences';
const isControl = (label) => (f) => f?.host === 'consent-banner' && f.label === label;
const switchState = async (page, name) => (await a11yNodes(page, 'switch', name))[0]?.checked;

/** Tabs through the controls that `inside` accepts, from the first reached until it leaves or comes back; returns their labels. */
async function tabStops(page, inside, onEach = async () => {}) {
  const labels = [];
  await pressUntil(page, 'Tab', inside);
  for (let i = 0; i < 60; i++) {
    const focus = await focused(page);
    if (!inside(focus) || labels.includes(`${focus.tag} ${focus.label}`)) break;
    labels.push(`${focus.tag} ${focus.label}`);
    await onEach(focus);
    await page.keyboard.press('Tab');
  }
  return labels;
}

/** Where the focused element sits in its dialog's content (scroll-independent): [top, left]. */
const positionInDialog = (page) =>
  page.evaluate(() => {
    let element = document.activeElement;
    while (element?.shadowRoot?.activeElement) element = element.shadowRoot.activeElement;
    const dialog = element.closest('dialog');
    const [box, frame] = [element.getBoundingClientRect(), dialog.getBoundingClientRect()];
    // The reading position, as if nothing scrolled: inside a scrolled part of the dialog (its body,
    // or the dialog itself), what is scrolled away above counts; after a part that scrolls (the
    // choices below the body), all it holds below its fold counts.
    let scrolled = 0;
    for (let parent = element.parentElement; parent && parent !== dialog.parentElement; parent = parent.parentElement)
      scrolled += parent.scrollTop;
    for (const part of dialog.children) {
      if (part.contains(element)) break;
      scrolled += part.scrollHeight - part.clientHeight;
    }
    return [box.top - frame.top + scrolled, box.left - frame.left, box.right - frame.left];
  });

describe('RULES §J: accessibility, WCAG 2.2 AA', () => {
  let harness;
  before(async () => (harness = await startHarness()));
  after(() => harness?.close());

  for (const [key, label, method] of [
    ['Enter', 'Tout accepter', 'accept-all'],
    ['Space', 'Tout refuser', 'reject-all'],
  ]) {
    it(`R39 keyboard: Tab reaches “${label}” in the first layer and ${key} activates it`, () =>
      inContext(harness, {}, async ({page}) => {
        await visit(page, harness.url('dimelo'));
        await pressUntil(page, 'Tab', isControl(label));
        await page.keyboard.press(key);
        await page.waitForFunction(() => window.consentBanner.consent !== null);
        assert.equal((await stored(page)).method, method);
        assert.deepEqual(await openDialogs(page), []);
      }));
  }

  it('R39 keyboard: open the preferences, switch a purpose on, unfold its services and one of them, save; reopen from the footer link, switch it off, save', () =>
    inContext(harness, {}, async ({page}) => {
      await visit(page, harness.url('dimelo'));
      await pressUntil(page, 'Tab', isControl('Personnaliser'));
      await page.keyboard.press('Enter');
      await waitForDialog(page, 'preferences');
      assert.ok(inPreferences(await focused(page)), 'focus did not move into the preferences');
      await pressUntil(page, 'Tab', (f) => inPreferences(f) && f.category === 'performance');
      await page.keyboard.press('Space');
      assert.equal(await switchState(page, 'Mesure de performance'), true);
      // The purpose unfolds from its row's button (named by its title), then a service from its summary.
      await pressUntil(page, 'Shift+Tab', (f) => inPreferences(f) && f.tag === 'button' && f.label === 'Mesure de performance');
      await page.keyboard.press('Enter');
      await pressUntil(page, 'Tab', (f) => inPreferences(f) && f.tag === 'summary' && f.label.startsWith('Google Analytics'));
      await page.keyboard.press('Enter');
      assert.equal((await a11yNodes(page, 'DisclosureTriangle')).find((node) => node.name.startsWith('Google Analytics'))?.expanded, true);
      await pressUntil(page, 'Tab', isControl('Enregistrer mes choix'));
      await page.keyboard.press('Enter');
      await page.waitForFunction(() => window.consentBanner.consent !== null);
      await settle(page);
      assert.deepEqual(await openDialogs(page), []);
      const first = await stored(page);
      assert.equal(first.method, 'custom');
      assert.deepEqual(first.categories, {necessary: true, performance: true, advertising: false, social: false});

      // Back to the footer link, by keyboard only.
      await pressUntil(page, 'Shift+Tab', (f) => f?.host === null && f.tag === 'a' && f.label === 'Paramètres des cookies');
      await page.keyboard.press('Enter');
      await waitForDialog(page, 'preferences');
      assert.equal(await switchState(page, 'Mesure de performance'), true);
      await pressUntil(page, 'Tab', (f) => inPreferences(f) && f.category === 'performance');
      await page.keyboard.press('Space');
      await pressUntil(page, 'Tab', isControl('Enregistrer mes choix'));
      const reloaded = page.waitForNavigation({waitUntil: 'load'});
      await page.keyboard.press('Enter');
      await reloaded;
      await settle(page);
      assert.equal((await stored(page)).categories.performance, false);
    }));

  it('R39 keyboard: the non-modal first layer never traps focus; Escape in the preferences closes them without deciding', () =>
    inContext(harness, {}, async ({page}) => {
      await visit(page, harness.url('dimelo'));
      await pressUntil(page, 'Tab', isControl('Personnaliser'));
      await page.keyboard.press('Tab');
      assert.ok(!inBannerLayer(await focused(page)), 'Tab after the last control stayed in the banner');
      await pressUntil(page, 'Shift+Tab', isControl('Personnaliser'));
      await page.keyboard.press('Enter');
      await waitForDialog(page, 'preferences');
      await page.keyboard.press('Escape');
      await page.waitForFunction(() => !document.querySelector('consent-banner').shadowRoot.querySelector('[part=preferences][open]'));
      assert.deepEqual(await openDialogs(page), ['banner']);
      assert.equal(await stored(page), null);
    }));

  it('R40 focus order follows the reading order, in the first layer and in the preferences', () =>
    inContext(harness, {}, async ({page}) => {
      await visit(page, harness.url('dimelo'));
      for (const [inside, open] of [
        [inBannerLayer, async () => {}],
        [inPreferences, () => clickButton(page, 'customise').then(() => waitForDialog(page, 'preferences'))],
      ]) {
        await open();
        const positions = [];
        const stops = await tabStops(page, inside, async () => positions.push(await positionInDialog(page)));
        assert.ok(stops.length >= 4, stops.join(' | '));
        // Down, or along a row; or on to the next column (a wide bar's choices beside its text, issue 26):
        // a stop that starts to the right of where the previous one ends.
        for (let i = 1; i < positions.length; i++) {
          const [[top0, left0, right0], [top1, left1]] = [positions[i - 1], positions[i]];
          const onward = top1 > top0 + 2 || (Math.abs(top1 - top0) <= 2 && left1 > left0) || left1 >= right0;
          assert.ok(onward, `${stops[i - 1]} → ${stops[i]}: ${positions[i - 1]} → ${positions[i]}`);
        }
      }
    }));

  /** Asserts that the focused control shows an explicit indicator of at least 3:1 against what is next to it. */
  const assertVisibleFocus = async (page) => {
    const ring = await focusIndicator(page);
    assert.ok(
      ring.style !== 'none' && ring.style !== 'auto' && ring.width >= 2,
      `${ring.label}: no explicit outline (${ring.style} ${ring.width}px)`
    );
    const ratio = contrast(ring.colour, ring.background);
    assert.ok(ratio >= 3, `${ring.label}: focus ring ${ring.colour} on ${ring.background} is ${ratio.toFixed(2)}:1`);
  };

  for (const scheme of ['light', 'dark']) {
    it(`R40 every focused control of the first layer and the preferences shows an indicator with at least 3:1 contrast (${scheme})`, () =>
      inContext(harness, {media: scheme === 'dark' ? DARK : undefined}, async ({page}) => {
        await visit(page, harness.url('dimelo'));
        assert.ok((await tabStops(page, inBannerLayer, () => assertVisibleFocus(page))).length >= 4);
        await clickButton(page, 'customise');
        await waitForDialog(page, 'preferences');
        assert.ok((await tabStops(page, inPreferences, () => assertVisibleFocus(page))).length >= 10);
      }));

    it(`R40 the placeholder’s focused button shows an indicator with at least 3:1 contrast (${scheme})`, () =>
      inContext(harness, {media: scheme === 'dark' ? DARK : undefined}, async ({page}) => {
        await visit(page, harness.url('dimelo'));
        await pressUntil(page, 'Tab', (f) => f?.host === 'consent-placeholder' && f.tag === 'button');
        await assertVisibleFocus(page);
      }));
  }

  for (const [width, height, deviceScaleFactor, what] of [
    [320, 568, 1, '320 CSS px'],
    [640, 400, 2, '200 % zoom (1280 × 800 at 2×)'],
  ]) {
    it(`R43 reflow at ${what}: no sideways scrolling, the banner fits the screen, accept and reject in view, every control reachable`, () =>
      inContext(harness, {viewport: {width, height, deviceScaleFactor}}, async ({page}) => {
        await visit(page, harness.url('dimelo'));
        const layout = await inBanner(page, (root) => {
          const dialog = root.querySelector('[part=banner]');
          const box = dialog.getBoundingClientRect();
          const outside = [...dialog.querySelectorAll('*')].filter((e) => {
            const r = e.getBoundingClientRect();
            return r.width && (r.left < box.left - 0.5 || r.right > box.right + 0.5);
          });
          return {
            page: [document.documentElement.scrollWidth, document.documentElement.clientWidth],
            top: box.top,
            bottom: box.bottom,
            sideways: dialog.scrollWidth - dialog.clientWidth,
            outside: outside.map((e) => e.localName),
          };
        });
        assert.ok(layout.page[0] <= layout.page[1], `the page scrolls sideways: ${layout.page}`);
        assert.ok(layout.top >= 0 && layout.bottom <= height, `the banner does not fit: ${layout.top}–${layout.bottom}`);
        assert.equal(layout.sideways, 0);
        assert.deepEqual(layout.outside, []);
        const inView = async (f) => {
          const box = await inBanner(page, (root) => {
            const active = root.activeElement.getBoundingClientRect();
            return [active.top, active.bottom, active.left, active.right];
          });
          assert.ok(box[0] >= 0 && box[1] <= height && box[2] >= 0 && box[3] <= width, `${f.label} is out of view when focused: ${box}`);
        };
        const stops = await tabStops(page, inBannerLayer, inView);
        assert.deepEqual(
          stops.filter((s) => s.startsWith('button ')),
          ['button Fermer et refuser', 'button Tout accepter', 'button Tout refuser', 'button Personnaliser']
        );
        // The preferences, every service unfolded.
        await clickButton(page, 'customise');
        await waitForDialog(page, 'preferences');
        await openAllDetails(page);
        const prefs = await inBanner(page, (root) => {
          const dialog = root.querySelector('[part=preferences]');
          dialog.querySelectorAll('details').forEach((d) => (d.open = true));
          const box = dialog.getBoundingClientRect();
          const outside = [...dialog.querySelectorAll('*')].filter((e) => {
            const r = e.getBoundingClientRect();
            return r.width && (r.left < box.left - 0.5 || r.right > box.right + 0.5);
          });
          const scrollers = [...dialog.querySelectorAll('*')].filter(
            (e) => e.scrollWidth > e.clientWidth + 1 && getComputedStyle(e).overflowX !== 'visible'
          );
          return {
            fits: box.left >= 0 && box.right <= innerWidth && box.top >= 0 && box.bottom <= innerHeight,
            sideways: dialog.scrollWidth - dialog.clientWidth,
            outside: outside.map((e) => `${e.localName} ${e.textContent.slice(0, 30)}`),
            scrollers: scrollers.map((e) => e.className || e.localName),
          };
        });
        assert.ok(prefs.fits, 'the preferences do not fit the screen');
        assert.equal(prefs.sideways, 0);
        assert.deepEqual(prefs.outside, []);
        assert.deepEqual(prefs.scrollers, [], 'a part of the preferences scrolls sideways');
        assert.ok((await tabStops(page, inPreferences, inView)).length >= 20);
      }));
  }

  it('R43 text spacing (WCAG 1.4.12) at 320 CSS px: no text clipped or overlapping its box, nothing sideways', () =>
    inContext(harness, {viewport: {width: 320, height: 568}}, async ({page}) => {
      await visit(page, harness.url('dimelo'));
      const check = () =>
        inBanner(page, (root) => {
          if (!root.adoptedStyleSheets.some((s) => s.spacing)) {
            const sheet = new CSSStyleSheet();
            sheet.replaceSync(
              '* { line-height: 1.5 !important; letter-spacing: 0.12em !important; word-spacing: 0.16em !important; } p { margin-bottom: 2em !important; }'
            );
            sheet.spacing = true;
            root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
          }
          const dialog = root.querySelector('dialog[open]:not([part=banner])') ?? root.querySelector('[part=banner]');
          dialog.querySelectorAll('details').forEach((d) => (d.open = true));
          const clipped = [...dialog.querySelectorAll('button, a, summary, label, h2, h3, td, th')].filter(
            (e) =>
              e.scrollWidth > e.clientWidth + 1 ||
              (e.localName !== 'a' && e.scrollHeight > e.clientHeight + 1 && getComputedStyle(e).overflowY !== 'visible')
          );
          return {
            clipped: clipped.map((e) => `${e.localName} ${e.textContent.trim().slice(0, 30)}`),
            page: document.documentElement.scrollWidth <= innerWidth,
          };
        });
      for (const open of [
        async () => {},
        () =>
          clickButton(page, 'customise')
            .then(() => waitForDialog(page, 'preferences'))
            .then(() => openAllDetails(page)),
      ]) {
        await open();
        const result = await check();
        assert.deepEqual(result.clipped, []);
        assert.ok(result.page);
      }
    }));

  for (const [width, height] of [
    [1280, 800],
    [320, 568],
  ]) {
    it(`R44 every target is at least 24 × 24 CSS px at ${width} px: buttons, switches, links, summaries, the placeholder’s button`, () =>
      inContext(harness, {viewport: {width, height}}, async ({page}) => {
        await visit(page, harness.url('dimelo'));
        const measure = async (open, unfold = async () => {}) => {
          await open();
          await unfold();
          return page.evaluate(() => {
            const banner = document.querySelector('consent-banner').shadowRoot;
            // What is shown: the first layer steps aside while the preferences are open (issue 26).
            const targets = [
              ...banner.querySelectorAll('dialog[open] :is(button, a, input, summary, select)'),
              ...[...document.querySelectorAll('consent-placeholder')].flatMap((p) => [...p.shadowRoot.querySelectorAll('button, a')]),
            ].filter((e) => e.checkVisibility());
            return targets.map((e) => {
              const box = e.getBoundingClientRect();
              return {
                label: `${e.localName} ${(e.getAttribute('aria-label') ?? e.textContent).trim().slice(0, 40)}`,
                width: box.width,
                height: box.height,
              };
            });
          });
        };
        const preferences = () => clickButton(page, 'customise').then(() => waitForDialog(page, 'preferences'));
        const targets = [...(await measure(async () => {})), ...(await measure(preferences, () => openAllDetails(page)))];
        assert.ok(targets.length > 30, `only ${targets.length} targets found`);
        const small = targets.filter((t) => t.width < 24 || t.height < 24);
        assert.deepEqual(small, []);
      }));
  }

  it('R45 the dialogs are named by their titles; every control has a name holding its visible label; switches flip aria-checked and move', () =>
    inContext(harness, {}, async ({page}) => {
      await visit(page, harness.url('dimelo'));
      assert.equal((await a11yNodes(page, 'dialog', 'Les cookies sur Dimelo')).length, 1);
      await clickButton(page, 'customise');
      await waitForDialog(page, 'preferences');
      const [preferences] = await a11yNodes(page, 'dialog', 'Préférences cookies');
      assert.ok(preferences, 'the preferences dialog is not named by its title');
      assert.equal(preferences.modal, true);
      const unnamed = [];
      const walk = (node) => {
        if (['button', 'link', 'switch', 'checkbox', 'DisclosureTriangle'].includes(node.role) && !node.name?.trim())
          unnamed.push(node.role);
        node.children?.forEach(walk);
      };
      walk(preferences);
      assert.deepEqual(unnamed, []);
      // Label in name: each control's accessible name contains the words it shows.
      const mismatches = await inBanner(page, (root) =>
        [...root.querySelectorAll('dialog :is(button, a, summary)')]
          .map((e) => [
            e.textContent.trim().replace(/\s+/g, ' '),
            (e.getAttribute('aria-label') ?? e.textContent).trim().replace(/\s+/g, ' '),
          ])
          .filter(([shown, name]) => /\p{L}/u.test(shown) && !name.toLowerCase().includes(shown.toLowerCase()))
      );
      assert.deepEqual(mismatches, []);
      // A switch: named by its category, its state in the tree, and not by colour alone (the knob moves).
      const knob = () =>
        inBanner(page, (root) => getComputedStyle(root.querySelector('input[data-category="advertising"]'), '::before').transform);
      const off = await knob();
      assert.equal(await switchState(page, 'Ciblage et publicité'), false);
      await clickSwitch(page, '[data-category="advertising"]');
      assert.equal(await switchState(page, 'Ciblage et publicité'), true);
      assert.notEqual(await knob(), off);
      await clickSwitch(page, '[data-category="advertising"]');
      assert.equal(await switchState(page, 'Ciblage et publicité'), false);
    }));

  for (const lang of ['fr', 'en']) {
    it(`R46 the banner, the preferences and the placeholder carry lang="${lang}" on a ${lang} page`, () =>
      inContext(harness, {manifests: dimeloIn(lang)}, async ({page}) => {
        await visit(page, harness.url('dimelo'));
        await page.evaluate(() => window.consentBanner.showPreferences());
        await waitForDialog(page, 'preferences');
        const langs = await page.evaluate(() => {
          const langOf = (e) => e.closest('[lang]')?.lang ?? e.getRootNode().host?.closest('[lang]')?.lang;
          const root = document.querySelector('consent-banner').shadowRoot;
          return [
            langOf(root.querySelector('[part=banner] h2')),
            langOf(root.querySelector('[part=preferences] h2')),
            langOf(document.querySelector('consent-placeholder').shadowRoot.querySelector('button')),
          ];
        });
        assert.deepEqual(langs, [lang, lang, lang]);
      }));
  }

  it('R46 a switch does not save or close by itself: the choice waits for “Enregistrer mes choix”', () =>
    inContext(harness, {}, async ({page}) => {
      await visit(page, harness.url('dimelo'));
      await clickButton(page, 'customise');
      await clickSwitch(page, '[data-category="social"]');
      await clickSwitch(page, '[data-category="performance"]');
      assert.deepEqual(await openDialogs(page), ['banner', 'preferences']);
      assert.equal(await stored(page), null);
      assert.equal(await page.evaluate(() => (window.__changes ?? []).length), 0);
      await clickButton(page, 'save');
      await page.waitForFunction(() => window.consentBanner.consent !== null);
      assert.equal((await stored(page)).categories.social, true);
    }));

  it('R46 no time limit: after five idle minutes the first layer is still there and nothing was decided', () =>
    inContext(harness, {}, async ({page}) => {
      await visit(page, harness.url('dimelo'));
      await idle(page, 5 * 60_000);
      assert.ok(await page.evaluate(() => Date.now() - performance.timeOrigin > 5 * 60_000 - 1000), 'the page clock did not move on');
      assert.deepEqual(await openDialogs(page), ['banner']);
      assert.equal(await stored(page), null);
      assert.ok(!(await page.cookies()).some((c) => c.name === 'dimelo_consent'));
    }));

  it('R46b the preferences are a modal dialog: focus moves in, Tab stays inside, Escape closes, focus returns to the opener', () =>
    inContext(harness, {}, async ({page}) => {
      await visit(page, harness.url('dimelo'));
      await page.evaluate(() => window.consentBanner.acceptAll());
      await settle(page);
      const opener = (f) => f?.host === null && f.tag === 'a' && f.label === 'Paramètres des cookies';
      await pressUntil(page, 'Tab', opener);
      await page.keyboard.press('Enter');
      await waitForDialog(page, 'preferences');
      assert.equal(await inBanner(page, (root) => root.querySelector('[part=preferences]').matches(':modal')), true);
      assert.ok(inPreferences(await focused(page)), 'focus did not move into the dialog');
      // Every category's services unfolded, and every service: as many controls as there can be.
      await openAllDetails(page);
      // Two full rounds of Tab, then of Shift+Tab: focus never lands on the page behind (only, between
      // rounds, on the browser's own UI, which headless Chromium reports as the body).
      for (const key of ['Tab', 'Shift+Tab']) {
        const seen = new Set();
        for (let i = 0; i < 60; i++) {
          await pressUntil(page, key, () => true, 1);
          const f = await focused(page);
          assert.ok(inPreferences(f) || f?.tag === 'body', `focus left the dialog: ${JSON.stringify(f)}`);
          if (f.tag === 'dialog') await assertVisibleFocus(page);
          if (inPreferences(f)) seen.add(f.label);
        }
        assert.ok(seen.size >= 15, `${key} reached only ${seen.size} controls`);
      }
      await page.keyboard.press('Escape');
      await page.waitForFunction(() => !document.querySelector('consent-banner').shadowRoot.querySelector('[part=preferences][open]'));
      assert.ok(opener(await focused(page)), `focus went to ${JSON.stringify(await focused(page))}`);
      // Opened from the first layer, it gives focus back to “Personnaliser”.
      await inContext(harness, {}, async ({page: fresh}) => {
        await visit(fresh, harness.url('dimelo'));
        await pressUntil(fresh, 'Tab', isControl('Personnaliser'));
        await fresh.keyboard.press('Enter');
        await waitForDialog(fresh, 'preferences');
        await fresh.keyboard.press('Escape');
        await fresh.waitForFunction(() => !document.querySelector('consent-banner').shadowRoot.querySelector('[part=preferences][open]'));
        // The dialog's `close` event, which gives the focus back, comes a task after it closes.
        let back;
        for (const end = Date.now() + 2000; Date.now() < end && !isControl('Personnaliser')((back = await focused(fresh)));)
          await new Promise((r) => setTimeout(r, 50));
        assert.ok(isControl('Personnaliser')(back), JSON.stringify(back));
      });
    }));

  it('R46b saving is announced in a status message', () =>
    inContext(harness, {}, async ({page}) => {
      await visit(page, harness.url('dimelo'));
      await clickButton(page, 'customise');
      await clickButton(page, 'save');
      await page.waitForFunction(() => window.consentBanner.consent !== null);
      const [status] = await a11yNodes(page, 'status');
      const said = await inBanner(page, (root) => root.querySelector('[role="status"]').textContent.trim());
      assert.ok(status, 'no status in the accessibility tree');
      assert.equal(said, 'Vos choix sont enregistrés.');
    }));

  it('R46b with prefers-reduced-motion, nothing in the banner, the preferences or the placeholder moves', () =>
    inContext(harness, {media: [{name: 'prefers-reduced-motion', value: 'reduce'}]}, async ({page}) => {
      await visit(page, harness.url('dimelo'));
      await page.evaluate(() => window.consentBanner.showPreferences());
      await waitForDialog(page, 'preferences');
      const moving = await page.evaluate(() => {
        const roots = [
          document.querySelector('consent-banner').shadowRoot,
          ...[...document.querySelectorAll('consent-placeholder')].map((p) => p.shadowRoot),
        ];
        const seconds = (list) => list.split(',').map((t) => parseFloat(t) * (t.trim().endsWith('ms') ? 0.001 : 1));
        return roots.flatMap((r) =>
          [...r.querySelectorAll('*')].flatMap((e) =>
            [null, '::before', '::after', '::backdrop'].flatMap((pseudo) => {
              const s = getComputedStyle(e, pseudo);
              const moves =
                s.animationName !== 'none' ||
                seconds(s.transitionDuration).some((d) => d > 0) ||
                seconds(s.animationDuration).some((d) => d > 0 && s.animationName !== 'none');
              return moves ? [`${e.localName}${pseudo ?? ''}: ${s.animationName} / ${s.transitionProperty} ${s.transitionDuration}`] : [];
            })
          )
        );
      });
      assert.deepEqual(moving, []);
    }));
});
