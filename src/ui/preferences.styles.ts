import {css} from './stylesheet.js';

/*
 * The preferences (preferences-view.ts), beside base.styles.ts and the cookie tables' sheet
 * (cookie-table.ts, which reflow into a list where narrow, so nothing scrolls sideways at 320 px,
 * R43): each purpose a full-width row (its title a button that unfolds it, the chevron at the end,
 * the whole row its target; its state in words and its switch above that target), its services
 * rows of their own below it. The choices are the first layer's, in its order and weight: Accept
 * all and Reject all alike, then Save in Customise's place and quieter (`.secondary`); a grid of
 * equal columns and equal rows, so no label that wraps makes one button taller than another
 * (`.choice.secondary` is base.styles.ts's, the first layer's). The dialog is a column: its title, a body that scrolls, and its
 * choices below the body, so Accept all, Reject all and Save stay in view however much is
 * unfolded (R10), and nothing scrolls under them: a focused control is never hidden (R41).
 * Lengths in `em` and sides logical, as in base.styles.ts; the switch takes the frame's font
 * (an input's own is smaller), and a table cell's `em` is the table's smaller text. "Always on"
 * wraps beside a long title rather than leave the dialog at 320 px ("Siempre activo" did). `code` names
 * families before the generic one: a lone `monospace` on a size that comes from `medium` shrinks
 * to the browser's monospace default (13 px for 16). The heading, the row of choices and the close
 * button (its place at the dialog's corner; its look is base.styles.ts's) are placed here, the
 * first layer placing its own (banner.styles.ts).
 */
export const preferencesStyles = css`
  h2 {
    font-size: 1.25em;
    margin: 0 0 0.4em;
    margin-inline-end: 2em;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5em;
    margin-top: 0.75em;
  }
  .close {
    position: absolute;
    top: calc(0.5em / 1.5);
    inset-inline-end: calc(0.5em / 1.5);
    min-width: calc(2.75em / 1.5);
    min-height: calc(2.75em / 1.5);
  }
  .preferences {
    width: 44em;
    max-width: min(44em, calc(100vw - 1em));
    padding: 1em 1.25em;
  }
  .preferences[open] {
    display: flex;
    flex-direction: column;
    overflow: hidden;
  }
  .preferences > * {
    flex: none;
  }
  .preferences > .body {
    flex: 0 1 auto;
    min-height: 4em;
    overflow-y: auto;
    margin: 0 -1.25em;
    padding: 0 1.25em;
  }
  .preferences > .actions {
    margin: 0 -1.25em;
    padding: 0.75em 1.25em 0;
    border-top: 1px solid var(--consent-border);
  }
  .preferences::backdrop {
    background: rgb(0 0 0 / 0.5);
  }
  h3 {
    min-width: 0;
    font-size: 1.05em;
    margin: 0;
  }
  .category {
    border-top: 1px solid var(--consent-border);
  }
  label.row {
    display: flex;
    align-items: center;
    justify-content: space-between;
    gap: 1em;
  }
  .purpose {
    position: relative;
    display: grid;
    grid-template-columns: 1fr auto;
    align-items: center;
    column-gap: 0.75em;
    padding-block: 0.5em;
    padding-inline-end: 1.75em;
  }
  .toggle {
    display: block;
    width: 100%;
    min-height: 1.5em;
    padding: 0;
    font: inherit;
    font-weight: 600;
    text-align: start;
    color: inherit;
    background: none;
    border: 0;
    cursor: pointer;
  }
  .toggle::before {
    content: '';
    position: absolute;
    inset: 0;
  }
  .toggle::after,
  summary::after {
    content: '';
    position: absolute;
    inset-inline-end: 0.4em;
    top: 50%;
    width: 0.5em;
    height: 0.5em;
    border: solid currentColor;
    border-width: 0 2px 2px 0;
    transform: translateY(-75%) rotate(45deg);
    transition: transform 0.15s;
  }
  [aria-expanded='true']::after,
  [open] > summary::after {
    transform: translateY(-25%) rotate(-135deg);
  }
  .state {
    grid-column: 1;
    font-size: 0.9em;
    color: var(--consent-muted);
  }
  .always {
    font-weight: 600;
  }
  .purpose > input {
    grid-area: 1 / 2 / span 2;
    z-index: 1;
  }
  .panel {
    padding-bottom: 0.5em;
    padding-inline-start: 1em;
  }
  .description,
  .category > .exemption {
    margin-top: 0;
  }
  .exemption,
  .note,
  .provider {
    color: var(--consent-muted);
  }
  input[role='switch'] {
    appearance: none;
    flex: none;
    position: relative;
    width: 3em;
    height: 1.75em;
    margin: 0;
    font: inherit;
    border: 2px solid var(--consent-border);
    border-radius: 1em;
    background: var(--consent-background);
    cursor: pointer;
  }
  input[role='switch']::before {
    content: '';
    position: absolute;
    top: 0.15em;
    inset-inline-start: 0.15em;
    width: 1.2em;
    height: 1.2em;
    border-radius: 50%;
    background: var(--consent-border);
    transition: transform 0.15s;
  }
  input[role='switch']:checked {
    background: var(--consent-button-background, var(--_a-focus));
    border-color: var(--consent-button-background, var(--_a-focus));
  }
  input[role='switch']:checked::before {
    background: var(--consent-button-text, var(--consent-background));
    transform: translateX(1.25em);
  }
  input[role='switch']:checked:dir(rtl)::before {
    transform: translateX(-1.25em);
  }
  @media (prefers-reduced-motion: reduce) {
    input[role='switch']::before {
      transition: none;
    }
  }
  details {
    border-top: 1px solid var(--consent-border);
  }
  summary {
    position: relative;
    display: block;
    min-height: 2.75em;
    padding-block: 0.5em;
    padding-inline-end: 1.75em;
    box-sizing: border-box;
    list-style: none;
    cursor: pointer;
  }
  summary::-webkit-details-marker {
    display: none;
  }
  .name {
    font-weight: 600;
  }
  .provider {
    display: block;
    font-size: 0.9em;
  }
  label.row {
    margin: 0.25em 0 0.5em;
  }
  .table {
    margin-bottom: 0.5em;
  }
  table {
    font-size: 0.9em;
  }
  code {
    font-family: ui-monospace, Menlo, Consolas, monospace;
    font-size: 0.9em;
  }
  .preferences > .actions {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(min(100%, 8em), 1fr));
    grid-auto-rows: 1fr;
  }
  .preferences > .actions > .choice {
    padding-inline: 0.75em;
  }
  @media (prefers-reduced-motion: reduce) {
    .toggle::after,
    summary::after {
      transition: none;
    }
  }
`;
