// The first layer's layout (issue 26, part "First layer"), measured in Chromium on Dimelo's page,
// in every layout (bar, box, modal, cloud), in every language of UI_LANGUAGES (Arabic and Hebrew
// right to left), at 1280 × 800, 390 × 844, 360 × 640 and 320 × 568:
// - every word in view without scrolling (R11: "closing means refusing" is read; R26: how to change
//   one's mind; R5: the purposes), on at most 60 % of the screen at 360 × 640 and 320 × 568, 40 % at
//   390 × 844 (R41: the page stays in view), and Dimelo's French bar at most 160 px at 1280 × 800;
// - no text clipped or spilling out of its box, nothing scrolls sideways (R43);
// - Accept and Reject the same box, side by side (R10 parity); Customise the same height, never
//   wider, quieter (its own part, `customise`); the × on the content's edge, beside the title;
// - the cloud: a floating box at most 60 rem wide, centred, its text beside the choices;
// - an unknown layout: one warning naming it, and the bar; axe clean in light and dark (R42, R45).
import assert from 'node:assert/strict';
import {after, before, describe, it} from 'node:test';
import {readFileSync} from 'node:fs';
import {loadCore, root} from '../node/load-core.mjs';
import {axe, inContext, speak, startHarness} from './harness.mjs';

const SIZES = [
  [1280, 800],
  [390, 844],
  [360, 640],
  [320, 568],
];
const LAYOUTS = ['bar', 'box', 'modal', 'cloud'];
const {UI_LANGUAGES} = await loadCore('src/core/language.ts');
/** The most of the screen's height the first layer may cover (banner height ÷ viewport height). */
const SHARE = {'390x844': 0.4, '360x640': 0.6, '320x568': 0.6};

/** Dimelo's page with `attributes` on its drop-in script (README, "Styling"). */
const dimeloWith = (attributes) => ({
  '/demo/dimelo/index.html': {
    contentType: 'text/html',
    body: readFileSync(`${root}demo/dimelo/index.html`, 'utf8').replace(
      'data-manifest="cookie-manifest.json"',
      `data-manifest="cookie-manifest.json" ${attributes}`
    ),
  },
});

/** Dimelo's page at `width` × `height`, its banner in `layout` (none: the default). */
const open = async (harness, page, layout) => {
  await page.goto(harness.url('dimelo'), {waitUntil: 'load'});
  await page.waitForFunction(() => document.querySelector('consent-banner')?.shadowRoot?.querySelector('[part=banner][open]'), {
    timeout: 10000,
  });
  if (layout) await page.evaluate((layout) => document.querySelector('consent-banner').setAttribute('layout', layout), layout);
};

/** What a visitor sees of the first layer: boxes of its parts, what scrolls, what does not fit. */
const measure = (page) =>
  page.evaluate(() => {
    const root = document.querySelector('consent-banner').shadowRoot;
    const banner = root.querySelector('[part=banner][open]');
    const box = (element) => {
      const r = element.getBoundingClientRect();
      return {top: r.top, bottom: r.bottom, left: r.left, right: r.right, width: r.width, height: r.height};
    };
    const text = banner.querySelector('#banner-text');
    const style = getComputedStyle(banner);
    const misfits = [];
    const edge = box(banner);
    for (const element of banner.querySelectorAll('button, a, h2, p')) {
      const r = box(element);
      const name = `${element.localName} “${(element.getAttribute('aria-label') ?? element.textContent).trim().slice(0, 30)}”`;
      if (element.scrollWidth > element.clientWidth + 1 && element.clientWidth)
        misfits.push(`${name}: ${element.scrollWidth} px of text in ${element.clientWidth}`);
      if (r.left < edge.left - 1 || r.right > edge.right + 1 || r.top < edge.top - 1 || r.bottom > edge.bottom + 1)
        misfits.push(`${name}: out of the banner`);
      if (r.top < -1 || r.bottom > innerHeight + 1) misfits.push(`${name}: off screen`);
    }
    if (document.documentElement.scrollWidth > innerWidth)
      misfits.push(`the page scrolls sideways (${document.documentElement.scrollWidth} px in ${innerWidth})`);
    const button = (choice) => {
      const element = banner.querySelector(`[data-choice="${choice}"]`);
      const s = getComputedStyle(element);
      return {
        ...box(element),
        part: element.getAttribute('part'),
        look: [
          s.fontSize,
          s.fontWeight,
          s.fontFamily,
          s.padding,
          s.borderWidth,
          s.borderStyle,
          s.borderColor,
          s.borderRadius,
          s.backgroundColor,
          s.color,
        ].join(' '),
        background: s.backgroundColor,
      };
    };
    return {
      banner: edge,
      content: {
        left: edge.left + parseFloat(style.paddingLeft) + parseFloat(style.borderLeftWidth),
        right: edge.right - parseFloat(style.paddingRight) - parseFloat(style.borderRightWidth),
      },
      viewport: {width: innerWidth, height: innerHeight},
      rtl: style.direction === 'rtl',
      hiddenText: text.scrollHeight - text.clientHeight,
      text: box(text),
      title: box(banner.querySelector('h2')),
      close: box(banner.querySelector('button.close, [part="close"]')),
      accept: button('accept-all'),
      reject: button('reject-all'),
      customise: button('customise'),
      misfits,
    };
  });

