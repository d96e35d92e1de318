// One accent colour (issue 26; README "Styling"): `data-accent` on the drop-in (or
// `--consent-accent`) is the default of the choice buttons, links and focus rings. Measured in the
// browser on Dimelo's first layer, for twelve brand colours (yellow and light grey among them), in
// light and dark: Accept and Reject take the accent exactly with text at 4.5:1; the policy link
// reaches 4.5:1 and the focus ring 3:1 on the banner's background. A site's own property still wins;
// an accent that is not a colour is named in one warning and the default applies. A site that sets
// no accent fetches no colour code: the views' sheets hold the colours that code derives from the
// default accent, in light and dark; they are the same as it paints when asked for that accent.
import assert from 'node:assert/strict';
import {readFileSync} from 'node:fs';
import {after, before, describe, it} from 'node:test';
import {root} from '../node/load-core.mjs';
import {inContext, startHarness, visit} from './harness.mjs';

// Ten brand colours and more (yellow and light grey among them), the list test/core/colour.test.ts checks the derivation with.
const BRANDS = JSON.parse(readFileSync(`${root}test/fixtures/brand-colours.json`, 'utf8'));
const PAGE = '/demo/dimelo/index.html';
// The code that derives the colours from an accent: fetched only for a page that sets an accent or a background.
const ACCENT = '/dist/consent-banner-accent.min.js';

/** Dimelo's page (`name`, its home page by default) with `attributes` on the drop-in's tag and `css` in its head. */
const page = (attributes, css = '', name = 'index') => ({
  [`/demo/dimelo/${name}.html`]: {
    contentType: 'text/html',
    body: readFileSync(`${root}demo/dimelo/${name}.html`, 'utf8')
      .replace('data-manifest="cookie-manifest.json"', `data-manifest="cookie-manifest.json" ${attributes}`)
      .replace('</head>', `<style>${css}</style></head>`),
  },
});

const rgb = (value) =>
  value
    .match(/[\d.]+/g)
    .slice(0, 3)
    .map(Number);
const hexRgb = (value) => [1, 3, 5].map((i) => parseInt(value.slice(i, i + 2), 16));
const lum = (c) =>
  c
    .map((v) => v / 255)
    .map((v) => (v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4))
    .reduce((sum, v, i) => sum + v * [0.2126, 0.7152, 0.0722][i], 0);
const contrast = (a, b) => {
  const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p);
  return (x + 0.05) / (y + 0.05);
};

/** The computed colours of the first layer: its background, Accept, Reject, the link, the focus ring on Accept. */
async function colours(page) {
  await page.waitForFunction(() => document.querySelector('consent-banner')?.shadowRoot?.querySelector('[part=banner]'));
  // Focus by keyboard: the ring is :focus-visible's.
  await page.evaluate(() => document.querySelector('consent-banner').shadowRoot.querySelector('[data-choice="reject-all"]').focus());
  await page.keyboard.down('Shift');
  await page.keyboard.press('Tab');
  await page.keyboard.up('Shift');
  return page.evaluate(() => {
    const root = document.querySelector('consent-banner').shadowRoot;
    const style = (selector) => getComputedStyle(root.querySelector(selector));
    const accept = style('[data-choice="accept-all"]');
    const reject = style('[data-choice="reject-all"]');
    return {
      background: style('[part=banner]').backgroundColor,
      accept: [accept.backgroundColor, accept.color],
      reject: [reject.backgroundColor, reject.color],
      link: style('[part=banner] a').color,
      focused: root.activeElement?.dataset.choice,
      ring: [accept.outlineStyle, accept.outlineColor],
    };
  });
}

