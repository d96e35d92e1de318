import type {Words} from '../view-contract.js';
import {css} from './stylesheet.js';

/*
 * Page CSS stops at the frame. Each shadow root (the banner's, a placeholder's, the declaration's)
 * draws into one `<div class="frame">` without a box of its own (`display: contents`) that resets
 * every inherited property the page may set (`all: initial`: the font, its size, weight, style and
 * variant, the text's alignment, indent, transform, shadow and spacing, white-space, line height,
 * cursor, visibility, colour…) and sets ours. The host cannot do that: the page's rules that match
 * it (`*`, `body > *`) win over `:host`, and everything inside would inherit what they set.
 * - The `--consent-*` custom properties come through (`all` leaves them), as do `::part()` rules
 *   (they match the elements inside, and win over ours).
 * - `all` leaves `direction` too: `dir` comes from the UI's language, never from the page.
 * - The frame's `lang` is the UI's language, but `all` resets the locale it gives the frame's text
 *   (fonts, line breaks, casing): `lang` goes on the elements inside too (the dialogs, the re-open
 *   control, a placeholder's box, the declaration's).
 * - Its font size is `medium`, the visitor's default: the views' lengths are in `em`, never `rem`,
 *   which follows a page's `html {font-size: 62.5%}`.
 */
export const frameStyles = css`
  .frame {
    all: initial;
    display: contents;
    font-family: var(--consent-font, system-ui, sans-serif);
    line-height: 1.5;
    color: var(--consent-text, #1a1a1a);
  }
`;

/** `frame` in the language of `words`, in its direction. */
function speak(frame: HTMLElement, {$code, $dir}: Words): HTMLElement {
  frame.lang = $code;
  frame.dir = $dir;
  return frame;
}

/** A frame in the language of `words`, in its direction. */
export function createFrame(words: Words): HTMLElement {
  const frame = document.createElement('div');
  frame.className = 'frame';
  return speak(frame, words);
}

/**
 * The frame of the banner's shadow root `root`, made (and its sheet adopted) at first use; in the
 * language of `words` and its direction each time, so that a banner whose language changed (its
 * `lang`, then its manifest set again) mirrors with it.
 */
export function frameOf(root: ShadowRoot, words: Words): HTMLElement {
  let frame = root.querySelector<HTMLElement>('div.frame');
  if (!frame) {
    frame = root.appendChild(createFrame(words));
    root.adoptedStyleSheets = [frameStyles, ...root.adoptedStyleSheets];
  }
  return speak(frame, words);
}
