// Long words fit (issue 25, part 4), in every language of UI_LANGUAGES: the first layer, the
// preferences (every service unfolded) and a blocked embed's placeholder, at 320 × 568 and at
// 1280 × 800 zoomed to 200 % (640 × 400 CSS px). No button, link, label, summary, heading or
// table heading is clipped or spills out of its dialog, nothing scrolls sideways, the choices
// stay in view; and the words are the language's own: its buttons, and no English sentence left.
// One page per size: the banner is switched from one language to the next in the page (its
// `lang`, then its manifest set again), as a single-page site that changes language does.
import assert from 'node:assert/strict';
import {readFileSync} from 'node:fs';
import {after, before, describe, it} from 'node:test';
import {loadCore, root} from '../node/load-core.mjs';
import {inBanner, inContext, openAllDetails, speak, startHarness, visit, waitForDialog} from './harness.mjs';

const {UI_LANGUAGES} = await loadCore('src/core/language.ts');
const WORDS = Object.fromEntries(UI_LANGUAGES.map((tag) => [tag, JSON.parse(readFileSync(`${root}src/i18n/${tag}.json`, 'utf8'))]));
/** English sentences and labels a visitor would notice if left untranslated (the short ones may coincide: "Cookie"). */
const ENGLISH = Object.entries(WORDS.en)
  .filter(([key, text]) => !key.startsWith('$') && typeof text === 'string' && text.replace(/\{\w+\}/g, '').length >= 12)
  .map(([, text]) =>
    text
      .split(/\{\w+\}/)
      .sort((a, b) => b.length - a.length)[0]
      .trim()
  );

/**
 * What does not fit in the open dialog of `root` (the banner's shadow root, or a placeholder's):
 * a control or label whose text is wider than its box, or taller where it does not scroll, or
 * that reaches out of its dialog; and whether the page scrolls sideways.
 */
const misfits = (root) => {
  const box =
    root.querySelector('[part=preferences][open]') ?? root.querySelector('[part=banner][open]') ?? root.querySelector('[part="base"]');
  const edge = box.getBoundingClientRect();
  const out = [];
  for (const element of box.querySelectorAll('button, a, summary, label, h2, h3, th, .always')) {
    const rect = element.getBoundingClientRect();
    if (!rect.width) continue; // unfolded away
    const name = `${element.localName} “${(element.getAttribute('aria-label') ?? element.textContent).trim().replace(/\s+/g, ' ').slice(0, 40)}”`;
    if (element.scrollWidth > element.clientWidth + 1 && element.clientWidth)
      out.push(`${name}: ${element.scrollWidth} px of text in ${element.clientWidth}`);
    if (
      element.localName !== 'a' &&
      element.clientHeight &&
      element.scrollHeight > element.clientHeight + 1 &&
      getComputedStyle(element).overflowY !== 'visible'
    )
      out.push(`${name}: ${element.scrollHeight} px high in ${element.clientHeight}`);
    if (rect.left < edge.left - 1 || rect.right > edge.right + 1)
      out.push(
        `${name}: out of its box (${Math.round(rect.left)}–${Math.round(rect.right)} in ${Math.round(edge.left)}–${Math.round(edge.right)})`
      );
  }
  // The choices (and a placeholder's button) are on screen: whatever scrolls, they do not.
  for (const choice of box.querySelectorAll(':scope > [part=actions] button, :scope > button')) {
    const rect = choice.getBoundingClientRect();
    const clip = box.getBoundingClientRect();
    if (rect.top < Math.max(0, clip.top) - 1 || rect.bottom > Math.min(innerHeight, clip.bottom) + 1)
      out.push(`${choice.textContent.trim()}: not in view`);
  }
  if (document.documentElement.scrollWidth > innerWidth)
    out.push(`the page scrolls sideways (${document.documentElement.scrollWidth} px in ${innerWidth})`);
  return out;
};

/** Every text the visitor reads in the banner's dialogs and the placeholder, the accessible names of the × buttons included. */
const shown = (page) =>
  page.evaluate(() => {
    const roots = [
      document.querySelector('consent-banner').shadowRoot,
      ...[...document.querySelectorAll('consent-placeholder')].map((p) => p.shadowRoot),
    ];
    return roots
      .flatMap((root) => [...root.querySelectorAll('dialog[open], [part="base"]')])
      .flatMap((node) => [node.textContent, ...[...node.querySelectorAll('[aria-label]')].map((e) => e.getAttribute('aria-label'))])
      .join('\n')
      .replace(/\s+/g, ' ');
  });

