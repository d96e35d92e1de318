import {LIMITS} from '../src/core/manifest-rules.js';
import {isObject, TEXT_FIELDS} from './draft.js';
import type {Draft, Json, TextMap} from './draft.js';

/*
 * The draft as a file: opening parsed JSON into a draft (refused, with a message, when the form
 * could not show it), and the manifest the draft stands for, as it is checked and downloaded.
 */

export type Opened = {ok: true; draft: Draft} | {ok: false; message: string};

/** Where an exported manifest points its editor for completion: the shipped schema's `$id`. */
export const SCHEMA_URL = 'https://cdn.jsdelivr.net/npm/consent-banner@0/schema/cookie-manifest.schema.json';

const SITE_FIELDS = ['name', 'policyUrl', 'languages'];
const CATEGORY_FIELDS = ['id', 'basis', 'title', 'description', 'exemption'];
const SERVICE_FIELDS = ['id', 'name', 'provider', 'category', 'policyUrl', 'description', 'cookies', 'storage'];
const COOKIE_FIELDS = ['name', 'duration', 'domain', 'purpose'];

const describe = (value: unknown) =>
  Array.isArray(value) ? 'a list' : value === null ? 'null' : isObject(value) ? 'an object' : `a ${typeof value}`;

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
 * What of a manifest goes past the limits the banner reads (LIMITS: 1,000 services, 50
 * categories, 50 languages, 200 cookies a service), in words; '' when nothing does. Counted before
 * anything else is done with it: such a file would keep the page busy for minutes.
 */
export function beyondLimits(json: Record<string, unknown>): string {
  const n = (value: unknown) => (Array.isArray(value) ? value.length : 0);
  const words = (count: number, what: string, limit: number) =>
    `${count.toLocaleString('en')} ${what}, more than the ${limit.toLocaleString('en')} the banner reads`;
  if (n(json.services) > LIMITS.services) return words(n(json.services), 'services', LIMITS.services);
  if (n(json.categories) > LIMITS.categories) return words(n(json.categories), 'categories', LIMITS.categories);
  const site = json.site as Record<string, unknown> | undefined;
  if (n(site?.languages) > LIMITS.languages) return words(n(site?.languages), 'languages', LIMITS.languages);
  const crowded = (Array.isArray(json.services) ? json.services : []).find(
    (s) => n((s as Record<string, unknown>)?.cookies) > LIMITS.cookies
  ) as Record<string, unknown> | undefined;
  if (crowded) return `a service with ${words(n(crowded.cookies), 'cookies', LIMITS.cookies)}`;
  return '';
}

/**
 * Opens parsed JSON as a draft. Refuses (with a message, leaving the caller's work alone) what
 * is not a cookie manifest of format version 1, or has a shape the form cannot show. Anything
 * else opens, even when the check will find errors in it: fixing them is what the studio is for.
 */
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
    '$schema',
    '$comment',
    'version',
    'site',
    'revision',
    'consentMaxAgeDays',
    'refusalMaxAgeDays',
    'cookie',
    'gpc',
    'log',
    'consentMode',
    'dataLayerEvent',
    'categories',
    'services',
  ]);
}

/**
 * The pretty JSON of a download: two-space indent, a final newline. `<` is written `\u003c` (the
 * same JSON): pasted into the README's inline `<script type="application/json">`, a text holding
 * `</script>` or `<!--` cannot end that element or hide the rest of the page.
 */
export const manifestFile = (draft: Draft) => JSON.stringify(toManifest(draft), null, 2).replace(/</g, '\\u003c') + '\n';
