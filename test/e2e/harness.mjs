// End-to-end harness: the demo served by @web/dev-server, visited by the system Chromium
// through puppeteer-core (never a downloaded browser). Every site gets its own host name
// (dimelo.test, www.dimelo.test, …) mapped to 127.0.0.1, so cookies behave as on real domains.
import {startDevServer} from '@web/dev-server';
import {readFileSync} from 'node:fs';
import {createServer} from 'node:net';
import puppeteer from 'puppeteer-core';
import {root} from '../node/load-core.mjs';

export const SITES = ['linkello', 'linkello-medical', 'linkello-pro', 'porthello', 'dimelo'];

const freePort = () =>
  new Promise((resolve, reject) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const {port} = probe.address();
      probe.close(() => resolve(port));
    });
    probe.on('error', reject);
  });

export function readManifest(site) {
  return JSON.parse(readFileSync(`${root}demo/${site}/cookie-manifest.json`, 'utf8'));
}

/** Starts the server and the browser; `close()` stops both. */
export async function startHarness() {
  const port = await freePort();
  const server = await startDevServer({
    // nodeResolve lets test pages import dist/index.js, whose `lit` imports are bare.
    config: {
      rootDir: root,
      port,
      hostname: '127.0.0.1',
      nodeResolve: true,
      // A page asks for a Content-Security-Policy header with `?csp=…` (test/e2e/strict.test.mjs).
      middleware: [
        async (context, next) => {
          await next();
          if (context.query.csp) context.set('Content-Security-Policy', context.query.csp);
        },
      ],
    },
    readCliArgs: false,
    readFileConfig: false,
    logStartMessage: false,
    autoExitProcess: false,
  });
  const browser = await puppeteer.launch({
    executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-dev-shm-usage',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--host-resolver-rules=MAP *.test 127.0.0.1',
    ],
  });
  return {
    port,
    browser,
    /** The URL of a demo site's page, on its own host. */
    url: (site, host = `${site}.test`) => `http://${host}:${port}/demo/${site}/index.html`,
    async close() {
      await browser.close();
      await server.stop();
    },
  };
}

/**
 * Opens a fresh browser context (no cookies, no storage) and a page in it. `manifests` maps a
 * path to a replacement: an object (served as JSON), or `{status, body, contentType, headers}`,
 * or `{abort: 'failed'}` (a network error), or `{hold: true}` (never answered). That is how tests
 * serve a new revision, a broken manifest or a changed page without touching the demo.
 */
export async function openContext(harness, {manifests = {}, clockOffsetDays = 0} = {}) {
  const context = await harness.browser.createBrowserContext();
  const log = {requests: [], errors: [], warnings: []};
  const setupPage = async (page) => {
    page.on('request', (request) => log.requests.push(new URL(request.url()).pathname));
    page.on('console', (message) => {
      if (message.type() === 'error') log.errors.push(message.text());
      if (message.type() === 'warn') log.warnings.push(message.text());
    });
    page.on('pageerror', (error) => log.errors.push(String(error)));
    await page.evaluateOnNewDocument((offsetDays) => {
      if (offsetDays) {
        // A fake clock, moved forward: the page lives `offsetDays` in the future.
        const RealDate = Date;
        const shift = offsetDays * 86_400_000;
        globalThis.Date = class extends RealDate {
          constructor(...args) {
            if (args.length) super(...args);
            else super(RealDate.now() + shift);
          }
          static now() {
            return RealDate.now() + shift;
          }
        };
      }
      document.addEventListener('consent-ready', () => (window.__consentReady = true), true);
      document.addEventListener('consent-error', (e) => (window.__consentError = e.detail), true);
      document.addEventListener('consent-change', (e) => (window.__changes = [...(window.__changes ?? []), e.detail]), true);
    }, clockOffsetDays);
    // Every visit fetches anew: what a first-time visitor's browser would request.
    await page.setCacheEnabled(false);
    await page.setRequestInterception(true);
    page.on('request', (request) => {
      const {pathname} = new URL(request.url());
      const replacement = manifests[pathname];
      if (replacement === undefined) return request.continue();
      if (replacement.hold) return undefined;
      if (replacement.abort) return request.abort(replacement.abort);
      if (replacement.status !== undefined || replacement.body !== undefined) {
        return request.respond({
          status: replacement.status ?? 200,
          contentType: replacement.contentType ?? 'application/json',
          headers: replacement.headers,
          body: replacement.body ?? '',
        });
      }
      return request.respond({status: 200, contentType: 'application/json', body: JSON.stringify(replacement)});
    });
  };
  const page = await context.newPage();
  await setupPage(page);
  return {context, page, log, close: () => context.close()};
}

