import {consentCategoryIds} from './decision.js';
import {ID_PATTERN} from './manifest-rules.js';
import type {Manifest} from './manifest.types.js';

/*
 * The consent record: what the visitor decided, as pure data and pure transitions. Time and
 * ids are passed in, so every transition is deterministic under test.
 */

/**
 * How a decision was made; kept in the record as proof of consent (README, “Proof of consent”). `close`: the first layer
 * closed (× or Escape), a refusal (R11). `gpc`, `adpc`: a refusal recorded for the browser's
 * privacy signal (Global Privacy Control, or ADPC's withdrawal), without asking (R35).
 */
export type ConsentMethod =
  | 'accept-all'
  | 'reject-all'
  | 'custom'
  | 'close'
  | 'placeholder'
  | 'opt-out'
  | 'gpc'
  | 'adpc'
  | 'api';

export interface ConsentRecord {
  /** Random consent id (UUID v4, 122 random bits), kept across the visitor's later decisions. */
  id: string;
  /** When this decision was made, ISO 8601 UTC. */
  timestamp: string;
  /** The manifest `revision` the visitor answered. */
  revision: number;
  /** `manifestHash` of the manifest the visitor answered: which texts and lists were shown. */
  manifestHash: string;
  method: ConsentMethod;
  /** The language the banner spoke (BCP 47), `und` when unknown. */
  language: string;
  /** The version of this component that asked: proof of what the visitor saw. */
  uiVersion: string;
  /** Every category of the manifest: may it run? */
  categories: Record<string, boolean>;
  /** Every service of the manifest: may it run? */
  services: Record<string, boolean>;
  /**
   * Each purpose (consent category) the visitor answered: `"<minute>.<fingerprint>"`, the time
   * of the answer (minutes since 1970-01-01 UTC) and the fingerprint of the purpose as it was then
   * (`purposeFingerprint`). It tells which purposes are new, changed or expired since. Absent in
   * records stored before it existed (format 2).
   */
  purposes?: Record<string, string>;
}

/** What a visitor (or a program) chose; anything left out keeps its previous value, else off. */
export interface ConsentChoice {
  categories?: Record<string, boolean>;
  services?: Record<string, boolean>;
}

/** Where and how the decision was asked; all optional. */
export interface DecisionContext {
  /** The language the banner spoke; else the manifest's first language. */
  language?: string;
  makeId?: () => string;
}

/** This package's version, recorded as `uiVersion` (a test keeps it equal to package.json's). */
export const UI_VERSION = '0.1.0';

export const METHODS: readonly ConsentMethod[] = ['accept-all', 'reject-all', 'custom', 'close', 'placeholder', 'opt-out', 'gpc', 'adpc', 'api'];
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
export const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
export const HASH = /^[0-9a-f]{16}$/;
/** The shape of a BCP 47 tag (`fr`, `en-GB`, `zh-Hant-TW`), not its registry. */
export const LANGUAGE_TAG = /^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8}){0,4}$/;
export const VERSION = /^[0-9A-Za-z.+-]{1,32}$/;
/**
 * The stored format. 2 added manifestHash, language and uiVersion: a format-1 value (from
 * 0.1.0 before the proof record) reads as no choice, so its visitor is asked once again. 3 added
 * `purposes`; a format-2 value still reads, as one answer to every purpose on its day.
 */
const FORMAT = 3;
export const PURPOSE = /^\d{1,9}\.[0-9a-z]{1,7}$/;
const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

/** A random UUID v4 from `crypto.getRandomValues` (which, unlike `randomUUID`, works on http pages too). */
export function makeConsentId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * The manifest as canonical JSON: object keys sorted (by UTF-16 code units), no white space,
 * `undefined` fields left out. For the values a manifest holds (strings, integers, booleans,
 * arrays, objects) this is the JSON Canonicalization Scheme (RFC 8785).
 */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const json = value as Record<string, unknown>;
    const keys = Object.keys(json).filter((k) => json[k] !== undefined).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(json[k])}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

const hashes = new WeakMap<Manifest, string>();

/**
 * Which manifest the visitor answered: FNV-1a 64 over the UTF-8 bytes of its canonical JSON
 * (as checked, defaults filled in, `$schema` and `$comment` left out), 16 hex digits. A short,
 * standard hash anyone can recompute in a few lines from an archived manifest; it tells the
 * site's own manifest versions apart (no accidental collision in practice), it is not a
 * cryptographic seal: the site owner writes both the manifest and the log. SHA-256 would need
 * `crypto.subtle`, which is asynchronous and missing on plain-http pages.
 */
