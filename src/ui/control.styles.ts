import {css} from './stylesheet.js';

/*
 * What the preferences and the declaration add to base.styles.ts, apart so that the first layer,
 * which has none of them, does not download them: their subheadings, the summaries that unfold a
 * service and the labelled switches (a word too long for its box breaks; the focus ring), and the
 * title focused on opening, which has none.
 */
export const controlStyles = css`
  h3,
  summary,
  label {
    overflow-wrap: break-word;
  }
  input:focus-visible,
  summary:focus-visible {
    outline: 3px solid var(--consent-focus, var(--_a-focus));
    outline-offset: 2px;
  }
  [tabindex='-1']:focus {
    outline: none;
  }
`;
