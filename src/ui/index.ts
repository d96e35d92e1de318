/*
 * The `ui` module: the first layer and the placeholders of blocked embeds, loaded only when
 * something must be shown (the drop-in fetches it as `dist/consent-banner-ui.<language>.min.js`
 * from beside itself, one file per built-in language). No template library: plain DOM.
 */
import type {ViewHost} from '../view-contract.js';
import {ConsentBannerView} from './banner-view.js';

export function createBannerView(host: ViewHost) {
  return new ConsentBannerView(host);
}
