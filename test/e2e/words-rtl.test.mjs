// Right to left (issue 25, part 3): Arabic and Hebrew lay the banner out right to left. The frame
// takes `dir` from the language's words, and the layouts use logical sides, so the first layer,
// the placeholder, the preferences, the declaration and the re-open control mirror; the site's
// texts whose language is not the banner's (French or English texts beside Arabic buttons) carry
// their own `lang` and `dir`; a site name holding an unclosed bidirectional isolate (U+2066–2068,
// a leftover of the security review, issue 28) sits in an element of its own and cannot turn the
// banner's own sentence around it. Dimelo's page, its drop-in given `data-lang`.
import assert from 'node:assert/strict';
import {readFileSync} from 'node:fs';
import {after, before, describe, it} from 'node:test';
import {root} from '../node/load-core.mjs';
import {consentRequests, inBanner, inContext, openAllDetails, ran, readManifest, startHarness, visit, waitForDialog} from './harness.mjs';

const dimelo = readManifest('dimelo');
const WORDS = Object.fromEntries(['ar', 'he', 'en'].map((tag) => [tag, JSON.parse(readFileSync(`${root}src/i18n/${tag}.json`, 'utf8'))]));

/** Dimelo's page (or its policy page) in `htmlLang`, its drop-in with `data-lang` (and `data-reopen`), its manifest changed by `change`. */
const dimeloIn = (dataLang, {htmlLang = 'fr', reopen = false, page = 'index', change} = {}) => ({
  [`/demo/dimelo/${page}.html`]: {
    contentType: 'text/html',
    body: readFileSync(`${root}demo/dimelo/${page}.html`, 'utf8')
      .replace('<html lang="fr">', `<html lang="${htmlLang}">`)
      .replace(
        'data-manifest="cookie-manifest.json"',
        `data-manifest="cookie-manifest.json"${dataLang ? ` data-lang="${dataLang}"` : ''}${reopen ? ' data-reopen' : ''}`
      ),
  },
  ...(change ? {'/demo/dimelo/cookie-manifest.json': change(structuredClone(dimelo))} : {}),
});

/** Boxes of the first layer: the banner, its ×, its three choices (by `data-choice`), its title. */
const firstLayer = (page) =>
  inBanner(page, (root) => {
    const box = (element) => {
      const {left, right, top, bottom} = element.getBoundingClientRect();
      return {left, right, top, bottom};
    };
    const banner = root.querySelector('[part=banner]');
    return {
      frame: {
        lang: root.querySelector('div.frame').lang,
        dir: root.querySelector('div.frame').dir,
        direction: getComputedStyle(banner).direction,
      },
      banner: box(banner),
      close: box(banner.querySelector('[part=close]')),
      accept: box(banner.querySelector('[data-choice="accept-all"]')),
      reject: box(banner.querySelector('[data-choice="reject-all"]')),
      title: box(banner.querySelector('h2')),
      // The site's texts in the banner's sentence: the category titles, each in its own element.
      purposes: [...banner.querySelectorAll('#banner-text span[lang]')].map((span) => `${span.lang} ${span.dir} ${span.textContent}`),
    };
  });

