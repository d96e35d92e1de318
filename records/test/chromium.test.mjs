// The receiver in real Chromium: the banner's own beacon crossing origins to a receiver that lists
// the page's origin (the CORS preflight answered, credentials included) and to one that does not
// (refused at the preflight: nothing stored); and the stats page with its chart, behind its token.
// The receiver here is consent-banner/records behind Node's HTTPS server (nodeListener), at
// https://records.test, a self-signed certificate Chromium is told to accept: the banner sends
// records to https or to its own origin only.
import assert from 'node:assert/strict';
import {execFileSync} from 'node:child_process';
import {createServer} from 'node:https';
import {mkdtempSync, readFileSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {after, before, describe, it} from 'node:test';
import {clickButton, inContext, readManifest, startHarness, visit} from '../../test/e2e/harness.mjs';
import {cli, countRows, rawDatabase, record, records, startServe} from './helpers.mjs';

const {createRecordsHandler, nodeListener, RecordStore} = records;
const dir = mkdtempSync(join(tmpdir(), 'consent-records-chromium-'));
after(() => rmSync(dir, {recursive: true, force: true}));

/** A self-signed certificate for records.test, made for this run. */
function certificate() {
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-days',
      '1',
      '-subj',
      '/CN=records.test',
      '-addext',
      'subjectAltName=DNS:records.test',
      '-keyout',
      join(dir, 'key.pem'),
      '-out',
      join(dir, 'cert.pem'),
    ],
    {stdio: 'ignore'}
  );
  return {key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem'))};
}

/** The receiver at https://records.test:<port>/records for `origins`; `seen` lists each request's method and Origin. */
async function httpsReceiver(db, origins) {
  const handler = createRecordsHandler({db, origins, rateLimit: false});
  await handler.store();
  const seen = [];
  const listener = nodeListener(handler);
  const server = createServer(certificate(), (req, res) => {
    seen.push([req.method, req.headers.origin]);
    listener(req, res);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `https://records.test:${server.address().port}/records`,
    seen,
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await handler.close();
    },
  };
}

