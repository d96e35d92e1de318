import {parseDuration} from '../src/core/duration.js';
import {CONSENT_MODE_TYPES, LIMITS} from '../src/core/manifest-rules.js';
import type {Basis, ManifestIssue} from '../src/core/manifest.types.js';
import {cookieNameMatcher} from '../src/core/cookie-cleaner.js';
import {plainTag, vendorSnippet} from '../src/core/tag-snippet.js';

/*
 * The manifest being edited (the draft) and the pure steps around it: opening a JSON file into
 * a draft, turning the draft back into the manifest that is checked and downloaded, and naming
 * a JSON path in words. No DOM here: the node tests load this file as it is.
 *
 * The draft keeps the manifest's own shape, with every text as a language map, so a form can
 * edit it in place. Fields the form does not know are kept as they are (the check names them).
 */

export type TextMap = Record<string, string>;

export interface DraftCookie {
  name: string;
  duration: string;
  domain?: string;
  purpose?: TextMap;
  [field: string]: unknown;
}

export interface DraftService {
  id: string;
  name: string;
  provider?: string;
  category: string;
  policyUrl?: string;
  description?: TextMap;
  cookies: DraftCookie[];
  /** localStorage and sessionStorage keys it writes (`*` a wildcard), deleted on withdrawal. */
  storage?: string[];
  [field: string]: unknown;
}

export interface DraftCategory {
  id: string;
  basis: Basis;
  title: TextMap;
  description?: TextMap;
  exemption?: TextMap;
  [field: string]: unknown;
}

export interface Draft {
  $schema?: string;
  $comment?: string;
  version: 1;
  site: {name: string; policyUrl: string; languages: string[]; [field: string]: unknown};
  /** A number, or what was typed when it is not one (the check then says so). */
  revision?: number | string;
  consentMaxAgeDays?: number | string;
  refusalMaxAgeDays?: number | string;
  cookie?: {name?: string; domain?: string; [field: string]: unknown};
  gpc?: string;
  log?: {url?: string; [field: string]: unknown};
  consentMode?: Record<string, string[]>;
  dataLayerEvent?: boolean;
  categories: DraftCategory[];
  services: DraftService[];
  [field: string]: unknown;
}

export type Opened = {ok: true; draft: Draft} | {ok: false; message: string};

/** Where an exported manifest points its editor for completion: the shipped schema's `$id`. */
export const SCHEMA_URL = 'https://cdn.jsdelivr.net/npm/consent-banner@0/schema/cookie-manifest.schema.json';

const SITE_FIELDS = ['name', 'policyUrl', 'languages'];
const CATEGORY_FIELDS = ['id', 'basis', 'title', 'description', 'exemption'];
const SERVICE_FIELDS = ['id', 'name', 'provider', 'category', 'policyUrl', 'description', 'cookies', 'storage'];
const COOKIE_FIELDS = ['name', 'duration', 'domain', 'purpose'];
const TEXT_FIELDS = new Set(['title', 'description', 'exemption', 'purpose']);

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const describe = (value: unknown) =>
  Array.isArray(value) ? 'a list' : value === null ? 'null' : isObject(value) ? 'an object' : `a ${typeof value}`;

/** A new manifest: one language pair and the category every site has. */
export function blankDraft(): Draft {
  return {
    version: 1,
    site: {name: '', policyUrl: '', languages: ['fr', 'en']},
    revision: 1,
    consentMaxAgeDays: 182,
    refusalMaxAgeDays: 182,
    categories: [
      {
        id: 'necessary',
        basis: 'necessary',
        title: {fr: 'Cookies indispensables', en: 'Essential cookies'},
        description: {
          fr: 'Ils font fonctionner le site et retiennent vos choix en matière de cookies. Ils ne peuvent pas être désactivés.',
          en: 'They run the site and remember your cookie choices. They cannot be switched off.',
        },
      },
    ],
    services: [],
  };
}

/** The text as a language map: a plain string becomes the text of the first language. */
function toTextMap(value: unknown, firstLanguage: string): TextMap | unknown {
  return typeof value === 'string' ? {[firstLanguage]: value} : value;
}

