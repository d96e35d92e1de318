import puppeteer from 'puppeteer-core';
import {createServer} from 'node:http';
const server = createServer((q, r) => { r.setHeader('content-type', 'text/html'); r.end('<p>hi ' + q.url); }).listen(0);
await new Promise((r) => server.on('listening', r));
const port = server.address().port;
for (const extra of [[], ['--enable-features=BackForwardCache'], ['--enable-features=BackForwardCache:TimeToLiveInBackForwardCacheInSeconds/300,BackForwardCacheMemoryControls']]) {
  const browser = await puppeteer.launch({executablePath: process.env.CP, headless: true, args: ['--no-sandbox', ...extra]});
  const page = await browser.newPage();
  await page.goto(`http://127.0.0.1:${port}/a`);
  await page.evaluate(() => { window.__same = true; addEventListener('pageshow', (e) => (window.__p = e.persisted)); });
  await page.goto(`http://localhost:${port}/b`);
  await page.goBack();
  console.log(process.env.CP, extra, await page.evaluate(() => [window.__same, window.__p]));
  await browser.close();
}
server.close();
