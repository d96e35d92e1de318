// End-to-end harness: the demo served by @web/dev-server, visited by the system Chromium
// through puppeteer-core (never a downloaded browser). Every site gets its own host name
// (dimelo.test, www.dimelo.test, …) mapped to 127.0.0.1, so cookies behave as on real domains.
import {readFileSync} from 'node:fs';
import {createServer} from 'node:net';
import {FULL_CHROMIUM, TEST_CHROMIUM} from '../chromium.mjs';
import {launchBrowser, openBrowser} from './browser.mjs';
import {root} from '../node/load-core.mjs';

export const SITES = ['linkello', 'linkello-medical', 'linkello-pro', 'porthello', 'dimelo'];

/** A port nobody listens on (just now): for a test of what answers nothing (the server takes its own, test/e2e/server.mjs). */
export const freePort = () =>
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

/**
 * Starts the server and the browser; `close()` stops both. Under `npm test` both are the runner's
 * (TEST_SERVER_PORT, TEST_BROWSER_WS): this file then starts neither, and leaves them running.
 */
export async function startHarness() {
  const shared = Number(process.env.TEST_SERVER_PORT);
  const server = shared ? undefined : await (await import('./server.mjs')).startTestServer();
  const port = shared || server.port;
  const {browser, close: closeBrowser} = await openBrowser();
  let full;
  return {
    port,
    browser,
    /**
     * The full Chromium (test/chromium.mjs), launched on first use, for what the headless shell
     * lacks: `inContext(harness, {full: true}, …)`.
     */
    fullBrowser: () => (full ??= TEST_CHROMIUM === FULL_CHROMIUM ? Promise.resolve(browser) : launchBrowser(FULL_CHROMIUM)),
    /** The URL of a demo site's page, on its own host. */
    url: (site, host = `${site}.test`) => `http://${host}:${port}/demo/${site}/index.html`,
    async close() {
      const other = await full;
      if (other && other !== browser) await other.close();
      await closeBrowser();
      await server?.stop();
    },
  };
}

/**
 * Opens a fresh browser context (no cookies, no storage) and a page in it. `manifests` maps a
 * path to a replacement: an object (served as JSON), `{status, body, contentType, headers}`,
 * `{abort: 'failed'}` (a network error), `{hold: true}` (never answered), or an async function of
 * the request returning one of those or `undefined` (serve the real file). That is how tests serve
 * a new revision, a broken manifest or a changed page without touching the demo.
 * `viewport` and `media` (emulated media features) apply before the first visit. `full` opens it in
 * the full Chromium instead of the headless shell (test/chromium.mjs), for what only the full one has.
 */
