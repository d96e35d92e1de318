import {durationInDays} from './duration.js';
import {isLanguageTag, matchLanguage} from './language.js';
import type {
  Basis,
  Category,
  ConsentModeType,
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
/**
 * The Consent Mode types a manifest may map: the four of v2, and the two of functionality and
 * personalisation a site may tie to a consent category. `security_storage` is never mapped: it
 * follows the necessary category (src/core/consent-mode.ts).
 */
export const CONSENT_MODE_TYPES: readonly ConsentModeType[] = [
  'ad_storage',
  'ad_user_data',
  'ad_personalization',
  'analytics_storage',
  'functionality_storage',
  'personalization_storage',
];
/** The types whose grant lets Google's tags track: they may only follow consent categories (R37). */

/**
 * Bounds that keep a runaway or hostile manifest from freezing the page (README "Security"); the
 * whole file is at most 1 MB (manifest-loader.ts).
 */
export const LIMITS = {characters: 10_000, languages: 50, categories: 50, services: 1_000, cookies: 200} as const;
/** Embeddings and overrides (LRE, RLE, PDF, LRO, RLO) can turn the text around them backwards. */
const DIRECTION_OVERRIDE = /[\u202A-\u202E]/;

const BASES: readonly Basis[] = ['consent', 'necessary', 'exempt'];
const EXEMPT_MAX_DAYS = durationInDays('P13M');
/**
 * Services known to need consent: they track for advertising or for their own ends, or across
 * sites, so they are neither strictly necessary (RULES.md R8, R29) nor exempt audience measurement
 * (R30). Each is recognised by a word in its id, name, provider or policy host, or by a cookie it
 * sets (all lowercased).
 */
const NEEDS_CONSENT: [string, RegExp][] = [
  ['Google Analytics', /google.?analytics|^ga4?$|^(_ga|_gid|_gat|__utm)/],
  ['Google Tag Manager', /tag.?manager|^gtm$|^_dc_gtm/],
  ['Google Ads (DoubleClick)', /doubleclick|adwords|adsense|google.?ads?\b|^(ide|dsid|_gcl_)/],
  ['YouTube', /youtube|^(ysc|visitor_info1_live)$/],
  ['Meta (Facebook)', /facebook|instagram|\bmeta\b|^_fb[cp]$/],
  ['LinkedIn Insight', /linkedin|^(li_fat_id|li_sugr|bcookie|lidc|usermatchhistory|analyticssynchistory)$/],
  ['HubSpot', /hubspot|^(__hstc|__hssc|__hssrc)$/],
  ['AddThis', /addthis|^__atuv/],
  ['Hotjar', /hotjar|^_hj/],
  ['TikTok', /tiktok|^_ttp$/],
  ['Microsoft Clarity', /clarity|^_cl(ck|sk)$/],
  ['Microsoft Advertising (Bing)', /\bbing\b|microsoft advertising|^_uet/],
  ['X (Twitter)', /twitter|^(personalization_id|guest_id|muc_ads)$/],
  ['Criteo', /criteo|^cto_/],
  ['Pinterest', /pinterest|^_pin_unauth$/],
];
/** Matomo cookies that an exempt configuration cannot set (RULES.md R30, Matomo's CNIL guide). */
const NOT_EXEMPT_COOKIES: [RegExp, string][] = [
  [/^_pk_ref/, 'keeps the referrer for campaign attribution'],
  [/^_pk_hsr/, 'serves heatmaps or session recordings'],
  [/^_pk_uid/, 'is a visitor id shared across sites'],
];
/** Consent Mode types that only consent may grant (RULES.md R37). */
const CONSENT_ONLY_TYPES = /^(ad_|analytics|personalization)/;

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
    if (home!.basis !== 'consent') checkExemption(s, home!.basis, `services[${i}]`, warnings);
  });
  for (const [type, ids] of Object.entries(manifest.consentMode ?? {})) {
    ids.forEach((id, i) => {
      const home = manifest.categories.find((c) => c.id === id);
      if (!home) fail(`consentMode.${type}[${i}]`, `unknown category "${id}"`);
      if (home!.basis !== 'consent' && CONSENT_ONLY_TYPES.test(type)) {
        warnings.push({
          path: `consentMode.${type}[${i}]`,
          message: `"${id}" is ${home!.basis}: Google tags would get ${type} without consent (R29, R30)`,
        });
      }
    });
  }
}

/**
 * A service of a `necessary` or `exempt` category (RULES.md R29, R30, CONTRACT §2): an exempt
 * cookie past 13 months is an error; a service known to need consent, or an exempt cookie that a
 * CNIL-exempt audience measurement cannot set, is a warning naming the service and the rule.
 */