describe('right to left: Arabic and Hebrew', () => {
  let harness;
  before(async () => (harness = await startHarness()));
  after(() => harness?.close());

  for (const tag of ['ar', 'he']) {
    it(`${tag}: the first layer mirrors (× at the left, "Accept all" at the right), the site's French texts keep lang="fr" dir="ltr", nothing runs`, () =>
      inContext(harness, {manifests: dimeloIn(tag), viewport: {width: 1280, height: 800}}, async ({page, log}) => {
        await visit(page, harness.url('dimelo'));
        await waitForDialog(page, 'banner');
        const seen = await firstLayer(page);
        assert.deepEqual(seen.frame, {lang: tag, dir: 'rtl', direction: 'rtl'});
        const middle = (seen.banner.left + seen.banner.right) / 2;
        assert.ok(
          seen.close.right < middle,
          `× at ${seen.close.left}–${seen.close.right}, banner ${seen.banner.left}–${seen.banner.right}`
        );
        assert.ok(seen.accept.left > seen.reject.right - 1, `accept ${seen.accept.left}, reject ${seen.reject.right}`);
        assert.ok(seen.title.right > middle, 'the title starts at the right');
        // As common words inside the sentence, French ones (core/purpose-list.ts, issue 26).
        assert.deepEqual(seen.purposes, [
          'fr ltr mesure de performance',
          'fr ltr ciblage et publicité',
          'fr ltr partage sur les réseaux sociaux',
        ]);
        assert.deepEqual(await ran(page), ['session']);
        assert.deepEqual(consentRequests(log, dimelo), []);
      }));

    it(`${tag}: the placeholder and the preferences mirror too; the switches at the left, the titles at the right, in their own language`, () =>
      inContext(harness, {manifests: dimeloIn(tag), viewport: {width: 1280, height: 800}}, async ({page}) => {
        await visit(page, harness.url('dimelo'));
        await page.waitForFunction(() => document.querySelector('consent-placeholder')?.shadowRoot?.querySelector('button'));
        const placeholder = await page.evaluate(() => {
          const root = document.querySelector('consent-placeholder').shadowRoot;
          const frame = root.querySelector('div.frame');
          const base = root.querySelector('[part="base"]').getBoundingClientRect();
          const button = root.querySelector('button').getBoundingClientRect();
          return {
            dir: frame.dir,
            lang: frame.lang,
            // The message and its button are centred (issue 26): the box lays out right to left.
            direction: getComputedStyle(root.querySelector('p')).direction,
            buttonInside: button.left >= base.left && button.right <= base.right,
            purpose: [...root.querySelectorAll('span[lang]')].map((span) => `${span.lang} ${span.dir} ${span.textContent}`),
          };
        });
        assert.deepEqual(placeholder, {
          dir: 'rtl',
          lang: tag,
          direction: 'rtl',
          buttonInside: true,
          purpose: ['fr ltr Partage sur les réseaux sociaux'],
        });
        await page.evaluate(() => window.consentBanner.showPreferences());
        await waitForDialog(page, 'preferences');
        await openAllDetails(page);
        const preferences = await inBanner(page, (root) => {
          const dialog = root.querySelector('[part=preferences]');
          const row = dialog.querySelector('section:nth-of-type(2) .purpose');
          const title = row.querySelector('h3').getBoundingClientRect();
          const toggle = row.querySelector('input[role="switch"]').getBoundingClientRect();
          const close = dialog.querySelector('[part=close]').getBoundingClientRect();
          const box = dialog.getBoundingClientRect();
          return {
            direction: getComputedStyle(dialog).direction,
            switchAtLeft: toggle.right < title.left,
            closeAtLeft: close.right < (box.left + box.right) / 2,
            titles: [...dialog.querySelectorAll('h3 span[lang]')].map((span) => `${span.lang} ${span.dir}`),
            // Cookie names and the consent id are code: left to right whatever the UI.
            codes: [...new Set([...dialog.querySelectorAll('code')].map((code) => code.dir))],
          };
        });
        assert.deepEqual(preferences, {
          direction: 'rtl',
          switchAtLeft: true,
          closeAtLeft: true,
          titles: Array(4).fill('fr ltr'),
          codes: ['ltr'],
        });
      }));
  }

  it('he: Arabic buttons aside, a Hebrew banner over English texts marks them lang="en" dir="ltr"; the declaration and the re-open control mirror', () =>
    inContext(
      harness,
      {
        manifests: dimeloIn('he', {reopen: true, change: (m) => ({...m, site: {...m.site, languages: ['en', 'fr']}})}),
        viewport: {width: 1280, height: 800},
      },
      async ({page}) => {
        await visit(page, harness.url('dimelo'));
        await waitForDialog(page, 'banner');
        assert.deepEqual((await firstLayer(page)).purposes, [
          'en ltr performance measurement',
          'en ltr targeting and advertising',
          'en ltr social sharing',
        ]);
        await page.evaluate(() => window.consentBanner.rejectAll());
        const reopen = await page.waitForFunction(() => document.querySelector('consent-banner').shadowRoot.querySelector('[part=reopen]'));
        const placed = await reopen.evaluate((button) => {
          const {left, right} = button.getBoundingClientRect();
          // An icon button (issue 26): its name is its aria-label.
          return {text: button.getAttribute('aria-label'), lang: button.lang, atRight: left > innerWidth / 2 && right <= innerWidth};
        });
        assert.deepEqual(placed, {text: WORDS.he.reopen, lang: 'he', atRight: true});
      }
    ));

  it('ar: the declaration on the policy page is drawn right to left, the texts in their language', () =>
    inContext(harness, {manifests: dimeloIn('ar', {page: 'privacy'})}, async ({page}) => {
      await visit(page, `http://dimelo.test:${harness.port}/demo/dimelo/privacy.html`);
      await page.waitForFunction(() => document.querySelector('consent-declaration')?.shadowRoot?.querySelector('section'));
      const declaration = await page.evaluate(() => {
        const root = document.querySelector('consent-declaration').shadowRoot;
        const base = root.querySelector('[part="base"]');
        return {
          direction: getComputedStyle(base).direction,
          lang: base.lang,
          titles: [...new Set([...root.querySelectorAll('h3')].map((h3) => `${h3.lang} ${h3.dir}`))],
        };
      });
      assert.deepEqual(declaration, {direction: 'rtl', lang: 'ar', titles: ['fr ltr']});
    }));

  // The site's name is the manifest's, the sentence around it the banner's. A name with an unclosed
  // isolate (U+2067 RLI in a left-to-right sentence, U+2066 LRI in a right-to-left one) ran to the
  // end of the paragraph when it was plain text in it: the sentence's final full stop jumped to its
  // other end. In an element of its own, the isolate ends with the name.
  for (const [tag, isolate] of [
    ['en', '\u2067'],
    ['ar', '\u2066'],
    ['he', '\u2068'],
  ]) {
    it(`${tag}: a site name holding an unclosed U+${isolate.codePointAt(0).toString(16).toUpperCase()} does not turn the first layer's sentence around it`, () =>
      inContext(
        harness,
        {manifests: dimeloIn(tag, {htmlLang: tag, change: (m) => ({...m, site: {...m.site, name: `Dimelo${isolate} Shop`}})})},
        async ({page}) => {
          await visit(page, harness.url('dimelo'));
          await waitForDialog(page, 'banner');
          const order = await inBanner(page, (root) => {
            const paragraph = root.querySelector('#banner-text p');
            // The paragraph's last sentence of the banner's words (before the policy link): its full stop, and the last letter before it.
            const walker = document.createTreeWalker(paragraph, NodeFilter.SHOW_TEXT);
            let last;
            for (let node = walker.nextNode(); node; node = walker.nextNode()) if (node.textContent.includes('.')) last = node;
            const text = last.textContent;
            const stop = text.lastIndexOf('.');
            const letter = [...text.slice(0, stop).matchAll(/\p{L}/gu)].pop().index;
            const x = (from) => {
              const range = document.createRange();
              range.setStart(last, from);
              range.setEnd(last, from + 1);
              return range.getBoundingClientRect().left;
            };
            return {name: paragraph.querySelector('bdi')?.textContent, stopAfterLetter: x(stop) > x(letter)};
          });
          // The name in an element of its own, without its unbalanced control (say.ts, `isolated`).
          assert.equal(order.name, 'Dimelo Shop');
          // The full stop ends the sentence: at its right in a left-to-right language, at its left in a right-to-left one.
          assert.equal(order.stopAfterLetter, WORDS[tag].$dir === 'ltr', JSON.stringify(order));
        }
      ));
  }
});
