/*
 * The bench's web server: plain node:http, files sent as they are on disk (no compression, no
 * transform; the bench computes gzip and brotli sizes itself). It serves
 *   /bench/pages/<setup>/<scenario>.html   the pages of bench/setups.mjs
 *   /bench/ours/manifest-500.json          a generated manifest with 500 services
 *   /dist/…, /bench/…                      the build and the bench's own files
 *   /node_modules/<peer>/…                 the four peers, as installed from npm
 * Anything else is a 404. Every response says `Cache-Control: no-store`.
 */
import {createServer} from 'node:http';
import {readFile} from 'node:fs/promises';
import {extname, join, normalize} from 'node:path';
import {fileURLToPath} from 'node:url';
import {BESIDE, BLANK, SETUPS} from './setups.mjs';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
};

const STATIC = [
  '/dist/',
  '/bench/trackers/',
  '/bench/ours/',
  '/node_modules/vanilla-cookieconsent/',
  '/node_modules/klaro/',
  '/node_modules/tarteaucitronjs/',
  '/node_modules/cookieconsent/',
];

/** A manifest like bench/ours/cookie-manifest.json, with `count` services spread over its two consent categories. */
export function manyServicesManifest(count) {
  const manifest = {
    version: 1,
    site: {name: 'Bench Shop', policyUrl: 'https://shop.example/privacy', languages: ['en']},
    revision: 1,
    categories: [
      {id: 'necessary', basis: 'necessary', title: 'Strictly necessary', description: 'They make the shop work.'},
      {id: 'performance', basis: 'consent', title: 'Performance', description: 'Visit statistics.'},
      {id: 'advertising', basis: 'consent', title: 'Advertising', description: 'Measuring which of our ads brought you here.'},
    ],
    services: [],
  };
  for (let i = 1; i <= count; i++) {
    const category = i === 1 ? 'necessary' : i % 2 ? 'performance' : 'advertising';
    manifest.services.push({
      id: `service-${i}`,
      name: `Service ${i}`,
      provider: `Provider ${i} Ltd`,
      category,
      policyUrl: `https://provider-${i}.example/privacy`,
      cookies: [
        {name: `_s${i}_id`, duration: 'P13M', purpose: `Tells visitors apart for service ${i}`},
        {name: `_s${i}_*`, duration: 'P1D', purpose: 'Session state'},
      ],
    });
  }
  return manifest;
}

function pageFor(pathname) {
  const match = /^\/bench\/pages\/([a-z-]+)\/([A-Za-z]+)\.html$/.exec(pathname);
  if (!match) return undefined;
  const [, id, scenario] = match;
  if (id === BLANK.id) return scenario === 'first' ? BLANK.page() : undefined;
  const setup = SETUPS.find((s) => s.id === id);
  if (!setup) return undefined;
  if (scenario === 'preferences') return setup.preferencesPage?.();
  return ['first', 'returning', 'noBanner'].includes(scenario) ? setup.page(scenario) : undefined;
}

/** Starts the server on a free port of 127.0.0.1; pages name the trackers' host `trackers.test`. */
export async function startServer() {
  const manifest500 = JSON.stringify(manyServicesManifest(500));
  let port;
  const server = createServer(async (request, response) => {
    const send = (status, type, body) => {
      response.writeHead(status, {'Content-Type': type, 'Cache-Control': 'no-store'});
      response.end(body);
    };
    const {pathname} = new URL(request.url, 'http://localhost');
    const html = pageFor(pathname);
    if (html !== undefined) return send(200, TYPES['.html'], html.replaceAll('%TRACKERS%', `http://trackers.test:${port}`));
    if (pathname === '/bench/ours/manifest-500.json') return send(200, TYPES['.json'], manifest500);
    const path = normalize(decodeURIComponent(pathname));
    // BENCH_BESIDE (bench/setups.mjs): the dist/ of another build, under /beside/dist/.
    const beside = BESIDE && path.startsWith('/beside/dist/');
    if (!beside && !STATIC.some((prefix) => path.startsWith(prefix))) return send(404, 'text/plain', 'not found');
    try {
      const body = await readFile(beside ? join(BESIDE, path.slice('/beside'.length)) : join(ROOT, path));
      return send(200, TYPES[extname(path)] ?? 'application/octet-stream', body);
    } catch {
      return send(404, 'text/plain', 'not found');
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = server.address().port;
  return {
    port,
    url: (setup, scenario) => `http://shop.test:${port}/bench/pages/${setup}/${scenario}.html`,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}
