import {durationInDays} from './duration.js';
import {
  BASES,
  CONSENT_MODE_TYPES,
  COOKIE_NAME_PATTERN,
  DURATION_PATTERN,
  EXEMPT_MAX_DAYS,
  ID_PATTERN,
  LIMITS,
  LOG_URL_PATTERN,
} from './manifest-rules.js';
import type {Manifest, ManifestIssue, ParseResult} from './manifest.types.js';

/*
 * What every page view checks of a cookie manifest before anything is released (the drop-in's
 * loader): the fields that decide what may run. The full check (`parseManifest`, manifest.ts)
 * runs before anything is shown or decided, and in the CLI and the studio; this one only makes
 * sure that what the gate reads is what the manifest means, so that a broken manifest still
 * fails closed at the cost of a few hundred bytes. Both end in `finish`: the defaults, and what
 * a JSON Schema cannot say.
 */

export type Json = Record<string, any>;

class Invalid extends Error {
  constructor(public issue: ManifestIssue) {
    super(issue.message);
  }
}

export const fail = (path: string, message: string): never => {
  throw new Invalid({path: path || 'manifest', message});
};

/** A value as a message quotes it: never a whole list or object (a deeply nested one would overflow the stack). */
export const show = (value: unknown) => {
  const text =
    typeof value === 'object' && value !== null ? (Array.isArray(value) ? 'a list' : 'an object') : JSON.stringify(value) ?? String(value);
  return text.length > 40 ? text.slice(0, 37) + '…' : text;
};

/** `categories[2].basis: must be one of …`: an issue as one line. */
export const formatIssue = (issue: ManifestIssue) => `${issue.path}: ${issue.message}`;

/** Runs a check that throws `Invalid` on the first problem; never throws itself. */
export function checked(run: () => ParseResult): ParseResult {
  try {
    return run();
  } catch (error) {
    // Not JSON (a getter that throws, a hostile list): refused all the same.
    const issue = error instanceof Invalid ? error.issue : {path: 'manifest', message: `cannot be read (${error})`};
    return {ok: false, errors: [issue]};
  }
}

/**
 * The defaults filled in (on the manifest given, a copy the caller owns), and what a JSON Schema
 * cannot say: ids unique across categories and services, languages unique, every reference to a
 * category resolving, an exempt category stating its exemption, and its cookies lasting at most
 * 13 months (RULES.md R30). A `log.url` that would send the record in clear or elsewhere costs
 * the log, not the banner: a warning.
 */
export function finish({$schema, $comment, log, dataLayerEvent, ...manifest}: Json): ParseResult {
  const warnings: ManifestIssue[] = [];
  if (log && LOG_URL_PATTERN.test(log.url)) manifest.log = {url: log.url};
  else if (log) {
    warnings.push({path: 'log.url', message: `must be an https URL or a same-origin path, got ${show(log.url)}: no consent record will be sent`});
  }
  manifest.consentMaxAgeDays ??= 182;
  manifest.cookie = {name: 'consent', ...manifest.cookie};
  manifest.services ??= [];
  manifest.gpc ??= 'refuse';
  if (dataLayerEvent) manifest.dataLayerEvent = true;
  const seen = new Map<string, string>();
  const claim = (id: string, path: string) => {
    const first = seen.get(id);
    if (first) fail(path, `duplicate id "${id}" (already used at ${first})`);
    seen.set(id, path);
  };
  manifest.site.languages.forEach((tag: string, i: number, all: string[]) => all.indexOf(tag) < i && fail(`site.languages[${i}]`, `duplicate language "${tag}"`));
  manifest.categories.forEach((c: Json, i: number) => {
    c.basis ??= 'consent';
    claim(c.id, `categories[${i}].id`);
    if (c.basis === 'exempt' && !c.exemption) fail(`categories[${i}].exemption`, 'is required when basis is exempt');
  });
  const home = (ref: string, path: string) => manifest.categories.find((c: Json) => c.id === ref) ?? fail(path, `unknown category "${ref}"`);
  manifest.services.forEach((s: Json, i: number) => {
    s.cookies ??= [];
    claim(s.id, `services[${i}].id`);
    if (home(s.category, `services[${i}].category`).basis !== 'exempt') return;
    s.cookies.forEach((c: Json, j: number) => {
      if (durationInDays(c.duration) > EXEMPT_MAX_DAYS) {
        fail(`services[${i}].cookies[${j}].duration`, "an exempt category's cookies may last at most 13 months (P13M)");
      }
    });
  });
  for (const [type, ids] of Object.entries(manifest.consentMode ?? {})) (ids as string[]).forEach((ref, i) => home(ref, `consentMode.${type}[${i}]`));
  return {ok: true, manifest: manifest as Manifest, warnings};
}

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
    must(m.version === 1 && Number.isSafeInteger(m.revision) && m.revision > 0);
    must(optional(m.consentMaxAgeDays, (days) => Number.isInteger(days) && days > 0 && days < 396));
    must(optional(m.gpc, (gpc) => gpc === 'refuse' || gpc === 'ignore') && optional(m.dataLayerEvent, (on) => on === !!on));
    must(optional(m.log, (log) => matches(record(log).url)));
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
    if (m.consentMode !== undefined) {
      m.consentMode = record(m.consentMode);
      for (const [type, ids] of Object.entries(m.consentMode)) {
        must(CONSENT_MODE_TYPES.includes(type as never) && items(ids, LIMITS.categories, 1).every((id) => matches(id, ID_PATTERN)));
      }
    }
    const result = finish(m);
    return result.ok ? result.manifest : undefined;
  } catch {
    return undefined;
  }
}
