// Takes the README's screenshot of the manifest studio (docs/studio.png): the Dimelo seed
// manifest open, its check, and the preview of the banner in English.
// Run after `npm run build`: `node scripts/studio-screenshot.mjs`.
import {startDevServer} from '@web/dev-server';
import {mkdirSync} from 'node:fs';
import {fileURLToPath} from 'node:url';
import puppeteer from 'puppeteer-core';
import {onLoopback, sandboxedModules} from './dev-server-guard.mjs';

const root = fileURLToPath(new URL('../', import.meta.url));
const server = await startDevServer({
  // sandboxedModules: the studio's preview frame (an opaque origin) loads its modules in CORS mode.
  config: onLoopback({rootDir: root, port: 0, hostname: '127.0.0.1', middleware: [sandboxedModules]}, {hosts: ['127.0.0.1']}),
  readCliArgs: false,
  readFileConfig: false,
  logStartMessage: false,
  autoExitProcess: false,
});
const browser = await puppeteer.launch({
  executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--hide-scrollbars'],
});
try {
  const page = await browser.newPage();
  await page.setViewport({width: 1440, height: 1580});
  await page.goto(`http://127.0.0.1:${server.config.port}/studio/`, {waitUntil: 'load'});
  await page.waitForSelector('#catalogue-service');
  await page.click('#open-seed');
  await page.waitForFunction(() => /^Opened /.test(document.getElementById('status').textContent));
  await page.select('#preview-language', 'en');
  const frame = page.frames().find((f) => f.url().endsWith('/studio/preview.html'));
  await frame.waitForFunction(() =>
    document.querySelector('consent-banner')?.shadowRoot?.querySelector('dialog[open] h2')?.textContent === 'Cookies on Dimelo'
  );
  mkdirSync(`${root}docs`, {recursive: true});
  await page.screenshot({path: `${root}docs/studio.png`});
  console.log('docs/studio.png written');
} finally {
  await browser.close();
  await server.stop();
}
