// The drop-in is a loader: the UI (banner, preferences, placeholders) is fetched from beside it
// only when something must be shown, and released scripts never wait for it (issue 5). Each view
// is one file for every language; the words are two files per language (the first layer's, the
// other views'), each fetched beside the view that needs it, never after it (issue 24).
import assert from 'node:assert/strict';
import {readFileSync} from 'node:fs';
import {after, before, describe, it} from 'node:test';
import {root} from '../node/load-core.mjs';
import {clickButton, inContext, openDialogs, ran, settle, startHarness, visit} from './harness.mjs';

const LOADER = '/dist/consent-banner.min.js';
// The session (the full check, the views drawn).
const SESSION = '/dist/consent-banner-session.min.js';
// The first layer, in no language: its words come beside it, one file per language (the demo
// sites speak French, the inline test page English).
const FIRST_LAYER = '/dist/consent-banner-first-layer.min.js';
const WORDS = '/dist/consent-banner-words.fr.min.js';
const WORDS_EN = '/dist/consent-banner-words.en.min.js';
// The words of the other views (the preferences, the placeholders), beside them: a second file.
const OTHER_WORDS = '/dist/consent-banner-other-words.fr.min.js';
// The placeholders of blocked embeds (Dimelo's page has a YouTube video).
const EMBEDS = '/dist/consent-banner-embeds.min.js';
const PREFERENCES = '/dist/consent-banner-preferences.min.js';
// What records a decision: fetched as the visitor reaches for a choice, or opens the preferences.
const RECORDER = '/dist/consent-banner-recorder.min.js';
// Google Consent Mode, for the manifests that map it (Dimelo's does), before the gate starts.
const MODE = '/dist/consent-banner-mode.min.js';
// Fetched in parallel: in whatever order they went out.
const ours = (log) => log.requests.filter((path) => path.startsWith('/dist/')).sort();
const files = (...paths) => paths.sort();
// The re-open control, with the words of its language, once the visitor has answered.
const REOPEN = '/dist/consent-banner-reopen.min.js';
// The demo pages show the re-open control (`data-reopen`, issue 26), which a returning visitor
// then fetches: the counts of what a page without it costs are taken on the same page without it.
const withoutReopen = (site) => {
  const path = `/demo/${site}/index.html`;
  const body = readFileSync(`${root}demo/${site}/index.html`, 'utf8');
  assert.ok(body.includes(' data-reopen>'), `${path} shows the re-open control`);
  return {[path]: {contentType: 'text/html', body: body.replace(' data-reopen>', '>')}};
};

