import {ConsentBanner} from './consent-banner.js';
import {ConsentDeclaration} from './consent-declaration.js';

/*
 * Registers the elements. Idempotent: a page that includes the drop-in twice, or the drop-in
 * and the npm module, keeps the first definition instead of throwing.
 */

declare global {
  interface HTMLElementTagNameMap {
    'consent-banner': ConsentBanner;
    'consent-declaration': ConsentDeclaration;
  }
}

/** Defines `<consent-banner>` and `<consent-declaration>` unless they are defined already. */
export function defineElements(registry: CustomElementRegistry = customElements) {
  if (!registry.get('consent-banner')) registry.define('consent-banner', ConsentBanner);
  if (!registry.get('consent-declaration')) registry.define('consent-declaration', ConsentDeclaration);
}