/** The first place where `json` has a shape the form cannot show, in the check's path words. */
function shapeProblem(json: Json): string | null {
  if (json.site !== undefined && !isObject(json.site)) return `site: must be an object, not ${describe(json.site)}`;
  const languages = isObject(json.site) ? json.site.languages : undefined;
  if (languages !== undefined && !Array.isArray(languages)) return `site.languages: must be a list, not ${describe(languages)}`;
  for (const key of ['categories', 'services']) {
    const list = json[key];
    if (list === undefined) continue;
    if (!Array.isArray(list)) return `${key}: must be a list, not ${describe(list)}`;
    for (const [i, item] of list.entries()) {
      if (!isObject(item)) return `${key}[${i}]: must be an object, not ${describe(item)}`;
      const cookies = item.cookies;
      if (key === 'services' && cookies !== undefined) {
        if (!Array.isArray(cookies)) return `${key}[${i}].cookies: must be a list, not ${describe(cookies)}`;
        const bad = cookies.findIndex((c) => !isObject(c));
        if (bad >= 0) return `${key}[${i}].cookies[${bad}]: must be an object, not ${describe(cookies[bad])}`;
      }
      for (const field of TEXT_FIELDS) {
        const text = item[field];
        if (text !== undefined && typeof text !== 'string' && !isObject(text)) {
          return `${key}[${i}].${field}: must be a text, not ${describe(text)}`;
        }
      }
    }
  }
  for (const key of ['cookie', 'log', 'consentMode']) {
    if (json[key] !== undefined && !isObject(json[key])) return `${key}: must be an object, not ${describe(json[key])}`;
  }
  return null;
}

/**
 * Opens parsed JSON as a draft. Refuses (with a message, leaving the caller's work alone) what
 * is not a cookie manifest of format version 1, or has a shape the form cannot show. Anything
 * else opens, even when the check will find errors in it: fixing them is what the studio is for.
 */
/**
 * What of a manifest goes past the limits the banner reads (LIMITS: 1,000 services, 50
 * categories, 50 languages, 200 cookies a service), in words; '' when nothing does. Counted before
 * anything else is done with it: such a file would keep the page busy for minutes.
 */
export function beyondLimits(json: Record<string, unknown>): string {
  const n = (value: unknown) => (Array.isArray(value) ? value.length : 0);
  const words = (count: number, what: string, limit: number) => `${count.toLocaleString('en')} ${what}, more than the ${limit.toLocaleString('en')} the banner reads`;
  if (n(json.services) > LIMITS.services) return words(n(json.services), 'services', LIMITS.services);
  if (n(json.categories) > LIMITS.categories) return words(n(json.categories), 'categories', LIMITS.categories);
  const site = json.site as Record<string, unknown> | undefined;
  if (n(site?.languages) > LIMITS.languages) return words(n(site?.languages), 'languages', LIMITS.languages);
  const crowded = (Array.isArray(json.services) ? json.services : []).find((s) => n((s as Record<string, unknown>)?.cookies) > LIMITS.cookies) as Record<string, unknown> | undefined;
  if (crowded) return `a service with ${words(n(crowded.cookies), 'cookies', LIMITS.cookies)}`;
  return '';
}

