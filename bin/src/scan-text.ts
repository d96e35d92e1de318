import {formatIssue} from '../../src/core/manifest.js';
import {formatName} from './names.js';
import type {KnownName} from './names.js';
import type {Owner} from './findings.js';
import type {RefusalReport} from './refusal.js';
import type {ScanReport} from './scan.js';

/*
 * `scan`'s report as text for a person: every finding on one line with its status, and after a
 * LEAK its fix; the services that leak, with what to change; with `--reject`, the next page view
 * after "Reject all"; the verdict, which names what the scan could not check rather than vouch for it.
 */

export const STATUS_WORDS: Record<string, string> = {ok: 'ok', leak: 'LEAK', undeclared: 'UNDECLARED', unmatched: 'unmatched'};

function lifetime(seconds: number | null): string {
  if (seconds === null) return 'session';
  const unit = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  if (seconds >= 86_000) return unit(Math.round(seconds / 86_400), 'day');
  if (seconds >= 3_600) return unit(Math.round(seconds / 3_600), 'hour');
  return `${Math.max(1, Math.round(seconds / 60))} min`;
}

export const ownerWords = (o?: Owner) =>
  !o ? '' : o.service ? `: ${o.service} "${o.name}" in category ${o.category} (basis ${o.basis})` : `: the banner's own cookie`;

/** `; known as catalogue google-analytics "…" (performance)`, or nothing. */
export const knownWords = (k?: KnownName) => (k ? `${'; known as '}${formatName(k)}` : '');

/** `; fix: …` after a LEAK. */
const fixWords = (fix?: string) => (fix ? `; fix: ${fix}` : '');

const count = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** The last line: what is wrong, or that nothing is, never vouching for what was not checked. */
function verdict(r: ScanReport): string[] {
  const undeclaredCookies = r.cookies.filter((c) => c.status === 'undeclared').length;
  const undeclaredStorage = r.storage.filter((s) => s.status === 'undeclared').length;
  const unmatched = r.requests.filter((q) => q.status === 'unmatched').length;
  const undeclaredLeaks = r.leaks.filter((l) => !l.declared).length;
  const refusal = r.afterRefusal;
  const out: string[] = [];
  if (r.problems) {
    const problems = [
      r.manifest && !r.manifest.valid ? 'an invalid manifest' : '',
      r.leaks.length
        ? `${count(r.leaks.length, 'service leaks', 'services leak')} before consent${undeclaredLeaks ? ` (${undeclaredLeaks} of them not in the manifest)` : ''}`
        : '',
      undeclaredCookies ? count(undeclaredCookies, 'undeclared cookie') : '',
      undeclaredStorage ? count(undeclaredStorage, 'undeclared storage key') : '',
      refusal?.leaks.length ? `${count(refusal.leaks.length, 'cookie')} of a consent service read or sent after "Reject all"` : '',
      refusal?.undeclared ? `${count(refusal.undeclared, 'undeclared cookie')} after "Reject all"` : '',
      refusal?.failed ? refusal.failed : '',
    ];
    const found = problems.filter(Boolean);
    out.push(`Result: ${found.length ? found.join(', ') : count(r.problems, 'problem')}.`);
  } else {
    // Never "nothing leaks" about what the scan could not see: what it did not check is named below.
    const partial = Boolean(r.unchecked.length || unmatched);
    const clean = partial
      ? `no leak found${refusal ? ' before consent nor after "Reject all"' : ' before consent'} in what was checked`
      : `nothing leaks before consent${refusal ? ' nor after "Reject all"' : ''}`;
    out.push(
      r.manifest
        ? `Result: ${clean}, and every cookie and storage key is declared.`
        : `Result: ${clean}, and no cookie or storage key was set (there is no manifest to check them against).`
    );
  }
  for (const what of r.unchecked) out.push(`Not checked: ${what}.`);
  if (unmatched)
    out.push(`Note: ${count(unmatched, 'third-party request')} matched no declared service and no known tracker: check what they send.`);
  return out;
}

/** The section of `scan --reject`: the next page view after "Reject all" (refusal.ts). */
function formatRefusal(r: RefusalReport): string[] {
  const pad = (s: string) => s.padEnd(10);
  const out = [
    `After "Reject all": ${r.refusal.note}${r.kept === null ? '' : r.kept ? '; the next page view keeps the refusal' : ''}.`,
    `Next page view: ${r.next}, ${r.requests} request${r.requests === 1 ? '' : 's'}.`,
    `Cookies read or sent on the next page view (${r.cookies.length}):`,
  ];
  if (!r.cookies.length) out.push('  (none)');
  for (const c of r.cookies) {
    const how = [
      c.sent.count ? `sent with ${c.sent.count} request${c.sent.count === 1 ? '' : 's'}` : '',
      c.readBy.length ? `read by ${c.readBy.join(', ')}` : '',
    ]
      .filter(Boolean)
      .join('; ');
    out.push(`  ${pad(STATUS_WORDS[c.status])} ${c.name} (${c.domain})${ownerWords(c.owner)}${knownWords(c.known)}; ${how}`);
  }
  if (r.stored.length)
    out.push(`  still stored, though neither read nor sent: ${r.stored.map((s) => `${s.name} (${s.domain}, ${s.service})`).join(', ')}`);
  out.push(`Cookies of consent services read or sent after "Reject all" (${r.leaks.length}):`);
  if (!r.leaks.length) out.push('  (none)');
  for (const l of r.leaks) out.push(`  ${l.name} (${l.domain}), ${l.source} ${l.service}: ${l.evidence.join('; ')}`);
  if (r.failed) out.push(`The refusal could not be proven: ${r.failed}.`);
  return out;
}

