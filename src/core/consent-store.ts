import Cookies from 'js-cookie';
import {decodeRecord, encodeRecord} from './consent.js';
import type {ConsentRecord} from './consent.js';
import type {Manifest} from './manifest.types.js';

/*
 * Where the record lives: one first-party cookie written through js-cookie (CONTRACT §6):
 * SameSite=Lax, Secure on https, Path=/, expiring consentMaxAgeDays after the decision.
 */

export interface ConsentStore {
  /** The stored record, or `null` when there is none or it is not one of ours. */
  read(): ConsentRecord | null;
  write(record: ConsentRecord): void;
  clear(): void;
}

const DAY_MS = 86_400_000;

/** The consent cookie of `manifest` (`consent` unless `cookie.name` says otherwise). */
export function cookieStore(manifest: Manifest, secure = location.protocol === 'https:'): ConsentStore {
  const {name, domain} = manifest.cookie;
  const scope = domain ? {path: '/', domain} : {path: '/'};
  return {
    read: () => {
      try {
        return decodeRecord(Cookies.get(name));
      } catch {
        return null;
      }
    },
    write: (record) => {
      const expires = new Date(Date.parse(record.timestamp) + manifest.consentMaxAgeDays * DAY_MS);
      Cookies.set(name, encodeRecord(record), {...scope, expires, sameSite: 'Lax', secure});
    },
    clear: () => Cookies.remove(name, scope),
  };
}

/** A store that keeps the record in memory only: for tests and for pages that must not write. */
export function memoryStore(initial: ConsentRecord | null = null): ConsentStore {
  let value = initial ? encodeRecord(initial) : undefined;
  return {
    read: () => decodeRecord(value),
    write: (record) => {
      value = encodeRecord(record);
    },
    clear: () => {
      value = undefined;
    },
  };
}
