// Stand-ins for the vendors' hosts (Google, Meta, Hotjar, LinkedIn, TikTok, Microsoft, YouTube,
// Vimeo, Yandex…), so that a page with their real snippets runs with nothing leaving the machine.
// One HTTPS server answers for every host name: the Chromium that visits the page maps every name
// to it (`standInFlags(port)`: --host-resolver-rules, and --ignore-certificate-errors for its
// self-signed certificate, test/fixtures/stand-in-tls/). It records every request it gets, with
// the host the browser asked for, and serves, at each vendor script's address, a small script that
// does what the vendor's first call does with the snippet's queue: it reports each queued call
// (`fbq('init', …)`, `gtag('config', …)`, `_hjSettings.hjid`…) to its own host as a request to
// `/__call?c=<JSON>`, and the calls made later as they come. `calls(host)` reads them back.
import {readFileSync} from 'node:fs';
import {createServer} from 'node:https';
import {root} from '../node/load-core.mjs';

const TLS = {
  key: readFileSync(`${root}test/fixtures/stand-in-tls/key.pem`),
  cert: readFileSync(`${root}test/fixtures/stand-in-tls/cert.pem`),
};

/** Sends `[name, ...args]` to the host that served this script (runs in the page). */
const REPORT = `var __host = new URL(document.currentScript.src).host;
var __report = function (call) {
  fetch('https://' + __host + '/__call?c=' + encodeURIComponent(JSON.stringify(call)), {mode: 'no-cors', keepalive: true}).catch(function () {});
};`;
const wrap = (body) => `(function () {\n${REPORT}\n${body}\n})();\n`;
/** Reports each call queued on `queue`, then each later `push` onto it. */
const drain = (queue) => `
  var seen = ${queue} || [];
  for (var i = 0; i < seen.length; i++) __report([].slice.call(seen[i]));
  var push = seen.push;
  seen.push = function () { for (var j = 0; j < arguments.length; j++) __report([].slice.call(arguments[j])); return push.apply(seen, arguments); };`;

/** What each vendor address answers, by host and path (a RegExp on host + path). */
const SCRIPTS = [
  // gtag.js: the dataLayer's calls (gtag('js'), gtag('config', 'G-…')); and the _ga cookie, as Google's sets it.
  [
    /^www\.googletagmanager\.com\/gtag\/js$/,
    wrap(`document.cookie = '_ga=GA1.1.1.1; path=/; max-age=63072000; SameSite=Lax';\n${drain('window.dataLayer')}`),
  ],
  // gtm.js: the container's id from its own address, and the gtm.start event.
  [
    /^www\.googletagmanager\.com\/gtm\.js$/,
    wrap(`__report(['gtm.js', new URL(document.currentScript.src).searchParams.get('id')]);\n${drain('window.dataLayer')}`),
  ],
  // fbevents.js: fbq's queue (init, track).
  [/^connect\.facebook\.net\/[a-z_A-Z]+\/fbevents\.js$/, wrap(drain('window.fbq && window.fbq.queue'))],
  // Hotjar: the site id the snippet set, then hj's queue.
  [
    /^static\.hotjar\.com\/c\/hotjar-\d+\.js$/,
    wrap(`__report(['_hjSettings', window._hjSettings]);\n${drain('window.hj && window.hj.q')}`),
  ],
  // LinkedIn Insight: the partner ids the snippet set.
  [
    /^snap\.licdn\.com\/li\.lms-analytics\/insight\.min\.js$/,
    wrap(`__report(['_linkedin_partner_id', window._linkedin_partner_id, window._linkedin_data_partner_ids]);`),
  ],
  // TikTok: the pixel id from its own address, and ttq's queued calls (load, page).
  [
    /^analytics\.tiktok\.com\/i18n\/pixel\/events\.js$/,
    wrap(`__report(['sdkid', new URL(document.currentScript.src).searchParams.get('sdkid')]);\n${drain('window.ttq')}`),
  ],
  // Clarity: the project id from its own address, and clarity's queue.
  [
    /^www\.clarity\.ms\/tag\/[^/]+$/,
    wrap(`__report(['project', document.currentScript.src.split('/').pop()]);\n${drain('window.clarity && window.clarity.q')}`),
  ],
  // Yandex Metrika: a tracker only trackerdb knows; it sends nothing of its own here.
  [/^mc\.yandex\.ru\/metrika\/tag\.js$/, wrap('')],
];

/** The Chromium flags that send every host name to the stand-in (but localhost and 127.0.0.1, where the pages are served). */
export const standInFlags = (port) => [
  `--host-resolver-rules=MAP * 127.0.0.1:${port}, EXCLUDE localhost, EXCLUDE 127.0.0.1`,
  '--ignore-certificate-errors',
];

/** Starts the stand-in on a free port of 127.0.0.1. */
export async function startStandIn() {
  const requests = [];
  const server = createServer(TLS, (request, response) => {
    const url = new URL(request.url, `https://${request.headers.host}`);
    const host = url.hostname;
    requests.push({host, path: url.pathname, query: url.search, url: `https://${host}${request.url}`});
    response.setHeader('Access-Control-Allow-Origin', '*');
    const script = SCRIPTS.find(([pattern]) => pattern.test(`${host}${url.pathname}`));
    if (script) {
      response.setHeader('Content-Type', 'text/javascript');
      response.end(script[1]);
    } else if (/\/(embed|video)\b|\/maps\/embed/.test(url.pathname)) {
      // An embedded player or map: a page of its own.
      response.setHeader('Content-Type', 'text/html');
      response.end(`<!doctype html><title>${host}</title><p>Stand-in for ${host}</p>`);
    } else {
      response.setHeader('Content-Type', 'image/gif');
      response.end(Buffer.from('R0lGODlhAQABAAAAACw=', 'base64'));
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: server.address().port,
    /** Every request so far, `{host, path, query, url}`. */
    requests,
    /** The requests to `host` (or a subdomain of it), the stand-in's own reports left out. */
    reached: (host) => requests.filter((r) => (r.host === host || r.host.endsWith(`.${host}`)) && r.path !== '/__call'),
    /** The calls the vendor script reported from `host`, in order. */
    calls: (host) =>
      requests.filter((r) => r.host === host && r.path === '/__call').map((r) => JSON.parse(new URLSearchParams(r.query).get('c'))),
    clear: () => requests.splice(0),
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}
