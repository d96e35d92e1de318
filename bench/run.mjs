#!/usr/bin/env node
/*
 * `npm run bench`: consent-banner beside the best-known peers, in headless Chromium (the system
 * browser: CHROME_PATH, else /usr/bin/chromium). See bench/README.md for what is measured and how.
 *
 *   npm run bench                     the full run (15 interleaved runs each), writes bench/RESULTS.md
 *   npm run bench -- --runs 25        more runs
 *   npm run bench -- --quick          a smoke run (3 runs each); prints, writes nothing
 *   npm run bench -- --setups consent-banner,vanilla-cookieconsent   only these (prints, writes nothing)
 *   npm run bench -- --out file.md    write the table there instead
 *   npm run bench -- --raw run.json   also keep the raw measurements; --render run.json re-renders them
 *   npm run bench -- --serve          serve the bench pages to look at them by hand
 */
import {execFileSync} from 'node:child_process';
import {existsSync, readdirSync, readFileSync, writeFileSync} from 'node:fs';
import os from 'node:os';
import {join} from 'node:path';
import {parseArgs} from 'node:util';
import puppeteer from 'puppeteer-core';
import {ROOT, startServer} from './server.mjs';
import {BLANK, REFERENCE, SCENARIO_LABELS, SCENARIOS, SETUPS} from './setups.mjs';
import {kib, sizes} from './sizes.mjs';

const {values: options} = parseArgs({
  options: {
    runs: {type: 'string'},
    quick: {type: 'boolean', default: false},
    setups: {type: 'string'},
    out: {type: 'string'},
    serve: {type: 'boolean', default: false},
    raw: {type: 'string'},
    render: {type: 'string'},
    help: {type: 'boolean', short: 'h', default: false},
  },
});

if (options.help) {
  const usage = readFileSync(new URL(import.meta.url), 'utf8')
    .split('\n')
    .slice(2, 13);
  console.log(usage.map((line) => line.replace(/^ \*\/? ?/, '')).join('\n'));
  process.exit(0);
}

const RUNS = Number(options.runs ?? (options.quick ? 3 : 15));
if (!Number.isInteger(RUNS) || RUNS < 1) {
  console.error(`bench: --runs wants a whole number above 0, not "${options.runs}"`);
  process.exit(2);
}
const RATES = [1, 4];
const QUIET_MS = 300; // the page counts as settled after this long with no request and no probe report
const TIMEOUT_MS = 15_000;
const OURS = 'consent-banner';
const TRACKERS = ['analytics', 'ads'];
const LIT_MARK = /lit(Html|Element)Versions/; // Lit registers its version under these names: a file holding them carries Lit

/*
 * Our files: the drop-in (the loader) and what it fetches from beside itself, only when needed
 * (README "Drop it in"): the session, the recorder, Consent Mode, the log, the views (the first
 * layer, the embeds' placeholders, the preferences with the declaration, the re-open control),
 * and the words, two files per language (the first layer's and the re-open control's; the other
 * views'), each fetched beside the view that needs it.
 */
const OUR_FILE =
  /^consent-banner(?:-(session|check|recorder|mode|log|first-layer|embeds|preferences|reopen|words|other-words))?(?:\.([a-z]{2,3}(?:-[A-Za-z0-9]+)?))?\.min\.js$/;
const KINDS = [
  'loader',
  'session',
  'check',
  'recorder',
  'mode',
  'log',
  'first-layer',
  'embeds',
  'preferences',
  'reopen',
  'words',
  'other-words',
];
const KIND_TEXT = {
  loader: 'every page: the stored choice, the script gate',
  session: 'something is to be decided or shown: the full manifest check, the views drawn',
  check: 'a manifest refused: the full check with the messages that name the problem',
  recorder: 'a choice is reached for (a pointer over the banner, focus in it) or made: the decisions',
  mode: 'a manifest with Google Consent Mode, before anything runs',
  log: 'a manifest with log.url, with the recorder',
  'first-layer': 'the banner (first layer): plain DOM, no Lit',
  embeds: 'a blocked embed: its placeholder',
  preferences: 'the preferences and the declaration: lit-html',
  reopen: 'the reopen attribute, once the visitor answered',
  words: 'the words of the first layer and the re-open control in one language, beside the first view shown',
  'other-words': 'the words of the other views in one language, beside the preferences or a placeholder',
};
/** Which of our files each scenario should fetch, by kind. */
const EXPECTED = {
  first: ['loader', 'session', 'first-layer', 'words'],
  returning: ['loader'],
  noBanner: ['loader'],
  preferences: ['loader', 'session', 'first-layer', 'words', 'preferences', 'other-words', 'recorder'],
};
/** Issue 12's ceilings, in brotli bytes. */
const FIRST_VISIT_BYTES = 11_000;
const NO_BANNER_BYTES = 3_000;

