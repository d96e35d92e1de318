import {html, nothing} from 'lit';
import {addFromCatalogue, defaultTarget, update} from '../actions.js';
import {catalogueEntry, categoryTitle, state} from '../state.js';
import {count} from '../words.js';

/** Adding a service from the catalogue: which service, into which category, and what it brings. */
export function catalogueView() {
  const {catalogue, draft, pick} = state;
  if (!catalogue) {
    return html`<p class="hint">${state.catalogueProblem || 'Loading the catalogue…'}</p>`;
  }
  const entry = catalogueEntry(pick.service);
  const target = pick.target || (entry ? defaultTarget(entry) : '');
  const usual = entry && catalogue.categories.find((c) => c.id === entry.category);
  const added = new Set(draft.services.map((s) => s.id));
  return html`<div class="add card">
    <h3 id="catalogue-title">Add a service from the catalogue</h3>
    <p class="hint">
      Each comes with its provider, privacy policy and the cookies its vendor documents, in French and English.
      Check them against your own site, then edit anything.
    </p>
    <div class="row">
      <div class="field">
        <label for="catalogue-service">Service</label>
        <select
          id="catalogue-service"
          aria-describedby="catalogue-summary"
          @change=${(e: Event) => {
            state.pick = {service: (e.target as HTMLSelectElement).value, target: ''};
            update();
          }}
        >
          <option value="" ?selected=${!entry}>Choose a service…</option>
          ${catalogue.categories.map(
            (c) => html`<optgroup label=${c.title.en}>
              ${catalogue.services
                .filter((s) => s.category === c.id)
                .map(
                  (s) => html`<option value=${s.id} ?selected=${s.id === pick.service}>
                    ${s.name}${added.has(s.id) ? ' (already added)' : ''}
                  </option>`
                )}
            </optgroup>`
          )}
        </select>
      </div>
      <div class="field">
        <label for="catalogue-target">Into the category</label>
        <select
          id="catalogue-target"
          ?disabled=${!entry}
          @change=${(e: Event) => {
            state.pick = {...state.pick, target: (e.target as HTMLSelectElement).value};
            update();
          }}
        >
          ${draft.categories.map((c) => html`<option value=${c.id} ?selected=${c.id === target}>${categoryTitle(c)} (${c.basis})</option>`)}
          ${
            usual && !draft.categories.some((c) => c.id === usual.id)
              ? html`<option value="new:${usual.id}" ?selected=${target === `new:${usual.id}`}>
                New category: ${usual.title.en} (${usual.basis})
              </option>`
              : nothing
          }
        </select>
      </div>
    </div>
    <p class="hint" id="catalogue-summary">
      ${
        entry
          ? `${entry.provider} · ${count(entry.cookies.length, 'cookie')} · usually in “${usual?.title.en ?? entry.category}” (${usual?.basis})` +
            (entry.$comment ? ` · Note: ${entry.$comment}` : '')
          : 'Pick a service to see what it brings.'
      }
    </p>
    <button type="button" id="add-from-catalogue" ?disabled=${!entry} @click=${addFromCatalogue}>Add ${entry?.name ?? 'the service'}</button>
  </div>`;
}
