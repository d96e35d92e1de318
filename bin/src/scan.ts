import {existsSync} from 'node:fs';
import {createRequire} from 'node:module';
import type {Browser, HTTPRequest, Page} from 'puppeteer-core';
import {cookieNameMatcher} from '../../src/core/cookie-cleaner.js';
import {needsBanner} from '../../src/core/decision.js';
import {requestType} from '../../src/core/held-kinds.js';
import {readJson} from '../../src/core/json-source.js';
import type {Basis, Manifest, Service} from '../../src/core/manifest.types.js';
import {startTags} from './html-tags.js';
import {KNOWN_CATEGORIES, knownByHost, onDomain, siteOf} from './known-services.js';
import type {KnownService} from './known-services.js';
import {collectLeaks, noscriptUrls, readInitiator, requestStatus, storedStatus} from './leaks.js';
import type {Leak, PageHtml, Status} from './leaks.js';
import {Namer, trackerdbId} from './names.js';
import type {KnownName} from './names.js';
import {refuse} from './refusal.js';
import type {RefusalReport} from './refusal.js';
import {checkManifest, CliError, readSource} from './sources.js';
import type {PlacedIssue} from './sources.js';
import {loadTrackerDb} from './trackerdb.js';

export {siteOf};
export type {Status};

/*
 * `consent-banner scan <url>`: loads the page in headless Chromium (the system browser, as the
 * tests use it) in a fresh profile, gives no consent, and reports every cookie, storage key and
 * third-party request found before consent, matched against the manifest: undeclared cookies and
 * storage keys, services that leak before consent, declared cookies never seen. Each finding also
 * gets a name, whatever the manifest says: the service catalogue's, else trackerdb's (names.ts).
 * With `reject`, it then clicks "Reject all" and checks the next page view (refusal.ts).
 *
 * The manifest declares cookies, not hosts. A request is tied to a declared service when its host
 * is a domain the service's cookies are declared on, the host of one of the page's elements tagged
 * for that service, a host of a catalogue service the manifest declares (known-services.ts), or a
 * host trackerdb names after a pattern the manifest declares (as `scan --draft` writes it).
 */

export interface ScanOptions {
  /** A manifest file or URL; else the page's `data-manifest` (or `<consent-banner manifest>`). */
  manifest?: string;
  /** Extra wait after the network went quiet, for trackers that start late (ms). */
  waitMs?: number;
  /** Then click "Reject all" and check the next page view. */
  reject?: boolean;
  /** The next page view's URL (default: the page again). */
  next?: string;
}

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

export interface ScanReport {
  url: string;
  title: string;
  language: string;
  browser: string;
  /** Where the names come from: the catalogue, and trackerdb when it loaded (else why not). */
  names: {catalogue: string; trackerdb?: {version: string; engine: string}; trackerdbError?: string};
  manifest: {source: string; valid: boolean; errors: PlacedIssue[]; warnings?: PlacedIssue[]; banner?: boolean} | null;
  bannerLoaded: boolean;
  cookies: CookieFinding[];
  storage: StorageFinding[];
  requests: RequestFinding[];
  /** What the served HTML's `<noscript>` elements load with JavaScript off. */
  noscript: NoscriptFinding[];
  /** Each service that leaks before consent, with the fix; what the manifest lacks too, when the names know it needs consent. */
  leaks: Leak[];
  /** What this scan could not check, so that its verdict does not vouch for it. */
  unchecked: string[];
  neverSeen: {name: string; service: string; category: string; basis: Basis; when: 'without-consent' | 'after-consent'}[];
  /** With `reject`: the next page view after "Reject all". */
  afterRefusal?: RefusalReport;
  problems: number;
}

export interface PageFacts {
  title: string;
  language: string;
  manifestAttribute: string | null;
  inlineManifest: string | null;
  bannerLoaded: boolean;
  /** The directory the drop-in loads from (its modules too): what the banner itself reads is not counted. */
  bannerBase: string | null;
  tagged: {service: string | null; category: string | null; url: string}[];
}

/** What a frame's scripts did, as recorded by `instrument` (script: the innermost http(s) script on the stack). */
export interface FrameLog {
  origin: string;
  url: string;
  local: string[];
  session: string[];
  databases: string[];
  writes: {area: 'localStorage' | 'sessionStorage'; key: string; script?: string}[];
  cookieWrites: {name: string; script?: string}[];
  cookieReads: {names: string[]; script?: string}[];
  /** The consent-change events seen in this frame, newest last. */
  choices: {method: string; categories: Record<string, boolean>}[];
}

