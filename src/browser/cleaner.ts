import Cookies from 'js-cookie';
import {cookieDomains, cookieNameMatcher, cookiePaths} from '../core/cookie-names.js';
import type {CookieDeclaration} from '../core/manifest.types.js';

/*
 * Deleting the cookies of withdrawn services (README, “What visitors get”, docs/rules.md R27): declared names and
 * `*` wildcards, on the current host and on each parent domain, where trackers such as Google
 * Analytics put them. Cookies on a third-party domain (a declaration with `domain`) cannot be
 * reached from the page and are left to the visitor's browser. Their declared `storage` keys go
 * the same way, from the page's localStorage and sessionStorage.
 */

/**
 * Deletes every cookie the page can see whose name matches a first-party declaration, on every
 * domain and path it could have been set on. Returns the names it deleted.
 */
export function clearDeclaredCookies(declarations: readonly CookieDeclaration[], doc: Document = document): string[] {
  const matchers = declarations.filter((d) => !d.domain).map((d) => cookieNameMatcher(d.name));
  let present: string[];
  try {
    present = Object.keys(Cookies.get());
  } catch {
    return []; // document.cookie throws (a sandboxed document): there is nothing the page could clear
  }
  const doomed = present.filter((name) => matchers.some((matches) => matches(name)));
  const {hostname, pathname} = doc.location;
  for (const name of doomed) {
    for (const path of cookiePaths(pathname)) {
      Cookies.remove(name, {path});
      for (const domain of cookieDomains(hostname)) Cookies.remove(name, {path, domain});
    }
  }
  return doomed;
}

/**
 * Deletes every localStorage and sessionStorage key of the page that matches one of `patterns`
 * (names with `*` wildcards, as for cookies), except `keep`. Returns the keys it deleted. A storage
 * the page cannot reach (a sandboxed document, storage blocked) or that refuses a deletion is
 * named in a console warning and skipped: nothing throws.
 */
export function clearDeclaredStorage(patterns: readonly string[], keep: readonly string[] = [], win: Window = window): string[] {
  const matchers = patterns.map(cookieNameMatcher);
  const deleted: string[] = [];
  if (!matchers.length) return deleted;
  for (const kind of ['localStorage', 'sessionStorage'] as const) {
    try {
      const storage = win[kind];
      const keys: string[] = [];
      for (let i = 0; i < storage.length; i++) keys.push(storage.key(i)!);
      for (const key of keys) {
        if (keep.includes(key) || !matchers.some((matches) => matches(key))) continue;
        storage.removeItem(key);
        deleted.push(key);
      }
    } catch (error) {
      console.warn(`consent-banner: cannot delete the declared ${kind} keys of withdrawn services (${(error as Error)?.message ?? error})`);
    }
  }
  return deleted;
}
