import {timingSafeEqual} from 'node:crypto';
import {readFile} from 'node:fs/promises';
import {consentStats} from './stats.js';
import {RecordStore} from './store.js';

/*
 * GET /stats: the consent rates as a page with a chart, for marketers (README, “Proof of
 * consent”). Closed unless a token is set (CONSENT_RECORDS_TOKEN): then the page asks for it,
 * as a Bearer token or as the password of HTTP Basic (any user name), and answers 401 without
 * it. /stats.json gives the same figures (`records stats --json`); /stats/chart.js is Chart.js,
 * bundled at build time into dist/records-chart.js and served from here: the page loads nothing
 * from elsewhere, and runs under a strict Content-Security-Policy (no inline script or style).
 */

export interface StatsHandlerOptions {
  db: string | RecordStore;
  /** The page's password; without one, the page is closed (403). */
  token?: string;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The bundled Chart.js, beside this module once built (dist/records-chart.js). */
const CHART = new URL('./records-chart.js', import.meta.url);

const HEADERS = {
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'content-security-policy':
    "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
};

const same = (a: string, b: string) => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

/** The token a request carries: `Authorization: Bearer <token>`, or Basic with it as the password. */
function tokenOf(request: Request): string | undefined {
  const header = request.headers.get('authorization') ?? '';
  const [scheme, value = ''] = header.split(/\s+/, 2);
  if (/^bearer$/i.test(scheme)) return value;
  if (/^basic$/i.test(scheme)) {
    const decoded = Buffer.from(value, 'base64').toString('utf8');
    return decoded.slice(decoded.indexOf(':') + 1);
  }
  return undefined;
}

const PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Consent rates</title>
<link rel="stylesheet" href="/stats/stats.css">
<script src="/stats/chart.js" defer></script>
<script src="/stats/stats.js" defer></script>
</head>
<body>
<main>
<h1>Consent rates</h1>
<form id="range">
  <label>From <input type="date" name="from"></label>
  <label>To <input type="date" name="to"></label>
  <label>By <select name="by"><option value="day">day</option><option value="week">week</option></select></label>
  <button type="submit">Show</button>
</form>
<p id="summary" role="status">Loading…</p>
<figure><canvas id="chart" role="img" aria-label="Share of yes per purpose, by period"></canvas><figcaption>Share of yes per purpose, by period</figcaption></figure>
<table id="purposes"><caption>Per purpose</caption><thead><tr><th scope="col">Purpose</th><th scope="col">Answers</th><th scope="col">Yes</th><th scope="col">No</th><th scope="col">Rate</th></tr></thead><tbody></tbody></table>
<table id="methods"><caption>How visitors decided</caption><thead><tr><th scope="col">Method</th><th scope="col">Decisions</th><th scope="col">Share</th></tr></thead><tbody></tbody></table>
<p class="note">Counts of decisions, per day of decision (UTC): no visitor's record is shown here.</p>
</main>
</body>
</html>
`;

const CSS = `body{font:16px/1.5 system-ui,sans-serif;margin:0;color:#1d2125;background:#fff}
main{max-width:60rem;margin:0 auto;padding:1rem}
form{display:flex;gap:1rem;flex-wrap:wrap;align-items:end}
table{border-collapse:collapse;margin:1.5rem 0;min-width:60%}
th,td{border-bottom:1px solid #ccd;padding:.3rem .8rem;text-align:right}
th:first-child,td:first-child{text-align:left}
caption{text-align:left;font-weight:600;padding:.3rem 0}
figure{margin:1.5rem 0}
canvas{max-height:22rem}
.note{color:#555}
`;

/* The page's own script: reads /stats.json (the form's range) and draws the table and the chart. */
const SCRIPT = `(() => {
  const form = document.getElementById('range');
  const summary = document.getElementById('summary');
  const params = new URLSearchParams(location.search);
  for (const name of ['from', 'to', 'by']) if (params.get(name)) form.elements[name].value = params.get(name);
  const percent = (rate) => (rate * 100).toFixed(1) + ' %';
  const cell = (row, text) => row.insertCell().textContent = text;
  let chart;
  async function show() {
    const query = new URLSearchParams();
    for (const name of ['from', 'to', 'by']) if (form.elements[name].value) query.set(name, form.elements[name].value);
    const response = await fetch('/stats.json?' + query, {credentials: 'same-origin'});
    if (!response.ok) { summary.textContent = 'The figures could not be read (' + response.status + ').'; return; }
    const stats = await response.json();
    const total = stats.total;
    summary.textContent = total.decisions + ' decision(s)' + (stats.from || stats.to ? ' from ' + (stats.from || 'the start') + ' to ' + (stats.to || 'today') : '') + '.';
    const purposes = document.querySelector('#purposes tbody');
    purposes.replaceChildren();
    for (const p of total.purposes) { const row = purposes.insertRow(); cell(row, p.purpose); cell(row, p.answers); cell(row, p.yes); cell(row, p.no); cell(row, percent(p.rate)); }
    const methods = document.querySelector('#methods tbody');
    methods.replaceChildren();
    for (const [method, n] of Object.entries(total.methods)) { const row = methods.insertRow(); cell(row, method); cell(row, n); cell(row, percent(n / total.decisions)); }
    const names = total.purposes.map((p) => p.purpose);
    const colours = ['#1f77b4', '#d62728', '#2ca02c', '#9467bd', '#ff7f0e', '#17becf', '#8c564b', '#e377c2'];
    const data = {
      labels: stats.periods.map((p) => p.period),
      datasets: names.map((name, i) => ({
        label: name,
        data: stats.periods.map((p) => { const r = p.purposes.find((x) => x.purpose === name); return r ? Math.round(r.rate * 1000) / 10 : null; }),
        borderColor: colours[i % colours.length], backgroundColor: colours[i % colours.length], spanGaps: true,
      })),
    };
    chart?.destroy();
    chart = new Chart(document.getElementById('chart'), {
      type: 'line', data,
      options: {animation: false, responsive: true, scales: {y: {min: 0, max: 100, title: {display: true, text: '% yes'}}}},
    });
    document.body.dataset.ready = 'true';
  }
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const query = new URLSearchParams(new FormData(form));
    for (const [k, v] of [...query]) if (!v) query.delete(k);
    history.replaceState(null, '', '?' + query);
    show();
  });
  if (!form.elements.by.value) form.elements.by.value = 'day';
  show();
})();
`;

/** The Fetch handler of /stats, /stats.json and the page's files. */
export function createStatsHandler(options: StatsHandlerOptions) {
  let opened: Promise<RecordStore> | null = null;
  const store = () => (typeof options.db === 'string' ? (opened ??= RecordStore.open(options.db)) : Promise.resolve(options.db));
  return async (request: Request): Promise<Response> => {
    const text = (status: number, body: string, headers: Record<string, string> = {}) =>
      new Response(body, {status, headers: {'content-type': 'text/plain; charset=utf-8', ...HEADERS, ...headers}});
    if (request.method !== 'GET' && request.method !== 'HEAD') return text(405, 'GET only\n', {allow: 'GET, HEAD'});
    if (!options.token) return text(403, 'The stats page is closed: start the receiver with CONSENT_RECORDS_TOKEN set to open it.\n');
    const given = tokenOf(request);
    if (given === undefined || !same(given, options.token)) {
      return text(401, 'The stats page needs the token (CONSENT_RECORDS_TOKEN): as a Bearer token, or as the password.\n', {
        'www-authenticate': 'Basic realm="consent records", charset="UTF-8"',
      });
    }
    const url = new URL(request.url);
    switch (url.pathname) {
      case '/stats':
        return text(200, PAGE, {'content-type': 'text/html; charset=utf-8'});
      case '/stats/stats.css':
        return text(200, CSS, {'content-type': 'text/css; charset=utf-8'});
      case '/stats/stats.js':
        return text(200, SCRIPT, {'content-type': 'text/javascript; charset=utf-8'});
      case '/stats/chart.js':
        try {
          return text(200, await readFile(CHART, 'utf8'), {
            'content-type': 'text/javascript; charset=utf-8',
            'cache-control': 'max-age=86400',
          });
        } catch {
          return text(404, 'the chart is not built: npm run build\n');
        }
      case '/stats.json': {
        const from = url.searchParams.get('from') || undefined;
        const to = url.searchParams.get('to') || undefined;
        const by = url.searchParams.get('by') || undefined;
        if ((from && !DAY.test(from)) || (to && !DAY.test(to)) || (by && by !== 'day' && by !== 'week')) {
          return text(400, 'from and to are days (2026-11-23), by is day or week\n');
        }
        try {
          const stats = await consentStats(await store(), {from, to, by: by as 'day' | 'week' | undefined});
          return text(200, JSON.stringify(stats), {'content-type': 'application/json; charset=utf-8'});
        } catch {
          return text(503, 'the figures cannot be read now\n', {'retry-after': '5'});
        }
      }
      default:
        return text(404, 'not found\n');
    }
  };
}