const isRoot = () => typeof process.getuid === 'function' && process.getuid() === 0;

/** Extra Chromium flags from CHROME_ARGS (e.g. a proxy, or host rules for a staging site): `--a=1 --b=x y`. */
const extraArgs = () =>
  (process.env.CHROME_ARGS ?? '')
    .trim()
    .split(/\s+(?=--)/)
    .filter(Boolean);

/**
 * puppeteer-core, by its CommonJS entry: Node loads it for about 60 % of the CPU its ES module entry
 * takes (0.30 s against 0.48 s here), at every scan.
 */
async function loadPuppeteer() {
  try {
    return (createRequire(import.meta.url)('puppeteer-core') as typeof import('puppeteer-core')).default;
  } catch {
    throw new CliError('scan needs puppeteer-core: npm install --save-dev puppeteer-core');
  }
}

/**
 * Frames of other sites in the page's own process: the page's DevTools session then sees the
 * cookies their requests send, and the recorder runs in them.
 */
const ONE_PROCESS_FOR_FRAMES = '--disable-site-isolation-trials';

/** Any one request to the browser that takes longer fails the scan (puppeteer's own default: 180 s). */
const PROTOCOL_TIMEOUT_MS = 60_000;

async function launch(): Promise<Browser> {
  const puppeteer = await loadPuppeteer();
  const executablePath = process.env.CHROME_PATH || '/usr/bin/chromium';
  if (!existsSync(executablePath)) {
    throw new CliError(`no Chromium at ${executablePath}: install it (e.g. apt-get install chromium) or set CHROME_PATH`);
  }
  return puppeteer.launch({
    executablePath,
    headless: true,
    protocolTimeout: PROTOCOL_TIMEOUT_MS,
    args: [
      ...(isRoot() ? ['--no-sandbox'] : []),
      '--disable-dev-shm-usage',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      ONE_PROCESS_FOR_FRAMES,
      ...extraArgs(),
    ],
  });
}

/**
 * CHROME_WS_ENDPOINT: the DevTools address (`ws://…/devtools/browser/…`) of a Chromium already
 * running, e.g. in a container beside the site's CI, used instead of starting one per scan. The
 * scan works in a browser context of its own there, closed when it ends, and leaves the browser
 * running. Flags are that browser's own: CHROME_ARGS cannot reach it, so giving both is an error.
 */
async function connect(endpoint: string): Promise<Browser> {
  if (extraArgs().length) {
    throw new CliError('CHROME_ARGS are flags for a Chromium that scan starts: with CHROME_WS_ENDPOINT, start that Chromium with them');
  }
  const puppeteer = await loadPuppeteer();
  try {
    return await puppeteer.connect({browserWSEndpoint: endpoint, protocolTimeout: PROTOCOL_TIMEOUT_MS});
  } catch (error) {
    throw new CliError(`cannot reach the Chromium at CHROME_WS_ENDPOINT ${endpoint}: ${(error as Error).message.split('\n')[0]}`);
  }
}

/** A browser started elsewhere without ONE_PROCESS_FOR_FRAMES hides what frames of other sites send: one line says so. */
async function warnOnIsolation(page: Page) {
  const client = await page.createCDPSession();
  const flags = await client
    .send('Browser.getBrowserCommandLine')
    .then(({arguments: args}) => args)
    .catch(() => undefined);
  await client.detach().catch(() => undefined);
  if (flags?.includes(ONE_PROCESS_FOR_FRAMES)) return;
  process.stderr.write(
    `consent-banner: the Chromium at CHROME_WS_ENDPOINT ${flags ? 'runs without' : 'does not say whether it runs with'} ${ONE_PROCESS_FOR_FRAMES}: ` +
      `the cookies that frames of other sites send may be missing from this scan; start it with that flag\n`
  );
}

/**
 * Runs in every frame before its scripts: records storage writes (keys removed again before the
 * scan ends too), cookie writes and reads through `document.cookie` and `cookieStore`, each with the
 * script that made it, and the banner's `consent-change` events.
 */
