import type {Page} from 'puppeteer-core';
import {readFrames} from './frame-log.js';
import {startTags} from './html-tags.js';
import type {PageHtml} from './leaks.js';
import {CliError} from './sources.js';

/*
 * What `scan` reads of the page it visits (its facts, its cookie jar), and how long it waits for the
 * page and its banner to settle before it reads them.
 */

export interface PageFacts {
  title: string;
  language: string;
  manifestAttribute: string | null;
  inlineManifest: string | null;
  bannerLoaded: boolean;
  /** The directory the drop-in loads from (its modules too): what the banner itself reads is not counted. */
  bannerBase: string | null;
  tagged: {service: string | null; category: string | null; url: string}[];
}

export interface JarCookie {
  name: string;
  domain: string;
  path: string;
  expires: number;
  session: boolean;
}

function readPageFacts(): PageFacts {
  const loader = document.querySelector('[data-manifest]');
  const element = document.querySelector('consent-banner');
  const manifestAttribute = loader?.getAttribute('data-manifest') ?? element?.getAttribute('manifest') ?? null;
  const inline = manifestAttribute?.startsWith('#') ? document.getElementById(manifestAttribute.slice(1)) : null;
  const absolute = (url: string) => {
    try {
      return new URL(url, document.baseURI).href;
    } catch {
      return '';
    }
  };
  const loaderSrc = loader?.getAttribute('src');
  return {
    title: document.title,
    language: document.documentElement.lang,
    manifestAttribute: manifestAttribute && !manifestAttribute.startsWith('#') ? absolute(manifestAttribute) : manifestAttribute,
    inlineManifest: inline?.textContent ?? null,
    bannerLoaded: Boolean(element || customElements.get('consent-banner')),
    bannerBase: loaderSrc ? absolute(loaderSrc).replace(/[^/]*$/, '') || null : null,
    tagged: [...document.querySelectorAll('[data-service], [data-category]')].flatMap((el) => {
      const url = el.getAttribute('src') || el.getAttribute('data-src');
      return url ? [{service: el.getAttribute('data-service'), category: el.getAttribute('data-category'), url: absolute(url)}] : [];
    }),
  };
}

/** How long a loaded page may keep its main thread busy before scan gives up on it. */
const RESPONSIVE_MS = 10_000;

/**
 * Resolves once the page's main thread answers; a CliError (exit 2) when it does not within
 * RESPONSIVE_MS: a script that never yields would otherwise hold every later step until the
 * browser's protocol timeout (a page spinning after load took 193 s, then a crash).
 */
async function responsive(page: Page) {
  let timer: NodeJS.Timeout | undefined;
  const answered = await Promise.race([
    page.evaluate(() => true).catch(() => true),
    new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), RESPONSIVE_MS))),
  ]);
  clearTimeout(timer);
  if (!answered) {
    throw new CliError(
      `cannot scan ${page.url()}: a script of the page has kept it busy for ${RESPONSIVE_MS / 1000} s after it loaded (it never yields), so nothing can be read from it`
    );
  }
}

/** Has the page's banner decided what runs (or given up)? True for a page without one. */
function bannerReady() {
  const log = (window as unknown as {__consentScan?: {ready: boolean}}).__consentScan;
  return Boolean(log?.ready || !document.querySelector('consent-banner'));
}

/**
 * Waits for the network to go quiet, then for the banner to be ready (on a busy machine it may
 * still be deciding, with nothing on the wire), then for what it released to load: a quiet
 * network that began after the banner was ready (what it releases starts as it says so; a quiet
 * spell from before could end before those requests), then `waitMs`.
 */
export async function settle(page: Page, waitMs: number) {
  await page.waitForNetworkIdle({idleTime: 500, timeout: 15_000}).catch(() => undefined);
  await responsive(page);
  await page.waitForFunction(bannerReady, {timeout: 10_000, polling: 100}).catch(() => undefined);
  await page.waitForNetworkIdle({idleTime: 500, timeout: 15_000}).catch(() => undefined);
  if (waitMs > 0) {
    await new Promise((resolve) => setTimeout(resolve, waitMs));
    await page.waitForNetworkIdle({idleTime: 500, timeout: 15_000}).catch(() => undefined);
  }
}

/**
 * Loads the page (its recorder already in place: frame-log.ts), waits for it to settle, then reads
 * it: the HTML as served (or why it could not be read), its facts, its cookies, its frames' logs.
 */
export async function visit(page: Page, target: URL, waitMs: number) {
  let response;
  try {
    response = await page.goto(target.href, {waitUntil: 'load', timeout: 30_000});
  } catch (error) {
    const reason = (error as Error).message.replace(/ at https?:\/\/\S+$/, '');
    throw new CliError(`cannot load ${target.href}: ${reason}`);
  }
  if (response && response.status() >= 400) {
    throw new CliError(`cannot scan ${target.href}: the server answered ${response.status()} ${response.statusText()}`.trim());
  }
  await settle(page, waitMs);
  // The HTML as served, for its <noscript> trackers and the exact tags of the fixes (read once
  // the page answers: DevTools asks the page's own thread for it).
  const served = await response?.text().then(
    (text) => ({text}),
    (error: Error) => ({error: error.message.split('\n')[0]})
  );

  const pageUrl = new URL(page.url());
  const html: PageHtml | undefined = served && 'text' in served ? {url: response!.url(), tags: startTags(served.text)} : undefined;
  const facts = await page.evaluate(readPageFacts);
  const client = await page.createCDPSession();
  const {cookies} = (await client.send('Network.getAllCookies')) as {cookies: JarCookie[]};
  const frames = await readFrames(page);
  const htmlUnread = served && 'error' in served ? served.error : 'no response to read';
  return {pageUrl, html, htmlUnread, facts, client, cookies, frames};
}
