import type {Words} from '../view-contract.js';
import {createFrame, frameStyles} from './frame.js';
import {css} from './stylesheet.js';

/*
 * standIn() sizes the host. It clips: an inline-block's baseline is then its bottom margin edge.
 * The box (`part="base"`) is drawn in a frame that stops the page's CSS (frame.ts); lengths in `em`.
 * It keeps the embed's box (R20: nothing moves), so where the text is taller than the box (a long
 * language, a small embed, 320 px) the text scrolls (then focusable, to scroll it from the
 * keyboard) and the button stays in view below it; in a box too small even for a line and the button, the
 * box scrolls. A site's picture (`data-placeholder-image`, of the page's origin) fills the box
 * behind the message, which keeps a background of its own (its contrast does not depend on the
 * picture).
 */
const styles = css`
  :host {
    max-width: 100%;
    overflow: hidden;
    container-type: size;
    --_a-button: #0b57d0;
    --_a-buttonText: #fff;
    --_a-link: var(--_a-button);
    --_a-focus: var(--_a-button);
  }
  [part='base'] {
    box-sizing: border-box;
    height: 100%;
    overflow: auto;
    display: flex;
    flex-direction: column;
    align-items: center;
    justify-content: safe center;
    gap: 0.75em;
    text-align: center;
    overflow-wrap: break-word;
    border: 1px dashed var(--consent-border, #767676);
    border-radius: var(--consent-radius, 8px);
    background: var(--consent-placeholder-background, #f4f4f4);
    padding: 1em;
  }
  p {
    margin: 0;
    max-width: 34em;
    flex: 0 1 auto;
    min-height: 1.5em;
    overflow-y: auto;
  }
  [part='image'] {
    position: absolute;
    inset: 0;
    width: 100%;
    height: 100%;
    object-fit: cover;
  }
  .pictured {
    position: relative;
  }
  .pictured > p,
  .pictured > button {
    position: relative;
  }
  .pictured > p {
    padding: 0.25em 0.5em;
    border-radius: var(--consent-radius, 8px);
    background: inherit;
  }
  /* A label in bold, inline: it wraps with the sentence and keeps its full stop. */
  .purpose {
    font-weight: 600;
  }
  @container (max-height: 240px) {
    [part='base'] {
      font-size: 0.8125em;
      line-height: 1.35;
      padding: 0.5em 0.75em;
      gap: 0.5em;
    }
  }
  button {
    flex: none;
    max-width: 100%;
    min-height: 2.75em;
    padding: 0.5em 1em;
    font: inherit;
    font-weight: 600;
    color: var(--consent-button-text, var(--_a-buttonText));
    background: var(--consent-button-background, var(--_a-button));
    border: 2px solid var(--consent-button-background, var(--_a-focus));
    border-radius: var(--consent-radius, 8px);
    cursor: pointer;
  }
  button:focus-visible,
  p:focus-visible {
    outline: 3px solid var(--consent-focus, var(--_a-focus));
    outline-offset: 2px;
  }
  @media (prefers-color-scheme: dark) {
    :host {
      --_a-button: #a8c7fa;
      --_a-buttonText: #000;
    }
    [part='base'] {
      color: var(--consent-text, #f2f2f2);
      background: var(--consent-placeholder-background, #2a2a2a);
    }
  }
`;

/**
 * Stands in the page for a blocked embed (a held kind with a placeholder, src/core/held-kinds.ts:
 * an iframe, an embed) whose service is not accepted,
 * in its box, says what it is and offers to accept just that service, with the same information as the banner. Created by
 * the banner.
 *
 * @summary In-place consent for one embed.
 * @csspart base - The box.
 * @csspart button - The button that accepts the service.
 * @csspart image - The site's picture behind the message (`data-placeholder-image` on the iframe).
 * @cssprop --consent-placeholder-background - Background of the box.
 */
export class ConsentPlaceholder extends HTMLElement {
  #frame: HTMLElement | undefined;

  /**
   * Draws itself in the place of `frame`, in its box (else its attributes, else 300 × 150); hides
   * the frame. `text` and `label` are in the language of `words`, in parts: the words as text, the
   * manifest's names and titles in elements of their own (say.ts, `sayParts`). `paint` sets the
   * accent's colours on its frame, for text on its box (the session's, ViewHost `paintAccent`).
   * `image`, a URL of the page's origin (embeds.ts checks it), fills the box behind the message.
   */
  standIn(
    frame: HTMLElement,
    text: (string | Node)[],
    label: (string | Node)[],
    words: Words,
    onAccept: () => void,
    paint: (on: Element, frame: HTMLElement, surface: Element) => void,
    image?: string
  ) {
    this.#frame = frame;
    this.lang = words.$code;
    this.dir = words.$dir;
    const root = this.attachShadow({mode: 'open'});
    root.adoptedStyleSheets = [frameStyles, styles];
    const box = document.createElement('div');
    box.part = 'base';
    box.lang = words.$code;
    const paragraph = document.createElement('p');
    paragraph.append(...text);
    const button = document.createElement('button');
    button.type = 'button';
    button.part = 'button';
    button.append(...label);
    button.addEventListener('click', onAccept);
    box.append(paragraph, button);
    if (image) {
      const picture = new Image();
      picture.part = 'image';
      picture.alt = '';
      picture.src = image;
      box.prepend(picture);
      box.className = 'pictured';
    }
    const inner = root.appendChild(createFrame(words));
    inner.append(box);
    const style = getComputedStyle(frame);
    let {width, height} = frame.getBoundingClientRect();
    if (!width || !height) {
      width = +frame.getAttribute('width')! || 300;
      height = +frame.getAttribute('height')! || 150;
    }
    // CSSOM: allowed under a strict CSP, unlike a style attribute.
    this.style.cssText =
      `display:${style.display == 'inline' ? 'inline-block' : style.display};vertical-align:${style.verticalAlign};` +
      `margin:${style.margin};float:${style.cssFloat};width:${width}px;aspect-ratio:${width / height}`;
    frame.before(this);
    paint(this, inner, box);
    // Text taller than the box scrolls: a keyboard user can focus it, to scroll it (WCAG 2.1.1).
    if (paragraph.scrollHeight > paragraph.clientHeight) paragraph.tabIndex = 0;
    frame.hidden = true;
    frame.style.setProperty('display', 'none', 'important');
  }

  /** Gives the place back to the frame (released, or the banner reset). */
  restore() {
    this.remove();
    if (!this.#frame) return;
    this.#frame.hidden = false;
    this.#frame.style.removeProperty('display');
  }
}
