import {html, nothing, render} from 'lit';
import type {TemplateResult} from 'lit';
import {ifDefined} from 'lit/directives/if-defined.js';
import {live} from 'lit/directives/live.js';
import {repeat} from 'lit/directives/repeat.js';
import {checkManifest, consentCategoryIds, formatIssue, needsBanner, resolveText} from '../src/index.js';
import type {Basis, ManifestIssue, ParseResult} from '../src/index.js';
import {categoryFromCatalogue, serviceFromCatalogue} from './catalogue.js';
import type {Catalogue, CatalogueService} from './catalogue.js';
import {
  CONSENT_MODE_TYPES,
  DURATION_UNITS,
  anchorOf,
  blankDraft,
  durationOf,
  durationParts,
  fieldId,
  humanPath,
  manifestFile,
  openManifest,
  plainMessage,
  renameCategory,
  segments,
  tagSnippet,
  toManifest,
  uniqueId,
  valueAt,
} from './draft.js';
import type {Draft, DraftCategory, DraftCookie, DraftService, DurationUnit, TextMap} from './draft.js';

/*
 * The manifest studio: a form over the draft manifest, checked on every change by the banner's
 * own parseManifest and the site owner's lints (`checkManifest`), with a live preview of the real <consent-banner> in an iframe
 * (studio/preview.html). Static and offline: the catalogue and the seed manifests come from
 * this server, the work in progress lives in localStorage, downloads are made in the page.
 */

const STORAGE_KEY = 'consent-banner-studio:draft';
const SEEDS = [
  ['dimelo', 'Dimelo'],
  ['linkello', 'Linkello'],
  ['linkello-medical', 'Linkello Medical'],
  ['linkello-pro', 'Linkello Pro'],
  ['porthello', 'Porthello'],
] as const;
const DEVICES = {phone: {width: 375, height: 667, label: 'Phone'}, desktop: {width: 1280, height: 800, label: 'Desktop'}};
type Device = keyof typeof DEVICES;
type Panel = 'banner' | 'preferences';

const BASES: {basis: Basis; label: string}[] = [
  {basis: 'consent', label: 'Consent: off until the visitor says yes'},
  {basis: 'necessary', label: 'Necessary: strictly necessary, always on'},
  {basis: 'exempt', label: 'Exempt: consent-exempt by a stated rule, always on'},
];

interface Issue extends ManifestIssue {
  kind: 'error' | 'warning';
}

const app = document.getElementById('studio')!;
let draft: Draft = blankDraft();
let result: ParseResult = checkManifest(toManifest(draft));
let issues: Issue[] = [];
let catalogue: Catalogue | null = null;
let catalogueProblem = '';
let alertText = '';
let statusText = '';
let pick = {service: '', target: ''};
let seed: string = SEEDS[0][0];
let pasted = '';
const preview = {language: '', theme: 'light' as 'light' | 'dark', device: 'phone' as Device, panel: 'banner' as Panel};

// ---- small helpers ----

const str = (value: unknown) => (value === undefined || value === null ? '' : String(value));
const count = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
const keys = new WeakMap<object, number>();
let nextKey = 0;
const keyOf = (item: object) => keys.get(item) ?? (keys.set(item, ++nextKey), nextKey);

const languageNames = new Intl.DisplayNames(['en'], {type: 'language'});
function languageName(tag: string) {
  try {
    return `${languageNames.of(tag)} (${tag})`;
  } catch {
    return tag;
  }
}

const siteLanguages = () => draft.site.languages.filter((l): l is string => typeof l === 'string' && l !== '');
/** The languages a text shows inputs for: the site's, then any other the text already has. */
const textLanguages = (map: unknown) => [
  ...new Set([...siteLanguages(), ...(map && typeof map === 'object' ? Object.keys(map) : [])]),
];
const categoryTitle = (c: DraftCategory) =>
  resolveText(Object.keys(c.title ?? {}).length ? c.title : undefined, siteLanguages()[0] ?? 'en') || c.id || 'New category';

// ---- the check ----

function check() {
  result = checkManifest(toManifest(draft));
  issues = result.ok
    ? result.warnings.map((w) => ({...w, kind: 'warning' as const}))
    : result.errors.map((e) => ({...e, kind: 'error' as const}));
}

const issuesAt = (path: string) => issues.filter((i) => anchorOf(i.path) === path);
const issuesUnder = (path: string) =>
  issues.filter((i) => anchorOf(i.path) === path || anchorOf(i.path).startsWith(path + '.') || anchorOf(i.path).startsWith(path + '['));

/** After every change: check, keep the work, show it, and refresh the preview. */
function commit({previewNow = false} = {}) {
  check();
  try {
    if (isBlank()) localStorage.removeItem(STORAGE_KEY);
    else localStorage.setItem(STORAGE_KEY, JSON.stringify(draft));
  } catch (error) {
    alertText = `Your work cannot be kept in this browser (${(error as Error).message}): download it before you leave.`;
  }
  update();
  schedulePreview(previewNow ? 'user' : 'edit');
}

function update() {
  render(view(), app);
}

function announce(text: string) {
  statusText = text;
  alertText = '';
}

// ---- opening, saving, starting over ----

function isBlank() {
  return JSON.stringify(draft) === JSON.stringify(blankDraft());
}