export function openManifest(json: unknown): Opened {
  if (!isObject(json)) return {ok: false, message: `This is not a cookie manifest: the file holds ${describe(json)}, not an object.`};
  if (json.version === undefined) {
    return {ok: false, message: 'This is not a cookie manifest: it has no "version" (a cookie manifest says "version": 1).'};
  }
  if (json.version !== 1) {
    return {
      ok: false,
      message: `This manifest is in format version ${JSON.stringify(json.version)}; the studio and the banner read version 1 only.`,
    };
  }
  const problem = shapeProblem(json);
  if (problem) return {ok: false, message: `This manifest cannot be opened: ${problem}.`};
  const over = beyondLimits(json);
  if (over) return {ok: false, message: `This manifest has ${over}: the banner would refuse it, and the studio does not open it.`};

  const draft = structuredClone(json) as Draft;
  const site = (draft.site ??= {name: '', policyUrl: '', languages: []});
  site.name ??= '';
  site.policyUrl ??= '';
  site.languages ??= [];
  const first = typeof site.languages[0] === 'string' ? site.languages[0] : 'en';
  draft.consentMaxAgeDays ??= 182;
  draft.refusalMaxAgeDays ??= 182;
  draft.categories ??= [];
  draft.services ??= [];
  for (const category of draft.categories) {
    category.id ??= '';
    category.basis ??= 'consent';
    for (const field of ['title', 'description', 'exemption']) {
      if (category[field] !== undefined) category[field] = toTextMap(category[field], first);
    }
    category.title ??= {};
  }
  for (const service of draft.services) {
    service.id ??= '';
    service.name ??= '';
    service.category ??= '';
    service.cookies ??= [];
    if (service.description !== undefined) service.description = toTextMap(service.description, first) as TextMap;
    for (const cookie of service.cookies) {
      cookie.name ??= '';
      cookie.duration ??= '';
      if (cookie.purpose !== undefined) cookie.purpose = toTextMap(cookie.purpose, first) as TextMap;
    }
  }
  return {ok: true, draft};
}

const trim = (value: unknown) => (typeof value === 'string' ? value.trim() : value);

/**
 * Copies `object`'s fields that are not in `known`, after the known ones: the check will name them.
 * Defined, not assigned: `out["__proto__"] = …` would set the prototype, and the field the CLI and
 * the banner refuse would vanish from what the studio checks ("passes") and downloads.
 */
function withExtras(out: Json, object: Json, known: string[]): Json {
  for (const [key, value] of Object.entries(object)) {
    if (!known.includes(key)) Object.defineProperty(out, key, {value, enumerable: true, writable: true, configurable: true});
  }
  return out;
}

/**
 * A text for the manifest: the non-empty strings of the map. An empty optional text is left out;
 * an empty required one becomes `{first: ""}`, so the check points at the first language's field.
 */
function text(value: unknown, required: boolean, first: string): unknown {
  if (!isObject(value)) return value === undefined && required ? {[first]: ''} : value;
  const entries = Object.entries(value).map(([lang, item]) => [lang, trim(item)] as const);
  const filled = entries.filter(([, item]) => item !== '');
  if (filled.length) return Object.fromEntries(filled);
  return required ? {[first]: ''} : undefined;
}

function put(out: Json, key: string, value: unknown) {
  if (value !== undefined && value !== '') out[key] = value;
}

/**
 * The manifest the draft stands for, as it is checked and downloaded: fields in the order of the
 * documentation, strings trimmed, empty optional fields left out, `$schema` first.
 */
