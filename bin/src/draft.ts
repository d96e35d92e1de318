import {cookieNameMatcher} from '../../src/core/cookie-names.js';
import {COOKIE_NAME_PATTERN, DOMAIN_PATTERN, formatIssue} from '../../src/core/manifest.js';
import {checkManifest} from '../../src/core/manifest-check.js';
import {KNOWN_CATEGORIES, KNOWN_SERVICES, siteOf} from './known-services.js';
import type {KnownService} from './known-services.js';
import {trackerdbId} from './names.js';
import type {KnownName, TrackerdbName} from './names.js';
import type {ScanReport} from './scan.js';

/*
 * `scan --draft <file>`: a manifest skeleton from what the scan found. With a manifest, the draft
 * is that manifest plus what it lacks; without one, a new manifest. A well-known service
 * (catalogue/services.json) the scan met goes in the category it usually needs with every cookie
 * its vendor documents (lifetime, purpose), whether or not this visit set them; a storage key it
 * names is listed in the service's `storage` by the catalogue's pattern; what only trackerdb names, to a service named after trackerdb's pattern
 * (its organization as the provider) in a consent category "to classify"; anything else to a
 * service "to classify" in that category, so that a draft used as it is asks before anything runs
 * (fail closed). An exemption depends on how a tool is set up,
 * which a scan cannot see: a draft never proposes one (Matomo goes to its consent setup). The
 * draft passes the runtime check; what only a person can say (purposes, real categories) is left
 * to say.
 */

type Json = Record<string, any>;

/** The category for what the scan cannot name: it asks for consent, until the site owner moves each service. */
const TO_CLASSIFY = {
  id: 'to-classify',
  basis: 'consent',
  title: {en: 'To classify', fr: 'À classer'},
  description: {
    en: 'Found by a scan, purpose not known yet: move each service to its real category.',
    fr: 'Trouvé par un scan, finalité encore inconnue : rangez chaque service dans sa vraie catégorie.',
  },
};

/** A catalogue text in the draft's language, else in English. */
const inLanguage = (text: Record<string, string>, language: string) => text[language] ?? text.en;

const SCHEMA_URL = 'https://cdn.jsdelivr.net/npm/consent-banner@0/schema/cookie-manifest.schema.json';

function isoDays(seconds: number | null): string {
  return seconds === null ? 'session' : `P${Math.max(1, Math.ceil(seconds / 86_400))}D`;
}

/**
 * The catalogue service a scan named: one that needs consent first, else a necessary one; never
 * one exempt by its setup (which a scan cannot see).
 */
function catalogued(k: KnownName | undefined): KnownService | undefined {
  if (k?.source !== 'catalogue') return undefined;
  const fits = [k.id, ...(k.also ?? [])].map((id) => KNOWN_SERVICES.find((s) => s.id === id)!).filter(Boolean);
  return fits.find((s) => s.needsConsent) ?? fits.find((s) => s.category === 'necessary');
}

/** Where a trackerdb service's description says its name came from. */
const FROM_TRACKERDB: Record<string, (k: TrackerdbName) => string> = {
  en: (k) =>
    `Named by Ghostery's trackerdb: pattern ${k.id}, category ${k.categoryName}. Say what it does here, and move it to its real category.`,
  fr: (k) =>
    `Nommé par la trackerdb de Ghostery : motif ${k.id}, catégorie ${k.categoryName}. Dites ce qu'il fait ici, et rangez-le dans sa vraie catégorie.`,
};