/** Replaces the draft with `json` when it is a manifest; otherwise says why and keeps the work. */
function openJson(text: string, source: string) {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    alertText = `${source} is not valid JSON (${(error as Error).message}). Nothing was opened; your work is unchanged.`;
    return update();
  }
  const opened = openManifest(json);
  if (!opened.ok) {
    alertText = `${opened.message} Nothing was opened; your work is unchanged.`;
    return update();
  }
  if (!isBlank() && !confirm(`Replace the manifest you are editing with ${source}?`)) return;
  draft = opened.draft;
  preview.language = '';
  check();
  announce(
    `Opened ${source}. ` +
      (result.ok ? `It passes the check${issues.length ? ` with ${count(issues.length, 'warning')}` : ''}.` : 'It has an error: see the check.')
  );
  commit({previewNow: true});
}

async function openSeed() {
  const name = SEEDS.find(([id]) => id === seed)?.[1] ?? seed;
  try {
    const response = await fetch(new URL(`../demo/${seed}/cookie-manifest.json`, document.baseURI));
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    openJson(await response.text(), `${name}’s manifest`);
  } catch (error) {
    alertText = `Could not load ${name}’s manifest (${(error as Error).message}). Is the studio served by npm start?`;
    update();
  }
}

async function openFile(event: Event) {
  const input = event.target as HTMLInputElement;
  const file = input.files?.[0];
  if (!file) return;
  openJson(await file.text(), `“${file.name}”`);
  input.value = '';
}

function download() {
  if (!result.ok) {
    const [first] = issues;
    alertText = `Fix the error first, then download: ${humanPath(first.path, draft)}: ${plainMessage(first, draft)}.`;
    update();
    goTo(first);
    return;
  }
  const link = document.createElement('a');
  link.href = URL.createObjectURL(new Blob([manifestFile(draft)], {type: 'application/json'}));
  link.download = 'cookie-manifest.json';
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 60_000);
  announce('Downloaded cookie-manifest.json.');
  update();
}

function startOver() {
  if (!confirm('Start over? This clears the manifest you are editing from this browser.')) return;
  draft = blankDraft();
  preview.language = '';
  localStorage.removeItem(STORAGE_KEY);
  announce('Started over with a new manifest.');
  commit({previewNow: true});
}

/** Copies `text`; where the browser refuses, selects the element `shown` so Ctrl+C does it. */
async function copy(text: string, what: string, shown: string) {
  try {
    await navigator.clipboard.writeText(text);
    announce(`Copied ${what}.`);
  } catch (error) {
    alertText = `Could not copy ${what} (${(error as Error).message}): it is selected, press Ctrl+C (⌘C) to copy it.`;
    const element = document.getElementById(shown);
    if (element) getSelection()?.selectAllChildren(element);
  }
  update();
}

// ---- edits ----

/** Moves focus to the field (or group) where an issue is shown, opening what hides it. */
function goTo(issue: ManifestIssue) {
  const target = document.getElementById(fieldId(anchorOf(issue.path)));
  if (!target) return;
  for (let d = target.closest('details'); d; d = d.parentElement?.closest('details') ?? null) d.open = true;
  const focusable = target.matches('input, select, textarea, summary')
    ? target
    : target.querySelector<HTMLElement>('input, select, textarea, button, summary');
  (focusable ?? target).focus();
  target.scrollIntoView({block: 'center'});
}

/** Focuses the element with `id` once the next render is on screen. */
function focusLater(id: string, open = false) {
  requestAnimationFrame(() => {
    const element = document.getElementById(id);
    const details = element?.closest('details');
    if (details && open) details.open = true;
    element?.focus();
  });
}

function move<T>(list: T[], index: number, by: number) {
  const to = index + by;
  if (to < 0 || to >= list.length) return;
  [list[index], list[to]] = [list[to], list[index]];
  commit();
}

function removeField(path: string) {
  const parts = segments(path);
  const field = parts.pop()!;
  const parent = valueAt(draft, parts) as Record<string | number, unknown> | undefined;
  if (parent && typeof parent === 'object') delete parent[field];
  announce(`Removed “${field}”.`);
  commit();
}

function addCategory() {
  const id = uniqueId(draft, 'category');
  draft.categories.push({id, basis: 'consent', title: {}});
  announce('Added a category: give it a title.');
  commit();
  focusLater(fieldId(`categories[${draft.categories.length - 1}].title.${siteLanguages()[0] ?? 'en'}`));
}

function removeCategory(index: number) {
  const [removed] = draft.categories.splice(index, 1);
  const orphans = draft.services.filter((s) => s.category === removed.id).length;
  announce(
    `Removed the category “${categoryTitle(removed)}”.` +
      (orphans ? ` ${count(orphans, 'service')} still point at it: give them another category.` : '')
  );
  commit();
  focusLater('categories-title');
}

function addServiceByHand() {
  const home = draft.categories.find((c) => c.basis === 'consent') ?? draft.categories[0];
  draft.services.push({id: uniqueId(draft, 'service'), name: '', category: home?.id ?? '', cookies: []});
  announce('Added a service: fill in its name.');
  commit();
  focusLater(fieldId(`services[${draft.services.length - 1}].name`), true);
}

function catalogueEntry(id: string) {
  return catalogue?.services.find((s) => s.id === id);
}

