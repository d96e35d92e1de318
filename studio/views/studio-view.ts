import {html} from 'lit';
import {state} from '../state.js';
import {advancedView} from './advanced-view.js';
import {categoriesView} from './categories-view.js';
import {checkView} from './check-view.js';
import {fileView} from './file-view.js';
import {jsonView} from './json-view.js';
import {previewView} from './preview-view.js';
import {servicesView} from './services-view.js';
import {siteView} from './site-view.js';

/** The whole page: the toolbar; the form on the left; the check, the preview and the JSON on the right. */
export function studioView() {
  return html`${fileView()}
    <div class="columns">
      <div class="editor">${siteView()} ${categoriesView()} ${servicesView()} ${advancedView()}</div>
      <div class="side">${checkView()} ${previewView()} ${jsonView()}</div>
    </div>
    <p class="visually-hidden" role="status" id="status">${state.statusText}</p>`;
}
