import {checkManifest} from '../src/core/manifest-check.js';
import {GOOGLE_TAGS, proposedConsentMode} from '../src/core/manifest-lint.js';
import type {ManifestIssue} from '../src/core/manifest.types.js';
import {categoryFromCatalogue, serviceFromCatalogue} from './catalogue.js';
import type {CatalogueService} from './catalogue.js';
import {blankDraft, uniqueId} from './draft.js';
import type {Draft, DraftService} from './draft.js';
import {anchorOf, fieldId, humanPath, plainMessage, segments, valueAt} from './field-paths.js';
import {manifestFile, openManifest, toManifest} from './manifest-file.js';
import {declareOwn} from './own-cookie.js';
import {schedulePreview} from './preview-frame.js';
import {SEEDS, catalogueEntry, categoryTitle, isOpen, openPath, setOpen, siteLanguages, state, touch, touchedPaths} from './state.js';
import type {Panel} from './state.js';
import {count, str} from './words.js';

/*
 * What the user does, as functions over the studio's state (state.ts): each changes it, then
 * draws the page again (`update`) or, for a change to the draft, checks, keeps and previews it
 * too (`commit`). Opening, downloading and copying happen here; nothing here draws HTML.
 */

const STORAGE_KEY = 'consent-banner-studio:draft';
/** Beside the draft: which of its errors were showing ({all, touched}), so a reload shows the same. */
const SHOWN_KEY = 'consent-banner-studio:shown';
/** Work the studio could not show (broken, too large, or the page stopped on it): kept to download, never opened. */
const SET_ASIDE_KEY = 'consent-banner-studio:set-aside';
/**
 * In this tab's sessionStorage while the page is drawn (studio.ts): still there when the page
 * loads means the last drawing never ended (the tab froze or crashed, and was reloaded), so the
 * saved work is set aside instead of freezing the page again.
 */
export const DRAWING_KEY = 'consent-banner-studio:drawing';
/** The banner reads no manifest over 1 MB (README, Security): neither does the studio. */
export const MAX_FILE_BYTES = 1_000_000;

let draw = () => {};

/** Sets how the page is drawn (studio.ts does, at start). */
export function drawWith(render: () => void) {
  draw = render;
}

/** Draws the page from the state. */
export function update() {
  draw();
}

export function announce(text: string) {
  state.statusText = text;
  state.alertText = '';
}

// ---- the check ----

export function check() {
  // The banner's own cookie, declared in the necessary category, kept in step with what it depends on.
  declareOwn(state.draft);
  const result = checkManifest(toManifest(state.draft));
  state.result = result;
  state.issues = result.ok
    ? result.warnings.map((w) => ({...w, kind: 'warning' as const}))
    : result.errors.map((e) => ({...e, kind: 'error' as const}));
}

/** After every change: check, keep the work, show it, and refresh the preview. */
export function commit({previewNow = false} = {}) {
  check();
  keepSoon();
  update();
  schedulePreview(previewNow ? 'user' : 'edit');
}

let keepTimer: ReturnType<typeof setTimeout> | undefined;
/**
 * Keeps the work once typing pauses (a manifest of a thousand services is a megabyte to write at
 * every keystroke); `keepNow` writes at once, as the page goes away.
 */
function keepSoon() {
  clearTimeout(keepTimer);
  keepTimer = setTimeout(keepNow, 300);
}
export function keepNow() {
  if (keepTimer === undefined) return;
  clearTimeout(keepTimer);
  keepTimer = undefined;
  const before = state.alertText;
  keep();
  if (state.alertText !== before) update();
}

/** Keeps the work in this browser, with which of its errors show; a new, untouched manifest is not kept. */
function keep() {
  try {
    if (isBlank()) {
      localStorage.removeItem(STORAGE_KEY);
      localStorage.removeItem(SHOWN_KEY);
    } else {
      const saved = JSON.stringify(state.draft);
      if (saved.length > MAX_FILE_BYTES) {
        state.alertText =
          'Your work is larger than 1 MB, more than the banner reads: it is not kept in this browser, and no banner could use it.';
        return;
      }
      localStorage.setItem(STORAGE_KEY, saved);
      localStorage.setItem(SHOWN_KEY, JSON.stringify({all: state.showAllErrors, touched: touchedPaths()}));
    }
  } catch (error) {
    state.alertText = `Your work cannot be kept in this browser (${(error as Error).message}): download it before you leave.`;
  }
}

