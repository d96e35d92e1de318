import {durationInDays} from './duration.js';
import {UI_LANGUAGES, builtInOf, isLanguageTag, matchLanguage} from './language.js';
import type {Basis, ConsentModeType, Manifest, ManifestIssue, Service, Text} from './manifest.types.js';

/*
 * The site owner's lints: what a manifest may say and still work, but should not (docs/rules.md R8,
 * R29, R30), and language tags the banner cannot use. They run where the site owner works, in
 * the CLI (`consent-banner validate`, `explain`, `scan --draft`) and in the studio, never in a
 * visitor's browser: the runtime check (manifest.ts) keeps only what failing closed needs.
 */

/**
 * Services known to need consent, by their id in the service catalogue (catalogue/services.json):
 * they track for advertising or for their own ends, or across sites, so they are neither strictly
 * necessary nor exempt audience measurement. Each is recognised by a word in a manifest service's
 * id, name, provider or policy host, or by a cookie it sets or the domain that cookie lives on (all
 * lowercased). A small table of its
 * own, so that the npm module and the studio do not carry the catalogue: test/node/catalogue.test.mjs
 * holds it to the catalogue (every service there that needs consent is here, under the same id,
 * and found by its id, name, policy host and each of its cookies; nothing necessary is).
 */
export const NEEDS_CONSENT: [id: string, label: string, pattern: RegExp][] = [
  ['google-analytics', 'Google Analytics', /google.?analytics|^ga4?$|^(_ga|_gid|_gat|__utm)/],
  ['google-tag-manager', 'Google Tag Manager', /tag.?manager|^gtm$|^_dc_gtm/],
  ['google-ads', 'Google Ads', /adwords|adsense|google.?ads?\b|^_gcl_/],
  ['doubleclick', 'DoubleClick', /doubleclick|floodlight|^(ide|dsid|test_cookie|_gcl_dc)$/],
  ['youtube', 'YouTube', /youtube|^(ysc|visitor_info1_live|visitor_privacy_metadata)$/],
  ['meta-pixel', 'Meta (Facebook)', /facebook|instagram|\bmeta\b|^_fb[cp]$/],
  ['linkedin-insight', 'LinkedIn Insight', /linkedin|^(li_fat_id|li_sugr|ln_or|bcookie|lidc|usermatchhistory|analyticssynchistory)$/],
  ['hubspot', 'HubSpot', /hubspot|^(__hstc|__hssc|__hssrc|messagesutk)$/],
  ['addthis', 'AddThis', /addthis|^__atuv/],
  ['hotjar', 'Hotjar', /hotjar|^_hj/],
  ['tiktok-pixel', 'TikTok', /tiktok|^(_tt|ttcsid)/],
  ['microsoft-clarity', 'Microsoft Clarity', /clarity|^_cl(ck|sk)$/],
  ['microsoft-advertising', 'Microsoft Advertising (Bing)', /\bbing\b|microsoft.advertising|^_uet/],
  ['x-pixel', 'X (Twitter)', /twitter|\bx.pixel\b|^(personalization_id|guest_id|muc_ads)$/],
  ['criteo', 'Criteo', /criteo|^cto_/],
  ['pinterest-tag', 'Pinterest', /pinterest|^(_pin_unauth|_epik)$/],
];
/** Matomo cookies that an exempt configuration cannot set (the CNIL's conditions, as in Matomo's CNIL guide). */
const NOT_EXEMPT_COOKIES: [RegExp, string][] = [
  [/^_pk_ref/, 'keeps the referrer for campaign attribution'],
  [/^_pk_hsr/, 'serves heatmaps or session recordings'],
  [/^_pk_uid/, 'is a visitor id shared across sites'],
];
/** Consent Mode types that only consent may grant (README, “Google Consent Mode v2”). */
const CONSENT_ONLY_TYPES = /^(ad_|analytics|personalization)/;

/** Google's tags that read Consent Mode, by their ids in NEEDS_CONSENT (README, “Google Consent Mode v2”). */
export const GOOGLE_TAGS = ['google-analytics', 'google-ads', 'doubleclick', 'google-tag-manager'];

/**
 * The manifest's services that are Google tags reading Consent Mode (GA4, Google Ads, DoubleClick,
 * GTM), found as NEEDS_CONSENT finds them but by id, name and cookies only: YouTube and Maps share
 * Google's name as provider, and read no Consent Mode.
 */