function addFromCatalogue() {
  const entry = catalogueEntry(pick.service);
  if (!entry || !catalogue) return;
  const existing = draft.services.findIndex((s) => s.id === entry.id);
  if (existing >= 0) {
    announce(`${entry.name} is already in the manifest.`);
    update();
    focusLater(`service-${existing}-summary`, true);
    return;
  }
  const target = pick.target || defaultTarget(entry);
  let category = target;
  if (target.startsWith('new:')) {
    const usual = catalogue.categories.find((c) => c.id === target.slice(4))!;
    category = uniqueId(draft, usual.id);
    draft.categories.push({...categoryFromCatalogue(usual, siteLanguages()), id: category});
  }
  draft.services.push(serviceFromCatalogue(entry, siteLanguages(), category));
  pick = {service: '', target: ''};
  const home = draft.categories.find((c) => c.id === category)!;
  announce(`Added ${entry.name} to “${categoryTitle(home)}”, with ${count(entry.cookies.length, 'cookie')}.`);
  commit();
  focusLater(`service-${draft.services.length - 1}-summary`, true);
}

/** Where a catalogue service goes unless told: its usual category, created when missing. */
function defaultTarget(entry: CatalogueService) {
  return draft.categories.some((c) => c.id === entry.category) ? entry.category : `new:${entry.category}`;
}

function addCookie(service: DraftService, index: number) {
  service.cookies.push({name: '', duration: 'PM'});
  commit();
  focusLater(fieldId(`services[${index}].cookies[${service.cookies.length - 1}].name`));
}

// ---- the preview ----

let previewTimer = 0;
let previewReason: 'edit' | 'user' = 'edit';
let focusBeforePreview: Element | null = null;

function schedulePreview(reason: 'edit' | 'user') {
  clearTimeout(previewTimer);
  previewReason = reason === 'user' || previewReason === 'user' ? 'user' : 'edit';
  previewTimer = window.setTimeout(sendPreview, reason === 'user' ? 0 : 300);
}

function previewLanguage() {
  const languages = siteLanguages();
  return languages.includes(preview.language) ? preview.language : (languages[0] ?? 'en');
}

function sendPreview() {
  const frame = document.getElementById('preview-frame') as HTMLIFrameElement | null;
  if (!frame?.contentWindow) return;
  focusBeforePreview = previewReason === 'edit' ? document.activeElement : null;
  previewReason = 'edit';
  frame.contentWindow.postMessage(
    {type: 'render', manifest: result.ok ? toManifest(draft) : null, language: previewLanguage(), panel: preview.panel},
    '/'
  );
}

// A preview refreshed while someone types must not take their focus away (the preferences
// dialog focuses itself when it opens).
addEventListener('message', (event) => {
  const frame = document.getElementById('preview-frame') as HTMLIFrameElement | null;
  if (event.source !== frame?.contentWindow || event.data?.type !== 'rendered') return;
  if (focusBeforePreview instanceof HTMLElement && document.activeElement === frame) focusBeforePreview.focus();
  focusBeforePreview = null;
});

function showPanel(panel: Panel) {
  preview.panel = panel;
  update();
  schedulePreview('user');
}

/** Scales the preview frame, drawn at the device's own size, to fit its column. */
function fitFrame() {
  const box = document.getElementById('preview-box');
  if (!box) return;
  box.style.setProperty('--scale', String(Math.min(1, box.clientWidth / (DEVICES[preview.device].width + 2))));
}

const frameSizer = new ResizeObserver(fitFrame);

// ---- views ----

function issueList(path: string): TemplateResult | typeof nothing {
  const here = issuesAt(path);
  if (!here.length) return nothing;
  return html`<ul class="issues" id="${fieldId(path)}-issues">
    ${here.map(
      (issue) => html`<li class=${issue.kind}>
        <strong>${issue.kind === 'error' ? 'Error' : 'Warning'}:</strong> ${plainMessage(issue, draft)}
        ${issue.message === 'is not a known field'
          ? html`<button type="button" @click=${() => removeField(issue.path)}>Remove “${segments(issue.path).at(-1)}”</button>`
          : nothing}
      </li>`
    )}
  </ul>`;
}

function described(path: string, hint?: string) {
  const ids = [hint ? `${fieldId(path)}-hint` : '', issuesAt(path).length ? `${fieldId(path)}-issues` : ''].filter(Boolean);
  return ids.length ? ids.join(' ') : undefined;
}

const invalid = (path: string) => (issuesAt(path).some((i) => i.kind === 'error') ? 'true' : undefined);

interface FieldOptions {
  hint?: string;
  type?: string;
  placeholder?: string;
  multiline?: boolean;
  onChange?: boolean;
}

