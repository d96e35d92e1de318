import {durationInDays} from './duration.js';
import type {
  Basis,
  Category,
  CookieDeclaration,
  Manifest,
  ManifestIssue,
  ParseResult,
  Service,
  Text,
} from './manifest.types.js';

/*
 * The runtime check of a cookie manifest. It mirrors schema/cookie-manifest.schema.json rule for
 * rule (same patterns, same bounds; a test holds the two together) and adds what a JSON Schema
 * cannot say: ids unique across categories and services, references that resolve, and the
 * 13-month ceiling of exempt cookies. It stops at the first problem and names its JSON path.
 */

/** `constructor` is refused: every plain object inherits a member of that name. */
export const ID_PATTERN = /^(?!constructor$)[a-z0-9][a-z0-9-]{0,63}$/;
export const LANGUAGE_PATTERN = /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/;
// One host character, then anything but space: linear time (`[^\s/?#]+[^\s]*` backtracks quadratically).
export const HTTP_URL_PATTERN = /^https?:\/\/[^\s/?#][^\s]*$/;
export const LOG_URL_PATTERN = /^(https:\/\/[^\s/?#][^\s]*|\/(?!\/)[^\s]*)$/;
export const COOKIE_NAME_PATTERN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]{1,256}$/;
export const DOMAIN_PATTERN = /^\.?[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/;
export const DURATION_PATTERN =
  /^(session|P(?!$)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+S)?)?)$/;
export const CONSENT_MODE_TYPES = [
  'ad_storage',
  'ad_user_data',
  'ad_personalization',
  'analytics_storage',
  'functionality_storage',
  'personalization_storage',
  'security_storage',
] as const;

/**
 * Bounds that keep a runaway or hostile manifest from freezing the page (README "Security"); the
 * whole file is at most 1 MB (manifest-loader.ts).
 */
export const LIMITS = {characters: 10_000, languages: 50, categories: 50, services: 1_000, cookies: 200} as const;
/** Embeddings and overrides (LRE, RLE, PDF, LRO, RLO) can turn the text around them backwards. */
const DIRECTION_OVERRIDE = /[\u202A-\u202E]/;

const BASES: readonly Basis[] = ['consent', 'necessary', 'exempt'];
const EXEMPT_MAX_DAYS = durationInDays('P13M');
/** Services that never qualify as necessary or exempt (RULES.md R8, R29, R30). */
const NOT_EXEMPTABLE =
  /google|doubleclick|adwords|hubspot|facebook|meta pixel|linkedin|addthis|hotjar|tiktok|twitter|criteo|clarity/i;

type Json = Record<string, unknown>;

class Invalid extends Error {
  constructor(public issue: ManifestIssue) {
    super(issue.message);
  }
}

const fail = (path: string, message: string): never => {
  throw new Invalid({path: path || 'manifest', message});
};

const show = (value: unknown) => {
  // Never JSON.stringify a list or an object: a deeply nested one would overflow the stack.
  const text =
    typeof value === 'object' && value !== null ? (Array.isArray(value) ? 'a list' : 'an object') : JSON.stringify(value) ?? String(value);
  return text.length > 40 ? text.slice(0, 37) + '…' : text;
};

function object(value: unknown, path: string, keys: string[], required: string[]): Json {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    fail(path, 'must be an object');
  }
  const json = value as Json;
  for (const key of required) {
    if (!Object.hasOwn(json, key)) fail(path ? `${path}.${key}` : key, 'is required');
  }
  for (const key of Object.keys(json)) {
    if (!keys.includes(key)) fail(path ? `${path}.${key}` : key, 'is not a known field');
  }
  return json;
}

function array(value: unknown, path: string, minItems: number, maxItems: number): unknown[] {
  if (!Array.isArray(value)) fail(path, 'must be an array');
  const list = value as unknown[];
  if (list.length < minItems) fail(path, `must have at least ${minItems} item`);
  if (list.length > maxItems) fail(path, `must have at most ${maxItems} items, got ${list.length}`);
  return list;
}

function string(value: unknown, path: string, pattern?: RegExp, what?: string): string {
  if (typeof value !== 'string' || value.length === 0) fail(path, 'must be a non-empty string');
  const text = value as string;
  // Characters are code points, as JSON Schema's maxLength counts them.
  const characters = text.length > LIMITS.characters ? [...text].length : 0;
  if (characters > LIMITS.characters) fail(path, `must be at most ${LIMITS.characters} characters, got ${characters}`);
  if (pattern && !pattern.test(text)) {
    const reserved = pattern === ID_PATTERN && text === 'constructor';
    fail(path, reserved ? '"constructor" is reserved: choose another id' : `must be ${what}, got ${show(text)}`);
  }
  if (DIRECTION_OVERRIDE.test(text)) fail(path, 'must not hold Unicode direction overrides (U+202A to U+202E)');
  return text;
}

function integer(value: unknown, path: string, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    fail(path, `must be an integer from ${min} to ${max}, got ${show(value)}`);
  }
  return value as number;
}