function instrument() {
  const log = {
    writes: [] as {area: string; key: string; script?: string}[],
    cookieWrites: [] as {name: string; script?: string}[],
    cookieReads: [] as {names: string[]; script?: string}[],
    choices: [] as {method: string; categories: Record<string, boolean>}[],
    ready: false,
  };
  (window as unknown as {__consentScan: typeof log}).__consentScan = log;
  const seenReads = new Set<string>();
  const seenWrites = new Set<string>();
  // The innermost frame with an http(s) URL (`at f (https://x/a.js?b=http://c:1:2:3)` → https://x/a.js?b=http://c:1).
  const script = () => {
    for (const line of (new Error().stack ?? '').split('\n')) {
      const found = /(https?:\/\/[^\s()]+):\d+:\d+\)?\s*$/.exec(line);
      if (found) return found[1];
    }
    return undefined;
  };
  const names = (value: string) =>
    value
      .split(/;\s*/)
      .filter(Boolean)
      .map((pair) => (pair.includes('=') ? pair.slice(0, pair.indexOf('=')) : pair).trim());
  const read = (found: string[]) => {
    if (!found.length) return;
    const entry = {names: [...new Set(found)].sort(), script: script()};
    const key = `${entry.script} ${entry.names.join(' ')}`;
    if (seenReads.has(key) || seenReads.size > 2000) return;
    seenReads.add(key);
    log.cookieReads.push(entry);
  };
  const wrote = (name: string) => {
    const entry = {name, script: script()};
    const key = `${entry.script} ${name}`;
    if (seenWrites.has(key) || seenWrites.size > 2000) return;
    seenWrites.add(key);
    log.cookieWrites.push(entry);
  };

  const setItem = Storage.prototype.setItem;
  Storage.prototype.setItem = function (key: string, value: string) {
    try {
      log.writes.push({area: this === window.sessionStorage ? 'sessionStorage' : 'localStorage', key: String(key), script: script()});
    } catch {
      // A sandboxed frame may not read its storage: the write below says what happens.
    }
    return setItem.call(this, key, value);
  };

  const cookie = Object.getOwnPropertyDescriptor(Document.prototype, 'cookie');
  if (cookie?.get && cookie.set) {
    const {get, set} = cookie;
    Object.defineProperty(Document.prototype, 'cookie', {
      configurable: true,
      enumerable: cookie.enumerable,
      get(this: Document) {
        const value = get.call(this) as string;
        try {
          read(names(value));
        } catch {
          // Recording never changes what the page sees.
        }
        return value;
      },
      set(this: Document, value: string) {
        try {
          wrote(names(String(value))[0] ?? '');
        } catch {
          // As above.
        }
        set.call(this, value);
      },
    });
  }

  const store = (globalThis as unknown as {CookieStore?: {prototype: Record<string, (...args: unknown[]) => Promise<unknown>>}}).CookieStore;
  if (store) {
    const proto = store.prototype;
    for (const method of ['get', 'getAll'] as const) {
      const original = proto[method];
      if (typeof original !== 'function') continue;
      proto[method] = function (this: unknown, ...args: unknown[]) {
        const at = script();
        const result = original.apply(this, args);
        void result.then(
          (found) => {
            const list = (Array.isArray(found) ? found : found ? [found] : []) as {name: string}[];
            const entry = {names: list.map((c) => c.name), script: at};
            if (entry.names.length) log.cookieReads.push(entry);
          },
          () => undefined
        );
        return result;
      };
    }
    const originalSet = proto.set;
    if (typeof originalSet === 'function') {
      proto.set = function (this: unknown, ...args: unknown[]) {
        const first = args[0] as string | {name?: string};
        log.cookieWrites.push({name: typeof first === 'string' ? first : String(first?.name ?? ''), script: script()});
        return originalSet.apply(this, args);
      };
    }
  }

  for (const type of ['consent-ready', 'consent-error']) document.addEventListener(type, () => (log.ready = true), true);
  document.addEventListener(
    'consent-change',
    (event) => {
      const detail = (event as CustomEvent<{method: string; categories: Record<string, boolean>}>).detail;
      log.choices.push({method: detail?.method, categories: {...detail?.categories}});
    },
    true
  );
}

