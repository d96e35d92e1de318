import {readManifestJson} from '../browser/manifest-fetch.js';
import {ConsentState} from '../browser/state.js';
import {builtInOf, chooseLanguages, pageLanguageFault} from '../core/language.js';
import type {Languages} from '../core/language.js';
import {checkEssentials} from '../core/manifest-essentials.js';
import type {Manifest, ManifestIssue} from '../core/manifest.types.js';
import {UI_LANGUAGES} from '../core/language.js';
import {load, loadWords, setSiteWords} from './modules.js';

/*
 * Getting the manifest for the loader: its JSON, checked for what decides what may run
 * (`checkEssentials`); the full check runs in the session module, before anything is shown or
 * decided. The drop-in starts this (`prefetch`) while the page is still parsing, before its
 * <consent-banner> exists, and, as soon as the manifest says the visitor must be asked, the
 * fetch of the session and of the first layer with its words, side by side: the element then
 * finds them under way.
 */

/**
 * The manifest as the loader has it: why it could not be had (`errors`), or its JSON (for the
 * full check) and, when it is fit to decide what runs, the manifest `checkEssentials` made of it.
 */
export interface LoadedManifest {
  errors?: ManifestIssue[];
  json?: unknown;
  /** The URL its relative links resolve against (src/browser/manifest-fetch.ts). */
  base?: string;
  manifest?: Manifest;
}

/** The manifests fetched ahead, by URL, until the element takes them (`manifestFor`). */
const prefetched = new Map<string, Promise<LoadedManifest>>();

async function loadEssentials(source: unknown): Promise<LoadedManifest> {
  const loaded = await readManifestJson(source);
  return loaded.ok ? {...loaded, manifest: checkEssentials(loaded.json)} : loaded;
}

/**
 * The languages of the UI's words and of the manifest's texts for a banner whose `lang` is
 * `elementLang` (README, “Drop it in”): the UI's from the built-in languages and the site's own
 * (the manifest's `words`, but for a form of a built-in one, README “A site's own language”).
 */
export function languagesFor(manifest: Manifest, elementLang = ''): Languages {
  const wanted = [elementLang, document.documentElement.lang, navigator.languages] as const;
  const available = [...UI_LANGUAGES, ...Object.keys(manifest.words ?? {}).filter((tag) => !builtInOf(tag, UI_LANGUAGES))];
  const choice = chooseLanguages(manifest.site.languages, available, ...wanted);
  return {
    ...choice,
    fallback: chooseLanguages(manifest.site.languages, UI_LANGUAGES, ...wanted).ui,
    available,
    fault: pageLanguageFault(elementLang, wanted[1], available),
  };
}

/**
 * Is there a browser privacy signal to read before asking (R35)? `gpc` when Global Privacy
 * Control answers for the visitor (then the recorder is needed, not the banner); `other` when
 * the browser has ADPC, or a GPC value that is not a boolean (the recorder asks ADPC, or names
 * the odd value; the banner may follow); else `undefined`.
 */
export function signalToRead(state: Pick<ConsentState, 'mustAsk' | 'manifest'>): 'gpc' | 'other' | undefined {
  if (!state.mustAsk || state.manifest.gpc === 'ignore') return undefined;
  const {globalPrivacyControl: gpc, dataProtectionControl: adpc} = navigator as {
    globalPrivacyControl?: unknown;
    dataProtectionControl?: unknown;
  };
  return gpc === true ? 'gpc' : (gpc ?? false) !== false || adpc !== undefined ? 'other' : undefined;
}

/**
 * Starts loading the manifest at `url` now, and what showing its banner needs once it is known to
 * be needed (the first layer in the language of a banner whose `lang` will be `elementLang`; with
 * `accent`, the drop-in's `data-accent`, the code that derives its colours: loader/session.ts).
 */
export function prefetch(url: string, elementLang?: string, accent = false) {
  prefetched.set(
    url,
    loadEssentials(url).then((loaded) => {
      const {manifest} = loaded;
      if (manifest) setSiteWords(manifest.words, loaded.base!);
      if (manifest && new ConsentState(manifest).mustAsk) {
        // Failures are reported by the element when it uses them. A GPC refusal needs the recorder
        // (and the log, when there is one), not the banner.
        load('session').catch(() => {});
        const signal = signalToRead({mustAsk: true, manifest});
        if (signal !== 'gpc') {
          // The first layer and its words, in parallel: never the words after the view.
          load('first-layer').catch(() => {});
          if (accent) load('accent').catch(() => {});
          loadWords(languagesFor(manifest, elementLang)).catch(() => {});
        }
        if (signal) for (const name of manifest.log ? (['recorder', 'log'] as const) : (['recorder'] as const)) load(name).catch(() => {});
      }
      return loaded;
    })
  );
}

/** The manifest of `source`: the one fetched early when it is the same URL (once), else fetched now. */
export function manifestFor(source: unknown): Promise<LoadedManifest> {
  const started = typeof source === 'string' ? prefetched.get(source) : undefined;
  prefetched.delete(source as string);
  return started ?? loadEssentials(source);
}