/** Polls until `check()` is true (at most 5 s). */
async function until(check) {
  for (let i = 0; i < 100; i++) {
    if (await check()) return true;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return false;
}

describe('the receiver in Chromium', () => {
  let harness;
  let session;
  before(async () => {
    harness = await startHarness();
    // Accept records.test's self-signed certificate (this browser's test runs only; undone after).
    session = await harness.browser.target().createCDPSession();
    await session.send('Security.setIgnoreCertificateErrors', {ignore: true});
  });
  after(async () => {
    await session?.send('Security.setIgnoreCertificateErrors', {ignore: false}).catch(() => undefined);
    await session?.detach().catch(() => undefined);
    await harness?.close();
  });

  const dimelo = readManifest('dimelo');
  const page = (log) => ({manifests: {'/demo/dimelo/cookie-manifest.json': {...dimelo, log: {url: log}}}});

  it('takes the banner’s cross-origin beacon from a listed origin: the preflight answered with credentials, the record stored as sent', async () => {
    const db = join(dir, 'listed.sqlite');
    const origin = `http://dimelo.test:${harness.port}`;
    const receiver = await httpsReceiver(db, [origin]);
    try {
      await inContext(harness, page(receiver.url), async ({page, log}) => {
        await visit(page, harness.url('dimelo'));
        await clickButton(page, 'reject-all');
        assert.ok(
          await until(async () => ((await countRows(db)).record ?? 0) === 1),
          `no record stored; the receiver saw ${JSON.stringify(receiver.seen)}; ${log.errors.join('\n')}`
        );
        const consent = await page.evaluate(() => window.consentBanner.consent);
        const raw = await rawDatabase(db);
        const [{body}] = await raw.query('SELECT body FROM consent_records');
        await raw.close();
        assert.deepEqual(JSON.parse(body), {v: 1, ...consent});
        assert.deepEqual(receiver.seen, [
          ['OPTIONS', origin],
          ['POST', origin],
        ]);
        assert.deepEqual(log.errors, []);
      });
    } finally {
      await receiver.close();
    }
  });

  it('refuses a beacon from an origin it does not list at the preflight: nothing is posted, nothing stored, the page works', async () => {
    const db = join(dir, 'unlisted.sqlite');
    const receiver = await httpsReceiver(db, ['https://www.dimelo.com']);
    try {
      await inContext(harness, page(receiver.url), async ({page}) => {
        await visit(page, harness.url('dimelo'));
        await clickButton(page, 'accept-all');
        assert.ok(await until(() => receiver.seen.length > 0));
        await new Promise((resolve) => setTimeout(resolve, 300));
        assert.deepEqual(receiver.seen, [['OPTIONS', `http://dimelo.test:${harness.port}`]]);
        assert.deepEqual(await countRows(db), {});
        assert.ok((await page.evaluate(() => window.__ran ?? [])).includes('google-analytics'));
      });
    } finally {
      await receiver.close();
    }
  });

  it('serves the stats page with its chart behind CONSENT_RECORDS_TOKEN (Basic or Bearer), 401 without it, closed without a token', async () => {
    const db = join(dir, 'stats.sqlite');
    const store = await RecordStore.open(db, {create: true});
    const list = [];
    for (const [i, day] of ['2026-11-20', '2026-11-21', '2026-11-22'].entries()) {
      for (let n = 0; n < 3; n++) {
        const yes = n <= i;
        list.push(
          record({
            now: new Date(`${day}T10:00:0${n}.000Z`),
            method: yes ? 'accept-all' : 'reject-all',
            choice: {categories: {performance: yes, advertising: yes, social: yes}},
          })
        );
      }
    }
    await store.append(list);
    await store.close();
    const token = 'stats-token-7f3a';
    const serve = await startServe(db, [], {env: {CONSENT_RECORDS_TOKEN: token}});
    try {
      assert.equal((await fetch(`${serve.url}/stats`)).status, 401);
      assert.equal((await fetch(`${serve.url}/stats`, {headers: {authorization: 'Bearer wrong'}})).status, 401);
      assert.match((await fetch(`${serve.url}/stats`)).headers.get('www-authenticate'), /^Basic realm="consent records"/);
      const json = await (await fetch(`${serve.url}/stats.json?by=day`, {headers: {authorization: `Bearer ${token}`}})).json();
      assert.deepEqual(
        json.total.purposes.map((p) => [p.purpose, p.answers, p.yes]),
        [
          ['advertising', 9, 6],
          ['performance', 9, 6],
          ['social', 9, 6],
        ]
      );
      await inContext(harness, {}, async ({page, log}) => {
        await page.authenticate({username: 'marketing', password: token});
        const response = await page.goto(`${serve.url}/stats?by=day`, {waitUntil: 'load'});
        assert.equal(response.status(), 200);
        await page.waitForSelector('body[data-ready="true"]', {timeout: 10_000});
        const shown = await page.evaluate(() => ({
          summary: document.getElementById('summary').textContent,
          purposes: [...document.querySelectorAll('#purposes tbody tr')].map((tr) => [...tr.cells].map((td) => td.textContent)),
          methods: [...document.querySelectorAll('#methods tbody tr')].map((tr) => [...tr.cells].map((td) => td.textContent)),
          labels: Chart.getChart('chart').data.labels,
          lines: Chart.getChart('chart').data.datasets.map((d) => [d.label, d.data]),
          // The canvas holds a drawing: some pixel is not blank.
          drawn: (() => {
            const canvas = document.getElementById('chart');
            const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
            return data.some((value, i) => i % 4 === 3 && value > 0);
          })(),
        }));
        assert.equal(shown.summary, '9 decision(s).');
        assert.deepEqual(shown.purposes[1], ['performance', '9', '6', '3', '66.7 %']);
        assert.deepEqual(shown.methods, [
          ['accept-all', '6', '66.7 %'],
          ['reject-all', '3', '33.3 %'],
        ]);
        assert.deepEqual(shown.labels, ['2026-11-20', '2026-11-21', '2026-11-22']);
        assert.deepEqual(shown.lines[1], ['performance', [33.3, 66.7, 100]]);
        assert.ok(shown.drawn, 'the chart is blank');
        // Everything came from the receiver itself, under its Content-Security-Policy, without a complaint.
        assert.deepEqual(log.errors, []);
        // (Chromium's own data: URLs aside: the date inputs' icons.)
        const fetched = log.requests.filter((path) => path.startsWith('/'));
        assert.deepEqual(fetched.sort(), ['/stats', '/stats.json', '/stats/chart.js', '/stats/stats.css', '/stats/stats.js']);
      });
    } finally {
      await serve.stop();
    }
    const closed = await startServe(db, [], {env: {CONSENT_RECORDS_TOKEN: ''}});
    try {
      const response = await fetch(`${closed.url}/stats`, {headers: {authorization: `Bearer ${token}`}});
      assert.equal(response.status, 403);
      assert.match(await response.text(), /closed: start the receiver with CONSENT_RECORDS_TOKEN/);
    } finally {
      await closed.stop();
    }
    assert.equal((await cli(['records', 'verify', '--db', db])).code, 0);
  });
});