function checkExemption(s: Service, basis: Basis, path: string, warnings: ManifestIssue[]) {
  const exempt = basis === 'exempt';
  const rule = exempt ? 'is not exempt audience measurement (R30)' : 'is not strictly necessary (R29)';
  const fields = [s.id, s.name, s.provider ?? '', s.policyUrl?.split('/')[2] ?? '', ...s.cookies.map((c) => c.name)];
  const known = NEEDS_CONSENT.find(([, pattern]) => fields.some((f) => pattern.test(f.toLowerCase())));
  if (known) {
    const who = known[0].toLowerCase() === s.name.toLowerCase() ? s.name : `${s.name} (${known[0]})`;
    warnings.push({path: `${path}.category`, message: `${who} ${rule}: move it to a consent category`});
  }
  if (!exempt) return;
  s.cookies.forEach((c, j) => {
    const at = `${path}.cookies[${j}]`;
    const days = durationInDays(c.duration);
    if (days > EXEMPT_MAX_DAYS) fail(`${at}.duration`, "an exempt category's cookies may last at most 13 months (P13M)");
    const warn = (field: string, what: string) =>
      warnings.push({path: `${at}.${field}`, message: `${c.name} ${what}, so ${s.name} ${rule}`});
    if (/^_pk_ses/.test(c.name) && Math.round(days * 1440) > 30) warn('duration', 'lasts more than 30 minutes (PT30M)');
    if (c.domain) warn('domain', `lives on ${c.domain}, a third-party cookie that can follow visitors across sites`);
    for (const [pattern, what] of NOT_EXEMPT_COOKIES) if (pattern.test(c.name)) warn('name', what);
  });
}

/**
 * Language tags the banner cannot use, as warnings (the banner still works): a site language or a
 * text key that is not well-formed BCP 47, and a text in a language that none of `site.languages`
 * matches, which is shown only when no site language has a text.
 */
function checkLanguages(manifest: Manifest, warnings: ManifestIssue[]) {
  const {languages} = manifest.site;
  const malformed = (tag: string) => `"${tag}" is not a BCP 47 language tag`;
  languages.forEach((tag, i) => isLanguageTag(tag) || warnings.push({path: `site.languages[${i}]`, message: malformed(tag)}));
  const texts: [string, Text | undefined][] = [];
  manifest.categories.forEach((c, i) => {
    for (const key of ['title', 'description', 'exemption'] as const) texts.push([`categories[${i}].${key}`, c[key]]);
  });
  manifest.services.forEach((s, i) => {
    texts.push([`services[${i}].description`, s.description]);
    s.cookies.forEach((c, j) => texts.push([`services[${i}].cookies[${j}].purpose`, c.purpose]));
  });
  for (const [path, value] of texts) {
    for (const tag of typeof value === 'object' ? Object.keys(value) : []) {
      const message = !isLanguageTag(tag)
        ? malformed(tag)
        : matchLanguage([tag], languages)
          ? ''
          : `"${tag}" is not in site.languages (${languages.join(', ')})`;
      if (message) warnings.push({path: `${path}.${tag}`, message});
    }
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
        'services', 'log', 'gpc', 'consentMode', 'dataLayerEvent'],
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
    const warnings: ManifestIssue[] = [];
    const log = optional(root, 'log', (v) => object(v, 'log', ['url'], ['url']));
    const logUrl = log && string(log.url, 'log.url');
    // A log address that would send the record in clear or elsewhere costs the log, not the banner.
    if (logUrl && LOG_URL_PATTERN.test(logUrl)) manifest.log = {url: logUrl};
    else if (logUrl) {
      warnings.push({
        path: 'log.url',
        message: `must be an https URL or a same-origin path, got ${show(logUrl)}: no consent record will be sent`,
      });
    }
    const mode = optional(root, 'consentMode', (v) => object(v, 'consentMode', [...CONSENT_MODE_TYPES], []));
    if (mode) {
      manifest.consentMode = {};
      for (const [type, ids] of Object.entries(mode)) {
        manifest.consentMode[type as ConsentModeType] = array(ids, `consentMode.${type}`, 1, LIMITS.categories).map((id, i) =>
          string(id, `consentMode.${type}[${i}]`, ID_PATTERN, 'a category id')
        );
      }
    }
    const dataLayerEvent = optional(root, 'dataLayerEvent', (v) => {
      if (typeof v !== 'boolean') fail('dataLayerEvent', `must be true or false, got ${show(v)}`);
      return v as boolean;
    });
    if (dataLayerEvent) manifest.dataLayerEvent = true;
    checkReferences(manifest, warnings);
    checkLanguages(manifest, warnings);
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
 * The string of a text in `language`, else in the first of `fallbacks` it has (pass
 * `site.languages`: the site's first language comes first), else any it has. A language matches
 * its region variants both ways (`fr` ↔ `fr-CA`). Empty strings are skipped, so a label is never
 * empty while the text has a word in any language; `''` only for no text at all.
 */
export function resolveText(value: Text | undefined, language: string, fallbacks: readonly string[] = []): string {
  if (typeof value !== 'object') return value ?? '';
  const keys = Object.keys(value).filter((k) => typeof value[k] === 'string' && value[k].trim());
  const hit = matchLanguage([language, ...fallbacks], keys) ?? keys[0];
  return hit ? value[hit] : '';
}