export function formatScan(r: ScanReport): string {
  const out: string[] = [`Scanned ${r.url} with no consent given (${r.browser}, fresh profile)`];
  out.push(
    `Names: ${r.names.catalogue}${r.names.trackerdb ? `, then @ghostery/trackerdb ${r.names.trackerdb.version}` : ` only (trackerdb: ${r.names.trackerdbError})`}`
  );
  if (!r.manifest)
    out.push('Manifest: none found (no --manifest, and the page has no data-manifest): everything below counts as undeclared.');
  else if (!r.manifest.valid) {
    for (const e of r.manifest.errors) out.push(`${r.manifest.source}:${e.line}:${e.column}: error: ${formatIssue(e)}`);
    out.push('Manifest: invalid, so the banner releases nothing that needs consent; findings are not matched.');
  } else {
    for (const w of r.manifest.warnings ?? []) out.push(`${r.manifest.source}:${w.line}:${w.column}: warning: ${formatIssue(w)}`);
    out.push(`Manifest: ${r.manifest.source} (${r.manifest.banner ? 'the banner asks for consent' : 'no banner: nothing needs consent'})`);
  }
  if (!r.bannerLoaded) out.push('The page does not load consent-banner.');
  const pad = (s: string) => s.padEnd(10);
  const none = (list: unknown[]) => (list.length ? [] : ['  (none)']);
  out.push('', `Cookies before consent (${r.cookies.length}):`, ...none(r.cookies));
  for (const c of r.cookies) {
    out.push(
      `  ${pad(STATUS_WORDS[c.status])} ${c.name} (${c.domain}${c.firstParty ? '' : ', third party'}, ${lifetime(c.expiresIn)})${ownerWords(c.owner)}${knownWords(c.known)}${fixWords(c.fix)}`
    );
  }
  out.push('', `Storage before consent (${r.storage.length}):`, ...none(r.storage));
  for (const s of r.storage)
    out.push(
      `  ${pad(STATUS_WORDS[s.status])} ${s.area} ${s.key} (${s.origin})${ownerWords(s.owner)}${knownWords(s.known)}${fixWords(s.fix)}`
    );
  out.push('', `Third-party requests before consent (${r.requests.length}):`, ...none(r.requests));
  for (const q of r.requests) {
    const who = q.owners.length
      ? `: ${q.owners.map((o) => `${o.service} "${o.name}" in category ${o.category} (basis ${o.basis})`).join('; ')}`
      : ': no declared service loads from this host';
    out.push(`  ${pad(STATUS_WORDS[q.status])} ${q.url} (${q.type})${who}${knownWords(q.known)}${fixWords(q.fix)}`);
  }
  if (r.noscript.length) {
    out.push('', `Trackers in <noscript>, loaded when JavaScript is off (${r.noscript.length}):`);
    for (const n of r.noscript)
      out.push(
        `  ${pad(STATUS_WORDS[n.status])} line ${n.line}: <${n.element}> ${n.url}${ownerWords(n.owner)}${knownWords(n.known)}${fixWords(n.fix)}`
      );
  }
  out.push('', `Services that leak before consent (${r.leaks.length}):`, ...none(r.leaks));
  for (const l of r.leaks) {
    const where = l.declared
      ? `(${l.category})`
      : `(not in the manifest; ${l.source === 'trackerdb' ? 'named by trackerdb' : `the catalogue's, usually ${l.category}`})`;
    out.push(`  ${l.service} "${l.name}" ${where}: ${l.evidence.join('; ')}`);
    for (const fix of l.fixes) out.push(`    fix: ${fix}`);
  }
  const without = r.neverSeen.filter((n) => n.when === 'without-consent');
  const after = r.neverSeen.filter((n) => n.when === 'after-consent');
  out.push('', `Declared cookies never seen (${r.neverSeen.length}):`, ...none(r.neverSeen));
  if (without.length)
    out.push(
      `  needing no consent, yet not seen (set later in a visit, or no longer used?): ${without.map((n) => `${n.name} (${n.service})`).join(', ')}`
    );
  if (after.length) out.push(`  set only after a choice, so not seen here: ${after.map((n) => `${n.name} (${n.service})`).join(', ')}`);
  if (r.afterRefusal) out.push('', ...formatRefusal(r.afterRefusal));
  out.push('', ...verdict(r));
  return out.join('\n');
}
