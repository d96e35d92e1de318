import {html} from 'lit';
import {field, issueList} from '../fields.js';
import {state} from '../state.js';

/** The site: its name, policy and languages (its revision and how long a choice is kept: Advanced settings). */
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
  </section>`;
}