// ---- opening, saving, starting over ----

/** A new draft in place: `showAll` for one opened from elsewhere, whose errors all show at once. */
function replaceDraft(draft: Draft, showAll: boolean) {
  state.draft = draft;
  state.touched.clear();
  state.showAllErrors = showAll;
  state.preview.language = '';
}

/** The user is taking the manifest away (download, copy): every error shows from now on. */
function revealErrors() {
  state.showAllErrors = true;
  keep();
}

function isBlank() {
  return JSON.stringify(state.draft) === JSON.stringify(blankDraft());
}

/** Replaces the draft with `json` when it is a manifest; otherwise says why and keeps the work. */
export function openJson(text: string, source: string) {
  if (text.length > MAX_FILE_BYTES) {
    state.alertText = `${source} is larger than 1 MB, more than the banner reads. Nothing was opened; your work is unchanged.`;
    return update();
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    state.alertText = `${source} is not valid JSON (${(error as Error).message}). Nothing was opened; your work is unchanged.`;
    return update();
  }
  const opened = openManifest(json);
  if (!opened.ok) {
    state.alertText = `${opened.message} Nothing was opened; your work is unchanged.`;
    return update();
  }
  if (!isBlank() && !confirm(`Replace the manifest you are editing with ${source}?`)) return;
  // Not typed here: whatever is wrong in it was wrong before, so every error shows at once.
  replaceDraft(opened.draft, true);
  check();
  const {issues} = state;
  announce(
    `Opened ${source}. ` +
      (state.result.ok
        ? `It passes the check${issues.length ? ` with ${count(issues.length, 'warning')}` : ''}.`
        : 'It has an error: see the check.')
  );
  commit({previewNow: true});
}

export async function openSeed() {
  const {seed} = state;
  const name = SEEDS.find(([id]) => id === seed)?.[1] ?? seed;
  try {
    const response = await fetch(new URL(`../demo/${seed}/cookie-manifest.json`, document.baseURI));
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    openJson(await response.text(), `${name}’s manifest`);
  } catch (error) {
    state.alertText = `Could not load ${name}’s manifest (${(error as Error).message}). Is the studio served by npm start?`;
    update();
  }
}

export async function openFile(event: Event) {
  const input = event.target as HTMLInputElement;
  const file = input.files?.[0];
  if (!file) return;
  input.value = '';
  // Refused before it is read: a file of many megabytes would hold the page up for nothing.
  if (file.size > MAX_FILE_BYTES) {
    state.alertText = `“${file.name}” is larger than 1 MB (${(file.size / 1e6).toFixed(1)} MB), more than the banner reads. Nothing was opened; your work is unchanged.`;
    return update();
  }
  openJson(await file.text(), `“${file.name}”`);
}

export function download() {
  revealErrors();
  if (!state.result.ok) {
    const [first] = state.issues;
    state.alertText = `Fix the error first, then download: ${humanPath(first.path, state.draft)}: ${plainMessage(first, state.draft)}.`;
    update();
    goTo(first);
    return;
  }
  const link = document.createElement('a');
  link.href = URL.createObjectURL(new Blob([manifestFile(state.draft)], {type: 'application/json'}));
  link.download = 'cookie-manifest.json';
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 60_000);
  announce('Downloaded cookie-manifest.json.');
  flash('download', 'Downloaded cookie-manifest.json');
  update();
}

export function startOver() {
  if (!confirm('Start over? This clears the manifest you are editing from this browser.')) return;
  replaceDraft(blankDraft(), false);
  try {
    localStorage.removeItem(STORAGE_KEY);
    localStorage.removeItem(SHOWN_KEY);
    localStorage.removeItem(SET_ASIDE_KEY);
  } catch {
    // Storage refused: there is nothing of ours in it to clear.
  }
  state.setAside = false;
  announce('Started over with a new manifest.');
  commit({previewNow: true});
}