/** A labelled input (or textarea) with its hint and its issues; `set` receives what is typed. */
function field(path: string, label: string, value: unknown, set: (value: string) => void, options: FieldOptions = {}) {
  const id = fieldId(path);
  const onEdit = (event: Event) => {
    set((event.target as HTMLInputElement).value);
    commit();
  };
  const control = options.multiline
    ? html`<textarea
        id=${id}
        rows="2"
        .value=${live(str(value))}
        aria-invalid=${ifDefined(invalid(path))}
        aria-describedby=${ifDefined(described(path, options.hint))}
        @input=${onEdit}
      ></textarea>`
    : html`<input
        id=${id}
        type=${options.type ?? 'text'}
        .value=${live(str(value))}
        placeholder=${ifDefined(options.placeholder)}
        autocomplete="off"
        spellcheck="false"
        aria-invalid=${ifDefined(invalid(path))}
        aria-describedby=${ifDefined(described(path, options.hint))}
        @input=${options.onChange ? nothing : onEdit}
        @change=${options.onChange ? onEdit : nothing}
      />`;
  return html`<div class="field">
    <label for=${id}>${label}</label>
    ${options.hint ? html`<p class="hint" id="${id}-hint">${options.hint}</p>` : nothing}
    ${control} ${issueList(path)}
  </div>`;
}

/** A text in each language: one input per language of the site (and any the text already has). */
function textField(
  path: string,
  label: string,
  owner: Record<string, unknown>,
  key: string,
  {multiline = false, hint = '', required = false} = {}
) {
  const map = owner[key] as TextMap | undefined;
  const hintId = hint ? `${fieldId(path)}-hint` : undefined;
  return html`<fieldset class="text" id=${fieldId(path)} aria-describedby=${ifDefined(described(path, hint))}>
    <legend>${label}${required ? nothing : html` <span class="optional">(optional)</span>`}</legend>
    ${hint ? html`<p class="hint" id=${ifDefined(hintId)}>${hint}</p>` : nothing} ${issueList(path)}
    ${textLanguages(map).map((lang) => {
      const extra = !siteLanguages().includes(lang);
      return field(
        `${path}.${lang}`,
        `${languageName(lang)}${extra ? ', not one of the site’s languages: empty it to remove it' : ''}`,
        map?.[lang],
        (value) => {
          const next = {...((owner[key] as TextMap | undefined) ?? {})};
          if (value === '' && extra) delete next[lang];
          else next[lang] = value;
          owner[key] = next;
        },
        {multiline}
      );
    })}
  </fieldset>`;
}

function numberField(path: string, label: string, value: unknown, set: (value: number | string) => void, hint: string, min: number, max?: number) {
  const id = fieldId(path);
  return html`<div class="field">
    <label for=${id}>${label}</label>
    <p class="hint" id="${id}-hint">${hint}</p>
    <input
      id=${id}
      type="number"
      min=${min}
      max=${ifDefined(max)}
      step="1"
      .value=${live(str(value))}
      aria-invalid=${ifDefined(invalid(path))}
      aria-describedby=${ifDefined(described(path, hint))}
      @input=${(event: Event) => {
        const input = event.target as HTMLInputElement;
        set(Number.isNaN(input.valueAsNumber) ? input.value : input.valueAsNumber);
        commit();
      }}
    />
    ${issueList(path)}
  </div>`;
}

const RULE_NECESSARY = html`<p class="rule">
  <strong>Necessary (RULES R29)</strong> means needed for something the visitor asked for: remembering
  their cookie choice, signing in and keeping that secure, the basket or the payment, an interface
  choice such as the language, load balancing, counting free articles behind a paywall. Analytics,
  advertising, social and chat tools are not necessary: a Google, HubSpot or ad-network service here
  gets a warning.
</p>`;

const RULE_EXEMPT = html`<p class="rule">
  <strong>Exempt audience measurement (RULES R30)</strong> needs no consent only when all of this
  holds: it measures this site’s audience alone, for you alone; the statistics are anonymous; the
  data is not combined with anything else nor passed on; visitors are not followed from site to
  site. Its cookies may last <strong>13 months at most</strong> (the check refuses longer ones), the
  data is kept 25 months at most, and visitors can object (the banner offers the opt-out). Matomo in
  its CNIL setup qualifies; Google Analytics, Hotjar or Clarity do not. Say which rule applies in “Why
  no consent is needed”: visitors read it.
</p>`;