/** What the Google lints read of a service: the manifest's, or the studio's draft of one. */
type ServiceFacts = {id: string; name: string; category: string; cookies: readonly {name: string}[]};

export function googleTags<S extends Omit<ServiceFacts, 'category'>>(services: readonly S[]): {index: number; service: S; tag: string}[] {
  const patterns = NEEDS_CONSENT.filter(([id]) => GOOGLE_TAGS.includes(id));
  return services.flatMap((service, index) => {
    const fields = [service.id, service.name, ...service.cookies.map((c) => c.name)].map((f) => f.toLowerCase());
    const found = patterns.find(([, , pattern]) => fields.some((f) => pattern.test(f)));
    return found ? [{index, service, tag: found[0]}] : [];
  });
}

/**
 * The Consent Mode v2 mapping that a manifest's Google tags call for (Dimelo's is the model):
 * `analytics_storage` follows the category of the analytics service (Google Analytics),
 * `ad_storage`, `ad_user_data` and `ad_personalization` the categories of the advertising ones
 * (Google Ads, DoubleClick). A type with no such service is left out: denied, whatever the
 * visitor says. Tag Manager alone maps nothing (every type denied) until the tags it loads are
 * declared. The studio proposes it when a Google service is added.
 */
export function proposedConsentMode(services: readonly ServiceFacts[]): Partial<Record<ConsentModeType, string[]>> {
  const found = googleTags(services);
  const categoriesOf = (...tags: string[]) => [...new Set(found.filter((g) => tags.includes(g.tag)).map((g) => g.service.category))];
  const analytics = categoriesOf('google-analytics');
  const ads = categoriesOf('google-ads', 'doubleclick');
  return {
    ...(ads.length ? {ad_storage: ads, ad_user_data: [...ads], ad_personalization: [...ads]} : {}),
    ...(analytics.length ? {analytics_storage: analytics} : {}),
  };
}

/**
 * A service of a `necessary` or `exempt` category (docs/rules.md R8, R29, R30, README, “The cookie manifest”): a service
 * known to need consent, or an exempt cookie that a CNIL-exempt audience measurement cannot set,
 * is a warning naming the service and the rule.
 */
