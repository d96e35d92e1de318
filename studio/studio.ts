import {render} from 'lit';
import {check, drawWith, loadCatalogue, restore, update} from './actions.js';
import {watchPreview} from './preview-frame.js';
import {studioView} from './views/studio-view.js';

/*
 * The manifest studio: a form over the draft manifest, checked on every change by the banner's
 * own parseManifest and the site owner's lints (`checkManifest`), with a live preview of the
 * real <consent-banner> in an iframe (studio/preview.html). Static and offline: the catalogue
 * and the seed manifests come from this server, the work in progress lives in localStorage,
 * downloads are made in the page.
 *
 * state.ts holds what the studio knows, actions.ts what the user does, views/ draws it (with the
 * controls of fields.ts), and preview-frame.ts keeps the preview in step.
 */

const app = document.getElementById('studio')!;
drawWith(() => render(studioView(), app));
restore();
check();
update();
watchPreview();
void loadCatalogue();
