// The demo's record receiver, beside `npm start` (web-dev-server.config.mjs): the same handler
// `consent-banner records serve` runs, on this server's origin, so that Dimelo's decisions are
// kept and counted as a site owner's would be. Under `npm start` only:
//   - /demo/dimelo/cookie-manifest.json is served with `"log": {"url": "/records"}` added (the file
//     itself stays as the tests and the studio know it), and that manifest is published to the
//     receiver, so `records verify` knows what the visitors saw;
//   - POST /records stores in a SQLite file in the temporary folder (CONSENT_RECORDS_DB to choose
//     another, or a postgres:// URL), and /stats shows the consent rates; its password is
//     CONSENT_RECORDS_TOKEN, "demo" unless set (the demo index says so).
// dist/ is built by `npm start` before the server starts: it is read at the first request.
import {readFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';

const DIMELO = '/demo/dimelo/cookie-manifest.json';

export function recordsDemo({
  db = process.env.CONSENT_RECORDS_DB || join(tmpdir(), 'consent-banner-demo-records.sqlite'),
  token = process.env.CONSENT_RECORDS_TOKEN || 'demo',
} = {}) {
  let ready;
  const start = async () => {
    const {createRecordsHandler, createStatsHandler, nodeListener, RecordStore} = await import('../dist/records.js');
    const {checkManifest, manifestHash} = await import('../dist/core/index.js');
    const text = await readFile(new URL(`..${DIMELO}`, import.meta.url), 'utf8');
    const manifest = {...JSON.parse(text), log: {url: '/records'}};
    const store = await RecordStore.open(db, {create: true});
    const checked = checkManifest(manifest);
    if (checked.ok) await store.publish(manifestHash(checked.manifest), JSON.stringify(manifest));
    const records = createRecordsHandler({db: store});
    const stats = createStatsHandler({db: store, token});
    const listener = nodeListener((request, info) =>
      new URL(request.url).pathname === '/records' ? records(request, info) : stats(request)
    );
    console.log(
      `Dimelo's consent records: ${db}; consent rates at /stats (password: ${token === 'demo' ? 'demo' : 'CONSENT_RECORDS_TOKEN'})`
    );
    return {manifest, listener};
  };
  return async function consentRecords(context, next) {
    const {path} = context;
    const ours = path === DIMELO || path === '/records' || path === '/stats' || path === '/stats.json' || path.startsWith('/stats/');
    if (!ours) return next();
    let demo;
    try {
      demo = await (ready ??= start());
    } catch (error) {
      ready = undefined;
      context.status = 503;
      context.body = `The demo's record receiver cannot start: ${error.message}`;
      return undefined;
    }
    if (path === DIMELO) {
      context.type = 'json';
      context.body = JSON.stringify(demo.manifest, null, 2);
      return undefined;
    }
    context.respond = false;
    await new Promise((resolve) => {
      context.res.once('close', resolve);
      demo.listener(context.req, context.res);
    });
    return undefined;
  };
}
