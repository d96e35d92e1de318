import {render} from 'lit';
import {DRAWING_KEY, check, drawWith, keepNow, loadCatalogue, restore, setAside, update} from './actions.js';
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
 *
 * Work the studio cannot show must not lock the user out: a drawing that throws sets the work
 * aside and draws a new manifest; a page that stopped while checking or drawing (frozen, then
 * reloaded) finds DRAWING_KEY still set in this tab and sets the saved work aside before showing
 * it again (actions.ts, restore).
 */

const app = document.getElementById('studio')!;

/** A fresh element to draw in: after a drawing threw, Lit's parts in the old one may be half made. */
function freshRoot() {
  const root = document.createElement('div');
  root.className = 'studio-root';
  app.replaceChildren(root);
  return root;
}

/** Marks (or clears) a check or a drawing in progress, in this tab's sessionStorage. */
function drawing(on: boolean) {
  try {
    if (on) sessionStorage.setItem(DRAWING_KEY, '1');
    else sessionStorage.removeItem(DRAWING_KEY);
  } catch {
    // No sessionStorage: a frozen page is then not caught on reload, the rest works.
  }
}

/** The last resort, in plain DOM: even a new manifest could not be drawn. */
function brokenPage(error: unknown) {
  const message = document.createElement('p');
  message.setAttribute('role', 'alert');
  message.textContent = `The studio cannot show its page (${(error as Error)?.message ?? error}). Start over clears its work from this browser.`;
  const button = document.createElement('button');
  button.type = 'button';
  button.id = 'start-over';
  button.className = 'danger';
  button.textContent = 'Start over';
  button.addEventListener('click', () => {
    for (const key of Object.keys(localStorage)) if (key.startsWith('consent-banner-studio:')) localStorage.removeItem(key);
    location.reload();
  });
  app.replaceChildren(message, button);
}

let root = freshRoot();
drawWith(() => {
  drawing(true);
  try {
    render(studioView(), root);
  } catch (error) {
    console.warn('consent-banner studio: the page could not be drawn; the work is set aside.', error);
    setAside(`the studio could not show it (${(error as Error)?.message ?? error})`);
    root = freshRoot();
    try {
      render(studioView(), root);
    } catch (again) {
      brokenPage(again);
    }
  }
  drawing(false);
});

let interrupted = false;
try {
  interrupted = sessionStorage.getItem(DRAWING_KEY) !== null;
} catch {
  // as in drawing()
}
drawing(true);
restore({interrupted});
check();
update();
watchPreview();
void loadCatalogue();
// The work typed last is kept before the page goes (a reload, a closed tab).
addEventListener('pagehide', keepNow);
