import {durationInDays} from './duration.js';
import {BASES, COOKIE_NAME_PATTERN, DURATION_PATTERN, EXEMPT_MAX_DAYS, ID_PATTERN, LIMITS, LOG_URL_PATTERN} from './manifest-rules.js';
import type {Manifest, ManifestIssue} from './manifest.types.js';

/*
 * What every page view checks of a cookie manifest before anything is released (the drop-in's
 * loader): the fields that decide what may run. The full check (`parseManifest`, manifest.ts)
 * runs before anything is shown or decided, and in the CLI and the studio; this one only makes
 * sure that what the gate reads is what the manifest means, so that a broken manifest still
 * fails closed, at the cost of a few hundred bytes and without a message: when it says no, the
 * full check is fetched to say why. Both fill in the same defaults (`withDefaults`).
 */

export type Json = Record<string, any>;

/**
 * The defaults filled in, on a manifest the caller owns (`revision` 1, `consentMaxAgeDays` and
 * `refusalMaxAgeDays` 182, the cookie
 * `consent`, no services, `gpc` refuse, `basis` consent, no cookies), `$schema` and `$comment`
 * left out, `dataLayerEvent` kept only when true, and `log` kept only when its URL is https or a
 * path on the manifest's own host (LOG_URL_PATTERN; else `badLog` is called with it).
 */
export function withDefaults({$schema, $comment, log, dataLayerEvent, ...manifest}: Json, badLog?: (url: unknown) => void): Manifest {
  if (log && LOG_URL_PATTERN.test(log.url)) manifest.log = {url: log.url};
  else if (log) badLog?.(log.url);
  manifest.revision ??= 1;
  manifest.consentMaxAgeDays ??= 182;
  manifest.refusalMaxAgeDays ??= 182;
  manifest.cookie = {name: 'consent', ...manifest.cookie};
  manifest.services ??= [];
  manifest.gpc ??= 'refuse';
  if (dataLayerEvent) manifest.dataLayerEvent = true;
  for (const c of manifest.categories) c.basis ??= 'consent';
  for (const s of manifest.services) s.cookies ??= [];
  return manifest as Manifest;
}

/** `categories[2].basis: must be one of …`: an issue as one line. */
export const formatIssue = (issue: ManifestIssue) => `${issue.path}: ${issue.message}`;

/**
 * Is this exempt category's cookie within the 13 months an exempt audience measurement may keep
 * it (13 months at most, as the CNIL's audience-measurement exemption allows)?
 */
export const withinExemption = (cookie: {duration: string}) => durationInDays(cookie.duration) <= EXEMPT_MAX_DAYS;

const must = (ok: unknown) => {
  if (!ok) throw 0;
};
/** A copy of a plain object (its fields as they are), or a throw. */
const record = (value: unknown): Json => {
  must(typeof value === 'object' && value && !Array.isArray(value));
  return {...(value as Json)};
};
const items = (value: unknown, max: number, min = 0) => {
  must(Array.isArray(value) && value.length >= min && value.length <= max);
  return value as unknown[];
};
const matches = (value: unknown, pattern?: RegExp) => typeof value === 'string' && (!pattern || pattern.test(value));
const optional = (value: unknown, test: (value: any) => unknown) => value === undefined || test(value);

/**
 * The manifest, checked for the fields that decide what may run and completed with its defaults,
 * or `undefined` when it is not fit to decide that (then the full check says why). Where the
 * manifest passes `parseManifest`, the two give the same manifest (a property test holds them
 * together); the texts, names and links are taken as they come, and checked before they are shown.
 */
export function checkEssentials(json: unknown): Manifest | undefined {
  try {
    const m = record(json);
    must(m.version === 1 && optional(m.revision, (revision) => Number.isSafeInteger(revision) && revision > 0));
    must(optional(m.consentMaxAgeDays, (days) => Number.isInteger(days) && days > 0 && days < 396));
    must(optional(m.refusalMaxAgeDays, (days) => Number.isInteger(days) && days > 181 && days < 396));
    must(optional(m.gpc, (gpc) => gpc === 'refuse' || gpc === 'ignore') && optional(m.dataLayerEvent, (on) => on === !!on));
    must(optional(m.log, (log) => matches(record(log).url)));
    // The site's own words: the loader picks the language from their tags.
    must(optional(m.words, (words) => Object.values(record(words)).every((file) => matches(file))));
    m.site = record(m.site);
    must(items(m.site.languages, LIMITS.languages, 1).every((tag) => matches(tag)));
    if (m.cookie !== undefined) {
      m.cookie = record(m.cookie);
      must(optional(m.cookie.name, (name) => matches(name, COOKIE_NAME_PATTERN)));
    }
    m.categories = items(m.categories, LIMITS.categories, 1).map((value) => {
      const c = record(value);
      must(matches(c.id, ID_PATTERN) && optional(c.basis, (basis) => BASES.includes(basis)));
      return c;
    });
    m.services = items(m.services ?? [], LIMITS.services).map((value) => {
      const s = record(value);
      must(matches(s.id, ID_PATTERN) && matches(s.category, ID_PATTERN));
      s.cookies = items(s.cookies ?? [], LIMITS.cookies).map((cookie) => {
        const c = record(cookie);
        must(matches(c.duration, DURATION_PATTERN));
        return c;
      });
      return s;
    });
    // Consent Mode reads the types it knows, each a list of category ids (unknown ones deny).
    if (m.consentMode !== undefined) {
      m.consentMode = record(m.consentMode);
      for (const ids of Object.values(m.consentMode)) must(items(ids, LIMITS.categories, 1).every((id) => matches(id)));
    }
    const manifest = withDefaults(m);
    // Ids are one namespace (a service named like a necessary category would run with it).
    const ids = [...manifest.categories, ...manifest.services].map((item) => item.id);
    must(new Set(ids).size === ids.length);
    for (const c of manifest.categories) must(c.basis !== 'exempt' || c.exemption);
    for (const s of manifest.services) {
      const home = manifest.categories.find((c) => c.id === s.category);
      must(home && (home.basis !== 'exempt' || s.cookies.every(withinExemption)));
    }
    return manifest;
  } catch {
    return undefined;
  }
}
