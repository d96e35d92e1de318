// `data-lang` on the drop-in's <script> tag (README, “Drop it in”): it becomes the created
// <consent-banner>'s `lang`, which wins over <html lang>; one that is no language tag is named in a
// console warning and ignored (<html lang> applies). Either way nothing that needs consent runs
// before a choice. Dimelo's page, served as an English page with the attribute added.
import assert from 'node:assert/strict';
import {readFileSync} from 'node:fs';
import {after, before, describe, it} from 'node:test';
import {root} from '../node/load-core.mjs';
import {consentRequests, inBanner, inContext, ran, readManifest, startHarness, visit, waitForDialog} from './harness.mjs';

const PAGE = '/demo/dimelo/index.html';
const dimelo = readManifest('dimelo');

/** Dimelo's page in English (<html lang="en">), its drop-in with `data-lang="${lang}"`. */
const withDataLang = (lang) => ({
  [PAGE]: {
    contentType: 'text/html',
    body: readFileSync(`${root}demo/dimelo/index.html`, 'utf8')
      .replace('<html lang="fr">', '<html lang="en">')
      .replace('data-manifest="cookie-manifest.json"', `data-manifest="cookie-manifest.json" data-lang="${lang}"`),
  },
});

/** What the visitor reads: the first layer's buttons and the placeholder's button; the element's `lang`. */
const seen = async (page) => {
  await waitForDialog(page, 'banner');
  await page.waitForFunction(() => document.querySelector('consent-placeholder')?.shadowRoot?.querySelector('button'));
  return {
    buttons: await inBanner(page, (root) => [...root.querySelectorAll('[part=banner] button[data-choice]')].map((b) => b.textContent)),
    placeholder: await page.evaluate(() => document.querySelector('consent-placeholder').shadowRoot.querySelector('button').textContent),
    lang: await page.evaluate(() => document.querySelector('consent-banner').getAttribute('lang')),
  };
};
const ownWarnings = (log) => log.warnings.filter((w) => w.startsWith('consent-banner:'));

describe('data-lang on the drop-in', () => {
  let harness;
  before(async () => (harness = await startHarness()));
  after(() => harness?.close());

  it('data-lang="fr" on an English page: the element gets lang="fr", French words, only the French views fetched', () =>
    inContext(harness, {manifests: withDataLang('fr')}, async ({page, log}) => {
      await visit(page, harness.url('dimelo'));
      assert.deepEqual(await seen(page), {
        buttons: ['Tout accepter', 'Tout refuser', 'Personnaliser'],
        placeholder: 'Autoriser YouTube et charger',
        lang: 'fr',
      });
      const views = log.requests
        .filter((path) => /consent-banner-(first-layer|embeds|(other-)?words)\./.test(path))
        .map((path) => path.split('/').pop());
      assert.deepEqual(views.sort(), [
        'consent-banner-embeds.min.js',
        'consent-banner-first-layer.min.js',
        'consent-banner-other-words.fr.min.js',
        'consent-banner-words.fr.min.js',
      ]);
      assert.deepEqual(ownWarnings(log), []);
      assert.deepEqual(await ran(page), ['session']);
    }));

  it('a data-lang that is no language tag is named in one warning and ignored: <html lang> applies, nothing runs', () =>
    inContext(harness, {manifests: withDataLang('French')}, async ({page, log}) => {
      await visit(page, harness.url('dimelo'));
      assert.deepEqual(await seen(page), {
        buttons: ['Accept all', 'Reject all', 'Customise'],
        placeholder: 'Allow YouTube and load',
        lang: null,
      });
      assert.deepEqual(ownWarnings(log), [
        'consent-banner: data-lang="French" is not a language tag (such as fr or pt-BR), so it is ignored',
      ]);
      assert.deepEqual(log.errors, []);
      assert.deepEqual(await ran(page), ['session']);
      assert.deepEqual(consentRequests(log, dimelo), []);
    }));
});
