import {html, nothing} from 'lit';
import type {TemplateResult} from 'lit';
import {ifDefined} from 'lit/directives/if-defined.js';
import {toggle} from '../actions.js';
import {issuesUnder, isOpen} from '../state.js';
import {count} from '../words.js';

/*
 * A folded card's line: a heading whose button opens or folds the card (aria-expanded, the
 * disclosure pattern), with what the card holds in a word, and its errors and warnings counted.
 * Only an open card draws its fields (state.ts, isOpen).
 */

/** ` · 1 error · 2 warnings`, for the issues shown inside `path`. */
export function issueCounts(path: string) {
  const found = issuesUnder(path);
  const errors = found.filter((i) => i.kind === 'error').length;
  const warnings = found.length - errors;
  return html`${errors ? html` · <span class="bad">${count(errors, 'error')}</span>` : nothing}${
    warnings ? html` · <span class="warn">${count(warnings, 'warning')}</span>` : nothing
  }`;
}

/** The heading (h3, or `level`) of a folded card: its button, `id`, opens `item`'s body, `bodyId`. */
export function foldLine(item: object, id: string, bodyId: string, name: unknown, meta: unknown, level: 3 | 4 = 3): TemplateResult {
  const open = isOpen(item);
  const button = html`<button
    type="button"
    class="fold"
    id=${id}
    aria-expanded=${open ? 'true' : 'false'}
    aria-controls=${ifDefined(open ? bodyId : undefined)}
    @click=${() => toggle(item)}
  >
    <span class="name">${name}</span> <span class="meta">${meta}</span>
  </button>`;
  return level === 3 ? html`<h3 class="line">${button}</h3>` : html`<h4 class="line">${button}</h4>`;
}
