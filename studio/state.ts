import {checkManifest, resolveText} from '../src/index.js';
import type {ManifestIssue, ParseResult} from '../src/index.js';
import {anchorOf, blankDraft, toManifest} from './draft.js';
import type {Catalogue} from './catalogue.js';
import type {Draft, DraftCategory} from './draft.js';

/*
 * What the studio holds while it runs, in one object: the draft and what the check says of it,
 * the catalogue, the choices of the toolbar and the preview, and the texts it announces. The
 * actions (actions.ts) change it and draw the page again; the views only read it. The helpers
 * below derive from it what more than one view needs.
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
  /** The banner's own check of the draft, and its errors (or, when it passes, its warnings). */
  result: checkManifest(toManifest(blank)) as ParseResult,
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
  preview: {language: '', theme: 'light' as 'light' | 'dark', device: 'phone' as Device, panel: 'banner' as Panel},
};

// ---- identities ----

const keys = new WeakMap<object, number>();
let nextKey = 0;
/** A number that stays with a category, service or cookie while the list around it changes. */
export const keyOf = (item: object) => keys.get(item) ?? (keys.set(item, ++nextKey), nextKey);

// ---- derived ----

export const siteLanguages = () => state.draft.site.languages.filter((l): l is string => typeof l === 'string' && l !== '');

/** The languages a text shows inputs for: the site's, then any other the text already has. */
export const textLanguages = (map: unknown) => [
  ...new Set([...siteLanguages(), ...(map && typeof map === 'object' ? Object.keys(map) : [])]),
];

export const categoryTitle = (c: DraftCategory) =>
  resolveText(Object.keys(c.title ?? {}).length ? c.title : undefined, siteLanguages()[0] ?? 'en') || c.id || 'New category';

export const catalogueEntry = (id: string) => state.catalogue?.services.find((s) => s.id === id);

export const issuesAt = (path: string) => state.issues.filter((i) => anchorOf(i.path) === path);

export const issuesUnder = (path: string) =>
  state.issues.filter(
    (i) => anchorOf(i.path) === path || anchorOf(i.path).startsWith(path + '.') || anchorOf(i.path).startsWith(path + '[')
  );
