import catalogue from '../../catalogue/services.json';
import {cookieNameMatcher} from '../../src/core/cookie-names.js';

/*
 * Well-known third-party services, from the one service catalogue (catalogue/services.json, which
 * the studio adds services from): the hosts they load from and the cookies they set. The manifest
 * names cookies, not hosts, so `scan` uses this table to tell which declared service a request
 * belongs to (a manifest service whose id, name or provider matches `match`), and `scan --draft`
 * to suggest a service and a category for what it found. `explain --page` uses it to name
 * untagged scripts. A suggestion only: the site owner decides. What the catalogue lacks, `scan`
 * asks trackerdb about (names.ts).
 */

type Text = Record<string, string>;

export interface KnownCookie {
  name: string;
  duration: string;
  domain?: string;
  purpose: Text;
}

export interface KnownService {
  id: string;
  name: string;
  provider: string;
  /** Its usual category: the id of one of the catalogue's categories. */
  category: string;
  /** Whether that category asks for consent (the others are necessary, or exempt by a rule). */
  needsConsent: boolean;
  policyUrl?: string;
  description: Text;
  /** Matches a manifest service's `id name provider`. */
  match: RegExp;
  /** Registrable domains; subdomains match too. */
  hosts: string[];
  /** The cookies its vendor documents; a name may hold `*`. */
  cookies: KnownCookie[];
  /** The vendor's install snippet, tagged for this service's id, and where it was read. */
  snippet?: {html: string; source: {url: string; read: string}};
}

export interface KnownCategory {
  id: string;
  basis: 'consent' | 'necessary' | 'exempt';
  title: Text;
  description: Text;
}

export const KNOWN_CATEGORIES = catalogue.categories as KnownCategory[];

export const KNOWN_SERVICES: KnownService[] = catalogue.services.map((s) => ({
  ...(s as Omit<KnownService, 'match' | 'needsConsent'>),
  match: new RegExp(s.match, 'i'),
  needsConsent: KNOWN_CATEGORIES.find((c) => c.id === s.category)?.basis === 'consent',
}));

/** Is `host` this domain or one of its subdomains? */
export const onDomain = (host: string, domain: string) => {
  const bare = domain.replace(/^\./, '').toLowerCase();
  const h = host.toLowerCase();
  return h === bare || h.endsWith(`.${bare}`);
};

export const knownByHost = (host: string) => KNOWN_SERVICES.filter((k) => k.hosts.some((d) => onDomain(host, d)));

/** Services that ask for consent first, then necessary ones, then the rest (exempt by their setup). */
const byPreference = (services: KnownService[]) => [
  ...services.filter((k) => k.needsConsent),
  ...services.filter((k) => !k.needsConsent && k.category === 'necessary'),
  ...services.filter((k) => !k.needsConsent && k.category !== 'necessary'),
];

/**
 * The services that document a cookie (or storage key) of this name, on this domain when the
 * catalogue says where it lives (`uid` is Criteo's on criteo.com, not any site's `uid`).
 */
export const catalogueByCookie = (name: string, domain?: string): KnownService[] =>
  byPreference(
    KNOWN_SERVICES.filter((k) =>
      k.cookies.some((c) => cookieNameMatcher(c.name)(name) && (!c.domain || !domain || onDomain(domain, c.domain)))
    )
  );

/** The services a host belongs to, those that name it most closely first (static.hotjar.com: Hotjar alone). */
export function catalogueByHost(host: string): KnownService[] {
  const bare = host.replace(/:\d+$/, '');
  const closeness = (k: KnownService) => Math.max(0, ...k.hosts.filter((d) => onDomain(bare, d)).map((d) => d.length));
  const found = KNOWN_SERVICES.filter((k) => closeness(k) > 0);
  const closest = Math.max(0, ...found.map(closeness));
  return byPreference(found.filter((k) => closeness(k) === closest));
}

/** Two-label public suffixes common enough to matter when telling first from third party. */
const TWO_LABEL_SUFFIX = /\.(co|com|org|net|gov|gouv|ac|edu|ne|or)\.[a-z]{2}$/;

/** The registrable part of a host (`www.shop.example.co.uk` → `example.co.uk`); IPs and single labels as they are. */
export function siteOf(host: string): string {
  const bare = host.replace(/^\./, '').replace(/:\d+$/, '').toLowerCase();
  if (!bare.includes('.') || /^[\d.]+$/.test(bare) || bare.startsWith('[')) return bare;
  const labels = bare.split('.');
  return labels.slice(TWO_LABEL_SUFFIX.test(bare) ? -3 : -2).join('.');
}
