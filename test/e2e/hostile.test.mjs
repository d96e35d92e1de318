// Hostile manifests, through the drop-in on a page (README "Security"): markup, script and
// template syntax in texts are shown as text (no element injected, no dialog, nothing run); what
// breaks the limits or the rules is refused with one clear error, fail closed, and the page goes on.
import assert from 'node:assert/strict';
import {readFileSync} from 'node:fs';
import {after, before, describe, it} from 'node:test';
import {clickButton, inContext, openAllDetails, openDialogs, ran, settle, startHarness, visit} from './harness.mjs';
import {root} from '../node/load-core.mjs';

const MANIFEST = '/test/e2e/pages/shop-manifest.json';
const shop = () => JSON.parse(readFileSync(`${root}test/e2e/pages/shop-manifest.json`, 'utf8'));
const ownErrors = (log) => log.errors.filter((e) => e.startsWith('consent-banner:'));

/** What a hostile author may write; each must reach the visitor as these very characters. */
const HOSTILE = {
  site: '<img src=x onerror="window.pwned=1;alert(1)">Shop',
  title: '<script>window.pwned=2</script>Perf',
  description: '</style><style>*{display:none}</style>Stats &amp; more',
  service: '<a href="javascript:window.pwned=3">GA</a>',
  provider: '"><svg onload=alert(4)>',
  purpose: "{{constructor.constructor('alert(5)')()}} ${alert(6)}",
  isolated: 'Partner \u2067שותף\u2069 Ltd',
  long: '<b>x</b>'.repeat(1250),
};

/** Clicks (a real mouse click) the preferences' button marked `data-choice="<choice>"`, never found by its words. */
async function clickInPreferences(page, choice) {
  const handle = await page.waitForFunction(
    (name) => document.querySelector('consent-banner')?.shadowRoot?.querySelector(`[part=preferences][open] button[data-choice="${name}"]`),
    {timeout: 5000},
    choice
  );
  await handle.asElement().click();
}

const INJECTED = 'img, script, svg, iframe, object, embed, style, link, a[href^="javascript"], [onerror], [onload], b';

