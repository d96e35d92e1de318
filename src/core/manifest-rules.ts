import type {Basis, ConsentModeType} from './manifest.types.js';

/*
 * The rules and limits of a cookie manifest that more than one check needs: the runtime check
 * (manifest.ts), the site owner's lints (manifest-lint.ts), the CLI and the studio. They mirror
 * schema/cookie-manifest.schema.json (same patterns, same bounds; test/node/schema.test.mjs holds
 * the two together).
 */

/** `constructor` is refused: every plain object inherits a member of that name. */
export const ID_PATTERN = /^(?!constructor$)[a-z0-9][a-z0-9-]{0,63}$/;
export const LANGUAGE_PATTERN = /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/;
/*
 * A link (README, “The cookie manifest”): an absolute http(s) URL, or one relative to the
 * manifest's URL, which takes its scheme (`/privacy.html`, `privacy.html`, `../legal/`). One host
 * character, then anything but space: linear time (`[^\s/?#]+\S*` backtracks quadratically). No
 * control character: a URL parser drops them before the scheme (`\u0001javascript:`).
 */
export const LINK_PATTERN = /^(https?:\/\/[^\s/?#]\S*|(?![A-Za-z][A-Za-z0-9+.-]*:)[^\s\x00-\x1f]+)$/;
/** `log.url`: an https URL, or a relative link on the manifest's host (not `//host/…`, however spelled). */
export const LOG_URL_PATTERN = /^(https:\/\/[^\s/?#]\S*|(?![A-Za-z][A-Za-z0-9+.-]*:|[/\\]{2})[^\s\x00-\x1f]+)$/;
export const COOKIE_NAME_PATTERN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]{1,256}$/;
export const DOMAIN_PATTERN = /^\.?[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/;
export const DURATION_PATTERN = /^(session|P(?!$)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+S)?)?)$/;

export const BASES: readonly Basis[] = ['consent', 'necessary', 'exempt'];

/**
 * The Consent Mode types a manifest may map: the four of v2, and the two of functionality and
 * personalisation a site may tie to a consent category. `security_storage` is never mapped: it
 * follows the necessary category (src/core/consent-mode.ts).
 */
export const CONSENT_MODE_TYPES: readonly ConsentModeType[] = [
  'ad_storage',
  'ad_user_data',
  'ad_personalization',
  'analytics_storage',
  'functionality_storage',
  'personalization_storage',
];

/**
 * Bounds that keep a runaway or hostile manifest from freezing the page (README "Security"); the
 * whole file is at most 1 MB (src/browser/manifest-fetch.ts).
 */
export const LIMITS = {characters: 10_000, languages: 50, categories: 50, services: 1_000, cookies: 200} as const;

/** An exempt category's cookies may last at most 13 months (the CNIL's audience-measurement exemption), in days as `durationInDays` counts. */
export const EXEMPT_MAX_DAYS = 13 * 30.4375;

/**
 * Where a link of the manifest leads, the one rule of the banner, `validate` and the studio: `link`
 * resolved against `base`, the manifest's URL, as CSS resolves url(); `undefined` when that is not
 * http(s) (`javascript:`, `data:`, `mailto:`, a relative link served from `file:`) or no URL. With
 * no base (a file not yet served), the link as written when it is http(s) or relative.
 */
export function resolveLink(link: string, base?: string): string | undefined {
  if (!LINK_PATTERN.test(link)) return undefined;
  if (base === undefined) return link;
  try {
    const url = new URL(link, base);
    return /^https?:$/.test(url.protocol) ? url.href : undefined;
  } catch {
    return undefined;
  }
}
