import type {ConsentChoice, ConsentMethod, ConsentRecord, DecisionContext} from './consent.js';
import {LANGUAGE_TAG} from './consent.js';
import {consentCategoryIds} from './decision.js';
import {manifestHash} from './hash.js';
import type {Manifest} from './manifest.types.js';
import {answeredPurposes} from './purposes.js';

/*
 * A new consent record from what the visitor chose, and the choices "Accept all" and "Reject all"
 * make. Time and ids are passed in, so every record is deterministic under test.
 */

/** This package's version, recorded as `uiVersion` (a test keeps it equal to package.json's). */
export const UI_VERSION = '0.1.0';

/** A random UUID v4 from `crypto.getRandomValues` (which, unlike `randomUUID`, works on http pages too). */
export function makeConsentId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
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
  const {language = manifest.site.languages[0], makeId = makeConsentId} = typeof context === 'function' ? {makeId: context} : context;
  const categories: Record<string, boolean> = {};
  const services: Record<string, boolean> = {};
  for (const category of manifest.categories) {
    const members = manifest.services.filter((s) => s.category === category.id);
    for (const s of members) {
      services[s.id] =
        category.basis === 'necessary' ||
        (choice.services?.[s.id] ?? choice.categories?.[category.id] ?? previous?.services[s.id] ?? category.basis === 'exempt');
    }
    categories[category.id] =
      category.basis === 'necessary' ||
      (members.length
        ? members.every((s) => services[s.id])
        : (choice.categories?.[category.id] ?? previous?.categories[category.id] ?? category.basis === 'exempt'));
  }
  const purposes = answeredPurposes(manifest, choice, previous, now);
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
