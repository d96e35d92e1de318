// A blocked embed's placeholder (issue 26): its message and button centred in the box at any
// size, and at 320 × 180 (Dimelo's YouTube frame) in every built-in language nothing clipped: the
// box scrolls neither way and the button lies whole inside it. The purpose (a category's title) is
// a label of its own, not a word dropped into the sentence.
import assert from 'node:assert/strict';
import {readFileSync} from 'node:fs';
import {after, before, describe, it} from 'node:test';
import {loadCore, root} from '../node/load-core.mjs';
import {inContext, startHarness, visit} from './harness.mjs';

const PAGE = '/demo/dimelo/index.html';
const HTML = readFileSync(`${root}demo/dimelo/index.html`, 'utf8');
const {UI_LANGUAGES} = await loadCore('src/core/language.ts');

/** Dimelo's page in `lang`, its YouTube frame `width` × `height`. */
const page = (lang, width, height) => ({
  [PAGE]: {
    contentType: 'text/html',
    body: HTML.replace('data-manifest="cookie-manifest.json"', `data-manifest="cookie-manifest.json" data-lang="${lang}"`).replace(
      'width="320" height="180"',
      `width="${width}" height="${height}"`
    ),
  },
});

async function measure(page) {
  await page.waitForFunction(() => document.querySelector('consent-placeholder')?.shadowRoot?.querySelector('button'));
  return page.evaluate(() => {
    const root = document.querySelector('consent-placeholder').shadowRoot;
    const box = root.querySelector('[part="base"]');
    const rect = (element) => element.getBoundingClientRect().toJSON();
    return {
      lang: box.lang,
      scroll: [box.scrollWidth, box.clientWidth, box.scrollHeight, box.clientHeight],
      box: rect(box),
      text: rect(root.querySelector('p')),
      button: rect(root.querySelector('button')),
      buttonScroll: [root.querySelector('button').scrollWidth, root.querySelector('button').clientWidth],
      purpose: root.querySelector('p .purpose')?.textContent,
    };
  });
}

const inside = (inner, outer) =>
  inner.left >= outer.left && inner.right <= outer.right && inner.top >= outer.top && inner.bottom <= outer.bottom;

describe('the placeholder of a blocked embed', () => {
  let harness;
  before(async () => (harness = await startHarness()));
  after(() => harness?.close());

  for (const lang of UI_LANGUAGES) {
    it(`${lang}, 320 × 180: nothing clipped, the button whole inside the box, all centred`, () =>
      inContext(harness, {manifests: page(lang, 320, 180), viewport: {width: 1280, height: 800}}, async ({page}) => {
        await visit(page, harness.url('dimelo'));
        const seen = await measure(page);
        assert.equal(seen.lang, lang);
        const [scrollWidth, clientWidth, scrollHeight, clientHeight] = seen.scroll;
        assert.ok(scrollWidth <= clientWidth, `the box scrolls sideways: ${scrollWidth} > ${clientWidth}`);
        assert.ok(scrollHeight <= clientHeight, `the box scrolls: ${scrollHeight} > ${clientHeight}`);
        assert.ok(seen.buttonScroll[0] <= seen.buttonScroll[1], 'the button’s text overflows it');
        assert.ok(inside(seen.button, seen.box), `the button ${JSON.stringify(seen.button)} outside the box ${JSON.stringify(seen.box)}`);
        assert.equal(Math.round(seen.box.width), 320);
        assert.equal(Math.round(seen.box.height), 180);
        assert.ok(seen.purpose, 'the purpose as a label');
      }));
  }

  for (const [width, height] of [
    [320, 180],
    [560, 315],
    [800, 450],
  ]) {
    it(`${width} × ${height}: the message and the button centred, across and down`, () =>
      inContext(harness, {manifests: page('en', width, height), viewport: {width: 1280, height: 800}}, async ({page}) => {
        await visit(page, harness.url('dimelo'));
        const {box, text, button} = await measure(page);
        const middle = box.left + box.width / 2;
        for (const [name, r] of [
          ['message', text],
          ['button', button],
        ]) {
          assert.ok(Math.abs(r.left + r.width / 2 - middle) <= 1, `${name} off centre: ${r.left + r.width / 2} vs ${middle}`);
        }
        const above = text.top - box.top;
        const below = box.bottom - button.bottom;
        assert.ok(Math.abs(above - below) <= 1, `not centred down: ${above} above, ${below} below`);
      }));
  }

  it('R20: a picture of the page’s origin (`data-placeholder-image`) fills the box behind the centred message, which stays readable and clickable', () =>
    inContext(harness, {viewport: {width: 1280, height: 800}}, async ({page, log}) => {
      await visit(page, harness.url('dimelo'));
      await page.waitForFunction(
        () => document.querySelector('consent-placeholder')?.shadowRoot?.querySelector('[part="image"]')?.complete
      );
      const seen = await page.evaluate(() => {
        const root = document.querySelector('consent-placeholder').shadowRoot;
        const box = root.querySelector('[part="base"]').getBoundingClientRect();
        const image = root.querySelector('[part="image"]');
        const rect = image.getBoundingClientRect();
        const button = root.querySelector('button').getBoundingClientRect();
        const text = root.querySelector('p');
        return {
          src: image.src,
          alt: image.alt,
          loaded: image.naturalWidth > 0,
          covers: Math.abs(rect.width - box.width) <= 2 && Math.abs(rect.height - box.height) <= 2,
          onTop: root.querySelector('button').contains(root.elementFromPoint(button.left + button.width / 2, button.top + 4)),
          textBackground: getComputedStyle(text).backgroundColor,
        };
      });
      assert.equal(seen.src, `http://dimelo.test:${harness.port}/demo/dimelo/video-poster.svg`);
      assert.equal(seen.alt, '', 'a decorative picture');
      assert.ok(seen.loaded && seen.covers, JSON.stringify(seen));
      assert.ok(seen.onTop, 'the button is under the picture');
      assert.doesNotMatch(seen.textBackground, /rgba\(.*, 0\)|transparent/, 'the message has no background of its own over the picture');
      assert.deepEqual(log.warnings, []);
    }));

  for (const [what, image] of [
    ['another origin (a video platform’s thumbnail)', (port) => `http://img.youtube.test:${port}/vi/abc123/hqdefault.jpg`],
    ['another origin, protocol-relative', (port) => `//img.youtube.test:${port}/vi/abc123/hqdefault.jpg`],
    ['not a URL', () => 'http://['],
  ]) {
    it(`R1, R20: a placeholder picture of ${what}: one warning naming it, no picture, no request`, () =>
      inContext(
        harness,
        {
          manifests: {
            [PAGE]: {
              contentType: 'text/html',
              body: HTML.replace('data-placeholder-image="video-poster.svg"', `data-placeholder-image="${image(harness.port)}"`),
            },
          },
        },
        async ({page, log}) => {
          const requested = [];
          page.on('request', (request) => requested.push(request.url()));
          await visit(page, harness.url('dimelo'));
          await page.waitForFunction(() => document.querySelector('consent-placeholder')?.shadowRoot?.querySelector('button'));
          assert.equal(
            await page.evaluate(() => document.querySelector('consent-placeholder').shadowRoot.querySelector('[part="image"], img')),
            null
          );
          const warnings = log.warnings.filter((w) => w.includes('data-placeholder-image'));
          assert.equal(warnings.length, 1, log.warnings.join('\n'));
          assert.ok(warnings[0].includes(image(harness.port)), warnings[0]);
          assert.deepEqual(
            requested.filter((url) => !url.startsWith(`http://dimelo.test:${harness.port}/`)),
            []
          );
        }
      ));
  }
});
