// `npm run shots`: the gallery (docs/gallery/, PNG) and the README's screenshot of the studio
// (docs/studio.png), the one screenshot script. Every view a visitor or a site owner sees, on
// Dimelo's demo page, in French and English, at 1280 × 800, 390 × 844 and 360 × 640:
// - the first layer in every layout (bar, box, modal, cloud), light and dark, and the bar in
//   three accents (`data-accent`);
// - the preferences, folded and unfolded; the YouTube placeholder, small (320 × 180) and large
//   (560 × 315); the declaration (Dimelo's policy page); the re-open control after a choice;
// - the studio with the Dimelo seed open, its preview in that language.
// Files: docs/gallery/<view>-<language>-<width>x<height>.png. Run after `npm run build` (the npm
// script builds first). `node scripts/shots.mjs reopen placeholder` retakes only the views whose
// names start with one of those words (`studio` for the studio's), leaving the other pictures. It drives the system Chromium through the end-to-end harness
// (test/e2e/harness.mjs: the demo served on its own host names, a fresh context a view).
import {mkdirSync, readFileSync, rmSync} from 'node:fs';
import {inContext, openAllDetails, settle, startHarness, visit, waitForDialog} from '../test/e2e/harness.mjs';
import {root} from '../test/node/load-core.mjs';

const GALLERY = `${root}docs/gallery`;
const SIZES = [
  [1280, 800],
  [390, 844],
  [360, 640],
];
const LANGUAGES = ['fr', 'en'];
const LAYOUTS = ['bar', 'box', 'modal', 'cloud'];
/** Three brands: Dimelo's magenta, a yellow (black text on its buttons), a dark green. */
const ACCENTS = {magenta: '#a4154a', yellow: '#f5c400', green: '#0b6e4f'};

/** Dimelo's page (`page`: index or privacy) in `lang`, its drop-in given `attributes`, served in place of the file. */
const dimelo = (page, lang, attributes = '') => ({
  [`/demo/dimelo/${page}.html`]: {
    contentType: 'text/html',
    body: readFileSync(`${root}demo/dimelo/${page}.html`, 'utf8')
      .replace('<html lang="fr">', `<html lang="${lang}">`)
      .replace('data-manifest="cookie-manifest.json"', `data-manifest="cookie-manifest.json" ${attributes}`),
  },
});

const firstLayerOpen = (page) =>
  page.waitForFunction(() => document.querySelector('consent-banner')?.shadowRoot?.querySelector('[part~=banner][open]'), {timeout: 15000});
/** A moment for fonts and transitions after the last change. */
const still = (page) => page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 150))));

/** Each view: its name, the page, the drop-in's attributes, the colour scheme, and what to do before the shot. */
const VIEWS = [
  ...LAYOUTS.flatMap((layout) =>
    ['light', 'dark'].map((scheme) => ({
      name: `first-layer-${layout}-${scheme}`,
      attributes: `data-layout="${layout}"`,
      scheme,
      ready: firstLayerOpen,
    }))
  ),
  ...Object.entries(ACCENTS).map(([accent, colour]) => ({
    name: `first-layer-bar-accent-${accent}`,
    attributes: `data-accent="${colour}"`,
    ready: firstLayerOpen,
  })),
  {
    name: 'preferences-folded',
    ready: async (page) => {
      await firstLayerOpen(page);
      await page.evaluate(() => window.consentBanner.showPreferences());
      await waitForDialog(page, 'preferences');
    },
  },
  {
    name: 'preferences-unfolded',
    ready: async (page) => {
      await firstLayerOpen(page);
      await page.evaluate(() => window.consentBanner.showPreferences());
      await waitForDialog(page, 'preferences');
      await openAllDetails(page);
    },
  },
  {
    name: 'placeholder-small',
    element: 'consent-placeholder',
    ready: async (page) => {
      await page.evaluate(() => window.consentBanner.save({categories: {performance: false, advertising: false, social: false}}));
      await page.waitForSelector('consent-placeholder');
    },
  },
  {
    name: 'placeholder-large',
    element: 'consent-placeholder',
    html: (html) => html.replace('width="320" height="180"', 'width="560" height="315"'),
    ready: async (page) => {
      await page.evaluate(() => window.consentBanner.save({categories: {performance: false, advertising: false, social: false}}));
      await page.waitForSelector('consent-placeholder');
    },
  },
  {
    name: 'declaration',
    page: 'privacy',
    ready: (page) =>
      page.waitForFunction(() => document.querySelector('consent-declaration')?.shadowRoot?.querySelector('section, table, h2'), {
        timeout: 15000,
      }),
  },
  {
    name: 'reopen',
    ready: async (page) => {
      await page.evaluate(() => window.consentBanner.save({categories: {performance: true, advertising: false, social: false}}));
      await page.waitForFunction(() => document.querySelector('consent-banner')?.shadowRoot?.querySelector('[part="reopen"]'), {
        timeout: 15000,
      });
      // At the end of the page, where the page leaves it room (README, "Styling": `reopen`); above
      // that, the page's text scrolls under it as under any fixed control. Once the scripts the
      // choice allows have run: the demo's panel grows as they do.
      await settle(page);
      await page.evaluate(() => scrollTo(0, document.documentElement.scrollHeight));
    },
  },
];
/** The views to retake (`node scripts/shots.mjs <name>…`): every one when none is named. */
const only = process.argv.slice(2);
const asked = (name) => !only.length || only.some((word) => name.startsWith(word));

