// The Chromium the end-to-end files drive, and how each file gets it. A file run alone launches
// its own. Under `npm test`, scripts/run-tests.mjs keeps one running per slot and hands it to the
// files it runs there, one after another (TEST_BROWSER_WS): a launch costs more CPU than most
// cases. Files still share no state: every case opens a browser context of its own (no cookie,
// storage or cache of another), and the runner closes whatever contexts a file left behind.
import {createRequire} from 'node:module';
import {TEST_CHROMIUM} from '../chromium.mjs';

/**
 * puppeteer-core, by its CommonJS entry: Node loads it for about 60 % of the CPU its ES module entry
 * takes (0.30 s against 0.48 s here), and every end-to-end file's process loads it. Import it from
 * here, so that a process loads it once.
 */
export const puppeteer = createRequire(import.meta.url)('puppeteer-core');

/** Starts Chromium (TEST_CHROMIUM unless told) with the flags the harness needs. */
export const launchBrowser = (executablePath = TEST_CHROMIUM) =>
  puppeteer.launch({
    executablePath,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-dev-shm-usage',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--host-resolver-rules=MAP *.test 127.0.0.1',
      // A page served by request interception (openContext's `manifests`) counts as public; without
      // this, Chromium's local-network checks would block its scripts from the local dev server.
      '--disable-features=LocalNetworkAccessChecks',
    ],
  });

/** Closes every context but the browser's own: what a file opened and left. */
export async function closeContexts(browser) {
  const own = browser.defaultBrowserContext();
  await Promise.all(browser.browserContexts().map((context) => (context === own ? undefined : context.close().catch(() => undefined))));
}

/**
 * This file's browser: the runner's (TEST_BROWSER_WS) when it gives one, else one launched here.
 * `close()` ends what this file started: the launched browser, or its contexts and the connection.
 */
export async function openBrowser() {
  const endpoint = process.env.TEST_BROWSER_WS;
  if (!endpoint) {
    const browser = await launchBrowser();
    return {browser, close: () => browser.close()};
  }
  const browser = await puppeteer.connect({browserWSEndpoint: endpoint});
  return {
    browser,
    async close() {
      await closeContexts(browser);
      await browser.disconnect();
    },
  };
}
