import catalogue from '../../catalogue/services.json';

/*
 * Well-known third-party services, from the one service catalogue (catalogue/services.json, which
 * the studio adds services from): the hosts they load from and the cookies they set. The manifest
 * names cookies, not hosts, so `scan` uses this table to tell which declared service a request
 * belongs to (a manifest service whose id, name or provider matches `match`), and `scan --draft`
 * to suggest a service and a category for what it found. `explain --page` uses it to name
 * untagged scripts. A suggestion only: the site owner decides.
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
