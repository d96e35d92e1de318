import {css} from './stylesheet.js';
import {frameOf} from './frame.js';
import type {Words} from '../view-contract.js';

// In the banner's frame (frame.ts), whose `dir` it takes. A 44 × 44 px icon button 8 px from its
// corner: bottom-left by default (inline-start), `reopen="bottom-right"` at the inline end. Its
// name is the words' "Cookie settings" (aria-label, and a tooltip).
const styles = css`
  .reopen {
    position: fixed;
    inset-inline-start: 8px;
    bottom: 8px;
    z-index: 2147483645;
    box-sizing: border-box;
    width: 44px;
    height: 44px;
    padding: 0;
    display: grid;
    place-items: center;
    color: var(--consent-button-text, var(--_a-buttonText, #fff));
    background: var(--consent-button-background, var(--_a-button, var(--consent-accent, #0b57d0)));
    border: 2px solid var(--consent-background, #fff);
    border-radius: 50%;
    box-shadow: 0 1px 4px rgb(0 0 0 / 0.35);
    cursor: pointer;
  }
  :host([reopen='bottom-right']) .reopen {
    inset-inline: auto 8px;
  }
  .reopen:focus-visible {
    outline: 3px solid var(--consent-focus, var(--_a-focus, var(--consent-accent, #0b57d0)));
    outline-offset: 2px;
  }
`;

// A cookie with a bite and three chips (holes), in the button's text colour.
const COOKIE =
  'M12 2a10 10 0 1 0 10 10 4 4 0 0 1-5-5 4 4 0 0 1-5-5ZM7 9.5a1.5 1.5 0 1 0 3 0 1.5 1.5 0 1 0-3 0Zm1 5a1.5 1.5 0 1 0 3 0 1.5 1.5 0 1 0-3 0Zm6 1a1.5 1.5 0 1 0 3 0 1.5 1.5 0 1 0-3 0Z';

/*
 * The `reopen` module (`dist/consent-banner-reopen.min.js`, fetched with the words of its
 * language): what the loader fetches for a returning visitor when the banner has the `reopen`
 * attribute.
 */

/**
 * The persistent re-open control (the `reopen` attribute, R26): a small "Cookie settings" icon
 * button in a corner of the page, named in the UI's language, that opens the preferences. The
 * loader asks for it once the visitor has answered, and removes it while the banner asks.
 */
export function drawReopen(element: HTMLElement, words: Words, open: () => void, paint?: (on: Element, frame: HTMLElement) => void) {
  const root = element.shadowRoot!;
  const place = element.getAttribute('reopen');
  if (place && place != 'bottom-left' && place != 'bottom-right') {
    console.warn(`consent-banner: reopen="${place}" is not one of bottom-left, bottom-right; the default applies`);
  }
  const button = document.createElement('button');
  button.className = 'reopen';
  button.type = 'button';
  button.lang = words.$code;
  button.title = words.reopen;
  button.setAttribute('aria-label', words.reopen);
  button.setAttribute('part', 'reopen');
  const svg = 'http://www.w3.org/2000/svg';
  const icon = button.appendChild(document.createElementNS(svg, 'svg'));
  icon.setAttribute('viewBox', '0 0 24 24');
  icon.setAttribute('width', '24');
  icon.setAttribute('height', '24');
  icon.setAttribute('aria-hidden', 'true');
  const path = icon.appendChild(document.createElementNS(svg, 'path'));
  path.setAttribute('d', COOKIE);
  path.setAttribute('fill', 'currentColor');
  path.setAttribute('fill-rule', 'evenodd');
  button.addEventListener('click', open);
  const frame = frameOf(root, words);
  root.adoptedStyleSheets = [...root.adoptedStyleSheets, styles];
  frame.prepend(button);
  // On the button itself: the frame's colours are the dialogs', on their background. `paint` is
  // the session's, when this page has one (ViewHost `paintAccent`); without it, the styles' own
  // fallbacks: the site's --consent-accent, else the default accent.
  paint?.(element, button);
}
