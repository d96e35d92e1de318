import {consentModeState, WAIT_FOR_UPDATE_MS} from '../../src/core/consent-mode.js';
import type {ConsentModeState} from '../../src/core/consent-mode.js';
import {consentCategoryIds, needsBanner} from '../../src/core/decision.js';
import {formatDuration} from '../../src/core/duration.js';
import {matchLanguage} from '../../src/core/language.js';
import {CONSENT_MODE_TYPES, formatIssue, resolveText} from '../../src/core/manifest.js';
import type {Category, Manifest, Text} from '../../src/core/manifest.types.js';
import {isAllowed, readTag} from '../../src/core/script-gate.js';
import type {GateTag} from '../../src/core/script-gate.js';
import {GOOGLE_TAGS, googleTags} from '../../src/core/manifest-lint.js';
import {heldBy, heldKind, INERT_TYPE, requestType, runsCode} from '../../src/core/held-kinds.js';
import {plainTag, vendorSnippet} from '../../src/core/tag-snippet.js';
import {startTags} from './html-tags.js';
import type {StartTag} from './html-tags.js';
import {catalogueByHost, KNOWN_SERVICES} from './known-services.js';
import type {KnownService} from './known-services.js';
import {needsConsent, trackerdbId} from './names.js';
import {checkManifest, isUrl, readSource} from './sources.js';
import type {PlacedIssue} from './sources.js';
import {loadedUrls, taggedElement} from './tag-fix.js';
import {loadTrackerDb} from './trackerdb.js';
import type {TrackerDb} from './trackerdb.js';

/*
 * `consent-banner explain <manifest> [--page <file-or-url>]`: what a visitor will meet, in the
 * words of the manifest and with the banner's own decisions (needsBanner, isAllowed, readTag and
 * the Consent Mode state of src/core): banner or not and why, the categories and services, and,
 * for a page, which tagged scripts and embeds would wait for consent, and what needs consent yet
 * runs at once (NOT BLOCKED: an untagged tracker the catalogue or trackerdb knows, a tag without
 * type="text/plain", a tracker in a <noscript>), each with its fix; whether the page offers a way
 * back to the choices. A third-party script neither list knows is "check it", not a fault.
 */

export type Verdict = 'runs-at-once' | 'waits-for-consent' | 'runs-on-refusal' | 'never-runs' | 'not-blocked' | 'check';

export interface PageElement {
  element: string;
  line: number;
  /** `data-service="x"`, `data-category="!y"`, or the missing piece. */
  tag: string;
  url?: string;
  verdict: Verdict;
  reason: string;
}

export interface PageReport {
  source: string;
  /** The page includes the banner: a script with `data-manifest`, or a `<consent-banner>`. */
  loadsBanner: boolean;
  manifestAttribute?: string;
  elements: PageElement[];
  /** How a visitor gets back to the choices from this page (R26): what was found. */
  waysBack: string[];
  /** Errors and warnings about the page as a whole (no way back; Google's tags without Consent Mode). */
  notes: {level: 'error' | 'warning'; message: string}[];
  /** What explain could not check (trackerdb not loaded). */
  unchecked: string[];
}

export interface Explanation {
  source: string;
  valid: boolean;
  /** What makes the exit code 1 with a valid manifest: NOT BLOCKED elements and page errors (`--warn-only` keeps 0). */
  problems: number;
  errors: PlacedIssue[];
  warnings: PlacedIssue[];
  site?: string;
  revision?: number;
  language?: string;
  banner: {shown: boolean; reason: string};
  gpc?: string;
  storage?: {cookie: string; domain?: string; days: number};
  categories?: {
    id: string;
    basis: string;
    title: string;
    runs: string;
    services: {id: string; name: string; provider?: string; cookies: {name: string; duration: string; domain?: string}[]}[];
  }[];
  consentMode?: {type: string; default: string; rule: string}[];
  dataLayerEvent?: boolean;
  /** For each service the catalogue knows that waits (consent) or can be refused (exempt): the vendor's snippet, tagged (its lines), or why there is none. */
  snippets?: {service: string; name: string; lines?: string[]; source?: {url: string; read: string}; missing?: string}[];
  page?: PageReport;
}

