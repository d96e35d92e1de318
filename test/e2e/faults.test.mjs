// Faults, end to end in Chromium: whatever goes wrong around the banner, nothing that needs consent
// runs before consent, no released script runs twice, the console says clearly what happened, and
// the page's own scripts are untouched. The pages are in test/e2e/pages/.
import assert from 'node:assert/strict';
import {readFileSync} from 'node:fs';
import {after, before, describe, it} from 'node:test';
import {inContext, openDialogs, ran, settle, startHarness, visit} from './harness.mjs';
import {root} from '../node/load-core.mjs';

const MANIFEST = '/test/e2e/pages/shop-manifest.json';
const manifestText = readFileSync(`${root}test/e2e/pages/shop-manifest.json`, 'utf8');
const ownErrors = (log) => log.errors.filter((e) => e.startsWith('consent-banner:'));
/** Requests for stand-in trackers that need consent (the shop's session script is necessary). */
const trackerRequests = (log) => log.requests.filter((p) => p.startsWith('/demo/trackers/') && !p.includes('session'));

/** The page's own, untagged script ran exactly once, and the page still answers. */
async function ownScriptRan(page) {
  assert.equal(await page.evaluate(() => window.ownScript), 1);
}

/** The tagged scripts that ran (the embed's frame reports itself too: left out), none twice. */
async function eachOnce(page) {
  const list = (await ran(page)).filter((id) => id !== 'youtube');
  assert.deepEqual(list, [...new Set(list)], `ran twice: ${list}`);
  return list;
}

