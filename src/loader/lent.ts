import {durationInDays} from '../core/duration.js';
import {matchLanguage} from '../core/language.js';
import {formatIssue, withDefaults, withinExemption} from '../core/manifest-essentials.js';
import {
  BASES,
  COOKIE_NAME_PATTERN,
  DURATION_PATTERN,
  EXEMPT_MAX_DAYS,
  ID_PATTERN,
  LIMITS,
  LOG_URL_PATTERN,
} from '../core/manifest-rules.js';
import {lazy} from './lazy.js';

/*
 * What the drop-in's loader lends the modules it fetches (the session, the views, the recorder…):
 * code they need and the loader holds anyway, so that no fetched file carries a copy of its
 * own. `LENT` is the one list (an array: its places, not names, reach the page): the loader puts
 * it on the page (`lend`, before it fetches anything), and the build of each fetched module reads
 * a name of it from there, by its place, instead of bundling it (rollup.config.js, `borrow`); what
 * else the same files export is bundled as usual. A name lent must be imported above.
 * The npm build shares its chunks instead, and never reads this.
 */
export const LENT = [
  durationInDays,
  matchLanguage,
  formatIssue,
  withDefaults,
  withinExemption,
  BASES,
  COOKIE_NAME_PATTERN,
  DURATION_PATTERN,
  EXEMPT_MAX_DAYS,
  ID_PATTERN,
  LIMITS,
  LOG_URL_PATTERN,
  lazy,
];

/**
 * Lends `LENT` to the modules the drop-in fetches: the same loader and modules, one release. As
 * with the modules' source (modules.ts), the first drop-in of a page wins: its modules are the ones fetched.
 */
export function lend() {
  (globalThis as Record<symbol, unknown>)[Symbol.for('consent-banner.lent')] ??= LENT;
}
