import {css} from './stylesheet.js';

/*
 * What the first layer and the preferences share: the theme (custom properties; dark follows the
 * visitor's setting unless the site forces `theme="light" | "dark"`), dialogs, links, the choice
 * buttons, the close button's look and the focus rings. Each view adopts it beside its own sheet;
 * where the heading, the row of choices and the close button go is each view's (the first
 * layer's, banner.styles.ts; the preferences', preferences.styles.ts). Adopted
 * stylesheets only, so the banner works under a strict CSP; comments stay out of the css``
 * literals (the build minifies them, and a comment there would ship). What the rules are for
 * (docs/rules.md):
 * - every view is drawn in the frame (frame.ts), which resets what the page's CSS would pass
 *   down and sets the font and colour from the theme;
 * - lengths are in `em`, never `rem` (which follows a page's `html {font-size: 62.5%}`): the
 *   frame's font size is the visitor's default. An element whose own font size differs says its
 *   lengths in its own `em` (`.close`, whose text is 1.5 times larger: `calc(0.5em / 1.5)`);
 * - sides are logical (`inset-inline-end`, `margin-inline-end`): a right-to-left language turns
 *   the views whole;
 * - links are inline blocks at least 24 px high, links in a sentence included (R44);
 * - a word longer than its box (a compound in a long language, at 320 px) breaks rather than
 *   spills out of it (issue 25: every language fits);
 * - `.choice.secondary` is the quieter of the choices (Customise on the first layer, Save in the
 *   preferences): the same box as Accept and Reject, drawn as an outline in the accent, text in the
 *   link colour (4.5:1 on the background, R10: the decisions stay the prominent pair);
 * - the accent's colours (`--_a-*`) are by default what browser/accent.ts derives from the
 *   default accent on these backgrounds (test/e2e/accent.test.mjs holds them equal); for a page
 *   with an accent or a background of its own, it sets them on the frame (loader/session.ts);
 * - `dialog:focus-visible`: Chromium may focus the scrolling dialog itself while cycling with Tab,
 *   so it gets an inset ring like every other control (R40).
 */
export const baseStyles = css`
  :host {
    --consent-background: #ffffff;
    --consent-text: #1a1a1a;
    --consent-muted: #4a4a4a;
    --consent-border: #767676;
    --consent-radius: 8px;
    --consent-font: system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif;
    --_a-button: #0b57d0;
    --_a-buttonText: #fff;
    --_a-link: var(--_a-button);
    --_a-focus: var(--_a-button);
  }
  @media (prefers-color-scheme: dark) {
    :host(:not([theme='light'])) {
      --consent-background: #1f1f1f;
      --consent-text: #f2f2f2;
      --consent-muted: #cfcfcf;
      --consent-border: #9a9a9a;
      --_a-button: #a8c7fa;
      --_a-buttonText: #000;
    }
  }
  :host([theme='dark']) {
    --consent-background: #1f1f1f;
    --consent-text: #f2f2f2;
    --consent-muted: #cfcfcf;
    --consent-border: #9a9a9a;
    --_a-button: #a8c7fa;
    --_a-buttonText: #000;
  }
  dialog {
    box-sizing: border-box;
    background: var(--consent-background);
    color: var(--consent-text);
    border: 1px solid var(--consent-border);
    border-radius: var(--consent-radius);
    max-height: calc(100dvh - 1em);
    overflow: auto;
  }
  h2,
  button {
    overflow-wrap: break-word;
  }
  p {
    margin: 0.5em 0;
  }
  a {
    display: inline-block;
    min-height: 24px;
    color: var(--_a-link);
  }
  .choice {
    flex: 1 1 10em;
    min-height: 2.75em;
    padding: 0.5em 1em;
    font: inherit;
    font-weight: 600;
    color: var(--consent-button-text, var(--_a-buttonText));
    background: var(--consent-button-background, var(--_a-button));
    border: 2px solid var(--consent-button-background, var(--_a-focus));
    border-radius: var(--consent-radius);
    cursor: pointer;
  }
  .choice.secondary {
    color: var(--_a-link);
    background: transparent;
    font-weight: 500;
  }
  .close {
    font: inherit;
    font-size: 1.5em;
    line-height: 1;
    color: var(--consent-text);
    background: transparent;
    border: 1px solid transparent;
    border-radius: var(--consent-radius);
    cursor: pointer;
  }
  button:focus-visible,
  a:focus-visible {
    outline: 3px solid var(--consent-focus, var(--_a-focus));
    outline-offset: 2px;
  }
  dialog:focus-visible {
    outline: 3px solid var(--consent-focus, var(--_a-focus));
    outline-offset: -4px;
  }
  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    margin: -1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
`;
