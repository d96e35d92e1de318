import {html, nothing} from 'lit';
import {needsBanner} from '../../src/core/decision.js';
import {showPanel, update} from '../actions.js';
import {radioGroup} from '../fields.js';
import {DEVICES, fitFrame, previewLanguage, schedulePreview} from '../preview-frame.js';
import {isShown, siteLanguages, state} from '../state.js';
import type {Device} from '../state.js';
import {languageName} from '../words.js';

/**
 * Shows the preview at (nearly) its real size over the page, or back in its column, where a
 * desktop screen is a thumbnail: its width fits the column (fitFrame).
 */
function enlarge(on: boolean) {
  state.preview.large = on;
  update();
  fitFrame();
  document.getElementById('preview-enlarge')?.focus();
}

/** The preview: the real banner in a frame, in a language, a theme and a screen size of the user's choice. */
export function previewView() {
  const {result, preview} = state;
  const languages = siteLanguages();
  const device = DEVICES[preview.device];
  const quiet = result.ok && !needsBanner(result.manifest);
  return html`<section class="card preview" aria-labelledby="preview-title">
    <h2 id="preview-title">Preview</h2>
    <p class="hint">The real banner, as a first-time visitor sees it. Choices made in it are forgotten.</p>
    <div class="controls">
      <div class="field">
        <label for="preview-language">Language</label>
        <select
          id="preview-language"
          @change=${(e: Event) => {
            preview.language = (e.target as HTMLSelectElement).value;
            update();
            schedulePreview('edit');
          }}
        >
          ${languages.map((l) => html`<option value=${l} ?selected=${l === previewLanguage()}>${languageName(l)}</option>`)}
        </select>
      </div>
      ${radioGroup(
        'Theme',
        'preview-theme',
        [
          ['light', 'Light'],
          ['dark', 'Dark'],
        ],
        preview.theme,
        (v) => {
          preview.theme = v as 'light' | 'dark';
          update();
        }
      )}
      ${radioGroup(
        'Screen',
        'preview-device',
        [
          ['phone', 'Phone'],
          ['desktop', 'Desktop'],
        ],
        preview.device,
        (v) => {
          preview.device = v as Device;
          update();
          fitFrame();
        }
      )}
    </div>
    <div class="actions">
      <button type="button" id="preview-banner" @click=${() => showPanel('banner')} ?disabled=${!result.ok}>
        ${quiet ? 'Show the page' : 'Show the banner'}
      </button>
      <button type="button" id="preview-preferences" @click=${() => showPanel('preferences')} ?disabled=${!result.ok}>
        ${quiet ? 'Open the declaration' : 'Open the preferences'}
      </button>
    </div>
    ${
      result.ok
        ? nothing
        : state.issues.some(isShown)
          ? html`<p class="verdict bad">No preview: the banner would not run with this manifest.</p>`
          : html`<p class="verdict todo">No preview yet: it appears once the manifest is finished.</p>`
    }
    <div
      class="frame ${preview.device} ${preview.large ? 'large' : ''}"
      id="preview-box"
      ?hidden=${!result.ok}
      @keydown=${(e: KeyboardEvent) => e.key === 'Escape' && preview.large && enlarge(false)}
    >
      ${
        result.ok
          ? html`<button type="button" id="preview-enlarge" class="enlarge" aria-pressed=${preview.large ? 'true' : 'false'} @click=${() => enlarge(!preview.large)}>
            ${preview.large ? 'Back to the column' : `Full size (${device.label.toLowerCase()}, ${device.width} px)`}
          </button>`
          : nothing
      }
      <iframe
        id="preview-frame"
        class=${preview.theme}
        src="preview.html"
        sandbox="allow-scripts"
        width=${device.width}
        height=${device.height}
        title="Preview of the banner: ${device.label}, ${preview.theme}, ${languageName(previewLanguage())}"
        @load=${() => schedulePreview('edit')}
      ></iframe>
    </div>
  </section>`;
}
