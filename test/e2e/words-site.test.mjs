// A site's own language (issue 25, part 5): a manifest's `words` gives the banner's words for a
// language it lacks (here Catalan, test/fixtures/words.ca.json), fetched beside the views and
// checked as the built-in files are. Bad input gets one clear console message, the best language
// the banner has (never an empty label), and nothing that needs consent runs before a choice: a
// words file that cannot be fetched, lacks a key or holds markup; a page in a language the
// banner has no words for, right to left or not; a `lang` that is no language tag; an entry for a
// built-in language, which keeps its own words. Dimelo's page (its texts in fr and en); buttons
// found by data-choice.
import assert from 'node:assert/strict';
import {readFileSync} from 'node:fs';
import {after, before, describe, it} from 'node:test';
import {root} from '../node/load-core.mjs';
import {consentRequests, inBanner, inContext, ran, readManifest, startHarness, visit, waitForDialog} from './harness.mjs';

const dimelo = readManifest('dimelo');
const ca = JSON.parse(readFileSync(`${root}test/fixtures/words.ca.json`, 'utf8'));
const fr = JSON.parse(readFileSync(`${root}src/i18n/fr.json`, 'utf8'));
const en = JSON.parse(readFileSync(`${root}src/i18n/en.json`, 'utf8'));
const WORDS_PATH = '/demo/dimelo/words.ca.json';

/** Dimelo's page in `htmlLang`, its manifest with `words` (Catalan beside it by default), the words file served as `file`. */
const site = ({htmlLang = 'ca', words = {ca: 'words.ca.json'}, file = ca} = {}) => ({
  '/demo/dimelo/index.html': {
    contentType: 'text/html',
    body: readFileSync(`${root}demo/dimelo/index.html`, 'utf8').replace('<html lang="fr">', `<html lang="${htmlLang}">`),
  },
  '/demo/dimelo/cookie-manifest.json': {...structuredClone(dimelo), words},
  [WORDS_PATH]: file,
});

/** What the visitor reads: the first layer's frame and choices (by data-choice), and its title. */
const seen = async (page) => {
  await waitForDialog(page, 'banner');
  return inBanner(page, (root) => {
    const frame = root.querySelector('div.frame');
    const banner = root.querySelector('[part=banner]');
    return {
      lang: frame.lang,
      dir: frame.dir,
      choices: ['accept-all', 'reject-all', 'customise'].map((choice) => banner.querySelector(`[data-choice="${choice}"]`).textContent),
      title: banner.querySelector('h2').textContent,
    };
  });
};
const ownWarnings = (log) => log.warnings.filter((w) => w.startsWith('consent-banner:'));
/** Nothing ran but the site's own session script, and no consent service was even requested. */
const nothingRan = async (page, log) => {
  assert.deepEqual(await ran(page), ['session']);
  assert.deepEqual(consentRequests(log, dimelo), []);
};

