import {html} from 'lit';
import {field, numberField, selectField} from '../fields.js';
import {state} from '../state.js';
import {SCHEMA_URL} from '../manifest-file.js';
import {readmeLink} from './readme-link.js';
import {consentModeView} from './consent-mode-view.js';
import {wordsView} from './words-view.js';

/** What most sites leave as it is: the consent cookie, Global Privacy Control, the log, Consent Mode, notes. */
export function advancedView() {
  const {draft} = state;
  const cookie = draft.cookie ?? {};
  return html`<details class="card" id="advanced">
    <summary>Advanced settings <span class="meta">revision, how long choices are kept, the consent cookie, Consent Mode, Global Privacy Control, the log</span></summary>
    <div class="row">
      ${numberField(
        'revision',
        'Revision',
        draft.revision,
        (v) => (draft.revision = v),
        html`Raise it when you publish a new version: visitors are asked again about the purposes you added or
          changed (a new partner, cookie or wording), and only those. ${readmeLink('basis', 'When to raise it')}`,
        1
      )}
      ${numberField(
        'consentMaxAgeDays',
        'Keep each yes for (days)',
        draft.consentMaxAgeDays,
        (v) => (draft.consentMaxAgeDays = v),
        html`A yes is kept this long, then asked again: 182 days (6 months) is the CNIL’s advice, 395 days (13 months)
          the most. ${readmeLink('basis', 'How long a choice may be kept')}`,
        1,
        395
      )}
      ${numberField(
        'refusalMaxAgeDays',
        'Keep each refusal for (days)',
        draft.refusalMaxAgeDays,
        (v) => (draft.refusalMaxAgeDays = v),
        html`A no is kept this long before the visitor is asked again: 6 months (182 days) at least, 395 days the most.
          ${readmeLink('basis', 'How long a choice may be kept')}`,
        182,
        395
      )}
    </div>
    <div class="row">
      ${field('cookie.name', 'Consent cookie name (optional)', cookie.name, (v) => ((draft.cookie ??= {}).name = v), {
        hint: 'Where the visitor’s choice is stored; “consent” if left empty.',
        placeholder: 'consent',
      })}
      ${field('cookie.domain', 'Consent cookie domain (optional)', cookie.domain, (v) => ((draft.cookie ??= {}).domain = v), {
        hint: 'A parent domain, such as .example.com, to share the choice with its subdomains.',
      })}
    </div>
    ${selectField(
      'gpc',
      'Global Privacy Control',
      html`<option value="" ?selected=${!draft.gpc}>Refuse every consent category (the default)</option>
        <option value="refuse" ?selected=${draft.gpc === 'refuse'}>Refuse every consent category (stated)</option>
        <option value="ignore" ?selected=${draft.gpc === 'ignore'}>Ignore the signal</option>`,
      (v) => {
        if (v) draft.gpc = v;
        else delete draft.gpc;
      },
      html`When a visitor’s browser sends this signal (“do not sell or share my data”), the banner takes it as a
        refusal of every consent category and does not ask; the visitor can still opt in from the preferences.
        ${readmeLink('gpc', 'About Global Privacy Control')}`
    )}
    ${field('log.url', 'Decision log URL (optional)', draft.log?.url, (v) => ((draft.log ??= {}).url = v), {
      hint: 'Each decision’s record is sent there: an https URL or a path on this site. The preview never sends it.',
    })}
    ${consentModeView()} ${wordsView()}
    ${field('$schema', 'Schema address', draft.$schema, (v) => (draft.$schema = v), {
      hint: 'Lets code editors complete and check the file. Left empty, the shipped schema’s address is used.',
      placeholder: SCHEMA_URL,
    })}
    ${field('$comment', 'Notes for the people who keep this file (optional)', draft.$comment, (v) => (draft.$comment = v), {
      multiline: true,
    })}
  </details>`;
}
