import {requestType} from '../../src/core/held-kinds.js';
import type {Service} from '../../src/core/manifest.types.js';
import type {Declarations} from './declarations.js';
import type {CookieFinding, Initiator, NeverSeen, NoscriptFinding, RequestFinding, StorageFinding} from './findings.js';
import type {FrameLog} from './frame-log.js';
import {knownByHost, onDomain, siteOf} from './known-services.js';
import {collectLeaks, noscriptUrls, requestStatus, storedStatus} from './leaks.js';
import type {Leak, PageHtml} from './leaks.js';
import {trackerdbId} from './names.js';
import type {KnownName, Namer} from './names.js';
import type {JarCookie, PageFacts} from './page-visit.js';

/*
 * What `scan` found on the page, matched against the manifest: each cookie, storage key,
 * third-party request and `<noscript>` URL becomes a finding with its owner and its name, whatever
 * the manifest says: the service catalogue's, else trackerdb's (names.ts).
 *
 * The manifest declares cookies, not hosts. A request is tied to a declared service when its host
 * is a domain the service's cookies are declared on, the host of one of the page's elements tagged
 * for that service, a host of a catalogue service the manifest declares (known-services.ts), or a
 * host trackerdb names after a pattern the manifest declares (as `scan --draft` writes it).
 */

/** What the page gave, and who reads it: the manifest's declarations and the names. */
export interface PageReading {
  pageUrl: URL;
  facts: PageFacts;
  cookies: JarCookie[];
  frames: FrameLog[];
  requests: {url: string; type: string; initiator?: Initiator}[];
  html?: PageHtml;
  declarations: Declarations;
  namer: Namer;
}

export interface Findings {
  cookies: CookieFinding[];
  storage: StorageFinding[];
  requests: RequestFinding[];
  noscript: NoscriptFinding[];
  leaks: Leak[];
  neverSeen: NeverSeen[];
}

/** The script that last wrote each cookie name, from the frames' logs (a third party's first). */
export function writersOf(frames: Pick<FrameLog, 'cookieWrites'>[], namer: Namer): Map<string, string> {
  const writers = new Map<string, string>();
  for (const f of frames) {
    for (const w of f.cookieWrites) {
      if (!w.script) continue;
      let host = '';
      try {
        host = new URL(w.script).hostname;
      } catch {
        continue;
      }
      const current = writers.get(w.name);
      const currentThird = current ? namer.thirdParty(new URL(current).hostname) : false;
      if (!current || (!currentThird && namer.thirdParty(host))) writers.set(w.name, w.script);
    }
  }
  return writers;
}

function cookieFindings({cookies, frames, declarations, namer}: PageReading): CookieFinding[] {
  const writers = writersOf(frames, namer);
  const now = Date.now() / 1000;
  return cookies.map((c) => {
    const o = declarations.cookieOwner(c.name, c.domain);
    const script = writers.get(c.name);
    const known = namer.cookie(c.name, c.domain, script, declarations.describes(o));
    return {
      name: c.name,
      domain: c.domain,
      path: c.path,
      firstParty: declarations.firstParty(c.domain),
      expiresIn: c.session || c.expires <= 0 ? null : Math.round(c.expires - now),
      status: storedStatus(o, known),
      owner: o,
      ...(known ? {known} : {}),
      ...(script ? {script} : {}),
    };
  });
}

function storageFindings({frames, declarations, namer}: PageReading): StorageFinding[] {
  const found: StorageFinding[] = [];
  const addStorage = (area: StorageFinding['area'], origin: string, key: string, script?: string) => {
    if (found.some((s) => s.area === area && s.origin === origin && s.key === key)) return;
    const o = declarations.storageOwner(key);
    const known = namer.storage(key, origin, script, declarations.describes(o));
    found.push({area, origin, key, status: storedStatus(o, known), owner: o, ...(known ? {known} : {}), ...(script ? {script} : {})});
  };
  for (const f of frames) {
    const writer = (area: string, key: string) => f.writes.find((w) => w.area === area && w.key === key && w.script)?.script;
    for (const key of f.local) addStorage('localStorage', f.origin, key, writer('localStorage', key));
    for (const key of f.session) addStorage('sessionStorage', f.origin, key, writer('sessionStorage', key));
    for (const w of f.writes) addStorage(w.area, f.origin, w.key, w.script);
    for (const name of f.databases) addStorage('indexedDB', f.origin, name);
  }
  return found;
}

