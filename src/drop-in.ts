/*
 * The drop-in (`dist/consent-banner.min.js`): one classic <script> in <head> with
 * `data-manifest`. It registers the elements, and creates <consent-banner manifest="…"> at the
 * end of <body> when the page has none. `window.consentBanner` is set by the element itself.
 */
import {defineElements} from './ui/define.js';

const manifest = (document.currentScript as HTMLScriptElement | null)?.dataset.manifest;

defineElements();

function mount() {
  if (document.querySelector('consent-banner') || manifest === undefined) return;
  const banner = document.createElement('consent-banner');
  banner.setAttribute('manifest', manifest);
  document.body.append(banner);
}

if (document.body) mount();
else document.addEventListener('DOMContentLoaded', mount, {once: true});
