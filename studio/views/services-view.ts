import {html, nothing} from 'lit';
import {repeat} from 'lit/directives/repeat.js';
import {addCookie, addServiceByHand, copy, move, removeCookie, removeService} from '../actions.js';
import {fieldId, tagSnippet} from '../draft.js';
import type {DraftCookie, DraftService} from '../draft.js';
import {durationField, field, issueList, selectField, textField} from '../fields.js';
import {catalogueFor, categoryTitle, issuesUnder, keyOf, state} from '../state.js';
import {count, str} from '../words.js';
import {catalogueView} from './catalogue-view.js';

function cookieView(service: DraftService, serviceIndex: number, cookie: DraftCookie, index: number) {
  const path = `services[${serviceIndex}].cookies[${index}]`;
  const name = str(cookie.name).trim() || `Cookie ${index + 1}`;
  return html`<fieldset class="cookie" id=${fieldId(path)}>
    <legend>Cookie: ${name}</legend>
    ${issueList(path)}
    <div class="row">
      ${field(`${path}.name`, 'Name', cookie.name, (v) => (cookie.name = v), {hint: '* matches any run of characters: _ga_*'})}
      ${durationField(`${path}.duration`, cookie)}
      ${field(`${path}.domain`, 'Set by another domain (optional)', cookie.domain, (v) => (cookie.domain = v), {
        hint: 'For a third-party cookie the page cannot delete, e.g. doubleclick.net.',
      })}
    </div>
    ${textField(`${path}.purpose`, 'Purpose', cookie, 'purpose')}
    <div class="actions">
      <button type="button" class="danger" aria-label="Remove cookie “${name}”" @click=${() => removeCookie(service, serviceIndex, index, name)}>
        Remove cookie
      </button>
    </div>
  </fieldset>`;
}

function serviceView(service: DraftService, index: number) {
  const {draft} = state;
  const path = `services[${index}]`;
  const home = draft.categories.find((c) => c.id === service.category);
  const found = issuesUnder(path);
  const errors = found.filter((i) => i.kind === 'error').length;
  const warnings = found.length - errors;
  const name = str(service.name).trim() || str(service.id) || 'New service';
  const entry = catalogueFor({id: str(service.id), name: str(service.name), provider: str(service.provider)});
  const snippet = tagSnippet({id: str(service.id), name: str(service.name)}, entry);
  return html`<details class="card service" id=${fieldId(path)}>
    <summary id="service-${index}-summary">
      <h3 class="name">${name}</h3>
      <span class="meta"
        >${home ? categoryTitle(home) : 'no category'} · ${count(service.cookies.length, 'cookie')}${errors
          ? html` · <span class="bad">${count(errors, 'error')}</span>`
          : nothing}${warnings ? html` · <span class="warn">${count(warnings, 'warning')}</span>` : nothing}</span
      >
    </summary>
    ${issueList(path)}
    <div class="row">
      ${field(`${path}.name`, 'Name', service.name, (v) => (service.name = v), {hint: 'As visitors know it.'})}
      ${field(`${path}.id`, 'Id', service.id, (v) => (service.id = v), {
        hint: 'Lowercase a-z, 0-9 and -. Your tags name it: data-service="…".',
      })}
    </div>
    <div class="row">
      ${field(`${path}.provider`, 'Provider (optional)', service.provider, (v) => (service.provider = v), {
        hint: 'The company behind it, e.g. Google Ireland Limited.',
      })}
      ${selectField(
        `${path}.category`,
        'Category',
        html`${draft.categories.map(
          (c) => html`<option value=${c.id} ?selected=${c.id === service.category}>${categoryTitle(c)} (${c.basis})</option>`
        )}
        ${home ? nothing : html`<option value=${str(service.category)} selected>Unknown: “${str(service.category)}”</option>`}`,
        (v) => (service.category = v)
      )}
    </div>
    ${field(`${path}.policyUrl`, 'Privacy policy URL (optional)', service.policyUrl, (v) => (service.policyUrl = v), {
      inputmode: 'url',
      placeholder: 'https://',
    })}
    ${textField(`${path}.description`, 'Description', service, 'description', {multiline: true})}
    ${field(
      `${path}.storage`,
      'Storage keys (optional)',
      Array.isArray(service.storage) ? service.storage.join(', ') : service.storage,
      (v) => {
        const keys = v.split(/[\s,]+/).filter(Boolean);
        if (keys.length) service.storage = keys;
        else delete service.storage;
      },
      {
        hint: 'The localStorage and sessionStorage keys it writes, separated by commas; * matches any run of characters (_hj*). They are deleted when the visitor withdraws consent.',
        onChange: true,
      }
    )}
    <h4>Cookies</h4>
    ${issueList(`${path}.cookies`)}
    ${service.cookies.length ? nothing : html`<p class="hint">No cookie declared: fine for a tool that sets none.</p>`}
    ${repeat(service.cookies, keyOf, (cookie, j) => cookieView(service, index, cookie, j))}
    <button type="button" id="service-${index}-add-cookie" @click=${() => addCookie(service, index)}>Add a cookie to ${name}</button>
    <h4>Tag your pages</h4>
    <p class="hint" id="service-${index}-tag-hint">
      ${home?.basis === 'necessary'
        ? `${name} runs at once; tagging its code is optional.`
        : home?.basis === 'exempt'
          ? `Tag ${name} like this, so that a visitor who objects turns it off.`
          : `Turn ${name} off until consent by tagging it like this.`}
      ${entry?.snippet
        ? html`Paste it in place of ${entry.name}’s own snippet, with your ids in place of the examples; leave out its
            <code>&lt;noscript&gt;</code> part, which would fire with JavaScript off. From
            <a href=${entry.snippet.source.url} target="_blank" rel="noopener noreferrer">${entry.name}’s documentation</a>
            (read ${entry.snippet.source.read}).`
        : entry
          ? `No ${entry.name} snippet on file: put ${entry.name}’s own code in this tag, unchanged.`
          : `Put its code in this tag, unchanged.`}
    </p>
    <pre class="snippet" id="service-${index}-tag" aria-describedby="service-${index}-tag-hint"><code>${snippet}</code></pre>
    <div class="actions">
      <button type="button" id="service-${index}-copy" @click=${() => copy(snippet, `the tag for ${name}`, `service-${index}-tag`)}>Copy the tag for ${name}</button>
      <button type="button" ?disabled=${index === 0} @click=${() => move(draft.services, index, -1)} aria-label="Move up “${name}”">Move up</button>
      <button type="button" ?disabled=${index === draft.services.length - 1} @click=${() => move(draft.services, index, 1)} aria-label="Move down “${name}”">Move down</button>
      <button type="button" class="danger" @click=${() => removeService(index, name)} aria-label="Remove service “${name}”">
        Remove service
      </button>
    </div>
  </details>`;
}

/** The services: the catalogue, a service by hand, then each service with its cookies and its tag. */
export function servicesView() {
  return html`<section class="card" aria-labelledby="services-title">
    <h2 id="services-title" tabindex="-1">Services</h2>
    <p class="hint">The tools that set cookies, each in one category, with the cookies it sets.</p>
    ${issueList('services')} ${catalogueView()}
    <p><button type="button" id="add-by-hand" @click=${addServiceByHand}>Add a service by hand</button></p>
    ${repeat(state.draft.services, keyOf, serviceView)}
  </section>`;
}
