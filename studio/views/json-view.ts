import {html} from 'lit';
import {copyManifest} from '../actions.js';
import {manifestFile} from '../draft.js';
import {state} from '../state.js';

/** The manifest as it would be downloaded, to read or copy. */
export function jsonView() {
  const file = manifestFile(state.draft);
  return html`<details class="card json">
    <summary id="json-title">The manifest as JSON</summary>
    <pre tabindex="0" role="region" aria-labelledby="json-title" id="json"><code>${file}</code></pre>
    <button type="button" @click=${copyManifest}>Copy the JSON</button>
  </details>`;
}
