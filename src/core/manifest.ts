import {withDefaults, withinExemption} from './manifest-essentials.js';
import type {Json} from './manifest-essentials.js';
import {
  BASES,
  CONSENT_MODE_TYPES,
  COOKIE_NAME_PATTERN,
  DOMAIN_PATTERN,
  DURATION_PATTERN,
  ID_PATTERN,
  LANGUAGE_PATTERN,
  LIMITS,
  LINK_PATTERN,
  resolveLink,
} from './manifest-rules.js';
import {SAY} from './manifest-messages.js';
import type {ManifestIssue, ParseOptions, ParseResult} from './manifest.types.js';

export type {ParseOptions} from './manifest.types.js';

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

class Invalid extends Error {
  constructor(public issue: ManifestIssue) {
    super(issue.message);
  }
}

const fail = (path: string, message: string): never => {
  throw new Invalid({path: path || 'manifest', message});
};

/** A value as a message quotes it: never a whole list or object (a deeply nested one would overflow the stack). */
const show = (value: unknown) => {
  const text =
    typeof value === 'object' && value !== null
      ? Array.isArray(value)
        ? 'a list'
        : 'an object'
      : (JSON.stringify(value) ?? String(value));
  return text.length > 40 ? text.slice(0, 37) + '…' : text;
};

/** Runs a check that throws `Invalid` on the first problem; never throws itself. */
function checked(run: () => ParseResult): ParseResult {
  try {
    return run();
  } catch (error) {
    // Not JSON (a getter that throws, a hostile list): refused all the same.
    const issue = error instanceof Invalid ? error.issue : {path: 'manifest', message: SAY.cannotRead(error)};
    return {ok: false, errors: [issue]};
  }
}

/** A link that the manifest's URL turns into something other than http(s) (`file:…`, or no URL at all): refused. */
const checkLink = (link: string | undefined, path: string, base?: string) =>
  link === undefined || resolveLink(link, base) || fail(path, SAY.notResolved(base, show(link)));

/**
 * The defaults (`withDefaults`, manifest-essentials.ts), and what a JSON Schema cannot say: ids
 * unique across categories and services, languages unique, every reference to a category
 * resolving, an exempt category stating its exemption, and its cookies lasting at most 13
 * months (the CNIL's audience-measurement exemption); given the manifest's URL, every link
 * resolving to http(s). A `log.url` that would send the record in clear or elsewhere costs the
 * log, not the banner: a warning.
 */
function finish(json: Json, base?: string): ParseResult {
  const warnings: ManifestIssue[] = [];
  const manifest = withDefaults(json, (url) => warnings.push({path: 'log.url', message: SAY.logNotUsed(show(url))}));
  const seen = new Map<string, string>();
  const claim = (id: string, path: string) => {
    const first = seen.get(id);
    if (first) fail(path, SAY.duplicateId(id, first));
    seen.set(id, path);
  };
  manifest.site.languages.forEach((tag, i, all) => all.indexOf(tag) < i && fail(`site.languages[${i}]`, SAY.duplicateLanguage(tag)));
  manifest.categories.forEach((c, i) => {
    claim(c.id, `categories[${i}].id`);
    if (c.basis === 'exempt' && !c.exemption) fail(`categories[${i}].exemption`, SAY.exemptionRequired());
  });
  const home = (ref: string, path: string) => manifest.categories.find((c) => c.id === ref) ?? fail(path, SAY.unknownCategory(ref));
  checkLink(manifest.site.policyUrl, 'site.policyUrl', base);
  manifest.services.forEach((s, i) => {
    checkLink(s.policyUrl, `services[${i}].policyUrl`, base);
    claim(s.id, `services[${i}].id`);
    if (home(s.category, `services[${i}].category`).basis !== 'exempt') return;
    s.cookies.forEach((c, j) => {
      if (!withinExemption(c)) fail(`services[${i}].cookies[${j}].duration`, SAY.exemptTooLong());
    });
  });
  for (const [type, ids] of Object.entries(manifest.consentMode ?? {})) ids.forEach((ref, i) => home(ref, `consentMode.${type}[${i}]`));
  // A site's own words: links that resolve (a built-in language's entry is a lint: manifest-lint.ts).
  for (const [tag, file] of Object.entries(manifest.words ?? {})) checkLink(file, `words.${tag}`, base);
  return {ok: true, manifest, warnings};
}

