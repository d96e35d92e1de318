import {HASH, ISO_UTC, LANGUAGE_TAG, METHODS, PURPOSE, RECORD_FIELDS, UUID, VERSION} from './consent.js';
import type {ConsentRecord} from './consent.js';
import {checksum} from './hash.js';
import {ID_PATTERN} from './manifest-rules.js';

/*
 * The consent record as it is stored: JSON with a format version and a checksum; a string that
 * is not one of ours reads as no record.
 */

/**
 * The stored format. 2 added manifestHash, language and uiVersion: a format-1 value (from
 * 0.1.0 before the proof record) reads as no choice, so its visitor is asked once again. 3 added
 * `purposes`; a format-2 value still reads, as one answer to every purpose on its day.
 */
const FORMAT = 3;

/** The fields of a stored record, in the order of the stored string (consent.ts). */
const KEYS = RECORD_FIELDS;

const text = (value: unknown, pattern: RegExp) => typeof value === 'string' && pattern.test(value);
/** What each stored field must be, for the record to be one of ours. */
const VALID: Record<(typeof KEYS)[number], (value: any) => boolean> = {
  id: (id) => text(id, UUID),
  timestamp: (time) => text(time, ISO_UTC) && !Number.isNaN(Date.parse(time)),
  revision: (revision) => Number.isSafeInteger(revision) && revision > 0,
  manifestHash: (hash) => text(hash, HASH),
  method: (method) => METHODS.includes(method),
  language: (tag) => text(tag, LANGUAGE_TAG),
  uiVersion: (version) => text(version, VERSION),
  categories: choices,
  services: choices,
  purposes: (purposes) => purposes === undefined || entries(purposes, (entry) => text(entry, PURPOSE)),
};

/** Whether a stored value is a per-id object whose every value passes `valid`. */
function entries(value: unknown, valid: (entry: unknown) => boolean) {
  return (
    typeof value === 'object' &&
    !!value &&
    !Array.isArray(value) &&
    Object.entries(value).every(([id, entry]) => ID_PATTERN.test(id) && valid(entry))
  );
}

/** Whether a stored value is per-id choices: `{"performance": true, …}`. */
function choices(value: unknown) {
  return entries(value, (on) => typeof on === 'boolean');
}

const body = (r: ConsentRecord, v = FORMAT) => JSON.stringify({v, ...Object.fromEntries(KEYS.map((key) => [key, r[key]]))});

/** The record as the stored string: JSON with a format version and a checksum over the choices. */
export function encodeRecord(record: ConsentRecord): string {
  const json = body(record);
  return `${json.slice(0, -1)},"check":"${checksum(json)}"}`;
}

/**
 * The record in a stored string, or `null` when the string is not one of ours: unreadable,
 * another format, a field missing or of the wrong kind, or a checksum that does not match.
 */
export function decodeRecord(value: string | undefined | null): ConsentRecord | null {
  try {
    const json = JSON.parse(value!);
    // Format 2 is format 3 without `purposes`, checked over the fields it had.
    if (value!.length > 4096 || (json?.v !== FORMAT && (json?.v !== 2 || 'purposes' in json))) return null;
    const record = Object.fromEntries(KEYS.flatMap((key) => (key in json ? [[key, json[key]]] : []))) as unknown as ConsentRecord;
    return KEYS.every((key) => VALID[key](json[key])) && json.check === checksum(body(record, json.v)) ? record : null;
  } catch {
    return null;
  }
}
