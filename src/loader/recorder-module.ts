/*
 * The recorder module (`dist/consent-banner-recorder.min.js`): what records a decision (the record
 * made, the cookie written, the withdrawn cookies deleted), fetched as the visitor reaches for a
 * choice or when a decision is asked for (loader/modules.ts, `RecorderModule`).
 */
export {ConsentRecorder, clearServiceCookies} from '../core/consent-recorder.js';
