import {readManifestJson} from './manifest-loader.js';
import type {LoadManifestOptions} from './manifest-loader.js';
import {checked, fail, finish, show} from './manifest-essentials.js';
import type {Json} from './manifest-essentials.js';
import {
  BASES,
  CONSENT_MODE_TYPES,
  COOKIE_NAME_PATTERN,
  DOMAIN_PATTERN,
  DURATION_PATTERN,
  HTTP_URL_PATTERN,
  ID_PATTERN,
  LANGUAGE_PATTERN,
  LIMITS,
} from './manifest-rules.js';
import type {ParseResult} from './manifest.types.js';

export * from './manifest-rules.js';
export {checkEssentials, formatIssue} from './manifest-essentials.js';
export {resolveText} from './text.js';

/*
 * The full runtime check of a cookie manifest: the one place its shape is written, field by
 * field, as schema/cookie-manifest.schema.json gives it (same patterns, same bounds; a test holds
 * the two together), then what a JSON Schema cannot say (`finish`, manifest-essentials.ts). It
 * runs before anything is shown or decided (the drop-in's session module), in the CLI and in the
 * studio. It stops at the first problem and names its JSON path.
 *
 * Every page view runs a smaller check (`checkEssentials`, manifest-essentials.ts): the fields
 * that decide what may run. The checks that serve the site owner rather than the visitor
 * (tracking services declared necessary or exempt, language tags the banner cannot use) are in
 * manifest-lint.ts: they cost a visitor nothing.
 */

/** Reads one value at a JSON path: returns what the checked manifest holds there, or throws. */
type Reader = (value: unknown, path: string) => any;

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

/** An object with these fields (each read by its reader), the `required` ones present, no others. */
const object =
  (fields: Record<string, Reader>, required: string[] = []): Reader =>
  (value, path) => {
    if (!isObject(value)) fail(path, 'must be an object');
    const at = (key: string) => (path ? `${path}.${key}` : key);
    for (const key of required) if (!Object.hasOwn(value as Json, key)) fail(at(key), 'is required');
    const keys = Object.keys(value as Json);
    for (const key of keys) if (!Object.hasOwn(fields, key)) fail(at(key), 'is not a known field');
    const out: Json = {};
    for (const key of keys) out[key] = fields[key]((value as Json)[key], at(key));
    return out;
  };

const list =
  (item: Reader, minItems: number, maxItems: number): Reader =>
  (value, path) => {
    if (!Array.isArray(value)) fail(path, 'must be an array');
    const items = value as unknown[];
    if (items.length < minItems) fail(path, `must have at least ${minItems} item`);
    if (items.length > maxItems) fail(path, `must have at most ${maxItems} items, got ${items.length}`);
    return items.map((v, i) => item(v, `${path}[${i}]`));
  };

/** A non-empty string of at most LIMITS.characters, matching `pattern` when given (`what` names it in the message). */
const text =
  (pattern?: RegExp, what?: string): Reader =>
  (value, path) => {
    if (typeof value !== 'string' || !value) fail(path, 'must be a non-empty string');
    // Characters are code points, as JSON Schema's maxLength counts them.
    const characters = (value as string).length > LIMITS.characters ? [...(value as string)].length : 0;
    if (characters > LIMITS.characters) fail(path, `must be at most ${LIMITS.characters} characters, got ${characters}`);
    if (pattern && !pattern.test(value as string)) {
      fail(path, pattern === ID_PATTERN && value === 'constructor' ? '"constructor" is reserved: choose another id' : `must be ${what}, got ${show(value)}`);
    }
    return value;
  };

const integer =
  (min: number, max: number): Reader =>
  (value, path) =>
    Number.isInteger(value) && (value as number) >= min && (value as number) <= max
      ? value
      : fail(path, `must be an integer from ${min} to ${max}, got ${show(value)}`);

const oneOf =
  (allowed: readonly string[]): Reader =>
  (value, path) =>
    allowed.includes(value as string) ? value : fail(path, `must be one of ${allowed.join(', ')}`);

/** The readers of the leaves shown to the visitor. */
interface Leaves {
  /** A string shown to the visitor: a site or service name, a provider. */
  plain: Reader;
  /** A text: a string, or one string per language. */
  text: Reader;
  httpUrl: Reader;
  language: Reader;
  domain: Reader;
}

