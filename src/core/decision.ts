import type {Manifest} from './manifest.types.js';

/*
 * Does this site need to ask anything? Only when a consent category holds something to consent
 * to (README, “The cookie manifest”: no banner when no consent category holds a service): the Linkello sites and Porthello, whose cookies are all necessary or
 * exempt, show no banner and store nothing.
 */

/** The ids of the categories that need the visitor's yes: `basis: consent` with at least one service. */
export function consentCategoryIds(manifest: Manifest): string[] {
  return manifest.categories.filter((c) => c.basis === 'consent' && manifest.services.some((s) => s.category === c.id)).map((c) => c.id);
}

/** True when the site must ask for consent: some consent category holds a service. */
export function needsBanner(manifest: Manifest): boolean {
  return consentCategoryIds(manifest).length > 0;
}