/**
 * Moves the work kept in this browser (`saved`, else the draft being edited) out of the way, so
 * that the next load does not open it again, says why, and starts a new manifest. It can still be
 * downloaded (`downloadSetAside`) until the next "Start over".
 */
export function setAside(reason: string, saved?: string) {
  let text = saved;
  try {
    text ??= JSON.stringify(state.draft);
  } catch {
    text = undefined;
  }
  try {
    localStorage.removeItem(STORAGE_KEY);
    localStorage.removeItem(SHOWN_KEY);
  } catch {
    // Storage refused: there is nothing to take out of the way.
  }
  try {
    if (text !== undefined) localStorage.setItem(SET_ASIDE_KEY, text);
    else localStorage.removeItem(SET_ASIDE_KEY);
  } catch {
    // Storage full or refused: the work cannot be kept, but it is no longer in the way either.
  }
  replaceDraft(blankDraft(), false);
  state.setAside = hasSetAside();
  state.alertText =
    `Your work was set aside: ${reason}. This is a new manifest.` +
    (state.setAside ? ' “Download the work set aside” saves it as a file; “Start over” forgets it.' : '');
  check();
}

const hasSetAside = () => {
  try {
    return localStorage.getItem(SET_ASIDE_KEY) !== null;
  } catch {
    return false;
  }
};

/** Downloads the work set aside, as it was kept (it may not be valid JSON). */
export function downloadSetAside() {
  let text: string | null = null;
  try {
    text = localStorage.getItem(SET_ASIDE_KEY);
  } catch {
    // falls through
  }
  if (text === null) {
    state.alertText = 'There is no work set aside in this browser any more.';
    state.setAside = false;
    return update();
  }
  const link = document.createElement('a');
  link.href = URL.createObjectURL(new Blob([text], {type: 'application/json'}));
  link.download = 'cookie-manifest.set-aside.json';
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 60_000);
  announce('Downloaded cookie-manifest.set-aside.json.');
  update();
}

/** Copies the manifest's JSON: taking it away, like a download, shows every error. */
export function copyManifest() {
  revealErrors();
  return copy(manifestFile(state.draft), 'the JSON', 'json');
}

/** Copies `text`; where the browser refuses, selects the element `shown` so Ctrl+C does it. */
export async function copy(text: string, what: string, shown: string) {
  try {
    await navigator.clipboard.writeText(text);
    announce(`Copied ${what}.`);
    flash(shown, 'Copied');
  } catch (error) {
    state.alertText = `Could not copy ${what} (${(error as Error).message}): it is selected, press Ctrl+C (⌘C) to copy it.`;
    const element = document.getElementById(shown);
    if (element) getSelection()?.selectAllChildren(element);
  }
  update();
}

/**
 * The work kept in this browser, if any, in place of the new manifest. Work that is too large,
 * that does not open, or that the page stopped on when last drawn (`interrupted`: the tab froze
 * or crashed on it) is set aside instead, with a message.
 */
export function restore({interrupted = false} = {}) {
  let saved: string | null = null;
  try {
    saved = localStorage.getItem(STORAGE_KEY);
    state.setAside = hasSetAside();
  } catch {
    return;
  }
  if (!saved) return;
  if (interrupted) return setAside('the page stopped responding while showing it, last time', saved);
  if (saved.length > MAX_FILE_BYTES) return setAside('it is larger than 1 MB, more than the banner reads', saved);
  let opened;
  try {
    opened = openManifest(JSON.parse(saved));
  } catch {
    opened = {ok: false as const, message: 'it is not JSON'};
  }
  if (opened.ok) {
    replaceDraft(opened.draft, true);
    restoreShown();
    state.statusText = 'Your work in progress is back.';
  } else {
    setAside(`it could not be read (${opened.message})`, saved);
  }
}