describe('a site’s own language: the manifest’s `words`', () => {
  let harness;
  before(async () => (harness = await startHarness()));
  after(() => harness?.close());

  it('a Catalan page gets the site’s Catalan words, checked against the English ones; no message, nothing runs', () =>
    inContext(harness, {manifests: site()}, async ({page, log}) => {
      await visit(page, harness.url('dimelo'));
      assert.deepEqual(await seen(page), {
        lang: 'ca',
        dir: 'ltr',
        choices: [ca.acceptAll, ca.rejectAll, ca.customise],
        title: 'Galetes a Dimelo',
      });
      await page.waitForFunction(() => document.querySelector('consent-placeholder')?.shadowRoot?.querySelector('button'));
      assert.equal(
        await page.evaluate(() => document.querySelector('consent-placeholder').shadowRoot.querySelector('button').textContent),
        'Permetre YouTube i carregar'
      );
      // The site's file, the module that checks it, and English as the reference; no other language's words.
      const words = log.requests.filter((path) => /words/.test(path)).map((path) => path.split('/').pop());
      assert.deepEqual([...new Set(words)].sort(), [
        'consent-banner-other-words.en.min.js',
        'consent-banner-site-words.min.js',
        'consent-banner-words.en.min.js',
        'words.ca.json',
      ]);
      assert.deepEqual(ownWarnings(log), []);
      assert.deepEqual(log.errors, []);
      await nothingRan(page, log);
    }));

  // [what is wrong, the words file served, what the one message says]
  for (const [what, file, says] of [
    [
      'cannot be fetched (404)',
      {status: 404, body: 'Not found', contentType: 'text/plain'},
      /cannot use the words for ca: could not load .*words\.ca\.json \(HTTP 404\), so it speaks fr$/,
    ],
    [
      'is not JSON',
      {status: 200, body: '{"$code": "ca",', contentType: 'application/json'},
      /cannot use the words for ca: .*words\.ca\.json is not valid JSON .*, so it speaks fr$/,
    ],
    [
      'lacks a key',
      (() => {
        const {rejectAll, ...rest} = ca;
        return rest;
      })(),
      /cannot use the words for ca in .*words\.ca\.json \(rejectAll: is missing\), so it speaks fr$/,
    ],
    ['leaves a key empty', {...ca, close: ''}, /\(close: must be a non-empty text\), so it speaks fr$/],
    [
      'holds markup',
      {...ca, acceptAll: '<img src=x onerror=alert(1)>Acceptar'},
      /\(acceptAll: must be plain text, not markup\), so it speaks fr$/,
    ],
  ]) {
    it(`a words file that ${what}: one message naming it, the banner in the best language it has (French), nothing runs`, () =>
      inContext(harness, {manifests: site({file})}, async ({page, log}) => {
        await visit(page, harness.url('dimelo'));
        assert.deepEqual(await seen(page), {
          lang: 'fr',
          dir: 'ltr',
          choices: [fr.acceptAll, fr.rejectAll, fr.customise],
          title: 'Les cookies sur Dimelo',
        });
        const warnings = ownWarnings(log);
        assert.equal(warnings.length, 1, warnings.join('\n'));
        assert.match(warnings[0], says);
        assert.equal(await page.evaluate(() => document.querySelectorAll('img[src="x"]').length), 0);
        await nothingRan(page, log);
      }));
  }

  // [the page's language, what the one message says, the language the banner speaks instead]. A
  // language it has no words for: the site's first (French); a lang that is no language tag is
  // passed over for the browser's languages (the test browser's: English).
  for (const [lang, says, speaks] of [
    ['sw', 'it has no words for <html lang>="sw" (en, fr, de, ', 'fr'],
    ['fa', 'it has no words for <html lang>="fa" (en, fr, de, ', 'fr'],
    ['French', '<html lang>="French" is not a language tag (such as fr or pt-BR), so it is ignored', 'en'],
  ]) {
    it(`a page in lang="${lang}": one message, the banner in the best language it has (${speaks}), left to right, nothing runs`, () =>
      inContext(harness, {manifests: site({htmlLang: lang})}, async ({page, log}) => {
        await visit(page, harness.url('dimelo'));
        const t = speaks === 'fr' ? fr : en;
        assert.deepEqual(await seen(page), {
          lang: speaks,
          dir: 'ltr',
          choices: [t.acceptAll, t.rejectAll, t.customise],
          title: t.bannerTitle.replace('{site}', 'Dimelo'),
        });
        const warnings = ownWarnings(log);
        assert.equal(warnings.length, 1, warnings.join('\n'));
        assert.ok(warnings[0].startsWith(`consent-banner: ${says}`), warnings[0]);
        if (lang !== 'French')
          assert.ok(warnings[0].endsWith("ca; a manifest can give its own, README “A site's own language”), so it speaks fr"), warnings[0]);
        await nothingRan(page, log);
      }));
  }

  it('an entry for a built-in language is not used: the banner keeps its French (validate and the studio warn of it)', () =>
    inContext(harness, {manifests: site({htmlLang: 'fr', words: {fr: 'words.ca.json'}})}, async ({page, log}) => {
      await visit(page, harness.url('dimelo'));
      assert.deepEqual(await seen(page), {
        lang: 'fr',
        dir: 'ltr',
        choices: [fr.acceptAll, fr.rejectAll, fr.customise],
        title: 'Les cookies sur Dimelo',
      });
      assert.deepEqual(ownWarnings(log), []);
      assert.ok(!log.requests.includes(WORDS_PATH), 'the file was fetched');
      assert.ok(!log.requests.some((path) => path.includes('site-words')), 'the module that checks a site’s words was fetched');
      await nothingRan(page, log);
    }));

  it('a right-to-left language of the site’s own is drawn right to left, from its $dir', () =>
    inContext(
      harness,
      {manifests: site({htmlLang: 'ur', words: {ur: 'words.ca.json'}, file: {...ca, $code: 'ur', $dir: 'rtl', $name: 'اردو'}})},
      async ({page, log}) => {
        await visit(page, harness.url('dimelo'));
        const {lang, dir} = await seen(page);
        assert.deepEqual({lang, dir}, {lang: 'ur', dir: 'rtl'});
        assert.deepEqual(ownWarnings(log), []);
        await nothingRan(page, log);
      }
    ));
});
