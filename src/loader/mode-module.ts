/*
 * The Consent Mode module (`dist/consent-banner-mode.min.js`): fetched by the loader, before the
 * gate starts, only for a manifest with `consentMode` or `dataLayerEvent` (loader/modules.ts, `ModeModule`).
 */
export {dataLayerSignals} from '../core/consent-mode.js';