/** Runs `body` with a fresh context (see openContext), closing it afterwards, pass or fail. */
export async function inContext(harness, options, body) {
  const context = await openContext(harness, options);
  try {
    return await body(context);
  } finally {
    await context.close();
  }
}

/** Loads a page and waits until the banner knows its state and released scripts have loaded. */
export async function visit(page, url) {
  await page.goto(url, {waitUntil: 'load'});
  await settle(page);
}

/**
 * Waits until the banner knows its state and the page has gone quiet: no new script run, cookie
 * or finished request for 200 ms (the page's own view; puppeteer's network-idle wait loses
 * track of requests cut short by a reload).
 */
export async function settle(page) {
  await page.waitForFunction(() => window.__consentReady || window.__consentError, {timeout: 10_000});
  const snapshot = () =>
    page.evaluate(() =>
      JSON.stringify([
        window.__ran,
        (() => {
          try {
            return document.cookie;
          } catch {
            return 'throws'; // a page where document.cookie throws (a sandboxed document)
          }
        })(),
        performance.getEntriesByType('resource').length,
        document.readyState,
      ])
    );
  let last = await snapshot();
  for (let quiet = 0, waited = 0; quiet < 4 && waited < 100; waited++) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    const now = await snapshot();
    quiet = now === last ? quiet + 1 : 0;
    last = now;
  }
}

/** What ran, in order (the demo's stand-in trackers push their service id to `window.__ran`). */
export const ran = (page) => page.evaluate(() => window.__ran ?? []);

/** The names of the cookies the page's origin holds (including parent-domain ones). */
export const cookieNames = async (page) => (await page.cookies()).map((c) => c.name).sort();

/** The dialogs of <consent-banner> that are open: 'banner', 'preferences'. */
export const openDialogs = (page) =>
  page.evaluate(() =>
    [...(document.querySelector('consent-banner')?.shadowRoot?.querySelectorAll('dialog[open]') ?? [])].map((d) =>
      d.classList.contains('banner') ? 'banner' : 'preferences'
    )
  );

/** Clicks (a real mouse click) the button of the banner whose text is `label`. */
export async function clickButton(page, label) {
  const handle = await page.waitForFunction(
    (text) =>
      [...(document.querySelector('consent-banner')?.shadowRoot?.querySelectorAll('dialog[open] button') ?? [])].find(
        (b) => b.textContent.trim() === text
      ),
    {timeout: 5000},
    label
  );
  await handle.asElement().click();
}

/** Clicks a preferences switch, by `data-category` or `data-service`. */
export async function clickSwitch(page, selector) {
  const handle = await page.waitForFunction(
    (s) => document.querySelector('consent-banner')?.shadowRoot?.querySelector(`dialog[open] input${s}`),
    {timeout: 5000},
    selector
  );
  await handle.asElement().click();
}

/** Finds accessibility-tree nodes by role (and name). */
export async function a11yNodes(page, role, name) {
  const found = [];
  const walk = (node) => {
    if (!node) return;
    if (node.role === role && (name === undefined || node.name === name)) found.push(node);
    node.children?.forEach(walk);
  };
  walk(await page.accessibility.snapshot({interestingOnly: true}));
  return found;
}
