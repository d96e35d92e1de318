import {html, nothing} from 'lit';
import {state} from '../state.js';

/** “Copied”, “Downloaded”: shown for a few seconds beside the control that did it (actions.ts, flash), for every eye. */
export const flashed = (id: string) =>
  state.flash?.id === id ? html`<span class="flash" aria-hidden="true">✓ ${state.flash.text}</span>` : nothing;
