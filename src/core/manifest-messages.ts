/*
 * What the full check (manifest.ts) says of a manifest it refuses, one message a problem, in the
 * words a site owner reads in the console, `validate` and the studio. Apart from the check
 * itself, so that the drop-in's session can check without them: a first visit downloads the
 * check, not its messages, and the loader fetches them (the `check` module) only for a manifest
 * it refuses (rollup.config.js, `withoutMessages`). What is quoted of a value comes as `got`,
 * already shortened (manifest.ts, `show`).
 */
export const SAY = {
  cannotRead: (error: unknown) => `cannot be read (${error})`,
  logNotUsed: (got: string) => `must be an https URL or a same-origin path, got ${got}: no consent record will be sent`,
  notResolved: (base: string | undefined, got: string) => `must resolve to an http(s) URL against ${base}, got ${got}`,
  duplicateId: (id: string, first: string) => `duplicate id "${id}" (already used at ${first})`,
  duplicateLanguage: (tag: string) => `duplicate language "${tag}"`,
  exemptionRequired: () => 'is required when basis is exempt',
  unknownCategory: (ref: string) => `unknown category "${ref}"`,
  exemptTooLong: () => "an exempt category's cookies may last at most 13 months (P13M)",
  notObject: () => 'must be an object',
  required: () => 'is required',
  unknownField: () => 'is not a known field',
  notArray: () => 'must be an array',
  tooFew: (min: number) => `must have at least ${min} item`,
  tooMany: (max: number, count: number) => `must have at most ${max} items, got ${count}`,
  notText: () => 'must be a non-empty string',
  tooLong: (max: number, count: number) => `must be at most ${max} characters, got ${count}`,
  reserved: () => '"constructor" is reserved: choose another id',
  notMatching: (what: string, got: string) => `must be ${what}, got ${got}`,
  notInRange: (min: number, max: number, got: string) => `must be an integer from ${min} to ${max}, got ${got}`,
  notOneOf: (allowed: readonly string[]) => `must be one of ${allowed.join(', ')}`,
  overrides: () => 'must not hold Unicode direction overrides (U+202A to U+202E)',
  notWordFiles: () => 'must be an object: {"language": "link to its words file", …}',
  notWords: () => 'must be a text: a string, or {"language": "string", …}',
  noLanguage: () => 'must have at least one language',
  tooManyLanguages: (max: number) => `must have at most ${max} languages`,
  notVersion: (got: string) => `must be 1, got ${got}`,
  notBoolean: (got: string) => `must be true or false, got ${got}`,
  // What a value of a pattern must be (`notMatching`).
  id: () => 'lowercase a-z, 0-9 and -',
  categoryId: () => 'a category id',
  cookieName: () => 'a cookie name',
  languageTag: () => 'a language tag',
  link: () => 'an http(s) URL or a relative link',
  domain: () => 'a domain name',
  duration: () => 'an ISO 8601 duration or "session"',
  storageKey: () => 'a storage key name',
};
