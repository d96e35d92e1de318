import {expect} from '@open-wc/testing';
import {contrast, deriveAccent, hex, luminance, shadeFor, textOn} from '../../src/core/colour.js';
import type {Rgb} from '../../src/core/colour.js';

/**
 * Ten brand colours and more: yellow and light grey, which fail as text on white, among them (the
 * list test/e2e/accent.test.mjs paints the banner in).
 */
const BRANDS: string[] = await (await fetch(new URL('../fixtures/brand-colours.json', import.meta.url))).json();
const rgb = (value: string): Rgb => [1, 3, 5].map((i) => parseInt(value.slice(i, i + 2), 16)) as Rgb;

describe('one accent colour (issue 26)', () => {
  it('measures luminance and contrast as WCAG 2 does', () => {
    expect(luminance([0, 0, 0])).to.equal(0);
    expect(luminance([255, 255, 255])).to.equal(1);
    expect(contrast([0, 0, 0], [255, 255, 255])).to.equal(21);
    expect(contrast([255, 255, 255], [0, 0, 0])).to.equal(21);
    // #767676 on white: the well-known 4.54:1.
    expect(contrast(rgb('#767676'), [255, 255, 255])).to.be.closeTo(4.54, 0.01);
    expect(hex([194, 24, 91])).to.equal('#c2185b');
  });

  it('writes black on yellow and light grey, white on magenta and dark blue', () => {
    expect(textOn(rgb('#ffd400'))).to.deep.equal([0, 0, 0]);
    expect(textOn(rgb('#d0d0d0'))).to.deep.equal([0, 0, 0]);
    expect(textOn(rgb('#c2185b'))).to.deep.equal([255, 255, 255]);
    expect(textOn(rgb('#0b3d91'))).to.deep.equal([255, 255, 255]);
  });

  for (const [theme, background] of [
    ['light', rgb('#ffffff')],
    ['dark', rgb('#1f1f1f')],
  ] as const) {
    for (const brand of BRANDS) {
      it(`${brand} on ${theme}: the buttons take it exactly, text 4.5:1, links 4.5:1, focus 3:1`, () => {
        const accent = deriveAccent(rgb(brand), background);
        expect(accent.button).to.equal(brand);
        expect(contrast(rgb(accent.buttonText), rgb(brand))).to.be.at.least(4.5);
        expect(contrast(rgb(accent.link), background)).to.be.at.least(4.5);
        expect(contrast(rgb(accent.focus), background)).to.be.at.least(3);
        // The accent itself wherever it is enough; else darker on light, lighter on dark.
        if (contrast(rgb(brand), background) >= 4.5) expect(accent.link).to.equal(brand);
        if (contrast(rgb(brand), background) >= 3) expect(accent.focus).to.equal(brand);
        if (accent.link !== brand) {
          const darker = luminance(rgb(accent.link)) < luminance(rgb(brand));
          expect(darker).to.equal(theme === 'light');
        }
      });
    }
  }

  it('goes the other way on a mid-grey background that one way cannot reach', () => {
    const grey = rgb('#595959');
    const shade = shadeFor(rgb('#606060'), grey, 4.5);
    expect(contrast(shade, grey)).to.be.at.least(4.5);
  });
});