export function toManifest(draft: Draft): Json {
  const first = typeof draft.site.languages[0] === 'string' ? draft.site.languages[0] : 'en';
  const out: Json = {$schema: trim(draft.$schema) || SCHEMA_URL};
  put(out, '$comment', trim(draft.$comment));
  out.version = draft.version;
  out.site = withExtras(
    {name: trim(draft.site.name), policyUrl: trim(draft.site.policyUrl), languages: draft.site.languages},
    draft.site,
    SITE_FIELDS
  );
  put(out, 'revision', draft.revision);
  put(out, 'consentMaxAgeDays', draft.consentMaxAgeDays);
  put(out, 'refusalMaxAgeDays', draft.refusalMaxAgeDays);
  if (draft.cookie) {
    const cookie: Json = {};
    put(cookie, 'name', trim(draft.cookie.name));
    put(cookie, 'domain', trim(draft.cookie.domain));
    withExtras(cookie, draft.cookie, ['name', 'domain']);
    if (Object.keys(cookie).length) out.cookie = cookie;
  }
  put(out, 'gpc', draft.gpc);
  if (draft.log) {
    const log: Json = {};
    put(log, 'url', trim(draft.log.url));
    withExtras(log, draft.log, ['url']);
    if (Object.keys(log).length) out.log = log;
  }
  // On with nothing mapped is `{}`: every type denied, the defaults still pushed before Google's tags.
  if (draft.consentMode) {
    out.consentMode = Object.fromEntries(Object.entries(draft.consentMode).filter(([, ids]) => !Array.isArray(ids) || ids.length));
  }
  // Off is the default: left out. Anything but true or false stays, for the check to name.
  if (draft.dataLayerEvent !== undefined && draft.dataLayerEvent !== false) out.dataLayerEvent = draft.dataLayerEvent;
  out.categories = draft.categories.map((c) => {
    const category: Json = {id: trim(c.id), basis: c.basis, title: text(c.title, true, first)};
    put(category, 'description', text(c.description, false, first));
    // An exemption says why no consent is needed: it has no place on a consent category.
    if (c.basis !== 'consent') put(category, 'exemption', text(c.exemption, false, first));
    return withExtras(category, c, CATEGORY_FIELDS);
  });
  out.services = draft.services.map((s) => {
    const service: Json = {id: trim(s.id), name: trim(s.name)};
    put(service, 'provider', trim(s.provider));
    service.category = trim(s.category);
    put(service, 'policyUrl', trim(s.policyUrl));
    put(service, 'description', text(s.description, false, first));
    service.cookies = s.cookies.map((c) => {
      const cookie: Json = {name: trim(c.name), duration: trim(c.duration)};
      put(cookie, 'domain', trim(c.domain));
      put(cookie, 'purpose', text(c.purpose, false, first));
      return withExtras(cookie, c, COOKIE_FIELDS);
    });
    if (s.storage !== undefined) service.storage = Array.isArray(s.storage) ? s.storage.map(trim) : s.storage;
    return withExtras(service, s, SERVICE_FIELDS);
  });
  return withExtras(out, draft, [
    '$schema', '$comment', 'version', 'site', 'revision', 'consentMaxAgeDays', 'refusalMaxAgeDays', 'cookie', 'gpc', 'log',
    'consentMode', 'dataLayerEvent', 'categories', 'services',
  ]);
}

/**
 * The pretty JSON of a download: two-space indent, a final newline. `<` is written `\u003c` (the
 * same JSON): pasted into the README's inline `<script type="application/json">`, a text holding
 * `</script>` or `<!--` cannot end that element or hide the rest of the page.
 */
export const manifestFile = (draft: Draft) => JSON.stringify(toManifest(draft), null, 2).replace(/</g, '\\u003c') + '\n';

// ---- paths ----

/** `services[1].cookies[0].name` → ['services', 1, 'cookies', 0, 'name']. */
export function segments(path: string): (string | number)[] {
  if (path === 'manifest') return [];
  return [...path.matchAll(/\[(\d+)\]|([^.[\]]+)/g)].map((m) => (m[1] !== undefined ? Number(m[1]) : m[2]));
}

/** ['services', 1, 'cookies', 0, 'name'] → `services[1].cookies[0].name`. */
export const pathOf = (parts: (string | number)[]) =>
  parts.map((p, i) => (typeof p === 'number' ? `[${p}]` : i ? `.${p}` : p)).join('');

/** The value at `parts` in `root`, or undefined. */
export function valueAt(root: unknown, parts: (string | number)[]): unknown {
  let value = root;
  for (const part of parts) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<string | number, unknown>)[part];
  }
  return value;
}

/*
 * The paths the form has a field (or a group) for. An issue is shown at the longest of them
 * that starts its path: `categories[0].title.fr` at that language's input, an unknown field
 * `services[2].tracking` at its service.
 */
const FIELD_PATH = new RegExp(
  '^(' +
    [
      'manifest',
      'site\\.(name|policyUrl|languages)',
      'revision',
      'consentMaxAgeDays',
      'refusalMaxAgeDays',
      'cookie\\.(name|domain)',
      'gpc',
      'log\\.url',
      '\\$schema',
      '\\$comment',
      `consentMode(\\.(${CONSENT_MODE_TYPES.join('|')}))?`,
      'dataLayerEvent',
      'words',
      'categories(\\[\\d+\\](\\.(id|basis)|\\.(title|description|exemption)(\\.[^.[\\]]+)?)?)?',
      'services(\\[\\d+\\](\\.(id|name|provider|category|policyUrl|storage)|\\.description(\\.[^.[\\]]+)?' +
        '|\\.cookies(\\[\\d+\\](\\.(name|duration|domain)|\\.purpose(\\.[^.[\\]]+)?)?)?)?)?',
    ].join('|') +
    ')$'
);