export function manifestHash(manifest: Manifest): string {
  let hash = hashes.get(manifest);
  if (hash === undefined) hashes.set(manifest, (hash = fnv1a64(canonicalJson(manifest))));
  return hash;
}

/**
 * FNV-1a, 64 bits, over the UTF-8 bytes of `text`: 16 hex digits. The 64-bit product by the
 * prime 2^40 + 435 is done on four 16-bit limbs: BigInt would allocate at every byte.
 */
export function fnv1a64(text: string): string {
  let h0 = 0x2325;
  let h1 = 0x8422;
  let h2 = 0x9ce4;
  let h3 = 0xcbf2;
  for (const byte of new TextEncoder().encode(text)) {
    h0 ^= byte;
    const t0 = h0 * 435;
    const t1 = h1 * 435 + (t0 >>> 16);
    const t2 = h2 * 435 + (h0 << 8) + (t1 >>> 16);
    h3 = (h3 * 435 + (h1 << 8) + (t2 >>> 16)) & 0xffff;
    h2 = t2 & 0xffff;
    h1 = t1 & 0xffff;
    h0 = t0 & 0xffff;
  }
  return [h3, h2, h1, h0].map((h) => h.toString(16).padStart(4, '0')).join('');
}

/**
 * A new record from a choice (`context`: the language shown, and the id maker; a bare function
 * is the id maker). Necessary services are always on; exempt services are on unless
 * the visitor opted out; a consent service is on only when the choice (or the previous record)
 * says so, through its own id or its category's. A category is on when all its services are.
 */
export function makeRecord(
  manifest: Manifest,
  choice: ConsentChoice,
  method: ConsentMethod,
  previous: ConsentRecord | null,
  now: Date,
  context: DecisionContext | (() => string) = {}
): ConsentRecord {
  const {language = manifest.site.languages[0], makeId = makeConsentId} =
    typeof context === 'function' ? {makeId: context} : context;
  const categories: Record<string, boolean> = {};
  const services: Record<string, boolean> = {};
  for (const category of manifest.categories) {
    const members = manifest.services.filter((s) => s.category === category.id);
    for (const s of members) {
      services[s.id] =
        category.basis === 'necessary' ||
        (choice.services?.[s.id] ??
          choice.categories?.[category.id] ??
          previous?.services[s.id] ??
          category.basis === 'exempt');
    }
    categories[category.id] =
      category.basis === 'necessary' ||
      (members.length
        ? members.every((s) => services[s.id])
        : (choice.categories?.[category.id] ?? previous?.categories[category.id] ?? category.basis === 'exempt'));
  }
  // The purposes this decision answers: those it names (by category or by one of its services);
  // the others keep the answer they had, and a purpose never answered stays to ask.
  const purposes: Record<string, string> = {};
  const minute = Math.floor(now.getTime() / MINUTE_MS);
  for (const id of consentCategoryIds(manifest)) {
    const named = id in (choice.categories ?? {}) || manifest.services.some((s) => s.category === id && s.id in (choice.services ?? {}));
    const kept = previous && answerOf(previous, id);
    if (named) purposes[id] = `${minute}.${purposeFingerprint(manifest, id)}`;
    else if (kept) purposes[id] = `${kept.minute}.${kept.fingerprint ?? purposeFingerprint(manifest, id)}`;
  }
  return {
    id: previous?.id ?? makeId(),
    timestamp: now.toISOString(),
    revision: manifest.revision,
    manifestHash: manifestHash(manifest),
    method,
    language: LANGUAGE_TAG.test(language) ? language : 'und',
    uiVersion: UI_VERSION,
    categories,
    services,
    purposes,
  };
}

/** Every consent category on; or, given `ids`, those purposes only (a banner asking again about some). */
export const acceptAllChoice = (manifest: Manifest, ids = consentCategoryIds(manifest)): ConsentChoice => ({
  categories: Object.fromEntries(ids.map((id) => [id, true])),
});

/** Every consent category off, or those of `ids` only (exempt opt-outs are kept as they were). */
export const rejectAllChoice = (manifest: Manifest, ids?: string[]): ConsentChoice => {
  const refused = manifest.categories.filter((c) => c.basis === 'consent' && (!ids || ids.includes(c.id))).map((c) => c.id);
  return {
    categories: Object.fromEntries(refused.map((id) => [id, false])),
    services: Object.fromEntries(manifest.services.filter((s) => refused.includes(s.category)).map((s) => [s.id, false])),
  };
};