const ID = text(ID_PATTERN, 'lowercase a-z, 0-9 and -');
const CATEGORY_ID = text(ID_PATTERN, 'a category id');
const COOKIE_NAME = text(COOKIE_NAME_PATTERN, 'a cookie name');

/** The whole manifest's shape, with these leaves (CONTRACT §2; field names are the contract). */
function manifestShape({plain, text: words, httpUrl, language, domain}: Leaves): Reader {
  const category = object({id: ID, basis: oneOf(BASES), title: words, description: words, exemption: words}, ['id', 'title']);
  const cookie = object(
    {name: COOKIE_NAME, duration: text(DURATION_PATTERN, 'an ISO 8601 duration or "session"'), purpose: words, domain},
    ['name', 'duration']
  );
  const service = object(
    {id: ID, name: plain, provider: plain, category: CATEGORY_ID, policyUrl: httpUrl, description: words, cookies: list(cookie, 0, LIMITS.cookies)},
    ['id', 'name', 'category']
  );
  return object(
    {
      $schema: plain,
      $comment: plain,
      version: (value, path) => (value === 1 ? 1 : fail(path, `must be 1, got ${show(value)}`)),
      site: object({name: plain, policyUrl: httpUrl, languages: list(language, 1, LIMITS.languages)}, ['name', 'policyUrl', 'languages']),
      revision: integer(1, Number.MAX_SAFE_INTEGER),
      consentMaxAgeDays: integer(1, 395),
      cookie: object({name: COOKIE_NAME, domain}),
      categories: list(category, 1, LIMITS.categories),
      services: list(service, 0, LIMITS.services),
      log: object({url: plain}, ['url']),
      gpc: oneOf(['refuse', 'ignore']),
      consentMode: object(Object.fromEntries(CONSENT_MODE_TYPES.map((type) => [type, list(CATEGORY_ID, 1, LIMITS.categories)]))),
      dataLayerEvent: (value, path) => (typeof value === 'boolean' ? value : fail(path, `must be true or false, got ${show(value)}`)),
    },
    ['version', 'site', 'revision', 'categories']
  );
}

/** A string shown to the visitor: `text`, without direction overrides. */
const string = (pattern?: RegExp, what?: string): Reader => {
  const read = text(pattern, what);
  return (value, path) => {
    const words = read(value, path) as string;
    // Embeddings and overrides (LRE, RLE, PDF, LRO, RLO) can turn the text around them backwards.
    if (/[\u202A-\u202E]/.test(words)) fail(path, 'must not hold Unicode direction overrides (U+202A to U+202E)');
    return words;
  };
};

const plain = string();
const language = string(LANGUAGE_PATTERN, 'a language tag');

const strict = manifestShape({
  plain,
  text: (value, path) => {
    if (typeof value === 'string') return plain(value, path);
    if (!isObject(value)) fail(path, 'must be a text: a string, or {"language": "string", …}');
    const entries = Object.entries(value as Json);
    if (!entries.length) fail(path, 'must have at least one language');
    if (entries.length > LIMITS.languages) fail(path, `must have at most ${LIMITS.languages} languages`);
    const out: Json = {};
    for (const [tag, item] of entries) out[language(tag, `${path}.${tag}`)] = plain(item, `${path}.${tag}`);
    return out;
  },
  httpUrl: string(HTTP_URL_PATTERN, 'an http(s) URL'),
  language,
  domain: string(DOMAIN_PATTERN, 'a domain name'),
});

/**
 * Checks a cookie manifest (already parsed from JSON) and fills in its defaults. Never throws,
 * whatever it is given: the result carries either the manifest and its warnings, or the first
 * problem with its JSON path (`categories[2].basis: must be one of consent, necessary, exempt`).
 * The only warning is a `log.url` the banner will not send records to; the site owner's lints
 * are `lintManifest` (manifest-lint.ts).
 */
export function parseManifest(input: unknown): ParseResult {
  return checked(() => finish(strict(input, '')));
}

/**
 * Loads and checks a manifest (`parseManifest`). `source` is the manifest itself, `#id` of an
 * inline JSON script in `doc`, or a URL resolved against the page (manifest-loader.ts). Never rejects.
 */
export async function loadManifest(source: unknown, doc: Document = document, options: LoadManifestOptions = {}): Promise<ParseResult> {
  const loaded = await readManifestJson(source, doc, options);
  return loaded.ok ? parseManifest(loaded.json) : loaded;
}
