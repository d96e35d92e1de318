import {consentCategoryIds} from './decision.js';
import {ID_PATTERN} from './manifest.js';
import type {Manifest} from './manifest.types.js';

/*
 * The consent record: what the visitor decided, as pure data and pure transitions. Time and
 * ids are passed in, so every transition is deterministic under test.
 */

/** How a decision was made; kept in the record as proof (RULES.md R32). */
export type ConsentMethod =
  | 'accept-all'
  | 'reject-all'
  | 'custom'
  | 'close'
  | 'placeholder'
  | 'opt-out'
  | 'api';

export interface ConsentRecord {
  /** Random consent id (UUID v4, 122 random bits), kept across the visitor's later decisions. */
  id: string;
  /** When this decision was made, ISO 8601 UTC. */
  timestamp: string;
  /** The manifest `revision` the visitor answered. */
  revision: number;
  method: ConsentMethod;
  /** Every category of the manifest: may it run? */
  categories: Record<string, boolean>;
  /** Every service of the manifest: may it run? */
  services: Record<string, boolean>;
}

/** What a visitor (or a program) chose; anything left out keeps its previous value, else off. */
export interface ConsentChoice {
  categories?: Record<string, boolean>;
  services?: Record<string, boolean>;
}

const METHODS: readonly ConsentMethod[] = ['accept-all', 'reject-all', 'custom', 'close', 'placeholder', 'opt-out', 'api'];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const FORMAT = 1;
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
 * A new record from a choice. Necessary services are always on; exempt services are on unless
 * the visitor opted out; a consent service is on only when the choice (or the previous record)
 * says so, through its own id or its category's. A category is on when all its services are.
 */
export function decide(
  manifest: Manifest,
  choice: ConsentChoice,
  method: ConsentMethod,
  previous: ConsentRecord | null,
  now: Date,
  makeId: () => string = makeConsentId
): ConsentRecord {
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
  return {
    id: previous?.id ?? makeId(),
    timestamp: now.toISOString(),
    revision: manifest.revision,
    method,
    categories,
    services,
  };
}

/** Every consent category on. */
export const acceptAllChoice = (manifest: Manifest): ConsentChoice => ({
  categories: Object.fromEntries(consentCategoryIds(manifest).map((id) => [id, true])),
});

/** Every consent category off (exempt opt-outs are kept as they were). */
export const rejectAllChoice = (manifest: Manifest): ConsentChoice => ({
  categories: Object.fromEntries(
    manifest.categories.filter((c) => c.basis === 'consent').map((c) => [c.id, false])
  ),
  services: Object.fromEntries(
    manifest.services
      .filter((s) => manifest.categories.find((c) => c.id === s.category)?.basis === 'consent')
      .map((s) => [s.id, false])
  ),
});

/**
 * Is this stored record still the visitor's answer? Only if it answers this `revision` and is
 * younger than `consentMaxAgeDays` by its own timestamp (not only by cookie expiry, R23).
 */
export function isCurrent(record: ConsentRecord, manifest: Manifest, now: Date): boolean {
  const age = now.getTime() - Date.parse(record.timestamp);
  return record.revision === manifest.revision && age >= -DAY_MS && age <= manifest.consentMaxAgeDays * DAY_MS;
}

/** The services a new record turns off that the previous one had on (their cookies must go). */
export function withdrawnServices(previous: ConsentRecord | null, next: ConsentRecord | null): string[] {
  if (!previous) return [];
  return Object.keys(previous.services).filter((id) => previous.services[id] && !next?.services[id]);
}

/** FNV-1a, 32 bits: catches a hand-edited value, not an attacker (who could recompute it). */
function checksum(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  }
  return (hash >>> 0).toString(36);
}

const body = (r: ConsentRecord) =>
  JSON.stringify({
    v: FORMAT,
    id: r.id,
    timestamp: r.timestamp,
    revision: r.revision,
    method: r.method,
    categories: r.categories,
    services: r.services,
  });

/** The record as the stored string: JSON with a format version and a checksum over the choices. */
export function encodeRecord(record: ConsentRecord): string {
  const json = body(record);
  return `${json.slice(0, -1)},"check":"${checksum(json)}"}`;
}

function choices(value: unknown): Record<string, boolean> | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const out: Record<string, boolean> = {};
  for (const [id, on] of Object.entries(value)) {
    if (!ID_PATTERN.test(id) || typeof on !== 'boolean') return null;
    out[id] = on;
  }
  return out;
}

/**
 * The record in a stored string, or `null` when the string is not one of ours: unreadable,
 * another format, a field missing or of the wrong kind, or a checksum that does not match.
 */
export function decodeRecord(value: string | undefined | null): ConsentRecord | null {
  if (!value || value.length > 4096) return null;
  let json: Record<string, unknown>;
  try {
    json = JSON.parse(value);
  } catch {
    return null;
  }
  if (typeof json !== 'object' || json === null || json.v !== FORMAT) return null;
  const categories = choices(json.categories);
  const services = choices(json.services);
  if (
    typeof json.id !== 'string' ||
    !UUID.test(json.id) ||
    typeof json.timestamp !== 'string' ||
    !ISO_UTC.test(json.timestamp) ||
    Number.isNaN(Date.parse(json.timestamp)) ||
    !Number.isSafeInteger(json.revision) ||
    (json.revision as number) < 1 ||
    !METHODS.includes(json.method as ConsentMethod) ||
    !categories ||
    !services
  ) {
    return null;
  }
  const record: ConsentRecord = {
    id: json.id,
    timestamp: json.timestamp,
    revision: json.revision as number,
    method: json.method as ConsentMethod,
    categories,
    services,
  };
  return json.check === checksum(body(record)) ? record : null;
}
