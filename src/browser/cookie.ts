import type {ConsentRecord} from '../core/consent.js';
import {decodeRecord} from '../core/record-codec.js';
import type {Manifest} from '../core/manifest.types.js';

/*
 * Reading the consent cookie back, without js-cookie: a page view that only reads (a returning
 * visitor's, a site with no banner) never loads the writer (store.ts).
 */

/**
 * Every value the page sees under `name`: a foreign cookie of the same name (another tool's, on a
 * parent domain or a deeper path) can stand beside ours, and before it in `document.cookie`.
 * Values are decoded as js-cookie's reader decodes them (it wrote them), without loading it: a
 * returning visitor's page only reads.
 */
export function valuesOf(name: string): string[] {
  return document.cookie.split('; ').flatMap((pair) => {
    const at = pair.indexOf('=');
    let value = pair.slice(at + 1);
    if (value[0] === '"') value = value.slice(1, -1);
    try {
      return at > 0 && decodeURIComponent(pair.slice(0, at)) === name ? [value.replace(/(%[\dA-F]{2})+/gi, decodeURIComponent)] : [];
    } catch {
      return [];
    }
  });
}

/** The consent cookie of `manifest`, read only: ours, the newest if several; whatever else bears the name is no choice. */
export function cookieReader(manifest: Manifest): {read(): ConsentRecord | null} {
  return {
    read: () => {
      try {
        const records = valuesOf(manifest.cookie.name).flatMap((value) => decodeRecord(value) ?? []);
        return records.sort((a, b) => b.timestamp.localeCompare(a.timestamp))[0] ?? null;
      } catch {
        return null;
      }
    },
  };
}
