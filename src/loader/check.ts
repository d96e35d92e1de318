/*
 * The `check` module: what the drop-in tells a site owner, in words, fetched only when there is
 * something to tell, so that a first visit downloads none of them. The full check with its
 * messages, for a manifest the loader refuses (the session checks without them:
 * rollup.config.js, `withoutMessages`), and the notice of a page language the banner cannot speak.
 */
export {parseManifest} from '../core/manifest.js';
export {noticeOf} from '../core/language.js';
