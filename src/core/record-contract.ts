import {HASH, ISO_UTC, LANGUAGE_TAG, METHODS, PURPOSE, RECORD_FIELDS, UUID, VERSION} from './consent.js';
import type {ConsentRecord} from './consent.js';
import {ID_PATTERN, LIMITS} from './manifest-rules.js';
import type {ManifestIssue} from './manifest.types.js';

/*
 * The record a decision sends to the site's log (`log.url`, README “Proof of consent”): the
 * consent record with its format version `v`. `schema/consent-record.schema.json` describes it
 * rule for rule (test/node/record-schema.test.mjs holds the two together); `parseRecord` is the
 * one check of it, for the receiver (`consent-banner/records`), the banner's tests and anyone
 * who stores records. Pure: no page, no clock.
 */

/** The format of the records sent to the log. A receiver refuses another one: upgrade it first. */
export const RECORD_VERSION = 1;

/** What the banner sends to `log.url`: the record of a decision, with its format version. */
export interface SentRecord extends ConsentRecord {
  v: typeof RECORD_VERSION;
}

/** An issue of a record: where it is (a JSON path: `services.youtube`, `timestamp`) and what is wrong. */
export type RecordIssue = ManifestIssue;

/** The outcome of `parseRecord`: the record, or what is wrong with it (at most `MAX_ISSUES`). */
export type RecordCheck = {ok: true; record: SentRecord} | {ok: false; errors: RecordIssue[]};

/** A hostile record (10,000 wrong keys) gets this many issues, not one per key. */
const MAX_ISSUES = 20;

/** The fields, in the order the banner writes them: the format version, then the record's (consent.ts). */
const FIELDS = ['v', ...RECORD_FIELDS] as const;
const REQUIRED = FIELDS.filter((field) => field !== 'purposes');

/** The body the banner sends for `record`. */
export const recordPayload = (record: ConsentRecord): SentRecord => ({v: RECORD_VERSION, ...record});

/** A value as a message quotes it: never a whole list or object. */
const show = (value: unknown) => {
  const text =
    typeof value === 'object' && value !== null
      ? Array.isArray(value)
        ? 'a list'
        : 'an object'
      : (JSON.stringify(value) ?? String(value));
  return text.length > 40 ? text.slice(0, 37) + '…' : text;
};

/** `services` + `google-analytics` → `services.google-analytics` (ids are `a-z0-9-`: no quoting needed). */
const at = (path: string, key: string) => `${path}.${key}`;

/**
 * Checks a record sent to the log: JSON text (as the receiver gets it) or a parsed value. Never
 * throws. Every field is required but `purposes`; none other is allowed; each is checked as the
 * consent cookie's reader checks it (`decodeRecord`), ids as the manifest's, within the manifest's
 * limits (50 categories, 1,000 services). A purpose must be one of the record's categories.
 */
export function parseRecord(input: unknown): RecordCheck {
  const errors: RecordIssue[] = [];
  const fail = (path: string, message: string) => {
    if (errors.length < MAX_ISSUES) errors.push({path, message});
  };
  let value = input;
  if (typeof input === 'string') {
    try {
      value = JSON.parse(input);
    } catch (error) {
      return {ok: false, errors: [{path: 'record', message: `is not JSON (${(error as Error).message})`}]};
    }
  }
  try {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      return {ok: false, errors: [{path: 'record', message: `must be an object, got ${show(value)}`}]};
    }
    const json = value as Record<string, unknown>;
    for (const key of Object.keys(json)) if (!(FIELDS as readonly string[]).includes(key)) fail(key, 'is not a known field');
    for (const key of REQUIRED) if (!(key in json)) fail(key, 'is required');
    const text = (key: string, pattern: RegExp, what: string) =>
      key in json &&
      !(typeof json[key] === 'string' && pattern.test(json[key] as string)) &&
      fail(key, `must be ${what}, got ${show(json[key])}`);
    if ('v' in json && json.v !== RECORD_VERSION) fail('v', `must be ${RECORD_VERSION}, got ${show(json.v)}`);
    text('id', UUID, 'a random UUID (version 4, lowercase)');
    text('timestamp', ISO_UTC, 'a UTC time as toISOString writes it (2026-11-23T10:00:00.000Z)');
    // As toISOString wrote it: 2026-02-31 reads as a day of March, and is refused.
    const time = typeof json.timestamp === 'string' && ISO_UTC.test(json.timestamp) ? Date.parse(json.timestamp) : undefined;
    if (time !== undefined && (Number.isNaN(time) || new Date(time).toISOString() !== json.timestamp)) {
      fail('timestamp', `is no date, got ${show(json.timestamp)}`);
    }
    if ('revision' in json && !(Number.isSafeInteger(json.revision) && (json.revision as number) > 0)) {
      fail('revision', `must be an integer from 1 to ${Number.MAX_SAFE_INTEGER}, got ${show(json.revision)}`);
    }
    text('manifestHash', HASH, '16 lowercase hex digits');
    if ('method' in json && !METHODS.includes(json.method as never))
      fail('method', `must be one of ${METHODS.join(', ')}, got ${show(json.method)}`);
    text('language', LANGUAGE_TAG, 'a language tag (fr, pt-BR) or und');
    text('uiVersion', VERSION, 'a version (0.1.0)');
    const map = (key: string, limit: number, valid: (entry: unknown) => boolean, what: string) => {
      if (!(key in json)) return;
      const entries = json[key];
      if (typeof entries !== 'object' || entries === null || Array.isArray(entries))
        return fail(key, `must be an object, got ${show(entries)}`);
      const keys = Object.keys(entries);
      if (keys.length > limit) return fail(key, `must have at most ${limit} entries, got ${keys.length}`);
      for (const id of keys) {
        if (!ID_PATTERN.test(id)) fail(at(key, id.slice(0, 64)), 'must be an id: a-z, 0-9 and -, at most 64 characters');
        else if (!valid((entries as Record<string, unknown>)[id]))
          fail(at(key, id), `must be ${what}, got ${show((entries as Record<string, unknown>)[id])}`);
      }
    };
    map('categories', LIMITS.categories, (on) => typeof on === 'boolean', 'true or false');
    map('services', LIMITS.services, (on) => typeof on === 'boolean', 'true or false');
    map(
      'purposes',
      LIMITS.categories,
      (entry) => typeof entry === 'string' && PURPOSE.test(entry),
      'when it was answered and its fingerprint (29904600.1k3x9qz)'
    );
    const {categories, purposes} = json as {categories?: unknown; purposes?: unknown};
    if (!errors.length && purposes && categories) {
      for (const id of Object.keys(purposes))
        if (!Object.hasOwn(categories, id)) fail(at('purposes', id), 'must be one of the record’s categories');
    }
    if (errors.length) return {ok: false, errors};
    // The fields in the banner's order, and nothing else (no prototype: JSON.parse made plain objects).
    const record = Object.fromEntries(FIELDS.filter((key) => key in json).map((key) => [key, json[key]]));
    return {ok: true, record: record as unknown as SentRecord};
  } catch (error) {
    // A getter that throws, a proxy: refused all the same.
    return {ok: false, errors: [{path: 'record', message: `cannot be read (${error})`}]};
  }
}
