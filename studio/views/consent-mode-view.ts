import {html, nothing} from 'lit';
import {ifDefined} from 'lit/directives/if-defined.js';
import {live} from 'lit/directives/live.js';
import {CONSENT_MODE_TYPES} from '../../src/core/manifest-rules.js';
import {commit, setConsentMode, useConsentMode} from '../actions.js';
import {fieldId} from '../field-paths.js';
import {described, issueList} from '../fields.js';
import {categoryTitle, state, touch} from '../state.js';
import {readmeLink} from './readme-link.js';

/** What each Consent Mode type lets Google's tags do, in a site owner's words (from the schema). */
const CONSENT_MODE_HINTS: Record<string, string> = {
  ad_storage: 'Storage for advertising (cookies such as _gcl_au, IDE).',
  ad_user_data: 'Sending the visitor’s data to Google for advertising.',
  ad_personalization: 'Personalised advertising, remarketing.',
  analytics_storage: 'Storage for analytics (cookies such as _ga).',
  functionality_storage: 'Storage for the site’s functions, such as the language. Left empty, it follows the necessary category.',
  personalization_storage: 'Storage for personalisation, such as video recommendations.',
};

/**
 * Google Consent Mode v2: for each type, the categories that grant it once the visitor allows
 * them (checkboxes, values the category ids), and the tag-manager event.
 */
export function consentModeView() {
  const {draft} = state;
  const mode = draft.consentMode ?? {};
  const hintId = `${fieldId('consentMode')}-hint`;
  return html`<fieldset class="consent-mode" id=${fieldId('consentMode')} aria-describedby=${hintId}>
    <legend>Google Consent Mode v2 (optional)</legend>
    <p class="hint" id=${hintId}>
      For Google Analytics, Google Ads and Tag Manager: tick the categories that, once the visitor allows them, grant
      each consent type. Adding a Google service from the catalogue turns it on with its mapping: analytics_storage
      follows Google Analytics’ category, the ad types Google Ads’ or DoubleClick’s. A type is granted when every category ticked for it is allowed, and denied until then (and
      when none is ticked). Keep Google’s tags tagged all the same: Consent Mode tells them what the visitor chose,
      it is no reason to load them before the visitor says yes. ${readmeLink('consentMode', 'How Consent Mode works')}
    </p>
    <label class="check"
      ><input
        type="checkbox"
        id="use-consent-mode"
        .checked=${live(draft.consentMode !== undefined)}
        @change=${(e: Event) => useConsentMode((e.target as HTMLInputElement).checked)}
      />
      Use Google Consent Mode v2 (Google requires it for visitors in the EEA)</label
    >
    ${issueList('consentMode')}
    ${
      draft.consentMode === undefined
        ? nothing
        : CONSENT_MODE_TYPES.map((type) => {
            const path = `consentMode.${type}`;
            const ticked = Array.isArray(mode[type]) ? mode[type] : [];
            // An id no category has any more stays listed, ticked, so it can be unticked.
            const unknown = ticked.filter((id) => !draft.categories.some((c) => c.id === id));
            return html`<fieldset id=${fieldId(path)} aria-describedby=${ifDefined(described(path, 'hint'))}>
        <legend><code>${type}</code></legend>
        <p class="hint" id="${fieldId(path)}-hint">${CONSENT_MODE_HINTS[type]}</p>
        ${draft.categories.map(
          (c, i) => html`<label class="check"
            ><input
              type="checkbox"
              id="mode-${type}-${i}"
              value=${c.id}
              .checked=${live(ticked.includes(c.id))}
              @change=${(e: Event) => setConsentMode(type, c.id, (e.target as HTMLInputElement).checked)}
            />
            ${categoryTitle(c)} <span class="meta">(${c.basis})</span></label
          >`
        )}
        ${unknown.map(
          (id) => html`<label class="check"
            ><input
              type="checkbox"
              value=${id}
              .checked=${live(true)}
              @change=${(e: Event) => setConsentMode(type, id, (e.target as HTMLInputElement).checked)}
            />
            Unknown category “${id}”</label
          >`
        )}
        ${issueList(path)}
      </fieldset>`;
          })
    }
    <div class="field">
      <label class="check"
        ><input
          type="checkbox"
          id=${fieldId('dataLayerEvent')}
          .checked=${live(draft.dataLayerEvent === true)}
          aria-describedby=${ifDefined(described('dataLayerEvent', 'hint'))}
          @change=${(e: Event) => {
            if ((e.target as HTMLInputElement).checked) draft.dataLayerEvent = true;
            else delete draft.dataLayerEvent;
            touch('dataLayerEvent');
            commit();
          }}
        />
        Tell Google Tag Manager about each choice</label
      >
      <p class="hint" id="${fieldId('dataLayerEvent')}-hint">
        Pushes a <code>consent_update</code> event to <code>dataLayer</code> after each choice (and a stored choice at
        start), naming what may run: a Custom Event trigger on <code>consent_update</code> fires on it.
      </p>
      ${issueList('dataLayerEvent')}
    </div>
  </fieldset>`;
}
