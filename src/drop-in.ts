/*
 * The drop-in (`dist/consent-banner.min.js`): one classic <script> in <head> with
 * `data-manifest`. It holds the loader only (manifest, decision, stored choice, script gate,
 * cookie cleaner; no Lit). The UI comes from `consent-banner-ui.<language>.min.js` beside it, fetched only
 * when something must be shown. It creates <consent-banner manifest="…"> at the end of <body>
 * when the page has none.
 */
import {defineElements} from './loader/define.js';
import {setUiLoader} from './loader/ui-loader.js';
import type {UiModule} from './loader/ui-loader.js';

const script = document.currentScript as HTMLScriptElement | null;
const manifest = script?.dataset.manifest;
const base = script?.src || location.href;

// One UI file per language, beside the drop-in. A variable specifier: rollup leaves this
// import() to the browser.
setUiLoader(
  (language) => import(new URL(`consent-banner-ui.${language}.min.js`, base).href) as Promise<UiModule>
);
defineElements();

function mount() {
  if (document.querySelector('consent-banner') || manifest === undefined) return;
  const banner = document.createElement('consent-banner');
  // data-layout, data-theme and data-reopen on the script tag become the element's attributes.
  for (const name of ['layout', 'theme', 'reopen']) {
    const value = script!.getAttribute(`data-${name}`);
    if (value !== null) banner.setAttribute(name, value);
  }
  banner.setAttribute('manifest', manifest);
  document.body.append(banner);
}

if (document.body) mount();
else {
  // Fetch the manifest while the page is still parsing; the element's own fetch reuses it.
  if (manifest && !manifest.startsWith('#')) {
    const preload = document.createElement('link');
    preload.rel = 'preload';
    preload.as = 'fetch';
    preload.crossOrigin = 'anonymous';
    preload.href = manifest;
    document.head.append(preload);
  }
  document.addEventListener('DOMContentLoaded', mount, {once: true});
}
