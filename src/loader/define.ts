import {ConsentBanner} from './consent-banner.js';

/*
 * Registers the elements. Idempotent: a page that includes the drop-in twice, or the drop-in
 * and the npm module, keeps the first definition instead of throwing.
 */

declare global {
  interface HTMLElementTagNameMap {
    'consent-banner': ConsentBanner;
  }
}

/** Defines `<consent-banner>` unless it is defined already. */
export function defineElements(registry: CustomElementRegistry = customElements) {
  if (!registry.get('consent-banner')) registry.define('consent-banner', ConsentBanner);
}
