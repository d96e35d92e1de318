// Every kind of tracker is gated, not only scripts (README, "Tag your trackers"; the EDPB's
// Guidelines 2/2023 reach pixels, storage and every other way to the device): on a page holding a
// pixel, a responsive image, a stylesheet, a preload, videos, audios, an object, an embed and a
// picture, each tagged
// for a service that needs consent, the request log shows that nothing left before consent (R1)
// and that everything left once after "accept"; withdrawal deletes the localStorage and
// sessionStorage keys the manifest declares (R27). The page is served under a strict CSP with
// Trusted Types required, as README "A strict Content-Security-Policy" advises: an object's `data`
// and an embed's `src` are script URLs for Trusted Types, released through the "consent-banner"
// policy. The kinds are src/core/held-kinds.ts.
import assert from 'node:assert/strict';
import {after, before, describe, it} from 'node:test';
import {inContext, openDialogs, ran, settle, startHarness, strictPolicy, visit} from './harness.mjs';

const PAGE = '/test/e2e/pages/gate-kinds.html';
const NONCE = 'gate-kinds-nonce';

/** The README's strict policy, with what the held kinds load from: media and objects of this site. */
const csp = (trustedTypes) => strictPolicy(NONCE, {trustedTypes, sources: {'media-src': "'self'", 'object-src': "'self'"}});

const GIF = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');
const file = (contentType, body) => ({contentType, body});
/** The stand-in trackers, answered by the harness: nothing leaves the machine. */
const FILES = {
  '/gate/style.css': file('text/css', 'h1 { letter-spacing: 0.01em; }'),
  '/gate/preload.gif': file('image/gif', GIF),
  '/gate/pixel.gif': file('image/gif', GIF),
  '/gate/srcset.gif': file('image/gif', GIF),
  '/gate/fallback.gif': file('image/gif', GIF),
  '/gate/poster.gif': file('image/gif', GIF),
  // Not playable: the browser asks for each, then gives up (the second <source> is tried too).
  '/gate/movie.webm': file('video/webm', 'not a video'),
  '/gate/clip.webm': file('video/webm', 'not a video'),
  '/gate/clip.mp4': file('video/mp4', 'not a video'),
  '/gate/sound.ogg': file('audio/ogg', 'not a sound'),
  '/gate/jingle.ogg': file('audio/ogg', 'not a sound'),
  '/gate/object.svg': file('image/svg+xml', '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>'),
  '/gate/embed.svg': file('image/svg+xml', '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>'),
  // The picture's <source> matches: its image is the one the <img> loads, never its own fallback.
  '/gate/art-source.gif': file('image/gif', GIF),
  '/gate/art-fallback.gif': file('image/gif', GIF),
};
/** Asked for by no choice: the refusal's fallback image waits for a refusal, the picture's fallback for a picture whose sources all fail. */
const NEVER_ON_ACCEPT = ['/gate/fallback.gif', '/gate/art-fallback.gif'];
/** What each kind asks for once its service is accepted. */
const ON_ACCEPT = Object.keys(FILES)
  .filter((path) => !NEVER_ON_ACCEPT.includes(path))
  .sort();
/** The script URLs for Trusted Types: what stays held without the consent-banner policy. */
const TRUSTED_TYPES_SINKS = ['/gate/object.svg', '/gate/embed.svg'];
/** The element kinds the page holds, and the attributes they hold back. */
const HELD = '[data-src],[data-srcset],[data-href],[data-poster],[data-data]';

