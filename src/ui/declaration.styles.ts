import {css} from './stylesheet.js';

/*
 * The declaration sits in the page's flow, drawn in a frame that stops the page's CSS (frame.ts),
 * beside base.styles.ts (the banner's theme, links, focus rings and choice button) and the cookie
 * tables' sheet (cookie-table.ts: one grid for every table, a list where narrow), on a background
 * of its own, so that its text keeps its contrast on any page. Each choice is a state label after
 * "Your choice:", as in the preferences. Lengths in `em`, sides logical (base.styles.ts says why,
 * and where the accent's default colours come from).
 */
export const declarationStyles = css`
  :host {
    display: block;
  }
  [part='base'] {
    padding: 0.5em 1em;
    border-radius: var(--consent-radius);
    color: var(--consent-text);
    background: var(--consent-background);
  }
  section.category {
    margin: 1.5em 0;
  }
  h3,
  h4 {
    margin: 1em 0 0.25em;
  }
  p {
    margin: 0.25em 0;
  }
  .state {
    display: inline-block;
    padding: 0 0.5em;
    border: 1px solid var(--consent-border);
    border-radius: 1em;
  }
  .consent-id {
    margin-top: 1em;
    color: var(--consent-muted);
  }
  label {
    display: inline-flex;
    align-items: center;
    gap: 0.5em;
    min-height: 2.75em;
  }
  input {
    width: 1.5em;
    height: 1.5em;
    font: inherit;
  }
  .table {
    margin-block: 0.5em;
  }
  code {
    font-family: ui-monospace, Menlo, Consolas, monospace;
    font-size: 0.9em;
  }
`;
