import {css} from './stylesheet.js';
import {REOPEN_LABELS} from './strings.js';

const styles = css`
  .reopen {
    position: fixed;
    left: 0.5rem;
    bottom: 0.5rem;
    z-index: 2147483645;
    min-height: 2.75rem;
    padding: 0.5rem 1rem;
    font: 600 0.875rem/1.2 var(--consent-font, system-ui, sans-serif);
    color: var(--consent-button-text, #fff);
    background: var(--consent-button-background, #0b3d91);
    border: 2px solid currentColor;
    border-radius: 1.5rem;
    cursor: pointer;
  }
  .reopen:focus-visible {
    outline: 3px solid var(--consent-focus, #0b57d0);
    outline-offset: 2px;
  }
`;

/*
 * The `reopen` module (`dist/consent-banner-reopen.<language>.min.js`): what the loader fetches
 * for a returning visitor when the banner has the `reopen` attribute.
 */

/**
 * The persistent re-open control (the `reopen` attribute, R26): a small "Cookie settings" button
 * in a corner of the page, in the UI's language, that opens the preferences. The loader asks for
 * it once the visitor has answered, and removes it while the banner asks.
 */
export function drawReopen(element: HTMLElement, language: string, open: () => void) {
  const root = element.shadowRoot!;
  const button = document.createElement('button');
  button.className = 'reopen';
  button.type = 'button';
  button.lang = language in REOPEN_LABELS ? language : Object.keys(REOPEN_LABELS)[0];
  button.textContent = REOPEN_LABELS[button.lang];
  button.setAttribute('part', 'reopen');
  button.addEventListener('click', open);
  root.adoptedStyleSheets = [...root.adoptedStyleSheets, styles];
  root.prepend(button);
}
