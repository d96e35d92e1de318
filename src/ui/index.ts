/*
 * The UI module: everything `<consent-banner>` draws, loaded only when something must be shown
 * (the drop-in fetches it as `dist/consent-banner-ui.<language>.min.js` from beside itself, one
 * file per built-in language).
 */
import type {BannerHost} from '../loader/ui-loader.js';
import {ConsentBannerView} from './banner-view.js';

export {renderDeclaration} from './declaration-view.js';

export function createBannerView(host: BannerHost) {
  return new ConsentBannerView(host);
}