/** The most segments a path of FIELD_PATH has: `services[1].cookies[0].purpose.fr`. */
const DEEPEST_FIELD = 6;

/**
 * The path of the field or group where an issue at `path` is shown. Only the first DEEPEST_FIELD
 * segments are tried: an unknown key of thousands of dots costs no more than a short one.
 */
export function anchorOf(path: string): string {
  const parts = segments(path);
  for (let n = Math.min(parts.length, DEEPEST_FIELD); n > 0; n--) {
    const candidate = pathOf(parts.slice(0, n));
    if (FIELD_PATH.test(candidate)) return candidate;
  }
  return 'manifest';
}

/** An element id for the field at `path`: `services[1].cookies[0].name` → `f-services-1-cookies-0-name`. */
export const fieldId = (path: string) => 'f-' + path.replace(/[^A-Za-z0-9_-]+/g, '-').replace(/-+$/, '');

const LABELS: Record<string, string> = {
  site: 'Site',
  name: 'Name',
  policyUrl: 'Policy URL',
  languages: 'Languages',
  revision: 'Revision',
  consentMaxAgeDays: 'A yes is kept for (days)',
  refusalMaxAgeDays: 'A no is kept for (days)',
  cookie: 'Consent cookie',
  domain: 'Domain',
  gpc: 'Global Privacy Control',
  log: 'Decision log',
  url: 'URL',
  consentMode: 'Google Consent Mode',
  ...Object.fromEntries(CONSENT_MODE_TYPES.map((type) => [type, type])),
  dataLayerEvent: 'Tag-manager event',
  words: 'Your own words',
  $schema: 'Schema address',
  $comment: 'Notes',
  categories: 'Categories',
  services: 'Services',
  id: 'Id',
  basis: 'Basis',
  title: 'Title',
  description: 'Description',
  exemption: 'Why no consent is needed',
  provider: 'Provider',
  category: 'Category',
  cookies: 'Cookies',
  storage: 'Storage keys',
  duration: 'Lifetime',
  purpose: 'Purpose',
};

const quoted = (value: unknown, fallback: string) => (typeof value === 'string' && value.trim() ? `“${value.trim()}”` : fallback);

function textOf(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (isObject(value)) return Object.values(value).find((v): v is string => typeof v === 'string' && v.trim() !== '');
  return undefined;
}

/**
 * A JSON path in words, for people: `services[1].cookies[0].duration` →
 * `Service “Google Analytics” › Cookie “_ga” › Lifetime`.
 */
export function humanPath(path: string, draft: Draft): string {
  const parts = segments(path);
  if (!parts.length) return 'The manifest';
  const words: string[] = [];
  let here: unknown = draft;
  parts.forEach((part, i) => {
    const parent = parts[i - 1];
    // One step down per part (not from the top each time: a path may have thousands of parts).
    here = typeof here === 'object' && here !== null ? (here as Record<string | number, unknown>)[part] : undefined;
    if (typeof part === 'number') {
      const n = `${part + 1}`;
      if (parent === 'categories') {
        words[words.length - 1] = `Category ${quoted(textOf((here as Json)?.title) ?? (here as Json)?.id, n)}`;
      } else if (parent === 'services') {
        words[words.length - 1] = `Service ${quoted((here as Json)?.name ?? (here as Json)?.id, n)}`;
      } else if (parent === 'cookies') {
        words[words.length - 1] = `Cookie ${quoted((here as Json)?.name, n)}`;
      } else {
        words[words.length - 1] += ` › ${quoted(here, `item ${n}`)}`;
      }
    } else if (typeof parent === 'string' && TEXT_FIELDS.has(parent)) {
      words[words.length - 1] += ` (${part})`;
    } else {
      words.push(LABELS[part] ?? `“${part}”`);
    }
  });
  return words.join(' › ');
}

