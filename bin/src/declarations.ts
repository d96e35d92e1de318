import {cookieNameMatcher} from '../../src/core/cookie-names.js';
import type {Manifest, Service} from '../../src/core/manifest.types.js';
import {KNOWN_CATEGORIES, onDomain, siteOf} from './known-services.js';
import type {KnownService} from './known-services.js';
import type {NeverSeen, Owner} from './findings.js';

/**
 * The manifest's view of cookies and keys: which declared service a name belongs to (and which
 * declarations were seen), and whether it is the banner's own cookie.
 */
export class Declarations {
  readonly manifest?: Manifest;
  readonly #list: {service: Service; cookie: Service['cookies'][number]; matches: (name: string) => boolean}[];
  readonly #seen = new Set<number>();
  readonly #pageSite: string;

  constructor(pageUrl: URL, manifest?: Manifest) {
    this.manifest = manifest;
    this.#pageSite = siteOf(pageUrl.hostname);
    this.#list = (manifest?.services ?? []).flatMap((service) =>
      service.cookies.map((cookie) => ({service, cookie, matches: cookieNameMatcher(cookie.name)}))
    );
  }

  owner(service: Service): Owner {
    const category = this.manifest!.categories.find((c) => c.id === service.category)!;
    return {service: service.id, name: service.name, category: category.id, basis: category.basis};
  }

  firstParty(domain: string) {
    return siteOf(domain) === this.#pageSite;
  }

  /** The declared service of a cookie or key (on this domain when declared with one); marks it seen. */
  declared(name: string, domain?: string): Owner | undefined {
    const candidates = this.#list.map((d, i) => ({...d, i})).filter((d) => d.matches(name));
    const best =
      candidates.find((d) => (domain && d.cookie.domain ? onDomain(domain, d.cookie.domain) : !d.cookie.domain)) ?? candidates[0];
    if (!best) return undefined;
    this.#seen.add(best.i);
    return this.owner(best.service);
  }

  /** The declared service of a storage key: listed in a service's `storage`, else as one of its cookies. */
  storageOwner(key: string): Owner | undefined {
    const listed = this.manifest?.services.find((s) => s.storage?.some((pattern) => cookieNameMatcher(pattern)(key)));
    return this.declared(key) ?? (listed ? this.owner(listed) : undefined);
  }

  /** The declared service, or the banner's own consent cookie. */
  cookieOwner(name: string, domain: string): Owner | undefined {
    const found = this.declared(name, domain);
    if (found) return found;
    return name === this.manifest?.cookie.name && this.firstParty(domain)
      ? {service: '', name: 'consent-banner', category: '', basis: 'necessary'}
      : undefined;
  }

  neverSeen(): NeverSeen[] {
    const consentCookie = this.manifest?.cookie.name;
    return this.#list
      .filter((_, i) => !this.#seen.has(i))
      .map((d) => {
        const o = this.owner(d.service);
        const after = o.basis === 'consent' || d.cookie.name === consentCookie;
        return {
          name: d.cookie.name,
          service: o.service,
          category: o.category,
          basis: o.basis,
          when: after ? ('after-consent' as const) : ('without-consent' as const),
        };
      });
  }

  /**
   * How well a catalogue service describes a declared owner, to name it after the declared one
   * among several that fit: its name, then its basis (`matomo` declared exempt: Matomo's exempt setup).
   */
  describes(owner: Owner | undefined): ((k: KnownService) => number) | undefined {
    const service = owner?.service ? this.manifest?.services.find((s) => s.id === owner.service) : undefined;
    if (!service || !owner) return undefined;
    const label = `${service.id} ${service.name} ${service.provider ?? ''}`;
    return (k) => (k.match.test(label) ? 2 : 0) + (basisOf(k.category) === owner.basis ? 1 : 0);
  }
}

const basisOf = (category: string) => KNOWN_CATEGORIES.find((c) => c.id === category)?.basis;
