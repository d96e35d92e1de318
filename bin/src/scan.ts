import {existsSync} from 'node:fs';
import type {Browser, Page} from 'puppeteer-core';
import {cookieNameMatcher} from '../../src/core/cookie-cleaner.js';
import {needsBanner} from '../../src/core/decision.js';
import {formatIssue} from '../../src/core/manifest.js';
import type {Basis, Manifest, Service} from '../../src/core/manifest.types.js';
import {knownByHost, onDomain} from './known-services.js';
import {checkManifest, CliError, readSource} from './sources.js';
import type {PlacedIssue} from './sources.js';

/*
 * `consent-banner scan <url>`: loads the page in headless Chromium (the system browser, as the
 * tests use it) in a fresh profile, gives no consent, and reports every cookie, storage key and
 * third-party request found before consent, matched against the manifest: undeclared cookies and
 * storage keys, services that leak before consent, declared cookies never seen.
 *
 * The manifest declares cookies, not hosts. A request is tied to a declared service when its host
 * is a domain the service's cookies are declared on, the host of one of the page's elements tagged
 * for that service, or a host of a well-known service (known-services.ts) the manifest declares.
 */

export interface ScanOptions {
  /** A manifest file or URL; else the page's `data-manifest` (or `<consent-banner manifest>`). */
  manifest?: string;
  /** Extra wait after the network went quiet, for trackers that start late (ms). */
  waitMs?: number;
}

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
}

export interface StorageFinding {
  area: 'localStorage' | 'sessionStorage' | 'indexedDB';
  origin: string;
  key: string;
  status: Status;
  owner?: Owner;
}

export interface RequestFinding {
  url: string;
  host: string;
  type: string;
  status: 'ok' | 'leak' | 'unmatched';
  owners: Owner[];
}

export interface ScanReport {
  url: string;
  title: string;
  language: string;
  browser: string;
  manifest: {source: string; valid: boolean; errors: PlacedIssue[]; banner?: boolean} | null;
  bannerLoaded: boolean;
  cookies: CookieFinding[];
  storage: StorageFinding[];
  requests: RequestFinding[];
  leaks: {service: string; name: string; category: string; evidence: string[]}[];
  neverSeen: {name: string; service: string; category: string; basis: Basis; when: 'without-consent' | 'after-consent'}[];
  problems: number;
}

interface PageFacts {
  title: string;
  language: string;
  manifestAttribute: string | null;
  inlineManifest: string | null;
  bannerLoaded: boolean;
  tagged: {service: string | null; category: string | null; url: string}[];
}

