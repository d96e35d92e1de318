import {runsCode} from '../../src/core/held-kinds.js';
import type {StartTag} from './html-tags.js';
import {needsConsent, trackerdbId} from './names.js';
import type {KnownName} from './names.js';
import type {CookieFinding, Initiator, NoscriptFinding, Owner, RequestFinding, Status, StorageFinding} from './findings.js';
import {holderOf, loadedUrls, taggedElement, taggedInlineScript, taggedScript} from './tag-fix.js';

/*
 * What `scan` counts as a leak, and the fix it gives for each (pure: match.ts gathers the findings).
 *
 * A cookie, storage key, request or `<noscript>` URL reached before consent leaks when the manifest
 * declares it in a consent category, or when the manifest does not declare it and the catalogue or
 * trackerdb (its tracking categories only: names.ts) names a service that needs consent: no false
 * all-clear for a tracker the manifest forgot. Declared in a necessary or exempt category, it is
 * the site owner's word (the manifest's lint warns when that word is wrong). The fix is the tag:
 * the page's own element tagged (tag-fix.ts) when the HTML holds it, else the script that made the
 * request or wrote the cookie, tagged; for a `<noscript>`, removing it: it fires with JavaScript
 * off, where no banner can hold it back.
 */

export interface Leak {
  /** The manifest's service, or, when the manifest lacks it, the id to declare it under (as `scan --draft` would). */
  service: string;
  name: string;
  /** Its category in the manifest, or the one to declare it in (the catalogue's usual one; trackerdb's: "to-classify"). */
  category: string;
  /** Does the manifest declare it? */
  declared: boolean;
  /** Where its name came from when the manifest does not declare it. */
  source?: 'catalogue' | 'trackerdb';
  evidence: string[];
  /** What to change on the page, one line each. */
  fixes: string[];
}

/** A cookie's or a storage key's status: its declared category's basis; undeclared, what the names say. */
export const storedStatus = (owner: Owner | undefined, known: KnownName | undefined): Status =>
  owner ? (owner.basis === 'consent' ? 'leak' : 'ok') : needsConsent(known) ? 'leak' : 'undeclared';

/** A request's status: its declared services' bases; tied to none, what the names say. */
export const requestStatus = (owners: Owner[], known: KnownName | undefined): RequestFinding['status'] =>
  owners.length ? (owners.some((o) => o.basis === 'consent') ? 'leak' : 'ok') : needsConsent(known) ? 'leak' : 'unmatched';

/** Who a leak is, when the manifest does not say: the catalogue's service, or trackerdb's pattern (as `scan --draft` names it). */
function undeclared(known: KnownName): Pick<Leak, 'service' | 'name' | 'category' | 'declared' | 'source'> {
  return known.source === 'catalogue'
    ? {service: known.id, name: known.name, category: known.category, declared: false, source: 'catalogue'}
    : {service: trackerdbId(known.id), name: known.name, category: 'to-classify', declared: false, source: 'trackerdb'};
}

export interface PageHtml {
  url: string;
  tags: StartTag[];
}

/** The page's element that loads `url` (outside `<noscript>`), as the served HTML has it. */
const elementLoading = (html: PageHtml | undefined, url: string) =>
  html?.tags.find((t) => !t.noscript && loadedUrls(t, html.url).includes(url));

