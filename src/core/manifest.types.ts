/**
 * The cookie manifest, as `parseManifest` returns it: validated, with defaults filled in.
 * The one source of truth for its shape is `schema/cookie-manifest.schema.json`; a test keeps
 * these types, the runtime check and the schema in agreement.
 */

/** A text: one string for every language, or one string per language (`{"fr": "…", "en": "…"}`). */
export type Text = string | Readonly<Record<string, string>>;

/** Why a category may run: `consent` (opt-in), `necessary` (ePrivacy art. 5(3)) or `exempt` (a stated rule). */
export type Basis = 'consent' | 'necessary' | 'exempt';

export interface Site {
  name: string;
  /** http(s) only. */
  policyUrl: string;
  /** BCP 47 tags; the first is the site's default language. */
  languages: string[];
}

export interface Category {
  id: string;
  basis: Basis;
  title: Text;
  description?: Text;
  /** Required when `basis` is `exempt`: the rule that exempts it (shown to the visitor). */
  exemption?: Text;
}

export interface CookieDeclaration {
  /** A cookie name; `*` matches any run of characters (`_ga_*`). */
  name: string;
  /** ISO 8601 duration (`P13M`, `PT30M`) or `session`. */
  duration: string;
  purpose?: Text;
  /** Set when the cookie lives on a third-party domain the page cannot clear (`doubleclick.net`). */
  domain?: string;
}

export interface Service {
  id: string;
  name: string;
  provider?: string;
  /** Id of the category it belongs to; a service sits in exactly one. */
  category: string;
  /** http(s) only. */
  policyUrl?: string;
  description?: Text;
  cookies: CookieDeclaration[];
  /**
   * The localStorage and sessionStorage keys it sets, that withdrawal deletes; `*` matches any
   * run of characters (`_hj*`).
   */
  storage?: string[];
}

export interface Manifest {
  version: 1;
  site: Site;
  /** The manifest's version, recorded with each decision; default 1. Purposes that changed are asked again whatever it says. */
  revision: number;
  /** How long an acceptance is kept, 1..395; default 182. */
  consentMaxAgeDays: number;
  /** How long a refusal is kept: 182..395 (a refused purpose is not asked about again within six months); default 182. */
  refusalMaxAgeDays: number;
  cookie: {name: string; domain?: string};
  categories: Category[];
  services: Service[];
  log?: {url: string};
  gpc: 'refuse' | 'ignore';
  /**
   * Google Consent Mode v2: the categories that grant each consent type (all of them must be
   * allowed). `security_storage`, and `functionality_storage` unless mapped, follow the
   * necessary category.
   */
  consentMode?: Partial<Record<ConsentModeType, string[]>>;
  /** Push `{event: 'consent_update', consent: {categories, services}}` to `window.dataLayer` on every decision. */
  dataLayerEvent?: boolean;
  /**
   * The site's own words for languages the banner lacks (README, “A site's own language”): by
   * language tag, the link to a file in the format of src/i18n/<tag>.json (schema/words.schema.json),
   * resolved against the manifest's URL. A built-in language's entry is not used.
   */
  words?: Record<string, string>;
}

/** The Google Consent Mode types a manifest may map to its categories. */
export type ConsentModeType =
  'ad_storage' | 'ad_user_data' | 'ad_personalization' | 'analytics_storage' | 'functionality_storage' | 'personalization_storage';

/** One problem found in a manifest: where (`categories[2].basis`) and what. */
export interface ManifestIssue {
  path: string;
  message: string;
}

/** What `parseManifest` (and `checkManifest`) is told besides the manifest. */
export interface ParseOptions {
  /**
   * The manifest's own URL (the page's for an inline or object manifest): its relative links
   * resolve against it, and each must then be http(s) (`resolveLink`). Without it, a link is
   * checked as written: an absolute http(s) URL, or a relative link.
   */
  base?: string;
}

export type ParseResult = {ok: true; manifest: Manifest; warnings: ManifestIssue[]} | {ok: false; errors: ManifestIssue[]};
