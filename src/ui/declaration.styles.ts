import {css} from './stylesheet.js';

/*
 * The declaration sits in the page's flow, drawn in a frame that stops the page's CSS (frame.ts),
 * with the banner's font and colours (`--consent-*`, light or dark as the visitor's setting) on a
 * background of its own, so that its text keeps its contrast on any page. Lengths in `em`, sides
 * logical (base.styles.ts says why, and where the accent's default colours come from).
 */
export const declarationStyles = css`
  :host {
    display: block;
    --_a-button: #0b57d0;
    --_a-buttonText: #fff;
    --_a-link: var(--_a-button);
    --_a-focus: var(--_a-button);
  }
  [part='base'] {
    padding: 0.5em 1em;
    border-radius: var(--consent-radius, 8px);
    background: var(--consent-background, #ffffff);
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
  a {
    color: var(--_a-link);
  }
  .choice {
    min-height: 2.75em;
    padding: 0.5em 1em;
    font: inherit;
    font-weight: 600;
    cursor: pointer;
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
    overflow-x: auto;
  }
  table {
    border-collapse: collapse;
    width: 100%;
  }
  th,
  td {
    text-align: start;
    vertical-align: top;
    padding: 0.25em 0;
    padding-inline-end: 0.75em;
    border-bottom: 1px solid currentColor;
  }
  td:last-child {
    overflow-wrap: anywhere;
  }
  :focus-visible {
    outline: 3px solid var(--consent-focus, var(--_a-focus));
    outline-offset: 2px;
  }
  @media (prefers-color-scheme: dark) {
    :host {
      --_a-button: #a8c7fa;
      --_a-buttonText: #000;
    }
    [part='base'] {
      color: var(--consent-text, #f2f2f2);
      background: var(--consent-background, #1f1f1f);
    }
  }
`;
