/*
 * The element entry of the npm package (`consent-banner`, README, “Frameworks and editors”):
 * `import 'consent-banner'` registers <consent-banner> and <consent-declaration> in a browser;
 * in Node (a server, server-side rendering) it registers nothing and does not throw. It exports
 * the element classes, `defineElements` and the types of the elements' API; what a server or a
 * tool needs without a page (the manifest check, the consent record) is `consent-banner/core`
 * (src/core/index.ts). The session, the recorder, the views and the words of each built-in
 * language are separate chunks, imported only when needed (loader/modules.ts).
 *
 * The registration runs in this module's own code, which the build keeps in dist/index.js
 * (rollup.config.js), the file package.json's `sideEffects` names: a bundler that keeps a bare
 * `import 'consent-banner'` keeps the registration with it.
 */
import {defineElements as register} from './loader/define.js';
import {setModuleSource} from './loader/modules.js';
import type {Modules} from './loader/modules.js';

const MODULES: {[K in keyof Modules]: (language: string) => Promise<Modules[K]>} = {
  session: () => import('./loader/session.js'),
  check: () => import('./loader/check.js'),
  recorder: () => import('./browser/recorder.js'),
  mode: () => import('./browser/mode.js'),
  log: () => import('./browser/log.js'),
  accent: () => import('./browser/accent.js'),
  'first-layer': () => import('./ui/first-layer.js'),
  embeds: () => import('./ui/embeds.js'),
  preferences: () => import('./ui/preferences.js'),
  reopen: () => import('./ui/reopen.js'),
  'site-words': () => import('./loader/site-words.js'),
  // One file per language (src/i18n/<language>.json, a JSON module as bundlers import one); the
  // build makes two chunks of each, as the drop-in's two files: the first layer's and re-open
  // control's words, and the other views' (rollup.config.js, `words`).
  words: (language) => import(`./i18n/${language}.json`),
  'other-words': (language) => import(`./i18n/${language}.json`),
};

/**
 * Registers `<consent-banner>` and `<consent-declaration>` in `registry` (the page's), unless
 * they are registered already, and tells them to load their lazily loaded parts from this
 * package. Importing the package does it; call it yourself where a bundler drops the package's
 * side effects anyway. Where there is no registry (Node), it does nothing.
 */
export function defineElements(registry: CustomElementRegistry | undefined = globalThis.customElements): void {
  if (!registry) return;
  setModuleSource((name, language) => MODULES[name](language));
  register(registry);
}

defineElements();

export {ConsentBanner} from './loader/consent-banner.js';
export {ConsentDeclaration} from './loader/consent-declaration.js';
export type {ConsentChangeDetail, ConsentErrorDetail} from './events.js';
export type {ConsentChoice, ConsentMethod, ConsentRecord, Manifest, ManifestIssue} from './core/index.js';
