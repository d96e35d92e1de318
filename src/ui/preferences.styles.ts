import {css} from './stylesheet.js';

/*
 * The preferences (preferences-view.ts), beside base.styles.ts: categories with their switches,
 * services unfolded one by one, and cookie tables whose cells wrap anywhere, so nothing scrolls
 * sideways at 320 px (R43). The dialog is a column: its title, a body that scrolls, and its
 * choices below the body, so Save, Accept all and Reject all stay in view however much is
 * unfolded (R10), and nothing scrolls under them: a focused control is never hidden (R41).
 */
export const preferencesStyles = css`
  .preferences {
    width: 44rem;
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
    min-height: 4rem;
    overflow-y: auto;
    margin: 0 -1.25rem;
    padding: 0 1.25rem;
  }
  .preferences > .actions {
    margin: 0 -1.25rem;
    padding: 0.75rem 1.25rem 0;
    border-top: 1px solid var(--consent-border);
  }
  .preferences::backdrop {
    background: rgb(0 0 0 / 0.5);
  }
  h3 {
    font-size: 1.05rem;
    margin: 0;
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
  code {
    font-size: 0.9em;
  }
`;
