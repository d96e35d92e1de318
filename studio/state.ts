import {checkManifest} from '../src/core/manifest-check.js';
import type {ManifestIssue} from '../src/core/manifest.types.js';
import {resolveText} from '../src/core/text.js';
import {blankDraft} from './draft.js';
import type {Draft, DraftCategory} from './draft.js';
import {anchorOf, pathOf, segments, valueAt} from './field-paths.js';
import {toManifest} from './manifest-file.js';
import type {Catalogue, CatalogueService} from './catalogue.js';

/*
 * What the studio holds while it runs, in one object: the draft and what the check says of it,
 * the catalogue, the choices of the toolbar and the preview, and the texts it announces. The
 * actions (actions.ts) change it and draw the page again; the views only read it. The helpers
 * below derive from it what more than one view needs.
 *
 * A new manifest is not wrong, only unfinished: an error shows at a field once the user has
 * edited that field (it is "touched"), or everywhere once they try to take the manifest away
 * (download, copy). A manifest opened from elsewhere shows all its errors at once.
 */

export type Device = 'phone' | 'desktop';
export type Panel = 'banner' | 'preferences';

export interface Issue extends ManifestIssue {
  kind: 'error' | 'warning';
}

export const SEEDS = [
  ['dimelo', 'Dimelo'],
  ['linkello', 'Linkello'],
  ['linkello-medical', 'Linkello Medical'],
  ['linkello-pro', 'Linkello Pro'],
  ['porthello', 'Porthello'],
] as const;

const blank = blankDraft();

export const state = {
  draft: blank as Draft,
  /** The banner's own check of the draft (`check` in actions.ts runs it after every change). */
  result: checkManifest(toManifest(blank)),
  /** What the check found: its error, or when the draft passes, its warnings. */
  issues: [] as Issue[],
  catalogue: null as Catalogue | null,
  catalogueProblem: '',
  /** Said at once (role="alert"): what went wrong. */
  alertText: '',
  /** Said politely (role="status"): what was done. */
  statusText: '',
  /** The catalogue entry picked, and the category it goes into ('' for its usual one). */
  pick: {service: '', target: ''},
  seed: SEEDS[0][0] as string,
  pasted: '',
  preview: {language: '', theme: 'light' as 'light' | 'dark', device: 'phone' as Device, panel: 'banner' as Panel, large: false},
  /** The fields the user has edited, by `touchKey`. */
  touched: new Set<string>(),
  /** Every error shows, touched or not: the manifest was opened, or the user tried to download it. */
  showAllErrors: false,
  /** Work the studio could not show is kept aside in this browser, to download (actions.ts, setAside). */
  setAside: false,
  /** "The manifest as JSON" is open (only then is it written out). */
  jsonOpen: false,
  /** What was just done, shown beside the control that did it for a few seconds (“Copied”). */
  flash: null as {id: string; text: string} | null,
};

// ---- identities ----

const keys = new WeakMap<object, number>();
let nextKey = 0;
/** A number that stays with a category, service or cookie while the list around it changes. */
export const keyOf = (item: object) => keys.get(item) ?? (keys.set(item, ++nextKey), nextKey);

// ---- what is open ----

/**
 * The categories, services and cookies whose card is open. Each is one summary line until opened,
 * and only an open one is drawn in full: a manifest of a thousand services draws a thousand lines,
 * not their hundred thousand fields (a keystroke redraws what is drawn).
 */
const opened = new WeakSet<object>();
export const isOpen = (item: object) => opened.has(item);
export function setOpen(item: object, open: boolean) {
  if (open) opened.add(item);
  else opened.delete(item);
}

/** Opens the category, service and cookie that hold the field at `path` (`services[2].cookies[0].name`). */
export function openPath(path: string) {
  let at: unknown = state.draft;
  for (const part of segments(path)) {
    if (!at || typeof at !== 'object') return;
    at = (at as Record<string | number, unknown>)[part];
    if (at && typeof at === 'object' && !Array.isArray(at) && typeof part === 'number') setOpen(at, true);
  }
}

// ---- touched fields ----

/**
 * The key of the field at `path` in `state.touched`: the category, service or cookie that holds
 * it (or the draft) and the rest of the path, so that it moves with its item when the list does.
 */
function touchKey(path: string): string | undefined {
  const parts = segments(path);
  let at = parts.length;
  while (at > 0 && typeof parts[at - 1] !== 'number') at--;
  const owner = at ? valueAt(state.draft, parts.slice(0, at)) : state.draft;
  return owner && typeof owner === 'object' ? `${keyOf(owner)}:${parts.slice(at).join('.')}` : undefined;
}

/** Marks the field at `path` as edited by the user: its errors show from now on. */
export function touch(path: string) {
  const key = touchKey(path);
  if (key) state.touched.add(key);
}