/** Reads one value at a JSON path: returns what the checked manifest holds there, or throws. */
type Reader = (value: unknown, path: string) => any;

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

/** An object with these fields (each read by its reader), the `required` ones present, no others. */
const object =
  (fields: Record<string, Reader>, required: string[] = []): Reader =>
  (value, path) => {
    if (!isObject(value)) fail(path, SAY.notObject());
    const at = (key: string) => (path ? `${path}.${key}` : key);
    for (const key of required) if (!Object.hasOwn(value as Json, key)) fail(at(key), SAY.required());
    const keys = Object.keys(value as Json);
    for (const key of keys) if (!Object.hasOwn(fields, key)) fail(at(key), SAY.unknownField());
    const out: Json = {};
    for (const key of keys) out[key] = fields[key]((value as Json)[key], at(key));
    return out;
  };

const list =
  (item: Reader, minItems: number, maxItems: number): Reader =>
  (value, path) => {
    if (!Array.isArray(value)) fail(path, SAY.notArray());
    const items = value as unknown[];
    if (items.length < minItems) fail(path, SAY.tooFew(minItems));
    if (items.length > maxItems) fail(path, SAY.tooMany(maxItems, items.length));
    return items.map((v, i) => item(v, `${path}[${i}]`));
  };

/** A non-empty string of at most LIMITS.characters, matching `pattern` when given (`what` names it in the message). */
const text =
  (pattern?: RegExp, what?: () => string): Reader =>
  (value, path) => {
    if (typeof value !== 'string' || !value) fail(path, SAY.notText());
    // Characters are code points, as JSON Schema's maxLength counts them.
    const characters = (value as string).length > LIMITS.characters ? [...(value as string)].length : 0;
    if (characters > LIMITS.characters) fail(path, SAY.tooLong(LIMITS.characters, characters));
    if (pattern && !pattern.test(value as string)) {
      fail(path, pattern === ID_PATTERN && value === 'constructor' ? SAY.reserved() : SAY.notMatching(what!(), show(value)));
    }
    return value;
  };

const integer =
  (min: number, max: number): Reader =>
  (value, path) =>
    Number.isInteger(value) && (value as number) >= min && (value as number) <= max
      ? value
      : fail(path, SAY.notInRange(min, max, show(value)));

const oneOf =
  (allowed: readonly string[]): Reader =>
  (value, path) =>
    allowed.includes(value as string) ? value : fail(path, SAY.notOneOf(allowed));

const ID = text(ID_PATTERN, SAY.id);
const CATEGORY_ID = text(ID_PATTERN, SAY.categoryId);
const COOKIE_NAME = text(COOKIE_NAME_PATTERN, SAY.cookieName);

/** A string shown to the visitor: `text`, without direction overrides. */
const string = (pattern?: RegExp, what?: () => string): Reader => {
  const read = text(pattern, what);
  return (value, path) => {
    const words = read(value, path) as string;
    // Embeddings and overrides (LRE, RLE, PDF, LRO, RLO) can turn the text around them backwards.
    if (/[\u202A-\u202E]/.test(words)) fail(path, SAY.overrides());
    return words;
  };
};

/** A site or service name, a provider. */
const plain = string();
const language = string(LANGUAGE_PATTERN, SAY.languageTag);
/** A link: an absolute http(s) URL or a relative one; `finish` resolves it when the manifest's URL is known. */
const link = string(LINK_PATTERN, SAY.link);
const domain = string(DOMAIN_PATTERN, SAY.domain);