function oneOf<T extends string>(value: unknown, path: string, allowed: readonly T[]): T {
  if (!allowed.includes(value as T)) fail(path, `must be one of ${allowed.join(', ')}`);
  return value as T;
}

function text(value: unknown, path: string): Text {
  if (typeof value === 'string') return string(value, path);
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    fail(path, 'must be a text: a string, or {"language": "string", …}');
  }
  const map = value as Json;
  const entries = Object.entries(map);
  if (entries.length === 0) fail(path, 'must have at least one language');
  if (entries.length > LIMITS.languages) fail(path, `must have at most ${LIMITS.languages} languages`);
  const out: Record<string, string> = {};
  for (const [lang, item] of entries) {
    string(lang, `${path}.${lang}`, LANGUAGE_PATTERN, 'a language tag');
    out[lang] = string(item, `${path}.${lang}`);
  }
  return out;
}

const optional = <T>(json: Json, key: string, read: (value: unknown) => T): T | undefined =>
  Object.hasOwn(json, key) ? read(json[key]) : undefined;

function category(value: unknown, path: string): Category {
  const json = object(value, path, ['id', 'basis', 'title', 'description', 'exemption'], ['id', 'title']);
  const out: Category = {
    id: string(json.id, `${path}.id`, ID_PATTERN, 'lowercase a-z, 0-9 and -'),
    basis: optional(json, 'basis', (v) => oneOf(v, `${path}.basis`, BASES)) ?? 'consent',
    title: text(json.title, `${path}.title`),
  };
  const description = optional(json, 'description', (v) => text(v, `${path}.description`));
  if (description) out.description = description;
  const exemption = optional(json, 'exemption', (v) => text(v, `${path}.exemption`));
  if (exemption) out.exemption = exemption;
  else if (out.basis === 'exempt') fail(`${path}.exemption`, 'is required when basis is exempt');
  return out;
}

function cookie(value: unknown, path: string): CookieDeclaration {
  const json = object(value, path, ['name', 'duration', 'purpose', 'domain'], ['name', 'duration']);
  const out: CookieDeclaration = {
    name: string(json.name, `${path}.name`, COOKIE_NAME_PATTERN, 'a cookie name'),
    duration: string(json.duration, `${path}.duration`, DURATION_PATTERN, 'an ISO 8601 duration or "session"'),
  };
  const purpose = optional(json, 'purpose', (v) => text(v, `${path}.purpose`));
  if (purpose) out.purpose = purpose;
  const domain = optional(json, 'domain', (v) => string(v, `${path}.domain`, DOMAIN_PATTERN, 'a domain name'));
  if (domain) out.domain = domain;
  return out;
}

function service(value: unknown, path: string): Service {
  const json = object(
    value,
    path,
    ['id', 'name', 'provider', 'category', 'policyUrl', 'description', 'cookies'],
    ['id', 'name', 'category']
  );
  const out: Service = {
    id: string(json.id, `${path}.id`, ID_PATTERN, 'lowercase a-z, 0-9 and -'),
    name: string(json.name, `${path}.name`),
    category: string(json.category, `${path}.category`, ID_PATTERN, 'a category id'),
    cookies: (optional(json, 'cookies', (v) => array(v, `${path}.cookies`, 0, LIMITS.cookies)) ?? []).map((c, i) =>
      cookie(c, `${path}.cookies[${i}]`)
    ),
  };
  const provider = optional(json, 'provider', (v) => string(v, `${path}.provider`));
  if (provider) out.provider = provider;
  const policyUrl = optional(json, 'policyUrl', (v) =>
    string(v, `${path}.policyUrl`, HTTP_URL_PATTERN, 'an http(s) URL')
  );
  if (policyUrl) out.policyUrl = policyUrl;
  const description = optional(json, 'description', (v) => text(v, `${path}.description`));
  if (description) out.description = description;
  return out;
}

function checkReferences(manifest: Manifest, warnings: ManifestIssue[]) {
  const seen = new Map<string, string>();
  const claim = (id: string, path: string) => {
    const first = seen.get(id);
    if (first) fail(path, `duplicate id "${id}" (already used at ${first})`);
    seen.set(id, path);
  };
  manifest.categories.forEach((c, i) => claim(c.id, `categories[${i}].id`));
  manifest.services.forEach((s, i) => {
    claim(s.id, `services[${i}].id`);
    const home = manifest.categories.find((c) => c.id === s.category);
    if (!home) fail(`services[${i}].category`, `unknown category "${s.category}"`);
    if (home!.basis === 'consent') return;
    if (NOT_EXEMPTABLE.test(`${s.name} ${s.provider ?? ''}`)) {
      warnings.push({
        path: `services[${i}]`,
        message: `${s.name} does not qualify as ${home!.basis} (RULES R8, R29, R30): put it in a consent category`,
      });
    }
    if (home!.basis !== 'exempt') return;
    s.cookies.forEach((c, j) => {
      if (durationInDays(c.duration) > EXEMPT_MAX_DAYS) {
        fail(`services[${i}].cookies[${j}].duration`, 'an exempt category\'s cookies may last at most 13 months (P13M)');
      }
    });
  });
  for (const [type, ids] of Object.entries(manifest.consentMode ?? {})) {
    ids.forEach((id, i) => {
      if (!manifest.categories.some((c) => c.id === id)) {
        fail(`consentMode.${type}[${i}]`, `unknown category "${id}"`);
      }
    });
  }
}

