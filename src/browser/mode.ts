import {signalConsent, signalStart} from '../core/consent-mode.js';
import type {DataLayerHost} from '../core/consent-mode.js';
import type {ConsentRecord} from '../core/consent.js';
import type {Manifest} from '../core/manifest.types.js';

/*
 * The `mode` module (`dist/consent-banner-mode.min.js`, loader/modules.ts, `ModeModule`): Google
 * Consent Mode and the tag-manager event told to the page, through `window.dataLayer`. What they
 * say is src/core/consent-mode.ts.
 */

/** The signals of `ConsentState` (state.ts) through `host`'s dataLayer (`window` by default). */
export function dataLayerSignals(host: DataLayerHost = window as DataLayerHost) {
  return {
    start: (manifest: Manifest, record: ConsentRecord | null) => signalStart(host, manifest, record),
    change: (manifest: Manifest, record: ConsentRecord | null) => signalConsent(host, manifest, record),
  };
}
