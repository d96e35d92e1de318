import {css} from './stylesheet.js';

/*
 * Adopted stylesheets only: no inline style, so the banner works under a strict CSP. Comments stay
 * out of the css`` literal, which ships as written. What the rules below are for (RULES.md):
 * - `.banner[open]` is a column whose text scrolls on a short screen, so the title and the three
 *   choices stay in view at 320 × 568 (R10, R43);
 * - links are inline blocks at least 24 px high, links in a sentence included (R44);
 * - table cells wrap anywhere: no sideways scrolling of the cookie tables at 320 px (R43);
 * - `dialog:focus-visible`: Chromium may focus the scrolling dialog itself while cycling with Tab,
 *   so it gets an inset ring like every other control (R40).
 */
export const styles = css`
  :host {
    --consent-background: #ffffff;
    --consent-text: #1a1a1a;
    --consent-muted: #4a4a4a;
    --consent-accent: #0b57d0;
    --consent-button-background: #0b3d91;
    --consent-button-text: #ffffff;
    --consent-border: #767676;
    --consent-focus: #0b57d0;
    --consent-radius: 8px;
    --consent-font: system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif;
    font-family: var(--consent-font);
    font-size: 1rem;
    line-height: 1.5;
    color: var(--consent-text);
  }
  /* Dark: the visitor's setting, unless the site forces a theme (theme="light" | "dark"). */
  @media (prefers-color-scheme: dark) {
    :host(:not([theme='light'])) {
      --consent-background: #1f1f1f;
      --consent-text: #f2f2f2;
      --consent-muted: #cfcfcf;
      --consent-accent: #a8c7fa;
      --consent-button-background: #a8c7fa;
      --consent-button-text: #0a1a33;
      --consent-border: #9a9a9a;
      --consent-focus: #a8c7fa;
    }
  }
  :host([theme='dark']) {
    --consent-background: #1f1f1f;
    --consent-text: #f2f2f2;
    --consent-muted: #cfcfcf;
    --consent-accent: #a8c7fa;
    --consent-button-background: #a8c7fa;
    --consent-button-text: #0a1a33;
    --consent-border: #9a9a9a;
    --consent-focus: #a8c7fa;
  }
  dialog {
    box-sizing: border-box;
    background: var(--consent-background);
    color: var(--consent-text);
    border: 1px solid var(--consent-border);
    border-radius: var(--consent-radius);
    padding: 1rem 1.25rem;
    max-width: min(40rem, calc(100vw - 1rem));
    max-height: calc(100dvh - 1rem);
    overflow: auto;
  }
  .banner {
    position: fixed;
    inset: auto 0.5rem 0.5rem;
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
    min-height: 3rem;
    overflow-y: auto;
  }
  #banner-text > :first-child {
    margin-top: 0;
  }
  #banner-text > :last-child {
    margin-bottom: 0;
  }
  .preferences {
    width: 44rem;
  }
  .preferences::backdrop {
    background: rgb(0 0 0 / 0.5);
  }
  h2 {
    font-size: 1.25rem;
    margin: 0 2.5rem 0.5rem 0;
  }
  h3 {
    font-size: 1.05rem;
    margin: 0;
  }
  p {
    margin: 0.5rem 0;
  }
  a {
    display: inline-block;
    min-height: 24px;
    color: var(--consent-accent);
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
    margin-top: 0.75rem;
  }
  .choice {
    flex: 1 1 10rem;
    min-height: 2.75rem;
    padding: 0.5rem 1rem;
    font: inherit;
    font-weight: 600;
    color: var(--consent-button-text);
    background: var(--consent-button-background);
    border: 2px solid var(--consent-button-background);
    border-radius: var(--consent-radius);
    cursor: pointer;
  }
  .close {
    position: absolute;
    top: 0.5rem;
    right: 0.5rem;
    min-width: 2.75rem;
    min-height: 2.75rem;
    font: inherit;
    font-size: 1.5rem;
    line-height: 1;
    color: var(--consent-text);
    background: transparent;
    border: 1px solid transparent;
    border-radius: var(--consent-radius);
    cursor: pointer;
  }
  button:focus-visible,
  a:focus-visible,
  input:focus-visible,
  summary:focus-visible {
    outline: 3px solid var(--consent-focus);
    outline-offset: 2px;
  }
  dialog:focus-visible {
    outline: 3px solid var(--consent-focus);
    outline-offset: -4px;
  }
  .category {
    border-top: 1px solid var(--consent-border);
    padding: 0.75rem 0;
  }
  .row {
    display: flex;
    align-items: center;
    justify-content: space-between;
    gap: 1rem;
  }
  .always {
    font-weight: 600;
    color: var(--consent-muted);
    white-space: nowrap;
  }
  .exemption,
  .note {
    color: var(--consent-muted);
  }
  input[role='switch'] {
    appearance: none;
    flex: none;
    position: relative;
    width: 3rem;
    height: 1.75rem;
    margin: 0;
    border: 2px solid var(--consent-border);
    border-radius: 1rem;
    background: var(--consent-background);
    cursor: pointer;
  }
  input[role='switch']::before {
    content: '';
    position: absolute;
    top: 0.15rem;
    left: 0.15rem;
    width: 1.2rem;
    height: 1.2rem;
    border-radius: 50%;
    background: var(--consent-border);
    transition: transform 0.15s;
  }
  input[role='switch']:checked {
    background: var(--consent-button-background);
    border-color: var(--consent-button-background);
  }
  input[role='switch']:checked::before {
    background: var(--consent-button-text);
    transform: translateX(1.25rem);
  }
  @media (prefers-reduced-motion: reduce) {
    input[role='switch']::before {
      transition: none;
    }
  }
  details {
    margin: 0.5rem 0 0 0;
    padding: 0.25rem 0.5rem;
    border: 1px solid var(--consent-border);
    border-radius: var(--consent-radius);
  }
  summary {
    cursor: pointer;
    min-height: 1.75rem;
    padding: 0.25rem 0;
  }
  label.row {
    margin: 0.5rem 0;
  }
  .table {
    overflow-x: auto;
  }
  table {
    border-collapse: collapse;
    width: 100%;
    font-size: 0.9rem;
  }
  th,
  td {
    text-align: left;
    vertical-align: top;
    padding: 0.25rem 0.5rem 0.25rem 0;
    border-bottom: 1px solid var(--consent-border);
  }
  td {
    overflow-wrap: anywhere;
  }
  [tabindex='-1']:focus {
    outline: none;
  }
  code {
    font-size: 0.9em;
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
  /* Layouts (layout="bar" | "box" | "modal"); the bar is the default. */
  :host(:where(:not([layout='box'], [layout='modal']))) .banner {
    inset: auto 0 0;
    max-width: 100%;
    width: 100%;
    padding-inline: max(1.25rem, calc(50vw - 30rem));
    border-width: 1px 0 0;
    border-radius: var(--consent-radius) var(--consent-radius) 0 0;
  }
  :host([layout='box']) .banner {
    inset: auto 0.5rem 0.5rem auto;
    max-width: min(26rem, calc(100vw - 1rem));
  }
  :host([layout='modal']) .banner {
    inset: 0;
    margin: auto;
    max-width: min(36rem, calc(100vw - 1rem));
  }
  /*
   * A non-modal first layer keeps most of the page in view (R41): at most 60 % of the height,
   * its text scrolling inside, its choices always on screen (R10).
   */
  :host(:not([layout='modal'])) .banner {
    max-height: 60dvh;
  }
  .banner::backdrop {
    background: rgb(0 0 0 / 0.5);
  }
  /* Moved to the top edge when the page cannot scroll its focused element clear of it (R41). */
  .banner.top {
    top: 0;
    bottom: auto;
  }
  :host([layout='box']) .banner.top {
    top: 0.5rem;
  }
  :host(:where(:not([layout='box'], [layout='modal']))) .banner.top {
    border-width: 0 0 1px;
    border-radius: 0 0 var(--consent-radius) var(--consent-radius);
  }
`;
