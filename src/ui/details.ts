/*
 * The `details` module: the preferences and the cookie declaration (lit-html), loaded when the
 * visitor asks for the preferences or the page holds a <consent-declaration> (the drop-in
 * fetches it as `dist/consent-banner-details.<language>.min.js`, one file per built-in language).
 */
import type {ViewHost} from '../view-contract.js';
import {PreferencesView} from './preferences-view.js';

export {renderDeclaration} from './declaration-view.js';

export function createDetailsView(host: ViewHost) {
  return new PreferencesView(host);
}