interface FrameStorage {
  origin: string;
  local: string[];
  session: string[];
  databases: string[];
  writes: {area: 'localStorage' | 'sessionStorage'; key: string}[];
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

const isRoot = () => typeof process.getuid === 'function' && process.getuid() === 0;

async function launch(): Promise<Browser> {
  let puppeteer;
  try {
    puppeteer = (await import('puppeteer-core')).default;
  } catch {
    throw new CliError('scan needs puppeteer-core: npm install --save-dev puppeteer-core');
  }
  const executablePath = process.env.CHROME_PATH || '/usr/bin/chromium';
  if (!existsSync(executablePath)) {
    throw new CliError(`no Chromium at ${executablePath}: install it (e.g. apt-get install chromium) or set CHROME_PATH`);
  }
  return puppeteer.launch({
    executablePath,
    headless: true,
    args: [
      ...(isRoot() ? ['--no-sandbox'] : []),
      '--disable-dev-shm-usage',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
    ],
  });
}

/** Records storage writes in every frame, including keys removed again before the scan ends. */
function recordStorageWrites() {
  const writes: {area: string; key: string}[] = [];
  (window as unknown as {__consentScanWrites: typeof writes}).__consentScanWrites = writes;
  const setItem = Storage.prototype.setItem;
  Storage.prototype.setItem = function (key: string, value: string) {
    try {
      writes.push({area: this === window.sessionStorage ? 'sessionStorage' : 'localStorage', key: String(key)});
    } catch {
      // A sandboxed frame may not read its storage: the write below says what happens.
    }
    return setItem.call(this, key, value);
  };
}

function readPageFacts(): PageFacts {
  const loader = document.querySelector('script[data-manifest]');
  const element = document.querySelector('consent-banner');
  const manifestAttribute = loader?.getAttribute('data-manifest') ?? element?.getAttribute('manifest') ?? null;
  const inline = manifestAttribute?.startsWith('#') ? document.getElementById(manifestAttribute.slice(1)) : null;
  const absolute = (url: string) => {
    try {
      return new URL(url, document.baseURI).href;
    } catch {
      return '';
    }
  };
  return {
    title: document.title,
    language: document.documentElement.lang,
    manifestAttribute: manifestAttribute && !manifestAttribute.startsWith('#') ? absolute(manifestAttribute) : manifestAttribute,
    inlineManifest: inline?.textContent ?? null,
    bannerLoaded: Boolean(element || customElements.get('consent-banner')),
    tagged: [...document.querySelectorAll('[data-service], [data-category]')].flatMap((el) => {
      const url = el.getAttribute('src') || el.getAttribute('data-src');
      return url
        ? [{service: el.getAttribute('data-service'), category: el.getAttribute('data-category'), url: absolute(url)}]
        : [];
    }),
  };
}

async function readFrameStorage(): Promise<FrameStorage> {
  const keys = (area: () => Storage) => {
    try {
      return Object.keys(area());
    } catch {
      return [];
    }
  };
  let databases: string[] = [];
  try {
    databases = ((await indexedDB.databases?.()) ?? []).map((d) => d.name ?? '').filter(Boolean);
  } catch {
    // Opaque origins have no IndexedDB.
  }
  return {
    // self.origin, not location.origin: an about:blank frame shares its parent's storage and origin.
    origin: self.origin,
    local: keys(() => localStorage),
    session: keys(() => sessionStorage),
    databases,
    writes: (window as unknown as {__consentScanWrites?: FrameStorage['writes']}).__consentScanWrites ?? [],
  };
}

async function settle(page: Page, waitMs: number) {
  await page.waitForNetworkIdle({idleTime: 500, timeout: 15_000}).catch(() => undefined);
  if (waitMs > 0) {
    await new Promise((resolve) => setTimeout(resolve, waitMs));
    await page.waitForNetworkIdle({idleTime: 500, timeout: 15_000}).catch(() => undefined);
  }
}

function ownerOf(service: Service, manifest: Manifest): Owner {
  const category = manifest.categories.find((c) => c.id === service.category)!;
  return {service: service.id, name: service.name, category: category.id, basis: category.basis};
}

/** Scans a page; also returns the manifest as written, which `--draft` extends. */
export async function scan(url: string, options: ScanOptions = {}): Promise<{report: ScanReport; manifestValue?: unknown}> {
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    throw new CliError(`not a URL: ${url} (scan loads a page: give its http(s) address)`);
  }
  if (!/^https?:$/.test(target.protocol)) throw new CliError(`scan loads http(s) pages, not ${target.protocol} (${url})`);

