/*
 * The consent log module (`dist/consent-banner-log.min.js`): fetched beside the recorder only for
 * a manifest with `log.url` (loader/modules.ts, `LogModule`).
 */
export {consentLog} from '../core/consent-log.js';
