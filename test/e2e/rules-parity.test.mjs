// docs/rules.md §B, refusing as easy as accepting (R9–R13): one click either way, the two buttons
// alike in every respect, closing = refusing (and said so), plain refusal wording, no nudging.
import assert from 'node:assert/strict';
import {readFileSync} from 'node:fs';
import {after, before, describe, it} from 'node:test';
import {root} from '../node/load-core.mjs';
import {
  a11yNodes,
  clickButton,
  consentRequests,
  contrast,
  focused,
  inBanner,
  inContext,
  openDialogs,
  ran,
  readManifest,
  settle,
  startHarness,
  visit,
  waitForDialog,
} from './harness.mjs';

const dimelo = readManifest('dimelo');
const stored = (page) => page.evaluate(() => window.consentBanner.consent);
const DIMELO_INDEX = '/demo/dimelo/index.html';
/** Dimelo's page with another <html lang>: the banner speaks the page's language (README, “Drop it in”). */
const dimeloIn = (lang) => ({
  [DIMELO_INDEX]: {
    contentType: 'text/html',
    body: readFileSync(`${root}demo/dimelo/index.html`, 'utf8').replace('<html lang="fr">', `<html lang="${lang}">`),
  },
});
const LABELS = {
  fr: {accept: 'Tout accepter', reject: 'Tout refuser', closing: 'Fermer ce bandeau vaut refus.'},
  en: {accept: 'Accept all', reject: 'Reject all', closing: 'Closing this banner means refusing.'},
};

/** The first layer's buttons, as the visitor meets them: label, box, and the styles that make them look alike. */
const firstLayerButtons = (page) =>
  inBanner(page, (root) => {
    const dialog = root.querySelector('[part=banner]');
    const background = getComputedStyle(dialog).backgroundColor;
    return [...dialog.querySelectorAll('button')].map((b) => {
      const style = getComputedStyle(b);
      const box = b.getBoundingClientRect();
      const centre = [box.x + box.width / 2, box.y + box.height / 2];
      let hit = document.elementFromPoint(...centre);
      while (hit?.shadowRoot?.elementFromPoint(...centre) && hit.shadowRoot.elementFromPoint(...centre) !== hit) {
        hit = hit.shadowRoot.elementFromPoint(...centre);
      }
      return {
        label: b.textContent.trim(),
        choice: b.dataset.choice,
        tag: b.localName,
        box: {top: box.top, bottom: box.bottom, left: box.left, right: box.right, width: box.width, height: box.height},
        visible: hit === b || b.contains(hit),
        look: Object.fromEntries(
          [
            'font-family',
            'font-size',
            'font-weight',
            'font-style',
            'text-transform',
            'letter-spacing',
            'padding',
            'border',
            'border-radius',
            'outline',
            'box-shadow',
            'text-decoration-line',
            'opacity',
          ].map((p) => [p, style.getPropertyValue(p)])
        ),
        color: style.color,
        background: style.backgroundColor,
        dialogBackground: background,
      };
    });
  });

