/*
 * The drop-in (`dist/consent-banner.min.js`): one classic <script> in <head> with
 * `data-manifest`. It holds the loader only: the manifest's check, the stored choice, the script
 * gate, Consent Mode and the other tabs. The session (`consent-banner-session.min.js`), the
 * views (`consent-banner-first-layer.min.js`, `consent-banner-preferences.min.js`, …) and their
 * words (`consent-banner-words.<language>.min.js`, `consent-banner-other-words.<language>.min.js`) are fetched from beside it only when needed
 * (loader/modules.ts; README, “Drop it in”). It creates <consent-banner manifest="…"> at the end
 * of <body> when the page has none.
 */
import {isLanguageTag} from './core/language.js';
import {defineElements} from './loader/define.js';
import {prefetch} from './loader/prefetch.js';
import {lend} from './loader/lent.js';
import {setModuleSource} from './loader/modules.js';
import type {Modules} from './loader/modules.js';

const script = document.currentScript as HTMLScriptElement | null;
const manifest = script?.dataset.manifest;
const base = script?.src || location.href;
// data-lang becomes the element's `lang`, ahead of <html lang> (README, “Drop it in”); one that is
// no language tag is named and ignored: the next source applies.
let lang = script?.dataset.lang;
if (lang !== undefined && !isLanguageTag(lang)) {
  console.warn(`consent-banner: data-lang="${lang}" is not a language tag (such as fr or pt-BR), so it is ignored`);
  lang = undefined;
}

// What the fetched modules borrow from the loader (loader/lent.ts), lent before any is fetched.
lend();
// Each module beside the drop-in; the words (two modules) one file per language. A variable specifier: rollup
// leaves this import() to the browser.
setModuleSource(
  (name, language) =>
    import(new URL(`consent-banner-${name}${language ? '.' + language : ''}.min.js`, base).href) as Promise<Modules[typeof name]>
);
defineElements();

function mount() {
  if (document.querySelector('consent-banner') || manifest === undefined) return;
  const banner = document.createElement('consent-banner');
  // data-layout, data-theme, data-reopen and data-accent on the script tag become the element's attributes.
  for (const name of ['layout', 'theme', 'reopen', 'accent']) {
    const value = script!.getAttribute(`data-${name}`);
    if (value !== null) banner.setAttribute(name, value);
  }
  if (lang) banner.lang = lang;
  banner.setAttribute('manifest', manifest);
  document.body.append(banner);
}

if (document.body) mount();
else {
  // The manifest is fetched while the page is still parsing; the element takes it over.
  if (manifest && !manifest.startsWith('#')) prefetch(manifest, lang, 'accent' in script!.dataset);
  document.addEventListener('DOMContentLoaded', mount, {once: true});
}
