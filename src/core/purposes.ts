import type {ConsentChoice, ConsentRecord} from './consent.js';
import {consentCategoryIds} from './decision.js';
import {canonicalJson, checksum} from './hash.js';
import type {Manifest} from './manifest.types.js';

/*
 * The purposes (consent categories) a record answered, each with its minute and its fingerprint:
 * which must be asked about again, and the record as it holds now (R21 to R24).
 */

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

/**
 * A purpose's fingerprint: FNV-1a 32 (base 36) of the canonical JSON of the consent category and
 * the services in it, with their cookies and texts. A new partner, a new cookie or a reworded
 * purpose changes it: the visitor is asked about that purpose again (R24).
 */
export function purposeFingerprint(manifest: Manifest, id: string): string {
  return checksum(canonicalJson([manifest.categories.find((c) => c.id === id), manifest.services.filter((s) => s.category === id)]));
}

/**
 * The record's `purposes` after a decision: those it names (by category or by one of its
 * services) are answered now; the others keep the answer they had, and a purpose never answered
 * stays to ask.
 */
export function answeredPurposes(
  manifest: Manifest,
  choice: ConsentChoice,
  previous: ConsentRecord | null,
  now: Date
): Record<string, string> {
  const purposes: Record<string, string> = {};
  const minute = Math.floor(now.getTime() / MINUTE_MS);
  for (const id of consentCategoryIds(manifest)) {
    const named = id in (choice.categories ?? {}) || manifest.services.some((s) => s.category === id && s.id in (choice.services ?? {}));
    const kept = previous && answerOf(previous, id);
    if (named) purposes[id] = `${minute}.${purposeFingerprint(manifest, id)}`;
    else if (kept) purposes[id] = `${kept.minute}.${kept.fingerprint ?? purposeFingerprint(manifest, id)}`;
  }
  return purposes;
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
  if (!record.purposes)
    for (const id of ids)
      if (!asked.has(id)) purposes[id] = `${Math.floor(Date.parse(record.timestamp) / MINUTE_MS)}.${purposeFingerprint(manifest, id)}`;
  return {...record, categories, services, purposes};
}
