import {consentModeState, WAIT_FOR_UPDATE_MS} from '../../src/core/consent-mode.js';
import type {ConsentModeState} from '../../src/core/consent-mode.js';
import {consentCategoryIds, needsBanner} from '../../src/core/decision.js';
import {formatDuration} from '../../src/core/duration.js';
import {matchLanguage} from '../../src/core/language.js';
import {CONSENT_MODE_TYPES, formatIssue, resolveText} from '../../src/core/manifest.js';
import type {Category, Manifest, Text} from '../../src/core/manifest.types.js';
import {isAllowed, readTag} from '../../src/core/script-gate.js';
import type {GateTag} from '../../src/core/script-gate.js';
import {startTags} from './html-tags.js';
import type {StartTag} from './html-tags.js';
import {knownByHost} from './known-services.js';
import {checkManifest, isUrl, readSource} from './sources.js';
import type {PlacedIssue} from './sources.js';

/*
 * `consent-banner explain <manifest> [--page <file-or-url>]`: what a visitor will meet, in the
 * words of the manifest and with the banner's own decisions (needsBanner, isAllowed, readTag and
 * the Consent Mode state of src/core): banner or not and why, the categories and services, and,
 * for a page, which tagged scripts and embeds would wait for consent.
 */

export type Verdict = 'runs-at-once' | 'waits-for-consent' | 'runs-on-refusal' | 'never-runs' | 'not-blocked';

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
}

export interface Explanation {
  source: string;
  valid: boolean;
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
  page?: PageReport;
}

const TRACKER_SNIPPET =
  /googletagmanager\.com|\bgtag\(|\bfbq\(|_linkedin_partner_id|_paq\.push|hs-scripts\.com|static\.hotjar\.com|clarity\.ms|ttq\.load/;

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
    const list = asking.map((id) => `"${text(manifest.categories.find((c) => c.id === id)!.title)}" (${count(id)} service${count(id) === 1 ? '' : 's'})`);
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

const hostOf = (url: string, base: string | undefined) => {
  try {
    return new URL(url, base).host;
  } catch {
    return undefined;
  }
};

/** The tagged elements of a page, and the scripts and frames of other hosts that nothing blocks. */
export function explainPage(html: string, source: string, manifest: Manifest, text: (t: Text | undefined) => string): PageReport {
  const base = isUrl(source) ? source : undefined;
  const pageHost = base ? new URL(base).host : undefined;
  const tags = startTags(html);
  const attr = (t: StartTag) => ({getAttribute: (name: string) => t.attributes.get(name) ?? null}) as unknown as Element;
  const loader = tags.find((t) => t.name === 'script' && t.attributes.has('data-manifest'));
  const elements: PageElement[] = [];
  for (const t of tags) {
    if (!['script', 'iframe', 'img'].includes(t.name)) continue;
    const gateTag = readTag(attr(t));
    const src = t.attributes.get('src');
    const dataSrc = t.attributes.get('data-src');
    const label = gateTag
      ? t.attributes.has('data-service')
        ? `data-service="${t.attributes.get('data-service')}"`
        : `data-category="${t.attributes.get('data-category')}"`
      : 'untagged';
    const blockedByType = t.name === 'script' && t.attributes.get('type')?.trim().toLowerCase() === 'text/plain';
    const blockedBySrc = t.name !== 'script' && dataSrc !== undefined && !src;
    const url = (t.name === 'script' ? src : (dataSrc ?? src)) || undefined;
    if (gateTag && (blockedByType || blockedBySrc)) {
      elements.push({element: t.name, line: t.line, tag: label, url, ...judge(gateTag, manifest, text)});
      continue;
    }
    if (gateTag && t !== loader) {
      const fix = t.name === 'script' ? 'add type="text/plain"' : 'move its src to data-src';
      elements.push({element: t.name, line: t.line, tag: label, url, verdict: 'not-blocked', reason: `tagged but not blocked: it runs at once; ${fix}`});
      continue;
    }
    const host = src ? hostOf(src, base) : undefined;
    const thirdParty = host !== undefined && host !== pageHost && (base !== undefined || /^(https?:)?\/\//i.test(src!));
    const snippet = t.name === 'script' && !src && TRACKER_SNIPPET.test(t.text ?? '');
    const looksLike = host ? knownByHost(host.replace(/:\d+$/, '')).map((k) => k.name) : [];
    // Images from other hosts are common (CDNs); only known trackers' pixels are worth a word.
    if (!(thirdParty && (t.name !== 'img' || looksLike.length)) && !snippet) continue;
    const what = snippet ? 'an inline tracking snippet' : `loads from ${host}`;
    elements.push({
      element: t.name,
      line: t.line,
      tag: label,
      url,
      verdict: 'not-blocked',
      reason: `${what}${looksLike.length ? ` (looks like ${looksLike.join(' or ')})` : ''}: runs at once, before any choice; tag it with data-service`,
    });
  }
  const element = tags.find((t) => t.name === 'consent-banner');
  return {
    source,
    loadsBanner: Boolean(loader || element),
    manifestAttribute: loader?.attributes.get('data-manifest') ?? element?.attributes.get('manifest'),
    elements,
  };
}

export async function explain(source: string, options: {page?: string; lang?: string} = {}): Promise<Explanation> {
  const checked = checkManifest(await readSource(source, 'manifest'));
  const page = options.page === undefined ? undefined : await readSource(options.page, 'page');
  if (!checked.ok) {
    return {
      source,
      valid: false,
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
  return {
    source,
    valid: true,
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
    page: page === undefined ? undefined : explainPage(page, options.page!, manifest, text),
  };
}

const VERDICT_WORDS: Record<Verdict, string> = {
  'runs-at-once': 'runs at once',
  'waits-for-consent': 'waits for consent',
  'runs-on-refusal': 'runs on refusal',
  'never-runs': 'never runs',
  'not-blocked': 'NOT BLOCKED',
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
    out.push('', `Google Consent Mode v2: defaults pushed before any tagged script runs (wait_for_update ${WAIT_FOR_UPDATE_MS} ms), an update after every decision:`);
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
  }
  return out.join('\n');
}