/** Inline snippets of well-known trackers, by what their code holds, and the catalogue service each is. */
const TRACKER_SNIPPETS: [RegExp, string][] = [
  [/googletagmanager\.com\/gtm\.js|['"]GTM-/, 'google-tag-manager'],
  [/googletagmanager\.com|\bgtag\(/, 'google-analytics'],
  [/\bfbq\(|connect\.facebook\.net/, 'meta-pixel'],
  [/_linkedin_partner_id|snap\.licdn\.com/, 'linkedin-insight'],
  [/_paq\.push/, 'matomo'],
  [/hs-scripts\.com/, 'hubspot'],
  [/static\.hotjar\.com|_hjSettings/, 'hotjar'],
  [/clarity\.ms/, 'microsoft-clarity'],
  [/\bttq\.load|analytics\.tiktok\.com/, 'tiktok-pixel'],
];

/** A page script that opens the preferences itself: explain cannot tell whether a visitor can reach it. */
const SHOWS_PREFERENCES = /\bshowPreferences\s*\(/;

/** How a category behaves for a visitor who has not chosen yet. */
function behaviour(category: Category): string {
  if (category.basis === 'necessary') return 'necessary: always on, no switch';
  if (category.basis === 'exempt') return 'exempt: always on, with an opt-out in the declaration';
  return 'consent: off until the visitor says yes';
}

function whyBanner(manifest: Manifest, text: (t: Text | undefined) => string): {shown: boolean; reason: string} {
  const asking = consentCategoryIds(manifest);
  const count = (id: string) => manifest.services.filter((s) => s.category === id).length;
  if (needsBanner(manifest)) {
    const list = asking.map(
      (id) => `"${text(manifest.categories.find((c) => c.id === id)!.title)}" (${count(id)} service${count(id) === 1 ? '' : 's'})`
    );
    return {
      shown: true,
      reason: `${asking.length} consent categor${asking.length === 1 ? 'y holds' : 'ies hold'} services: ${list.join(', ')}. None of them runs until the visitor says yes; the banner shows until the visitor chooses.`,
    };
  }
  const empty = manifest.categories.filter((c) => c.basis === 'consent');
  const reason = empty.length
    ? `The consent categories (${empty.map((c) => `"${c.id}"`).join(', ')}) hold no service, and everything else is necessary or exempt`
    : 'Every category is necessary or exempt: nothing needs consent';
  const exempt = manifest.services.filter((s) => manifest.categories.find((c) => c.id === s.category)?.basis === 'exempt');
  const more = exempt.length
    ? `Nothing is stored unless the visitor opts out. A link with data-consent-open opens the declaration, with an opt-out of ${exempt.map((s) => s.name).join(', ')}.`
    : 'Nothing is stored. A link with data-consent-open opens the read-only declaration.';
  return {shown: false, reason: `${reason}. ${more}`};
}

function consentModeRules(manifest: Manifest, state: ConsentModeState) {
  const mode = manifest.consentMode ?? {};
  const types = [...CONSENT_MODE_TYPES, 'security_storage' as const];
  return types.map((type) => {
    const ids = type === 'security_storage' ? undefined : mode[type];
    const rule = ids
      ? `granted once the visitor allows ${ids.map((id) => `"${id}"`).join(' and ')}`
      : type === 'security_storage' || type === 'functionality_storage'
        ? 'follows the necessary category'
        : 'not mapped: always denied';
    return {type, default: state[type], rule};
  });
}

/** A tagged element's verdict, from the same decisions the banner makes. */
function judge(tag: GateTag, manifest: Manifest, text: (t: Text | undefined) => string): {verdict: Verdict; reason: string} {
  const service = tag.service ? manifest.services.find((s) => s.id === tag.service) : undefined;
  if (tag.service && !service) return {verdict: 'never-runs', reason: `no service "${tag.service}" in the manifest`};
  const category = manifest.categories.find((c) => c.id === (service?.category ?? tag.category));
  if (!category) return {verdict: 'never-runs', reason: `no category "${tag.category}" in the manifest`};
  const title = `"${text(category.title)}"`;
  if (isAllowed(tag, manifest, null)) {
    const why = category.basis === 'exempt' ? `exempt (${title}); stops if the visitor opts out` : `necessary (${title})`;
    return {verdict: 'runs-at-once', reason: why};
  }
  if (tag.negated) {
    return category.basis === 'consent'
      ? {verdict: 'runs-on-refusal', reason: `a fallback: runs once the visitor refuses ${title}`}
      : {verdict: 'never-runs', reason: `${title} is ${category.basis}: it is never refused`};
  }
  return {verdict: 'waits-for-consent', reason: service ? `${service.name}, in ${title}` : title};
}

/** What a tracker is called, and the id to tag it with: the manifest's service that the catalogue entry describes, else the catalogue's (or trackerdb's) own. */
interface Tracker {
  name: string;
  id: string;
  declared: boolean;
  /** Its catalogue service, when the catalogue knows it. */
  catalogue?: string;
}

function trackerOf(k: KnownService, manifest: Manifest): Tracker {
  const declared =
    manifest.services.find((s) => s.id === k.id) ?? manifest.services.find((s) => k.match.test(`${s.id} ${s.name} ${s.provider ?? ''}`));
  return {name: k.name, id: declared?.id ?? k.id, declared: Boolean(declared), catalogue: k.id};
}

/**
 * The tracker a URL belongs to, when it needs consent: the catalogue's service of its host, else
 * trackerdb's pattern of a tracking category (names.ts). A host the catalogue knows as needing no
 * consent (Stripe) is no tracker here.
 */
function trackerAt(url: string, source: string, manifest: Manifest, db: TrackerDb | undefined, type: string): Tracker | undefined {
  let host: string;
  try {
    host = new URL(url).hostname;
  } catch {
    return undefined;
  }
  const known = catalogueByHost(host);
  if (known.length) return known[0].needsConsent ? trackerOf(known[0], manifest) : undefined;
  const found = db?.byUrl(url, source, type);
  if (!found) return undefined;
  const k = {
    source: 'trackerdb' as const,
    id: found.pattern,
    name: found.name,
    category: found.category,
    categoryName: found.categoryName,
    by: 'url' as const,
  };
  if (!needsConsent(k)) return undefined;
  const id = trackerdbId(found.pattern);
  return {name: `${found.name} (trackerdb: ${found.categoryName})`, id, declared: manifest.services.some((s) => s.id === id)};
}

const declareWords = (t: Tracker) => (t.declared ? '' : `, and declare "${t.id}" in a consent category`);

/**
 * How a visitor gets back to the choices from this page (R26): a `data-consent-open` element, the
 * banner's `reopen` (`data-reopen` on the drop-in's script), a `<consent-declaration>` (its own
 * "change" button); a page script calling `showPreferences()` may be one, which explain cannot tell.
 */
function waysBack(tags: StartTag[]): {found: string[]; showPreferences?: number} {
  const found: string[] = [];
  const opener = tags.find((t) => t.attributes.has('data-consent-open'));
  if (opener) found.push(`a data-consent-open <${opener.name}> (line ${opener.line})`);
  const reopen = tags.find(
    (t) =>
      (t.name === 'consent-banner' && t.attributes.has('reopen')) ||
      (runsCode(t.name) && t.attributes.has('data-manifest') && t.attributes.has('data-reopen'))
  );
  if (reopen) found.push(`the banner's reopen button (line ${reopen.line})`);
  const declaration = tags.find((t) => t.name === 'consent-declaration');
  if (declaration) found.push(`a <consent-declaration> (line ${declaration.line})`);
  const script = tags.find((t) => runsCode(t.name) && !t.attributes.has('src') && SHOWS_PREFERENCES.test(t.text ?? ''));
  return {found, ...(script ? {showPreferences: script.line} : {})};
}

/**
 * The tagged elements of a page, the trackers nothing blocks (untagged, or tagged without what
 * holds them back, or in a <noscript>), and the scripts of other hosts that no list knows; then
 * the page's way back to the choices. `db` is trackerdb, when it loaded.
 */
export function explainPage(
  html: string,
  source: string,
  manifest: Manifest,
  text: (t: Text | undefined) => string,
  db?: TrackerDb
): PageReport {
  // A file's relative URLs resolve against a stand-in origin of its own: they are the site's.
  const resolveBase = isUrl(source) ? source : 'https://page.invalid/';
  const pageHost = new URL(resolveBase).host;
  const resolve = (u: string) => {
    try {
      const resolved = new URL(u, resolveBase);
      return /^https?:$/.test(resolved.protocol) ? resolved.href : undefined;
    } catch {
      return undefined;
    }
  };
  const tags = startTags(html);
  const attr = (t: StartTag) => ({getAttribute: (name: string) => t.attributes.get(name) ?? null}) as unknown as Element;
  const loader = tags.find((t) => runsCode(t.name) && t.attributes.has('data-manifest'));
  const elements: PageElement[] = [];
  // The element a tag's held URLs belong to: itself, or, for a child that holds URLs for the
  // element around it and is not tagged itself (a <source> of a <video>), that element.
  const ownerOf = (t: StartTag) =>
    t.inside && heldBy(t.name, t.inside.name).length && !(heldKind(t.name) && readTag(attr(t))) ? t.inside : t;
  const google = new Set<string>();
  for (const t of tags) {
    if (t.noscript !== undefined) {
      // With JavaScript off the banner never runs: a tracker there fires for everyone who has it off.
      if (runsCode(t.name)) continue;
      for (const url of loadedUrls(t, resolveBase)) {
        const tracker = new URL(url).host !== pageHost && trackerAt(url, source, manifest, db, requestType(t.name));
        if (!tracker) continue;
        elements.push({
          element: t.name,
          line: t.line,
          tag: 'in <noscript>',
          url,
          verdict: 'not-blocked',
          reason: `${tracker.name} in the <noscript> of line ${t.noscript}: fires with JavaScript off, where no banner runs: remove it`,
        });
        break;
      }
      continue;
    }
    // A held kind (src/core/held-kinds.ts); a child that holds URLs for one (a <source> of a
    // <video>) is reported with it: that one is tagged.
    const kind = heldKind(t.name);
    const owner = ownerOf(t);
    if (!kind && owner === t) continue;
    if (owner !== t) continue;
    const gateTag = readTag(attr(t));
    const code = runsCode(t.name);
    // What it holds: its own attributes and, for a kind whose children hold URLs, theirs.
    const holders = [t, ...(kind?.children ? tags.filter((c) => c.inside === t && ownerOf(c) === t) : [])];
    const names = (h: StartTag) => heldBy(h.name, h === t ? owner.name : t.name);
    const held = holders.flatMap((h) =>
      names(h)
        .filter((n) => h.attributes.has(`data-${n}`))
        .map((n) => h.attributes.get(`data-${n}`)!)
    );
    const loading = holders.flatMap((h) =>
      names(h)
        .filter((n) => h.attributes.has(n))
        .map((n) => [n, h.attributes.get(n)!])
    );
    const loaded = [...new Set(loading.map(([n]) => n))];
    const src = t.attributes.get('src');
    const label = gateTag
      ? t.attributes.has('data-service')
        ? `data-service="${t.attributes.get('data-service')}"`
        : `data-category="${t.attributes.get('data-category')}"`
      : 'untagged';
    const blockedByType = code && t.attributes.get('type')?.trim().toLowerCase() === INERT_TYPE;
    const blockedBySrc = !code && held.length > 0 && !loaded.length;
    // The first URL it holds or loads (of a srcset, the first candidate).
    const url = (code ? src : (held[0] ?? loading[0]?.[1]))?.trim().split(/\s+/)[0] || undefined;
    const absolute = url ? resolve(url) : undefined;
    const snippet = code && !src ? TRACKER_SNIPPETS.find(([pattern]) => pattern.test(t.text ?? ''))?.[1] : undefined;
    const catalogued = snippet ? KNOWN_SERVICES.find((k) => k.id === snippet) : undefined;
    const tracker = catalogued
      ? trackerOf(catalogued, manifest)
      : absolute && new URL(absolute).host !== pageHost
        ? trackerAt(absolute, source, manifest, db, requestType(t.name))
        : undefined;
    if (tracker?.catalogue && GOOGLE_TAGS.includes(tracker.catalogue)) google.add(tracker.name);
    if (gateTag && (blockedByType || blockedBySrc)) {
      elements.push({element: t.name, line: t.line, tag: label, url, ...judge(gateTag, manifest, text)});
      continue;
    }
    if (gateTag && t !== loader) {
      const service = gateTag.service ? manifest.services.find((s) => s.id === gateTag.service) : undefined;
      const basis = manifest.categories.find((c) => c.id === (service?.category ?? gateTag.category))?.basis;
      const fixed = taggedElement(t, gateTag.service ?? '', holders.slice(1));
      const fix = code ? `add type="${INERT_TYPE}"` : `move its ${loaded.join(' and ')} to ${loaded.map((n) => `data-${n}`).join(' and ')}`;
      if (basis === 'necessary' && !gateTag.negated) {
        elements.push({
          element: t.name,
          line: t.line,
          tag: label,
          url,
          verdict: 'runs-at-once',
          reason: `tagged without being held: it runs at once, as a necessary service may`,
        });
      } else {
        elements.push({
          element: t.name,
          line: t.line,
          tag: label,
          url,
          verdict: 'not-blocked',
          reason: `tagged but not blocked: it runs at once; ${fix}${gateTag.service ? `: ${fixed}` : ''}`,
        });
      }
      continue;
    }
    if (t === loader) continue;
    if (tracker) {
      const what = snippet ? 'an inline tracking snippet' : `loads from ${new URL(absolute!).host}`;
      elements.push({
        element: t.name,
        line: t.line,
        tag: label,
        url,
        verdict: 'not-blocked',
        reason: `${what} (${tracker.name}): runs at once, before any choice; tag it: ${taggedElement(t, tracker.id, holders.slice(1))}${declareWords(tracker)}`,
      });
      continue;
    }
    // Another site's script or frame that no list knows: the site owner knows what it does.
    const host = absolute ? new URL(absolute).host : undefined;
    if (host === undefined || host === pageHost || !['script', 'sub_frame'].includes(requestType(t.name))) continue;
    elements.push({
      element: t.name,
      line: t.line,
      tag: label,
      url,
      verdict: 'check',
      reason: `loads from ${host}, which neither the catalogue nor trackerdb names: it runs at once; if it tracks, tag it with data-service`,
    });
  }

  const element = tags.find((t) => t.name === 'consent-banner');
  const loadsBanner = Boolean(loader || element);
  const notes: PageReport['notes'] = [];
  const ways = waysBack(tags);
  const exempt = manifest.services.some((s) => manifest.categories.find((c) => c.id === s.category)?.basis === 'exempt');
  // A choice to come back to: consent asked, or an opt-out offered.
  if (loadsBanner && (needsBanner(manifest) || exempt) && !ways.found.length) {
    notes.push(
      ways.showPreferences
        ? {
            level: 'warning',
            message: `a page script calls showPreferences() (line ${ways.showPreferences}): explain cannot tell whether a visitor can reach it; a link with data-consent-open is one it can see`,
          }
        : {
            level: 'error',
            message: `no way back to the choices on this page (R26): no data-consent-open link, no reopen (data-reopen), no <consent-declaration>; add <a href="#" data-consent-open>Cookie settings</a>`,
          }
    );
  }
  // Google's tags on the page, none declared, and no Consent Mode: the manifest's own lint cannot see them.
  if (!manifest.consentMode && google.size && !googleTags(manifest.services).length) {
    notes.push({
      level: 'warning',
      message: `${[...google].join(', ')} on the page and no consentMode: Google requires Consent Mode v2 for visitors in the EEA (README, “Google Consent Mode v2”)`,
    });
  }
  return {
    source,
    loadsBanner,
    manifestAttribute: loader?.attributes.get('data-manifest') ?? element?.attributes.get('manifest'),
    elements,
    waysBack: ways.found,
    notes,
    unchecked: [],
  };
}

/** The catalogue's snippets for the manifest's services that wait for consent or can be refused (tag-snippet.ts writes the manifest's id in). */
function snippetsFor(manifest: Manifest): NonNullable<Explanation['snippets']> {
  return manifest.services.flatMap((s) => {
    const basis = manifest.categories.find((c) => c.id === s.category)?.basis;
    const k =
      KNOWN_SERVICES.find((x) => x.id === s.id) ?? KNOWN_SERVICES.find((x) => x.match.test(`${s.id} ${s.name} ${s.provider ?? ''}`));
    if (!k || basis === 'necessary') return [];
    return [
      k.snippet
        ? {service: s.id, name: k.name, lines: vendorSnippet(k.snippet.html, k.id, s.id).split('\n'), source: k.snippet.source}
        : {
            service: s.id,
            name: k.name,
            missing: `no ${k.name} snippet on file: put ${k.name}'s own code, unchanged, in ${plainTag(s.id, s.name).replace(/\n[^]*\n/, '…')}`,
          },
    ];
  });
}

export async function explain(source: string, options: {page?: string; lang?: string} = {}): Promise<Explanation> {
  const checked = checkManifest(await readSource(source, 'manifest'));
  const page = options.page === undefined ? undefined : await readSource(options.page, 'page');
  if (!checked.ok) {
    return {
      source,
      valid: false,
      problems: 0,
      errors: checked.errors,
      warnings: checked.warnings,
      banner: {
        shown: false,
        reason: `The manifest is invalid (${formatIssue(checked.errors[0])}): the banner logs one console error, fires consent-error and releases nothing that needs consent (fail closed).`,
      },
    };
  }
  const {manifest} = checked;
  const language = matchLanguage([options.lang ?? 'en'], manifest.site.languages) ?? manifest.site.languages[0];
  const text = (t: Text | undefined) => resolveText(t, language, manifest.site.languages);
  const state = consentModeState(manifest, null);
  let report: PageReport | undefined;
  if (page !== undefined) {
    // trackerdb names the page's untagged third parties that the catalogue does not know.
    const trackerdb = await loadTrackerDb();
    report = explainPage(page, options.page!, manifest, text, trackerdb.db);
    if (!trackerdb.db) report.unchecked.push(`untagged trackers only Ghostery's trackerdb knows (${trackerdb.error})`);
  }
  const problems =
    (report?.elements.filter((el) => el.verdict === 'not-blocked').length ?? 0) +
    (report?.notes.filter((n) => n.level === 'error').length ?? 0);
  return {
    source,
    valid: true,
    problems,
    errors: [],
    warnings: checked.warnings,
    site: manifest.site.name,
    revision: manifest.revision,
    language,
    banner: whyBanner(manifest, text),
    gpc:
      manifest.gpc === 'refuse'
        ? 'A browser that sends Global Privacy Control refuses every consent category, without seeing the banner (gpc: "refuse").'
        : 'Global Privacy Control is ignored: those visitors are asked like everyone else (gpc: "ignore").',
    storage: {cookie: manifest.cookie.name, domain: manifest.cookie.domain, days: manifest.consentMaxAgeDays},
    categories: manifest.categories.map((c) => ({
      id: c.id,
      basis: c.basis,
      title: text(c.title),
      runs: behaviour(c),
      services: manifest.services
        .filter((s) => s.category === c.id)
        .map((s) => ({
          id: s.id,
          name: s.name,
          provider: s.provider,
          cookies: s.cookies.map((k) => ({name: k.name, duration: formatDuration(k.duration, 'en', 'session'), domain: k.domain})),
        })),
    })),
    consentMode: state && consentModeRules(manifest, state),
    dataLayerEvent: manifest.dataLayerEvent === true,
    snippets: snippetsFor(manifest),
    page: report,
  };
}

const VERDICT_WORDS: Record<Verdict, string> = {
  'runs-at-once': 'runs at once',
  'waits-for-consent': 'waits for consent',
  'runs-on-refusal': 'runs on refusal',
  'never-runs': 'never runs',
  'not-blocked': 'NOT BLOCKED',
  check: 'check it',
};

export function formatExplanation(e: Explanation): string {
  const out: string[] = [];
  if (!e.valid) {
    for (const issue of e.errors) out.push(`${e.source}:${issue.line}:${issue.column}: error: ${formatIssue(issue)}`);
    out.push('', e.banner.reason);
    return out.join('\n');
  }
  out.push(`${e.site}: cookie manifest ${e.source}, revision ${e.revision}`);
  for (const w of e.warnings) out.push(`${e.source}:${w.line}:${w.column}: warning: ${formatIssue(w)}`);
  out.push('', `Banner: ${e.banner.shown ? 'yes' : 'no'}. ${e.banner.reason}`);
  if (e.banner.shown) out.push(e.gpc!);
  const where = e.storage!.domain ? ` on ${e.storage!.domain} and its subdomains` : '';
  const optOut = e.categories!.some((c) => c.basis === 'exempt');
  if (e.banner.shown || optOut) {
    const what = e.banner.shown ? 'The choice (acceptance or refusal)' : 'An opt-out';
    out.push(`${what} is kept ${e.storage!.days} days in the first-party cookie "${e.storage!.cookie}"${where}, then asked again.`);
  }
  out.push('', 'Categories and services:');
  for (const c of e.categories!) {
    out.push(`  ${c.id} ("${c.title}"): ${c.runs}`);
    if (!c.services.length) out.push('    (no service)');
    for (const s of c.services) {
      const cookies = s.cookies.map((k) => `${k.name} (${k.duration}${k.domain ? `, on ${k.domain}` : ''})`).join(', ');
      out.push(`    ${s.id}: ${s.name}${s.provider ? `, ${s.provider}` : ''}${cookies ? `; cookies: ${cookies}` : '; no cookie'}`);
    }
  }
  if (e.consentMode) {
    out.push(
      '',
      `Google Consent Mode v2: defaults pushed before any tagged script runs (wait_for_update ${WAIT_FOR_UPDATE_MS} ms), an update after every decision:`
    );
    const width = Math.max(...e.consentMode.map((m) => m.type.length));
    for (const m of e.consentMode) out.push(`  ${m.type.padEnd(width)}  default ${m.default.padEnd(7)}  ${m.rule}`);
  } else {
    out.push('', 'Google Consent Mode: not used (no consentMode).');
  }
  out.push(
    e.dataLayerEvent
      ? 'Tag managers: every decision pushes {event: "consent_update", consent: {categories, services}} to window.dataLayer.'
      : 'Tag managers: no consent_update event (dataLayerEvent is not set).'
  );
  if (e.snippets?.length) {
    out.push('', "Tags for your pages (the vendors' snippets, tagged: paste each in place of the vendor's own; catalogue/services.json):");
    for (const t of e.snippets) {
      if (!t.lines) {
        out.push(`  ${t.service} (${t.name}): ${t.missing}`);
        continue;
      }
      out.push(`  ${t.service} (${t.name}), from ${t.source!.url} (read ${t.source!.read}):`);
      for (const line of t.lines) out.push(`    ${line}`);
    }
  }
  if (e.page) {
    const p = e.page;
    out.push('', `Page ${p.source}:`);
    out.push(
      p.loadsBanner
        ? `  loads the banner${p.manifestAttribute ? ` with the manifest "${p.manifestAttribute}"` : ''}`
        : '  does NOT load the banner (no script with data-manifest, no <consent-banner>): nothing tagged will ever run'
    );
    for (const el of p.elements) {
      out.push(`  line ${el.line}: <${el.element}> ${el.tag}${el.url ? ` ${el.url}` : ''}: ${VERDICT_WORDS[el.verdict]}: ${el.reason}`);
    }
    const counts = Object.entries(VERDICT_WORDS)
      .map(([v, words]) => [p.elements.filter((el) => el.verdict === v).length, words.toLowerCase()] as const)
      .filter(([n]) => n)
      .map(([n, words]) => `${words}: ${n}`);
    out.push(`  ${counts.length ? counts.join(', ') : 'no tagged script or embed'}`);
    if (p.waysBack.length) out.push(`  way back to the choices: ${p.waysBack.join(', ')}`);
    for (const n of p.notes) out.push(`  ${n.level}: ${n.message}`);
    for (const what of p.unchecked) out.push(`  not checked: ${what}`);
  }
  return out.join('\n');
}