  const browser = await launch();
  try {
    const context = await browser.createBrowserContext();
    const page = await context.newPage();
    const requests: {url: string; type: string}[] = [];
    page.on('request', (request) => requests.push({url: request.url(), type: request.resourceType()}));
    await page.evaluateOnNewDocument(recordStorageWrites);
    let response;
    try {
      response = await page.goto(target.href, {waitUntil: 'load', timeout: 30_000});
    } catch (error) {
      const reason = (error as Error).message.replace(/ at https?:\/\/\S+$/, '');
      throw new CliError(`cannot load ${target.href}: ${reason}`);
    }
    if (response && response.status() >= 400) {
      throw new CliError(`cannot scan ${target.href}: the server answered ${response.status()} ${response.statusText()}`.trim());
    }
    await settle(page, options.waitMs ?? 1000);

    const pageUrl = new URL(page.url());
    const facts = await page.evaluate(readPageFacts);
    const client = await page.createCDPSession();
    const {cookies} = (await client.send('Network.getAllCookies')) as {
      cookies: {name: string; domain: string; path: string; expires: number; session: boolean}[];
    };
    const frames: FrameStorage[] = [];
    for (const frame of page.frames()) {
      if (frame.detached) continue;
      try {
        frames.push(await frame.evaluate(readFrameStorage));
      } catch {
        // A frame that navigated away meanwhile: nothing to read.
      }
    }
    const version = await browser.version();

    // The manifest: given, else the one the page names.
    const manifestSource = options.manifest ?? facts.manifestAttribute ?? undefined;
    let manifest: Manifest | undefined;
    let manifestValue: unknown;
    let manifestReport: ScanReport['manifest'] = null;
    if (manifestSource) {
      const inline = manifestSource.startsWith('#');
      if (inline && facts.inlineManifest === null) throw new CliError(`the page names the inline manifest ${manifestSource}, but has no element with that id`);
      const text = inline ? facts.inlineManifest! : await readSource(manifestSource, 'manifest');
      const checked = checkManifest(text);
      manifestReport = {source: inline ? `${pageUrl.href}${manifestSource}` : manifestSource, valid: checked.ok, errors: checked.ok ? [] : checked.errors};
      if (checked.ok) {
        manifest = checked.manifest;
        manifestValue = checked.value;
        manifestReport.banner = needsBanner(manifest);
      }
    }
    const report: ScanReport = {
      url: pageUrl.href,
      title: facts.title,
      language: facts.language,
      browser: version,
      manifest: manifestReport,
      bannerLoaded: facts.bannerLoaded,
      ...match({pageUrl, facts, cookies, frames, requests, manifest}),
      problems: 0,
    };
    report.problems =
      report.leaks.length +
      report.cookies.filter((c) => c.status === 'undeclared').length +
      report.storage.filter((s) => s.status === 'undeclared').length +
      (report.manifest?.valid ? 0 : 1);
    return {report, manifestValue};
  } finally {
    await browser.close();
  }
}

