// A row added to the table of held kinds (src/core/held-kinds.ts; issue 24, "one table per fact")
// reaches the page's consumers: the drop-in, built with the dummy row of test/node/held-kinds-row.mjs
// (a kind `x-held` that holds `src`, a Trusted Types sink, with a placeholder and a child `x-part`
// that holds `href`), holds such an element and its child until consent (the gate's selector),
// puts a placeholder in its place (the placeholder kinds), gives its `src` back through the
// consent-banner Trusted Types policy and its child's `href` as it is (the sinks), all on
// "Accept all". The drop-in as built, whose table has no such row, leaves the same page alone.
import assert from 'node:assert/strict';
import {after, before, describe, it} from 'node:test';
import {build} from 'esbuild';
import {minifyAsDropIn} from '../../rollup.config.js';
import {withDummyRow} from '../node/held-kinds-row.mjs';
import {root} from '../node/load-core.mjs';
import {inContext, openDialogs, settle, startHarness, visit} from './harness.mjs';

const PAGE = '/test/e2e/pages/held-kinds-row.html';
const DUMMY_DROP_IN = '/dist/consent-banner.held-row.min.js';
const page = (dropIn) => `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>A held kind of its own</title>
  <script src="${dropIn}" data-manifest="/test/e2e/pages/gate-kinds-manifest.json"></script>
</head>
<body>
  <h1>A held kind of its own</h1>
  <x-held id="own" data-src="/row/own.svg" data-service="pixel" width="200" height="120"></x-held>
  <x-held id="parent" data-service="pixel" width="200" height="120"><x-part id="part" data-href="/row/part"></x-part></x-held>
</body>
</html>`;

/** What the page's Trusted Types policies were asked to wrap, by kind: from the first byte. */
const spyOnPolicies = (p) =>
  p.evaluateOnNewDocument(() => {
    window.__wrapped = [];
    const create = trustedTypes.createPolicy.bind(trustedTypes);
    trustedTypes.createPolicy = (name, rules) =>
      create(
        name,
        Object.fromEntries(
          Object.entries(rules).map(([kind, wrap]) => [kind, (input) => (window.__wrapped.push(`${name} ${kind} ${input}`), wrap(input))])
        )
      );
  });

const state = (p) =>
  p.evaluate(() => ({
    own: ['src', 'data-src'].map((name) => document.getElementById('own').getAttribute(name)),
    part: ['href', 'data-href'].map((name) => document.getElementById('part').getAttribute(name)),
    placeholders: [...document.querySelectorAll('consent-placeholder')].map((p) => p.nextElementSibling?.id),
    wrapped: window.__wrapped.filter((entry) => entry.startsWith('consent-banner createScriptURL')),
  }));

describe('a row added to the table of held kinds reaches the gate, its Trusted Types sinks and the placeholders', () => {
  let harness;
  let dummyDropIn;
  before(async () => {
    harness = await startHarness();
    const result = await build({
      entryPoints: [`${root}src/drop-in.ts`],
      bundle: true,
      format: 'iife',
      target: 'es2022',
      minify: true,
      write: false,
      logLevel: 'silent',
      plugins: [withDummyRow],
    });
    // Minified as the drop-in is: the files it fetches from dist/ share its short names.
    dummyDropIn = await minifyAsDropIn(result.outputFiles[0].text);
  });
  after(() => harness?.close());

  const files = (dropIn) => ({
    [PAGE]: {contentType: 'text/html', body: page(dropIn)},
    [DUMMY_DROP_IN]: {contentType: 'text/javascript', body: dummyDropIn},
  });

  it('R1, R20: with the row, the element and its child are held behind a placeholder, then released on “Accept all”, its src through the policy', () =>
    inContext(harness, {manifests: files(DUMMY_DROP_IN)}, async ({page: p, log}) => {
      await spyOnPolicies(p);
      await visit(p, `http://row.test:${harness.port}${PAGE}`);
      assert.deepEqual(await openDialogs(p), ['banner']);
      await p.waitForFunction(() => document.querySelectorAll('consent-placeholder').length === 2);
      assert.deepEqual(await state(p), {
        own: [null, '/row/own.svg'],
        part: [null, '/row/part'],
        placeholders: ['own', 'parent'],
        wrapped: [],
      });

      await p.evaluate(() => window.consentBanner.acceptAll());
      await settle(p);
      assert.deepEqual(await state(p), {
        own: ['/row/own.svg', null],
        part: ['/row/part', null],
        placeholders: [],
        wrapped: ['consent-banner createScriptURL /row/own.svg'],
      });
      assert.deepEqual(log.errors, []);
    }));

  it('without the row (the drop-in as built), the same elements are nothing to the gate: no placeholder, nothing released', () =>
    inContext(harness, {manifests: files('/dist/consent-banner.min.js')}, async ({page: p}) => {
      await spyOnPolicies(p);
      await visit(p, `http://row.test:${harness.port}${PAGE}`);
      await p.evaluate(() => window.consentBanner.acceptAll());
      await settle(p);
      assert.deepEqual(await state(p), {own: [null, '/row/own.svg'], part: [null, '/row/part'], placeholders: [], wrapped: []});
    }));
});
