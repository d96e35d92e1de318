// Page CSS does not reach the banner (README "Styling"): every view draws in a shadow root that
// resets every inherited property, so a page that centres, slants, spaces, capitalises, colours or
// hides its text, sets `html {font-size: 62.5%}` or writes right to left leaves the first layer,
// the preferences, a blocked embed's placeholder, the declaration and the re-open control exactly
// as they are on a plain page; the documented `--consent-*` properties and `::part()` rules still
// apply. The page is test/e2e/pages/page-css.html, served as it is and with hostile CSS added.
import assert from 'node:assert/strict';
import {readFileSync} from 'node:fs';
import {after, before, describe, it} from 'node:test';
import {root} from '../node/load-core.mjs';
import {inContext, openAllDetails, startHarness, visit, waitForDialog} from './harness.mjs';

const PAGE = '/test/e2e/pages/page-css.html';
const HTML = readFileSync(`${root}test/e2e/pages/page-css.html`, 'utf8');

/**
 * The field report's page CSS, the stock Vite template's (`:root` font, line height and colour
 * scheme, centred text), a root font size of 62.5 %, a right-to-left page, a body hidden but for
 * its heading, and every inherited property a page may set on `*` (the hosts included).
 */
const HOSTILE = `
  :root { font-size: 62.5%; direction: rtl; color-scheme: dark; font-family: Inter, Avenir, Helvetica, Arial, sans-serif;
    line-height: 1.5; font-synthesis: none; text-rendering: optimizeLegibility; -webkit-font-smoothing: antialiased; }
  body { text-align: center; font-style: italic; letter-spacing: .06em; word-spacing: .3em; direction: rtl; visibility: hidden;
    font-size: 2rem; hyphens: auto; word-break: break-all; }
  h1 { visibility: visible; }
  * { line-height: 3; text-transform: uppercase; text-shadow: 2px 2px 0 lime; cursor: wait; white-space: pre; text-indent: 5em;
    font-variant: small-caps; font-weight: 900; font-style: oblique; color: red; font-family: 'Comic Sans MS', cursive;
    font-stretch: condensed; font-kerning: none; text-align: right; letter-spacing: 2px; word-spacing: 1em; accent-color: red;
    caret-color: red; tab-size: 20; quotes: '<' '>'; list-style: square inside; border-collapse: separate; border-spacing: 9px;
    overflow-wrap: anywhere; text-underline-offset: 9px; paint-order: markers; -webkit-text-stroke: 1px lime; }
`;

/** The site's own look, on top of the hostile CSS: the README's custom properties and parts. */
const THEMED = `${HOSTILE}
  consent-banner, consent-placeholder, consent-declaration {
    --consent-button-background: rgb(1, 2, 3); --consent-text: rgb(4, 5, 6); --consent-font: Georgia, serif;
    --consent-placeholder-background: rgb(7, 8, 9);
  }
  consent-banner::part(choice), consent-banner::part(reopen), consent-placeholder::part(button), consent-declaration::part(choice) {
    letter-spacing: 3px;
  }
  consent-banner::part(banner), consent-placeholder::part(base), consent-declaration::part(base) { border-top: 5px solid rgb(10, 11, 12); }
`;

/** What is compared, per view: a name, the host, and the selector in its shadow root. */
const FIRST = {
  'first layer': ['consent-banner', '[part=banner]'],
  'first layer heading': ['consent-banner', '[part=banner] h2'],
  'first layer paragraph': ['consent-banner', '[part=banner] p'],
  'first layer link': ['consent-banner', '[part=banner] a'],
  'first layer choice': ['consent-banner', '[part=banner] button[data-choice]'],
  'first layer close': ['consent-banner', '[part=banner] [part=close]'],
  'status message': ['consent-banner', 'p[role="status"]'],
  'placeholder box': ['consent-placeholder', '[part="base"]'],
  'placeholder text': ['consent-placeholder', 'p'],
  'placeholder button': ['consent-placeholder', 'button'],
  'declaration box': ['consent-declaration', '[part="base"]'],
  'declaration heading': ['consent-declaration', 'h3'],
  'declaration service': ['consent-declaration', 'h4'],
  'declaration paragraph': ['consent-declaration', 'p'],
  'declaration button': ['consent-declaration', 'button'],
  'declaration link': ['consent-declaration', 'a'],
  'declaration header cell': ['consent-declaration', 'th'],
  'declaration cell': ['consent-declaration', 'td'],
  'declaration code': ['consent-declaration', 'td code'],
};
const PREFERENCES = {
  preferences: ['consent-banner', '[part=preferences]'],
  'preferences heading': ['consent-banner', '[part=preferences] h2'],
  'preferences category': ['consent-banner', '[part=preferences] h3'],
  'preferences paragraph': ['consent-banner', '[part=preferences] p'],
  'preferences link': ['consent-banner', '[part=preferences] a'],
  'preferences summary': ['consent-banner', '[part=preferences] summary'],
  'preferences switch': ['consent-banner', '[part=preferences] input[role="switch"]'],
  'preferences label': ['consent-banner', '[part=preferences] label'],
  'preferences header cell': ['consent-banner', '[part=preferences] th'],
  'preferences cell': ['consent-banner', '[part=preferences] td'],
  'preferences code': ['consent-banner', '[part=preferences] td code'],
  'preferences choice': ['consent-banner', '[part=preferences] button[data-choice]'],
  'preferences close': ['consent-banner', '[part=preferences] [part=close]'],
};
const REOPEN = {'re-open control': ['consent-banner', '[part=reopen]']};

