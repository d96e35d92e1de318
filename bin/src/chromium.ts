import {existsSync} from 'node:fs';
import {createRequire} from 'node:module';
import type {Browser, Page} from 'puppeteer-core';
import {CliError} from './sources.js';

/*
 * The Chromium a scan runs in: the system browser, started for the scan (`launch`), or one already
 * running at CHROME_WS_ENDPOINT (`connect`).
 */

const isRoot = () => typeof process.getuid === 'function' && process.getuid() === 0;

/** Extra Chromium flags from CHROME_ARGS (e.g. a proxy, or host rules for a staging site): `--a=1 --b=x y`. */
const extraArgs = () =>
  (process.env.CHROME_ARGS ?? '')
    .trim()
    .split(/\s+(?=--)/)
    .filter(Boolean);

/**
 * puppeteer-core, by its CommonJS entry: Node loads it for about 60 % of the CPU its ES module entry
 * takes (0.30 s against 0.48 s here), at every scan.
 */
async function loadPuppeteer() {
  try {
    return (createRequire(import.meta.url)('puppeteer-core') as typeof import('puppeteer-core')).default;
  } catch {
    throw new CliError('scan needs puppeteer-core: npm install --save-dev puppeteer-core');
  }
}

/**
 * Frames of other sites in the page's own process: the page's DevTools session then sees the
 * cookies their requests send, and the recorder runs in them.
 */
const ONE_PROCESS_FOR_FRAMES = '--disable-site-isolation-trials';

/** Any one request to the browser that takes longer fails the scan (puppeteer's own default: 180 s). */
const PROTOCOL_TIMEOUT_MS = 60_000;

export async function launch(): Promise<Browser> {
  const puppeteer = await loadPuppeteer();
  const executablePath = process.env.CHROME_PATH || '/usr/bin/chromium';
  if (!existsSync(executablePath)) {
    throw new CliError(`no Chromium at ${executablePath}: install it (e.g. apt-get install chromium) or set CHROME_PATH`);
  }
  return puppeteer.launch({
    executablePath,
    headless: true,
    protocolTimeout: PROTOCOL_TIMEOUT_MS,
    args: [
      ...(isRoot() ? ['--no-sandbox'] : []),
      '--disable-dev-shm-usage',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      ONE_PROCESS_FOR_FRAMES,
      ...extraArgs(),
    ],
  });
}

/**
 * CHROME_WS_ENDPOINT: the DevTools address (`ws://…/devtools/browser/…`) of a Chromium already
 * running, e.g. in a container beside the site's CI, used instead of starting one per scan. The
 * scan works in a browser context of its own there, closed when it ends, and leaves the browser
 * running. Flags are that browser's own: CHROME_ARGS cannot reach it, so giving both is an error.
 */
export async function connect(endpoint: string): Promise<Browser> {
  if (extraArgs().length) {
    throw new CliError('CHROME_ARGS are flags for a Chromium that scan starts: with CHROME_WS_ENDPOINT, start that Chromium with them');
  }
  const puppeteer = await loadPuppeteer();
  try {
    return await puppeteer.connect({browserWSEndpoint: endpoint, protocolTimeout: PROTOCOL_TIMEOUT_MS});
  } catch (error) {
    throw new CliError(`cannot reach the Chromium at CHROME_WS_ENDPOINT ${endpoint}: ${(error as Error).message.split('\n')[0]}`);
  }
}

/** A browser started elsewhere without ONE_PROCESS_FOR_FRAMES hides what frames of other sites send: one line says so. */
export async function warnOnIsolation(page: Page) {
  const client = await page.createCDPSession();
  const flags = await client
    .send('Browser.getBrowserCommandLine')
    .then(({arguments: args}) => args)
    .catch(() => undefined);
  await client.detach().catch(() => undefined);
  if (flags?.includes(ONE_PROCESS_FOR_FRAMES)) return;
  process.stderr.write(
    `consent-banner: the Chromium at CHROME_WS_ENDPOINT ${flags ? 'runs without' : 'does not say whether it runs with'} ${ONE_PROCESS_FOR_FRAMES}: ` +
      `the cookies that frames of other sites send may be missing from this scan; start it with that flag\n`
  );
}