const gateRequests = (log) => log.requests.filter((path) => path.startsWith('/gate/'));
const waitForRequests = async (log, paths) => {
  for (const end = Date.now() + 15_000; !paths.every((p) => log.requests.includes(p));) {
    if (Date.now() > end) throw new Error(`never requested: ${paths.filter((p) => !log.requests.includes(p)).join(', ')}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
};
const storage = (page) => page.evaluate(() => ({local: Object.keys(localStorage).sort(), session: Object.keys(sessionStorage).sort()}));
/** CSP violations, from the first byte. */
const watch = (page) =>
  page.evaluateOnNewDocument(() => {
    window.__violations = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(`${e.effectiveDirective} ${e.blockedURI}`));
  });

describe('every kind of tracker is gated: images, pictures, links, media, objects, embeds and storage', () => {
  let harness;
  let url;
  before(async () => {
    harness = await startHarness();
    url = (policy = csp()) => `http://kinds.test:${harness.port}${PAGE}?csp=${encodeURIComponent(policy)}`;
  });
  after(() => harness?.close());

  it('R1: before any choice no pixel, picture, stylesheet, preload, video, audio, object or embed is requested; after “Accept all” each is, once', () =>
    inContext(harness, {manifests: FILES}, async ({page, log}) => {
      await watch(page);
      await visit(page, url());
      assert.deepEqual(await openDialogs(page), ['banner']);
      // The visitor reads the banner for a while: still nothing.
      await new Promise((resolve) => setTimeout(resolve, 500));
      assert.deepEqual(gateRequests(log), [], 'a held element was requested before consent');
      assert.equal(await page.$$eval(HELD, (held) => held.length), 14);
      // The embed is held behind a placeholder (src/core/held-kinds.ts), in its place.
      assert.equal(await page.$eval('#plugin', (el) => el.previousElementSibling?.localName), 'consent-placeholder');
      assert.deepEqual(await ran(page), []);

      await page.evaluate(() => window.consentBanner.acceptAll());
      await waitForRequests(log, ON_ACCEPT);
      await settle(page);
      assert.deepEqual([...gateRequests(log)].sort(), ON_ACCEPT, 'each held URL requested once');
      // Released: the real attributes set, nothing held but the refusal's fallback.
      assert.deepEqual(await page.$$eval(HELD, (held) => held.map((el) => el.id)), ['fallback']);
      assert.equal(await page.$eval('#embed', (o) => o.getAttribute('data')), '/gate/object.svg');
      assert.equal(await page.$eval('#plugin', (e) => e.getAttribute('src')), '/gate/embed.svg');
      assert.equal(await page.$('consent-placeholder'), null, 'the placeholder gives the embed its place back');
      // The picture: its <source> and its <img> released; the <img> shows the source's image.
      assert.deepEqual(
        await page.$eval('#art', (p) => [p.querySelector('source').getAttribute('srcset'), p.querySelector('img').getAttribute('src')]),
        ['/gate/art-source.gif 1x', '/gate/art-fallback.gif']
      );
      await page.waitForFunction(() => document.querySelector('#art img').currentSrc.endsWith('/gate/art-source.gif'));
      assert.equal(await page.$eval('#pixel', (img) => img.complete && img.naturalWidth), 1);
      assert.deepEqual(await ran(page), ['analytics', 'pixel']);
      assert.deepEqual(await page.evaluate(() => window.__violations), []);

      // A reload with the choice stored: each requested again once, the fallback still not.
      log.requests.length = 0;
      await visit(page, url());
      await waitForRequests(log, ON_ACCEPT);
      await settle(page);
      assert.deepEqual([...gateRequests(log)].sort(), ON_ACCEPT);
    }));

  it('R2: after “Reject all” nothing held is requested, on this page or the next; the !performance fallback image is', () =>
    inContext(harness, {manifests: FILES}, async ({page, log}) => {
      await visit(page, url());
      await page.evaluate(() => window.consentBanner.rejectAll());
      await waitForRequests(log, ['/gate/fallback.gif']);
      await settle(page);
      assert.deepEqual(gateRequests(log), ['/gate/fallback.gif']);
      // Refused: the embed and the picture stay held, the embed behind its placeholder.
      assert.deepEqual(await page.$$eval('#plugin[src], #art [src], #art [srcset]', (found) => found.length), 0);
      assert.equal(await page.$eval('#plugin', (el) => el.previousElementSibling?.localName), 'consent-placeholder');
      log.requests.length = 0;
      await visit(page, url());
      await waitForRequests(log, ['/gate/fallback.gif']);
      await settle(page);
      assert.deepEqual(gateRequests(log), ['/gate/fallback.gif']);
      assert.deepEqual(await ran(page), []);
    }));

  it('R27: withdrawal deletes the declared localStorage and sessionStorage keys of the withdrawn services, and nothing else', () =>
    inContext(harness, {manifests: FILES}, async ({page, log}) => {
      await visit(page, url());
      await page.evaluate(() => window.consentBanner.acceptAll());
      await waitForRequests(log, ON_ACCEPT);
      await settle(page);
      // The page's own keys, and one of a tracker that the manifest does not declare.
      await page.evaluate(() => {
        localStorage.setItem('site_theme', 'dark');
        sessionStorage.setItem('site_cart', '3');
        localStorage.setItem('_an_undeclared', '1');
      });
      assert.deepEqual(await storage(page), {
        local: ['_an_id', '_an_undeclared', '_px_visitor', 'site_theme'],
        session: ['_an_session_abc', '_px_hit', 'site_cart'],
      });

      // Withdraw performance only: its keys go, advertising's stay.
      let reloaded = page.waitForNavigation({waitUntil: 'load'});
      await page.evaluate(() => window.consentBanner.save({categories: {performance: false, advertising: true}}));
      await reloaded;
      await settle(page);
      assert.deepEqual(await storage(page), {
        local: ['_an_undeclared', '_px_visitor', 'site_theme'],
        session: ['_px_hit', 'site_cart'],
      });
      assert.deepEqual(await ran(page), ['pixel']);

      // Withdraw the rest: every declared key is gone, the page's own are kept.
      log.requests.length = 0;
      reloaded = page.waitForNavigation({waitUntil: 'load'});
      await page.evaluate(() => window.consentBanner.rejectAll());
      await reloaded;
      await settle(page);
      assert.deepEqual(await storage(page), {local: ['_an_undeclared', 'site_theme'], session: ['site_cart']});
      assert.deepEqual(await ran(page), []);
      assert.deepEqual(
        gateRequests(log).filter((path) => path !== '/gate/fallback.gif'),
        []
      );
      assert.deepEqual(log.errors, []);
    }));

  it('R1: under Trusted Types without the consent-banner policy, the object and the embed stay held and the console says why; the other kinds load', () =>
    inContext(harness, {manifests: FILES}, async ({page, log}) => {
      await visit(page, url(csp('lit-html')));
      await page.evaluate(() => window.consentBanner.acceptAll());
      const others = ON_ACCEPT.filter((path) => !TRUSTED_TYPES_SINKS.includes(path));
      await waitForRequests(log, others);
      await settle(page);
      assert.deepEqual([...gateRequests(log)].sort(), others);
      assert.equal(await page.$eval('#embed', (o) => o.hasAttribute('data')), false);
      assert.equal(await page.$eval('#plugin', (e) => e.hasAttribute('src')), false);
      assert.ok(
        log.errors.some((e) => e.includes('consent-banner: cannot create the Trusted Types policy "consent-banner"')),
        log.errors.join('\n')
      );
      assert.ok(
        log.errors.some((e) => e.includes('consent-banner: could not release a tagged element')),
        log.errors.join('\n')
      );
    }));
});