const harness = await startHarness();
let count = 0;
try {
  if (!only.length) rmSync(GALLERY, {recursive: true, force: true});
  mkdirSync(GALLERY, {recursive: true});
  for (const [width, height] of SIZES) {
    for (const lang of LANGUAGES) {
      for (const view of VIEWS.filter((view) => asked(view.name))) {
        const served = dimelo(view.page ?? 'index', lang, view.attributes);
        if (view.html) for (const file of Object.values(served)) file.body = view.html(file.body);
        const media = [{name: 'prefers-color-scheme', value: view.scheme ?? 'light'}];
        await inContext(harness, {viewport: {width, height}, media, manifests: served}, async ({page}) => {
          await visit(page, harness.url('dimelo').replace('index.html', `${view.page ?? 'index'}.html`));
          await view.ready(page);
          await still(page);
          const path = `${GALLERY}/${view.name}-${lang}-${width}x${height}.png`;
          const target = view.element ? await page.$(view.element) : page;
          // In the middle of the screen: not under the re-open control that a choice draws in a corner.
          if (view.element) await target.evaluate((element) => element.scrollIntoView({block: 'center'}));
          await target.screenshot({path});
          count++;
        });
      }
      // The studio: the Dimelo seed open, its preview in this language.
      if (asked('studio'))
        await inContext(harness, {viewport: {width, height}}, async ({page}) => {
          // Opening the seed over a draft asks first (a confirm): the gallery says yes.
          page.on('dialog', (dialog) => dialog.accept());
          await page.goto(`http://127.0.0.1:${harness.port}/studio/`, {waitUntil: 'load'});
          await page.waitForSelector('#catalogue-service');
          await page.click('#open-seed');
          await page.waitForFunction(() => /^Opened /.test(document.getElementById('status').textContent));
          await page.select('#preview-language', lang);
          const frame = page.frames().find((f) => f.url().endsWith('/studio/preview.html'));
          // Polled by time: below the fold on a phone, the preview frame draws no animation frames.
          await frame.waitForFunction(() => document.querySelector('consent-banner')?.shadowRoot?.querySelector('[part=banner][open] h2'), {
            polling: 100,
          });
          await still(page);
          await page.screenshot({path: `${GALLERY}/studio-${lang}-${width}x${height}.png`});
          count++;
        });
    }
  }
  // The README's screenshot: the studio at a desktop's width, tall enough for the check and the preview, in English.
  if (asked('studio'))
    await inContext(harness, {viewport: {width: 1440, height: 1580}}, async ({page}) => {
      await page.goto(`http://127.0.0.1:${harness.port}/studio/`, {waitUntil: 'load'});
      await page.waitForSelector('#catalogue-service');
      await page.click('#open-seed');
      await page.waitForFunction(() => /^Opened /.test(document.getElementById('status').textContent));
      await page.select('#preview-language', 'en');
      const frame = page.frames().find((f) => f.url().endsWith('/studio/preview.html'));
      await frame.waitForFunction(
        () => document.querySelector('consent-banner')?.shadowRoot?.querySelector('dialog[open] h2')?.textContent === 'Cookies on Dimelo'
      );
      await still(page);
      await page.screenshot({path: `${root}docs/studio.png`});
    });
  console.log(`${count} screenshots in docs/gallery/${asked('studio') ? ', and docs/studio.png' : ''}`);
} finally {
  await harness.close();
}
