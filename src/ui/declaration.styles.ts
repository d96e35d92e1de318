import {css} from './stylesheet.js';

/* The declaration sits in the page's flow: it inherits the page's font and colours. */
export const declarationStyles = css`
  :host {
    display: block;
  }
  section.category {
    margin: 1.5rem 0;
  }
  h3,
  h4 {
    margin: 1rem 0 0.25rem;
  }
  p {
    margin: 0.25rem 0;
  }
  .choice {
    min-height: 2.75rem;
    padding: 0.5rem 1rem;
    font: inherit;
    font-weight: 600;
    cursor: pointer;
  }
  label {
    display: inline-flex;
    align-items: center;
    gap: 0.5rem;
    min-height: 2.75rem;
  }
  input {
    width: 1.5rem;
    height: 1.5rem;
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
    text-align: left;
    vertical-align: top;
    padding: 0.25rem 0.75rem 0.25rem 0;
    border-bottom: 1px solid currentColor;
  }
  td:last-child {
    overflow-wrap: anywhere;
  }
  :focus-visible {
    outline: 3px solid var(--consent-focus, #0b57d0);
    outline-offset: 2px;
  }
`;
