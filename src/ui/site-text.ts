import {directionOf} from '../core/language.js';
import type {Words} from '../view-contract.js';
import {isolated} from './say.js';

/*
 * The manifest's texts inside the banner's own sentences, for the views drawn with the DOM alone
 * (the first layer, the placeholders). The preferences and the declaration (lit-html) do the same
 * in their templates.
 */

/**
 * A text of the manifest (the site's name, a category's title) in an element of its own, for a
 * sentence of the banner's words: with its `lang` and `dir` when it is in `language`, not the
 * UI's (WCAG 3.1.2: Arabic buttons, English texts), else a `<bdi>`. Either way its bidirectional
 * controls go (say.ts, `isolated`): a name holding an unclosed U+2067 cannot
 * turn the sentence around it.
 */
export function siteText(text: string, language?: string, words?: Words): HTMLElement {
  const foreign = language !== undefined && language !== words?.$code;
  const node = document.createElement(foreign ? 'span' : 'bdi');
  if (foreign) {
    node.lang = language;
    node.dir = directionOf(language);
  }
  node.textContent = isolated(text);
  return node;
}