/** Which declared services load from a host. */
function servicesOfHost({facts, declarations}: PageReading, host: string, known?: KnownName): Service[] {
  const services = declarations.manifest?.services ?? [];
  const byCookieDomain = services.filter((s) => s.cookies.some((c) => c.domain && onDomain(host, c.domain)));
  const byTag = facts.tagged
    .filter((t) => {
      try {
        return new URL(t.url).hostname === host;
      } catch {
        return false;
      }
    })
    .flatMap((t) =>
      t.service ? services.filter((s) => s.id === t.service) : services.filter((s) => s.category === t.category?.replace(/^!/, ''))
    );
  const catalogue = knownByHost(host);
  const byKnown = services.filter((s) => catalogue.some((k) => k.match.test(`${s.id} ${s.name} ${s.provider ?? ''}`)));
  // A service `scan --draft` named after a trackerdb pattern: its id is the pattern's key, or its name the pattern's.
  const byTrackerdb =
    known?.source === 'trackerdb'
      ? services.filter((s) => s.id === trackerdbId(known.id) || s.name.toLowerCase() === known.name.toLowerCase())
      : [];
  return [...new Set([...byCookieDomain, ...byTag, ...byKnown, ...byTrackerdb])];
}

function requestFindings(reading: PageReading): RequestFinding[] {
  const {pageUrl, requests, declarations, namer} = reading;
  const pageSite = siteOf(pageUrl.hostname);
  const manifest = declarations.manifest;
  const found: RequestFinding[] = [];
  for (const r of requests) {
    let parsed: URL;
    try {
      parsed = new URL(r.url);
    } catch {
      continue;
    }
    if (!/^https?:$/.test(parsed.protocol) || siteOf(parsed.hostname) === pageSite) continue;
    if (found.some((f) => f.url === r.url)) continue;
    const known = namer.request(r.url, r.type);
    const owners = manifest ? servicesOfHost(reading, parsed.hostname, known).map((s) => declarations.owner(s)) : [];
    const leaking = owners.filter((o) => o.basis === 'consent');
    found.push({
      url: r.url,
      host: parsed.host,
      type: r.type,
      status: requestStatus(owners, known),
      owners: leaking.length ? leaking : owners,
      ...(known ? {known} : {}),
      ...(r.initiator ? {initiator: r.initiator} : {}),
    });
  }
  return found;
}

/** What a <noscript> of the served HTML loads with JavaScript off, where no banner runs. */
function noscriptFindings(reading: PageReading): NoscriptFinding[] {
  const {pageUrl, html, declarations, namer} = reading;
  const pageSite = siteOf(pageUrl.hostname);
  const manifest = declarations.manifest;
  return (html ? noscriptUrls(html) : []).flatMap(({line, element, url}) => {
    const host = new URL(url).hostname;
    if (siteOf(host) === pageSite) return [];
    const known = namer.request(url, requestType(element));
    const owners = manifest ? servicesOfHost(reading, host, known).map((s) => declarations.owner(s)) : [];
    const owner = owners.find((o) => o.basis === 'consent') ?? owners[0];
    return [{line, element, url, status: requestStatus(owners, known), ...(owner ? {owner} : {}), ...(known ? {known} : {})}];
  });
}

/** Every finding of the page, the leaks among them, and the declarations never seen. */
export function match(reading: PageReading): Findings {
  const findings = {
    cookies: cookieFindings(reading),
    storage: storageFindings(reading),
    requests: requestFindings(reading),
    noscript: noscriptFindings(reading),
  };
  return {...findings, leaks: collectLeaks(findings, reading.html), neverSeen: reading.declarations.neverSeen()};
}