/** Every computed property of each element of `targets` (null for one not found). */
const computed = (page, targets) =>
  page.evaluate((targets) => {
    const styles = {};
    for (const [name, [host, selector]] of Object.entries(targets)) {
      const element = document.querySelector(host)?.shadowRoot?.querySelector(selector);
      const style = element && getComputedStyle(element);
      styles[name] = style ? Object.fromEntries([...style].map((p) => [p, style.getPropertyValue(p)])) : null;
    }
    return styles;
  }, targets);

/** The page with `css` added to its <head> (none: as it is), at `viewport`: every view's computed styles. */
function views(harness, css, viewport = {width: 1280, height: 800}) {
  const body = css ? HTML.replace('</head>', `<style>${css}</style>\n</head>`) : undefined;
  const manifests = body ? {[PAGE]: {contentType: 'text/html', body}} : {};
  return inContext(harness, {manifests, viewport}, async ({page, log}) => {
    await visit(page, `http://dimelo.test:${harness.port}${PAGE}`);
    await waitForDialog(page, 'banner');
    await page.waitForFunction(() => document.querySelector('consent-placeholder')?.shadowRoot?.querySelector('button'));
    await page.waitForFunction(() => document.querySelector('consent-declaration')?.shadowRoot?.querySelector('table'));
    const first = await computed(page, FIRST);
    await page.evaluate(() => window.consentBanner.showPreferences());
    await waitForDialog(page, 'preferences');
    await openAllDetails(page);
    const preferences = await computed(page, PREFERENCES);
    await page.evaluate(() => window.consentBanner.rejectAll());
    await page.waitForFunction(() => document.querySelector('consent-banner').shadowRoot.querySelector('[part=reopen]'));
    const reopen = await computed(page, REOPEN);
    assert.deepEqual(log.errors, []);
    return {...first, ...preferences, ...reopen};
  });
}

/**
 * What may differ: the visually hidden status message sits where the banner's host is in the page
 * (its static position), which the page's CSS moves.
 */
const WHERE_THE_HOST_IS = {'status message': /^(top|right|bottom|left|inset-.*)$/};

/** `name: property plain → hostile` for each computed property that differs. */
function differences(plain, hostile) {
  const lines = [];
  for (const [name, style] of Object.entries(plain)) {
    assert.ok(style, `the plain page has no ${name}`);
    assert.ok(hostile[name], `the hostile page has no ${name}`);
    for (const [property, value] of Object.entries(style)) {
      if (WHERE_THE_HOST_IS[name]?.test(property)) continue;
      if (hostile[name][property] !== value) lines.push(`${name}: ${property} ${value} → ${hostile[name][property]}`);
    }
  }
  return lines;
}

describe('page CSS does not reach the views', () => {
  let harness;
  before(async () => (harness = await startHarness()));
  after(() => harness?.close());

  it('under hostile page CSS every view computes the same styles as on a plain page (inherited properties, rem, direction)', async () => {
    const plain = await views(harness);
    const hostile = await views(harness, HOSTILE);
    // Sanity: the plain page is what the tests of the look check (the first layer's text a size
    // smaller than the visitor's 16 px, issue 26; left to right, dark on light).
    assert.equal(plain['first layer paragraph']['font-size'], '14px');
    assert.equal(plain['first layer heading']['font-size'], '17px');
    assert.equal(plain['first layer']['direction'], 'ltr');
    assert.deepEqual(differences(plain, hostile), []);
  });

  it('the --consent-* custom properties and ::part() rules still apply under hostile page CSS', async () => {
    const themed = await views(harness, THEMED);
    const seen = (name, property) => themed[name][property];
    for (const name of ['first layer choice', 'preferences choice', 'placeholder button', 're-open control']) {
      assert.equal(seen(name, 'background-color'), 'rgb(1, 2, 3)', `${name}: --consent-button-background`);
      assert.equal(seen(name, 'letter-spacing'), '3px', `${name}: ::part()`);
    }
    assert.equal(seen('declaration button', 'letter-spacing'), '3px', 'declaration: ::part(choice)');
    for (const name of ['first layer heading', 'preferences paragraph', 'placeholder text', 'declaration paragraph']) {
      assert.equal(seen(name, 'color'), 'rgb(4, 5, 6)', `${name}: --consent-text`);
      assert.equal(seen(name, 'font-family'), 'Georgia, serif', `${name}: --consent-font`);
      // What the parts and properties do not set stays ours.
      assert.equal(seen(name, 'font-style'), 'normal', name);
      assert.equal(seen(name, 'text-transform'), 'none', name);
    }
    assert.equal(seen('placeholder box', 'background-color'), 'rgb(7, 8, 9)', '--consent-placeholder-background');
    for (const name of ['first layer', 'placeholder box', 'declaration box']) {
      const border = ['border-top-width', 'border-top-style', 'border-top-color'].map((p) => seen(name, p)).join(' ');
      assert.equal(border, '5px solid rgb(10, 11, 12)', `${name}: ::part()`);
    }
  });
});