/** `{name, kind, language}` of one of our files in `dist/` (a URL path or a file name), else null. */
function ourFile(path) {
  const name = path.replace(/^\/dist\//, '');
  const match = OUR_FILE.exec(name);
  return match ? {name, kind: match[1] ?? 'loader', language: match[2] ?? null} : null;
}

/** Every `dist/consent-banner*.min.js`, with its sizes and whether it carries Lit. */
function distFiles() {
  return readdirSync(join(ROOT, 'dist'))
    .map(ourFile)
    .filter(Boolean)
    .map((file) => {
      const body = readFileSync(join(ROOT, 'dist', file.name));
      return {...file, ...sizes(body), lit: LIT_MARK.test(body.toString('latin1'))};
    })
    .sort((a, b) => KINDS.indexOf(a.kind) - KINDS.indexOf(b.kind) || (a.language ?? '').localeCompare(b.language ?? ''));
}

const chosen = options.setups ? options.setups.split(',').map((s) => s.trim()) : SETUPS.map((s) => s.id);
for (const id of chosen) {
  if (!SETUPS.some((s) => s.id === id)) {
    console.error(`bench: no setup "${id}"; the setups are ${SETUPS.map((s) => s.id).join(', ')}`);
    process.exit(2);
  }
}
const setups = SETUPS.filter((s) => chosen.includes(s.id));
const partial = Boolean(options.setups) && setups.length < SETUPS.length;
const outFile = options.out ?? (options.quick || partial || options.render ? null : join(ROOT, 'bench/RESULTS.md'));

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/* ------------------------------------------------------------------- the in-page probe ------ */

/**
 * Injected before any page script (evaluateOnNewDocument). It finds the first frame with the
 * setup's banner on screen: a box of its own inside the viewport, `visibility: visible`, and the
 * product of its and its ancestors' opacities (across shadow roots) above 0. It sums layout
 * shifts. Reports go to Node through a CDP binding, not by polling the page.
 *
 * It must cost next to nothing, or it would show in the script time: a requestAnimationFrame
 * loop alone costs tens of ms over a page's life at 4× CPU. So it looks only after something
 * changed: a MutationObserver on the document and on every shadow root (attachShadow is wrapped
 * to observe each new one) schedules one check at the next frame; while the banner's element
 * exists but is not visible yet (a fade-in, a delay), it checks every frame; once the banner is
 * visible, it stops. The blank page's script time is the probe's cost.
 */
function probe(findBanner, findPreferences) {
  const report = (message) => {
    if (typeof window.__benchReport === 'function') window.__benchReport(JSON.stringify(message));
  };
  let cls = 0;
  let visibleAt = null;
  try {
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) cls += entry.value;
    }).observe({type: 'layout-shift', buffered: true});
  } catch {
    cls = NaN;
  }
  const shown = (element) => {
    const box = element.getBoundingClientRect();
    if (box.width < 1 || box.height < 1) return false;
    if (box.bottom <= 0 || box.right <= 0 || box.top >= innerHeight || box.left >= innerWidth) return false;
    if (getComputedStyle(element).visibility !== 'visible') return false;
    let opacity = 1;
    for (let node = element; node; node = node.parentElement ?? node.getRootNode().host) {
      const style = getComputedStyle(node);
      if (style.display === 'none') return false;
      opacity *= Number(style.opacity);
    }
    return opacity > 0;
  };
  /** Checks at the next frame, and every frame after while the element exists but is hidden. */
  const watcher = (find, done) => {
    let scheduled = false;
    let finished = false;
    const tick = () => {
      scheduled = false;
      if (finished) return;
      let element = null;
      try {
        element = find();
        if (element && shown(element)) {
          finished = true;
          done(performance.now());
          return;
        }
      } catch {
        element = null;
      }
      if (element) schedule();
    };
    const schedule = () => {
      if (finished || scheduled) return;
      scheduled = true;
      requestAnimationFrame(tick);
    };
    return {schedule, finished: () => finished};
  };
  const observer = new MutationObserver(() => banner.schedule());
  const banner = watcher(findBanner, (t) => {
    observer.disconnect();
    visibleAt = t;
    report({type: 'visible', t});
  });
  const options = {childList: true, subtree: true, attributes: true};
  observer.observe(document, options);
  const attachShadow = Element.prototype.attachShadow;
  Element.prototype.attachShadow = function (init) {
    const root = attachShadow.call(this, init);
    if (!banner.finished()) observer.observe(root, options);
    return root;
  };
  banner.schedule();
  Object.defineProperty(window, '__benchProbe', {
    value: {
      summary: () => ({cls, visibleAt}),
      /**
       * Calls `open` and resolves with `ms`, the time until the first frame that shows the
       * preferences, and `services`, how many service switches that frame holds (ours draws a
       * category's services only once it is unfolded: src/ui/preferences-view.ts).
       */
      openPreferences: (open) =>
        new Promise((resolve) => {
          const t0 = performance.now();
          const tick = () => {
            const element = findPreferences();
            if (element && shown(element)) {
              const ms = performance.now() - t0;
              resolve({ms, services: element.querySelectorAll('input[data-service]').length});
            } else requestAnimationFrame(tick);
          };
          open();
          requestAnimationFrame(tick);
        }),
    },
  });
}

const probeSource = (setup) => `(${probe})(${setup.banner}, ${setup.preferences ? setup.preferences : '() => null'});`;

/* ------------------------------------------------------------------- one visit -------------- */

/**
 * Opens a fresh browser context (no cookies, no cache) and a tab in it, with the probe, CPU
 * throttling and request capture; `visit.go()` then sets the job's cookies and loads the page.
 */
async function prepare(browser, server, {setup, scenario, rate, cookies}) {
  const context = await browser.createBrowserContext();
  const page = await context.newPage();
  await page.setViewport({width: 1280, height: 720});
  const session = await page.createCDPSession();
  // A second session reads the same counters in thread CPU time: the machine's other load does
  // not inflate those, while it does inflate wall-clock script time.
  const cpuSession = await page.createCDPSession();
  const visit = {
    context,
    page,
    session,
    cpuSession,
    url: server.url(setup.id, scenario),
    reports: [],
    requests: [],
    bodies: [],
    inflight: 0,
    lastActivity: Date.now(),
    visible: () => visit.reports.find((r) => r.type === 'visible'),
    trackersRan: () => TRACKERS.every((id) => visit.reports.some((r) => r.type === 'tracker' && r.id === id)),
    trackerRequests: () => visit.requests.filter((r) => new URL(r.url).hostname === 'trackers.test'),
    async until(predicate, timeout = TIMEOUT_MS) {
      const deadline = Date.now() + timeout;
      while (!predicate() && Date.now() < deadline) await sleep(20);
      return predicate();
    },
    /** Waits until nothing was requested, finished or reported for QUIET_MS. */
    quiet: (timeout = TIMEOUT_MS) => visit.until(() => visit.inflight === 0 && Date.now() - visit.lastActivity >= QUIET_MS, timeout),
    close: () => context.close(),
  };
  session.on('Runtime.bindingCalled', ({name, payload}) => {
    if (name !== '__benchReport') return;
    visit.reports.push(JSON.parse(payload));
    visit.lastActivity = Date.now();
  });
  const isData = (request) => request.url().startsWith('data:');
  page.on('request', (request) => {
    if (isData(request)) return;
    visit.inflight++;
    visit.lastActivity = Date.now();
    visit.requests.push({url: request.url(), type: request.resourceType()});
  });
  page.on('requestfinished', (request) => {
    if (isData(request)) return;
    visit.inflight--;
    visit.lastActivity = Date.now();
    const response = request.response();
    visit.bodies.push(
      (response ? response.buffer() : Promise.resolve(Buffer.alloc(0)))
        .then((body) => ({url: request.url(), type: request.resourceType(), status: response?.status(), body}))
        .catch(() => ({url: request.url(), type: request.resourceType(), status: response?.status(), body: Buffer.alloc(0)}))
    );
  });
  page.on('requestfailed', (request) => {
    if (isData(request)) return;
    visit.inflight--;
    visit.lastActivity = Date.now();
  });
  await session.send('Runtime.enable');
  await session.send('Runtime.addBinding', {name: '__benchReport'});
  await session.send('Performance.enable', {timeDomain: 'timeTicks'});
  await cpuSession.send('Performance.enable', {timeDomain: 'threadTicks'});
  await session.send('Emulation.setCPUThrottlingRate', {rate});
  await page.evaluateOnNewDocument(probeSource(setup));
  visit.go = async () => {
    if (cookies?.length) await context.setCookie(...cookies);
    await page.goto(visit.url, {waitUntil: 'load', timeout: 30_000});
    return visit;
  };
  return visit;
}