const TEXT_LANGUAGE = /\.(title|description|exemption|purpose)\.[^.[\]]+$/;

function isTouched(path: string): boolean {
  if (state.touched.has(touchKey(path) ?? '')) return true;
  // A text's error sits at its first language even when the user typed in another one.
  const text = path.replace(TEXT_LANGUAGE, '.$1');
  return text !== path && isTouched(text);
}

const anchors = new WeakMap<Issue, string>();
/** Where an issue shows (anchorOf), worked out once per issue. */
const anchorOfIssue = (issue: Issue) => anchors.get(issue) ?? (anchors.set(issue, anchorOf(issue.path)), anchors.get(issue)!);

/** Does the form show this issue at its field? Warnings always; an error once it is the user's doing. */
export const isShown = (issue: Issue) => issue.kind === 'warning' || state.showAllErrors || isTouched(anchorOfIssue(issue));

/** The touched fields as paths, to keep with the work in progress (the keys last only as long as the page). */
export function touchedPaths(): string[] {
  const {draft} = state;
  const owners = new Map<string, string>([[String(keyOf(draft)), '']]);
  draft.categories.forEach((c, i) => owners.set(String(keyOf(c)), `categories[${i}].`));
  draft.services.forEach((s, i) => {
    owners.set(String(keyOf(s)), `services[${i}].`);
    s.cookies.forEach((c, j) => owners.set(String(keyOf(c)), `services[${i}].cookies[${j}].`));
  });
  return [...state.touched].flatMap((key) => {
    const [owner, rest] = key.split(/:(.*)/);
    const prefix = owners.get(owner);
    return prefix === undefined ? [] : [(prefix + rest).replace(/\.$/, '')];
  });
}

// ---- derived ----

export const siteLanguages = () => state.draft.site.languages.filter((l): l is string => typeof l === 'string' && l !== '');

/** The languages a text shows inputs for: the site's, then any other the text already has. */
export const textLanguages = (map: unknown) => [
  ...new Set([...siteLanguages(), ...(map && typeof map === 'object' ? Object.keys(map) : [])]),
];

export const categoryTitle = (c: DraftCategory) =>
  resolveText(Object.keys(c.title ?? {}).length ? c.title : undefined, siteLanguages()[0] ?? 'en') || c.id || 'New category';

export const catalogueEntry = (id: string) => state.catalogue?.services.find((s) => s.id === id);

/**
 * The catalogue service a manifest's service is: by its id, else the one whose `match` finds its
 * id, name or provider (Dimelo's `facebook` is the catalogue's Meta Pixel), as the CLI finds it.
 */
export function catalogueFor(service: {id: string; name: string; provider?: string}) {
  const {catalogue} = state;
  if (!catalogue) return undefined;
  if (matchers?.catalogue !== catalogue)
    matchers = {catalogue, list: catalogue.services.map((entry) => ({entry, match: new RegExp(entry.match, 'i')}))};
  const label = `${service.id} ${service.name} ${service.provider ?? ''}`;
  return catalogueEntry(service.id) ?? matchers.list.find((m) => m.match.test(label))?.entry;
}
/** The catalogue's `match` expressions, compiled once per catalogue. */
let matchers: {catalogue: Catalogue; list: {entry: CatalogueService; match: RegExp}[]} | undefined;

/**
 * The issues by the field they show at (`at`), and by every group that holds that field
 * (`under`: `services[2]` and `services[2].cookies` hold `services[2].cookies[0].name`), built
 * once per check. Every field asks for its issues at every render: searching the whole list
 * each time grew with fields × issues (1,000 warnings took 20 s a keystroke).
 */
let index: {issues: Issue[]; at: Map<string, Issue[]>; under: Map<string, Issue[]>} | undefined;

function issueIndex() {
  if (index?.issues === state.issues) return index;
  const at = new Map<string, Issue[]>();
  const under = new Map<string, Issue[]>();
  const add = (map: Map<string, Issue[]>, key: string, issue: Issue) => {
    const list = map.get(key);
    if (list) list.push(issue);
    else map.set(key, [issue]);
  };
  for (const issue of state.issues) {
    const anchor = anchorOfIssue(issue);
    add(at, anchor, issue);
    const parts = segments(anchor);
    if (!parts.length) add(under, anchor, issue);
    for (let n = 1; n <= parts.length; n++) add(under, pathOf(parts.slice(0, n)), issue);
  }
  return (index = {issues: state.issues, at, under});
}

/** The issues shown at the field (or group) at `path`. */
export const issuesAt = (path: string) => (issueIndex().at.get(path) ?? []).filter(isShown);

/** The issues shown at `path` and inside it (a service's, with its cookies'). */
export const issuesUnder = (path: string) => (issueIndex().under.get(path) ?? []).filter(isShown);
