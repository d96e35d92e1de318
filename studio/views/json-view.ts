import {html, nothing} from 'lit';
import {copyManifest, update} from '../actions.js';
import {manifestFile} from '../manifest-file.js';
import {state} from '../state.js';
import {flashed} from './flash.js';

/** The manifest as it would be downloaded, to read or copy: written out only while open (a large manifest is a megabyte of text). */
export function jsonView() {
  return html`<details
    class="card json"
    ?open=${state.jsonOpen}
    @toggle=${(e: Event) => {
      const open = (e.target as HTMLDetailsElement).open;
      if (open === state.jsonOpen) return;
      state.jsonOpen = open;
      update();
    }}
  >
    <summary id="json-title">The manifest as JSON</summary>
    ${
      state.jsonOpen
        ? html`<pre tabindex="0" role="region" aria-labelledby="json-title" id="json"><code>${manifestFile(state.draft)}</code></pre>
          <div class="actions"><button type="button" id="copy-json" @click=${copyManifest}>Copy the JSON</button> ${flashed('json')}</div>`
        : nothing
    }
  </details>`;
}
