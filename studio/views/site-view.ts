import {html} from 'lit';
import {field, issueList, numberField} from '../fields.js';
import {state} from '../state.js';
import {readmeLink} from './readme-link.js';

/** The site: its name, policy, languages, revision, and how long a choice is kept. */
export function siteView() {
  const {draft} = state;
  return html`<section class="card" aria-labelledby="site-title">
    <h2 id="site-title">Site</h2>
    ${issueList('manifest')}
    <div class="row">
      ${field('site.name', 'Site name', draft.site.name, (v) => (draft.site.name = v), {
        hint: 'As visitors know it: “Cookies on …”.',
      })}
      ${field('site.policyUrl', 'Cookie or privacy policy URL', draft.site.policyUrl, (v) => (draft.site.policyUrl = v), {
        inputmode: 'url',
        placeholder: 'https://… or /privacy.html',
        hint: 'The banner links it: an https:// address, or a link relative to where the manifest is served (/privacy.html). http(s) only.',
      })}
    </div>
    ${field(
      'site.languages',
      'Languages',
      draft.site.languages.join(', '),
      (v) => (draft.site.languages = v.split(/[\s,]+/).filter(Boolean)),
      {hint: 'Language tags separated by commas, the default first: fr, en.', onChange: true}
    )}
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
  </section>`;
}
