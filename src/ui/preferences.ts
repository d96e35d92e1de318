/*
 * The `preferences` module: the preferences and the cookie declaration (lit-html), loaded when the
 * visitor asks for the preferences or the page holds a <consent-declaration> (the drop-in fetches
 * it as `dist/consent-banner-preferences.min.js`, with the words of its language,
 * `dist/consent-banner-words.<language>.min.js`).
 */
import type {PreferencesView, ViewHost} from '../view-contract.js';
import {Preferences} from './preferences-view.js';

export {renderDeclaration} from './declaration-view.js';

export function createPreferences(host: ViewHost): PreferencesView {
  return new Preferences(host);
}
