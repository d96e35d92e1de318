import Cookies from 'js-cookie';
import type {ConsentRecord} from '../core/consent.js';
import {decodeRecord, encodeRecord} from '../core/record-codec.js';
import type {Manifest} from '../core/manifest.types.js';
import {cookieReader, valuesOf} from './cookie.js';

/*
 * Where the record lives: one first-party cookie written through js-cookie (README, “Proof of consent”):
 * SameSite=Lax, Secure on https, Path=/, expiring when the longest answer it holds does
 * (`consentMaxAgeDays` for a yes, `refusalMaxAgeDays` for a no) after the decision.
 */

export interface ConsentStore {
  /** The stored record, or `null` when there is none or it is not one of ours. */
  read(): ConsentRecord | null;
  write(record: ConsentRecord): void;
  clear(): void;
}

const DAY_MS = 86_400_000;

/** Where a record is written: a `ConsentStore` without `read` (the recorder only writes). */
export type ConsentWriter = Omit<ConsentStore, 'read'>;

/**
 * The consent cookie of `manifest` (`consent` unless `cookie.name` says otherwise). A value that
 * is not ours counts as no choice; where the browser refuses the cookie (cookies blocked, or a
 * record over 4 KB), the choice holds for the page view and the console says why.
 */
export function cookieStore(manifest: Manifest, secure?: boolean): ConsentStore {
  return {...cookieReader(manifest), ...cookieWriter(manifest, secure)};
}

/** The consent cookie of `manifest`, written (and cleared) through js-cookie, as `cookieStore` writes it. */
export function cookieWriter(manifest: Manifest, secure = location.protocol === 'https:'): ConsentWriter {
  const {name, domain} = manifest.cookie;
  const scope = domain ? {path: '/', domain} : {path: '/'};
  const notKept = (why: string) =>
    console.warn(`consent-banner: the browser did not keep the consent cookie "${name}" (${why}): the choice holds for this page only`);
  return {
    write: (record) => {
      const value = encodeRecord(record);
      // As long as its answers may last: a yes consentMaxAgeDays, a no refusalMaxAgeDays (395 days at most, R23).
      const refuses = manifest.categories.some((c) => c.basis === 'consent' && record.categories[c.id] === false);
      const days = refuses ? Math.max(manifest.consentMaxAgeDays, manifest.refusalMaxAgeDays) : manifest.consentMaxAgeDays;
      const expires = new Date(Date.parse(record.timestamp) + days * DAY_MS);
      try {
        const written = Cookies.set(name, value, {...scope, expires, sameSite: 'Lax', secure}) ?? '';
        const size = written.split(';')[0].length;
        if (expires.getTime() > Date.now() && !valuesOf(name).includes(value)) {
          notKept(size > 4096 ? `${size} bytes is over the 4 KB a cookie may hold` : 'cookies are blocked');
        }
      } catch (error) {
        notKept((error as Error).message);
      }
    },
    clear: () => {
      try {
        Cookies.remove(name, scope);
      } catch {
        // Nothing was stored where cookies cannot be written.
      }
    },
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