function match({
  pageUrl,
  facts,
  cookies,
  frames,
  requests,
  manifest,
}: {
  pageUrl: URL;
  facts: PageFacts;
  cookies: {name: string; domain: string; path: string; expires: number; session: boolean}[];
  frames: FrameStorage[];
  requests: {url: string; type: string}[];
  manifest?: Manifest;
}): Pick<ScanReport, 'cookies' | 'storage' | 'requests' | 'leaks' | 'neverSeen'> {
  const pageSite = siteOf(pageUrl.hostname);
  const declarations = (manifest?.services ?? []).flatMap((service) =>
    service.cookies.map((cookie) => ({service, cookie, matches: cookieNameMatcher(cookie.name)}))
  );
  const seen = new Set<(typeof declarations)[number]>();
  const owner = (s: Service) => ownerOf(s, manifest!);
  const consentCookie = manifest?.cookie.name;
  const status = (o: Owner | undefined): Status => (!o ? 'undeclared' : o.basis === 'consent' ? 'leak' : 'ok');

  const declare = (name: string, domain?: string) => {
    const candidates = declarations.filter((d) => d.matches(name));
    const best =
      candidates.find((d) => (domain && d.cookie.domain ? onDomain(domain, d.cookie.domain) : !d.cookie.domain)) ??
      candidates[0];
    if (best) seen.add(best);
    return best ? owner(best.service) : undefined;
  };

  const now = Date.now() / 1000;
  const cookieFindings: CookieFinding[] = cookies.map((c) => {
    const firstParty = siteOf(c.domain) === pageSite;
    const found = declare(c.name, c.domain);
    const isConsentCookie = !found && c.name === consentCookie && firstParty;
    const o = found ?? (isConsentCookie ? {service: '', name: 'consent-banner', category: '', basis: 'necessary' as const} : undefined);
    return {
      name: c.name,
      domain: c.domain,
      path: c.path,
      firstParty,
      expiresIn: c.session || c.expires <= 0 ? null : Math.round(c.expires - now),
      status: status(o),
      owner: o,
    };
  });

  const storageFindings: StorageFinding[] = [];
  const addStorage = (area: StorageFinding['area'], origin: string, key: string) => {
    if (storageFindings.some((s) => s.area === area && s.origin === origin && s.key === key)) return;
    const o = declare(key);
    storageFindings.push({area, origin, key, status: status(o), owner: o});
  };
  for (const f of frames) {
    for (const key of f.local) addStorage('localStorage', f.origin, key);
    for (const key of f.session) addStorage('sessionStorage', f.origin, key);
    for (const w of f.writes) addStorage(w.area, f.origin, w.key);
    for (const name of f.databases) addStorage('indexedDB', f.origin, name);
  }

  // Which declared services load from a host.
  const services = manifest?.services ?? [];
  const servicesOfHost = (host: string): Service[] => {
    const byCookieDomain = declarations.filter((d) => d.cookie.domain && onDomain(host, d.cookie.domain)).map((d) => d.service);
    const byTag = facts.tagged
      .filter((t) => {
        try {
          return new URL(t.url).hostname === host;
        } catch {
          return false;
        }
      })
      .flatMap((t) =>
        t.service
          ? services.filter((s) => s.id === t.service)
          : services.filter((s) => s.category === t.category?.replace(/^!/, ''))
      );
    const known = knownByHost(host);
    const byKnown = services.filter((s) => known.some((k) => k.match.test(`${s.id} ${s.name} ${s.provider ?? ''}`)));
    return [...new Set([...byCookieDomain, ...byTag, ...byKnown])];
  };
  const requestFindings: RequestFinding[] = [];
  for (const r of requests) {
    let parsed: URL;
    try {
      parsed = new URL(r.url);
    } catch {
      continue;
    }
    if (!/^https?:$/.test(parsed.protocol) || siteOf(parsed.hostname) === pageSite) continue;
    if (requestFindings.some((f) => f.url === r.url)) continue;
    const owners = manifest ? servicesOfHost(parsed.hostname).map(owner) : [];
    const leaking = owners.filter((o) => o.basis === 'consent');
    requestFindings.push({
      url: r.url,
      host: parsed.host,
      type: r.type,
      status: !owners.length ? 'unmatched' : leaking.length ? 'leak' : 'ok',
      owners: leaking.length ? leaking : owners,
    });
  }

  const leaks = new Map<string, {service: string; name: string; category: string; evidence: string[]}>();
  const blame = (o: Owner, evidence: string) => {
    const entry = leaks.get(o.service) ?? {service: o.service, name: o.name, category: o.category, evidence: []};
    if (!entry.evidence.includes(evidence)) entry.evidence.push(evidence);
    leaks.set(o.service, entry);
  };
  for (const c of cookieFindings) if (c.status === 'leak') blame(c.owner!, `cookie ${c.name}`);
  for (const s of storageFindings) if (s.status === 'leak') blame(s.owner!, `${s.area} ${s.key}`);
  for (const r of requestFindings) if (r.status === 'leak') for (const o of r.owners) blame(o, `request ${r.url}`);

  const neverSeen = declarations
    .filter((d) => !seen.has(d))
    .map((d) => {
      const o = owner(d.service);
      const after = o.basis === 'consent' || d.cookie.name === consentCookie;
      return {name: d.cookie.name, service: o.service, category: o.category, basis: o.basis, when: after ? ('after-consent' as const) : ('without-consent' as const)};
    });

  return {cookies: cookieFindings, storage: storageFindings, requests: requestFindings, leaks: [...leaks.values()], neverSeen};
}

const STATUS_WORDS: Record<string, string> = {ok: 'ok', leak: 'LEAK', undeclared: 'UNDECLARED', unmatched: 'unmatched'};

function lifetime(seconds: number | null): string {
  if (seconds === null) return 'session';
  const unit = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  if (seconds >= 86_000) return unit(Math.round(seconds / 86_400), 'day');
  if (seconds >= 3_600) return unit(Math.round(seconds / 3_600), 'hour');
  return `${Math.max(1, Math.round(seconds / 60))} min`;
}