describe('faults, end to end', () => {
  let harness;
  before(async () => (harness = await startHarness()));
  after(() => harness?.close());
  const at = (page) => `http://shop.test:${harness.port}/test/e2e/pages/${page}`;

  // ---- The manifest cannot be used: fail closed, one clear error, the page goes on ----
  const broken = [
    ['a network error', {abort: 'failed'}, /could not load \/test\/e2e\/pages\/shop-manifest\.json \(Failed to fetch\)/],
    [
      'an HTML page where the manifest should be (wrong content type)',
      {body: manifestText, contentType: 'text/html'},
      /shop-manifest\.json is an HTML page \(text\/html\), not JSON: check the manifest URL/,
    ],
    ['a manifest larger than 1 MB', {body: `${' '.repeat(1_200_000)}${manifestText}`}, /shop-manifest\.json is larger than 1 MB/],
    ['a truncated manifest', {body: manifestText.slice(0, manifestText.length / 2)}, /shop-manifest\.json is not valid JSON/],
  ];
  for (const [name, response, message] of broken) {
    it(`§7: ${name} releases nothing, logs one clear error, fires consent-error; the page's own script runs`, () =>
      inContext(harness, {manifests: {[MANIFEST]: response}}, async ({page, log}) => {
        await visit(page, at('shop.html'));
        assert.deepEqual(await ran(page), []);
        assert.deepEqual(trackerRequests(log), []);
        assert.deepEqual(await openDialogs(page), []);
        const errors = ownErrors(log);
        assert.equal(errors.length, 1, JSON.stringify(log.errors));
        assert.match(errors[0], message);
        assert.match((await page.evaluate(() => window.__consentError)).message, message);
        assert.equal(await page.$eval('iframe', (f) => f.hasAttribute('src')), false);
        await ownScriptRan(page);
      }));
  }

  it('§7: a manifest that takes more than 10 s is given up (fake clock): fail closed, a clear error', () =>
    inContext(harness, {manifests: {[MANIFEST]: {hold: true}}}, async ({page, log}) => {
      // A fake clock for long timers: they fire only when the test moves time on.
      await page.evaluateOnNewDocument(() => {
        const realSet = window.setTimeout;
        const realClear = window.clearTimeout;
        const pending = new Map();
        let now = 0;
        window.setTimeout = (fn, ms = 0, ...args) => {
          if (ms < 1000) return realSet(fn, ms, ...args);
          const id = realSet(() => {}, 0x7fffffff);
          pending.set(id, {at: now + ms, run: () => fn(...args)});
          return id;
        };
        window.clearTimeout = (id) => (pending.delete(id), realClear(id));
        window.__advance = (ms) => {
          now += ms;
          for (const [id, timer] of [...pending]) if (timer.at <= now) (pending.delete(id), timer.run());
        };
      });
      await page.goto(at('shop.html'), {waitUntil: 'load'});
      await ownScriptRan(page);
      await page.evaluate(() => window.__advance(9_999));
      await new Promise((resolve) => setTimeout(resolve, 200));
      assert.equal(await page.evaluate(() => window.__consentError ?? window.__consentReady ?? null), null, 'gave up before 10 s');
      await page.evaluate(() => window.__advance(1));
      await settle(page);
      const errors = ownErrors(log);
      assert.equal(errors.length, 1, JSON.stringify(log.errors));
      assert.match(errors[0], /\/test\/e2e\/pages\/shop-manifest\.json did not arrive within 10 s/);
      assert.deepEqual(await ran(page), []);
      assert.deepEqual(trackerRequests(log), []);
      assert.deepEqual(await openDialogs(page), []);
    }));

  // ---- Cookies ----
  it('§6: cookies disabled: the banner still asks, the choice holds for the page view, the console says it was not kept', () =>
    inContext(harness, {}, async ({page, log}) => {
      const cdp = await page.createCDPSession();
      await cdp.send('Emulation.setDocumentCookieDisabled', {disabled: true});
      await visit(page, at('shop.html'));
      assert.deepEqual(await openDialogs(page), ['banner']);
      assert.deepEqual(await ran(page), ['session']);
      assert.deepEqual(trackerRequests(log), []);
      await page.evaluate(() => window.consentBanner.acceptAll());
      await settle(page);
      assert.deepEqual(await eachOnce(page), ['session', 'google-analytics', 'addthis']);
      assert.ok(
        log.warnings.some((w) => /did not keep the consent cookie "shop_consent" \(cookies are blocked\)/.test(w)),
        JSON.stringify(log.warnings)
      );
      assert.deepEqual(ownErrors(log), []);
      await visit(page, at('shop.html'));
      assert.deepEqual(await openDialogs(page), ['banner'], 'asked again: nothing was stored');
      assert.deepEqual(await ran(page), ['session']);
      await ownScriptRan(page);
    }));

  it('§6: document.cookie throwing (a sandboxed document): asks, applies the choice, withdraws with a reload; no error of ours', () =>
    inContext(harness, {}, async ({page, log}) => {
      await page.evaluateOnNewDocument(() => {
        const refuse = () => {
          throw new DOMException('The document is sandboxed and lacks the allow-same-origin flag.', 'SecurityError');
        };
        Object.defineProperty(Document.prototype, 'cookie', {get: refuse, set: refuse, configurable: true});
      });
      await visit(page, at('shop.html'));
      assert.deepEqual(await openDialogs(page), ['banner']);
      assert.deepEqual(await ran(page), ['session']);
      await page.evaluate(() => window.consentBanner.acceptAll());
      await settle(page);
      assert.deepEqual(await eachOnce(page), ['session', 'google-analytics', 'addthis']);
      assert.ok(
        log.warnings.some((w) => /did not keep the consent cookie "shop_consent" \(.*sandboxed/.test(w)),
        JSON.stringify(log.warnings)
      );
      // Each stand-in tracker fails on its own first cookie write; nothing else may fail.
      assert.deepEqual(
        log.errors.filter((e) => !/The document is sandboxed/.test(e)),
        []
      );
      // Withdrawing must still reload the page, so the released scripts stop.
      const reloaded = page.waitForNavigation({waitUntil: 'load'});
      await page.evaluate(() => window.consentBanner.rejectAll());
      await reloaded;
      await settle(page);
      assert.deepEqual(await ran(page), ['session']);
    }));

  // ---- Inclusion mistakes ----
  it('§3: the drop-in placed after the tagged scripts and loaded async: same result, document order kept', () =>
    inContext(harness, {}, async ({page, log}) => {
      await visit(page, at('late-async.html'));
      assert.deepEqual(await openDialogs(page), ['banner']);
      assert.deepEqual(await ran(page), ['session']);
      assert.deepEqual(trackerRequests(log), []);
      await page.evaluate(() => window.consentBanner.acceptAll());
      await settle(page);
      assert.deepEqual(await eachOnce(page), ['session', 'google-analytics', 'google-analytics-inline', 'addthis', 'facebook']);
      assert.deepEqual(log.errors, []);
      await ownScriptRan(page);
    }));

  it('the element defined twice (drop-in and npm module): the first definition stays, one banner, each script once', () =>
    inContext(harness, {}, async ({page, log}) => {
      await visit(page, at('double-define.html'));
      await page.waitForFunction(() => window.esm);
      assert.deepEqual(await page.evaluate(() => window.esm), {kept: true, moduleClass: false});
      assert.equal(await page.$$eval('consent-banner', (list) => list.length), 1);
      assert.deepEqual(await openDialogs(page), ['banner']);
      await page.evaluate(() => window.consentBanner.acceptAll());
      await settle(page);
      assert.deepEqual(await eachOnce(page), ['google-analytics', 'addthis']);
      assert.deepEqual(log.errors, []);
      await ownScriptRan(page);
    }));

  it('<consent-banner> removed and re-added: blocks while away, goes on where it was, runs nothing twice', () =>
    inContext(harness, {}, async ({page, log}) => {
      await visit(page, at('shop.html'));
      await page.evaluate(() => window.consentBanner.save({services: {'google-analytics': true}}));
      await settle(page);
      assert.deepEqual(await ran(page), ['session', 'google-analytics']);
      await page.evaluate(() => {
        window.removed = window.consentBanner;
        window.removed.remove();
        const late = document.createElement('script');
        late.type = 'text/plain';
        late.dataset.service = 'google-analytics';
        late.text = "(window.__ran = window.__ran || []).push('late-inline')";
        document.body.append(late);
      });
      await new Promise((resolve) => setTimeout(resolve, 200));
      assert.deepEqual(await ran(page), ['session', 'google-analytics'], 'nothing runs while the element is away');
      assert.equal(await page.evaluate(() => window.consentBanner), undefined);
      await page.evaluate(() => document.body.append(window.removed));
      await page.waitForFunction(() => (window.__ran ?? []).includes('late-inline'));
      await settle(page);
      assert.deepEqual(await eachOnce(page), ['session', 'google-analytics', 'late-inline']);
      assert.equal(await page.evaluate(() => window.consentBanner === window.removed), true);
      // As before it left: the banner asks about the purposes the choice did not answer.
      assert.deepEqual(await openDialogs(page), ['banner']);
      assert.deepEqual(log.errors, []);
    }));

  // ---- Tagged scripts that fail ----
  it('§3: a tagged script that throws or fails to load does not stop the ones after it', () =>
    inContext(harness, {}, async ({page, log}) => {
      await visit(page, at('failing-scripts.html'));
      assert.deepEqual(await ran(page), []);
      await page.evaluate(() => window.consentBanner.acceptAll());
      await page.waitForFunction(() => (window.__ran ?? []).includes('addthis'));
      await settle(page);
      assert.deepEqual(await eachOnce(page), ['inline-throws', 'throws', 'google-analytics', 'addthis']);
      // The console names each failure (the browser's own messages), and nothing of ours failed.
      assert.ok(
        log.errors.some((e) => /inline tracker bug/.test(e)),
        JSON.stringify(log.errors)
      );
      assert.ok(log.errors.some((e) => /tracker bug in throws\.js/.test(e)));
      assert.ok(log.errors.some((e) => /404/.test(e)));
      assert.deepEqual(ownErrors(log), []);
      await ownScriptRan(page);
    }));

  // ---- Frameworks ----
  it('<consent-banner> in a framework that re-renders the body: each render is gated, nothing runs twice', () =>
    inContext(harness, {}, async ({page, log}) => {
      await visit(page, at('rerender.html'));
      assert.deepEqual(await openDialogs(page), ['banner']);
      // Renders before any decision: still nothing runs.
      await page.evaluate(() => window.render());
      await settle(page);
      assert.deepEqual(await ran(page), []);
      assert.deepEqual(trackerRequests(log), []);
      assert.deepEqual(await openDialogs(page), ['banner']);
      await page.evaluate(() => window.consentBanner.acceptAll());
      await settle(page);
      assert.deepEqual(await eachOnce(page), ['google-analytics', 'google-analytics-inline']);
      assert.equal(await page.$eval('iframe', (f) => f.getAttribute('src')), '/demo/trackers/youtube-embed.html');
      // Renders after the decision: the choice is restored, the new embed is released, no script runs again.
      for (let i = 0; i < 2; i++) {
        await page.evaluate(() => window.render());
        await settle(page);
      }
      assert.deepEqual(await eachOnce(page), ['google-analytics', 'google-analytics-inline']);
      assert.equal(await page.$eval('iframe', (f) => f.getAttribute('src')), '/demo/trackers/youtube-embed.html');
      assert.deepEqual(await openDialogs(page), []);
      assert.equal(await page.$$eval('consent-banner', (list) => list.length), 1);
      assert.equal(log.requests.filter((p) => p === '/demo/trackers/google-analytics.js').length, 1);
      assert.deepEqual(log.errors, []);
      await ownScriptRan(page);
    }));
});
