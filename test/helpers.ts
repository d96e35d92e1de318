import {oneEvent} from '@open-wc/testing';
import {parseManifest} from '../src/core/manifest.js';
import type {Manifest} from '../src/core/manifest.types.js';
import type {ConsentBanner} from '../src/index.js';
import type {Words} from '../src/view-contract.js';

/** The parsed form of a fixture manifest; throws when it is invalid. */
export function parsed(input: unknown): Manifest {
  const result = parseManifest(input);
  if (!result.ok) throw new Error(`fixture is invalid: ${JSON.stringify(result.errors)}`);
  return result.manifest;
}

/** The UI's words in `language` (src/i18n/<language>.json), as the views get them. */
export function wordsOf(language: string): Promise<Words> {
  return import(`../src/i18n/${language}.json`).then((module: {default: Words}) => module.default);
}

/** Deletes every cookie this page can see (tests share one origin). */
export function clearAllCookies() {
  for (const part of document.cookie.split(';')) {
    const name = part.split('=')[0].trim();
    if (name) document.cookie = `${name}=; max-age=0; path=/`;
  }
}

/** Ids made by a counter, for deterministic records. */
export function idMaker() {
  let n = 0;
  return () => `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`;
}

/**
 * Opens every closed `<details>` under `root`, as a visitor would, and waits until each has, the
 * ones drawn on opening (a category's services) included.
 */
export async function openDetails(root: ParentNode) {
  // A purpose unfolds from its row's button; its services are drawn at once.
  for (const toggle of root.querySelectorAll<HTMLButtonElement>('button[aria-expanded="false"]')) toggle.click();
  for (;;) {
    const closed = [...root.querySelectorAll('details')].filter((d) => !d.open);
    if (!closed.length) return;
    await Promise.all(
      closed.map(
        (d) =>
          new Promise((resolve) => {
            d.addEventListener('toggle', resolve, {once: true});
            d.open = true;
          })
      )
    );
  }
}

/**
 * A `<consent-banner>` given `manifest` (an object, or a URL), in English unless `attributes` name
 * another `lang`, with `attributes` set, put in the page; resolves once it is ready (`consent-ready`)
 * and drawn. The test file calls `defineElements()` first.
 */
export async function mount(manifest: unknown, attributes: Record<string, string> = {}): Promise<ConsentBanner> {
  const el = document.createElement('consent-banner');
  el.lang = 'en';
  for (const [name, value] of Object.entries(attributes)) el.setAttribute(name, value);
  const ready = oneEvent(el, 'consent-ready');
  el.manifest = manifest as object;
  document.body.append(el);
  await ready;
  await el.updateComplete;
  return el;
}
