import {html} from 'lit';
import builtIn from 'words:names';
import {commit} from '../actions.js';
import {field, issueList} from '../fields.js';
import {state, touch} from '../state.js';

/**
 * Adds the language chosen in the list of the built-in ones to the site's languages (last: the
 * default stays first), and puts the list back on its prompt.
 */
function addLanguage(event: Event) {
  const select = event.target as HTMLSelectElement;
  const tag = select.value;
  select.value = '';
  if (!tag || state.draft.site.languages.includes(tag)) return;
  state.draft.site.languages = [...state.draft.site.languages, tag];
  touch('site.languages');
  commit();
}

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
    <div class="field">
      <label for="add-language">Add a language the banner speaks</label>
      <p class="hint" id="add-language-hint">Its buttons and headings are built in; any other language needs its own words (Advanced settings).</p>
      <select id="add-language" aria-describedby="add-language-hint" @change=${addLanguage}>
        <option value="">Choose a language…</option>
        ${builtIn
          .filter(([tag]) => !draft.site.languages.includes(tag))
          .map(([tag, name]) => html`<option value=${tag} lang=${tag}>${name} (${tag})</option>`)}
      </select>
    </div>
  </section>`;
}
