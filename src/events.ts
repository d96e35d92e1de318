import type {ConsentRecord} from './core/consent.js';
import type {ManifestIssue} from './core/manifest.types.js';

/*
 * The events of <consent-banner> (README, “Events and API”), typed for TypeScript users: once this module is
 * imported (the entry points do), `addEventListener('consent-change', (e) => e.detail.categories)`
 * needs no cast, on the element, on `document` and on `window` (the events bubble and are composed).
 * Types only: nothing of this file reaches the bundle.
 */

/** `detail` of `consent-change`: the decision, as stored (README, “Events and API”). */
export type ConsentChangeDetail = ConsentRecord;

/** `detail` of `consent-error`: what is wrong with the manifest, with JSON paths. */
export interface ConsentErrorDetail {
  message: string;
  errors: ManifestIssue[];
}

declare global {
  // HTMLElementEventMap, DocumentEventMap and WindowEventMap all extend this map.
  interface GlobalEventHandlersEventMap {
    /** After every decision, and once at start when a stored choice is found. */
    'consent-change': CustomEvent<ConsentChangeDetail>;
    /** The manifest is loaded and the state known. */
    'consent-ready': Event;
    /** The manifest could not be loaded or is invalid: nothing that needs consent runs. */
    'consent-error': CustomEvent<ConsentErrorDetail>;
  }
}