function readPageFacts(): PageFacts {
  const loader = document.querySelector('[data-manifest]');
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
  const loaderSrc = loader?.getAttribute('src');
  return {
    title: document.title,
    language: document.documentElement.lang,
    manifestAttribute: manifestAttribute && !manifestAttribute.startsWith('#') ? absolute(manifestAttribute) : manifestAttribute,
    inlineManifest: inline?.textContent ?? null,
    bannerLoaded: Boolean(element || customElements.get('consent-banner')),
    bannerBase: loaderSrc ? absolute(loaderSrc).replace(/[^/]*$/, '') || null : null,
    tagged: [...document.querySelectorAll('[data-service], [data-category]')].flatMap((el) => {
      const url = el.getAttribute('src') || el.getAttribute('data-src');
      return url
        ? [{service: el.getAttribute('data-service'), category: el.getAttribute('data-category'), url: absolute(url)}]
        : [];
    }),
  };
}

async function readFrameLog(): Promise<FrameLog> {
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
  const log = (window as unknown as {__consentScan?: Pick<FrameLog, 'writes' | 'cookieWrites' | 'cookieReads' | 'choices'>}).__consentScan;
  return {
    // self.origin, not location.origin: an about:blank frame shares its parent's storage and origin.
    origin: self.origin,
    url: location.href,
    local: keys(() => localStorage),
    session: keys(() => sessionStorage),
    databases,
    writes: log?.writes ?? [],
    cookieWrites: log?.cookieWrites ?? [],
    cookieReads: log?.cookieReads ?? [],
    choices: log?.choices ?? [],
  };
}

/** Every frame's log; a frame that navigated away meanwhile has nothing to say. */
export async function readFrames(page: Page): Promise<FrameLog[]> {
  const frames: FrameLog[] = [];
  for (const frame of page.frames()) {
    if (frame.detached) continue;
    try {
      frames.push(await frame.evaluate(readFrameLog));
    } catch {
      // Detached or navigating.
    }
  }
  return frames;
}

/** How long a loaded page may keep its main thread busy before scan gives up on it. */
const RESPONSIVE_MS = 10_000;

/**
 * Resolves once the page's main thread answers; a CliError (exit 2) when it does not within
 * RESPONSIVE_MS: a script that never yields would otherwise hold every later step until the
 * browser's protocol timeout (a page spinning after load took 193 s, then a crash).
 */
async function responsive(page: Page) {
  let timer: NodeJS.Timeout | undefined;
  const answered = await Promise.race([
    page.evaluate(() => true).catch(() => true),
    new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), RESPONSIVE_MS))),
  ]);
  clearTimeout(timer);
  if (!answered) {
    throw new CliError(
      `cannot scan ${page.url()}: a script of the page has kept it busy for ${RESPONSIVE_MS / 1000} s after it loaded (it never yields), so nothing can be read from it`
    );
  }
}

/** Has the page's banner decided what runs (or given up)? True for a page without one. */
function bannerReady() {
  const log = (window as unknown as {__consentScan?: {ready: boolean}}).__consentScan;
  return Boolean(log?.ready || !document.querySelector('consent-banner'));
}

/**
 * Waits for the network to go quiet, then for the banner to be ready (on a busy machine it may
 * still be deciding, with nothing on the wire), then for what it released to load: a quiet
 * network that began after the banner was ready (what it releases starts as it says so; a quiet
 * spell from before could end before those requests), then `waitMs`.
 */
export async function settle(page: Page, waitMs: number) {
  await page.waitForNetworkIdle({idleTime: 500, timeout: 15_000}).catch(() => undefined);
  await responsive(page);
  await page.waitForFunction(bannerReady, {timeout: 10_000, polling: 100}).catch(() => undefined);
  await page.waitForNetworkIdle({idleTime: 500, timeout: 15_000}).catch(() => undefined);
  if (waitMs > 0) {
    await new Promise((resolve) => setTimeout(resolve, waitMs));
    await page.waitForNetworkIdle({idleTime: 500, timeout: 15_000}).catch(() => undefined);
  }
}

