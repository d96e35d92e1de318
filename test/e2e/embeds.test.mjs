// Blocked embeds keep their box (docs/rules.md R20: consent at the point of use, without moving the page).
// The placeholder of src/ui/consent-placeholder.ts takes the blocked iframe's own box, so swapping
// it in, and the iframe back when it is released, shifts nothing: the layout shifts Chromium
// reports (CLS) stay at 0, and the text beside the iframe and the page's own button stay where they
// were. The page is test/e2e/pages/embeds.html, served under a CSP without unsafe-inline.
import assert from 'node:assert/strict';
import {after, before, describe, it} from 'node:test';
import {inContext, startHarness, visit} from './harness.mjs';

const PAGE = '/test/e2e/pages/embeds.html';
const NONCE = 'embeds-test-nonce';
// The page speaks English: the placeholders' file the loader fetches for it (the embeds view).
const UI = '/dist/consent-banner-embeds.min.js';

const CSP = ["default-src 'self'", "script-src 'self'", `style-src 'self' 'nonce-${NONCE}'`, "frame-src 'self'", "connect-src 'self'"].join(
  '; '
);

/** From the first byte: CSP violations and every layout shift, in `window.__shifts`. */
const watch = (page) =>
  page.evaluateOnNewDocument(() => {
    window.__violations = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(`${e.effectiveDirective} ${e.sample}`));
    window.__shifts = [];
    window.__shiftObserver = new PerformanceObserver((list) => window.__shifts.push(...list.getEntries()));
    window.__shiftObserver.observe({type: 'layout-shift', buffered: true});
  });

/**
 * After two frames (what changed is laid out, painted and reported): the layout shifts so far (CLS
 * = the sum of their values, less those right after an input), what stands in each iframe's place
 * (the placeholder or the iframe itself) and the boxes of that, of the text beside the fixed iframe
 * and of the page's own button.
 */
const layout = (page) =>
  page.evaluate(async () => {
    await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
    window.__shifts.push(...window.__shiftObserver.takeRecords());
    const box = (element) => {
      const {x, y, width, height} = element.getBoundingClientRect();
      return {x, y, width, height};
    };
    const shown = (id) => {
      const frame = document.getElementById(id);
      const placeholder = frame.previousElementSibling;
      return placeholder?.localName === 'consent-placeholder' ? placeholder : frame;
    };
    const ids = ['fixed', 'responsive'];
    return {
      cls: window.__shifts.filter((e) => !e.hadRecentInput).reduce((sum, e) => sum + e.value, 0),
      shifts: window.__shifts.map((e) => `${e.value} at ${Math.round(e.startTime)} ms${e.hadRecentInput ? ' (input)' : ''}`),
      showing: Object.fromEntries(ids.map((id) => [id, shown(id).localName])),
      rects: {
        ...Object.fromEntries(ids.map((id) => [id, box(shown(id))])),
        before: box(document.getElementById('before')),
        after: box(document.getElementById('after')),
        button: box(document.getElementById('own')),
      },
      violations: window.__violations,
    };
  });

const placeholders = (page, count) =>
  page.waitForFunction((n) => document.querySelectorAll('consent-placeholder').length === n, {timeout: 5000}, count);

