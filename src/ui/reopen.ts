import {css} from './stylesheet.js';
import {frameOf} from './frame.js';
import {paintAccent} from './accent.js';
import type {Words} from '../view-contract.js';

// In the banner's frame (frame.ts), whose `dir` it takes. Lengths in the button's own `em`, whose
// text is 0.875 of the frame's.
const styles = css`
  .reopen {
    position: fixed;
    inset-inline-start: calc(0.5em / 0.875);
    bottom: calc(0.5em / 0.875);
    z-index: 2147483645;
    min-height: calc(2.75em / 0.875);
    padding: calc(0.5em / 0.875) calc(1em / 0.875);
    font: 600 0.875em/1.2 var(--consent-font, system-ui, sans-serif);
    color: var(--consent-button-text, var(--_a-buttonText));
    background: var(--consent-button-background, var(--_a-button));
    border: 2px solid currentColor;
    border-radius: calc(1.5em / 0.875);
    cursor: pointer;
  }
  .reopen:focus-visible {
    outline: 3px solid var(--consent-focus, var(--_a-focus));
    outline-offset: 2px;
  }
`;

/*
 * The `reopen` module (`dist/consent-banner-reopen.min.js`, fetched with the words of its
 * language): what the loader fetches for a returning visitor when the banner has the `reopen`
 * attribute.
 */

/**
 * The persistent re-open control (the `reopen` attribute, R26): a small "Cookie settings" button
 * in a corner of the page, in the UI's language, that opens the preferences. The loader asks for
 * it once the visitor has answered, and removes it while the banner asks.
 */
export function drawReopen(element: HTMLElement, words: Words, open: () => void) {
  const root = element.shadowRoot!;
  const button = document.createElement('button');
  button.className = 'reopen';
  button.type = 'button';
  button.lang = words.$code;
  button.textContent = words.reopen;
  button.setAttribute('part', 'reopen');
  button.addEventListener('click', open);
  const frame = frameOf(root, words);
  root.adoptedStyleSheets = [...root.adoptedStyleSheets, styles];
  frame.prepend(button);
  paintAccent(element, frame);
}