describe('RULES §B: refusing is as easy as accepting', () => {
  let harness;
  before(async () => (harness = await startHarness()));
  after(() => harness?.close());

  it('R9 first layer: one accept-all and one reject-all button, one click each, both end the banner', async () => {
    const names = await inContext(harness, {}, async ({page}) => {
      await visit(page, harness.url('dimelo'));
      const [dialog] = await a11yNodes(page, 'dialog', 'Les cookies sur Dimelo');
      const buttons = [];
      const walk = (node) => (node.role === 'button' && buttons.push(node.name), node.children?.forEach(walk));
      walk(dialog);
      return buttons;
    });
    assert.equal(names.filter((n) => /accepter|accept/i.test(n)).length, 1, names.join());
    assert.equal(names.filter((n) => /^tout refuser$/i.test(n)).length, 1, names.join());
    for (const [label, method] of [
      ['Tout accepter', 'accept-all'],
      ['Tout refuser', 'reject-all'],
    ]) {
      await inContext(harness, {}, async ({page}) => {
        await visit(page, harness.url('dimelo'));
        await clickButton(page, method); // the one click, on the button marked data-choice="accept-all" or "reject-all"
        await settle(page);
        assert.deepEqual(await openDialogs(page), [], `${label}: the banner is still there`);
        assert.equal((await stored(page)).method, method);
      });
    }
  });

  for (const [scheme, width, height] of [
    ['light', 1280, 800],
    ['light', 320, 568],
    ['dark', 1280, 800],
    ['dark', 320, 568],
  ]) {
    it(`R10 accept and reject look alike (${scheme}, ${width}×${height}): same element and style, same size, both in view`, () =>
      inContext(harness, {viewport: {width, height}, media: [{name: 'prefers-color-scheme', value: scheme}]}, async ({page}) => {
        await visit(page, harness.url('dimelo'));
        const buttons = await firstLayerButtons(page);
        const accept = buttons.find((b) => b.choice === 'accept-all');
        const reject = buttons.find((b) => b.choice === 'reject-all');
        assert.equal(accept.tag, 'button');
        assert.equal(reject.tag, 'button');
        assert.deepEqual(reject.look, accept.look);
        assert.equal(reject.box.height, accept.box.height);
        assert.ok(
          Math.abs(reject.box.width - accept.box.width) <= 0.1 * accept.box.width,
          `widths ${accept.box.width} / ${reject.box.width}`
        );
        for (const b of [accept, reject]) {
          assert.ok(contrast(b.color, b.background) >= 4.5, `${b.label}: label contrast ${contrast(b.color, b.background)}`);
          assert.ok(
            b.box.top >= 0 && b.box.bottom <= height && b.box.left >= 0 && b.box.right <= width,
            `${b.label} is out of view: ${JSON.stringify(b.box)}`
          );
          assert.ok(b.visible, `${b.label} is covered or scrolled away inside the banner`);
        }
        const emphasis = (b) => contrast(b.background, b.dialogBackground);
        assert.ok(Math.abs(emphasis(accept) - emphasis(reject)) <= 0.5, `${emphasis(accept)} vs ${emphasis(reject)}`);
      }));
  }

  for (const [how, close] of [
    [
      'Escape',
      (page) =>
        inBanner(page, (root) => root.querySelector('[part=banner] button[data-choice]').focus()).then(() => page.keyboard.press('Escape')),
    ],
    ['the × button', (page) => page.click('consent-banner >>> [part=banner] [part=close]')],
  ]) {
    it(`R11 closing by ${how} refuses: nothing released, every consent category stored false with method “close”, no banner after a reload`, () =>
      inContext(harness, {}, async ({page, log}) => {
        await visit(page, harness.url('dimelo'));
        await close(page);
        await page.waitForFunction(() => window.consentBanner.consent !== null);
        const record = await stored(page);
        assert.equal(record.method, 'close');
        assert.deepEqual(record.categories, {necessary: true, performance: false, advertising: false, social: false});
        assert.ok(
          Object.entries(record.services).every(([id, on]) => on === (id === 'session')),
          JSON.stringify(record.services)
        );
        await visit(page, harness.url('dimelo'));
        assert.deepEqual(await openDialogs(page), []);
        assert.deepEqual(await ran(page), ['session', 'no-analytics-fallback']);
        assert.deepEqual(consentRequests(log, dimelo), []);
      }));
  }

  for (const lang of ['fr', 'en']) {
    it(`R11 the first layer says, in its language (${lang}), that closing means refusing; the × is named so`, () =>
      inContext(harness, {manifests: dimeloIn(lang)}, async ({page}) => {
        await visit(page, harness.url('dimelo'));
        const text = await inBanner(page, (root) => root.querySelector('[part=banner]').textContent.replace(/\s+/g, ' '));
        assert.ok(text.includes(LABELS[lang].closing), text);
        const [close] = await a11yNodes(page, 'button', lang === 'fr' ? 'Fermer et refuser' : 'Close and refuse');
        assert.ok(close, 'the × button is not named as refusing');
      }));
  }

  it('R12 refusal wording comes from a fixed set in each language; a manifest cannot replace it', async () => {
    for (const lang of ['fr', 'en']) {
      await inContext(harness, {manifests: dimeloIn(lang)}, async ({page}) => {
        await visit(page, harness.url('dimelo'));
        const labels = (await firstLayerButtons(page)).map((b) => b.label);
        assert.ok(labels.includes(LABELS[lang].reject), labels.join());
        assert.deepEqual(
          labels.filter(
            (l) => /refus|reject|decline|later|plus tard/i.test(l) && !/^(Tout refuser|Refuser|Reject all|Refuse all)$/.test(l)
          ),
          []
        );
      });
    }
    // A manifest that tries to relabel the buttons is not one the banner accepts (fails closed, names the field).
    for (const attempt of [{labels: {rejectAll: 'Plus tard'}}, {site: {...dimelo.site, rejectLabel: 'Plus tard'}}]) {
      await inContext(harness, {manifests: {'/demo/dimelo/cookie-manifest.json': {...dimelo, ...attempt}}}, async ({page}) => {
        await visit(page, harness.url('dimelo'));
        assert.match(await page.evaluate(() => window.__consentError?.message ?? ''), /labels|rejectLabel/);
        assert.equal(await inBanner(page, (root) => root.textContent.includes('Plus tard')), false);
      });
    }
  });

  it('R13 no nudging: on open nothing is focused for the visitor, accept has no motion of its own, reject is not below the fold', () =>
    inContext(harness, {viewport: {width: 1280, height: 800}}, async ({page}) => {
      await visit(page, harness.url('dimelo'));
      const focus = await focused(page);
      assert.ok(
        focus === null || focus.tag === 'body' || (focus.dialog === 'banner' && !/accept/i.test(focus.label)),
        JSON.stringify(focus)
      );
      const motion = await inBanner(page, (root) =>
        [...root.querySelectorAll('[part=banner] button[data-choice]')].map((b) => {
          const s = getComputedStyle(b);
          return [s.animationName, s.transitionDuration, s.transform];
        })
      );
      assert.ok(
        motion.every((m) => JSON.stringify(m) === JSON.stringify(motion[0])),
        JSON.stringify(motion)
      );
      const buttons = await firstLayerButtons(page);
      const accept = buttons.find((b) => b.choice === 'accept-all');
      const reject = buttons.find((b) => b.choice === 'reject-all');
      assert.ok(reject.box.bottom <= 800 && reject.visible, JSON.stringify(reject));
      assert.equal(reject.box.top, accept.box.top, 'accept and reject are not side by side');
      // The preferences: focus lands on their title, not on a switch or on “Tout accepter”.
      await clickButton(page, 'customise');
      await waitForDialog(page, 'preferences');
      const inPreferences = await focused(page);
      assert.equal(inPreferences.tag, 'h2');
      assert.equal(inPreferences.label, 'Préférences cookies');
    }));
});
