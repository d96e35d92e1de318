import {html} from 'lit';

/*
 * Links to the README's explanations, for the reasons the studio gives in a sentence. `npm start`
 * serves the README as a page (web-dev-server.config.mjs), with GitHub's heading ids: these
 * anchors are its headings' (test/e2e/studio.test.mjs checks they are there).
 */

export const README_SECTIONS = {
  basis: 'strictly-necessary-exempt-or-consent',
  gpc: 'global-privacy-control',
  consentMode: 'google-consent-mode-v2',
  words: 'a-sites-own-language',
} as const;

/** A link to a section of the README, opened beside the studio so the work stays in view. */
export const readmeLink = (section: keyof typeof README_SECTIONS, text: string) =>
  html`<a href="../README.md#${README_SECTIONS[section]}" target="_blank" rel="noopener"
    >${text}<span class="visually-hidden"> (opens in a new tab)</span></a
  >`;
