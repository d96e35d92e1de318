// The README's plain-HTML snippet, served as a page of its own and rendered in Chromium with the
// built drop-in and Dimelo's manifest: what a site owner who copies it gets. gtag.js is a local
// stand-in served in place of www.googletagmanager.com: nothing leaves the machine.
import assert from 'node:assert/strict';
import {readFileSync, readdirSync} from 'node:fs';
import {after, before, describe, it} from 'node:test';
import {root} from '../node/load-core.mjs';
import {readmeSnippets} from '../node/readme.mjs';
import {clickButton, inContext, openDialogs, readManifest, settle, startHarness, visit} from './harness.mjs';

describe('README: the plain-HTML snippet', () => {
  let harness;
  before(async () => (harness = await startHarness()));
  after(() => harness?.close());

  const html = readmeSnippets().get('html').code;
  const served = () => ({
    '/shop/index.html': {contentType: 'text/html', body: html},
    // The copied dist/ folder: the drop-in, and what it fetches from beside itself when needed.
    ...Object.fromEntries(
      readdirSync(`${root}dist`)
        .filter((file) => /^consent-banner.*\.min\.js$/.test(file))
        .map((file) => [`/${file}`, {contentType: 'text/javascript', body: readFileSync(`${root}dist/${file}`, 'utf8')}])
    ),
    '/cookie-manifest.json': readManifest('dimelo'),
    '/gtag/js': {contentType: 'text/javascript', body: 'window.__gtagLoaded = (window.__gtagLoaded || 0) + 1;'},
    // The browser asks for it; a page served by interception may not reach the loopback server.
    '/favicon.ico': {status: 204, contentType: 'image/x-icon', body: ''},
  });

  it('R1, R37: shows the banner, loads nothing of Google and states the Consent Mode defaults; accepting runs gtag once', () =>
    inContext(harness, {manifests: served()}, async ({page, log}) => {
      const messages = [];
      page.on('console', (message) => messages.push(message.text()));
      await visit(page, `http://shop.test:${harness.port}/shop/index.html`);
      assert.deepEqual(await openDialogs(page), ['banner']);
      assert.equal(log.requests.includes('/gtag/js'), false);
      const layer = () => page.evaluate(() => window.dataLayer.map((entry) => [...entry]));
      assert.deepEqual(
        (await layer()).map((e) => e.slice(0, 2)),
        [['consent', 'default']]
      );
      await clickButton(page, 'accept-all');
      await page.waitForFunction(() => window.__gtagLoaded === 1);
      await settle(page);
      assert.deepEqual(
        (await layer()).map((e) => (e[0] === 'js' ? ['js'] : e.slice(0, 2))),
        [['consent', 'default'], ['consent', 'update'], ['js'], ['config', 'G-XXXXXXX']]
      );
      assert.ok(messages.includes('analytics allowed: true'), messages.join('\n'));
      assert.deepEqual(log.errors, []);
    }));

  it('R26: its "Cookie settings" link opens the preferences', () =>
    inContext(harness, {manifests: served()}, async ({page}) => {
      await visit(page, `http://shop.test:${harness.port}/shop/index.html`);
      await clickButton(page, 'reject-all');
      await settle(page);
      await page.click('a[data-consent-open]');
      await page.waitForFunction(() => document.querySelector('consent-banner').shadowRoot.querySelector('[part=preferences][open]'));
      assert.deepEqual(await openDialogs(page), ['preferences']);
      assert.equal(await page.evaluate(() => window.__gtagLoaded), undefined);
    }));
});