describe('the first layer: compact, every word in view, the choices in their order of weight', () => {
  let harness;
  before(async () => (harness = await startHarness()));
  after(() => harness?.close());

  for (const [width, height] of SIZES) {
    const size = `${width}x${height}`;
    for (const layout of LAYOUTS) {
      it(`${layout} at ${width} × ${height} in all ${UI_LANGUAGES.length} languages: R10 parity, R11/R26 every word in view${SHARE[size] ? `, at most ${SHARE[size] * 100} % of the screen (R41)` : ''}, R43 nothing clipped`, () =>
        inContext(harness, {viewport: {width, height}}, async ({page}) => {
          await open(harness, page, layout);
          // Every language measured before the verdict, so that one failure names every language that does not fit.
          const failures = [];
          for (const tag of UI_LANGUAGES) {
            await speak(page, tag);
            const seen = await measure(page);
            const where = `${layout} ${tag} ${size}`;
            try {
              assert.deepEqual(seen.misfits, [], `${where}: ${seen.misfits.join('; ')}`);
              assert.ok(seen.hiddenText <= 1, `${where}: ${seen.hiddenText} px of text scrolled out of view`);
              const share = seen.banner.height / seen.viewport.height;
              if (SHARE[size])
                assert.ok(share <= SHARE[size], `${where}: covers ${(share * 100).toFixed(1)} % of the screen (${seen.banner.height} px)`);
              // R10: Accept and Reject alike, the same box, side by side (one row, Accept first).
              const {accept, reject, customise} = seen;
              assert.equal(accept.look, reject.look, `${where}: Accept and Reject look alike`);
              assert.equal(accept.part, 'choice');
              assert.equal(reject.part, 'choice');
              assert.ok(
                Math.abs(accept.width - reject.width) < 1 && Math.abs(accept.height - reject.height) < 1,
                `${where}: ${accept.width}×${accept.height} vs ${reject.width}×${reject.height}`
              );
              assert.ok(Math.abs(accept.top - reject.top) < 1, `${where}: Accept and Reject on one row`);
              assert.ok(accept.right <= reject.left + 1 || reject.right <= accept.left + 1, `${where}: side by side`);
              // Customise: visible, the same height, never wider, quieter (not the decisions' fill), its own part.
              assert.equal(customise.part, 'customise');
              assert.ok(customise.width > 0 && customise.bottom <= seen.viewport.height + 1, `${where}: Customise in view`);
              assert.ok(
                Math.abs(customise.height - accept.height) < 1,
                `${where}: Customise ${customise.height} px high, Accept ${accept.height}`
              );
              assert.ok(customise.width <= accept.width + 1, `${where}: Customise ${customise.width} px wide, Accept ${accept.width}`);
              assert.notEqual(customise.background, accept.background, `${where}: Customise as heavy as the decisions`);
              // The × on the content grid: inside the content box's end edge (give or take its own padding), level with the title.
              // Edges along the line of text: the end is the right in English, the left in Arabic and Hebrew (negated, so that start < end).
              const [start, end] = seen.rtl ? [(box) => -box.right, (box) => -box.left] : [(box) => box.left, (box) => box.right];
              assert.ok(
                end(seen.close) <= end(seen.content) + 8 && end(seen.close) >= end(seen.content) - 1,
                `${where}: × ends at ${seen.close.left}–${seen.close.right}, the content at ${seen.content.left}–${seen.content.right}`
              );
              assert.ok(
                seen.close.top <= seen.title.top + 1 && seen.close.bottom >= seen.title.top + seen.title.height / 2,
                `${where}: × beside the title`
              );
              if (layout === 'cloud' && width >= 1280) {
                assert.ok(seen.banner.width <= 960 + 0.5, `${where}: ${seen.banner.width} px wide, more than 60 rem`);
                assert.ok(Math.abs(seen.banner.left - (seen.viewport.width - seen.banner.right)) < 1, `${where}: centred`);
                assert.ok(seen.banner.bottom < seen.viewport.height - 1, `${where}: floating above the edge`);
                assert.ok(end(seen.text) <= Math.min(start(accept), start(reject)), `${where}: the text beside the choices`);
              }
              if (layout === 'bar' && width >= 1280)
                assert.ok(end(seen.text) <= Math.min(start(accept), start(reject)), `${where}: the text beside the choices`);
              if (layout === 'bar' && size === '1280x800' && tag === 'fr')
                assert.ok(seen.banner.height <= 160, `${where}: the bar is ${seen.banner.height} px tall`);
            } catch (failure) {
              if (!(failure instanceof assert.AssertionError)) throw failure;
              failures.push(failure.message.split('\n')[0]);
            }
          }
          assert.deepEqual(failures, []);
        }));
    }
  }

  it('an unknown layout: one console warning naming it, the bar drawn, nothing run', () =>
    inContext(harness, {viewport: {width: 1280, height: 800}, manifests: dimeloWith('data-layout="sidebar"')}, async ({page, log}) => {
      await page.goto(harness.url('dimelo'), {waitUntil: 'load'});
      await page.waitForFunction(() => document.querySelector('consent-banner')?.shadowRoot?.querySelector('[part=banner][open]'), {
        timeout: 10000,
      });
      assert.equal(await page.evaluate(() => document.querySelector('consent-banner').getAttribute('layout')), 'sidebar');
      // Drawn again (a new manifest): still one warning.
      await speak(page, 'en');
      const seen = await measure(page);
      assert.equal(seen.banner.width, 1280, 'the bar: full width');
      assert.ok(seen.banner.bottom >= 799, 'the bar: at the bottom');
      assert.equal(log.warnings.filter((w) => w.includes('sidebar')).length, 1, log.warnings.join('\n'));
      assert.deepEqual(await page.evaluate(() => window.__ran ?? []), ['session']);
    }));

  for (const scheme of ['light', 'dark']) {
    it(`R42, R45 axe (${scheme}): every layout, at 1280 × 800 and 360 × 640`, async () => {
      for (const [width, height] of [
        [1280, 800],
        [360, 640],
      ]) {
        await inContext(harness, {viewport: {width, height}, media: [{name: 'prefers-color-scheme', value: scheme}]}, async ({page}) => {
          await open(harness, page);
          for (const layout of LAYOUTS) {
            await page.evaluate((layout) => document.querySelector('consent-banner').setAttribute('layout', layout), layout);
            await speak(page, 'fr');
            const result = await axe(page, 'consent-banner');
            assert.deepEqual(result.violations, [], `${layout} ${width}×${height} ${scheme}: axe violations`);
            assert.deepEqual(result.incomplete, [], `${layout} ${width}×${height} ${scheme}: contrast axe could not check`);
          }
        });
      }
    });
  }
});
