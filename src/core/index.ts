/*
 * `consent-banner/core`: what a server or a tool needs, without a page (README, “Frameworks and
 * editors”). It touches no `document`, `window` or element, on import or on call, so it runs in
 * Node, in server-side rendering and in build tools: the manifest check (JSON text or a parsed
 * value), whether a site needs a banner, the consent cookie read back, the record a decision
 * makes, the check of the record the site's log receives (`parseRecord`), and the manifest's
 * hash. Re-exports only: these names are the package's public API.
 */
export {checkManifest} from './manifest-check.js';
export type {ManifestCheck, PlacedIssue} from './manifest-check.js';
export {needsBanner} from './decision.js';
export {makeRecord} from './make-record.js';
export {currentRecord} from './purposes.js';
export {decodeRecord} from './record-codec.js';
export {manifestHash} from './hash.js';
export type {ConsentChoice, ConsentMethod, ConsentRecord, DecisionContext} from './consent.js';
export {parseRecord} from './record-contract.js';
export type {RecordCheck, RecordIssue, SentRecord} from './record-contract.js';
export type {
  Basis,
  Category,
  ConsentModeType,
  CookieDeclaration,
  Manifest,
  ManifestIssue,
  ParseOptions,
  Service,
  Site,
  Text,
} from './manifest.types.js';