describe('one accent colour', () => {
  let harness;
  before(async () => (harness = await startHarness()));
  after(() => harness?.close());

  for (const theme of ['light', 'dark']) {
    for (const brand of BRANDS) {
      it(`${brand}, ${theme}: Accept and Reject take it, with text at 4.5:1; the link at 4.5:1, the focus ring at 3:1`, () =>
        inContext(
          harness,
          {manifests: page(`data-accent="${brand}"`), media: [{name: 'prefers-color-scheme', value: theme}]},
          async ({page, log}) => {
            await visit(page, harness.url('dimelo'));
            const seen = await colours(page);
            const background = rgb(seen.background);
            assert.equal(lum(background) > 0.5, theme === 'light', `a ${theme} banner: ${seen.background}`);
            for (const [name, [fill, text]] of [
              ['accept', seen.accept],
              ['reject', seen.reject],
            ]) {
              assert.deepEqual(rgb(fill), hexRgb(brand), `${name}: ${fill}`);
              assert.ok(contrast(rgb(text), rgb(fill)) >= 4.5, `${name}: ${text} on ${fill}`);
            }
            assert.ok(contrast(rgb(seen.link), background) >= 4.5, `link ${seen.link} on ${seen.background}`);
            if (contrast(hexRgb(brand), background) >= 4.5)
              assert.deepEqual(rgb(seen.link), hexRgb(brand), 'the link takes the accent where it is enough');
            assert.equal(seen.focused, 'accept-all');
            assert.equal(seen.ring[0], 'solid');
            assert.ok(contrast(rgb(seen.ring[1]), background) >= 3, `focus ${seen.ring[1]} on ${seen.background}`);
            assert.deepEqual(
              log.warnings.filter((w) => w.includes('accent')),
              []
            );
          }
        ));
    }
  }

  // The default accent of each theme (src/browser/accent.ts), asked for by name: the code then paints what the sheets hold.
  for (const [theme, accent] of [
    ['light', '#0b57d0'],
    ['dark', '#a8c7fa'],
  ]) {
    it(`no accent, ${theme}: no colour code is fetched, and the banner, a placeholder and the declaration take the colours it derives from the default`, async () => {
      const seen = [];
      for (const attributes of ['', `data-accent="${accent}"`]) {
        const media = [{name: 'prefers-color-scheme', value: theme}];
        seen.push(
          await inContext(harness, {manifests: page(attributes), media}, async ({page, log}) => {
            await visit(page, harness.url('dimelo'));
            assert.equal(log.requests.includes(ACCENT), attributes !== '', `${ACCENT} fetched with "${attributes}"`);
            const placeholder = await page.evaluate(() => {
              const button = getComputedStyle(document.querySelector('consent-placeholder').shadowRoot.querySelector('[part=button]'));
              return [button.backgroundColor, button.color, button.borderColor];
            });
            return {...(await colours(page)), placeholder};
          })
        );
        seen.push(
          await inContext(harness, {manifests: page(attributes, '', 'privacy'), media}, async ({page, log}) => {
            await visit(page, harness.url('dimelo').replace('index.html', 'privacy.html'));
            await page.waitForFunction(() => document.querySelector('consent-declaration')?.shadowRoot?.querySelector('[part=base] a'));
            assert.equal(log.requests.includes(ACCENT), attributes !== '', `${ACCENT} fetched with "${attributes}" (declaration)`);
            return page.evaluate(() => {
              const base = document.querySelector('consent-declaration').shadowRoot.querySelector('[part=base]');
              return [getComputedStyle(base).backgroundColor, getComputedStyle(base.querySelector('a')).color];
            });
          })
        );
      }
      const [banner, declaration, bannerAsked, declarationAsked] = seen;
      assert.deepEqual(banner, bannerAsked);
      assert.deepEqual(declaration, declarationAsked);
      assert.deepEqual(rgb(banner.accept[0]), hexRgb(accent));
      assert.ok(contrast(rgb(banner.accept[1]), hexRgb(accent)) >= 4.5);
      assert.ok(contrast(rgb(banner.link), rgb(banner.background)) >= 4.5);
      assert.ok(contrast(rgb(banner.ring[1]), rgb(banner.background)) >= 3);
      assert.ok(contrast(rgb(declaration[1]), rgb(declaration[0])) >= 4.5);
    });
  }

  it('a background of its own and no accent: the colour code is fetched, and the link reaches 4.5:1 on that background, the ring 3:1', () =>
    inContext(
      harness,
      {
        manifests: page('', 'consent-banner { --consent-background: #3b0a45; --consent-text: #fff }'),
        media: [{name: 'prefers-color-scheme', value: 'light'}],
      },
      async ({page, log}) => {
        await visit(page, harness.url('dimelo'));
        assert.ok(log.requests.includes(ACCENT));
        const seen = await colours(page);
        assert.deepEqual(rgb(seen.background), hexRgb('#3b0a45'));
        assert.ok(contrast(rgb(seen.link), rgb(seen.background)) >= 4.5, `link ${seen.link} on ${seen.background}`);
        assert.ok(contrast(rgb(seen.ring[1]), rgb(seen.background)) >= 3, `focus ${seen.ring[1]} on ${seen.background}`);
      }
    ));

  it("the site's --consent-accent wins over data-accent, and its --consent-button-background over both", () =>
    inContext(harness, {manifests: page('data-accent="#ffd400"', 'consent-banner { --consent-accent: #c2185b }')}, async ({page}) => {
      await visit(page, harness.url('dimelo'));
      assert.deepEqual(rgb((await colours(page)).accept[0]), hexRgb('#c2185b'));
    }).then(() =>
      inContext(
        harness,
        {
          media: [{name: 'prefers-color-scheme', value: 'light'}],
          manifests: page(
            'data-accent="#ffd400"',
            'consent-banner { --consent-button-background: rgb(1, 2, 3); --consent-button-text: rgb(250, 250, 250) }'
          ),
        },
        async ({page}) => {
          await visit(page, harness.url('dimelo'));
          const seen = await colours(page);
          assert.deepEqual(seen.accept, ['rgb(1, 2, 3)', 'rgb(250, 250, 250)']);
          // The link still follows the accent: yellow, darkened to 4.5:1 on the light banner.
          assert.notDeepEqual(rgb(seen.link), hexRgb('#ffd400'));
          assert.ok(contrast(rgb(seen.link), rgb(seen.background)) >= 4.5);
        }
      )
    ));

  // An accent the page gives once the first layer is on screen (a script setting the attribute, a
  // stylesheet that arrives after the drop-in, a style set on the element): the views take it then.
  const LATE = {
    'the accent attribute': () => document.querySelector('consent-banner').setAttribute('accent', '#ffd400'),
    'a stylesheet that arrives late': () =>
      document.head.append(Object.assign(document.createElement('link'), {rel: 'stylesheet', href: 'brand.css'})),
    'a <style> a script adds': () =>
      document.head.append(Object.assign(document.createElement('style'), {textContent: 'consent-banner { --consent-accent: #ffd400 }'})),
    'a style on the element': () => document.querySelector('consent-banner').style.setProperty('--consent-accent', '#ffd400'),
  };
  for (const [how, give] of Object.entries(LATE)) {
    it(`an accent given after the banner shows (${how}): Accept takes it, with text at 4.5:1`, () =>
      inContext(
        harness,
        {
          manifests: {
            ...page(''),
            '/demo/dimelo/brand.css': {contentType: 'text/css', body: 'consent-banner { --consent-accent: #ffd400 }'},
          },
          media: [{name: 'prefers-color-scheme', value: 'light'}],
        },
        async ({page}) => {
          await visit(page, harness.url('dimelo'));
          assert.deepEqual(rgb((await colours(page)).accept[0]), hexRgb('#0b57d0'), 'the default before');
          await page.evaluate(give);
          // Given a moment (the colour code is fetched then); what it shows after is asserted below.
          await page
            .waitForFunction(
              () =>
                getComputedStyle(document.querySelector('consent-banner').shadowRoot.querySelector('[data-choice="accept-all"]'))
                  .backgroundColor === 'rgb(255, 212, 0)',
              {timeout: 3000}
            )
            .catch(() => {});
          const seen = await colours(page);
          assert.deepEqual(rgb(seen.accept[0]), hexRgb('#ffd400'), `accept: ${seen.accept[0]}`);
          assert.ok(contrast(rgb(seen.accept[1]), rgb(seen.accept[0])) >= 4.5, `accept: ${seen.accept[1]} on ${seen.accept[0]}`);
          assert.ok(contrast(rgb(seen.link), rgb(seen.background)) >= 4.5, `link ${seen.link} on ${seen.background}`);
        }
      ));
  }

  it('the theme changed while the banner shows: the link and the ring are made again for the new background', () =>
    inContext(
      harness,
      {manifests: page('data-accent="#6a1b9a"'), media: [{name: 'prefers-color-scheme', value: 'light'}]},
      async ({page}) => {
        await visit(page, harness.url('dimelo'));
        const light = await colours(page);
        await page.evaluate(() => document.querySelector('consent-banner').setAttribute('theme', 'dark'));
        await page
          .waitForFunction(
            (before) =>
              getComputedStyle(document.querySelector('consent-banner').shadowRoot.querySelector('[part=banner] a')).color !== before,
            {timeout: 3000},
            light.link
          )
          .catch(() => {});
        const dark = await colours(page);
        assert.ok(lum(rgb(dark.background)) < 0.5, `a dark banner: ${dark.background}`);
        assert.deepEqual(rgb(dark.accept[0]), hexRgb('#6a1b9a'));
        assert.ok(contrast(rgb(dark.link), rgb(dark.background)) >= 4.5, `link ${dark.link} on ${dark.background}`);
        assert.ok(contrast(rgb(dark.ring[1]), rgb(dark.background)) >= 3, `focus ${dark.ring[1]} on ${dark.background}`);
      }
    ));

  it('an accent that is not a colour: one warning naming it, and the default', () =>
    inContext(
      harness,
      {manifests: page('data-accent="brandish"'), media: [{name: 'prefers-color-scheme', value: 'light'}]},
      async ({page, log}) => {
        await visit(page, harness.url('dimelo'));
        const seen = await colours(page);
        assert.deepEqual(rgb(seen.accept[0]), hexRgb('#0b57d0'));
        assert.deepEqual(
          log.warnings.filter((w) => w.includes('brandish')),
          ['consent-banner: accent "brandish" is not a colour; the default applies']
        );
      }
    ));
});
