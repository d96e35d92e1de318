import {html, nothing} from 'lit';
import {live} from 'lit/directives/live.js';
import {download, downloadSetAside, openFile, openJson, openSeed, startOver} from '../actions.js';
import {SEEDS, state} from '../state.js';
import {flashed} from './flash.js';

/** The toolbar: open a demo site's manifest, a file or pasted JSON; download; start over. */
export function fileView() {
  return html`<section class="card file" aria-labelledby="file-title">
    <h2 id="file-title">Open, download, start over</h2>
    <div class="toolbar">
      <div class="group">
        <label for="seed">A demo site’s manifest</label>
        <div class="inline">
          <select id="seed" @change=${(e: Event) => (state.seed = (e.target as HTMLSelectElement).value)}>
            ${SEEDS.map(([id, name]) => html`<option value=${id} ?selected=${id === state.seed}>${name}</option>`)}
          </select>
          <button type="button" id="open-seed" @click=${openSeed}>Open this demo</button>
        </div>
      </div>
      <div class="group">
        <label for="open-file">A manifest file on your computer (up to 1 MB)</label>
        <input id="open-file" type="file" accept=".json,application/json" @change=${openFile} />
      </div>
      <div class="group end">
        <button type="button" id="download" class="primary" @click=${download}>Download cookie-manifest.json</button>
        ${flashed('download')}
        ${
          state.setAside
            ? html`<button type="button" id="download-set-aside" @click=${downloadSetAside}>Download the work set aside</button>`
            : nothing
        }
        <button type="button" id="start-over" class="danger" @click=${startOver}>Start over</button>
      </div>
    </div>
    <details>
      <summary>Paste JSON</summary>
      <div class="field">
        <label for="paste">Manifest JSON</label>
        <textarea id="paste" rows="6" spellcheck="false" .value=${live(state.pasted)} @input=${(e: Event) => (state.pasted = (e.target as HTMLTextAreaElement).value)}></textarea>
        <button type="button" id="open-paste" @click=${() => openJson(state.pasted, 'the pasted JSON')}>Open the pasted JSON</button>
      </div>
    </details>
    <div role="alert" class="alert" id="alert">${state.alertText ? html`<p>${state.alertText}</p>` : nothing}</div>
  </section>`;
}
