/*
 * The npm entry: `import 'consent-banner'` registers <consent-banner>; the named exports give
 * the element class, the types and the pure functions of the core. The recorder and the views are
 * separate chunks (with every built-in language), imported only when needed (loader/modules.ts).
 */
import {defineElements} from './loader/define.js';
import {setModuleSource} from './loader/modules.js';
import type {Modules} from './loader/modules.js';

const MODULES: {[K in keyof Modules]: () => Promise<Modules[K]>} = {
  core: () => import('./loader/core-module.js'),
  recorder: () => import('./loader/recorder-module.js'),
  mode: () => import('./loader/mode-module.js'),
  log: () => import('./loader/log-module.js'),
  ui: () => import('./ui/index.js'),
  embeds: () => import('./ui/embeds.js'),
  reopen: () => import('./ui/reopen.js'),
  details: () => import('./ui/details.js'),
};
setModuleSource((name) => MODULES[name]());
defineElements();

export {ConsentBanner} from './loader/consent-banner.js';
export {ConsentDeclaration} from './loader/consent-declaration.js';
export type {ConsentChangeDetail, ConsentErrorDetail} from './events.js';
export {defineElements} from './loader/define.js';
export {parseManifest, resolveText, formatIssue} from './core/manifest.js';
export {checkManifest} from './core/manifest-check.js';
export {lintManifest} from './core/manifest-lint.js';
export type * from './core/manifest.types.js';
export {loadManifest} from './core/manifest.js';
export {readManifestJson} from './core/manifest-loader.js';
export type {ManifestJson, LoadManifestOptions} from './core/manifest-loader.js';
export {needsBanner, consentCategoryIds} from './core/decision.js';
export {
  makeRecord,
  currentRecord,
  purposesToAsk,
  purposeFingerprint,
  encodeRecord,
  decodeRecord,
  acceptAllChoice,
  rejectAllChoice,
  manifestHash,
  canonicalJson,
  fnv1a64,
  UI_VERSION,
} from './core/consent.js';
export type {ConsentRecord, ConsentChoice, ConsentMethod, DecisionContext} from './core/consent.js';
export {consentLog, logTarget, pendingKey} from './core/consent-log.js';
export {consentSync, channelName} from './core/consent-sync.js';
export {cookieStore, memoryStore} from './core/consent-store.js';
export {cookieReader} from './core/consent-cookie.js';
export type {ConsentStore} from './core/consent-store.js';
export {isAllowed, readTag, ScriptGate} from './core/script-gate.js';
export type {GateTag} from './core/script-gate.js';
export {clearDeclaredCookies, cookieNameMatcher, cookieDomains} from './core/cookie-cleaner.js';
export {parseDuration, durationInDays, formatDuration} from './core/duration.js';
export {chooseLanguages, isLanguageTag, matchLanguage, pickLanguage, requestedLanguages, uiLanguage} from './core/language.js';
export type {LanguageChoice} from './core/language.js';
export {ConsentController} from './core/consent-controller.js';
export type {ConsentChangeSource, ConsentListener, ConsentControllerOptions} from './core/consent-controller.js';
export {ConsentState} from './core/consent-state.js';
export type {ConsentStateOptions} from './core/consent-state.js';
export {ConsentRecorder} from './core/consent-recorder.js';
export type {ConsentRecorderOptions} from './core/consent-recorder.js';
export type {ConsentView, ViewHost} from './view-contract.js';