/** prepare() and go(): a live visit of the job's page. */
const open = async (browser, server, job) => (await prepare(browser, server, job)).go();

const metricsOf = async (session) =>
  Object.fromEntries((await session.send('Performance.getMetrics')).metrics.map((m) => [m.name, m.value]));

/** What the consent tool downloaded: everything but the page itself and the trackers. */
async function downloads(visit) {
  const responses = await Promise.all(visit.bodies);
  const tool = responses.filter((r) => r.url !== visit.url && new URL(r.url).hostname !== 'trackers.test');
  const sum = (list) =>
    list
      .map((r) => sizes(r.body))
      .reduce((a, b) => ({raw: a.raw + b.raw, gzip: a.gzip + b.gzip, brotli: a.brotli + b.brotli}), {raw: 0, gzip: 0, brotli: 0});
  const code = tool.filter((r) => r.type === 'script' || r.type === 'stylesheet');
  const other = tool.filter((r) => !code.includes(r));
  return {
    code: sum(code),
    other: sum(other),
    files: tool.map((r) => {
      const {pathname} = new URL(r.url);
      return {path: pathname, type: r.type, status: r.status, ...sizes(r.body), lit: LIT_MARK.test(r.body.toString('latin1'))};
    }),
    lit: tool.some((r) => LIT_MARK.test(r.body.toString('latin1'))),
  };
}

/**
 * One timed run of a prepared visit: loads the page, waits for what the scenario expects, then
 * reads the metrics. `measured()` is called once the timings are read, so the caller can open
 * the next tab (a new renderer process takes seconds on a busy machine) while the heap is read.
 */
async function measure(visit, job, measured = () => {}) {
  try {
    await visit.go();
    if (job.expect === 'banner') await visit.until(() => visit.visible());
    if (job.expect === 'trackers') await visit.until(() => visit.trackersRan());
    await visit.quiet();
    const metrics = await metricsOf(visit.session);
    const cpu = await metricsOf(visit.cpuSession);
    const summary = await visit.page.evaluate(() => window.__benchProbe.summary());
    const record = {
      visible: visit.visible()?.t ?? null,
      script: metrics.ScriptDuration * 1000,
      scriptCpu: cpu.ScriptDuration * 1000,
      cls: summary.cls,
      requests: visit.requests.length,
      trackerRequests: job.scenario === 'returning' ? null : visit.trackerRequests().length,
      trackersAt: visit.trackersRan() ? Math.max(...visit.reports.filter((r) => r.type === 'tracker').map((r) => r.t)) : null,
    };
    if (job.scenario === 'preferences') {
      const opened = await Promise.race([
        visit.page.evaluate(() => window.__benchProbe.openPreferences(() => window.consentBanner.showPreferences())),
        sleep(TIMEOUT_MS).then(() => null),
      ]);
      record.preferences = opened?.ms ?? null;
      record.servicesDrawn = opened?.services ?? null;
    }
    measured();
    await visit.session.send('HeapProfiler.collectGarbage');
    record.heap = (await metricsOf(visit.session)).JSHeapUsedSize;
    Object.assign(record, await downloads(visit));
    return record;
  } finally {
    await visit.close();
  }
}

/* ------------------------------------------------------------------- the checks ------------- */

/**
 * Before timing anything, checks each setup does its job on this page, the way a visitor would
 * see it: the banner shows on a first visit with no tracker requested, "accept all" (a real click)
 * runs both trackers, the stored choice brings no banner and runs them at once, and whether a
 * banner shows on the no-banner site. Also gives the cookies the returning visitor replays.
 */
async function check(browser, server, setup) {
  const result = {};
  let visit = await open(browser, server, {setup, scenario: 'first', rate: 1});
  try {
    result.banner = await visit.until(() => visit.visible());
    await visit.quiet();
    result.trackersBeforeConsent = visit.trackerRequests().length;
    // tarteaucitron ignores a click made before it is ready: retry, as a visitor would.
    result.acceptClicks = 0;
    result.accepted = false;
    for (let attempt = 0; attempt < 5 && result.banner && !result.accepted; attempt++) {
      result.acceptClicks++;
      try {
        await setup.accept(visit.page);
      } catch (error) {
        result.acceptError = String(error.message ?? error);
      }
      result.accepted = await visit.until(() => visit.trackersRan(), 2000);
    }
    await visit.quiet();
    result.cookies = (await visit.page.cookies()).map(({name, value, domain, path, expires, sameSite, secure, httpOnly}) => ({
      name,
      value,
      domain,
      path,
      expires,
      sameSite,
      secure,
      httpOnly,
    }));
  } finally {
    await visit.close();
  }

  visit = await open(browser, server, {setup, scenario: 'returning', rate: 1, cookies: result.cookies});
  try {
    result.returningTrackers = await visit.until(() => visit.trackersRan(), 5000);
    await visit.quiet();
    await sleep(1000);
    result.returningBanner = Boolean(visit.visible());
  } finally {
    await visit.close();
  }

  visit = await open(browser, server, {setup, scenario: 'noBanner', rate: 1});
  try {
    await visit.quiet();
    await sleep(1500);
    result.noBannerBanner = Boolean(visit.visible());
    result.noBannerTrackers = visit.trackerRequests().length;
  } finally {
    await visit.close();
  }
  return result;
}