/** The lifetimes the preferences show: in each cookie table, the cells of the column headed `heading` (the language's `cookieDuration`). */
const lifetimesShown = (root, heading) =>
  [...root.querySelectorAll('[part=preferences] table')].flatMap((table) => {
    const column = [...table.querySelectorAll('thead th')].findIndex((th) => th.textContent.trim() === heading);
    return [...table.querySelectorAll('tbody tr')].map((row) => row.children[column].textContent.trim());
  });
/** The manifest's `P13M` as a visitor of these languages reads it (test/node/duration-units.test.mjs says every form). */
const LIFETIME_13M = {en: '13 months', ga: '13 mí', is: '13 mánuðir', mt: '13-il xahar'};
const ENGLISH_UNIT = /\b(years?|months?|weeks?|days?|hours?|minutes?|seconds?)\b/i;

describe('long words fit, in every language of UI_LANGUAGES', () => {
  let harness;
  before(async () => (harness = await startHarness()));
  after(() => harness?.close());

  for (const [label, viewport] of [
    ['320 × 568', {width: 320, height: 568}],
    ['1280 × 800 at 200 % (640 × 400 CSS px)', {width: 640, height: 400, deviceScaleFactor: 2}],
  ]) {
    it(`at ${label}: the first layer, the preferences unfolded and the placeholder of each language fit, in the language's own words`, () =>
      inContext(harness, {viewport}, async ({page}) => {
        await visit(page, harness.url('dimelo'));
        const faults = [];
        for (const tag of UI_LANGUAGES) {
          await speak(page, tag);
          const t = WORDS[tag];
          const buttons = await inBanner(page, (root) =>
            ['accept-all', 'reject-all', 'customise'].map(
              (choice) => root.querySelector(`[part=banner] [data-choice="${choice}"]`).textContent
            )
          );
          assert.deepEqual(buttons, [t.acceptAll, t.rejectAll, t.customise], `${tag}: the first layer's buttons`);
          faults.push(...(await inBanner(page, misfits)).map((fault) => `${tag} first layer: ${fault}`));

          await page.waitForFunction(
            (tag) => document.querySelector('consent-placeholder')?.shadowRoot?.querySelector('div.frame')?.lang === tag,
            {timeout: 5000},
            tag
          );
          const placeholder = await page.evaluateHandle(() => document.querySelector('consent-placeholder').shadowRoot);
          await placeholder.evaluate((root) => root.host.scrollIntoView({block: 'start'}));
          faults.push(...(await page.evaluate(misfits, placeholder)).map((fault) => `${tag} placeholder: ${fault}`));
          await placeholder.dispose();

          await page.evaluate(() => window.consentBanner.showPreferences());
          await waitForDialog(page, 'preferences');
          await openAllDetails(page);
          faults.push(...(await inBanner(page, misfits)).map((fault) => `${tag} preferences: ${fault}`));
          // R16: the cookies' lifetimes in the language too; where Chromium's Intl has no unit
          // words for it (ga, is, mt), from its words file's `units`, no English unit left there
          // (only there: French says "minutes" too).
          const lifetimes = await inBanner(page, lifetimesShown, t.cookieDuration);
          assert.ok(lifetimes.length >= 20, `${tag}: ${lifetimes.length} lifetimes`);
          if (LIFETIME_13M[tag]) assert.ok(lifetimes.includes(LIFETIME_13M[tag]), `${tag}: ${lifetimes.join(' | ')}`);
          if (LIFETIME_13M[tag] && tag !== 'en')
            assert.deepEqual(
              lifetimes.filter((said) => ENGLISH_UNIT.test(said)),
              [],
              `${tag}: lifetimes in English`
            );

          if (tag !== 'en') {
            const text = await shown(page);
            const left = ENGLISH.filter(
              (english) => text.includes(english) && !Object.values(t).some((own) => typeof own === 'string' && own.includes(english))
            );
            assert.deepEqual(left, [], `${tag}: English left in the views`);
          }
          await inBanner(page, (root) => root.querySelector('[part=preferences]').close());
        }
        assert.deepEqual(faults, []);
      }));
  }
});
