import type {Basis} from '../../src/core/manifest.types.js';
import type {KnownName} from './names.js';

/*
 * What `scan` reports of a page, finding by finding: its cookies, storage keys, third-party
 * requests and `<noscript>` URLs, each with its status and, when the manifest declares it, its
 * owner (match.ts makes them; leaks.ts judges them; refusal.ts reuses them after "Reject all").
 */

export type Status = 'ok' | 'leak' | 'undeclared';

export interface Owner {
  service: string;
  name: string;
  category: string;
  basis: Basis;
}

export interface CookieFinding {
  name: string;
  domain: string;
  path: string;
  firstParty: boolean;
  /** Seconds from the scan to expiry; `null` for a session cookie. */
  expiresIn: number | null;
  status: Status;
  owner?: Owner;
  /** What the catalogue or trackerdb calls it. */
  known?: KnownName;
  /** The script that wrote it, when a script did. */
  script?: string;
  /** For a LEAK: what to change on the page. */
  fix?: string;
}

export interface StorageFinding {
  area: 'localStorage' | 'sessionStorage' | 'indexedDB';
  origin: string;
  key: string;
  status: Status;
  owner?: Owner;
  known?: KnownName;
  /** The script that wrote it, when recorded. */
  script?: string;
  /** For a LEAK: what to change on the page. */
  fix?: string;
}

export interface RequestFinding {
  url: string;
  host: string;
  type: string;
  status: 'ok' | 'leak' | 'unmatched';
  owners: Owner[];
  known?: KnownName;
  /** What made it: the page's HTML (`parser`), or a script (its URL, and its line in the page for an inline one). */
  initiator?: Initiator;
  /** For a LEAK: what to change on the page. */
  fix?: string;
}

export interface Initiator {
  type: string;
  url?: string;
  line?: number;
}

/** A URL that a `<noscript>` of the served HTML loads with JavaScript off. */
export interface NoscriptFinding {
  /** The `<noscript>`'s line in the served HTML. */
  line: number;
  element: string;
  url: string;
  status: 'ok' | 'leak' | 'unmatched';
  owner?: Owner;
  known?: KnownName;
  /** For a LEAK: remove the `<noscript>`. */
  fix?: string;
}

/** A declared cookie or key the scan never saw (declarations.ts). */
export interface NeverSeen {
  name: string;
  service: string;
  category: string;
  basis: Basis;
  when: 'without-consent' | 'after-consent';
}

export const statusOf = (o: Owner | undefined): Status => (!o ? 'undeclared' : o.basis === 'consent' ? 'leak' : 'ok');