/** The site's own words (README, “A site's own language”): a link to a words file per language tag. */
const wordFiles: Reader = (value, path) => {
  if (!isObject(value)) fail(path, SAY.notWordFiles());
  const entries = Object.entries(value as Json);
  if (entries.length > LIMITS.languages) fail(path, SAY.tooManyLanguages(LIMITS.languages));
  const out: Json = {};
  for (const [tag, file] of entries) out[language(tag, `${path}.${tag}`)] = link(file, `${path}.${tag}`);
  return out;
};

/** A text: a string, or one string per language (`{"fr": "…", "en": "…"}`). */
const words: Reader = (value, path) => {
  if (typeof value === 'string') return plain(value, path);
  if (!isObject(value)) fail(path, SAY.notWords());
  const entries = Object.entries(value as Json);
  if (!entries.length) fail(path, SAY.noLanguage());
  if (entries.length > LIMITS.languages) fail(path, SAY.tooManyLanguages(LIMITS.languages));
  const out: Json = {};
  for (const [tag, item] of entries) out[language(tag, `${path}.${tag}`)] = plain(item, `${path}.${tag}`);
  return out;
};

const category = object({id: ID, basis: oneOf(BASES), title: words, description: words, exemption: words}, ['id', 'title']);
const cookie = object({name: COOKIE_NAME, duration: text(DURATION_PATTERN, SAY.duration), purpose: words, domain}, ['name', 'duration']);
const service = object(
  {
    id: ID,
    name: plain,
    provider: plain,
    category: CATEGORY_ID,
    policyUrl: link,
    description: words,
    cookies: list(cookie, 0, LIMITS.cookies),
    storage: list(text(COOKIE_NAME_PATTERN, SAY.storageKey), 0, LIMITS.cookies),
  },
  ['id', 'name', 'category']
);

/** The whole manifest's shape (README, “The cookie manifest”; field names are the contract). */
const manifestShape = object(
  {
    $schema: plain,
    $comment: plain,
    version: (value, path) => (value === 1 ? 1 : fail(path, SAY.notVersion(show(value)))),
    site: object({name: plain, policyUrl: link, languages: list(language, 1, LIMITS.languages)}, ['name', 'policyUrl', 'languages']),
    revision: integer(1, Number.MAX_SAFE_INTEGER),
    consentMaxAgeDays: integer(1, 395),
    refusalMaxAgeDays: integer(182, 395),
    cookie: object({name: COOKIE_NAME, domain}),
    categories: list(category, 1, LIMITS.categories),
    services: list(service, 0, LIMITS.services),
    log: object({url: plain}, ['url']),
    gpc: oneOf(['refuse', 'ignore']),
    consentMode: object(Object.fromEntries(CONSENT_MODE_TYPES.map((type) => [type, list(CATEGORY_ID, 1, LIMITS.categories)]))),
    dataLayerEvent: (value, path) => (typeof value === 'boolean' ? value : fail(path, SAY.notBoolean(show(value)))),
    words: wordFiles,
  },
  ['version', 'site', 'categories']
);

/**
 * Checks a cookie manifest (already parsed from JSON) and fills in its defaults. Never throws,
 * whatever it is given: the result carries either the manifest and its warnings, or the first
 * problem with its JSON path (`categories[2].basis: must be one of consent, necessary, exempt`).
 * The only warning is a `log.url` the banner will not send records to; the site owner's lints
 * are `lintManifest` (manifest-lint.ts). With `options.base`, the manifest's URL, every link must
 * resolve to http(s) against it (README, “The cookie manifest”); the links are given back as
 * written, so that the manifest (and its `manifestHash`) is the same wherever it is served.
 */
export function parseManifest(input: unknown, {base}: ParseOptions = {}): ParseResult {
  return checked(() => finish(manifestShape(input, ''), base));
}