/* ------------------------------------------------------------------- statistics ------------- */

function stat(values) {
  const v = values.filter((x) => typeof x === 'number' && Number.isFinite(x)).sort((a, b) => a - b);
  if (!v.length) return null;
  const mid = Math.floor(v.length / 2);
  return {median: v.length % 2 ? v[mid] : (v[mid - 1] + v[mid]) / 2, min: v[0], max: v.at(-1), n: v.length};
}

/** A seeded shuffle, so a run's order can be told again. */
function shuffle(list, seed) {
  let s = seed >>> 0;
  const random = () => (s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32;
  const out = [...list];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/* ------------------------------------------------------------------- formatting ------------- */

const ms = (x) => (x < 10 ? x.toFixed(1) : Math.round(x).toString());
const ratio = (a, b) => (a == null || b == null || !b ? '' : ` · ${(a / b).toFixed(2)}×`);
const bare = (text) => text.replace(/ (ms|KiB)$/, '');
const span = (s, fmt) => (s.min === s.max ? '' : ` (${bare(fmt(s.min))}–${bare(fmt(s.max))})`);

function cell(s, fmt, reference) {
  if (!s) return '—';
  return `${fmt(s.median)}${span(s, fmt)}${reference === undefined ? '' : ratio(s.median, reference?.median)}`;
}

function table(header, rows) {
  return [
    `| ${header.join(' | ')} |`,
    `|${header.map((_, i) => (i ? ' ---: ' : ' --- ')).join('|')}|`,
    ...rows.map((r) => `| ${r.join(' | ')} |`),
  ].join('\n');
}

/* ------------------------------------------------------------------- main ------------------- */

async function launch() {
  return puppeteer.launch({
    executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
    headless: true,
    args: [
      ...(runsAsRoot() ? ['--no-sandbox'] : []),
      '--disable-dev-shm-usage',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-default-apps',
      '--disable-extensions',
      '--no-first-run',
      '--mute-audio',
      '--host-resolver-rules=MAP *.test 127.0.0.1',
    ],
  });
}

async function serve() {
  const server = await startServer();
  console.log('Bench pages (the host names need `--host-resolver-rules=MAP *.test 127.0.0.1` in the browser):');
  for (const setup of SETUPS) for (const scenario of SCENARIOS) console.log(`  ${server.url(setup.id, scenario)}`);
  console.log(`  ${server.url(OURS, 'preferences')}\n  ${server.url(BLANK.id, 'first')}`);
  console.log(
    `Or on this machine: http://127.0.0.1:${server.port}/bench/pages/<setup>/<scenario>.html (trackers then fail to load). Ctrl-C stops.`
  );
}

async function main() {
  if (options.serve) return serve();
  if (options.render) return rerender(options.render);
  if (!existsSync(join(ROOT, 'dist/consent-banner.min.js'))) {
    console.error('bench: dist/consent-banner.min.js is missing: run `npm run build` first (`npm run bench` does).');
    process.exit(2);
  }
  const startedAt = new Date();
  const loadBefore = os.loadavg();
  const server = await startServer();
  const browser = await launch();
  const version = await browser.version();
  const log = (line) => process.stdout.write(`${line}\n`);
  const checksFrom = Date.now();
  const elapsed = () => `${Math.round((Date.now() - startedAt) / 1000)} s`;

  log(`bench: ${setups.map((s) => s.id).join(', ')} + blank; ${RUNS} interleaved runs each at ${RATES.join('× and ')}× CPU; ${version}`);

  // 1. Checks (also a warm-up: the first loads of a fresh browser are slow).
  const checks = {};
  for (const setup of setups) {
    checks[setup.id] = await check(browser, server, setup);
    const c = checks[setup.id];
    log(
      `check ${setup.id}: banner ${c.banner ? 'shown' : 'NOT SHOWN'}, ${c.trackersBeforeConsent} tracker request(s) before consent, ` +
        `accept all ${c.accepted ? `ran both trackers (${c.acceptClicks} click${c.acceptClicks > 1 ? 's' : ''})` : 'DID NOT RUN THEM'}, ` +
        `returning: ${c.returningBanner ? 'BANNER AGAIN' : 'no banner'}, trackers ${c.returningTrackers ? 'ran' : 'DID NOT RUN'}; ` +
        `no-banner site: ${c.noBannerBanner ? 'banner shown anyway' : 'no banner'}`
    );
  }

  log(`checks took ${Math.round((Date.now() - checksFrom) / 1000)} s`);

  // 2. Timed runs, interleaved: each round runs every job once, in a shuffled order.
  const jobs = [];
  for (const rate of RATES) {
    jobs.push({setup: BLANK, scenario: 'first', rate});
    for (const setup of setups) {
      const c = checks[setup.id];
      jobs.push({setup, scenario: 'first', rate, expect: c.banner ? 'banner' : null});
      jobs.push({setup, scenario: 'returning', rate, cookies: c.cookies, expect: c.returningTrackers ? 'trackers' : null});
      jobs.push({setup, scenario: 'noBanner', rate, expect: c.noBannerBanner ? 'banner' : null});
      // The 500-service target is at 4× CPU only: 1× would add 15 page loads for no target.
      if (setup.preferencesPage && rate === 4) jobs.push({setup, scenario: 'preferences', rate, expect: 'banner'});
    }
  }
  const results = new Map(jobs.map((j) => [j, []]));
  const failures = [];
  const order = [];
  for (let round = 1; round <= RUNS; round++) order.push(...shuffle(jobs, round * 7919).map((job) => ({job, round})));
  const timedFrom = Date.now();
  const begin = (i) => (i < order.length ? prepare(browser, server, order[i].job).catch((error) => error) : null);
  let next = begin(0);
  for (let i = 0; i < order.length; i++) {
    const {job, round} = order[i];
    const visit = await next;
    let started = false;
    const startNext = () => {
      if (!started) next = begin(i + 1);
      started = true;
    };
    try {
      if (visit instanceof Error) throw visit;
      results.get(job).push(await measure(visit, job, startNext));
    } catch (error) {
      failures.push(`${job.setup.id} ${job.scenario} ${job.rate}×: ${error.message ?? error}`);
    } finally {
      startNext();
    }
    if (order[i + 1]?.round !== round) {
      const perJob = (Date.now() - timedFrom) / 1000 / (i + 1);
      log(
        `round ${round}/${RUNS} done (${elapsed()}; ${perJob.toFixed(1)} s a page load, about ${Math.round((perJob * (order.length - i - 1)) / 60)} min to go)`
      );
    }
  }
  await browser.close();
  await server.close();

  const cpu = os.cpus();
  const data = {
    meta: {
      startedAt: startedAt.toISOString(),
      minutes: Math.round((Date.now() - startedAt) / 60000),
      commit: commitOf(),
      cpu: cpu[0]?.model.trim() ?? 'unknown CPU',
      cores: cpu.length,
      memoryGiB: Number((os.totalmem() / 2 ** 30).toFixed(1)),
      os: `${os.type()} ${os.release()}`,
      browser: version,
      sandbox: !runsAsRoot(),
      puppeteer: JSON.parse(readFileSync(join(ROOT, 'node_modules/puppeteer-core/package.json'), 'utf8')).version,
      node: process.version,
      runs: RUNS,
      rates: RATES,
      loadBefore,
      loadAfter: os.loadavg(),
    },
    setups: setups.map((s) => s.id),
    distFiles: distFiles(),
    checks,
    runs: jobs.map((j) => ({setup: j.setup.id, scenario: j.scenario, rate: j.rate, records: results.get(j)})),
    failures,
  };
  if (options.raw) writeFileSync(options.raw, JSON.stringify(data));
  publish(render(data));
}

function runsAsRoot() {
  return typeof process.getuid === 'function' && process.getuid() === 0;
}

function commitOf() {
  try {
    const head = execFileSync('git', ['rev-parse', '--short', 'HEAD'], {cwd: ROOT, encoding: 'utf8'}).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--', 'src'], {cwd: ROOT, encoding: 'utf8'}).trim();
    return `${head}${dirty ? ' (with uncommitted changes in src/)' : ''}`;
  } catch {
    return 'unknown';
  }
}

function publish(report) {
  process.stdout.write(`\n${report}`);
  if (outFile) {
    writeFileSync(outFile, report);
    process.stdout.write(`bench: wrote ${outFile}\n`);
  }
}

/** The markdown report of a run's raw data (also `--render raw.json`, to re-render without a browser). */
function render(data) {
  const {meta, checks, failures} = data;
  const RATES = meta.rates;
  const setups = data.setups.map((id) => SETUPS.find((s) => s.id === id));
  const runsOf = (id, scenario, rate) => data.runs.find((r) => r.setup === id && r.scenario === scenario && r.rate === rate)?.records ?? [];

  const S = (id, scenario, rate, pick) => stat(runsOf(id, scenario, rate).map(pick));
  const blankHeap = Object.fromEntries(RATES.map((rate) => [rate, S(BLANK.id, 'first', rate, (r) => r.heap)?.median ?? 0]));
  const heapOver = (rate) => (r) => r.heap - blankHeap[rate];
  const ref = setups.some((s) => s.id === REFERENCE) ? REFERENCE : null;
  const withRef = (id, scenario, rate, pick) => [S(id, scenario, rate, pick), ref ? S(ref, scenario, rate, pick) : null];
  const fmtMs = (x) => `${ms(x)} ms`;
  const fmtKiB = (x) => kib(x);
  const fmtCls = (x) => x.toFixed(3);
  const fmtCount = (x) => String(Math.round(x));
  const refCell = (id, scenario, rate, pick, fmt) => {
    const [s, r] = withRef(id, scenario, rate, pick);
    return cell(s, fmt, ref ? r : undefined);
  };
  const bytesCells = (id, scenario) => [
    id === BLANK.id
      ? cell(
          S(id, scenario, 4, (r) => r.code.brotli),
          fmtKiB
        )
      : refCell(id, scenario, 4, (r) => r.code.brotli, fmtKiB),
    cell(
      S(id, scenario, 4, (r) => r.code.gzip),
      fmtKiB
    ),
    cell(
      S(id, scenario, 4, (r) => r.code.raw),
      fmtKiB
    ),
    cell(
      S(id, scenario, 4, (r) => r.other.brotli),
      fmtKiB
    ),
    cell(
      S(id, scenario, 4, (r) => r.requests),
      fmtCount
    ),
  ];
  const bytesHeader = ['JS+CSS brotli', 'gzip', 'raw', 'other (JSON…), brotli', 'requests'];
  const label = (setup) => (setup.id === OURS ? `**${setup.label}**` : setup.label);
  const fmtBytes = (x) => `${Math.round(x).toLocaleString('en-US')} B`;
  const allRuns = (id, scenario) => RATES.flatMap((rate) => runsOf(id, scenario, rate));

  /** Whether `file` is the manifest the scenario's page names (bench/setups.mjs): issue 12 leaves it out. */
  const isManifest = (id, scenario, file) => file.path === SETUPS.find((s) => s.id === id)?.manifest?.(scenario);
  const brotliOf = (files) => files.reduce((sum, f) => sum + f.brotli, 0);
  /** Brotli bytes of every JS and CSS file a run fetched, the manifest excluded. */
  const codeBytes = (id, scenario) => (r) =>
    brotliOf(r.files.filter((f) => (f.type === 'script' || f.type === 'stylesheet') && !isManifest(id, scenario, f)));
  /** Brotli bytes of all a run fetched (the page and the trackers aside), the manifest excluded. */
  const allBytes = (id, scenario) => (r) => brotliOf(r.files.filter((f) => !isManifest(id, scenario, f)));

  /**
   * Our files that a scenario's runs fetched (at both rates): each with its brotli bytes, whether
   * it carries Lit, and in how many runs; `expected` is whether every run fetched exactly the
   * kinds of EXPECTED[scenario].
   */
  const fetchedOf = (scenario) => {
    const runs = allRuns(OURS, scenario);
    const byName = new Map();
    let expected = runs.length > 0;
    for (const run of runs) {
      const names = new Set();
      for (const f of run.files) {
        const file = ourFile(f.path);
        if (!file || names.has(file.name)) continue;
        names.add(file.name);
        const entry = byName.get(file.name) ?? {...file, brotli: f.brotli, lit: f.lit, runs: 0};
        entry.runs++;
        byName.set(file.name, entry);
      }
      const got = [...new Set([...names].map((name) => ourFile(name).kind))].sort().join();
      if (got !== [...EXPECTED[scenario]].sort().join()) expected = false;
    }
    const files = [...byName.values()].sort((a, b) => KINDS.indexOf(a.kind) - KINDS.indexOf(b.kind));
    const partly = (f) => (f.runs < runs.length ? ` (${f.runs}/${runs.length} runs)` : '');
    return {
      runs: runs.length,
      files,
      expected,
      lit: files.some((f) => f.lit),
      /** "2: `a.js` 1,234 B, `b.js` 567 B" (`sized`), or the names only. */
      text: (sized = true) =>
        runs.length
          ? `${files.length}: ${files.map((f) => `\`${f.name}\`${sized ? ` ${fmtBytes(f.brotli)}` : ''}${partly(f)}`).join(', ') || 'none'}`
          : '—',
    };
  };
  const ourScenarios = [...SCENARIOS, 'preferences'];
  const fetched = Object.fromEntries(ourScenarios.map((scenario) => [scenario, fetchedOf(scenario)]));
  const filesCell = (id, scenario) => (id === OURS ? fetched[scenario].text(false) : 'n/a');
  const litCell = (id, scenario) => (id === OURS ? (fetched[scenario].lit ? '**yes**' : 'no') : 'n/a');

  const sections = [];
  sections.push(`### First visit: the banner must show

${table(
  [
    'setup',
    ...bytesHeader,
    'banner visible 1×',
    'banner visible 4×',
    'script 1×',
    'script 4×',
    'script CPU 1×',
    'heap over blank 4×',
    'layout shift',
    'tracker requests before consent',
  ],
  [
    ...setups.map((setup) => [
      label(setup),
      ...bytesCells(setup.id, 'first'),
      refCell(setup.id, 'first', 1, (r) => r.visible, fmtMs),
      refCell(setup.id, 'first', 4, (r) => r.visible, fmtMs),
      refCell(setup.id, 'first', 1, (r) => r.script, fmtMs),
      refCell(setup.id, 'first', 4, (r) => r.script, fmtMs),
      refCell(setup.id, 'first', 1, (r) => r.scriptCpu, fmtMs),
      refCell(setup.id, 'first', 4, heapOver(4), fmtKiB),
      cell(stat(RATES.flatMap((rate) => runsOf(setup.id, 'first', rate).map((r) => r.cls))), fmtCls),
      fmtCount(Math.max(0, ...RATES.flatMap((rate) => runsOf(setup.id, 'first', rate).map((r) => r.trackerRequests)))),
    ]),
    [
      BLANK.label,
      ...bytesCells(BLANK.id, 'first'),
      '—',
      '—',
      cell(
        S(BLANK.id, 'first', 1, (r) => r.script),
        fmtMs
      ),
      cell(
        S(BLANK.id, 'first', 4, (r) => r.script),
        fmtMs
      ),
      cell(
        S(BLANK.id, 'first', 1, (r) => r.scriptCpu),
        fmtMs
      ),
      `${cell(
        S(BLANK.id, 'first', 4, (r) => r.heap),
        fmtKiB
      )} (itself)`,
      cell(stat(RATES.flatMap((rate) => runsOf(BLANK.id, 'first', rate).map((r) => r.cls))), fmtCls),
      '0',
    ],
  ]
)}`);

  const shownCell = (id, scenario) => {
    const shown = allRuns(id, scenario).filter((r) => r.visible != null).length;
    const total = allRuns(id, scenario).length;
    if (!shown) return 'no';
    const times = RATES.map((rate) =>
      cell(
        S(id, scenario, rate, (r) => r.visible),
        fmtMs
      )
    ).join(' / ');
    return `**yes** (${shown}/${total} runs; at ${times})`;
  };

  sections.push(`### Returning visitor: a stored "accept all", no banner, both trackers run

${table(
  [
    'setup',
    ...bytesHeader,
    'our files fetched',
    'Lit fetched',
    'trackers ran 1×',
    'trackers ran 4×',
    'script 1×',
    'script 4×',
    'script CPU 1×',
    'heap over blank 4×',
    'banner shown',
  ],
  setups.map((setup) => [
    label(setup),
    ...bytesCells(setup.id, 'returning'),
    filesCell(setup.id, 'returning'),
    litCell(setup.id, 'returning'),
    refCell(setup.id, 'returning', 1, (r) => r.trackersAt, fmtMs),
    refCell(setup.id, 'returning', 4, (r) => r.trackersAt, fmtMs),
    refCell(setup.id, 'returning', 1, (r) => r.script, fmtMs),
    refCell(setup.id, 'returning', 4, (r) => r.script, fmtMs),
    refCell(setup.id, 'returning', 1, (r) => r.scriptCpu, fmtMs),
    refCell(setup.id, 'returning', 4, heapOver(4), fmtKiB),
    shownCell(setup.id, 'returning'),
  ])
)}`);

  sections.push(`### No-banner site: only strictly necessary cookies

${table(
  [
    'setup',
    ...bytesHeader,
    'our files fetched',
    'Lit fetched',
    'script 1×',
    'script 4×',
    'script CPU 1×',
    'heap over blank 4×',
    'banner shown anyway (visible 1× / 4×)',
  ],
  setups.map((setup) => [
    label(setup),
    ...bytesCells(setup.id, 'noBanner'),
    filesCell(setup.id, 'noBanner'),
    litCell(setup.id, 'noBanner'),
    refCell(setup.id, 'noBanner', 1, (r) => r.script, fmtMs),
    refCell(setup.id, 'noBanner', 4, (r) => r.script, fmtMs),
    refCell(setup.id, 'noBanner', 1, (r) => r.scriptCpu, fmtMs),
    refCell(setup.id, 'noBanner', 4, heapOver(4), fmtKiB),
    shownCell(setup.id, 'noBanner'),
  ])
)}`);

  const oursIn = setups.some((s) => s.id === OURS);
  if (oursIn) {
    sections.push(`### Preferences with 500 services (consent-banner)

Time from \`consentBanner.showPreferences()\` to the first frame with the \`part="preferences"\` dialog
on screen, on a first visit with the banner shown and the page settled. The preferences draw a
category's services only when it is unfolded, so that frame holds the categories and no service
switch (the last column says how many it held).

${table(
  ['manifest', 'preferences open 4×', 'service switches drawn on opening'],
  [
    [
      '500 services, 1,000 cookies',
      cell(
        S(OURS, 'preferences', 4, (r) => r.preferences),
        fmtMs
      ),
      cell(
        S(OURS, 'preferences', 4, (r) => r.servicesDrawn),
        fmtCount
      ),
    ],
  ]
)}`);

    sections.push(`### What consent-banner fetched, per scenario

Our files only (the drop-in and what it fetched from beside itself), over all runs at 1× and 4×;
a file fetched in some runs only says in how many. Sizes brotli. "In all" is everything the page
downloaded besides itself and the trackers, the manifest excluded.

${table(
  ['scenario', 'files fetched', 'should fetch', 'as expected', 'Lit fetched', 'in all, brotli'],
  ourScenarios.map((scenario) => {
    const f = fetched[scenario];
    return [
      SCENARIO_LABELS[scenario],
      f.text(),
      EXPECTED[scenario].join(' + '),
      f.runs ? (f.expected ? 'yes' : '**NO**') : '—',
      f.runs ? (f.lit ? 'yes' : 'no') : '—',
      cell(S(OURS, scenario, 4, allBytes(OURS, scenario)), fmtBytes),
    ];
  })
)}`);

    const files = data.distFiles ?? distFiles();
    const fetchedIn = (file) => {
      const where = ourScenarios.filter((scenario) => fetched[scenario].files.some((f) => f.name === file.name));
      if (where.length) return where.map((scenario) => SCENARIO_LABELS[scenario]).join('; ');
      const sameKind = ourScenarios.some((scenario) => fetched[scenario].files.some((f) => f.kind === file.kind));
      return sameKind ? 'none (another language)' : 'none';
    };
    sections.push(`### Files a visitor can fetch

Every \`dist/consent-banner*.min.js\` of the build${data.distFiles ? '' : ' (measured now, not at the run)'}, all languages, compressed
as above (bench/sizes.mjs). The drop-in fetches a file from beside itself only when it is needed
(src/drop-in.ts).

${table(
  ['file', 'raw', 'gzip 9', 'brotli 11', 'Lit', 'holds, fetched when', 'fetched in this run by'],
  files.map((file) => [
    `\`${file.name}\``,
    fmtBytes(file.raw),
    fmtBytes(file.gzip),
    fmtBytes(file.brotli),
    file.lit ? 'yes' : 'no',
    KIND_TEXT[file.kind],
    fetchedIn(file),
  ])
)}`);
  }

  // Targets (issue 12).
  if (oursIn && ref) {
    const m = (id, scenario, rate, pick) => S(id, scenario, rate, pick)?.median ?? null;
    const rows = [];
    /** A target as a ratio to the reference; `info` rows say the ratio and judge nothing. */
    const relative = (what, goal, ours, theirs, fmt, info = false) => {
      const r = ours != null && theirs ? ours / theirs : null;
      const verdict =
        r == null
          ? 'not measured'
          : info
            ? 'info'
            : r <= goal
              ? 'met'
              : `missed by ${((r / goal - 1) * 100).toFixed(0)}% (needs ${fmt(theirs * goal)})`;
      rows.push([
        what,
        info ? 'info, not a target' : `≤ ${goal}×`,
        ours == null ? '—' : fmt(ours),
        theirs == null ? '—' : fmt(theirs),
        r == null ? '—' : `${r.toFixed(2)}×`,
        verdict,
      ]);
    };
    const absolute = (what, goalText, ours, ok, fmt, missedBy) => {
      rows.push([
        what,
        goalText,
        ours == null ? '—' : fmt(ours),
        '',
        '',
        ours == null ? 'not measured' : ok ? 'met' : `missed${missedBy ? ` by ${missedBy}` : ''}`,
      ]);
    };
    const first = m(OURS, 'first', 4, codeBytes(OURS, 'first'));
    absolute(
      'first visit: JS+CSS fetched (manifest excluded), brotli',
      `≤ ${fmtBytes(FIRST_VISIT_BYTES)}`,
      first,
      first <= FIRST_VISIT_BYTES,
      fmtBytes,
      fmtBytes(first - FIRST_VISIT_BYTES)
    );
    relative(
      'first visit: JS+CSS fetched, brotli, against the reference',
      0.8,
      first,
      m(ref, 'first', 4, codeBytes(ref, 'first')),
      fmtBytes
    );
    relative(
      'first visit: banner visible, 4× CPU',
      0.8,
      m(OURS, 'first', 4, (r) => r.visible),
      m(ref, 'first', 4, (r) => r.visible),
      fmtMs
    );
    relative('first visit: heap over blank, 4× CPU', 1.0, m(OURS, 'first', 4, heapOver(4)), m(ref, 'first', 4, heapOver(4)), fmtKiB);
    relative(
      'first visit: banner visible, 1× CPU',
      0,
      m(OURS, 'first', 1, (r) => r.visible),
      m(ref, 'first', 1, (r) => r.visible),
      fmtMs,
      true
    );
    relative(
      'first visit: script time, 4× CPU',
      0,
      m(OURS, 'first', 4, (r) => r.script),
      m(ref, 'first', 4, (r) => r.script),
      fmtMs,
      true
    );
    relative(
      'first visit: script, thread CPU time, 1×',
      0,
      m(OURS, 'first', 1, (r) => r.scriptCpu),
      m(ref, 'first', 1, (r) => r.scriptCpu),
      fmtMs,
      true
    );
    for (const scenario of ['returning', 'noBanner']) {
      const name = scenario === 'returning' ? 'returning visitor' : 'no-banner site';
      const total = m(OURS, scenario, 4, allBytes(OURS, scenario));
      absolute(
        `${name}: downloaded in all (manifest excluded), brotli`,
        `≤ ${fmtBytes(NO_BANNER_BYTES)}`,
        total,
        total <= NO_BANNER_BYTES,
        fmtBytes,
        fmtBytes(total - NO_BANNER_BYTES)
      );
      const f = fetched[scenario];
      rows.push([
        `${name}: our files fetched`,
        'the loader only',
        f.text(),
        '',
        '',
        f.runs ? (f.expected ? 'met' : 'missed') : 'not measured',
      ]);
      rows.push([
        `${name}: no Lit fetched`,
        'none',
        f.lit ? 'Lit fetched' : 'none',
        '',
        '',
        f.runs ? (f.lit ? 'missed' : 'met') : 'not measured',
      ]);
      const script = m(OURS, scenario, 4, (r) => r.script);
      absolute(`${name}: script time, 4× CPU`, '< 5 ms', script, script < 5, fmtMs, fmtMs(script - 5));
    }
    const shift = Math.max(...allRuns(OURS, 'first').map((r) => r.cls));
    absolute('layout shift from the banner (worst run)', '0', shift, shift === 0, fmtCls);
    const prefs = m(OURS, 'preferences', 4, (r) => r.preferences);
    absolute('500 services: preferences open, 4× CPU', '< 50 ms', prefs, prefs < 50, fmtMs, fmtMs(prefs - 50));
    const before = Math.max(...['first', 'noBanner'].flatMap((scenario) => allRuns(OURS, scenario).map((r) => r.trackerRequests)));
    absolute('tracker requests before consent (all runs)', '0', before, before === 0, fmtCount);
    sections.unshift(`### Targets (issue 12), consent-banner against ${ref}

