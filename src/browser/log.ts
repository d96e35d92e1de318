import type {ConsentRecord} from '../core/consent.js';
import type {Manifest} from '../core/manifest.types.js';

/*
 * Proof of consent kept by the site (README, “Proof of consent”): when the manifest gives `"log": {"url": …}`,
 * each decision's record is sent there as JSON with `navigator.sendBeacon`, which queues the
 * request and returns at once, and outlives the reload that follows a withdrawal. The page never
 * waits for the endpoint. When the browser refuses the beacon, the record waits in localStorage
 * and is sent once more on the next page view, then dropped: a failing endpoint never piles up.
 * What is sent is the record with its format version `v` (`RECORD_VERSION` of
 * src/core/record-contract.ts, written here as a number: the drop-in's log file imports nothing
 * more; a test holds the two together); a record kept from an earlier page view gets it as it
 * leaves.
 */

export interface ConsentLog {
  /** Sends a decision's record; when it cannot be queued, keeps it for the next page view. */
  send(record: ConsentRecord): void;
  /** Sends, once, the records kept by an earlier page view, and forgets them. */
  retry(): void;
}

export interface ConsentLogEnvironment {
  /** Where `sendBeacon` comes from; tests pass a stand-in. */
  navigator?: Pick<Navigator, 'sendBeacon'>;
  /** Where records wait for their retry; `null` when the page has no storage. */
  storage?: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> | null;
  /** The page's address, to tell its origin (and to resolve a relative `log.url` when there is no `base`). */
  pageUrl?: string;
  /** The manifest's URL, which a relative `log.url` resolves against, like its other links; default: `pageUrl`. */
  base?: string;
}

/** At most this many records wait for the next page view (a decision is rarely made twice). */
const MAX_PENDING = 10;

/** The localStorage key where unsent records wait: the consent cookie's name + `-log`. */
export const pendingKey = (manifest: Manifest) => `${manifest.cookie.name}-log`;

/**
 * The absolute address records go to (`url` resolved against `base`, the manifest's URL), or
 * `null` (with the reason) when it is neither https nor on the page's own origin: the record would
 * travel in clear, or to a host the manifest did not mean.
 */
export function logTarget(url: string, pageUrl: string, base = pageUrl): {url: string} | {reason: string} {
  let target: URL;
  try {
    target = new URL(url, base);
  } catch {
    return {reason: 'is not a URL'};
  }
  if (target.origin === new URL(pageUrl).origin || target.protocol === 'https:') return {url: target.href};
  return {reason: `is neither https nor on this page's origin (${new URL(pageUrl).origin})`};
}

/** The consent log of `manifest`, or `null` when it has no `log.url` or the URL is refused (with a console warning). */
export function consentLog(manifest: Manifest, env: ConsentLogEnvironment = {}): ConsentLog | null {
  if (!manifest.log) return null;
  const target = logTarget(manifest.log.url, env.pageUrl ?? location.href, env.base);
  if ('reason' in target) {
    console.warn(`consent-banner: log.url "${manifest.log.url}" ${target.reason}: no consent record will be sent`);
    return null;
  }
  const {url} = target;
  const nav = env.navigator ?? navigator;
  const key = pendingKey(manifest);
  const storage = (() => {
    if (env.storage !== undefined) return env.storage;
    try {
      return localStorage;
    } catch {
      return null; // storage disabled, or a sandboxed frame
    }
  })();

  const beacon = (record: ConsentRecord) => {
    try {
      return nav.sendBeacon(url, new Blob([JSON.stringify({v: 1, ...record})], {type: 'application/json'}));
    } catch {
      return false;
    }
  };
  const pending = (): ConsentRecord[] => {
    try {
      const list = JSON.parse(storage?.getItem(key) ?? '[]');
      return Array.isArray(list) ? list.filter((r) => typeof r === 'object' && r !== null) : [];
    } catch {
      return [];
    }
  };

  return {
    send(record) {
      if (beacon(record)) return;
      try {
        storage?.setItem(key, JSON.stringify([...pending(), record].slice(-MAX_PENDING)));
      } catch {
        // Storage full or refused: the record is lost, as it would be without storage.
      }
      console.warn(`consent-banner: could not send the consent record to ${url}; it will be sent again on the next page`);
    },
    retry() {
      const list = pending();
      if (!list.length) return;
      try {
        storage?.removeItem(key);
      } catch {
        // Nothing to do: the next retry sends the records again, which the endpoint may dedupe by id and timestamp.
      }
      const lost = list.filter((record) => !beacon(record)).length;
      if (lost) console.warn(`consent-banner: could not send ${lost} consent record(s) to ${url} again; they are dropped`);
    },
  };
}