/**
 * Checks a cookie manifest (already parsed from JSON) and fills in its defaults.
 * Never throws, whatever it is given: the result carries either the manifest and its warnings, or the first problem
 * with its JSON path (`categories[2].basis: must be one of consent, necessary, exempt`).
 */
export function parseManifest(input: unknown): ParseResult {
  try {
    const root = object(
      input,
      '',
      ['$schema', '$comment', 'version', 'site', 'revision', 'consentMaxAgeDays', 'cookie', 'categories',
        'services', 'log', 'gpc', 'consentMode'],
      ['version', 'site', 'revision', 'categories']
    );
    optional(root, '$schema', (v) => string(v, '$schema'));
    optional(root, '$comment', (v) => string(v, '$comment'));
    if (root.version !== 1) fail('version', `must be 1, got ${show(root.version)}`);
    const site = object(root.site, 'site', ['name', 'policyUrl', 'languages'], ['name', 'policyUrl', 'languages']);
    const languages = array(site.languages, 'site.languages', 1, LIMITS.languages).map((l, i) =>
      string(l, `site.languages[${i}]`, LANGUAGE_PATTERN, 'a language tag')
    );
    languages.forEach((l, i) => languages.indexOf(l) !== i && fail(`site.languages[${i}]`, `duplicate language "${l}"`));
    const cookieJson = optional(root, 'cookie', (v) => object(v, 'cookie', ['name', 'domain'], []));
    const manifest: Manifest = {
      version: 1,
      site: {
        name: string(site.name, 'site.name'),
        policyUrl: string(site.policyUrl, 'site.policyUrl', HTTP_URL_PATTERN, 'an http(s) URL'),
        languages,
      },
      revision: integer(root.revision, 'revision', 1, Number.MAX_SAFE_INTEGER),
      consentMaxAgeDays: optional(root, 'consentMaxAgeDays', (v) => integer(v, 'consentMaxAgeDays', 1, 395)) ?? 182,
      cookie: {
        name: optional(cookieJson ?? {}, 'name', (v) => string(v, 'cookie.name', COOKIE_NAME_PATTERN, 'a cookie name')) ??
          'consent',
      },
      categories: array(root.categories, 'categories', 1, LIMITS.categories).map((c, i) => category(c, `categories[${i}]`)),
      services: (optional(root, 'services', (v) => array(v, 'services', 0, LIMITS.services)) ?? []).map((s, i) =>
        service(s, `services[${i}]`)
      ),
      gpc: optional(root, 'gpc', (v) => oneOf(v, 'gpc', ['refuse', 'ignore'] as const)) ?? 'refuse',
    };
    const domain = optional(cookieJson ?? {}, 'domain', (v) => string(v, 'cookie.domain', DOMAIN_PATTERN, 'a domain name'));
    if (domain) manifest.cookie.domain = domain;
    const log = optional(root, 'log', (v) => object(v, 'log', ['url'], ['url']));
    if (log) manifest.log = {url: string(log.url, 'log.url', LOG_URL_PATTERN, 'an https URL or a same-origin path')};
    const mode = optional(root, 'consentMode', (v) => object(v, 'consentMode', [...CONSENT_MODE_TYPES], []));
    if (mode) {
      manifest.consentMode = {};
      for (const [type, ids] of Object.entries(mode)) {
        manifest.consentMode[type] = array(ids, `consentMode.${type}`, 0, LIMITS.categories).map((id, i) =>
          string(id, `consentMode.${type}[${i}]`, ID_PATTERN, 'a category id')
        );
      }
    }
    const warnings: ManifestIssue[] = [];
    checkReferences(manifest, warnings);
    return {ok: true, manifest, warnings};
  } catch (error) {
    // Not JSON (a getter that throws, a hostile list): refused all the same.
    const issue = error instanceof Invalid ? error.issue : {path: 'manifest', message: `cannot be read (${error})`};
    return {ok: false, errors: [issue]};
  }
}

/** `categories[2].basis: must be one of …`: an issue as one line. */
export const formatIssue = (issue: ManifestIssue) => `${issue.path}: ${issue.message}`;

/**
 * The string of a text in `language`, else in the first of `fallbacks` it has, else its first
 * entry. A language matches its region variants both ways (`fr` ↔ `fr-CA`).
 */
export function resolveText(value: Text | undefined, language: string, fallbacks: readonly string[] = []): string {
  if (value === undefined) return '';
  if (typeof value === 'string') return value;
  const keys = Object.keys(value);
  for (const wanted of [language, ...fallbacks]) {
    const base = wanted.toLowerCase().split('-')[0];
    const hit =
      keys.find((k) => k.toLowerCase() === wanted.toLowerCase()) ??
      keys.find((k) => k.toLowerCase().split('-')[0] === base);
    if (hit) return value[hit];
  }
  return value[keys[0]] ?? '';
}