/** Which errors of the restored work were showing; all of them when that was not kept (or not readable). */
function restoreShown() {
  try {
    const {all, touched} = JSON.parse(localStorage.getItem(SHOWN_KEY) ?? '{}') ?? {};
    if (typeof all !== 'boolean' || !Array.isArray(touched)) return;
    state.showAllErrors = all;
    for (const path of touched) if (typeof path === 'string') touch(path);
  } catch {
    // Not readable: every error shows, as for a manifest opened from a file.
  }
}

export async function loadCatalogue() {
  try {
    const response = await fetch(new URL('../catalogue/services.json', document.baseURI));
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    state.catalogue = await response.json();
  } catch (error) {
    state.catalogueProblem = `The catalogue could not be loaded (${(error as Error).message}): you can still add services by hand.`;
  }
  update();
}

// ---- focus ----

/** Moves focus to the field (or group) where an issue is shown, opening what hides it. */
export function goTo(issue: ManifestIssue) {
  // Open the cards that hold it, and draw them, before looking for the field.
  openPath(anchorOf(issue.path));
  update();
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
export function focusLater(id: string) {
  requestAnimationFrame(() => document.getElementById(id)?.focus());
}

/** Opens or folds a category, service or cookie card (only an open one is drawn in full). */
export function toggle(item: object) {
  setOpen(item, !isOpen(item));
  update();
}

/** Shows `text` beside the control `id` for a few seconds (“Copied”, “Downloaded”), besides saying it. */
export function flash(id: string, text: string) {
  state.flash = {id, text};
  clearTimeout(flashTimer);
  flashTimer = setTimeout(() => {
    state.flash = null;
    update();
  }, 4000);
}
let flashTimer: ReturnType<typeof setTimeout> | undefined;

// ---- edits ----

export function move<T>(list: T[], index: number, by: number) {
  const to = index + by;
  if (to < 0 || to >= list.length) return;
  [list[index], list[to]] = [list[to], list[index]];
  commit();
}

/** Removes a field the check does not know (an issue's path). */
export function removeField(path: string) {
  const parts = segments(path);
  const field = parts.pop()!;
  const parent = valueAt(state.draft, parts) as Record<string | number, unknown> | undefined;
  if (parent && typeof parent === 'object') delete parent[field];
  announce(`Removed “${field}”.`);
  commit();
}

export function addCategory() {
  const {draft} = state;
  const id = uniqueId(draft, 'category');
  draft.categories.push({id, basis: 'consent', title: {}});
  setOpen(draft.categories.at(-1)!, true);
  announce('Added a category: give it a title.');
  commit();
  focusLater(fieldId(`categories[${draft.categories.length - 1}].title.${siteLanguages()[0] ?? 'en'}`));
}

export function removeCategory(index: number) {
  const {draft} = state;
  const [removed] = draft.categories.splice(index, 1);
  const orphans = draft.services.filter((s) => s.category === removed.id).length;
  announce(
    `Removed the category “${categoryTitle(removed)}”.` +
      (orphans ? ` ${count(orphans, 'service')} still point at it: give them another category.` : '')
  );
  commit();
  focusLater('categories-title');
}

export function addServiceByHand() {
  const {draft} = state;
  const home = draft.categories.find((c) => c.basis === 'consent') ?? draft.categories[0];
  const service: DraftService = {id: uniqueId(draft, 'service'), name: '', category: home?.id ?? '', cookies: []};
  draft.services.push(service);
  setOpen(service, true);
  announce('Added a service: fill in its name.');
  commit();
  // Where it landed once checked (the banner's own service stays last).
  focusLater(fieldId(`services[${draft.services.indexOf(service)}].name`));
}

export function removeService(index: number, name: string) {
  state.draft.services.splice(index, 1);
  announce(`Removed the service ${name}.`);
  commit();
  focusLater('services-title');
}

/** Where a catalogue service goes unless told: its usual category, created when missing. */
export function defaultTarget(entry: CatalogueService) {
  return state.draft.categories.some((c) => c.id === entry.category) ? entry.category : `new:${entry.category}`;
}

export function addFromCatalogue() {
  const {draft, catalogue} = state;
  const entry = catalogueEntry(state.pick.service);
  if (!entry || !catalogue) return;
  const existing = draft.services.findIndex((s) => s.id === entry.id);
  if (existing >= 0) {
    announce(`${entry.name} is already in the manifest.`);
    setOpen(draft.services[existing], true);
    update();
    focusLater(`service-${existing}-summary`);
    return;
  }
  const target = state.pick.target || defaultTarget(entry);
  let category = target;
  if (target.startsWith('new:')) {
    const usual = catalogue.categories.find((c) => c.id === target.slice(4))!;
    category = uniqueId(draft, usual.id);
    draft.categories.push({...categoryFromCatalogue(usual, siteLanguages()), id: category});
  }
  const added = serviceFromCatalogue(entry, siteLanguages(), category);
  draft.services.push(added);
  state.pick = {service: '', target: ''};
  const home = draft.categories.find((c) => c.id === category)!;
  const mapped = GOOGLE_TAGS.includes(entry.id) ? proposeConsentMode() : [];
  const titles = (ids: string[]) =>
    ids
      .map((id) => {
        const c = draft.categories.find((x) => x.id === id);
        return c ? `“${categoryTitle(c)}”` : id;
      })
      .join(' and ');
  announce(
    `Added ${entry.name} to “${categoryTitle(home)}”, with ${count(entry.cookies.length, 'cookie')}.${
      mapped.length ? ` Google Consent Mode v2: ${mapped.map(([type, ids]) => `${type} follows ${titles(ids)}`).join(', ')}.` : ''
    }`
  );
  setOpen(added, true);
  commit();
  focusLater(`service-${draft.services.indexOf(added)}-summary`);
}

export function addCookie(service: DraftService, index: number) {
  service.cookies.push({name: '', duration: 'PM'});
  setOpen(service.cookies.at(-1)!, true);
  commit();
  focusLater(fieldId(`services[${index}].cookies[${service.cookies.length - 1}].name`));
}

export function removeCookie(service: DraftService, serviceIndex: number, index: number, name: string) {
  service.cookies.splice(index, 1);
  announce(`Removed the cookie ${name}.`);
  commit();
  focusLater(`service-${serviceIndex}-add-cookie`);
}

/** Ticks or unticks category `id` for Consent Mode type `type`; an emptied type is left out (denied), Consent Mode stays on. */
export function setConsentMode(type: string, id: string, on: boolean) {
  const {draft} = state;
  touch(`consentMode.${type}`);
  const mode = (draft.consentMode ??= {});
  const ids = (Array.isArray(mode[type]) ? mode[type] : []).filter((c) => c !== id);
  if (on) ids.push(id);
  if (ids.length) mode[type] = ids;
  else delete mode[type];
  commit();
}

/**
 * Google Consent Mode v2, as the draft's Google tags call for it (proposedConsentMode, Dimelo's
 * mapping the model): turns it on, and maps each type the draft leaves unmapped; a type the site
 * owner mapped stays as it is. Returns the types it mapped, with their categories.
 */
export function proposeConsentMode(): [string, string[]][] {
  const {draft} = state;
  const facts = draft.services.map((s) => ({
    id: str(s.id),
    name: str(s.name),
    category: str(s.category),
    cookies: (Array.isArray(s.cookies) ? s.cookies : []).map((c) => ({name: str(c?.name)})),
  }));
  const mode = (draft.consentMode ??= {});
  const mapped: [string, string[]][] = [];
  for (const [type, ids] of Object.entries(proposedConsentMode(facts))) {
    if (Array.isArray(mode[type]) && mode[type].length) continue;
    mode[type] = ids;
    mapped.push([type, ids]);
  }
  return mapped;
}

/** Google Consent Mode v2 on (the draft's Google tags' mapping proposed) or off (no consentMode). */
export function useConsentMode(on: boolean) {
  touch('consentMode');
  if (on) proposeConsentMode();
  else delete state.draft.consentMode;
  commit();
}

// ---- the preview ----

export function showPanel(panel: Panel) {
  state.preview.panel = panel;
  update();
  schedulePreview('user');
}