export async function openContext(harness, {manifests = {}, clockOffsetDays = 0, viewport, media, full = false} = {}) {
  const browser = full ? await harness.fullBrowser() : harness.browser;
  const context = await browser.createBrowserContext();
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
    // The requests under way, for settle(): a request leaves when it finishes or fails, when a
    // test holds it unanswered on purpose, or when a new document in its frame (or the frame's
    // removal) ends it. Chromium reports no failure for some requests a new document ends (a
    // frame's document, a script the old document started while the new one was on its way), and
    // settle() would wait on them for its full 5 s. A new document in the main frame ends them all;
    // a navigation within the document (a link to "#") ends nothing: only a commit that follows a
    // document request does.
    page.__inflight = new Set();
    const done = (request) => page.__inflight.delete(request);
    const keyOf = (frame) => (frame === page.mainFrame() ? 'main' : frame);
    const endFrame = (frame, keep) => {
      for (const request of page.__inflight) if (request !== keep && (keyOf(frame) === 'main' || request.frame() === frame)) done(request);
    };
    const documentRequests = new Map();
    page.on('requestfinished', done);
    page.on('requestfailed', done);
    page.on('framedetached', endFrame);
    page.on('request', (request) => {
      if (request.isNavigationRequest() && request.frame()) {
        endFrame(request.frame());
        documentRequests.set(keyOf(request.frame()), request);
      }
      page.__inflight.add(request);
    });
    page.on('framenavigated', (frame) => {
      const request = documentRequests.get(keyOf(frame));
      if (!request) return;
      documentRequests.delete(keyOf(frame));
      endFrame(frame, request);
    });
    // Interception costs a round trip to this process for every request: only where a test serves something.
    if (!Object.keys(manifests).length) return;
    await page.setRequestInterception(true);
    page.on('request', async (request) => {
      const {pathname} = new URL(request.url());
      let replacement = manifests[pathname];
      // A function answers later (or not at all: undefined lets the request through).
      if (typeof replacement === 'function') replacement = await replacement(request);
      if (replacement === undefined) return request.continue();
      if (replacement.hold) return done(request);
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
  // `viewport`: {width, height, deviceScaleFactor}; `media`: e.g. [{name: 'prefers-color-scheme', value: 'dark'}].
  if (viewport) await page.setViewport(viewport);
  if (media) await page.emulateMediaFeatures(media);
  return {context, page, log, close: () => context.close()};
}

/**
 * The strict Content-Security-Policy the README gives site owners (README, "A strict
 * Content-Security-Policy"), with a page's nonce. `trustedTypes` names the allowed policies;
 * `sources` adds or replaces fetch directives, e.g. `{'media-src': "'self'"}`.
 */
export function strictPolicy(nonce, {trustedTypes = 'consent-banner lit-html', sources = {}} = {}) {
  const directives = {
    'default-src': "'self'",
    'script-src': `'self' 'nonce-${nonce}'`,
    'style-src': "'self'",
    'img-src': "'self'",
    'frame-src': "'self'",
    'connect-src': "'self'",
    'object-src': "'none'",
    'base-uri': "'none'",
    ...sources,
    'require-trusted-types-for': "'script'",
    'trusted-types': trustedTypes,
  };
  return Object.entries(directives)
    .map(([name, value]) => `${name} ${value}`)
    .join('; ');
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
 * Waits until the banner knows its state and the page has gone quiet: no request under way, and
 * no new script run, cookie, finished request or opened dialog for 200 ms (puppeteer's
 * network-idle wait loses track of requests cut short by a reload). On a loaded machine (files run
 * side by side in `npm test`) a module may take longer than 200 ms to arrive: the count of
 * requests under way keeps the wait going until it has. At most about 5 s.
 */
export async function settle(page) {
  await page.waitForFunction(() => window.__consentReady || window.__consentError, {timeout: 10_000, polling: 100});
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
        document.querySelector('consent-banner')?.shadowRoot?.querySelectorAll('dialog[open]').length,
      ])
    );
  const underWay = () => page.__inflight?.size ?? 0;
  let last = await snapshot();
  for (let quiet = 0, waited = 0; quiet < 4 && waited < 100; waited++) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    const now = await snapshot();
    quiet = now === last && !underWay() ? quiet + 1 : 0;
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
      d.matches('[part~=banner]') ? 'banner' : 'preferences'
    )
  );

/**
 * Clicks (a real mouse click) the choice button of the banner's open dialogs marked
 * `data-choice="<choice>"` (`accept-all`, `reject-all`, `customise`, `save`): by what it does,
 * never by its words, which are the language's. The one the visitor sees: while the preferences
 * are open, the first layer is hidden behind them.
 */