/** An issue's message in plainer words where the check's own would puzzle a non-developer. */
export function plainMessage(issue: ManifestIssue, draft: Draft): string {
  const value = valueAt(draft, segments(issue.path));
  if (/\.duration$/.test(issue.path) && typeof value === 'string' && /^PT?[A-Z]$/.test(value)) {
    return 'needs a number (or choose “session”)';
  }
  if (issue.message === 'must be a non-empty string') return 'needs a value';
  // The site's own words show in one field: each issue says its language.
  if (issue.path.startsWith('words.')) return `${issue.path.slice(6)}: ${issue.message}`;
  return issue.message;
}

// ---- lifetimes ----

export const DURATION_UNITS = [
  {unit: 'session', label: 'session (until the browser closes)'},
  {unit: 'minutes', label: 'minutes', prefix: 'PT', letter: 'M'},
  {unit: 'hours', label: 'hours', prefix: 'PT', letter: 'H'},
  {unit: 'days', label: 'days', prefix: 'P', letter: 'D'},
  {unit: 'weeks', label: 'weeks', prefix: 'P', letter: 'W'},
  {unit: 'months', label: 'months', prefix: 'P', letter: 'M'},
  {unit: 'years', label: 'years', prefix: 'P', letter: 'Y'},
] as const;

export type DurationUnit = (typeof DURATION_UNITS)[number]['unit'];

/**
 * A lifetime as a number and a unit (`P13M` → 13 months), or null when it needs more than one
 * unit (`P1Y6M`): the form then shows the ISO 8601 text itself. The core reads the duration;
 * `PM`, a unit still waiting for its number (a new cookie starts so), reads as that unit.
 */
export function durationParts(value: string): {count: string; unit: DurationUnit} | null {
  if (value === 'session') return {count: '', unit: 'session'};
  const parts = parseDuration(value);
  for (const {unit} of DURATION_UNITS) {
    if (unit === 'session') continue;
    const count = parts ? String(parts[unit]) : '';
    // Only a lifetime the form writes back as it was: not `P1Y0M`, nor `P013M`.
    if (durationOf(count, unit) === value) return {count, unit};
  }
  return null;
}

/** The ISO 8601 lifetime of a number and a unit (13, months → `P13M`). */
export function durationOf(count: string, unit: DurationUnit): string {
  const found = DURATION_UNITS.find((u) => u.unit === unit)!;
  return 'letter' in found ? `${found.prefix}${count.trim()}${found.letter}` : 'session';
}

// ---- edits ----

/** `base`, else `base-2`, `base-3`…: an id no category or service uses yet. */
export function uniqueId(draft: Draft, base: string): string {
  const taken = new Set([...draft.categories, ...draft.services].map((x) => x.id));
  if (!taken.has(base)) return base;
  let n = 2;
  while (taken.has(`${base}-${n}`)) n++;
  return `${base}-${n}`;
}

/**
 * Renames category `index`, and the services and Consent Mode entries that point at it (when
 * its old id was its own: two categories with one id leave the pointers alone).
 */
export function renameCategory(draft: Draft, index: number, id: string) {
  const old = draft.categories[index].id;
  const own = draft.categories.filter((c) => c.id === old).length === 1;
  draft.categories[index].id = id;
  if (!own || old === id) return;
  for (const service of draft.services) if (service.category === old) service.category = id;
  for (const ids of Object.values(draft.consentMode ?? {})) {
    if (Array.isArray(ids)) ids.forEach((c, i) => c === old && (ids[i] = id));
  }
}

// ---- tagging ----

/**
 * The markup that ties a script or embed to its service (README, “Tag your trackers”): the
 * vendor's own snippet, tagged, when the catalogue has it (`entry`: the catalogue service the
 * manifest's service comes from), else a `type="text/plain"` script to hold its code. Pasted into a
 * page it makes the elements it means to, whatever the manifest's texts hold: the manifest's id is
 * an escaped attribute, its name a comment that cannot end the script (src/core/tag-snippet.ts).
 */
