import {ConsentBanner} from './consent-banner.js';
import {ElementBase} from './element-base.js';

/**
 * The cookie declaration for a privacy-policy page: every category with its legal basis, every
 * service with its provider and policy, every cookie with its lifetime and purpose, and the
 * visitor's current choice with a button to change it. It reads the manifest of the page's
 * `<consent-banner>`; with a `manifest` attribute and no banner on the page, it creates one. On a
 * site that needs no banner it offers the opt-out of exempt audience measurement (R31).
 *
 * @summary The full cookie table, from the same manifest as the banner.
 * @attr manifest - Used only when the page has no `<consent-banner>`: the manifest to create one with.
 * @csspart base - The declaration.
 * @csspart choice - The "Change my choices" button.
 * @cssprop --consent-background - Background of the declaration.
 * @cssprop --consent-text - Text colour.
 * @cssprop --consent-accent - Link colour.
 * @cssprop --consent-focus - Focus ring.
 * @cssprop --consent-radius - Corner radius.
 * @cssprop --consent-font - Font family.
 */
export class ConsentDeclaration extends ElementBase {
  #drawn: Promise<unknown> = Promise.resolve();

  constructor() {
    super();
    this.attachShadow({mode: 'open'});
  }

  connectedCallback() {
    document.addEventListener('consent-ready', this.#refresh);
    document.addEventListener('consent-change', this.#refresh);
    const manifest = this.getAttribute('manifest');
    if (!document.querySelector('consent-banner') && manifest) {
      const banner = document.createElement('consent-banner');
      banner.setAttribute('manifest', manifest);
      document.body.append(banner);
    }
    this.#refresh();
  }

  disconnectedCallback() {
    document.removeEventListener('consent-ready', this.#refresh);
    document.removeEventListener('consent-change', this.#refresh);
  }

  /** Resolves when the declaration shows the current state. */
  get updateComplete(): Promise<boolean> {
    const banner = document.querySelector('consent-banner');
    return (banner ? banner.updateComplete : Promise.resolve(true)).then(() => this.#drawn).then(() => true);
  }

  #refresh = () => {
    const banner = document.querySelector('consent-banner');
    const session = banner && ConsentBanner.sessionOf(banner);
    if (session) this.#drawn = session.then((s) => s?.declare(this));
  };
}