describe('embeds keep their box: no layout shift when the placeholder stands in or the embed loads', () => {
  let harness;
  let url;
  /** The page as it is when the UI cannot come (it fails closed): the empty iframes, in their own boxes. */
  let reference;
  before(async () => {
    harness = await startHarness();
    url = `http://news.test:${harness.port}${PAGE}?csp=${encodeURIComponent(CSP)}`;
    reference = await inContext(
      harness,
      {manifests: {[UI]: {status: 404, body: 'not found', contentType: 'text/plain'}}},
      async ({page}) => {
        await watch(page);
        await visit(page, url);
        return layout(page);
      }
    );
    assert.deepEqual(reference.showing, {fixed: 'iframe', responsive: 'iframe'});
    // The fixed iframe: 320 × 180 and the browser's 2 px border; the responsive one: 300 px wide, 16 / 9.
    assert.deepEqual([reference.rects.fixed.width, reference.rects.fixed.height], [324, 184]);
    assert.deepEqual([reference.rects.responsive.width, reference.rects.responsive.height], [300, 168.75]);
    // The text beside the fixed iframe is on its line.
    assert.equal(reference.rects.before.y, reference.rects.after.y);
  });
  after(() => harness?.close());

  it('R20 (a) the placeholder stands in the iframe’s own box: CLS 0, the text beside it and the page’s button do not move, under a CSP without unsafe-inline', () =>
    inContext(harness, {}, async ({page}) => {
      await watch(page);
      await visit(page, url);
      await placeholders(page, 2);
      const now = await layout(page);
      assert.deepEqual(now.showing, {fixed: 'consent-placeholder', responsive: 'consent-placeholder'});
      assert.equal(now.cls, 0, now.shifts.join(', '));
      assert.deepEqual(now.rects, reference.rects);
      // Inline like the iframe was (its baseline where the iframe's was: the text beside it did not move).
      const display = await page.$$eval('consent-placeholder', (all) => all.map((p) => getComputedStyle(p).display));
      assert.deepEqual(display, ['inline-block', 'block']);
      assert.deepEqual(now.violations, []);
    }));

  it('R20 (b) before the UI arrives the empty iframe holds its box, and the placeholder that replaces it keeps it: CLS 0, nothing moves', () => {
    let asked;
    const requested = new Promise((resolve) => (asked = resolve));
    let letThrough;
    const held = new Promise((resolve) => (letThrough = resolve));
    const hold = () => {
      asked();
      return held;
    };
    return inContext(harness, {manifests: {[UI]: hold}}, async ({page}) => {
      await watch(page);
      await page.goto(url, {waitUntil: 'load'});
      await requested;
      const waiting = await layout(page);
      assert.deepEqual(waiting.showing, {fixed: 'iframe', responsive: 'iframe'});
      assert.deepEqual(waiting.rects, reference.rects);
      letThrough(undefined);
      await placeholders(page, 2);
      const now = await layout(page);
      assert.deepEqual(now.showing, {fixed: 'consent-placeholder', responsive: 'consent-placeholder'});
      assert.equal(now.cls, 0, now.shifts.join(', '));
      assert.deepEqual(now.shifts, []);
      assert.deepEqual(now.rects, waiting.rects);
      assert.deepEqual(now.violations, []);
    });
  });

  it('R20 (c) accepting with the placeholder’s button loads the iframe in the same box: CLS 0, nothing moves, the iframe is as it was', () =>
    inContext(harness, {}, async ({page}) => {
      await watch(page);
      await visit(page, url);
      await placeholders(page, 2);
      const blocked = await layout(page);
      // A click from script, not a real one: shifts right after an input would not count in CLS.
      await page.$eval('consent-placeholder', (p) => p.shadowRoot.querySelector('button').click());
      await page.waitForFunction(
        () => !document.querySelector('consent-placeholder') && (window.__ran ?? []).filter((id) => id === 'youtube').length === 2,
        {
          timeout: 5000,
        }
      );
      const loaded = await layout(page);
      assert.deepEqual(loaded.showing, {fixed: 'iframe', responsive: 'iframe'});
      assert.equal(loaded.cls, 0, loaded.shifts.join(', '));
      assert.deepEqual(loaded.shifts, []);
      assert.deepEqual(loaded.rects, blocked.rects);
      assert.deepEqual(loaded.rects, reference.rects);
      // What standIn() set is gone: shown, no inline style left, its own display back.
      const frames = await page.$$eval('iframe', (all) =>
        all.map((f) => [f.hidden, f.style.cssText, getComputedStyle(f).display, f.hasAttribute('src')])
      );
      assert.deepEqual(frames, [
        [false, '', 'inline', true],
        [false, '', 'block', true],
      ]);
      assert.deepEqual(loaded.violations, []);
    }));

  it('R20 (d) a responsive iframe’s placeholder keeps its width and its 16 / 9 ratio, and follows a narrower column; the iframe loads in that box', () =>
    inContext(harness, {}, async ({page}) => {
      await watch(page);
      await visit(page, url);
      await placeholders(page, 2);
      const wide = await layout(page);
      assert.deepEqual(wide.rects.responsive, reference.rects.responsive);
      assert.equal(wide.cls, 0, wide.shifts.join(', '));
      // The page narrows the column (the page's own doing: this shift is not ours).
      await page.$eval('#column', (column) => column.style.setProperty('width', '200px'));
      const narrow = await layout(page);
      assert.deepEqual([narrow.rects.responsive.width, narrow.rects.responsive.height], [200, 112.5]);
      const shiftsSoFar = narrow.shifts.length;
      await page.$eval('consent-placeholder', (p) => p.shadowRoot.querySelector('button').click());
      await page.waitForFunction(() => !document.querySelector('consent-placeholder'), {timeout: 5000});
      const loaded = await layout(page);
      assert.deepEqual(loaded.showing.responsive, 'iframe');
      assert.deepEqual(loaded.shifts.slice(shiftsSoFar), []);
      assert.deepEqual(loaded.rects, narrow.rects);
    }));

  it('R20, R44 (e) in a box too small for its text, the placeholder’s text scrolls inside that box and its button stays whole and reachable', () =>
    inContext(harness, {}, async ({page}) => {
      await watch(page);
      await visit(page, url);
      await placeholders(page, 2);
      // An embed the page adds later, smaller than the placeholder's text (the gate sees it too).
      await page.evaluate(() => {
        const frame = document.createElement('iframe');
        frame.id = 'small';
        frame.title = 'A short clip (YouTube)';
        frame.width = '160';
        frame.height = '90';
        frame.dataset.src = '/demo/trackers/youtube-embed.html?clip=3';
        frame.dataset.service = 'youtube';
        document.getElementById('own').before(frame);
      });
      await placeholders(page, 3);
      const small = await page.$eval('#small', async (frame) => {
        const placeholder = frame.previousElementSibling;
        const inner = placeholder.shadowRoot.querySelector('[part~="base"]');
        const text = placeholder.shadowRoot.querySelector('p');
        const button = placeholder.shadowRoot.querySelector('button');
        button.scrollIntoView({block: 'nearest'});
        await new Promise((resolve) => requestAnimationFrame(resolve));
        const {width, height} = placeholder.getBoundingClientRect();
        const target = button.getBoundingClientRect();
        const view = inner.getBoundingClientRect();
        return {
          box: [width, height],
          // Its text scrolls (issue 25: the button stays below it); the box may scroll too, when
          // even the smaller type of a small box (issue 26) does not fit.
          scrolls:
            getComputedStyle(text).overflowY === 'auto' &&
            text.scrollHeight > text.clientHeight &&
            getComputedStyle(inner).overflowY === 'auto',
          target: [target.width >= 24, target.height >= 24],
          whole: target.left >= view.left && target.right <= view.right && target.top >= view.top && target.bottom <= view.bottom,
        };
      });
      assert.deepEqual(small, {box: [164, 94], scrolls: true, target: [true, true], whole: true});
    }));
});