/**
 * A purpose's fingerprint: FNV-1a 32 (base 36) of the canonical JSON of the consent category and
 * the services in it, with their cookies and texts. A new partner, a new cookie or a reworded
 * purpose changes it: the visitor is asked about that purpose again (R24).
 */
export function purposeFingerprint(manifest: Manifest, id: string): string {
  return checksum(canonicalJson([manifest.categories.find((c) => c.id === id), manifest.services.filter((s) => s.category === id)]));
}

/** When the visitor answered purpose `id`, and its fingerprint then (unknown in a format-2 record), or null. */
function answerOf(record: ConsentRecord, id: string): {minute: number; fingerprint?: string} | null {
  if (!record.purposes) return {minute: Math.floor(Date.parse(record.timestamp) / MINUTE_MS)};
  const entry = record.purposes[id];
  if (!entry) return null;
  const dot = entry.indexOf('.');
  return {minute: Number(entry.slice(0, dot)), fingerprint: entry.slice(dot + 1)};
}

/** Why a purpose is asked about: never answered (`new`), `changed` since its answer, or its answer `expired`. */
export type PurposeChange = 'new' | 'changed' | 'expired';

/**
 * The purposes (consent categories that hold a service) the visitor must be asked about now,
 * each with its reason: every one when there is no record. An answer holds until it expires (an
 * acceptance after `consentMaxAgeDays`, a refusal after `refusalMaxAgeDays`, R21 to R23) or its
 * purpose changes (R24); a record of another `revision` keeps the answers whose purposes did not
 * change. A format-2 record (no `purposes`) answered every purpose of its revision on its day.
 */
export function purposesToAsk(record: ConsentRecord | null, manifest: Manifest, now: Date): Map<string, PurposeChange> {
  const asked = new Map<string, PurposeChange>();
  const minute = now.getTime() / MINUTE_MS;
  for (const id of consentCategoryIds(manifest)) {
    const answer = record && answerOf(record, id);
    if (!answer) {
      asked.set(id, 'new');
      continue;
    }
    const same = answer.fingerprint ? answer.fingerprint === purposeFingerprint(manifest, id) : record!.revision === manifest.revision;
    const yes = manifest.services.some((s) => s.category === id && record!.services[s.id] === true);
    const days = (minute - answer.minute) / 1440;
    if (!same) asked.set(id, 'changed');
    else if (days < -1 || days > (yes ? manifest.consentMaxAgeDays : manifest.refusalMaxAgeDays)) asked.set(id, 'expired');
  }
  return asked;
}

/**
 * The record as it holds now: `null` when no answer it gives still holds (none, a timestamp in
 * the future, or every purpose to ask again); else the record without the answers that no longer
 * hold (`asked`, from `purposesToAsk`): those purposes are refused, with no answer, until the
 * visitor gives one (R24). Exempt opt-outs are kept.
 */
export function currentRecord(
  record: ConsentRecord | null,
  manifest: Manifest,
  now: Date,
  asked = purposesToAsk(record, manifest, now)
): ConsentRecord | null {
  const ids = consentCategoryIds(manifest);
  if (!record || Date.parse(record.timestamp) - now.getTime() > DAY_MS || (ids.length && ids.every((id) => asked.has(id)))) return null;
  if (!asked.size && record.purposes) return record;
  const categories = {...record.categories};
  const services = {...record.services};
  const purposes = {...record.purposes};
  for (const id of asked.keys()) {
    categories[id] = false;
    delete purposes[id];
    for (const s of manifest.services) if (s.category === id) services[s.id] = false;
  }
  // A format-2 record answered every purpose on its day: what still holds of it is said per purpose.
  if (!record.purposes) for (const id of ids) if (!asked.has(id)) purposes[id] = `${Math.floor(Date.parse(record.timestamp) / MINUTE_MS)}.${purposeFingerprint(manifest, id)}`;
  return {...record, categories, services, purposes};
}

/** FNV-1a, 32 bits: catches a hand-edited value, not an attacker (who could recompute it). */
function checksum(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  }
  return (hash >>> 0).toString(36);
}

/**
 * The fields of a stored record, in the order of the stored string: JSON, after a format
 * version `v` and before the checksum `check`.
 */
const KEYS = ['id', 'timestamp', 'revision', 'manifestHash', 'method', 'language', 'uiVersion', 'categories', 'services', 'purposes'] as const;

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
  return typeof value === 'object' && !!value && !Array.isArray(value) && Object.entries(value).every(([id, entry]) => ID_PATTERN.test(id) && valid(entry));
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
