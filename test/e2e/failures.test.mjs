// When anything is wrong, fail closed: nothing that needs consent runs, one clear console error
// names the problem (and its JSON path), consent-error fires, and the page keeps working.
import assert from 'node:assert/strict';
import {after, before, describe, it} from 'node:test';
import {a11yNodes, inContext, openDialogs, ran, readManifest, startHarness, visit} from './harness.mjs';

const MANIFEST = '/demo/dimelo/cookie-manifest.json';
const ownErrors = (log) => log.errors.filter((e) => e.startsWith('consent-banner:'));

describe('failures and hostile input', () => {
  let harness;
  before(async () => (harness = await startHarness()));
  after(() => harness?.close());

  const withPage = (routes, body) =>
    inContext(harness, {manifests: routes}, async (context) => {
      await visit(context.page, harness.url('dimelo'));
      await body(context);
    });

  const broken = (m) => {
    const manifest = readManifest('dimelo');
    m(manifest);
    return manifest;
  };

  const cases = [
    [
      'a missing manifest (404)',
      {status: 404, body: 'Not found', contentType: 'text/plain'},
      /could not load cookie-manifest\.json \(HTTP 404\)/,
    ],
    ['a server error (500)', {status: 500, body: 'oops', contentType: 'text/plain'}, /could not load cookie-manifest\.json \(HTTP 500\)/],
    [
      'a manifest that is not JSON',
      {body: '<html>login</html>', contentType: 'application/json'},
      /cookie-manifest\.json is not valid JSON/,
    ],
    ['a truncated manifest', {body: JSON.stringify(readManifest('dimelo')).slice(0, 500)}, /is not valid JSON/],
    [
      'a manifest that breaks the schema',
      broken((m) => (m.categories[2].basis = 'legitimate-interest')),
      /categories\[2\]\.basis: must be one of consent, necessary, exempt/,
    ],
    [
      'a javascript: policy URL',
      broken((m) => (m.site.policyUrl = 'javascript:alert(document.cookie)')),
      /site\.policyUrl: must be an http\(s\) URL/,
    ],
  ];
  for (const [name, response, message] of cases) {
    it(`§7: ${name} releases nothing, logs one error naming it, fires consent-error; the page still works`, () =>
      withPage({[MANIFEST]: response}, async ({page, log}) => {
        assert.deepEqual(await ran(page), []);
        assert.deepEqual(await openDialogs(page), []);
        const errors = ownErrors(log);
        assert.equal(errors.length, 1, JSON.stringify(log.errors));
        assert.match(errors[0], message);
        const detail = await page.evaluate(() => window.__consentError);
        assert.match(detail.message, message);
        assert.equal(await page.$eval('iframe[data-service="youtube"]', (f) => f.hasAttribute('src')), false);
        // The page's own (untagged) script still runs: the demo panel is there.
        assert.ok(await page.$('.demo-panel'));
        assert.equal(await page.evaluate(() => window.consentBanner.hasConsent('session')), false);
      }));
  }

  it('manifest strings render as text: markup in the site name and titles is shown, never run', () =>
    withPage(
      {
        [MANIFEST]: broken((m) => {
          m.site.name = '<img src=x onerror="window.pwned=1">Dimelo';
          m.categories[1].title = {fr: '<script>window.pwned=2</script>Mesure', en: 'x'};
          m.services[1].name = '<a href="javascript:window.pwned=3">GA</a>';
        }),
      },
      async ({page}) => {
        const [dialog] = await a11yNodes(page, 'dialog');
        assert.equal(dialog.name, 'Les cookies sur <img src=x onerror="window.pwned=1">Dimelo');
        await page.evaluate(() => window.consentBanner.showPreferences());
        await page.waitForFunction(() => document.querySelector('consent-banner').shadowRoot.querySelector('[part=preferences][open]'));
        const markup = await page.evaluate(
          () => document.querySelector('consent-banner').shadowRoot.querySelectorAll('img, script, a[href^="javascript"]').length
        );
        assert.equal(markup, 0);
        assert.equal(await page.evaluate(() => window.pwned), undefined);
      }
    ));

  it('§6: a hand-edited consent cookie (a category flipped to true) counts as no choice', () =>
    inContext(harness, {}, async ({page}) => {
      await visit(page, harness.url('dimelo'));
      await page.evaluate(() => window.consentBanner.rejectAll());
      const cookie = (await page.cookies()).find((c) => c.name === 'dimelo_consent');
      const edited = cookie.value.replace(/%22performance%22:false/, '%22performance%22:true');
      assert.notEqual(edited, cookie.value);
      await page.setCookie({...cookie, value: edited});
      await visit(page, harness.url('dimelo'));
      assert.deepEqual(await openDialogs(page), ['banner']);
      assert.deepEqual(await ran(page), ['session']);
      await page.setCookie({...cookie, value: 'accepted'});
      await visit(page, harness.url('dimelo'));
      assert.deepEqual(await openDialogs(page), ['banner']);
    }));

  it('the drop-in included twice defines the element once and runs each script once', () =>
    inContext(harness, {}, async ({page, log}) => {
      await visit(page, `http://dimelo.test:${harness.port}/test/e2e/pages/double-drop-in.html`);
      assert.equal(await page.$$eval('consent-banner', (list) => list.length), 1);
      assert.deepEqual(await openDialogs(page), ['banner']);
      await page.evaluate(() => window.consentBanner.acceptAll());
      await page.waitForFunction(() => (window.__ran ?? []).includes('addthis'));
      assert.deepEqual(await ran(page), ['google-analytics', 'addthis']);
      assert.deepEqual(log.errors, []);
    }));

  it('§1: the ES module registers the element and reads an inline manifest (no manifest request)', () =>
    inContext(harness, {}, async ({page, log}) => {
      await visit(page, `http://shop.test:${harness.port}/test/e2e/pages/esm-inline.html`);
      assert.deepEqual(await page.evaluate(() => window.esm), {registered: true, needsBanner: true});
      assert.deepEqual(await openDialogs(page), ['banner']);
      assert.ok(!log.requests.some((p) => p.endsWith('.json')), JSON.stringify(log.requests));
      assert.deepEqual(await ran(page), []);
      await page.evaluate(() => window.consentBanner.acceptAll());
      await page.waitForFunction(() => (window.__ran ?? []).includes('google-analytics'));
      assert.deepEqual(log.errors, []);
    }));
});