const sameDocument = (a: string, b: string) => a.replace(/#.*$/, '') === b.replace(/#.*$/, '');

const HELD_BACK = 'held back once ';

/**
 * The fix for a request: its element in the HTML, tagged; else the script that sent it: an inline
 * script of the page (with its line when known), or another site's script, tagged. A request sent
 * by a script that `heldBack` holds (another fix of the same leak tags it) needs nothing more.
 */
function requestFix(r: RequestFinding, id: string, html: PageHtml | undefined, heldBack: Set<string>): string {
  const loading = elementLoading(html, r.url);
  if (loading) {
    const [element, children] = holderOf(loading, html!.tags);
    return `tag it (line ${element.line}): ${taggedElement(element, id, children)}`;
  }
  const by = r.initiator;
  if (by?.url && heldBack.has(by.url)) return `${HELD_BACK}${by.url} is tagged (it sends this)`;
  if (by?.url && html && !sameDocument(by.url, html.url)) {
    const script = elementLoading(html, by.url);
    return script
      ? `tag the script that sends it (line ${script.line}): ${taggedElement(script, id)}`
      : `tag the script that sends it: ${taggedScript(id, by.url)}`;
  }
  if (r.type === 'script' && !by) return `tag it: ${taggedScript(id, r.url)}`;
  // An image or a beacon the page's own code made (DevTools then names the HTML, not the script).
  if (by?.type !== 'script')
    return `tag the script of the page that ${r.type === 'script' ? 'loads' : 'sends'} it: type="text/plain" data-service="${id}"`;
  const line = by.line ? ` (line ${by.line})` : '';
  return `tag the inline script that ${r.type === 'script' ? 'loads' : 'sends'} it${line}: ${taggedInlineScript(id)}`;
}

/** The fix for a cookie or a storage key: the script that wrote it, tagged. */
function writerFix(script: string | undefined, id: string, html: PageHtml | undefined, heldBack: Set<string>): string {
  if (script && heldBack.has(script)) return `${HELD_BACK}${script} is tagged (it writes this)`;
  if (!script) return `set by a response, not by a script: tag the element whose request sets it (data-service="${id}")`;
  if (html && sameDocument(script, html.url)) return `tag the inline script that writes it: ${taggedInlineScript(id)}`;
  const element = elementLoading(html, script);
  return element
    ? `tag the script that writes it (line ${element.line}): ${taggedElement(element, id)}`
    : `tag the script that writes it: ${taggedScript(id, script)}`;
}

type Finding = (CookieFinding | StorageFinding | RequestFinding | NoscriptFinding) & {fix?: string};

/**
 * The services that leak before consent, each with its evidence and its fixes: what the manifest
 * declares in a consent category, and what it does not declare but the names know as needing
 * consent. Each leaking finding gets its own `fix` too (a LEAK line says it). `html` is the page as
 * served (for the exact tags), when it could be read.
 */
export function collectLeaks(
  findings: {cookies: CookieFinding[]; storage: StorageFinding[]; requests: RequestFinding[]; noscript: NoscriptFinding[]},
  html?: PageHtml
): Leak[] {
  const leaks = new Map<string, Leak & {found: Finding[]}>();
  const blame = (finding: Finding, evidence: string, owner: Owner | undefined, known: KnownName | undefined) => {
    const who = owner ? {service: owner.service, name: owner.name, category: owner.category, declared: true} : undeclared(known!);
    const key = `${who.declared ? 'manifest' : who.source} ${who.service}`;
    const leak = leaks.get(key) ?? {...who, evidence: [], fixes: [], found: []};
    leaks.set(key, leak);
    if (!leak.evidence.includes(evidence)) leak.evidence.push(evidence);
    leak.found.push(finding);
  };
  for (const c of findings.cookies) if (c.status === 'leak') blame(c, `cookie ${c.name}`, c.owner, c.known);
  for (const s of findings.storage) if (s.status === 'leak') blame(s, `${s.area} ${s.key}`, s.owner, s.known);
  for (const r of findings.requests) {
    if (r.status !== 'leak') continue;
    const owners = r.owners.filter((o) => o.basis === 'consent');
    if (owners.length) for (const o of owners) blame(r, `request ${r.url}`, o, undefined);
    else blame(r, `request ${r.url}`, undefined, r.known);
  }
  for (const n of findings.noscript) if (n.status === 'leak') blame(n, `<noscript> at line ${n.line}: ${n.url}`, n.owner, n.known);

  return [...leaks.values()].map(({found, ...leak}) => {
    // The scripts this leak's fixes tag: what they send and write is held back with them.
    const heldBack = new Set(found.flatMap((f) => ('type' in f && f.type === 'script' && !('line' in f) ? [f.url] : [])));
    for (const f of found) {
      f.fix ??=
        'line' in f
          ? `fires with JavaScript off: remove this <noscript> (line ${f.line})`
          : 'type' in f
            ? requestFix(f, leak.service, html, heldBack)
            : 'area' in f && f.area === 'indexedDB'
              ? `tag the script that opens it with data-service="${leak.service}"`
              : writerFix(f.script, leak.service, html, heldBack);
      if (!f.fix.startsWith(HELD_BACK) && !leak.fixes.includes(f.fix)) leak.fixes.push(f.fix);
    }
    if (!leak.declared) {
      leak.fixes.push(
        leak.source === 'trackerdb'
          ? `declare it: a service "${leak.service}" in a consent category (scan --draft writes it, in "to-classify")`
          : `declare it: the catalogue's service "${leak.service}" in a consent category (scan --draft and the studio add it with its cookies)`
      );
    }
    return leak;
  });
}

/** What the `<noscript>` elements of the page would load with JavaScript off: each URL, with its element and the `<noscript>`'s line. */
export function noscriptUrls(html: PageHtml): {line: number; element: string; url: string}[] {
  const found: {line: number; element: string; url: string}[] = [];
  for (const tag of html.tags) {
    // A script inside <noscript> never runs: JavaScript is off there.
    if (tag.noscript === undefined || runsCode(tag.name)) continue;
    for (const url of loadedUrls(tag, html.url)) {
      if (!found.some((f) => f.url === url && f.line === tag.noscript)) found.push({line: tag.noscript, element: tag.name, url});
    }
  }
  return found;
}

interface CallFrame {
  url?: string;
  lineNumber?: number;
}
interface StackTrace {
  callFrames?: CallFrame[];
  parent?: StackTrace;
}

/**
 * What made a request, from DevTools' initiator: the HTML (`parser`, with the element's line) or
 * the innermost script with an address (for an inline script, the page's, with its line there).
 */
export function readInitiator(
  raw: {type?: string; url?: string; lineNumber?: number; stack?: StackTrace} | undefined
): Initiator | undefined {
  if (!raw?.type) return undefined;
  const line = (n: number | undefined) => (typeof n === 'number' ? {line: n + 1} : {});
  if (raw.type === 'parser') return {type: 'parser', ...(raw.url ? {url: raw.url} : {}), ...line(raw.lineNumber)};
  for (let stack: StackTrace | undefined = raw.stack; stack; stack = stack.parent) {
    const frame = stack.callFrames?.find((f) => f.url && /^https?:/.test(f.url));
    if (frame) return {type: raw.type, url: frame.url, ...line(frame.lineNumber)};
  }
  return {type: raw.type, ...(raw.url ? {url: raw.url} : {})};
}
