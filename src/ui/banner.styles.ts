import {css} from './stylesheet.js';

/*
 * The first layer (banner-view.ts), beside base.styles.ts (lengths in `em`, sides logical, as there):
 * - `.banner[open]` is a column whose text scrolls on a short screen, so the title and the three
 *   choices stay in view at 320 × 568 (R10, R43);
 * - layouts: `layout="bar"` (the default), `"box"` and `"modal"`;
 * - a non-modal first layer keeps most of the page in view (R41): at most 60 % of the height, its
 *   text scrolling inside, its choices always on screen (R10); it moves to the top edge (`.top`)
 *   when the page cannot scroll its focused element clear of it.
 */
export const bannerStyles = css`
  .banner {
    position: fixed;
    inset: auto 0.5em 0.5em;
    margin: 0 auto;
    z-index: 2147483646;
    box-shadow: 0 4px 24px rgb(0 0 0 / 0.25);
  }
  .banner[open] {
    display: flex;
    flex-direction: column;
  }
  .banner > * {
    flex: none;
  }
  .banner > #banner-text {
    flex: 0 1 auto;
    min-height: 3em;
    overflow-y: auto;
  }
  #banner-text > :first-child {
    margin-top: 0;
  }
  #banner-text > :last-child {
    margin-bottom: 0;
  }
  :host(:where(:not([layout='box'], [layout='modal']))) .banner {
    inset: auto 0 0;
    max-width: 100%;
    width: 100%;
    padding-inline: max(1.25em, calc(50vw - 30em));
    border-width: 1px 0 0;
    border-radius: var(--consent-radius) var(--consent-radius) 0 0;
  }
  :host([layout='box']) .banner {
    inset-block: auto 0.5em;
    inset-inline: auto 0.5em;
    max-width: min(26em, calc(100vw - 1em));
  }
  :host([layout='modal']) .banner {
    inset: 0;
    margin: auto;
    max-width: min(36em, calc(100vw - 1em));
  }
  :host(:not([layout='modal'])) .banner {
    max-height: 60dvh;
  }
  .banner::backdrop {
    background: rgb(0 0 0 / 0.5);
  }
  .banner.top {
    top: 0;
    bottom: auto;
  }
  :host([layout='box']) .banner.top {
    top: 0.5em;
  }
  :host(:where(:not([layout='box'], [layout='modal']))) .banner.top {
    border-width: 0 0 1px;
    border-radius: 0 0 var(--consent-radius) var(--consent-radius);
  }
`;