const ownerWords = (o?: Owner) =>
  !o ? '' : o.service ? `: ${o.service} "${o.name}" in category ${o.category} (basis ${o.basis})` : `: the banner's own cookie`;

export function formatScan(r: ScanReport): string {
  const out: string[] = [`Scanned ${r.url} with no consent given (${r.browser}, fresh profile)`];
  if (!r.manifest) out.push('Manifest: none found (no --manifest, and the page has no data-manifest): everything below counts as undeclared.');
  else if (!r.manifest.valid) {
    for (const e of r.manifest.errors) out.push(`${r.manifest.source}:${e.line}:${e.column}: error: ${formatIssue(e)}`);
    out.push('Manifest: invalid, so the banner releases nothing that needs consent; findings are not matched.');
  } else out.push(`Manifest: ${r.manifest.source} (${r.manifest.banner ? 'the banner asks for consent' : 'no banner: nothing needs consent'})`);
  if (!r.bannerLoaded) out.push('The page does not load consent-banner.');
  const pad = (s: string) => s.padEnd(10);
  const none = (list: unknown[]) => (list.length ? [] : ['  (none)']);
  out.push('', `Cookies before consent (${r.cookies.length}):`, ...none(r.cookies));
  for (const c of r.cookies) {
    out.push(`  ${pad(STATUS_WORDS[c.status])} ${c.name} (${c.domain}${c.firstParty ? '' : ', third party'}, ${lifetime(c.expiresIn)})${ownerWords(c.owner)}`);
  }
  out.push('', `Storage before consent (${r.storage.length}):`, ...none(r.storage));
  for (const s of r.storage) out.push(`  ${pad(STATUS_WORDS[s.status])} ${s.area} ${s.key} (${s.origin})${ownerWords(s.owner)}`);
  out.push('', `Third-party requests before consent (${r.requests.length}):`, ...none(r.requests));
  for (const q of r.requests) {
    const who = q.owners.length
      ? `: ${q.owners.map((o) => `${o.service} "${o.name}" in category ${o.category} (basis ${o.basis})`).join('; ')}`
      : ': no declared service loads from this host';
    out.push(`  ${pad(STATUS_WORDS[q.status])} ${q.url} (${q.type})${who}`);
  }
  out.push('', `Services that leak before consent (${r.leaks.length}):`, ...none(r.leaks));
  for (const l of r.leaks) out.push(`  ${l.service} "${l.name}" (${l.category}): ${l.evidence.join('; ')}`);
  const without = r.neverSeen.filter((n) => n.when === 'without-consent');
  const after = r.neverSeen.filter((n) => n.when === 'after-consent');
  out.push('', `Declared cookies never seen (${r.neverSeen.length}):`, ...none(r.neverSeen));
  if (without.length) out.push(`  needing no consent, yet not seen (set later in a visit, or no longer used?): ${without.map((n) => `${n.name} (${n.service})`).join(', ')}`);
  if (after.length) out.push(`  set only after a choice, so not seen here: ${after.map((n) => `${n.name} (${n.service})`).join(', ')}`);
  const count = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
  const undeclaredCookies = r.cookies.filter((c) => c.status === 'undeclared').length;
  const undeclaredStorage = r.storage.filter((s) => s.status === 'undeclared').length;
  const unmatched = r.requests.filter((q) => q.status === 'unmatched').length;
  out.push(
    '',
    r.problems
      ? `Result: ${[
          r.manifest && !r.manifest.valid ? 'an invalid manifest' : '',
          r.leaks.length ? `${count(r.leaks.length, 'service leaks', 'services leak')} before consent` : '',
          undeclaredCookies ? count(undeclaredCookies, 'undeclared cookie') : '',
          undeclaredStorage ? count(undeclaredStorage, 'undeclared storage key') : '',
        ]
          .filter(Boolean)
          .join(', ')}.`
      : 'Result: nothing leaks before consent, and every cookie and storage key is declared.'
  );
  if (unmatched) out.push(`Note: ${count(unmatched, 'third-party request')} matched no declared service: check what they send.`);
  return out.join('\n');
}