function lintExemption(s: Service, basis: Basis, path: string, warnings: ManifestIssue[]) {
  const exempt = basis === 'exempt';
  const rule = exempt ? 'is not exempt audience measurement' : 'is not strictly necessary';
  // The policy's host, when it is another site's (a relative link is the site's own).
  const host = /^https?:\/\/([^/?#]*)/.exec(s.policyUrl ?? '')?.[1] ?? '';
  const fields = [s.id, s.name, s.provider ?? '', host, ...s.cookies.flatMap((c) => [c.name, c.domain ?? ''])];
  // Compared as read, not as typed: a zero-width space or another invisible format character
  // (`Google\u200bAnalytics`), or full-width letters, must not hide a known service.
  const plain = (f: string) =>
    f
      .normalize('NFKC')
      .replace(/\p{Cf}/gu, '')
      .toLowerCase();
  const known = NEEDS_CONSENT.find(([, , pattern]) => fields.some((f) => pattern.test(plain(f))));
  if (known) {
    const who = known[1].toLowerCase() === s.name.toLowerCase() ? s.name : `${s.name} (${known[1]})`;
    warnings.push({path: `${path}.category`, message: `${who} ${rule}: move it to a consent category`});
  }
  if (!exempt) return;
  s.cookies.forEach((c, j) => {
    const at = `${path}.cookies[${j}]`;
    const warn = (field: string, what: string) =>
      warnings.push({path: `${at}.${field}`, message: `${c.name} ${what}, so ${s.name} ${rule}`});
    if (/^_pk_ses/.test(c.name) && Math.round(durationInDays(c.duration) * 1440) > 30)
      warn('duration', 'lasts more than 30 minutes (PT30M)');
    if (c.domain) warn('domain', `lives on ${c.domain}, a third-party cookie that can follow visitors across sites`);
    for (const [pattern, what] of NOT_EXEMPT_COOKIES) if (pattern.test(c.name)) warn('name', what);
  });
}

/** A relative link that reads like another site's address written without `https://` (`www.shop.example`, `shop.example/privacy`). */
const LOOKS_LIKE_A_HOST = /^(www\.|[^/?#:]*\.[a-z]{2,}\/)/i;

/**
 * Links the banner accepts as relative (README, “The cookie manifest”) but that read like another
 * site's address without its scheme: `shop.example/privacy` leads to a path of the site itself.
 */
function lintLinks(manifest: Manifest, warnings: ManifestIssue[]) {
  const links: [string, string | undefined][] = [
    ['site.policyUrl', manifest.site.policyUrl],
    ...manifest.services.map((s, i): [string, string | undefined] => [`services[${i}].policyUrl`, s.policyUrl]),
    ['log.url', manifest.log?.url],
  ];
  for (const [path, link] of links) {
    if (link && !/^https?:/.test(link) && LOOKS_LIKE_A_HOST.test(link)) {
      warnings.push({
        path,
        message: `"${link}" is a path relative to the manifest, on your own site: for another site, write https://${link}`,
      });
    }
  }
}

/**
 * Language tags the banner cannot use (the banner still works): a site language or a text key
 * that is not well-formed BCP 47, a text in a language that none of `site.languages` matches,
 * which is shown only when no site language has a text, and the site's own words for a language
 * the banner has built in.
 */
function lintLanguages(manifest: Manifest, warnings: ManifestIssue[]) {
  const {languages} = manifest.site;
  const malformed = (tag: string) => `"${tag}" is not a BCP 47 language tag`;
  languages.forEach((tag, i) => isLanguageTag(tag) || warnings.push({path: `site.languages[${i}]`, message: malformed(tag)}));
  const texts: [string, Text | undefined][] = [];
  manifest.categories.forEach((c, i) => {
    for (const key of ['title', 'description', 'exemption'] as const) texts.push([`categories[${i}].${key}`, c[key]]);
  });
  manifest.services.forEach((s, i) => {
    texts.push([`services[${i}].description`, s.description]);
    s.cookies.forEach((c, j) => texts.push([`services[${i}].cookies[${j}].purpose`, c.purpose]));
  });
  for (const [path, value] of texts) {
    for (const tag of typeof value === 'object' ? Object.keys(value) : []) {
      const message = !isLanguageTag(tag)
        ? malformed(tag)
        : matchLanguage([tag], languages)
          ? ''
          : `"${tag}" is not in site.languages (${languages.join(', ')})`;
      if (message) warnings.push({path: `${path}.${tag}`, message});
    }
  }
  // A site's own words for a language the banner has (or a form of it) are not used (R12).
  for (const tag of Object.keys(manifest.words ?? {})) {
    const builtIn = builtInOf(tag, UI_LANGUAGES);
    if (builtIn)
      warnings.push({
        path: `words.${tag}`,
        message: `${builtIn} is built in: the banner speaks it in its own words, and does not use this file`,
      });
  }
}

/**
 * The site owner's warnings about a checked manifest (as `parseManifest` returns it): tracking
 * services declared necessary or exempt (R8, R29, R30), exempt cookies a CNIL-exempt audience
 * measurement cannot set, Consent Mode types granted without consent (R37), Google tags without
 * Consent Mode (Google's EEA requirement, R37), relative links that
 * read like another site's address, and language tags the banner cannot use.
 */
export function lintManifest(manifest: Manifest): ManifestIssue[] {
  const warnings: ManifestIssue[] = [];
  manifest.services.forEach((s, i) => {
    const basis = manifest.categories.find((c) => c.id === s.category)?.basis ?? 'consent';
    if (basis !== 'consent') lintExemption(s, basis, `services[${i}]`, warnings);
  });
  for (const [type, ids] of Object.entries(manifest.consentMode ?? {})) {
    ids.forEach((id, i) => {
      const basis = manifest.categories.find((c) => c.id === id)?.basis;
      if (basis && basis !== 'consent' && CONSENT_ONLY_TYPES.test(type)) {
        warnings.push({
          path: `consentMode.${type}[${i}]`,
          message: `"${id}" is ${basis}: Google tags would get ${type} without consent`,
        });
      }
    });
  }
  if (!manifest.consentMode) {
    const google = googleTags(manifest.services);
    if (google.length) {
      warnings.push({
        path: 'consentMode',
        message: `${google.map((g) => g.service.name).join(', ')} without consentMode: Google requires Consent Mode v2 for visitors in the EEA; map analytics_storage, ad_storage, ad_user_data and ad_personalization to your categories (README, “Google Consent Mode v2”)`,
      });
    }
  }
  lintLinks(manifest, warnings);
  lintLanguages(manifest, warnings);
  return warnings;
}
