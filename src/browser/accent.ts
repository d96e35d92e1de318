import {deriveAccent, luminance} from '../core/colour.js';
import type {Rgb} from '../core/colour.js';

/*
 * One accent colour (README, "Styling"): `--consent-accent` (else the banner's `accent` attribute,
 * `data-accent` on the drop-in) is the default of the choice buttons, links, focus rings and
 * switches. The colours derived from it (core/colour.ts) go on the frame as private custom
 * properties (`--_a-button`, `--_a-buttonText`, `--_a-link`, `--_a-focus`); the sheets read them
 * behind the site's own (`var(--consent-button-background, var(--_a-button))`), so a property the
 * site sets still wins. This is the `accent` module, fetched only for a page that sets an accent
 * or a background of its own (loader/session.ts): the sheets hold what it derives from the
 * default accent on the default backgrounds (ui/base.styles.ts).
 */

/** The accents already named as no colour: one warning a page (one copy of this module, the session's). */
const warned = new Set<string>();

/** The <consent-banner> of `host` (or of the page: a placeholder is outside it). */
const bannerOf = (host: Element) => host.closest('consent-banner') ?? document.querySelector('consent-banner');

/**
 * The sRGB `[r, g, b]` of a CSS colour (any syntax the browser knows, the computed `rgb()` of an
 * element included), drawn on a 1 × 1 canvas and read back.
 */
function rgbOf(colour: string): Rgb {
  const canvas = new OffscreenCanvas(1, 1).getContext('2d')!;
  canvas.fillStyle = colour;
  canvas.fillRect(0, 0, 1, 1);
  return [...canvas.getImageData(0, 0, 1, 1).data.slice(0, 3)] as Rgb;
}

/** What was painted (frame → [host, surface]): painted again when the colour scheme changes. */
const painted = new Map<HTMLElement, [Element, Element | undefined]>();
let listening = false;

/** Paints every frame still on the page again: its surface may have turned dark, or light. */
function repaint() {
  for (const [frame, [host, surface]] of painted) {
    if (frame.isConnected) paint(host, frame, surface);
    else painted.delete(frame);
  }
}

/**
 * Sets the accent's colours on `frame` (of `host`; or one element in it), for text on `surface`
 * (white when none), and again whenever the visitor's colour scheme changes while it is shown (the
 * colours hold for the background they were made for). The session paints every view again when
 * the banner's `theme`, `accent` or style changes, or a stylesheet arrives (loader/session.ts).
 */
export function paintAccent(host: Element, frame: HTMLElement, surface?: Element) {
  if (!listening) matchMedia('(prefers-color-scheme: dark)').addEventListener('change', repaint);
  listening = true;
  painted.set(frame, [host, surface]);
  paint(host, frame, surface);
}

function paint(host: Element, frame: HTMLElement, surface?: Element) {
  const banner = bannerOf(host);
  let value = '';
  for (const element of [host, banner]) if (element) value ||= getComputedStyle(element).getPropertyValue('--consent-accent').trim();
  value ||= banner?.getAttribute('accent') ?? '';
  const background = rgbOf(surface ? getComputedStyle(surface).backgroundColor : '#fff');
  const valid = CSS.supports('color', value);
  if (value && !valid && !warned.has(value)) {
    warned.add(value);
    console.warn(`consent-banner: accent "${value}" is not a colour; the default applies`);
  }
  const accent = valid ? rgbOf(value) : luminance(background) > 0.18 ? ([11, 87, 208] as Rgb) : ([168, 199, 250] as Rgb);
  for (const [name, colour] of Object.entries(deriveAccent(accent, background))) frame.style.setProperty('--_a-' + name, colour);
}
