import {html, nothing} from 'lit';
import {repeat} from 'lit/directives/repeat.js';
import {addCookie, addServiceByHand, copy, move, removeCookie, removeService} from '../actions.js';
import {formatDuration} from '../../src/core/duration.js';
import type {DraftCookie, DraftService} from '../draft.js';
import {fieldId} from '../field-paths.js';
import {ownService} from '../own-cookie.js';
import {tagSnippet} from '../service-tag.js';
import {durationField, field, issueList, selectField, textField} from '../fields.js';
import {catalogueFor, categoryTitle, isOpen, keyOf, state} from '../state.js';
import {flashed} from './flash.js';
import {foldLine, issueCounts} from './fold.js';
import {count, str} from '../words.js';
import {catalogueView} from './catalogue-view.js';

/** How long a cookie lasts, in a few words (“2 years”, “session”), for its folded line. */
const lifetime = (duration: unknown) => {
  try {
    return formatDuration(str(duration), 'en', 'session');
  } catch {
    return 'lifetime to fix';
  }
};

function cookieView(service: DraftService, serviceIndex: number, cookie: DraftCookie, index: number) {
  const path = `services[${serviceIndex}].cookies[${index}]`;
  const name = str(cookie.name).trim() || `Cookie ${index + 1}`;
  const bodyId = `cookie-${serviceIndex}-${index}-body`;
  return html`<div class="cookie" id=${fieldId(path)}>
    ${foldLine(cookie, `cookie-${serviceIndex}-${index}-summary`, bodyId, html`Cookie: ${name}`, html`${lifetime(cookie.duration)}${str(cookie.domain) ? html` · on ${str(cookie.domain)}` : nothing}${issueCounts(path)}`, 4)}
    ${
      isOpen(cookie)
        ? html`<div id=${bodyId}>
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
        </div>`
        : nothing
    }
  </div>`;
}

/** The service the studio declares by itself: one line, nothing to edit. */
function ownServiceView(service: DraftService, index: number) {
  const home = state.draft.categories.find((c) => c.id === service.category);
  return html`<section class="card service own" id=${fieldId(`services[${index}]`)}>
    <h3 class="line"><span class="name">consent-banner</span>
      <span class="meta">${home ? categoryTitle(home) : ''} · declared automatically: the banner’s own cookie
        <code>${service.cookies[0]?.name}</code>${service.storage?.length ? html` and its log’s key <code>${service.storage[0]}</code>` : nothing}</span></h3>
  </section>`;
}

function serviceView(service: DraftService, index: number) {
  const {draft} = state;
  if (service === ownService(draft)) return ownServiceView(service, index);
  const path = `services[${index}]`;
  const home = draft.categories.find((c) => c.id === service.category);
  const name = str(service.name).trim() || str(service.id) || 'New service';
  const bodyId = `service-${index}-body`;
  const open = isOpen(service);
  return html`<section class="card service" id=${fieldId(path)}>
    ${foldLine(service, `service-${index}-summary`, bodyId, name, html`${home ? categoryTitle(home) : 'no category'} · ${count(service.cookies.length, 'cookie')}${issueCounts(path)}`)}
    ${open ? serviceBody(service, index, name, bodyId) : nothing}
  </section>`;
}

function serviceBody(service: DraftService, index: number, name: string, bodyId: string) {
  const {draft} = state;
  const path = `services[${index}]`;
  const home = draft.categories.find((c) => c.id === service.category);
  const entry = catalogueFor({id: str(service.id), name: str(service.name), provider: str(service.provider)});
  const snippet = tagSnippet({id: str(service.id), name: str(service.name)}, entry);
  return html`<div id=${bodyId}>
    ${issueList(path)}
    <div class="row">
      ${field(`${path}.name`, 'Name', service.name, (v) => (service.name = v), {hint: 'As visitors know it.'})}
      ${selectField(
        `${path}.category`,
        'Category',
        html`${draft.categories.map((c) => html`<option value=${c.id} ?selected=${c.id === service.category}>${categoryTitle(c)} (${c.basis})</option>`)}
        ${home ? nothing : html`<option value=${str(service.category)} selected>Unknown: “${str(service.category)}”</option>`}`,
        (v) => (service.category = v)
      )}
    </div>
    <div class="row">
      ${field(`${path}.provider`, 'Provider (optional)', service.provider, (v) => (service.provider = v), {
        hint: 'The company behind it, e.g. Google Ireland Limited.',
      })}
      ${field(`${path}.policyUrl`, 'Privacy policy URL (optional)', service.policyUrl, (v) => (service.policyUrl = v), {
        inputmode: 'url',
        placeholder: 'https://',
      })}
    </div>
    ${textField(`${path}.description`, 'Description', service, 'description', {multiline: true})}
    <h4>Cookies</h4>
    ${issueList(`${path}.cookies`)}
    ${service.cookies.length ? nothing : html`<p class="hint">No cookie declared: fine for a tool that sets none.</p>`}
    ${repeat(service.cookies, keyOf, (cookie, j) => cookieView(service, index, cookie, j))}
    <button type="button" id="service-${index}-add-cookie" @click=${() => addCookie(service, index)}>Add a cookie to ${name}</button>
    <details class="more">
      <summary>Advanced: id, storage keys</summary>
      ${field(`${path}.id`, 'Id', service.id, (v) => (service.id = v), {
        hint: 'Lowercase a-z, 0-9 and -. Your tags name it: data-service="…".',
      })}
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
    </details>
    <h4>Tag your pages</h4>
    <p class="hint" id="service-${index}-tag-hint">
      ${
        home?.basis === 'necessary'
          ? `${name} runs at once; tagging its code is optional.`
          : home?.basis === 'exempt'
            ? `Tag ${name} like this, so that a visitor who objects turns it off.`
            : `Turn ${name} off until consent by tagging it like this.`
      }
      ${
        entry?.snippet
          ? html`Paste it in place of ${entry.name}’s own snippet, with your ids in place of the examples; leave out its
            <code>&lt;noscript&gt;</code> part, which would fire with JavaScript off. From
            <a href=${entry.snippet.source.url} target="_blank" rel="noopener noreferrer">${entry.name}’s documentation</a>
            (read ${entry.snippet.source.read}).`
          : entry
            ? `No ${entry.name} snippet on file: put ${entry.name}’s own code in this tag, unchanged.`
            : `Put its code in this tag, unchanged.`
      }
    </p>
    <pre class="snippet" id="service-${index}-tag" aria-describedby="service-${index}-tag-hint"><code>${snippet}</code></pre>
    <div class="actions">
      <button type="button" id="service-${index}-copy" @click=${() => copy(snippet, `the tag for ${name}`, `service-${index}-tag`)}>Copy the tag for ${name}</button>
      ${flashed(`service-${index}-tag`)}
      <button type="button" ?disabled=${index === 0} @click=${() => move(draft.services, index, -1)} aria-label="Move up “${name}”">Move up</button>
      <button type="button" ?disabled=${index === draft.services.length - 1} @click=${() => move(draft.services, index, 1)} aria-label="Move down “${name}”">Move down</button>
      <button type="button" class="danger" @click=${() => removeService(index, name)} aria-label="Remove service “${name}”">Remove service</button>
    </div>
  </div>`;
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
