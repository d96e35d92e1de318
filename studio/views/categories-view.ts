import {html, nothing} from 'lit';
import {repeat} from 'lit/directives/repeat.js';
import type {Basis} from '../../src/core/manifest.types.js';
import {addCategory, move, removeCategory} from '../actions.js';
import {fieldId, renameCategory} from '../draft.js';
import type {DraftCategory} from '../draft.js';
import {field, issueList, selectField, textField} from '../fields.js';
import {categoryTitle, keyOf, state} from '../state.js';
import {count, str} from '../words.js';
import {readmeLink} from './readme-link.js';

const BASES: {basis: Basis; label: string}[] = [
  {basis: 'consent', label: 'Consent: off until the visitor says yes'},
  {basis: 'necessary', label: 'Necessary: strictly necessary, always on'},
  {basis: 'exempt', label: 'Exempt: consent-exempt by a stated rule, always on'},
];

const RULE_NECESSARY = html`<p class="rule">
  <strong>Necessary</strong> means needed for something the visitor asked for: remembering
  their cookie choice, signing in and keeping that secure, the basket or the payment, an interface
  choice such as the language, load balancing, counting free articles behind a paywall. Analytics,
  advertising, social and chat tools are not necessary: a Google, HubSpot or ad-network service here
  gets a warning. ${readmeLink('basis', 'What counts as strictly necessary')}
</p>`;

const RULE_EXEMPT = html`<p class="rule">
  <strong>Exempt audience measurement</strong> needs no consent only when all of this
  holds (the conditions of the CNIL, the French data-protection authority): it measures this site’s audience alone, for you alone; the statistics are anonymous; the
  data is not combined with anything else nor passed on; visitors are not followed from site to
  site. Its cookies may last <strong>13 months at most</strong> (the check refuses longer ones), the
  data is kept 25 months at most, and visitors can object (the banner offers the opt-out). Matomo in
  its CNIL setup qualifies; Google Analytics, Hotjar or Clarity do not. Say which rule applies in “Why
  no consent is needed”: visitors read it. ${readmeLink('basis', 'The conditions, explained')}
</p>`;

function categoryView(category: DraftCategory, index: number) {
  const {draft} = state;
  const path = `categories[${index}]`;
  const titleId = `category-${index}-title`;
  const members = draft.services.filter((s) => s.category === category.id).length;
  return html`<section class="card" aria-labelledby=${titleId} id=${fieldId(path)}>
    <h3 id=${titleId}>${categoryTitle(category)} <span class="meta">${count(members, 'service')}</span></h3>
    ${issueList(path)}
    <div class="row">
      ${field(`${path}.id`, 'Id', category.id, (v) => renameCategory(draft, index, v), {
        hint: 'Lowercase a-z, 0-9 and -. Tags may name it: data-category="…". Services follow a new id.',
      })}
      ${selectField(
        `${path}.basis`,
        'Basis',
        html`${BASES.map((b) => html`<option value=${b.basis} ?selected=${category.basis === b.basis}>${b.label}</option>`)}
        ${BASES.some((b) => b.basis === category.basis)
          ? nothing
          : html`<option value=${str(category.basis)} selected>${str(category.basis)} (not a basis)</option>`}`,
        (v) => (category.basis = v as Basis)
      )}
    </div>
    ${category.basis === 'necessary' ? RULE_NECESSARY : category.basis === 'exempt' ? RULE_EXEMPT : nothing}
    ${textField(`${path}.title`, 'Title', category, 'title', {required: true})}
    ${textField(`${path}.description`, 'Description', category, 'description', {multiline: true})}
    ${category.basis !== 'consent'
      ? textField(`${path}.exemption`, 'Why no consent is needed', category, 'exemption', {
          multiline: true,
          required: category.basis === 'exempt',
          hint: 'Shown to visitors next to the category. Required for an exempt category.',
        })
      : nothing}
    <div class="actions">
      <button type="button" ?disabled=${index === 0} @click=${() => move(draft.categories, index, -1)} aria-label="Move up “${categoryTitle(category)}”">Move up</button>
      <button type="button" ?disabled=${index === draft.categories.length - 1} @click=${() => move(draft.categories, index, 1)} aria-label="Move down “${categoryTitle(category)}”">Move down</button>
      <button type="button" class="danger" @click=${() => removeCategory(index)} aria-label="Remove category “${categoryTitle(category)}”">Remove category</button>
    </div>
  </section>`;
}

/** The categories, one card each, in the order visitors see them. */
export function categoriesView() {
  return html`<section class="card" aria-labelledby="categories-title">
    <h2 id="categories-title" tabindex="-1">Categories</h2>
    <p class="hint">
      One per purpose, in the order visitors see them. A consent category is off until the visitor says yes;
      necessary and exempt ones are always on and say why.
    </p>
    ${issueList('categories')}
    ${repeat(state.draft.categories, keyOf, categoryView)}
    <button type="button" id="add-category" @click=${addCategory}>Add a category</button>
  </section>`;
}