describe('the loader and its lazily loaded UI', () => {
  let harness;
  before(async () => (harness = await startHarness()));
  after(() => harness?.close());

  it('a site that needs no banner downloads the loader only (without the re-open control)', () =>
    inContext(harness, {manifests: withoutReopen('linkello')}, async ({page, log}) => {
      await visit(page, harness.url('linkello'));
      assert.deepEqual(ours(log), [LOADER]);
      assert.deepEqual(await ran(page), ['session', 'matomo']);
    }));

  it('with data-reopen, a site that needs no banner adds the re-open control and its words, nothing else', () =>
    inContext(harness, {}, async ({page, log}) => {
      await visit(page, harness.url('linkello'));
      assert.deepEqual(ours(log), files(LOADER, REOPEN, WORDS));
      assert.deepEqual(await ran(page), ['session', 'matomo']);
    }));

  it('a first visit fetches the UI once and shows the banner; a returning visitor fetches no UI (Dimelo: the loader and Consent Mode), or with data-reopen its control alone', () =>
    inContext(harness, {manifests: withoutReopen('dimelo')}, async ({page, log}) => {
      await visit(page, harness.url('dimelo'));
      assert.deepEqual(ours(log), files(LOADER, MODE, SESSION, FIRST_LAYER, WORDS, EMBEDS, OTHER_WORDS));
      assert.deepEqual(await openDialogs(page), ['banner']);
      await clickButton(page, 'accept-all');
      await settle(page);
      log.requests.length = 0;
      await visit(page, harness.url('dimelo'));
      assert.deepEqual(ours(log), files(LOADER, MODE));
      assert.deepEqual(await openDialogs(page), []);
      assert.ok((await ran(page)).includes('google-analytics'));
    }).then(() =>
      inContext(harness, {}, async ({page, log}) => {
        await visit(page, harness.url('dimelo'));
        await clickButton(page, 'accept-all');
        await settle(page);
        log.requests.length = 0;
        await visit(page, harness.url('dimelo'));
        assert.deepEqual(ours(log), files(LOADER, MODE, REOPEN, WORDS));
      })
    ));

  it('the “Cookie settings” link of a returning visitor fetches the recorder and the preferences (not the first layer) and opens them', () =>
    inContext(harness, {manifests: withoutReopen('linkello')}, async ({page, log}) => {
      await visit(page, harness.url('linkello'));
      await page.click('a[data-consent-open]');
      await page.waitForFunction(() => document.querySelector('consent-banner').shadowRoot.querySelector('[part=preferences][open]'));
      assert.deepEqual(ours(log), files(LOADER, SESSION, PREFERENCES, WORDS, OTHER_WORDS, RECORDER));
    }));

  for (const [view, page] of [
    [FIRST_LAYER, 'dimelo'],
    [PREFERENCES, 'linkello'],
  ]) {
    it(`the words are fetched beside the view that needs them, never after it (${view.split('/').pop()})`, () => {
      let letViewThrough;
      const viewHeld = new Promise((resolve) => (letViewThrough = resolve));
      return inContext(harness, {manifests: {[view]: () => viewHeld}}, async ({page: tab, log}) => {
        if (view === PREFERENCES) {
          await visit(tab, harness.url(page));
          await tab.click('a[data-consent-open]');
        } else await tab.goto(harness.url(page), {waitUntil: 'load'});
        // The view is held back: its words are asked for all the same (the preferences take both files).
        const words = view === PREFERENCES ? [WORDS, OTHER_WORDS] : [WORDS];
        for (
          const start = Date.now();
          !words.every((file) => log.requests.includes(file));
          await new Promise((resolve) => setTimeout(resolve, 20))
        ) {
          assert.ok(Date.now() - start < 5000, `no words asked for while the view was held: ${log.requests.join(', ')}`);
        }
        letViewThrough(undefined);
        const dialog = view === PREFERENCES ? '[part=preferences][open]' : '[part=banner][open]';
        await tab.waitForFunction(
          (selector) => document.querySelector('consent-banner').shadowRoot.querySelector(selector),
          {timeout: 5000},
          dialog
        );
      });
    });
  }

  it('released scripts do not wait for the UI: the necessary session script runs while the UI is still on its way', () => {
    let letUiThrough;
    const uiHeld = new Promise((resolve) => (letUiThrough = resolve));
    return inContext(harness, {manifests: {[FIRST_LAYER]: () => uiHeld}}, async ({page}) => {
      await page.goto(harness.url('dimelo'), {waitUntil: 'load'});
      await page.waitForFunction(() => window.__ran?.includes('session'), {timeout: 5000});
      assert.deepEqual(await openDialogs(page), []);
      letUiThrough(undefined);
      await page.waitForFunction(() => document.querySelector('consent-banner').shadowRoot.querySelector('[part=banner][open]'), {
        timeout: 5000,
      });
      assert.deepEqual(await ran(page), ['session']);
    });
  });

  for (const [missing, name] of [
    [FIRST_LAYER, /consent-banner-first-layer\.min\.js/],
    [WORDS, /consent-banner-words\.fr\.min\.js/],
  ]) {
    it(`a UI that cannot be fetched fails closed: one clear console error, necessary scripts run, nothing else (${missing.split('/').pop()})`, () =>
      inContext(harness, {manifests: {[missing]: {status: 404, body: 'not found', contentType: 'text/plain'}}}, async ({page, log}) => {
        await visit(page, harness.url('dimelo'));
        assert.deepEqual(await ran(page), ['session']);
        assert.deepEqual(await openDialogs(page), []);
        const ours = log.errors.filter((e) => e.startsWith('consent-banner:'));
        assert.equal(ours.length, 1, log.errors.join('\n'));
        assert.match(ours[0], /cannot load the banner's UI/);
        assert.match(ours[0], name);
      }));
  }

  it('an inline manifest costs no request: the loader, then the recorder and the first layer in the page’s language, nothing else of ours', () =>
    inContext(harness, {}, async ({page, log}) => {
      await visit(page, `http://inline.test:${harness.port}/test/e2e/pages/inline-drop-in.html`);
      assert.deepEqual(ours(log), files(LOADER, SESSION, FIRST_LAYER, WORDS_EN));
      assert.ok(!log.requests.some((path) => path.endsWith('.json')), 'a manifest was requested');
      assert.deepEqual(await ran(page), ['session']);
      assert.deepEqual(await openDialogs(page), ['banner']);
    }));
});
