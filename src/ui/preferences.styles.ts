import {css} from './stylesheet.js';

/*
 * The preferences (preferences-view.ts), beside base.styles.ts: categories with their switches,
 * services unfolded one by one, and cookie tables whose cells wrap anywhere, so nothing scrolls
 * sideways at 320 px (R43). The dialog is a column: its title, a body that scrolls, and its
 * choices below the body, so Save, Accept all and Reject all stay in view however much is
 * unfolded (R10), and nothing scrolls under them: a focused control is never hidden (R41).
 * Lengths in `em` and sides logical, as in base.styles.ts; the switch takes the frame's font
 * (an input's own is smaller), and a table cell's `em` is the table's smaller text. "Always on"
 * wraps beside a long title rather than leave the dialog at 320 px ("Siempre activo" did). `code` names
 * families before the generic one: a lone `monospace` on a size that comes from `medium` shrinks
 * to the browser's monospace default (13 px for 16).
 */
export const preferencesStyles = css`
  .preferences {
    width: 44em;
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
    font-size: 1.05em;
    margin: 0;
  }
  .category {
    border-top: 1px solid var(--consent-border);
    padding: 0.75em 0;
  }
  .row {
    display: flex;
    align-items: center;
    justify-content: space-between;
    gap: 1em;
  }
  .always {
    flex: 0 1 auto;
    font-weight: 600;
    color: var(--consent-muted);
    text-align: end;
  }
  .exemption,
  .note {
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
    margin: 0.5em 0 0 0;
    padding: 0.25em 0.5em;
    border: 1px solid var(--consent-border);
    border-radius: var(--consent-radius);
  }
  summary {
    cursor: pointer;
    min-height: 1.75em;
    padding: 0.25em 0;
  }
  label.row {
    margin: 0.5em 0;
  }
  .table {
    overflow-x: auto;
  }
  table {
    border-collapse: collapse;
    width: 100%;
    font-size: 0.9em;
  }
  th,
  td {
    text-align: start;
    vertical-align: top;
    padding: calc(0.25em / 0.9) 0;
    padding-inline-end: calc(0.5em / 0.9);
    border-bottom: 1px solid var(--consent-border);
  }
  td {
    overflow-wrap: anywhere;
  }
  code {
    font-family: ui-monospace, Menlo, Consolas, monospace;
    font-size: 0.9em;
  }
`;