export interface JarCookie {
  name: string;
  domain: string;
  path: string;
  expires: number;
  session: boolean;
}

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

  neverSeen(): ScanReport['neverSeen'] {
    const consentCookie = this.manifest?.cookie.name;
    return this.#list
      .filter((_, i) => !this.#seen.has(i))
      .map((d) => {
        const o = this.owner(d.service);
        const after = o.basis === 'consent' || d.cookie.name === consentCookie;
        return {name: d.cookie.name, service: o.service, category: o.category, basis: o.basis, when: after ? ('after-consent' as const) : ('without-consent' as const)};
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

export const statusOf = (o: Owner | undefined): Status => (!o ? 'undeclared' : o.basis === 'consent' ? 'leak' : 'ok');

/** Scans a page; also returns the manifest as written, which `--draft` extends. */
export async function scan(url: string, options: ScanOptions = {}): Promise<{report: ScanReport; manifestValue?: unknown}> {
  let target: URL;
  const parse = (value: string) => {
    let parsed: URL;
    try {
      parsed = new URL(value);
    } catch {
      throw new CliError(`not a URL: ${value} (scan loads a page: give its http(s) address)`);
    }
    if (!/^https?:$/.test(parsed.protocol)) throw new CliError(`scan loads http(s) pages, not ${parsed.protocol} (${value})`);
    return parsed;
  };
  target = parse(url);
  const next = options.next === undefined ? undefined : parse(options.next);

  const endpoint = process.env.CHROME_WS_ENDPOINT?.trim();
  const [browser, trackerdb] = await Promise.all([endpoint ? connect(endpoint) : launch(), loadTrackerDb()]);
  // A fresh context: no cookie or storage of an earlier visit, in a browser started here or elsewhere.
  const context = await browser.createBrowserContext().catch(async (error: Error) => {
    await (endpoint ? browser.disconnect() : browser.close());
    throw error;
  });
  try {
    const page = await context.newPage();
    if (endpoint) await warnOnIsolation(page);
    const requests: {url: string; type: string; initiator?: Initiator}[] = [];
    const onRequest = (request: HTTPRequest) => requests.push({url: request.url(), type: request.resourceType(), initiator: readInitiator(request.initiator())});
    page.on('request', onRequest);
    await page.evaluateOnNewDocument(instrument);
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
    // The HTML as served, for its <noscript> trackers and the exact tags of the fixes (read once
    // the page answers: DevTools asks the page's own thread for it).
    const served = await response?.text().then(
      (text) => ({text}),
      (error: Error) => ({error: error.message.split('\n')[0]})
    );

    const pageUrl = new URL(page.url());
    const html: PageHtml | undefined = served && 'text' in served ? {url: response!.url(), tags: startTags(served.text)} : undefined;
    const facts = await page.evaluate(readPageFacts);
    const client = await page.createCDPSession();
    const {cookies} = (await client.send('Network.getAllCookies')) as {cookies: JarCookie[]};
    const frames = await readFrames(page);
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
      manifestReport = {source: inline ? `${pageUrl.href}${manifestSource}` : manifestSource, valid: checked.ok, errors: checked.ok ? [] : checked.errors, warnings: checked.warnings};
      if (checked.ok) {
        manifest = checked.manifest;
        // `--draft` starts from the manifest as written, without the defaults the check fills in.
        manifestValue = readJson(text).value;
        manifestReport.banner = needsBanner(manifest);
      }
    }
    const namer = new Namer(pageUrl, trackerdb.db);
    const declarations = new Declarations(pageUrl, manifest);
    const report: ScanReport = {
      url: pageUrl.href,
      title: facts.title,
      language: facts.language,
      browser: version,
      names: {
        catalogue: 'catalogue/services.json',
        ...(trackerdb.db ? {trackerdb: {version: trackerdb.db.version, engine: trackerdb.db.engine}} : {trackerdbError: trackerdb.error}),
      },
      manifest: manifestReport,
      bannerLoaded: facts.bannerLoaded,
      ...match({pageUrl, facts, cookies, frames, requests, html, declarations, namer}),
      unchecked: [
        ...(trackerdb.db ? [] : [`trackers only Ghostery's trackerdb knows (${trackerdb.error})`]),
        ...(html ? [] : [`the served HTML's <noscript> trackers (${served && 'error' in served ? served.error : 'no response to read'})`]),
      ],
      problems: 0,
    };
    report.problems =
      report.leaks.length +
      report.cookies.filter((c) => c.status === 'undeclared').length +
      report.storage.filter((s) => s.status === 'undeclared').length +
      // An invalid manifest is a problem; none at all is not by itself (what was found is undeclared).
      (report.manifest && !report.manifest.valid ? 1 : 0);

    if (options.reject) {
      page.off('request', onRequest);
      report.afterRefusal = await refuse({
        page,
        client,
        next: next ?? pageUrl,
        waitMs: options.waitMs ?? 1000,
        facts,
        manifest,
        banner: manifestReport?.banner,
        namer,
        writers: frames,
        before: report.cookies,
      });
      report.problems += report.afterRefusal.problems;
    }
    return {report, manifestValue};
  } finally {
    // A browser started elsewhere goes on running, without this scan's context.
    if (endpoint) {
      await context.close().catch(() => undefined);
      await browser.disconnect();
    } else await browser.close();
  }
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

function match({
  pageUrl,
  facts,
  cookies,
  frames,
  requests,
  html,
  declarations,
  namer,
}: {
  pageUrl: URL;
  facts: PageFacts;
  cookies: JarCookie[];
  frames: FrameLog[];
  requests: {url: string; type: string; initiator?: Initiator}[];
  html?: PageHtml;
  declarations: Declarations;
  namer: Namer;
}): Pick<ScanReport, 'cookies' | 'storage' | 'requests' | 'noscript' | 'leaks' | 'neverSeen'> {
  const pageSite = siteOf(pageUrl.hostname);
  const manifest = declarations.manifest;
  const writers = writersOf(frames, namer);

  const now = Date.now() / 1000;
  const cookieFindings: CookieFinding[] = cookies.map((c) => {
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

  const storageFindings: StorageFinding[] = [];
  const addStorage = (area: StorageFinding['area'], origin: string, key: string, script?: string) => {
    if (storageFindings.some((s) => s.area === area && s.origin === origin && s.key === key)) return;
    const o = declarations.storageOwner(key);
    const known = namer.storage(key, origin, script, declarations.describes(o));
    storageFindings.push({area, origin, key, status: storedStatus(o, known), owner: o, ...(known ? {known} : {}), ...(script ? {script} : {})});
  };
  for (const f of frames) {
    const writer = (area: string, key: string) => f.writes.find((w) => w.area === area && w.key === key && w.script)?.script;
    for (const key of f.local) addStorage('localStorage', f.origin, key, writer('localStorage', key));
    for (const key of f.session) addStorage('sessionStorage', f.origin, key, writer('sessionStorage', key));
    for (const w of f.writes) addStorage(w.area, f.origin, w.key, w.script);
    for (const name of f.databases) addStorage('indexedDB', f.origin, name);
  }

  // Which declared services load from a host.
  const services = manifest?.services ?? [];
  const servicesOfHost = (host: string, known?: KnownName): Service[] => {
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
        t.service
          ? services.filter((s) => s.id === t.service)
          : services.filter((s) => s.category === t.category?.replace(/^!/, ''))
      );
    const catalogue = knownByHost(host);
    const byKnown = services.filter((s) => catalogue.some((k) => k.match.test(`${s.id} ${s.name} ${s.provider ?? ''}`)));
    // A service `scan --draft` named after a trackerdb pattern: its id is the pattern's key, or its name the pattern's.
    const byTrackerdb =
      known?.source === 'trackerdb'
        ? services.filter((s) => s.id === trackerdbId(known.id) || s.name.toLowerCase() === known.name.toLowerCase())
        : [];
    return [...new Set([...byCookieDomain, ...byTag, ...byKnown, ...byTrackerdb])];
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
    const known = namer.request(r.url, r.type);
    const owners = manifest ? servicesOfHost(parsed.hostname, known).map((s) => declarations.owner(s)) : [];
    const leaking = owners.filter((o) => o.basis === 'consent');
    requestFindings.push({
      url: r.url,
      host: parsed.host,
      type: r.type,
      status: requestStatus(owners, known),
      owners: leaking.length ? leaking : owners,
      ...(known ? {known} : {}),
      ...(r.initiator ? {initiator: r.initiator} : {}),
    });
  }

  // What a <noscript> of the served HTML loads with JavaScript off, where no banner runs.
  const noscript: NoscriptFinding[] = (html ? noscriptUrls(html) : []).flatMap(({line, element, url}) => {
    const host = new URL(url).hostname;
    if (siteOf(host) === pageSite) return [];
    const known = namer.request(url, requestType(element));
    const owners = manifest ? servicesOfHost(host, known).map((s) => declarations.owner(s)) : [];
    const owner = owners.find((o) => o.basis === 'consent') ?? owners[0];
    return [{line, element, url, status: requestStatus(owners, known), ...(owner ? {owner} : {}), ...(known ? {known} : {})}];
  });

  const findings = {cookies: cookieFindings, storage: storageFindings, requests: requestFindings, noscript};
  return {...findings, leaks: collectLeaks(findings, html), neverSeen: declarations.neverSeen()};
}