export async function clickButton(page, choice) {
  const handle = await page.waitForFunction(
    (name) =>
      [
        ...(document.querySelector('consent-banner')?.shadowRoot?.querySelectorAll(`dialog[open] button[data-choice="${name}"]`) ?? []),
      ].find((button) => button.checkVisibility()),
    {timeout: 5000},
    choice
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

// ---- What a manifest allows: trackers that need consent, storage that needs none ----

/** The services of `manifest` whose category needs consent. */
export const consentServices = (manifest) =>
  manifest.services.filter((s) => manifest.categories.find((c) => c.id === s.category)?.basis === 'consent');

/**
 * The requests of the demo's stand-in trackers of services that need consent (each service's file
 * is /demo/trackers/<id>.js; YouTube's is its embed page). docs/rules.md R1: there must be none before a yes.
 */
export function consentRequests(log, manifest) {
  const files = consentServices(manifest).map((s) => `/demo/trackers/${s.id === 'youtube' ? 'youtube-embed' : s.id}.`);
  return log.requests.filter((path) => files.some((file) => path.startsWith(file)));
}

/** A test for storage names declared under `necessary` or `exempt` categories (`*` is a wildcard). */
export function declaredStorage(manifest) {
  const patterns = manifest.services
    .filter((s) => manifest.categories.find((c) => c.id === s.category)?.basis !== 'consent')
    .flatMap((s) => s.cookies.map((c) => c.name));
  const regexes = patterns.map(
    (p) =>
      new RegExp(
        `^${p
          .split('*')
          .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
          .join('.*')}$`
      )
  );
  return (name) => regexes.some((r) => r.test(name));
}

/** Every name the page has stored: cookies, localStorage and sessionStorage keys, IndexedDB databases. */
export async function storedNames(page) {
  const web = await page.evaluate(async () => ({
    local: Object.keys(localStorage),
    session: Object.keys(sessionStorage),
    indexedDB: (await indexedDB.databases()).map((d) => d.name),
  }));
  return {cookies: await cookieNames(page), ...web};
}

// ---- The shadow DOM of <consent-banner>, focus and keys ----

/** Runs `fn(root, ...args)` in the page, `root` being the shadow root of <consent-banner>. */
export async function inBanner(page, fn, ...args) {
  const root = await page.evaluateHandle(() => document.querySelector('consent-banner')?.shadowRoot ?? null);
  try {
    return await page.evaluate(fn, root, ...args);
  } finally {
    await root.dispose();
  }
}

/** Waits for a dialog of <consent-banner> ('banner' or 'preferences') to be open. */
export const waitForDialog = (page, which) =>
  page.waitForFunction(
    (w) => document.querySelector('consent-banner')?.shadowRoot?.querySelector(`dialog.${w}[open]`),
    {timeout: 5000},
    which
  );

/**
 * The focused element, through shadow roots: `{host, tag, label, dialog, category, service}`,
 * where `host` is the custom element it lives in (or null), `label` its name (aria-label,
 * aria-labelledby, its <label>, else its text), and `dialog` 'banner' or 'preferences' when it is
 * inside one of them.
 */
export const focused = (page) =>
  page.evaluate(() => {
    let element = document.activeElement;
    let host = null;
    while (element?.shadowRoot?.activeElement) {
      host = element.localName;
      element = element.shadowRoot.activeElement;
    }
    if (!element) return null;
    const dialog = element.closest('dialog');
    const labelledBy = element.getAttribute('aria-labelledby');
    const label =
      element.getAttribute('aria-label') ??
      (labelledBy &&
        labelledBy
          .split(' ')
          .map((id) => element.getRootNode().getElementById(id)?.textContent ?? '')
          .join(' ')) ??
      element.labels?.[0]?.textContent ??
      element.textContent;
    return {
      host,
      tag: element.localName,
      label: label.trim().replace(/\s+/g, ' '),
      dialog: dialog ? (dialog.matches('[part~=banner]') ? 'banner' : 'preferences') : null,
      category: element.dataset?.category ?? null,
      service: element.dataset?.service ?? null,
    };
  });

/** Presses `key` (e.g. 'Tab', 'Shift+Tab') until `matches(focus)` holds; returns the number of presses. */
export async function pressUntil(page, key, matches, max = 40) {
  const [modifier, name] = key.includes('+') ? key.split('+') : [null, key];
  for (let presses = 1; presses <= max; presses++) {
    if (modifier) await page.keyboard.down(modifier);
    await page.keyboard.press(name);
    if (modifier) await page.keyboard.up(modifier);
    if (matches(await focused(page))) return presses;
  }
  throw new Error(`${key} pressed ${max} times without reaching the control (focus on ${JSON.stringify(await focused(page))})`);
}

/**
 * Lets `ms` of page time pass at once (Chromium's virtual time: timers fire, Date moves on),
 * so "the visitor waited five minutes" takes a fraction of a second. Afterwards the page's time
 * stands still (timers and asynchronous work no longer run): make it the last step of a case,
 * then check with synchronous reads (`page.evaluate` without await inside, `page.cookies()`).
 */
export async function idle(page, ms) {
  const client = await page.createCDPSession();
  try {
    const expired = new Promise((resolve) => client.once('Emulation.virtualTimeBudgetExpired', resolve));
    await client.send('Emulation.setVirtualTimePolicy', {policy: 'advance', budget: ms});
    await expired;
  } finally {
    await client.detach();
  }
}

// ---- Accessibility checks: axe-core, colours ----

const AXE = readFileSync(`${root}node_modules/axe-core/axe.min.js`, 'utf8');

/**
 * Runs axe-core (every rule: WCAG A/AA and best practices) on the elements matching `selector`,
 * shadow roots included. Returns the violations (`id: target` lines) and the color-contrast checks
 * axe could not settle (`incomplete`), since an unsettled contrast is not a pass (a one-symbol
 * text such as "×" aside: axe never settles those).
 */
export async function axe(page, selector) {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE);
  return page.evaluate(async (s) => {
    const result = await window.axe.run({include: [[s]]}, {resultTypes: ['violations', 'incomplete']});
    const lines = (list) => list.flatMap((rule) => rule.nodes.map((node) => `${rule.id}: ${node.target.join(' ')}`));
    return {
      violations: lines(result.violations),
      incomplete: lines(
        result.incomplete
          .filter((rule) => rule.id === 'color-contrast')
          .map((rule) => ({
            ...rule,
            nodes: rule.nodes.filter((n) => !n.any.some((check) => check.data?.messageKey === 'shortTextContent')),
          }))
      ),
    };
  }, selector);
}

/** `rgb(…)`/`rgba(…)` as computed by the browser → [r, g, b, alpha]. */
export function parseColour(text) {
  const numbers = text.match(/[\d.]+/g)?.map(Number);
  if (!numbers || numbers.length < 3 || !/^rgba?\(/.test(text)) throw new Error(`not an rgb() colour: ${text}`);
  return [numbers[0], numbers[1], numbers[2], numbers[3] ?? 1];
}

/** WCAG 2.2 contrast ratio of two opaque colours (`rgb(…)` strings). */
export function contrast(a, b) {
  const luminance = (text) => {
    const [r, g, b] = parseColour(text).map((v, i) => (i < 3 ? v / 255 : v));
    const linear = (c) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
    return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
  };
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (light + 0.05) / (dark + 0.05);
}

/**
 * How the focused element (through shadow roots) shows its focus: outline style, width and
 * colour, box-shadow, and the colour next to the indicator (the first opaque background behind
 * it: the element's own for an inset outline, else its container's; white if none).
 */
export const focusIndicator = (page) =>
  page.evaluate(() => {
    let element = document.activeElement;
    while (element?.shadowRoot?.activeElement) element = element.shadowRoot.activeElement;
    const style = getComputedStyle(element);
    const up = (node) => node.parentElement ?? node.getRootNode().host ?? null;
    let node = parseFloat(style.outlineOffset) < 0 ? element : up(element);
    let background = 'rgb(255, 255, 255)';
    for (; node; node = up(node)) {
      const colour = getComputedStyle(node).backgroundColor;
      if (!/rgba\(.*, 0\)$|transparent/.test(colour)) {
        background = colour;
        break;
      }
    }
    return {
      label: `${element.localName} “${(element.getAttribute('aria-label') ?? element.textContent).trim().slice(0, 40)}”`,
      style: style.outlineStyle,
      width: parseFloat(style.outlineWidth),
      colour: style.outlineColor,
      boxShadow: style.boxShadow,
      background,
    };
  });

/**
 * Unfolds every purpose (its row's button, `aria-expanded`) and opens every `<details>` (a service)
 * of the open preferences, as a visitor unfolding each purpose and then each service would, and
 * waits until each has drawn its contents (the UI draws a purpose's services, and a service's
 * texts and cookie table, on open).
 */
export const openAllDetails = (page) =>
  page.evaluate(async () => {
    const root = document.querySelector('consent-banner').shadowRoot;
    for (const toggle of root.querySelectorAll('[part=preferences] button[aria-expanded="false"]')) toggle.click();
    for (;;) {
      const closed = [...root.querySelectorAll('[part=preferences] details:not([open])')];
      if (!closed.length) return;
      await Promise.all(
        closed.map(
          (d) =>
            new Promise((resolve) => {
              d.addEventListener('toggle', resolve, {once: true});
              d.open = true;
            })
        )
      );
    }
  });

/** The banner in `tag`: its `lang` set, its manifest set again; resolves once the first layer is drawn in that language. */
export const speak = async (page, tag) => {
  await page.evaluate((tag) => {
    const banner = document.querySelector('consent-banner');
    banner.lang = tag;
    banner.manifest = banner.getAttribute('manifest');
  }, tag);
  await page.waitForFunction(
    (tag) => {
      const root = document.querySelector('consent-banner')?.shadowRoot;
      return root?.querySelector('div.frame')?.lang === tag && root.querySelector('[part=banner][open]');
    },
    {timeout: 10000},
    tag
  );
};