function categoryView(category: DraftCategory, index: number) {
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
      <div class="field">
        <label for=${fieldId(`${path}.basis`)}>Basis</label>
        <select
          id=${fieldId(`${path}.basis`)}
          aria-invalid=${ifDefined(invalid(`${path}.basis`))}
          aria-describedby=${ifDefined(described(`${path}.basis`))}
          @change=${(e: Event) => {
            category.basis = (e.target as HTMLSelectElement).value as Basis;
            commit();
          }}
        >
          ${BASES.map((b) => html`<option value=${b.basis} ?selected=${category.basis === b.basis}>${b.label}</option>`)}
          ${BASES.some((b) => b.basis === category.basis)
            ? nothing
            : html`<option value=${str(category.basis)} selected>${str(category.basis)} (not a basis)</option>`}
        </select>
        ${issueList(`${path}.basis`)}
      </div>
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

function durationField(path: string, cookie: DraftCookie) {
  const parts = durationParts(str(cookie.duration));
  const id = fieldId(path);
  if (!parts) {
    return field(path, 'Lifetime (ISO 8601)', cookie.duration, (v) => (cookie.duration = v), {
      hint: 'An ISO 8601 duration such as P1Y6M, or session.',
    });
  }
  const setParts = (count: string, unit: DurationUnit) => {
    cookie.duration = durationOf(count, unit);
    commit();
  };
  return html`<fieldset class="duration" id=${id}>
    <legend>Lifetime</legend>
    ${parts.unit === 'session'
      ? nothing
      : html`<label class="visually-hidden" for="${id}-count">How many</label>
          <input
            id="${id}-count"
            type="number"
            min="1"
            step="1"
            .value=${live(parts.count)}
            aria-invalid=${ifDefined(invalid(path))}
            aria-describedby=${ifDefined(described(path))}
            @input=${(e: Event) => setParts((e.target as HTMLInputElement).value, parts.unit)}
          />`}
    <label class="visually-hidden" for="${id}-unit">Unit</label>
    <select id="${id}-unit" @change=${(e: Event) => setParts(parts.count, (e.target as HTMLSelectElement).value as DurationUnit)}>
      ${DURATION_UNITS.map((u) => html`<option value=${u.unit} ?selected=${u.unit === parts.unit}>${u.label}</option>`)}
    </select>
    ${issueList(path)}
  </fieldset>`;
}

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
      <button
        type="button"
        class="danger"
        aria-label="Remove cookie “${name}”"
        @click=${() => {
          service.cookies.splice(index, 1);
          announce(`Removed the cookie ${name}.`);
          commit();
          focusLater(`service-${serviceIndex}-add-cookie`);
        }}
      >
        Remove cookie
      </button>
    </div>
  </fieldset>`;
}

function serviceView(service: DraftService, index: number) {
  const path = `services[${index}]`;
  const home = draft.categories.find((c) => c.id === service.category);
  const found = issuesUnder(path);
  const errors = found.filter((i) => i.kind === 'error').length;
  const warnings = found.length - errors;
  const name = str(service.name).trim() || str(service.id) || 'New service';
  const snippet = tagSnippet({id: str(service.id), name: str(service.name)}, catalogueEntry(str(service.id))?.tag);
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
      <div class="field">
        <label for=${fieldId(`${path}.category`)}>Category</label>
        <select
          id=${fieldId(`${path}.category`)}
          aria-invalid=${ifDefined(invalid(`${path}.category`))}
          aria-describedby=${ifDefined(described(`${path}.category`))}
          @change=${(e: Event) => {
            service.category = (e.target as HTMLSelectElement).value;
            commit();
          }}
        >
          ${draft.categories.map(
            (c) => html`<option value=${c.id} ?selected=${c.id === service.category}>${categoryTitle(c)} (${c.basis})</option>`
          )}
          ${home ? nothing : html`<option value=${str(service.category)} selected>Unknown: “${str(service.category)}”</option>`}
        </select>
        ${issueList(`${path}.category`)}
      </div>
    </div>
    ${field(`${path}.policyUrl`, 'Privacy policy URL (optional)', service.policyUrl, (v) => (service.policyUrl = v), {
      type: 'url',
      placeholder: 'https://',
    })}
    ${textField(`${path}.description`, 'Description', service, 'description', {multiline: true})}
    <h4>Cookies</h4>
    ${issueList(`${path}.cookies`)}
    ${service.cookies.length ? nothing : html`<p class="hint">No cookie declared: fine for a tool that sets none.</p>`}
    ${repeat(service.cookies, keyOf, (cookie, j) => cookieView(service, index, cookie, j))}
    <button type="button" id="service-${index}-add-cookie" @click=${() => addCookie(service, index)}>Add a cookie to ${name}</button>
    <h4>Tag your pages</h4>
    <p class="hint" id="service-${index}-tag-hint">
      ${home?.basis === 'necessary'
        ? `${name} runs at once; tagging its script is optional:`
        : home?.basis === 'exempt'
          ? `Tag ${name}’s script like this, so that a visitor who objects turns it off:`
          : `Turn ${name}’s script or embed off until consent by tagging it like this:`}
      put your own code or address in place of the example.
    </p>
    <pre class="snippet" id="service-${index}-tag" aria-describedby="service-${index}-tag-hint"><code>${snippet}</code></pre>
    <div class="actions">
      <button type="button" id="service-${index}-copy" @click=${() => copy(snippet, `the tag for ${name}`, `service-${index}-tag`)}>Copy the tag for ${name}</button>
      <button type="button" ?disabled=${index === 0} @click=${() => move(draft.services, index, -1)} aria-label="Move up “${name}”">Move up</button>
      <button type="button" ?disabled=${index === draft.services.length - 1} @click=${() => move(draft.services, index, 1)} aria-label="Move down “${name}”">Move down</button>
      <button
        type="button"
        class="danger"
        @click=${() => {
          draft.services.splice(index, 1);
          announce(`Removed the service ${name}.`);
          commit();
          focusLater('services-title');
        }}
        aria-label="Remove service “${name}”"
      >
        Remove service
      </button>
    </div>
  </details>`;
}

