// Strict pages (README, “Security”, README "Security"): under a Content-Security-Policy with nonces and
// no unsafe-inline, and with Trusted Types required for scripts, the banner shows and styles
// itself, released scripts run through the "consent-banner" policy with their nonce, and SRI
// still guards them: a tampered script with `integrity` does not run.
import assert from 'node:assert/strict';
import {createHash} from 'node:crypto';
import {readFileSync} from 'node:fs';
import {after, before, describe, it} from 'node:test';
import {inContext, openDialogs, ran, settle, startHarness, strictPolicy, visit} from './harness.mjs';
import {root} from '../node/load-core.mjs';

const PAGE = '/test/e2e/pages/strict.html';
const NONCE = 'strict-test-nonce';
const sri = (path) =>
  `sha384-${createHash('sha384')
    .update(readFileSync(`${root}${path}`))
    .digest('base64')}`;

/** The policy the README gives site owners, with this page's nonce. */
const csp = (trustedTypes) => strictPolicy(NONCE, {trustedTypes});

// A compromised CDN: pinned-cdn.js no longer matches the digest the page pinned.
const tampered = {
  '/test/e2e/pages/pinned-cdn.js': {
    body: "(window.__ran = window.__ran || []).push('tampered');",
    contentType: 'text/javascript',
    headers: {'Access-Control-Allow-Origin': '*'},
  },
};

/** Records CSP violations and the Trusted Types policies the page creates. */
const watch = (page) =>
  page.evaluateOnNewDocument(() => {
    window.__violations = [];
    document.addEventListener('securitypolicyviolation', (e) =>
      window.__violations.push(`${e.effectiveDirective} ${e.blockedURI} ${e.sample}`.trim())
    );
    window.__policies = {};
    const create = trustedTypes.createPolicy.bind(trustedTypes);
    trustedTypes.createPolicy = (name, rules) => (window.__policies[name] = create(name, rules));
  });

describe('strict pages: CSP with nonces, Trusted Types, SRI', () => {
  let harness;
  before(async () => (harness = await startHarness()));
  after(() => harness?.close());
  const url = (policy) => `http://shop.test:${harness.port}${PAGE}?csp=${encodeURIComponent(policy)}`;

  it('§7: works under script-src nonce, style-src without unsafe-inline and required Trusted Types', () =>
    inContext(harness, {manifests: tampered}, async ({page, log}) => {
      const markup = readFileSync(`${root}${PAGE.slice(1)}`, 'utf8');
      assert.ok(
        markup.includes(sri('test/e2e/pages/pinned.js')) && markup.includes(sri('test/e2e/pages/pinned-cdn.js')),
        'strict.html pins the digests of pinned.js and pinned-cdn.js'
      );
      await watch(page);
      await visit(page, url(csp()));
      // Shown, and styled by adopted stylesheets (the UA style of a dialog is not fixed).
      assert.deepEqual(await openDialogs(page), ['banner']);
      const position = await page.evaluate(
        () => getComputedStyle(document.querySelector('consent-banner').shadowRoot.querySelector('[part=banner]')).position
      );
      assert.equal(position, 'fixed');
      assert.deepEqual(await ran(page), ['session']);
      assert.deepEqual(await page.evaluate(() => window.__violations), []);

      await page.evaluate(() => window.consentBanner.acceptAll());
      await page.waitForFunction(() => (window.__ran ?? []).includes('addthis'));
      await settle(page);
      // Released: the external script (SRI checked), the inline one with the page's nonce; not
      // the inline one without a nonce (CSP refuses it: we never lend it one), not the tampered one.
      assert.deepEqual(await ran(page), ['session', 'pinned', 'inline-with-nonce', 'addthis']);
      const violations = await page.evaluate(() => window.__violations);
      assert.equal(violations.length, 1, JSON.stringify(violations));
      assert.match(violations[0], /^script-src-elem inline/);
      assert.ok(
        log.errors.some((e) => /integrity/.test(e) && /pinned-cdn\.js/.test(e)),
        JSON.stringify(log.errors)
      );
      assert.ok(log.requests.includes('/test/e2e/pages/pinned-cdn.js'), 'the tampered copy was fetched, and refused');
      assert.deepEqual(
        log.errors.filter((e) => /TrustedScript|Trusted Type|consent-banner:/.test(e)),
        []
      );

      // The released copies carry integrity, crossorigin and nonce over.
      const released = await page.evaluate(() =>
        [...document.querySelectorAll('head script:not([type="text/plain"])')].map((s) => ({
          src: s.getAttribute('src'),
          integrity: s.integrity,
          crossOrigin: s.crossOrigin,
          nonce: s.nonce,
        }))
      );
      const pinned = released.find((s) => s.src === '/test/e2e/pages/pinned.js');
      assert.equal(pinned.integrity, sri('test/e2e/pages/pinned.js'));
      assert.equal(pinned.crossOrigin, 'anonymous');
      assert.ok(released.some((s) => s.src === null && s.nonce === NONCE));

      // Our named policy only (the first layer is drawn without lit-html); no default policy; ours
      // wraps nothing but a tagged script.
      assert.deepEqual(Object.keys(await page.evaluate(() => window.__policies)).sort(), ['consent-banner']);
      assert.equal(await page.evaluate(() => trustedTypes.defaultPolicy), null);
      const misuse = await page.evaluate(() => {
        try {
          const script = document.createElement('script');
          script.text = window.__policies['consent-banner'].createScript("window.__ran.push('smuggled')");
          document.head.append(script);
          return 'wrapped';
        } catch (error) {
          return String(error);
        }
      });
      assert.match(misuse, /only wraps tagged scripts/);

      // The preferences render with lit-html, under its policy, and nothing else is violated.
      await page.evaluate(() => window.consentBanner.showPreferences());
      await page.waitForFunction(() => document.querySelector('consent-banner').shadowRoot.querySelector('[part=preferences][open] h3'));
      assert.deepEqual(Object.keys(await page.evaluate(() => window.__policies)).sort(), ['consent-banner', 'lit-html']);
      assert.deepEqual(await page.evaluate(() => window.__violations.length), 1);
      assert.equal(await page.evaluate(() => window.ownScript), 1);
    }));

  it('§7: a CSP whose trusted-types leaves out "consent-banner": one clear error naming the fix, nothing released, the page goes on', () =>
    inContext(harness, {}, async ({page, log}) => {
      await watch(page);
      await visit(page, url(csp('lit-html')));
      assert.deepEqual(await openDialogs(page), ['banner']);
      await page.evaluate(() => window.consentBanner.acceptAll());
      await settle(page);
      assert.deepEqual(await ran(page), []);
      const ours = log.errors.filter((e) => e.startsWith('consent-banner:'));
      assert.match(ours[0], /cannot create the Trusted Types policy "consent-banner".*add consent-banner to the trusted-types directive/);
      assert.ok(
        ours.slice(1).every((e) => /could not release a tagged script/.test(e)),
        JSON.stringify(ours)
      );
      assert.equal(await page.evaluate(() => window.ownScript), 1);
    }));
});
