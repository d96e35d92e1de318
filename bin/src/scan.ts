import type {HTTPRequest} from 'puppeteer-core';
import {needsBanner} from '../../src/core/decision.js';
import {readJson} from '../../src/core/json-source.js';
import type {Manifest} from '../../src/core/manifest.types.js';
import {connect, launch, warnOnIsolation} from './chromium.js';
import {Declarations} from './declarations.js';
import type {CookieFinding, Initiator, NeverSeen, NoscriptFinding, RequestFinding, StorageFinding} from './findings.js';
import {instrument} from './frame-log.js';
import {readInitiator} from './leaks.js';
import type {Leak} from './leaks.js';
import {match} from './match.js';
import {Namer} from './names.js';
import type {PageFacts} from './page-visit.js';
import {visit} from './page-visit.js';
import {refuse} from './refusal.js';
import type {RefusalReport} from './refusal.js';
import {checkManifest, CliError, readSource} from './sources.js';
import type {PlacedIssue} from './sources.js';
import {loadTrackerDb} from './trackerdb.js';

/*
 * `consent-banner scan <url>`: loads the page in headless Chromium (the system browser, as the
 * tests use it) in a fresh profile, gives no consent, and reports every cookie, storage key and
 * third-party request found before consent, matched against the manifest: undeclared cookies and
 * storage keys, services that leak before consent, declared cookies never seen. Each finding also
 * gets a name, whatever the manifest says: the service catalogue's, else trackerdb's (names.ts).
 * With `reject`, it then clicks "Reject all" and checks the next page view (refusal.ts).
 *
 * The steps, a file each: the browser (chromium.ts); what the page's scripts do (frame-log.ts) and
 * what is read of the page once it settles (page-visit.ts); the manifest's declarations
 * (declarations.ts); the findings (findings.ts), matched against them (match.ts) and judged
 * (leaks.ts); the report as text (scan-text.ts).
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
  neverSeen: NeverSeen[];
  /** With `reject`: the next page view after "Reject all". */
  afterRefusal?: RefusalReport;
  problems: number;
}

/** An http(s) address to load; anything else a CliError. */
function pageAddress(value: string): URL {
  let parsed: URL;
  try {
    parsed = new URL(value);
  } catch {
    throw new CliError(`not a URL: ${value} (scan loads a page: give its http(s) address)`);
  }
  if (!/^https?:$/.test(parsed.protocol)) throw new CliError(`scan loads http(s) pages, not ${parsed.protocol} (${value})`);
  return parsed;
}

/**
 * The manifest: given, else the one the page names, checked; when valid, also as written, without
 * the defaults the check fills in (`--draft` starts from it).
 */
async function readManifest(
  given: string | undefined,
  facts: PageFacts,
  pageUrl: URL
): Promise<{manifest?: Manifest; manifestValue?: unknown; manifestReport: ScanReport['manifest']}> {
  const manifestSource = given ?? facts.manifestAttribute ?? undefined;
  if (!manifestSource) return {manifestReport: null};
  const inline = manifestSource.startsWith('#');
  if (inline && facts.inlineManifest === null)
    throw new CliError(`the page names the inline manifest ${manifestSource}, but has no element with that id`);
  const text = inline ? facts.inlineManifest! : await readSource(manifestSource, 'manifest');
  const checked = checkManifest(text);
  const manifestReport: NonNullable<ScanReport['manifest']> = {
    source: inline ? `${pageUrl.href}${manifestSource}` : manifestSource,
    valid: checked.ok,
    errors: checked.ok ? [] : checked.errors,
    warnings: checked.warnings,
  };
  if (!checked.ok) return {manifestReport};
  manifestReport.banner = needsBanner(checked.manifest);
  return {manifest: checked.manifest, manifestValue: readJson(text).value, manifestReport};
}

/** What is wrong before consent: each leak, each undeclared cookie and key, an invalid manifest. */
const problemsOf = (report: ScanReport) =>
  report.leaks.length +
  report.cookies.filter((c) => c.status === 'undeclared').length +
  report.storage.filter((s) => s.status === 'undeclared').length +
  // An invalid manifest is a problem; none at all is not by itself (what was found is undeclared).
  (report.manifest && !report.manifest.valid ? 1 : 0);

/** Scans a page; also returns the manifest as written, which `--draft` extends. */
export async function scan(url: string, options: ScanOptions = {}): Promise<{report: ScanReport; manifestValue?: unknown}> {
  const target = pageAddress(url);
  const next = options.next === undefined ? undefined : pageAddress(options.next);

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
    const onRequest = (request: HTTPRequest) =>
      requests.push({url: request.url(), type: request.resourceType(), initiator: readInitiator(request.initiator())});
    page.on('request', onRequest);
    await page.evaluateOnNewDocument(instrument);
    const {pageUrl, html, htmlUnread, facts, client, cookies, frames} = await visit(page, target, options.waitMs ?? 1000);
    const version = await browser.version();

    const {manifest, manifestValue, manifestReport} = await readManifest(options.manifest, facts, pageUrl);
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
        ...(html ? [] : [`the served HTML's <noscript> trackers (${htmlUnread})`]),
      ],
      problems: 0,
    };
    report.problems = problemsOf(report);

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