Bytes leave out the manifest (the site's data); first visit: every JS and CSS file the page
fetched; returning visitor and no-banner site: all the page downloaded besides itself and the
trackers. Rows marked "info" are kept for reading, not judged.

${table(['target', 'goal', 'consent-banner', ref, 'ratio', 'verdict'], rows)}`);
  }

  // Checks.
  const yes = (ok, good = 'yes', bad = '**NO**') => (ok ? good : bad);
  sections.push(`### Checks (before timing, at 1× CPU)

Each setup must do its job on this page, seen as a visitor sees it.

${table(
  [
    'setup',
    'banner on first visit',
    'tracker requests before consent',
    '"accept all" runs both trackers',
    'returning: no banner, trackers run',
    'no-banner site',
  ],
  setups.map((setup) => {
    const c = checks[setup.id];
    return [
      setup.label,
      yes(c.banner),
      String(c.trackersBeforeConsent),
      c.accepted
        ? `yes${c.acceptClicks > 1 ? ` (after ${c.acceptClicks} clicks)` : ''}`
        : `**NO**${c.acceptError ? ` (${c.acceptError})` : ''}`,
      `${yes(!c.returningBanner, 'no banner', '**banner again**')}, ${yes(c.returningTrackers, 'trackers run', '**trackers do not run**')}`,
      c.noBannerBanner ? 'shows a banner anyway' : 'no banner',
    ];
  })
)}`);

  // What each setup downloaded.
  const fileLines = [];
  for (const setup of [...setups, BLANK]) {
    for (const scenario of setup === BLANK ? ['first'] : [...SCENARIOS, ...(setup.preferencesPage ? ['preferences'] : [])]) {
      const run = runsOf(setup.id, scenario, 4)[0];
      if (!run) continue;
      const files = run.files.map((f) => {
        const size = ourFile(f.path) ? fmtBytes(f.brotli) : kib(f.brotli);
        const notes = [f.lit && 'Lit', isManifest(setup.id, scenario, f) && 'the manifest, not counted'].filter(Boolean);
        return `\`${f.path}\` ${f.type}${f.status === 200 ? '' : ` ${f.status}`} ${size}${notes.length ? ` (${notes.join('; ')})` : ''}`;
      });
      fileLines.push(`- ${setup.id}, ${SCENARIO_LABELS[scenario]}: ${files.length ? files.join(', ') : 'nothing'}`);
    }
  }
  sections.push(`### What each setup downloaded (besides the page and the trackers; sizes brotli, our files in bytes; one run at 4×)

${fileLines.join('\n')}`);

  if (failures.length) sections.push(`### Runs that failed\n\n${failures.map((f) => `- ${f}`).join('\n')}`);

  const loads = (l) => l.map((x) => x.toFixed(1)).join(', ');
  const busy = Math.max(meta.loadBefore[0], meta.loadAfter[0]) > meta.cores * 0.75;
  return `# Bench results

Written by \`npm run bench\` (bench/run.mjs) on ${meta.startedAt.slice(0, 16).replace('T', ' ')} UTC, commit ${meta.commit}.
How it measures and how the comparison is kept fair: [bench/README.md](README.md).

- Machine: ${meta.cpu}, ${meta.cores} cores, ${meta.memoryGiB} GiB RAM, ${meta.os}
- Browser: ${meta.browser} (headless${meta.sandbox ? '' : ', --no-sandbox'}, 1280×720), puppeteer-core ${meta.puppeteer}, node ${meta.node}
- ${meta.runs} interleaved runs per cell, a fresh browser context each, at ${RATES.join('× and ')}× CPU throttling; ${meta.minutes} min in all
- Load average (1, 5, 15 min) at start: ${loads(meta.loadBefore)}; at end: ${loads(meta.loadAfter)}. ${
    busy
      ? "**The machine was busy** (other engineers' test runs): wall-clock times are inflated and noisy. Read the ratios, which come from the same interleaved runs, and the thread-CPU script time, rather than the absolute times."
      : 'The machine was otherwise quiet.'
  }

Cells: median (min–max) · ratio of medians to ${ref ?? 'the reference'}. 1 KiB = 1024 bytes. Bytes are what the
page requested (the page itself and the trackers aside), compressed here with gzip level 9 and
brotli quality 11. Times are from navigation start. Script time is the renderer's ScriptDuration
(wall clock); "script CPU" is the same in thread CPU time. Heap is JSHeapUsedSize after a forced
garbage collection, minus the blank page's median.

${sections.join('\n\n')}
`;
}

async function rerender(file) {
  publish(render(JSON.parse(readFileSync(file, 'utf8'))));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
