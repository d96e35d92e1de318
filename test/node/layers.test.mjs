// The layers of src/ and the one way their imports point (CONTRIBUTING.md, "The layout"):
//   src/core            pure: imports nothing but src/core;
//   src/browser         what touches the page (gate, state, recorder, store, cookie, sync, log,
//                       Consent Mode's signals, cleaner, privacy signals, the manifest's fetch):
//                       src/core, and js-cookie;
//   src/view-contract.ts what the loader and the views share: types of src/core only;
//   src/ui              the views: src/core and the contract, never the loader nor src/browser;
//   src/loader          the elements: src/browser, src/core and the contract, never a view (it
//                       fetches them).
// Only the entry points (src/drop-in.ts, src/index.ts) name both, to say where the views come from.
// npm test: beside the build (reads no dist/)
import assert from 'node:assert/strict';
import {readFileSync, readdirSync} from 'node:fs';
import {dirname, join, relative, resolve} from 'node:path';
import {describe, it} from 'node:test';
import {root} from './load-core.mjs';

/** Every module specifier a file names: static imports, re-exports and dynamic import() of a literal. */
function importsOf(file) {
  const text = readFileSync(file, 'utf8');
  const found = [];
  for (const match of text.matchAll(/^\s*(?:import|export)\s[^'"]*?from\s+'([^']+)'|^\s*import\s+'([^']+)'|import\(\s*'([^']+)'\s*\)/gm)) {
    found.push(match[1] ?? match[2] ?? match[3]);
  }
  return found;
}

/** The layer a file of src/ belongs to, or a package name for a bare specifier. */
function layerOf(path) {
  const inSrc = relative(join(root, 'src'), path).split('\\').join('/');
  if (inSrc === 'view-contract.ts') return 'contract';
  return inSrc.split('/')[0].replace(/\.ts$/, '');
}

const files = readdirSync(join(root, 'src'), {recursive: true})
  .filter((name) => name.endsWith('.ts'))
  .map((name) => join(root, 'src', name));

/** `[file, layer it imports]` for every import of every file of `layer`. */
const edges = (layer) =>
  files
    .filter((file) => layerOf(file) === layer)
    .flatMap((file) =>
      importsOf(file).map((specifier) => [
        relative(root, file),
        specifier.startsWith('.') ? layerOf(resolve(dirname(file), specifier.replace(/\.js$/, '.ts'))) : specifier.split('/')[0],
      ])
    );

const ALLOWED = {
  core: ['core'],
  browser: ['browser', 'core', 'js-cookie'],
  // For one commit: GateTag is read from src/browser/gate.ts until its pure half is back in src/core.
  contract: ['core', 'browser'],
  ui: ['ui', 'core', 'contract', 'lit', 'browser'],
  loader: ['loader', 'browser', 'core', 'contract'],
};

describe('the layers of src/', () => {
  it('finds the layers and their imports', () => {
    for (const layer of Object.keys(ALLOWED)) assert.ok(edges(layer).length > 0, `no import found in ${layer}`);
  });

  for (const [layer, allowed] of Object.entries(ALLOWED)) {
    it(`${layer} imports only ${allowed.join(', ')}`, () => {
      assert.deepEqual(
        edges(layer).filter(([, to]) => !allowed.includes(to)).map(([file, to]) => `${file} imports ${to}`),
        []
      );
    });
  }

  it('the contract holds types only, but for the one list of UI languages', () => {
    const text = readFileSync(join(root, 'src/view-contract.ts'), 'utf8');
    assert.deepEqual(importsOf(join(root, 'src/view-contract.ts')).length, (text.match(/^import type /gm) ?? []).length, 'an import that is not `import type`');
    assert.deepEqual([...text.matchAll(/^export (const|function|class|let) (\w+)/gm)].map((m) => m[2]), ['UI_LANGUAGES']);
  });

  it('the build reads the UI languages from the contract', () => {
    assert.match(readFileSync(join(root, 'rollup.config.js'), 'utf8'), /new URL\('src\/view-contract\.ts'/);
  });
});
