import {cookieNameMatcher} from '../src/core/cookie-names.js';
import {LIMITS} from '../src/core/manifest-rules.js';
import type {Draft, DraftService, TextMap} from './draft.js';

/* The banner's own consent cookie, which the studio declares in a service of its own. */

/** The service the studio declares the banner's own cookie in, when no other service does. */
export const OWN_SERVICE_ID = 'consent-banner';

const OWN_PURPOSE: TextMap = {
  en: 'Keeps your cookie choices, acceptance or refusal, so that you are not asked again on every page.',
  fr: 'Retient vos choix en matière de cookies, acceptation comme refus, pour ne pas vous les redemander à chaque page.',
};
const OWN_DESCRIPTION: TextMap = {
  en: 'The cookie banner of this site: it remembers your choices.',
  fr: 'Le bandeau cookies de ce site : il retient vos choix.',
};

/** The texts of `text` in the site's languages; English when it has none of them. */
const inLanguages = (text: TextMap, languages: readonly string[]) => {
  const kept = Object.fromEntries(Object.entries(text).filter(([lang]) => languages.includes(lang)));
  return Object.keys(kept).length ? kept : {en: text.en};
};

/** Is this the service declared automatically? Its id and name are `consent-banner` (a service of yours needs another). */
const isOwn = (s: DraftService) => s.id === OWN_SERVICE_ID && s.name === 'consent-banner';

/** The service declared automatically, when the draft has one. */
export const ownService = (draft: Draft) => draft.services.find(isOwn);

/**
 * Declares the banner's own consent cookie in the draft's first necessary category (README,
 * "Manifest studio"): a service of its own, `consent-banner`, with the cookie under its name
 * (`consent` unless set), kept as long as the longer of a yes and a no, and, when decisions are
 * logged, the localStorage key where unsent records wait (`<cookie>-log`). Kept in step at every
 * change, and last in the list; left out when another service declares that cookie, when nothing
 * is ever asked (no consent or exempt category), when there is no necessary category, or when the
 * site's own services already reach the banner's limit. Changes the draft in place; says whether
 * it changed it.
 */
export function declareOwn(draft: Draft): boolean {
  const index = draft.services.findIndex(isOwn);
  const name = (typeof draft.cookie?.name === 'string' && draft.cookie.name.trim()) || 'consent';
  const home = draft.categories.find((c) => c.basis === 'necessary');
  const asks = draft.categories.some((c) => c.basis === 'consent' || c.basis === 'exempt');
  const others = draft.services.filter((_, i) => i !== index);
  const declared = others.some(
    (s) =>
      Array.isArray(s.cookies) &&
      s.cookies.some((c) => typeof c?.name === 'string' && c.name.trim() && cookieNameMatcher(c.name.trim())(name))
  );
  const taken = others.some((s) => s.id === OWN_SERVICE_ID);
  // It never takes the place of one of the site's own: a manifest at the banner's limit gets none.
  const full = others.length >= LIMITS.services;
  if (!home || !asks || declared || taken || full) {
    if (index < 0) return false;
    draft.services.splice(index, 1);
    return true;
  }
  const days = Math.max(Number(draft.consentMaxAgeDays) || 182, Number(draft.refusalMaxAgeDays) || 182);
  const languages = draft.site.languages;
  const own: DraftService = {
    id: OWN_SERVICE_ID,
    name: 'consent-banner',
    category: home.id,
    description: inLanguages(OWN_DESCRIPTION, languages),
    cookies: [{name, duration: `P${days}D`, purpose: inLanguages(OWN_PURPOSE, languages)}],
    ...(typeof draft.log?.url === 'string' && draft.log.url.trim() ? {storage: [`${name}-log`]} : {}),
  };
  const before = index >= 0 ? JSON.stringify(draft.services[index]) : '';
  // Kept last, after the site's own services, whatever is added after it.
  if (before === JSON.stringify(own) && index === draft.services.length - 1) return false;
  if (index >= 0) draft.services.splice(index, 1);
  draft.services.push(own);
  return true;
}
