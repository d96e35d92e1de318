import {html, nothing} from 'lit';
import {repeat} from 'lit/directives/repeat.js';
import type {Basis} from '../../src/core/manifest.types.js';
import {addCategory, move, removeCategory} from '../actions.js';
import {renameCategory} from '../draft.js';
import type {DraftCategory} from '../draft.js';
import {fieldId} from '../field-paths.js';
import {ownService} from '../own-cookie.js';
import {field, issueList, selectField, textField} from '../fields.js';
import {categoryTitle, isOpen, keyOf, state} from '../state.js';
import {foldLine, issueCounts} from './fold.js';
import {count, str} from '../words.js';
import {readmeLink} from './readme-link.js';

const BASES: {basis: Basis; label: string}[] = [
  {basis: 'consent', label: 'Consent: off until yes'},
  {basis: 'necessary', label: 'Necessary: always on'},
  {basis: 'exempt', label: 'Exempt: on, with an opt-out'},
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

function basisSelect(category: DraftCategory, path: string) {
  return selectField(
    `${path}.basis`,
    'Basis',
    html`${BASES.map((b) => html`<option value=${b.basis} ?selected=${category.basis === b.basis}>${b.label}</option>`)}
    ${BASES.some((b) => b.basis === category.basis) ? nothing : html`<option value=${str(category.basis)} selected>${str(category.basis)} (not a basis)</option>`}`,
    (v) => (category.basis = v as Basis)
  );
}

/** A category: one line (its title, its services, its basis, the main decision), its fields once opened. */
function categoryView(category: DraftCategory, index: number) {
  const {draft} = state;
  const path = `categories[${index}]`;
  const bodyId = `category-${index}-body`;
  const members = draft.services.filter((s) => s.category === category.id).length;
  const title = categoryTitle(category);
  return html`<section class="card category" id=${fieldId(path)}>
    <div class="head">
      ${foldLine(category, `category-${index}-summary`, bodyId, title, html`${count(members, 'service')}${issueCounts(path)}`)}
      ${basisSelect(category, path)}
    </div>
    ${
      isOpen(category)
        ? html`<div id=${bodyId}>
          ${issueList(path)} ${category.basis === 'necessary' ? RULE_NECESSARY : category.basis === 'exempt' ? RULE_EXEMPT : nothing}
          ${textField(`${path}.title`, 'Title', category, 'title', {required: true})}
          ${textField(`${path}.description`, 'Description', category, 'description', {multiline: true})}
          ${
            category.basis !== 'consent'
              ? textField(`${path}.exemption`, 'Why no consent is needed', category, 'exemption', {
                  multiline: true,
                  required: category.basis === 'exempt',
                  hint: 'Shown to visitors next to the category. Required for an exempt category.',
                })
              : nothing
          }
          ${ownDeclaration(category)}
          <details class="more">
            <summary>Advanced: id</summary>
            ${field(`${path}.id`, 'Id', category.id, (v) => renameCategory(draft, index, v), {
              hint: 'Lowercase a-z, 0-9 and -. Tags may name it: data-category="…". Services follow a new id.',
            })}
          </details>
          <div class="actions">
            <button type="button" ?disabled=${index === 0} @click=${() => move(draft.categories, index, -1)} aria-label="Move up “${title}”">Move up</button>
            <button type="button" ?disabled=${index === draft.categories.length - 1} @click=${() => move(draft.categories, index, 1)} aria-label="Move down “${title}”">
              Move down
            </button>
            <button type="button" class="danger" @click=${() => removeCategory(index)} aria-label="Remove category “${title}”">Remove category</button>
          </div>
        </div>`
        : nothing
    }
  </section>`;
}

/** In the category that holds them, a word on the banner's own cookie (and its log's key), declared automatically. */
function ownDeclaration(category: DraftCategory) {
  const own = ownService(state.draft);
  if (!own || own.category !== category.id) return nothing;
  return html`<p class="hint own">
    The banner’s own cookie, <code>${own.cookies[0].name}</code>${own.storage?.length ? html` (and its log’s key <code>${own.storage[0]}</code>)` : nothing},
    is declared here automatically: it keeps each visitor’s choice.
  </p>`;
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