export function draftManifest(report: ScanReport, base: unknown, now = new Date()): Json {
  const page = new URL(report.url);
  const draft: Json = base
    ? structuredClone(base)
    : {
        $schema: SCHEMA_URL,
        version: 1,
        site: {
          name: report.title.trim() || page.hostname,
          policyUrl: `${page.origin}/privacy`,
          languages: [/^[a-z]{2,3}/i.exec(report.language)?.[0].toLowerCase() ?? 'en'],
        },
        revision: 1,
        categories: [],
        services: [],
      };
  const language = draft.site?.languages?.[0]?.split('-')[0] ?? 'en';
  draft.categories ??= [];
  draft.services ??= [];
  const ids = () => new Set([...draft.categories, ...draft.services].map((x: Json) => x.id));
  const uniqueId = (wanted: string) => {
    const taken = ids();
    let id = wanted;
    for (let n = 2; taken.has(id); n++) id = `${wanted}-${n}`;
    return id;
  };
  const category = (id: string): string => {
    const existing = draft.categories.find((c: Json) => c.id === id);
    if (existing) return existing.id;
    const {title, description, basis} = KNOWN_CATEGORIES.find((c) => c.id === id) ?? TO_CLASSIFY;
    draft.categories.push({id: uniqueId(id), basis, title: inLanguage(title, language), description: inLanguage(description, language)});
    return draft.categories.at(-1).id;
  };
  if (!base) category('necessary');
  const trackerdbService = (k: TrackerdbName): Json => {
    const id = trackerdbId(k.id);
    const existing = draft.services.find((s: Json) => s.id === id || String(s.name).toLowerCase() === k.name.toLowerCase());
    if (existing) return existing;
    const service = {
      id: uniqueId(id),
      name: k.name,
      ...(k.organization ? {provider: k.organization} : {}),
      category: category('to-classify'),
      ...(k.policyUrl && /^https?:\/\/[^\s/?#]/.test(k.policyUrl) ? {policyUrl: k.policyUrl} : {}),
      description: (FROM_TRACKERDB[language] ?? FROM_TRACKERDB.en)(k),
      cookies: [],
    };
    draft.services.push(service);
    return service;
  };
  const serviceFor = (k: KnownService | undefined): Json => {
    if (k) {
      const existing = draft.services.find((s: Json) => k.match.test(`${s.id} ${s.name} ${s.provider ?? ''}`));
      if (existing) return existing;
      const service = {
        id: uniqueId(k.id),
        name: k.name,
        provider: k.provider,
        category: category(k.category),
        ...(k.policyUrl ? {policyUrl: k.policyUrl} : {}),
        description: inLanguage(k.description, language),
        // What its vendor documents, whether or not this visit set it: a later visit, or consent, will.
        cookies: k.cookies.map((c) => ({
          name: c.name,
          duration: c.duration,
          ...(c.domain ? {domain: c.domain} : {}),
          purpose: inLanguage(c.purpose, language),
        })),
      };
      draft.services.push(service);
      return service;
    }
    const existing = draft.services.find((s: Json) => s.id === 'unclassified');
    if (existing) return existing;
    const service = {id: uniqueId('unclassified'), name: `${page.hostname}: to classify`, category: category('to-classify'), cookies: []};
    draft.services.push(service);
    return service;
  };
  const skipped: string[] = [];
  let guessed = false;
  const add = (name: string, duration: string, named: KnownName | undefined, thirdPartyDomain?: string) => {
    if (!COOKIE_NAME_PATTERN.test(name)) {
      skipped.push(name);
      return undefined;
    }
    const k = catalogued(named);
    const service = !k && named?.source === 'trackerdb' ? trackerdbService(named) : serviceFor(k);
    service.cookies ??= [];
    if (service.cookies.some((c: Json) => c.name === name || cookieNameMatcher(String(c.name))(name))) return service;
    const cookie: Json = {name, duration};
    const documented = k?.cookies.find((c) => cookieNameMatcher(c.name)(name));
    if (documented) cookie.purpose = inLanguage(documented.purpose, language);
    if (thirdPartyDomain && DOMAIN_PATTERN.test(thirdPartyDomain)) cookie.domain = thirdPartyDomain;
    service.cookies.push(cookie);
    return service;
  };
  // What the manifest does not declare: whatever its status (a known tracker's is LEAK, the rest UNDECLARED).
  for (const c of report.cookies) {
    if (!c.owner) add(c.name, isoDays(c.expiresIn), c.known, c.firstParty ? undefined : siteOf(c.domain));
  }
  for (const s of report.storage) {
    if (s.owner) continue;
    const k = catalogued(s.known);
    const pattern = k?.cookies.find((c) => cookieNameMatcher(c.name)(s.key))?.name;
    if (s.area !== 'sessionStorage' && !pattern) guessed = true;
    const service = add(s.key, s.area === 'sessionStorage' ? 'session' : 'P1Y', s.known);
    // Listed in `storage` too, so that a withdrawal deletes it: by the catalogue's pattern when it names the key.
    const key = pattern ?? s.key;
    if (service && s.area !== 'indexedDB' && !service.storage?.includes(key)) (service.storage ??= []).push(key);
  }
  const unmatched = [...report.requests.filter((r) => !r.owners.length), ...(report.noscript ?? []).filter((n) => !n.owner)];
  const undeclaredHosts = [...new Set(unmatched.map((r) => new URL(r.url).host))];
  for (const r of unmatched) {
    const k = catalogued(r.known);
    if (k) serviceFor(k);
    else if (r.known?.source === 'trackerdb') trackerdbService(r.known);
  }
  const notes = [
    `Drafted by \`consent-banner scan ${report.url}\` on ${now.toISOString().slice(0, 10)}, with no consent given.`,
    'Check every category, purpose and duration before use.',
    guessed ? 'localStorage keys and IndexedDB databases do not expire: they got P1Y, a guess.' : '',
    skipped.length ? `Not declarable as cookie names (rename or ignore): ${skipped.join(', ')}.` : '',
    undeclaredHosts.length ? `Third-party hosts contacted before consent: ${undeclaredHosts.join(', ')}.` : '',
  ].filter(Boolean);
  const {$schema, $comment, ...rest} = draft;
  const ordered: Json = {...($schema ? {$schema} : {}), $comment: [$comment, ...notes].filter(Boolean).join(' '), ...rest};
  const check = checkManifest(ordered);
  if (!check.ok) throw new Error(`the draft fails the manifest check: ${formatIssue(check.errors[0])}`);
  return ordered;
}

/**
 * The draft's file: pretty JSON and a final newline, `<` written `\u003c` (the same JSON), so a
 * draft pasted into an inline `<script type="application/json">` stays one element whatever a
 * scanned page named its cookies and storage keys (`</script>`, `<!--`).
 */
export const draftFile = (draft: Json) => `${JSON.stringify(draft, null, 2).replace(/</g, '\\u003c')}\n`;
