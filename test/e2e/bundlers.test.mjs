// `import 'consent-banner'` in a site's own bundle (README, “Frameworks and editors”): a tiny shop
// built with production settings by Vite 8 (Rolldown), webpack 5, esbuild and Rollup, from the
// packed and installed package (test/built/packed-package.mjs), served over http and opened in
// Chromium. The banner must show, a tagged script must wait (R1), then run after "Accept all".
// Why: package.json's `sideEffects` used to name an entry that only re-exported a chunk, and the
// chunk registered the element: production builds of all four tree-shook the registration away
// (no banner, no manifest request, nothing logged). Also the README's one-line fallback, for a
// build told to drop the package's side effects anyway (a webpack rule, a Rollup plugin).
// Each case builds and opens one page: about 2 s each, the pack and install once for the file.
import assert from 'node:assert/strict';
import {createReadStream, mkdirSync, readFileSync, writeFileSync} from 'node:fs';
import {createServer} from 'node:http';
import {extname, join, normalize} from 'node:path';
import {after, before, describe, it} from 'node:test';
import {openBrowser} from './browser.mjs';
import {clickButton, inContext, ran, waitForDialog} from './harness.mjs';
import {root} from '../node/load-core.mjs';
import {installPackedPackage} from '../built/packed-package.mjs';

const MANIFEST = {
  version: 1,
  site: {name: 'Shop', policyUrl: 'https://shop.example/privacy', languages: ['en']},
  categories: [
    {id: 'necessary', basis: 'necessary', title: 'Essential'},
    {id: 'performance', title: 'Performance'},
  ],
  services: [{id: 'stats', name: 'Stats', category: 'performance', cookies: [{name: '_st', duration: 'P13M'}]}],
};

/** The shop's page; `entry` loads its bundle. The tagged script records that it ran. */
const page = (entry) => `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>Shop</title>
  <script type="text/plain" data-category="performance">(window.__ran = window.__ran || []).push('performance');</script>
  ${entry}
</head>
<body>
  <consent-banner manifest="/cookie-manifest.json"></consent-banner>
</body>
</html>
`;

/** The app's code: the README's one line… */
const BARE_IMPORT = `import 'consent-banner';\n`;
/** …or its fallback for a build that drops side effects, as the README gives it: its js block that calls defineElements. */
const FALLBACK = [...readFileSync(`${root}README.md`, 'utf8').matchAll(/```js\n([\s\S]*?)\n```/g)]
  .map((match) => match[1])
  .find((code) => code.includes('defineElements()'));

/**
 * Each bundler's production build of `src/main.js` into `out`, with the page that loads it. The
 * project's node_modules holds the installed package; each bundler finds it from `src`.
 */
const BUILDS = {
  async vite(src, out) {
    const {build} = await import('vite');
    writeFileSync(join(src, 'index.html'), page('<script type="module" src="./main.js"></script>'));
    await build({root: src, base: './', configFile: false, logLevel: 'silent', build: {outDir: out, emptyOutDir: true}});
  },
  async webpack(src, out, {rules = []} = {}) {
    const {default: webpack} = await import('webpack');
    const compiler = webpack({
      mode: 'production',
      context: src,
      entry: './main.js',
      output: {path: out, filename: 'main.js'},
      module: {rules},
    });
    const stats = await new Promise((resolve, reject) => compiler.run((error, result) => (error ? reject(error) : resolve(result))));
    await new Promise((resolve) => compiler.close(resolve));
    assert.ok(!stats.hasErrors(), stats.toString('errors-only'));
    writeFileSync(join(out, 'index.html'), page('<script defer src="./main.js"></script>'));
  },
  async esbuild(src, out) {
    const {build} = await import('esbuild');
    // One script, as `esbuild main.js --bundle --minify` writes it (a classic script; the lazily
    // loaded parts inlined).
    await build({
      entryPoints: [join(src, 'main.js')],
      absWorkingDir: src,
      bundle: true,
      minify: true,
      define: {'process.env.NODE_ENV': '"production"'},
      outdir: out,
      logLevel: 'silent',
    });
    writeFileSync(join(out, 'index.html'), page('<script defer src="./main.js"></script>'));
  },
  async rollup(src, out, {plugins = []} = {}) {
    const {rollup} = await import('rollup');
    const {default: nodeResolve} = await import('@rollup/plugin-node-resolve');
    const {minify} = await import('terser');
    const bundle = await rollup({input: join(src, 'main.js'), plugins: [nodeResolve({browser: true}), ...plugins], onwarn: () => {}});
    const terser = {name: 'terser', renderChunk: async (code) => (await minify(code, {module: true})).code};
    await bundle.write({dir: out, format: 'es', plugins: [terser]});
    await bundle.close();
    writeFileSync(join(out, 'index.html'), page('<script type="module" src="./main.js"></script>'));
  },
};

