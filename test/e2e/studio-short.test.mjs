// A short studio, quick on big sites (issue 23): categories, services and cookies are one line each
// until opened, and only what is open is drawn; a category's basis stays on its line; ids,
// revision, lifetimes and Consent Mode wait under "Advanced"; the banner's own cookie (and its
// log's key) is declared by itself in the necessary category; "Copied" and "Downloaded" show where
// they happened; the desktop preview can be seen full size; adding a Google service proposes
// Consent Mode; a file past the banner's limits is refused at once. With a 1,000-service manifest
// open, a keystroke's redraw is measured and reported (not asserted: the machine's speed varies).
import assert from 'node:assert/strict';
import {readFileSync} from 'node:fs';
import {after, before, describe, it} from 'node:test';
import {root} from '../node/load-core.mjs';
import {inContext, startHarness} from './harness.mjs';

const dimelo = () => JSON.parse(readFileSync(`${root}demo/dimelo/cookie-manifest.json`, 'utf8'));

describe('a short studio', () => {
  let harness;
  let origin;
  before(async () => {
    harness = await startHarness();
    origin = `http://127.0.0.1:${harness.port}`;
  });
  after(() => harness?.close());

  const withStudio = (body, {width = 1280, height = 800} = {}) =>
    inContext(harness, {}, async (context) => {
      const {page} = context;
      page.on('dialog', (dialog) => dialog.accept());
      await page.setViewport({width, height});
      await page.goto(`${origin}/studio/`, {waitUntil: 'load'});
      await page.waitForSelector('#catalogue-service');
      await body(context);
      assert.deepEqual(context.log.errors, []);
    });
  const text = (page, selector) => page.$eval(selector, (e) => e.textContent.replace(/\s+/g, ' ').trim());
  const status = (page) => text(page, '#status');
  async function openSeed(page, site) {
    await page.select('#seed', site);
    await page.click('#open-seed');
    await page.waitForFunction(() => /^Opened /.test(document.getElementById('status').textContent));
  }
  /** Opens pasted JSON, as a person pastes it. */
  async function paste(page, json) {
    await page.click('.file details summary');
    await page.$eval(
      '#paste',
      (area, value) => {
        area.value = value;
        area.dispatchEvent(new Event('input', {bubbles: true}));
      },
      json
    );
    await page.click('#open-paste');
  }
  /** The manifest as the studio would download it. */
  async function exported(page) {
    if (!(await page.$('#json'))) {
      await page.click('.json summary');
      await page.waitForSelector('#json');
    }
    return JSON.parse(await page.$eval('#json', (pre) => pre.textContent));
  }

  it('Dimelo open and everything folded: at most 2,400 px tall at 1280×800 (5,942 before), each card one line with what it holds', () =>
    withStudio(async ({page}) => {
      await openSeed(page, 'dimelo');
      const height = await page.evaluate(() => document.documentElement.scrollHeight);
      assert.ok(height <= 2400, `${height} px`);
      // A category's line: its title, its services, its basis (the main decision), while folded.
      assert.equal(await text(page, '#category-1-summary'), 'Mesure de performance 2 services');
      assert.equal(await page.$eval('#f-categories-1-basis', (s) => s.value), 'consent');
      assert.equal(await page.$('#f-categories-1-title-fr'), null, 'a folded category draws no field');
      assert.equal(await text(page, '#service-1-summary'), 'Google Analytics Mesure de performance · 3 cookies');
      assert.equal(await page.$('#f-services-1-name'), null, 'a folded service draws no field');
      // Opened on demand, folded again.
      await page.click('#service-1-summary');
      assert.equal(await page.$eval('#service-1-summary', (b) => b.getAttribute('aria-expanded')), 'true');
      assert.equal(await page.$eval('#f-services-1-name', (i) => i.value), 'Google Analytics');
      // Its cookies are lines too; its id waits under "Advanced".
      assert.equal(await text(page, '#cookie-1-0-summary'), 'Cookie: _ga 2 years');
      assert.equal(await page.$('#f-services-1-cookies-0-name'), null);
      assert.equal(await page.$eval('#f-services-1-id', (i) => Boolean(i.closest('details.more'))), true);
      await page.click('#service-1-summary');
      assert.equal(await page.$('#f-services-1-name'), null);
      // Revision and how long choices are kept: under "Advanced settings", with Consent Mode.
      for (const id of ['f-revision', 'f-consentMaxAgeDays', 'f-refusalMaxAgeDays', 'f-consentMode']) {
        assert.equal(await page.$eval(`#${id}`, (e) => e.closest('details')?.id), 'advanced', id);
      }
    }));

  it('an error in a folded card: counted on its line, and the check’s link opens the card at the field', () =>
    withStudio(async ({page}) => {
      await openSeed(page, 'dimelo');
      await page.click('#service-1-summary');
      await page.click('#cookie-1-0-summary');
      await page.focus('#f-services-1-cookies-0-name');
      await page.keyboard.type(' x');
      await page.click('#service-1-summary');
      assert.match(await text(page, '#service-1-summary'), /1 error$/);
      await page.click('.summary li button');
      await page.waitForFunction(() => document.activeElement?.id === 'f-services-1-cookies-0-name');
    }));

  it('declares the banner’s own cookie in the necessary category, and its log’s key once decisions are logged', () =>
    withStudio(async ({page}) => {
      await page.type('#f-site-name', 'Shop');
      await page.type('#f-site-policyUrl', 'https://shop.example/privacy');
      await page.select('#catalogue-service', 'hotjar');
      await page.click('#add-from-catalogue');
      const own = async () => (await exported(page)).services.find((s) => s.id === 'consent-banner');
      assert.deepEqual(await own(), {
        id: 'consent-banner',
        name: 'consent-banner',
        category: 'necessary',
        description: {
          fr: 'Le bandeau cookies de ce site : il retient vos choix.',
          en: 'The cookie banner of this site: it remembers your choices.',
        },
        cookies: [
          {
            name: 'consent',
            duration: 'P182D',
            purpose: {
              fr: 'Retient vos choix en matière de cookies, acceptation comme refus, pour ne pas vous les redemander à chaque page.',
              en: 'Keeps your cookie choices, acceptance or refusal, so that you are not asked again on every page.',
            },
          },
        ],
      });
      assert.match(await text(page, '#services-title ~ .service.own'), /declared automatically: the banner’s own cookie consent/);
      await page.click('#advanced summary');
      await page.type('#f-cookie-name', 'shop_consent');
      await page.type('#f-log-url', '/consent-log');
      await page.$eval('#f-refusalMaxAgeDays', (i) => {
        i.value = '365';
        i.dispatchEvent(new Event('input', {bubbles: true}));
      });
      const now = await own();
      assert.deepEqual([now.cookies[0].name, now.cookies[0].duration, now.storage], ['shop_consent', 'P365D', ['shop_consent-log']]);
      assert.equal(await text(page, '.check .clean'), 'No error, no warning.');
      // A site that declares it itself (Dimelo) gets none.
      await openSeed(page, 'dimelo');
      assert.equal(await own(), undefined);
    }));

  it('"Downloaded" and "Copied" show beside the button that did it', () =>
    withStudio(async ({page, context}) => {
      await context.overridePermissions(origin, ['clipboard-read', 'clipboard-write', 'clipboard-sanitized-write']);
      await openSeed(page, 'dimelo');
      await page.click('#download');
      await page.waitForSelector('#download + .flash');
      assert.equal(await text(page, '#download + .flash'), '✓ Downloaded cookie-manifest.json');
      assert.ok(
        await page.$eval('#download + .flash', (e) => e.getBoundingClientRect().height > 0 && getComputedStyle(e).visibility === 'visible')
      );
      await page.click('#service-8-summary');
      await page.click('#service-8-copy');
      await page.waitForSelector('#service-8-copy + .flash');
      assert.equal(await text(page, '#service-8-copy + .flash'), '✓ Copied');
    }));

  it('the desktop preview, full size: the frame drawn at nearly its own width, and back with Escape', () =>
    withStudio(async ({page}) => {
      await openSeed(page, 'dimelo');
      await page.click('input[name="preview-device"][value="desktop"]');
      const width = () => page.$eval('#preview-frame', (f) => f.getBoundingClientRect().width);
      const thumbnail = await width();
      assert.ok(thumbnail < 700, `${thumbnail}`);
      await page.click('#preview-enlarge');
      await page.waitForFunction(() => document.getElementById('preview-frame').getBoundingClientRect().width > 1100);
      assert.ok((await width()) > 1100, `${await width()} px of 1280`);
      await page.keyboard.press('Escape');
      await page.waitForFunction(() => document.getElementById('preview-frame').getBoundingClientRect().width < 700);
    }));

  it('adding Google Analytics 4 then Google Ads proposes Consent Mode v2, as Dimelo maps it', () =>
    withStudio(async ({page}) => {
      await page.type('#f-site-name', 'Shop');
      await page.type('#f-site-policyUrl', 'https://shop.example/privacy');
      await page.select('#catalogue-service', 'google-analytics');
      await page.click('#add-from-catalogue');
      assert.equal(
        await status(page),
        "Added Google Analytics 4 to “Mesure d'audience et d'usage”, with 2 cookies. Google Consent Mode v2: analytics_storage follows “Mesure d'audience et d'usage”."
      );
      assert.deepEqual((await exported(page)).consentMode, {analytics_storage: ['performance']});
      assert.equal(await page.$eval('#use-consent-mode', (box) => box.checked), true);
      await page.select('#catalogue-service', 'google-ads');
      await page.click('#add-from-catalogue');
      assert.deepEqual((await exported(page)).consentMode, {
        analytics_storage: ['performance'],
        ad_storage: ['advertising'],
        ad_user_data: ['advertising'],
        ad_personalization: ['advertising'],
      });
      assert.equal(await text(page, '.check .clean'), 'No error, no warning.');
      // Off: no consentMode, and the check warns about Google's tags.
      await page.click('#advanced summary');
      await page.click('#use-consent-mode');
      assert.equal((await exported(page)).consentMode, undefined);
      assert.match(await text(page, '.summary'), /without consentMode: Google requires Consent Mode v2 for visitors in the EEA/);
    }));

  it('a file past the banner’s limits (5,000 services) is refused at once, naming the limit; the work is kept', () =>
    withStudio(async ({page}) => {
      await openSeed(page, 'dimelo');
      const manifest = dimelo();
      manifest.services = Array.from({length: 5000}, (_, i) => ({id: `s-${i}`, name: `S ${i}`, category: 'social', cookies: []}));
      const started = Date.now();
      await paste(page, JSON.stringify(manifest));
      await page.waitForFunction(() => document.getElementById('alert').textContent.trim());
      assert.ok(Date.now() - started < 5000);
      assert.equal(
        await text(page, '#alert'),
        'This manifest has 5,000 services, more than the 1,000 the banner reads: the banner would refuse it, and the studio does not open it. Nothing was opened; your work is unchanged.'
      );
      assert.equal(await page.$eval('#f-site-name', (i) => i.value), 'Dimelo');
    }));

  it('a 1,000-service manifest: a few thousand elements drawn, not a hundred thousand; a keystroke’s redraw is measured', (t) =>
    withStudio(async ({page}) => {
      const manifest = dimelo();
      const template = manifest.services[1];
      manifest.services = Array.from({length: 1000}, (_, i) => ({...structuredClone(template), id: `service-${i}`, name: `Service ${i}`}));
      await paste(page, JSON.stringify(manifest));
      await page.waitForFunction(() => /^Opened /.test(document.getElementById('status').textContent), {timeout: 60_000});
      const nodes = await page.evaluate(() => document.getElementsByTagName('*').length);
      assert.ok(nodes < 15_000, `${nodes} elements`);
      // A keystroke in the site's name: the check, the draw and the next frame.
      const times = await page.evaluate(async () => {
        const input = document.getElementById('f-site-name');
        const found = [];
        for (let i = 0; i < 7; i++) {
          const started = performance.now();
          input.value += 'x';
          input.dispatchEvent(new Event('input', {bubbles: true}));
          await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve)));
          found.push(performance.now() - started);
        }
        return found.sort((a, b) => a - b);
      });
      const median = times[Math.floor(times.length / 2)];
      t.diagnostic(
        `1,000 services: ${nodes} elements; a keystroke's redraw takes ${median.toFixed(0)} ms (median of ${times.length}: ${times.map((x) => x.toFixed(0)).join(', ')})`
      );
      console.log(`studio, 1,000 services at 1280×800: ${nodes} elements, keystroke redraw median ${median.toFixed(0)} ms`);
    }));
});
