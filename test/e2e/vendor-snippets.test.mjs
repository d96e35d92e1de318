// The vendors' snippets of the catalogue, tagged, on a page with the banner (issue 23): each one
// served with every vendor host mapped to the stand-in of test/e2e/vendor-stand-in.mjs, which
// records the vendor calls the snippet makes. Before consent the snippet's globals are undefined and
// nothing reached the vendor's hosts; after "Accept all" the calls arrive as the vendor would get
// them (gtag('config'), the container id, fbq('init') and fbq('track'), the embedded player or
// map). The page is the snippet as the catalogue gives it, pasted into a page with the drop-in; the
// test's browser answers its address itself, and everything else comes from the test server.
import assert from 'node:assert/strict';
import {readFileSync} from 'node:fs';
import {after, before, describe, it} from 'node:test';
import {TEST_CHROMIUM} from '../chromium.mjs';
import {root} from '../node/load-core.mjs';
import {puppeteer} from './browser.mjs';
import {startHarness} from './harness.mjs';
import {standInFlags, startStandIn} from './vendor-stand-in.mjs';

const catalogue = JSON.parse(readFileSync(`${root}catalogue/services.json`, 'utf8'));
const snippetOf = (id) => catalogue.services.find((s) => s.id === id).snippet.html;

/** Per service: its globals before consent, the host its calls go to, and what must arrive after it. */
const CASES = {
  'google-analytics': {
    globals: () => ({gtag: typeof window.gtag, dataLayer: typeof window.dataLayer}),
    host: 'www.googletagmanager.com',
    arrived: (standIn) => standIn.calls('www.googletagmanager.com').some(([name, id]) => name === 'config' && id === 'GA_TRACKING_ID'),
  },
  'google-tag-manager': {
    globals: () => ({dataLayer: typeof window.dataLayer}),
    host: 'www.googletagmanager.com',
    arrived: (standIn) =>
      standIn.calls('www.googletagmanager.com').some(([name, id]) => name === 'gtm.js' && id === 'GTM-XXXXXX') &&
      standIn.reached('www.googletagmanager.com').some((r) => r.path === '/gtm.js'),
  },
  'meta-pixel': {
    globals: () => ({fbq: typeof window.fbq, _fbq: typeof window._fbq}),
    host: 'connect.facebook.net',
    arrived: (standIn) =>
      JSON.stringify(standIn.calls('connect.facebook.net')) ===
      JSON.stringify([
        ['init', '{your-pixel-id-goes-here}'],
        ['track', 'PageView'],
      ]),
  },
  youtube: {
    globals: () => ({src: document.querySelector('iframe[data-service]')?.getAttribute('src') ?? null}),
    host: 'www.youtube.com',
    arrived: (standIn) => standIn.reached('www.youtube.com').some((r) => r.path === '/embed/VIDEO_ID'),
  },
  vimeo: {
    globals: () => ({src: document.querySelector('iframe[data-service]')?.getAttribute('src') ?? null}),
    host: 'player.vimeo.com',
    arrived: (standIn) => standIn.reached('player.vimeo.com').some((r) => r.path === '/video/VIDEO_ID' && r.query === '?h=VIDEO_HASH'),
  },
  'google-maps': {
    globals: () => ({src: document.querySelector('iframe[data-service]')?.getAttribute('src') ?? null}),
    host: 'www.google.com',
    arrived: (standIn) => standIn.reached('www.google.com').some((r) => r.path === '/maps/embed/v1/MAP_MODE'),
  },
};

describe('the catalogue’s vendor snippets, tagged, on a page', () => {
  let harness;
  let standIn;
  let browser;
  before(async () => {
    [harness, standIn] = await Promise.all([startHarness(), startStandIn()]);
    browser = await puppeteer.launch({
      executablePath: TEST_CHROMIUM,
      headless: true,
      args: [
        '--no-sandbox',
        '--disable-dev-shm-usage',
        '--disable-gpu',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        // The page is answered by request interception, which counts as public: local-network checks would block the rest.
        '--disable-features=LocalNetworkAccessChecks',
        ...standInFlags(standIn.port),
      ],
    });
  });
  after(async () => {
    await browser?.close();
    await Promise.all([harness?.close(), standIn?.close()]);
  });

  it('the test covers every snippet of the catalogue', () => {
    assert.deepEqual(
      Object.keys(CASES).sort(),
      catalogue.services
        .filter((s) => s.snippet)
        .map((s) => s.id)
        .sort()
    );
  });

  for (const [id, expected] of Object.entries(CASES)) {
    it(`${id}: nothing before consent (globals undefined, no request to ${expected.host}); after "Accept all" the vendor's calls arrive`, async () => {
      const context = await browser.createBrowserContext();
      try {
        const page = await context.newPage();
        const url = `http://127.0.0.1:${harness.port}/test/e2e/pages/vendor-snippet-${id}.html`;
        await page.setRequestInterception(true);
        page.on('request', (request) =>
          request.url() === url
            ? request.respond({
                contentType: 'text/html',
                body: `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${id}</title>
<script src="/dist/consent-banner.min.js" data-manifest="vendor-snippets-manifest.json"></script>
</head><body><h1>${id}</h1>
${snippetOf(id)}
<a href="#" data-consent-open>Cookie settings</a></body></html>`,
              })
            : request.continue()
        );
        standIn.clear();
        await page.goto(url, {waitUntil: 'load'});
        await page.evaluate(() => document.querySelector('consent-banner').updateComplete);
        await new Promise((resolve) => setTimeout(resolve, 300));
        const before = await page.evaluate(expected.globals);
        for (const [name, value] of Object.entries(before))
          assert.ok(value === 'undefined' || value === null, `${name} before consent: ${value}`);
        assert.deepEqual(
          standIn.requests.map((r) => r.url),
          [],
          'no request reached a vendor before consent'
        );

        await page.evaluate(() => document.querySelector('consent-banner').acceptAll());
        const deadline = Date.now() + 10_000;
        while (!expected.arrived(standIn) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
        assert.ok(expected.arrived(standIn), JSON.stringify(standIn.requests.map((r) => r.url)));
        const after = await page.evaluate(expected.globals);
        assert.notDeepEqual(after, before, 'the snippet ran');
      } finally {
        await context.close();
      }
    });
  }
});
