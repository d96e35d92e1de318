import {catalogueByCookie, catalogueByHost, KNOWN_CATEGORIES, siteOf} from './known-services.js';
import type {KnownService} from './known-services.js';
import type {TrackerDb, TrackerMatch} from './trackerdb.js';

/*
 * What a scan finding is, whatever the manifest says: the service catalogue's name for it
 * (catalogue/services.json), else trackerdb's (a pattern of Ghostery's tracker database, with its
 * organization and category). A cookie is named by its name, then by its domain when it is a
 * third party's, then by the script that wrote it; a storage key the same way, by the origin that
 * holds it; a request by its host, then by its URL. A script of the page's own site names nothing:
 * a site's own code is the site's.
 */

/** How the name was found. */
export type NamedBy = 'cookie name' | 'cookie domain' | 'storage origin' | 'script' | 'host' | 'url';

export interface CatalogueName {
  source: 'catalogue';
  /** The catalogue's service id, e.g. `google-analytics`. */
  id: string;
  name: string;
  provider: string;
  /** The catalogue's category id and the basis that category has. */
  category: string;
  basis: 'consent' | 'necessary' | 'exempt';
  by: NamedBy;
  /** The script that wrote the cookie or key, when `by` is `script`. */
  script?: string;
  /** Other catalogue services that fit as well (several Google services share googletagmanager.com). */
  also?: string[];
}

export interface TrackerdbName {
  source: 'trackerdb';
  /** trackerdb's pattern key, e.g. `yandex_metrika`. */
  id: string;
  name: string;
  organization?: string;
  policyUrl?: string;
  /** trackerdb's category key (`advertising`, `site_analytics`, …) and name. */
  category: string;
  categoryName: string;
  by: NamedBy;
  script?: string;
}

export type KnownName = CatalogueName | TrackerdbName;

/**
 * trackerdb's categories of what serves the site rather than tracks its visitors (a CDN, hosting,
 * what a site needs to work, consent managers), and of what is no site's doing (browser
 * extensions). Every other category counts as tracking (advertising, site analytics, social media,
 * audio and video players, customer interaction, misc…), and so does one this list does not know
 * yet: fail closed.
 */
export const TRACKERDB_NOT_TRACKING: ReadonlySet<string> = new Set(['cdn', 'hosting', 'essential', 'consent', 'utilities', 'extensions']);

/**
 * Does what the name says need consent? A catalogue service whose usual category asks for it; a
 * trackerdb pattern of a tracking category, until a person says otherwise (fail closed).
 */
export const needsConsent = (k: KnownName | undefined) =>
  Boolean(k && (k.source === 'trackerdb' ? !TRACKERDB_NOT_TRACKING.has(k.category) : k.basis === 'consent'));

const basisOf = (category: string) => KNOWN_CATEGORIES.find((c) => c.id === category)?.basis ?? 'consent';

function fromCatalogue(found: KnownService[], by: NamedBy, script?: string): CatalogueName | undefined {
  const [k, ...rest] = found;
  if (!k) return undefined;
  return {
    source: 'catalogue',
    id: k.id,
    name: k.name,
    provider: k.provider,
    category: k.category,
    basis: basisOf(k.category),
    by,
    ...(script ? {script} : {}),
    ...(rest.length ? {also: rest.map((r) => r.id)} : {}),
  };
}

function fromTrackerdb(t: TrackerMatch | undefined, by: NamedBy, script?: string): TrackerdbName | undefined {
  if (!t) return undefined;
  return {
    source: 'trackerdb',
    id: t.pattern,
    name: t.name,
    ...(t.organization ? {organization: t.organization} : {}),
    ...(t.policyUrl ? {policyUrl: t.policyUrl} : {}),
    category: t.category,
    categoryName: t.categoryName,
    by,
    ...(script ? {script} : {}),
  };
}

const hostOf = (url: string) => {
  try {
    const parsed = new URL(url);
    return /^https?:$/.test(parsed.protocol) ? parsed.hostname.replace(/^\[|\]$/g, '') : undefined;
  } catch {
    return undefined;
  }
};

type Rank = (k: KnownService) => number;

/** Highest rank first, else in the catalogue's order of preference. */
const ranked = (found: KnownService[], rank?: Rank) =>
  rank
    ? found
        .map((k, i) => ({k, i, r: rank(k)}))
        .sort((a, b) => b.r - a.r || a.i - b.i)
        .map((x) => x.k)
    : found;

export class Namer {
  readonly #page: string;
  readonly #site: string;
  readonly #db?: TrackerDb;

  constructor(page: URL, db?: TrackerDb) {
    this.#page = page.href;
    this.#site = siteOf(page.hostname);
    this.#db = db;
  }

  /** Is this host another site's? */
  thirdParty(host: string) {
    return siteOf(host) !== this.#site;
  }

  /** A third party's host: the catalogue's service, else trackerdb's pattern of the domain. */
  #byDomain(domain: string, by: NamedBy): KnownName | undefined {
    const bare = domain.replace(/^\./, '');
    if (!this.thirdParty(bare)) return undefined;
    return fromCatalogue(catalogueByHost(bare), by) ?? fromTrackerdb(this.#db?.byDomain(bare), by);
  }

  /** The script that wrote a cookie or a key, when it came from another site. */
  #byScript(script: string | undefined): KnownName | undefined {
    const host = script && hostOf(script);
    if (!host || !this.thirdParty(host)) return undefined;
    return (
      fromCatalogue(catalogueByHost(host), 'script', script) ??
      fromTrackerdb(this.#db?.byUrl(script, this.#page, 'script'), 'script', script)
    );
  }

  /** `rank` puts first, among catalogue services that fit as well, those that describe the declared service. */
  cookie(name: string, domain: string, script?: string, rank?: Rank): KnownName | undefined {
    return (
      fromCatalogue(ranked(catalogueByCookie(name, domain), rank), 'cookie name') ??
      this.#byDomain(domain, 'cookie domain') ??
      this.#byScript(script)
    );
  }

  storage(key: string, origin: string, script?: string, rank?: Rank): KnownName | undefined {
    const host = hostOf(origin);
    return (
      fromCatalogue(ranked(catalogueByCookie(key), rank), 'cookie name') ??
      (host ? this.#byDomain(host, 'storage origin') : undefined) ??
      this.#byScript(script)
    );
  }

  request(url: string, type?: string): KnownName | undefined {
    const host = hostOf(url);
    if (!host) return undefined;
    return fromCatalogue(catalogueByHost(host), 'host') ?? fromTrackerdb(this.#db?.byUrl(url, this.#page, type), 'url');
  }
}

/** A manifest id from a trackerdb pattern key (`yandex_metrika` → `yandex-metrika`): `scan --draft` names its services so. */
export const trackerdbId = (pattern: string) =>
  pattern
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 64)
    .replace(/-+$/, '')
    .replace(/^constructor$/, 'constructor-tracker') || 'tracker';

/** A name and where it came from, for a person: `catalogue google-analytics "Google Analytics 4" (performance)`. */
export function formatName(k: KnownName): string {
  const how =
    k.by === 'script'
      ? `, by its script ${k.script}`
      : k.by === 'cookie domain'
        ? ', by its domain'
        : k.by === 'storage origin'
          ? ', by its origin'
          : '';
  if (k.source === 'catalogue') {
    return `catalogue ${k.id} "${k.name}" (${k.category}${k.also ? `; or ${k.also.join(', ')}` : ''}${how})`;
  }
  return `trackerdb ${k.id} "${k.name}"${k.organization ? ` of ${k.organization}` : ''} (${k.categoryName}${how})`;
}