describe('hostile manifests through the drop-in', () => {
  let harness;
  before(async () => (harness = await startHarness()));
  after(() => harness?.close());
  const url = () => `http://shop.test:${harness.port}/test/e2e/pages/shop.html`;

  it('§7: markup, script and template syntax in texts render as inert text: nothing injected, no dialog, nothing run', () => {
    const manifest = shop();
    manifest.site.name = HOSTILE.site;
    manifest.categories[1].title = {en: HOSTILE.title, fr: HOSTILE.title};
    manifest.categories[1].description = HOSTILE.description;
    manifest.categories[2].description = HOSTILE.long;
    manifest.services[1].name = HOSTILE.service;
    manifest.services[1].provider = HOSTILE.provider;
    manifest.services[1].cookies[0].purpose = HOSTILE.purpose;
    manifest.services[2].provider = HOSTILE.isolated;
    return inContext(harness, {manifests: {[MANIFEST]: manifest}}, async ({page, log}) => {
      const dialogs = [];
      page.on('dialog', (dialog) => (dialogs.push(dialog.message()), dialog.dismiss()));
      await visit(page, url());
      assert.deepEqual(await openDialogs(page), ['banner']);
      await page.evaluate(() => window.consentBanner.showPreferences());
      await page.waitForFunction(() => document.querySelector('consent-banner').shadowRoot.querySelector('[part=preferences][open] h3'));
      await openAllDetails(page);
      const seen = await page.evaluate((selector) => {
        const shadow = document.querySelector('consent-banner').shadowRoot;
        return {text: shadow.textContent, injected: [...shadow.querySelectorAll(selector)].map((e) => e.outerHTML.slice(0, 80))};
      }, INJECTED);
      for (const [what, value] of Object.entries(HOSTILE)) assert.ok(seen.text.includes(value), `the ${what} is shown as written`);
      assert.deepEqual(seen.injected, []);
      assert.equal(await page.evaluate(() => document.querySelectorAll('body img, body svg, body b').length), 0);
      assert.deepEqual(dialogs, []);
      assert.equal(await page.evaluate(() => window.pwned), undefined);
      assert.deepEqual(await ran(page), ['session']);
      assert.deepEqual(ownErrors(log), []);
      // Still in charge: a real click on "Reject all" works.
      await clickInPreferences(page, 'reject-all');
      await settle(page);
      assert.deepEqual(await openDialogs(page), []);
      assert.equal(await page.evaluate(() => window.consentBanner.consent.method), 'reject-all');
    });
  });

  it(`a manifest at the limit of 1,000 services opens its preferences, and the page answers`, () => {
    const manifest = shop();
    for (let i = 0; i < 996; i++)
      manifest.services.push({id: `partner-${i}`, name: `Partner ${i}`, category: 'social', cookies: [{name: `p${i}`, duration: 'P1D'}]});
    assert.equal(manifest.services.length, 1000);
    return inContext(harness, {manifests: {[MANIFEST]: manifest}}, async ({page, log}) => {
      await visit(page, url());
      await clickButton(page, 'customise');
      await page.waitForFunction(() => document.querySelector('consent-banner').shadowRoot.querySelector('[part=preferences][open]'));
      // Each category's services are drawn when it is unfolded: here, the 996 partners and their kin.
      const social = manifest.services.filter((s) => s.category === 'social').length;
      await page.click('consent-banner >>> section[aria-labelledby="category-social"] button[aria-expanded]');
      await page.waitForFunction(
        (count) =>
          document
            .querySelector('consent-banner')
            .shadowRoot.querySelectorAll('[part=preferences][open] details:not(:has(> summary[data-category]))').length === count,
        {},
        social
      );
      await clickInPreferences(page, 'reject-all');
      await settle(page);
      assert.deepEqual(await openDialogs(page), []);
      assert.deepEqual(await ran(page), ['session']);
      assert.deepEqual(ownErrors(log), []);
    });
  });

  // [what, the manifest's JSON text (a function of the shop's), the error]
  const refused = [
    [
      'a 100,000-character string',
      (m) => ((m.site.name = 'A'.repeat(100_000)), JSON.stringify(m)),
      /site\.name: must be at most 10000 characters, got 100000/,
    ],
    [
      '10,000 services',
      (m) => ((m.services = Array.from({length: 10_000}, (_, i) => ({id: `s${i}`, name: 'S', category: 'social'}))), JSON.stringify(m)),
      /services: must have at most 1000 items, got 10000/,
    ],
    [
      '100,000 levels of nesting',
      (m) => JSON.stringify(m).replace('"version":1', `"version":${'['.repeat(100_000)}${']'.repeat(100_000)}`),
      /version: must be 1, got a list/,
    ],
    [
      'a direction override (U+202E)',
      (m) => ((m.services[1].name = 'Google \u202Escitylana'), JSON.stringify(m)),
      /services\[1\]\.name: must not hold Unicode direction overrides/,
    ],
    [
      'a __proto__ key',
      (m) =>
        JSON.stringify(m).replace('{"id":"google-analytics"', '{"__proto__":{"polluted":true,"basis":"necessary"},"id":"google-analytics"'),
      /services\[1\]\.__proto__: is not a known field/,
    ],
    [
      'a service with the id "constructor"',
      (m) => ((m.services[1].id = 'constructor'), JSON.stringify(m)),
      /services\[1\]\.id: "constructor" is reserved/,
    ],
    [
      'a data: policy URL',
      (m) => ((m.services[1].policyUrl = 'data:text/html,<script>alert(1)</script>'), JSON.stringify(m)),
      /services\[1\]\.policyUrl: must be an http\(s\) URL/,
    ],
  ];
  for (const [name, make, message] of refused) {
    it(`§7: ${name} is refused with one clear error; nothing runs, nothing is polluted, the page goes on`, () =>
      inContext(harness, {manifests: {[MANIFEST]: {body: make(shop())}}}, async ({page, log}) => {
        await visit(page, url());
        const errors = ownErrors(log);
        assert.equal(errors.length, 1, JSON.stringify(log.errors));
        assert.match(errors[0], message);
        assert.ok(errors[0].length < 600, 'the message stays short');
        assert.deepEqual(await ran(page), []);
        assert.deepEqual(await openDialogs(page), []);
        assert.deepEqual(await page.evaluate(() => [typeof {}.polluted, typeof {}.basis, window.ownScript]), ['undefined', 'undefined', 1]);
      }));
  }
});