const TYPES = {'.html': 'text/html', '.js': 'text/javascript', '.json': 'application/json', '.css': 'text/css'};

/** Serves the files of `dir` as they are, as a site's static host does. */
function serve(dir) {
  const server = createServer((request, response) => {
    const path = normalize(decodeURIComponent(new URL(request.url, 'http://x').pathname));
    const file = join(dir, path.endsWith('/') ? `${path}index.html` : path);
    const stream = createReadStream(file);
    stream.on('open', () => {
      response.writeHead(200, {'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream'});
      stream.pipe(response);
    });
    stream.on('error', () => response.writeHead(404).end('not found'));
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

describe('import "consent-banner" in a production build (README, “Frameworks and editors”)', () => {
  let packed;
  let server;
  // This file's browser (the runner's, under `npm test`): what inContext opens contexts in.
  let harness;
  let site;
  before(async () => {
    [packed, harness] = await Promise.all([installPackedPackage(), openBrowser()]);
    site = join(packed.project, 'site');
    mkdirSync(site);
    writeFileSync(join(site, 'cookie-manifest.json'), JSON.stringify(MANIFEST));
    server = await serve(site);
  });
  after(async () => {
    await harness?.close();
    server?.close();
    packed?.remove();
  });

  /** Builds `code` with `bundler` into the site's folder `name`; resolves with the page's URL. */
  async function buildApp(name, bundler, code, options) {
    const src = join(packed.project, `src-${name}`);
    mkdirSync(src);
    writeFileSync(join(src, 'main.js'), code);
    await BUILDS[bundler](src, join(site, name), options);
    return `http://${name}.test:${server.address().port}/${name}/index.html`;
  }

  const registered = (pageHandle) => pageHandle.evaluate(() => customElements.get('consent-banner') !== undefined);

  /** The banner shows, the tagged script waits, then runs after "Accept all"; nothing is logged. */
  const bannerWorks = (url) =>
    inContext(harness, {}, async ({page, log}) => {
      await page.goto(url, {waitUntil: 'load'});
      assert.ok(await registered(page), `<consent-banner> is not registered on ${url}: the build dropped the registration`);
      await waitForDialog(page, 'banner');
      assert.deepEqual(await ran(page), [], 'R1: the tagged script ran before consent');
      await clickButton(page, 'accept-all');
      await page.waitForFunction(() => window.__ran?.includes('performance'), {timeout: 5000});
      assert.deepEqual(await ran(page), ['performance']);
      assert.deepEqual(log.errors, []);
    });

  for (const bundler of Object.keys(BUILDS)) {
    it(`${bundler}: the bare import registers the element; the banner shows and gates`, async () => {
      await bannerWorks(await buildApp(bundler, bundler, BARE_IMPORT));
    });
  }

  /**
   * Under `options`, which make `bundler` drop the package's side effects: the bare import
   * registers nothing (else the case proves nothing), the one-line fallback works.
   */
  async function fallbackWorks(name, bundler, options) {
    assert.ok(FALLBACK, 'the README gives no one-line fallback (“Frameworks and editors”)');
    const dropped = await buildApp(`${name}-bare`, bundler, BARE_IMPORT, options);
    await inContext(harness, {}, async ({page}) => {
      await page.goto(dropped, {waitUntil: 'load'});
      assert.equal(await registered(page), false, 'this build keeps the side effects: it proves nothing about the fallback');
    });
    await bannerWorks(await buildApp(`${name}-fallback`, bundler, FALLBACK, options));
  }

  it('webpack told the package has no side effects: the bare import registers nothing, the one-line fallback does', () =>
    // A module rule some projects write to force tree-shaking; it overrides package.json's `sideEffects`.
    fallbackWorks('webpack-rule', 'webpack', {rules: [{test: /[\\/]node_modules[\\/]consent-banner[\\/]/, sideEffects: false}]}));

  it('rollup told the package has no side effects: the bare import registers nothing, the one-line fallback does', () =>
    // A plugin marking the package's modules side-effect free, as `treeshake.moduleSideEffects:
    // false` does for a package whose package.json says nothing.
    fallbackWorks('rollup-pure', 'rollup', {
      plugins: [
        {name: 'pure', transform: (code, id) => (id.includes('/node_modules/consent-banner/') ? {code, moduleSideEffects: false} : null)},
      ],
    }));
});
