/*
 * One accent colour (issue 26): what the views derive from `--consent-accent`. Pure: colours are
 * sRGB `[r, g, b]` triples of 0–255 (browser/accent.ts reads them from the browser); contrast
 * is WCAG 2's.
 */
export type Rgb = [number, number, number];

/** WCAG 2 relative luminance, 0 (black) to 1 (white). */
export function luminance(rgb: Rgb): number {
  const [r, g, b] = rgb.map((value) => {
    const c = value / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** WCAG 2 contrast ratio of two colours, 1 to 21. */
export function contrast(a: Rgb, b: Rgb): number {
  const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p);
  return (x + 0.05) / (y + 0.05);
}

/** `#rrggbb`. */
export const hex = (rgb: Rgb) => '#' + rgb.map((c) => Math.round(c).toString(16).padStart(2, '0')).join('');

const BLACK: Rgb = [0, 0, 0];
const WHITE: Rgb = [255, 255, 255];

/** Black or white, whichever contrasts more with `background` (one always reaches 4.5:1). */
export const textOn = (background: Rgb): Rgb => (contrast(BLACK, background) >= contrast(WHITE, background) ? BLACK : WHITE);

/**
 * `colour` itself when it reaches `ratio` against `background`, else the nearest shade that does:
 * mixed towards black on a light background, towards white on a dark one (and the other way when
 * that never gets there).
 */
export function shadeFor(colour: Rgb, background: Rgb, ratio: number): Rgb {
  const light = luminance(background) > 0.18;
  for (const toward of light ? [BLACK, WHITE] : [WHITE, BLACK]) {
    for (let step = 0; step <= 20; step++) {
      const shade = colour.map((c, i) => Math.round(c + ((toward[i] - c) * step) / 20)) as Rgb;
      if (contrast(shade, background) >= ratio) return shade;
    }
  }
  return textOn(background);
}

/** What the views draw from one accent on one background: `#rrggbb` each. */
export interface Accent {
  /** The choice buttons' background: the accent exactly. */
  button: string;
  /** Their text: black or white, at least 4.5:1 on the accent. */
  buttonText: string;
  /** Links: the accent where it reaches 4.5:1 on the background, else a shade that does. */
  link: string;
  /** Focus rings, switches and button edges: the accent where it reaches 3:1, else a shade. */
  focus: string;
}

export function deriveAccent(accent: Rgb, background: Rgb): Accent {
  return {
    button: hex(accent),
    buttonText: hex(textOn(accent)),
    link: hex(shadeFor(accent, background, 4.5)),
    focus: hex(shadeFor(accent, background, 3)),
  };
}