function catalogueView() {
  if (!catalogue) {
    return html`<p class="hint">${catalogueProblem || 'Loading the catalogue…'}</p>`;
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
            pick = {service: (e.target as HTMLSelectElement).value, target: ''};
            update();
          }}
        >
          <option value="" ?selected=${!entry}>Choose a service…</option>
          ${catalogue.categories.map(
            (c) => html`<optgroup label=${c.title.en}>
              ${catalogue!.services
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
            pick = {...pick, target: (e.target as HTMLSelectElement).value};
            update();
          }}
        >
          ${draft.categories.map(
            (c) => html`<option value=${c.id} ?selected=${c.id === target}>${categoryTitle(c)} (${c.basis})</option>`
          )}
          ${usual && !draft.categories.some((c) => c.id === usual.id)
            ? html`<option value="new:${usual.id}" ?selected=${target === `new:${usual.id}`}>
                New category: ${usual.title.en} (${usual.basis})
              </option>`
            : nothing}
        </select>
      </div>
    </div>
    <p class="hint" id="catalogue-summary">
      ${entry
        ? `${entry.provider} · ${count(entry.cookies.length, 'cookie')} · usually in “${usual?.title.en ?? entry.category}” (${usual?.basis})` +
          (entry.$comment ? ` · Note: ${entry.$comment}` : '')
        : 'Pick a service to see what it brings.'}
    </p>
    <button type="button" id="add-from-catalogue" ?disabled=${!entry} @click=${addFromCatalogue}>Add ${entry?.name ?? 'the service'}</button>
  </div>`;
}

/** What each Consent Mode type lets Google's tags do, in a site owner's words (from the schema). */
const CONSENT_MODE_HINTS: Record<string, string> = {
  ad_storage: 'Storage for advertising (cookies such as _gcl_au, IDE).',
  ad_user_data: 'Sending the visitor’s data to Google for advertising.',
  ad_personalization: 'Personalised advertising, remarketing.',
  analytics_storage: 'Storage for analytics (cookies such as _ga).',
  functionality_storage: 'Storage for the site’s functions, such as the language. Left empty, it follows the necessary category.',
  personalization_storage: 'Storage for personalisation, such as video recommendations.',
};

/** Ticks or unticks category `id` for Consent Mode type `type`; an emptied type is left out. */
function setConsentMode(type: string, id: string, on: boolean) {
  const mode = (draft.consentMode ??= {});
  const ids = (Array.isArray(mode[type]) ? mode[type] : []).filter((c) => c !== id);
  if (on) ids.push(id);
  if (ids.length) mode[type] = ids;
  else delete mode[type];
  if (!Object.keys(mode).length) delete draft.consentMode;
  commit();
}

/**
 * Google Consent Mode v2: for each type, the categories that grant it once the visitor allows
 * them (checkboxes, values the category ids), and the tag-manager event.
 */
function consentModeView() {
  const mode = draft.consentMode ?? {};
  const hintId = `${fieldId('consentMode')}-hint`;
  return html`<fieldset class="consent-mode" id=${fieldId('consentMode')} aria-describedby=${hintId}>
    <legend>Google Consent Mode v2 (optional)</legend>
    <p class="hint" id=${hintId}>
      For Google Analytics, Google Ads and Tag Manager: tick the categories that, once the visitor allows them, grant
      each consent type. A type is granted when every category ticked for it is allowed, and denied until then (and
      when none is ticked). Google’s tags stay tagged: this is a signal, not a release (RULES R37, R38).
    </p>
    ${issueList('consentMode')}
    ${CONSENT_MODE_TYPES.map((type) => {
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
    })}
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

function advancedView() {
  const cookie = draft.cookie ?? {};
  return html`<details class="card" id="advanced">
    <summary>Advanced settings</summary>
    <div class="row">
      ${field('cookie.name', 'Consent cookie name (optional)', cookie.name, (v) => ((draft.cookie ??= {}).name = v), {
        hint: 'Where the visitor’s choice is stored; “consent” if left empty.',
        placeholder: 'consent',
      })}
      ${field('cookie.domain', 'Consent cookie domain (optional)', cookie.domain, (v) => ((draft.cookie ??= {}).domain = v), {
        hint: 'A parent domain, such as .example.com, to share the choice with its subdomains.',
      })}
    </div>
    <div class="field">
      <label for=${fieldId('gpc')}>Global Privacy Control</label>
      <p class="hint" id="${fieldId('gpc')}-hint">What a browser’s “do not sell or share” signal means (RULES R35).</p>
      <select
        id=${fieldId('gpc')}
        aria-describedby=${ifDefined(described('gpc', 'hint'))}
        @change=${(e: Event) => {
          const value = (e.target as HTMLSelectElement).value;
          if (value) draft.gpc = value;
          else delete draft.gpc;
          commit();
        }}
      >
        <option value="" ?selected=${!draft.gpc}>Refuse every consent category (the default)</option>
        <option value="refuse" ?selected=${draft.gpc === 'refuse'}>Refuse every consent category (stated)</option>
        <option value="ignore" ?selected=${draft.gpc === 'ignore'}>Ignore the signal</option>
      </select>
      ${issueList('gpc')}
    </div>
    ${field('log.url', 'Decision log URL (optional)', draft.log?.url, (v) => ((draft.log ??= {}).url = v), {
      hint: 'Each decision’s record is sent there: an https URL or a path on this site. The preview never sends it.',
    })}
    ${consentModeView()}
    ${field('$schema', 'Schema address', draft.$schema, (v) => (draft.$schema = v), {
      hint: 'Lets code editors complete and check the file. Left empty, the shipped schema’s address is used.',
      placeholder: 'https://consent-banner.dev/schema/cookie-manifest.schema.json',
    })}
    ${field('$comment', 'Notes for the people who keep this file (optional)', draft.$comment, (v) => (draft.$comment = v), {
      multiline: true,
    })}
  </details>`;
}

function verdictView() {
  if (!result.ok) {
    return html`<p class="verdict bad" id="verdict">
      <strong>The banner cannot use this manifest.</strong> It would fail closed: nothing that needs consent would
      run. Fix the error below.
    </p>`;
  }
  const {manifest} = result;
  if (needsBanner(manifest)) {
    const asked = consentCategoryIds(manifest).map((id) =>
      resolveText(manifest.categories.find((c) => c.id === id)!.title, previewLanguage(), manifest.site.languages)
    );
    return html`<p class="verdict asks" id="verdict">
      <strong>Banner needed.</strong> Visitors are asked before anything in ${asked.join(', ')} runs; refusing is
      one click, like accepting.
    </p>`;
  }
  const idle = manifest.categories.filter((c) => c.basis === 'consent').map((c) => resolveText(c.title, 'en'));
  return html`<p class="verdict quiet" id="verdict">
    <strong>No banner needed.</strong> No consent category holds a service${idle.length
      ? ` (${idle.join(', ')} ${idle.length > 1 ? 'hold' : 'holds'} none)`
      : ''}: everything declared is strictly necessary or consent-exempt (RULES R28). Nothing is asked and nothing is
    stored; a “Cookie settings” link (<code>data-consent-open</code>) opens the declaration${manifest.categories.some(
      (c) => c.basis === 'exempt'
    )
      ? ', with the opt-out of exempt measurement'
      : ''}.
  </p>`;
}

function checkView() {
  return html`<section class="card check" aria-labelledby="check-title">
    <h2 id="check-title">Check</h2>
    <p class="hint">Every change goes through the banner’s own check. The first error stops it, as it stops the banner.</p>
    ${verdictView()}
    ${issues.length
      ? html`<ul class="summary">
          ${issues.map(
            (issue) => html`<li class=${issue.kind}>
              <strong>${issue.kind === 'error' ? 'Error' : 'Warning'}:</strong>
              <button type="button" class="link" @click=${() => goTo(issue)}>${humanPath(issue.path, draft)}</button>:
              ${plainMessage(issue, draft)}
              <code class="path">${formatIssue(issue)}</code>
            </li>`
          )}
        </ul>`
      : html`<p class="clean">No error, no warning.</p>`}
  </section>`;
}

function previewView() {
  const languages = siteLanguages();
  const device = DEVICES[preview.device];
  const quiet = result.ok && !needsBanner(result.manifest);
  return html`<section class="card preview" aria-labelledby="preview-title">
    <h2 id="preview-title">Preview</h2>
    <p class="hint">The real banner, as a first-time visitor sees it. Choices made in it are forgotten.</p>
    <div class="controls">
      <div class="field">
        <label for="preview-language">Language</label>
        <select
          id="preview-language"
          @change=${(e: Event) => {
            preview.language = (e.target as HTMLSelectElement).value;
            update();
            schedulePreview('edit');
          }}
        >
          ${languages.map((l) => html`<option value=${l} ?selected=${l === previewLanguage()}>${languageName(l)}</option>`)}
        </select>
      </div>
      ${radioGroup('Theme', 'preview-theme', [['light', 'Light'], ['dark', 'Dark']], preview.theme, (v) => {
        preview.theme = v as 'light' | 'dark';
        update();
      })}
      ${radioGroup('Screen', 'preview-device', [['phone', 'Phone'], ['desktop', 'Desktop']], preview.device, (v) => {
        preview.device = v as Device;
        update();
        fitFrame();
      })}
    </div>
    <div class="actions">
      <button type="button" id="preview-banner" @click=${() => showPanel('banner')} ?disabled=${!result.ok}>
        ${quiet ? 'Show the page' : 'Show the banner'}
      </button>
      <button type="button" id="preview-preferences" @click=${() => showPanel('preferences')} ?disabled=${!result.ok}>
        ${quiet ? 'Open the declaration' : 'Open the preferences'}
      </button>
    </div>
    ${result.ok ? nothing : html`<p class="verdict bad">No preview: the banner would not run with this manifest.</p>`}
    <div class="frame ${preview.device}" id="preview-box" ?hidden=${!result.ok}>
      <iframe
        id="preview-frame"
        class=${preview.theme}
        src="preview.html"
        width=${device.width}
        height=${device.height}
        title="Preview of the banner: ${device.label}, ${preview.theme}, ${languageName(previewLanguage())}"
        @load=${() => schedulePreview('edit')}
      ></iframe>
    </div>
  </section>`;
}

function radioGroup(legend: string, name: string, options: [string, string][], value: string, set: (value: string) => void) {
  return html`<fieldset class="radios">
    <legend>${legend}</legend>
    ${options.map(
      ([v, label]) => html`<label class="check"
        ><input type="radio" name=${name} value=${v} .checked=${live(v === value)} @change=${() => set(v)} /> ${label}</label
      >`
    )}
  </fieldset>`;
}

function fileView() {
  return html`<section class="card file" aria-labelledby="file-title">
    <h2 id="file-title">Open, download, start over</h2>
    <div class="toolbar">
      <div class="group">
        <label for="seed">A demo site’s manifest</label>
        <div class="inline">
          <select id="seed" @change=${(e: Event) => (seed = (e.target as HTMLSelectElement).value)}>
            ${SEEDS.map(([id, name]) => html`<option value=${id} ?selected=${id === seed}>${name}</option>`)}
          </select>
          <button type="button" id="open-seed" @click=${openSeed}>Open this demo</button>
        </div>
      </div>
      <div class="group">
        <label for="open-file">A manifest file on your computer</label>
        <input id="open-file" type="file" accept=".json,application/json" @change=${openFile} />
      </div>
      <div class="group end">
        <button type="button" id="download" class="primary" @click=${download}>Download cookie-manifest.json</button>
        <button type="button" id="start-over" class="danger" @click=${startOver}>Start over</button>
      </div>
    </div>
    <details>
      <summary>Paste JSON</summary>
      <div class="field">
        <label for="paste">Manifest JSON</label>
        <textarea id="paste" rows="6" spellcheck="false" .value=${live(pasted)} @input=${(e: Event) => (pasted = (e.target as HTMLTextAreaElement).value)}></textarea>
        <button type="button" id="open-paste" @click=${() => openJson(pasted, 'the pasted JSON')}>Open the pasted JSON</button>
      </div>
    </details>
    <div role="alert" class="alert" id="alert">${alertText ? html`<p>${alertText}</p>` : nothing}</div>
  </section>`;
}

function view() {
  const services = draft.services;
  return html`${fileView()}
    <div class="columns">
      <div class="editor">
        <section class="card" aria-labelledby="site-title">
          <h2 id="site-title">Site</h2>
          ${issueList('manifest')}
          <div class="row">
            ${field('site.name', 'Site name', draft.site.name, (v) => (draft.site.name = v), {
              hint: 'As visitors know it: “Cookies on …”.',
            })}
            ${field('site.policyUrl', 'Cookie or privacy policy URL', draft.site.policyUrl, (v) => (draft.site.policyUrl = v), {
              type: 'url',
              placeholder: 'https://',
              hint: 'The banner links it. http(s) only.',
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
            ${numberField('revision', 'Revision', draft.revision, (v) => (draft.revision = v), 'Raise it when you add purposes or partners: every visitor is asked again (RULES R24).', 1)}
            ${numberField(
              'consentMaxAgeDays',
              'Keep each yes for (days)',
              draft.consentMaxAgeDays,
              (v) => (draft.consentMaxAgeDays = v),
              'A yes is kept this long, then asked again: 182 days (6 months) is the CNIL’s advice, 395 the most.',
              1,
              395
            )}
            ${numberField(
              'refusalMaxAgeDays',
              'Keep each refusal for (days)',
              draft.refusalMaxAgeDays,
              (v) => (draft.refusalMaxAgeDays = v),
              'A no is kept this long before the visitor is asked again: at least 182 days (6 months), 395 the most.',
              182,
              395
            )}
          </div>
        </section>

        <section class="card" aria-labelledby="categories-title">
          <h2 id="categories-title" tabindex="-1">Categories</h2>
          <p class="hint">
            One per purpose, in the order visitors see them. A consent category is off until the visitor says yes;
            necessary and exempt ones are always on and say why.
          </p>
          ${issueList('categories')}
          ${repeat(draft.categories, keyOf, categoryView)}
          <button type="button" id="add-category" @click=${addCategory}>Add a category</button>
        </section>

        <section class="card" aria-labelledby="services-title">
          <h2 id="services-title" tabindex="-1">Services</h2>
          <p class="hint">The tools that set cookies, each in one category, with the cookies it sets.</p>
          ${issueList('services')} ${catalogueView()}
          <p><button type="button" id="add-by-hand" @click=${addServiceByHand}>Add a service by hand</button></p>
          ${repeat(services, keyOf, serviceView)}
        </section>

        ${advancedView()}
      </div>
      <div class="side">
        ${checkView()} ${previewView()}
        <details class="card json">
          <summary id="json-title">The manifest as JSON</summary>
          <pre tabindex="0" role="region" aria-labelledby="json-title" id="json"><code>${manifestFile(draft)}</code></pre>
          <button type="button" @click=${() => copy(manifestFile(draft), 'the JSON', 'json')}>Copy the JSON</button>
        </details>
      </div>
    </div>
    <p class="visually-hidden" role="status" id="status">${statusText}</p>`;
}

// ---- start ----

function restore() {
  let saved: string | null = null;
  try {
    saved = localStorage.getItem(STORAGE_KEY);
  } catch {
    return;
  }
  if (!saved) return;
  let opened;
  try {
    opened = openManifest(JSON.parse(saved));
  } catch {
    opened = {ok: false as const, message: 'it is not JSON'};
  }
  if (opened.ok) {
    draft = opened.draft;
    statusText = 'Your work in progress is back.';
  } else {
    alertText = `Your saved work could not be read (${opened.message}); this is a new manifest.`;
  }
}

async function loadCatalogue() {
  try {
    const response = await fetch(new URL('../catalogue/services.json', document.baseURI));
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    catalogue = (await response.json()) as Catalogue;
  } catch (error) {
    catalogueProblem = `The catalogue could not be loaded (${(error as Error).message}): you can still add services by hand.`;
  }
  update();
}

restore();
check();
update();
frameSizer.observe(document.getElementById('preview-box')!);
void loadCatalogue();
