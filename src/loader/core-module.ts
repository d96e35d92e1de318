/*
 * The session module (`dist/consent-banner-core.min.js`): what the loader fetches when something
 * is to be decided or shown (loader/modules.ts, `CoreModule`): the manifest's full check, and what
 * draws the views and hands decisions to the recorder.
 */
export {BannerSession} from './session.js';
export {parseManifest} from '../core/manifest.js';