export function tagSnippet(service: {id: string; name: string}, entry?: {id: string; snippet?: {html: string}}): string {
  const id = service.id.trim();
  const name = service.name.trim() || id;
  return entry?.snippet ? vendorSnippet(entry.snippet.html, entry.id, id) : plainTag(id, name);
}

// ---- the banner's own cookie ----

/** The service the studio declares the banner's own cookie in, when no other service does. */
export const OWN_SERVICE_ID = 'consent-banner';

const OWN_PURPOSE: TextMap = {
  en: 'Keeps your cookie choices, acceptance or refusal, so that you are not asked again on every page.',
  fr: 'Retient vos choix en matière de cookies, acceptation comme refus, pour ne pas vous les redemander à chaque page.',
};
const OWN_DESCRIPTION: TextMap = {
  en: 'The cookie banner of this site: it remembers your choices.',
  fr: 'Le bandeau cookies de ce site : il retient vos choix.',
};

/** The texts of `text` in the site's languages; English when it has none of them. */
const inLanguages = (text: TextMap, languages: readonly string[]) => {
  const kept = Object.fromEntries(Object.entries(text).filter(([lang]) => languages.includes(lang)));
  return Object.keys(kept).length ? kept : {en: text.en};
};

/** Is this the service declared automatically? Its id and name are `consent-banner` (a service of yours needs another). */
const isOwn = (s: DraftService) => s.id === OWN_SERVICE_ID && s.name === 'consent-banner';

/** The service declared automatically, when the draft has one. */
export const ownService = (draft: Draft) => draft.services.find(isOwn);

/**
 * Declares the banner's own consent cookie in the draft's first necessary category (README,
 * "Manifest studio"): a service of its own, `consent-banner`, with the cookie under its name
 * (`consent` unless set), kept as long as the longer of a yes and a no, and, when decisions are
 * logged, the localStorage key where unsent records wait (`<cookie>-log`). Kept in step at every
 * change, and last in the list; left out when another service declares that cookie, when nothing
 * is ever asked (no consent or exempt category), when there is no necessary category, or when the
 * site's own services already reach the banner's limit. Changes the draft in place; says whether
 * it changed it.
 */
export function declareOwn(draft: Draft): boolean {
  const index = draft.services.findIndex(isOwn);
  const name = (typeof draft.cookie?.name === 'string' && draft.cookie.name.trim()) || 'consent';
  const home = draft.categories.find((c) => c.basis === 'necessary');
  const asks = draft.categories.some((c) => c.basis === 'consent' || c.basis === 'exempt');
  const others = draft.services.filter((_, i) => i !== index);
  const declared = others.some((s) => Array.isArray(s.cookies) && s.cookies.some((c) => typeof c?.name === 'string' && c.name.trim() && cookieNameMatcher(c.name.trim())(name)));
  const taken = others.some((s) => s.id === OWN_SERVICE_ID);
  // It never takes the place of one of the site's own: a manifest at the banner's limit gets none.
  const full = others.length >= LIMITS.services;
  if (!home || !asks || declared || taken || full) {
    if (index < 0) return false;
    draft.services.splice(index, 1);
    return true;
  }
  const days = Math.max(Number(draft.consentMaxAgeDays) || 182, Number(draft.refusalMaxAgeDays) || 182);
  const languages = draft.site.languages;
  const own: DraftService = {
    id: OWN_SERVICE_ID,
    name: 'consent-banner',
    category: home.id,
    description: inLanguages(OWN_DESCRIPTION, languages),
    cookies: [{name, duration: `P${days}D`, purpose: inLanguages(OWN_PURPOSE, languages)}],
    ...(typeof draft.log?.url === 'string' && draft.log.url.trim() ? {storage: [`${name}-log`]} : {}),
  };
  const before = index >= 0 ? JSON.stringify(draft.services[index]) : '';
  // Kept last, after the site's own services, whatever is added after it.
  if (before === JSON.stringify(own) && index === draft.services.length - 1) return false;
  if (index >= 0) draft.services.splice(index, 1);
  draft.services.push(own);
  return true;
}
