import {css} from './stylesheet.js';

/*
 * The first layer (first-layer.ts), beside base.styles.ts (lengths in `em`, sides logical, as there):
 * - layouts: `layout="bar"` (the default: full width at the bottom), `"box"` (a corner box),
 *   `"modal"` (centred, modal) and `"cloud"` (a floating box at most 60 em wide, centred at the
 *   bottom); an unknown name draws the bar;
 * - the bar is the base; on a phone (under 30 em) every layout is drawn as it (the modal one
 *   centred): a corner or a margin there would only narrow the text;
 * - one grid: the title and the × on one row, the text, then the choices (Accept and Reject side
 *   by side in two equal columns, R10; Customise below them, one column wide, quieter: the
 *   `secondary` style of base.styles.ts). A bar or cloud on a wide screen puts the choices beside
 *   the text, the × in its own column, on the content's edge;
 * - a label on two lines (Accept, Reject at 320 px in bg, ga, hu, pl, sk: words fixed by R12) is
 *   set close, so the buttons grow 14 px, not 42; under 360 px the sides are 0.75 em;
 * - the sentences are a size smaller than the page (0.875 em), so that all of them show without
 *   scrolling at 320 × 568 in at most 60 % of the screen (R11, R26: "closing means refusing" and
 *   how to change one's mind are read, not scrolled to); the text still scrolls where nothing else
 *   helps (200 % zoom), the choices always in view (R10, R43);
 * - a non-modal first layer keeps most of the page in view (R41): at most 60 % of the height; it
 *   moves to the top edge (`.top`) when the page cannot scroll its focused element clear of it.
 */
export const bannerStyles = css`
  .banner {
    position: fixed;
    inset: auto 0 0;
    width: 100%;
    max-width: 100%;
    margin: 0 auto;
    padding: 0.5em max(1em, 50vw - 36em);
    border-width: 1px 0 0;
    border-radius: var(--consent-radius) var(--consent-radius) 0 0;
    z-index: 2147483646;
    box-shadow: 0 4px 24px rgb(0 0 0 / 0.25);
  }
  @media (width < 22.5em) {
    .banner {
      padding-inline: 0.75em;
    }
  }
  .banner[open] {
    display: grid;
    grid-template: 'title close' 'text text' minmax(0, 1fr) 'actions actions' / minmax(0, 1fr) auto;
    column-gap: 0.5em;
  }
  .banner h2 {
    grid-area: title;
    align-self: center;
    font-size: 1em;
    margin: 0;
  }
  .banner .close {
    grid-area: close;
    position: static;
    align-self: start;
    min-width: calc(2em / 1.5);
    min-height: calc(2em / 1.5);
    margin-block-start: calc(-0.2em / 1.5);
    margin-inline-end: calc(-0.4em / 1.5);
  }
  #banner-text {
    grid-area: text;
    min-height: 3em;
    overflow-y: auto;
    font-size: 0.875em;
    line-height: 1.4;
  }
  #banner-text p {
    margin: 0;
  }
  .banner .actions {
    grid-area: actions;
    display: grid;
    grid: auto-flow 1fr / repeat(2, minmax(0, 1fr));
    gap: 0.5em;
    margin-top: 0.5em;
    font-size: 0.875em;
  }
  .banner .choice {
    padding: 0.25em;
    line-height: 1.25;
  }
  .banner .secondary {
    grid-column: span 2;
    justify-self: center;
    width: calc(50% - 0.25em);
  }
  :host(:not([layout='modal'])) .banner {
    max-height: 60dvh;
  }
  :host([layout='modal']) .banner {
    inset: 0;
    margin-block: auto;
  }
  .banner::backdrop {
    background: rgb(0 0 0 / 0.5);
  }
  .banner.top {
    inset-block: 0 auto;
    border-width: 0 0 1px;
    border-radius: 0 0 var(--consent-radius) var(--consent-radius);
  }
  @media (min-width: 30em) {
    .banner h2 {
      font-size: 1.0625em;
    }
    :host(:is([layout='box'], [layout='modal'], [layout='cloud'])) .banner {
      inset-block: auto 0.5em;
      inset-inline: auto 0.5em;
      width: min(26em, 100vw - 1em);
      padding-inline: 1em;
      border-width: 1px;
      border-radius: var(--consent-radius);
    }
    :host([layout='modal']) .banner {
      inset: 0;
      margin: auto;
      width: min(36em, 100vw - 1em);
    }
    :host([layout='cloud']) .banner {
      inset: auto 0 0.75em;
      width: min(60em, 100vw - 1em);
    }
    :host(:is([layout='box'], [layout='cloud'])) .banner.top {
      inset-block: 0.5em auto;
    }
  }
  @media (min-width: 48em) {
    :host(:not([layout='box'], [layout='modal'])) .banner[open] {
      grid-template: 'title actions close' 'text actions close' minmax(0, 1fr) / minmax(0, 1fr) auto auto;
      column-gap: 1.5em;
      padding-block: 1em;
    }
    :host(:not([layout='box'], [layout='modal'])) .actions {
      align-self: center;
      margin: 0;
      grid-template-columns: repeat(2, minmax(max-content, 1fr));
    }
    .banner .choice {
      padding-inline: 1em;
    }
  }
`;
