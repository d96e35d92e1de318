// The layers of src/ and the one way their imports point (CONTRIBUTING.md, "The layout"):
//   src/core            pure: imports nothing but src/core, and names none of the page's globals
//                       (document, window, navigator, location, fetch, storage…): it runs in
//                       Node, a server, a build tool, the CLI, as it runs in the page;
//   src/browser         what touches the page (gate, state, recorder, store, cookie, sync, log,
//                       Consent Mode's signals, cleaner, privacy signals, the manifest's fetch):
//                       src/core, and js-cookie;
//   src/view-contract.ts what the loader and the views share: types of src/core only;
//   src/ui              the views: src/core and the contract, never the loader nor src/browser
//                       (what a view may do to the page's consent goes through the contract);
//   src/loader          the elements: src/browser, src/core and the contract, never a view (it
//                       fetches them).
// Only the entry points (src/drop-in.ts, src/index.ts) name both, to say where the views come from.
import assert from 'node:assert/strict';
import {readFileSync, readdirSync} from 'node:fs';
import {dirname, join, relative, resolve} from 'node:path';
import {describe, it} from 'node:test';
import ts from 'typescript';
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

/** What touches the page: src/core names none of them (src/browser does). */
const PAGE_GLOBALS = [
  'document',
  'window',
  'self',
  'globalThis',
  'navigator',
  'location',
  'history',
  'fetch',
  'XMLHttpRequest',
  'localStorage',
  'sessionStorage',
  'indexedDB',
  'cookieStore',
  'BroadcastChannel',
  'customElements',
  'MutationObserver',
  'requestAnimationFrame',
];

/**
 * `line name` of each use of a page global in a TypeScript file (its `text`, else read): an
 * identifier that names one, unless it is a property's name (`a.location`, `{window: 1}`).
 * Comments and strings are not code, so they never count.
 */
function pageGlobalsIn(file, text = readFileSync(file, 'utf8')) {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const uses = [];
  const visit = (node) => {
    if (ts.isIdentifier(node) && PAGE_GLOBALS.includes(node.text)) {
      const parent = node.parent;
      const propertyName =
        (ts.isPropertyAccessExpression(parent) && parent.name === node) ||
        ((ts.isPropertyAssignment(parent) ||
          ts.isPropertySignature(parent) ||
          ts.isPropertyDeclaration(parent) ||
          ts.isMethodDeclaration(parent)) &&
          parent.name === node) ||
        (ts.isQualifiedName(parent) && parent.right === node);
      if (!propertyName) uses.push(`${source.getLineAndCharacterOfPosition(node.getStart()).line + 1} ${node.text}`);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return uses;
}

const ALLOWED = {
  core: ['core'],
  browser: ['browser', 'core', 'js-cookie'],
  contract: ['core'],
  ui: ['ui', 'core', 'contract', 'lit'],
  loader: ['loader', 'browser', 'core', 'contract'],
};

describe('the layers of src/', () => {
  it('finds the layers and their imports', () => {
    for (const layer of Object.keys(ALLOWED)) assert.ok(edges(layer).length > 0, `no import found in ${layer}`);
  });

  for (const [layer, allowed] of Object.entries(ALLOWED)) {
    it(`${layer} imports only ${allowed.join(', ')}`, () => {
      assert.deepEqual(
        edges(layer)
          .filter(([, to]) => !allowed.includes(to))
          .map(([file, to]) => `${file} imports ${to}`),
        []
      );
    });
  }

  it(`src/core names none of the page's globals (${PAGE_GLOBALS.join(', ')}), but in comments and strings`, () => {
    const core = files.filter((file) => layerOf(file) === 'core');
    assert.ok(core.length >= 10, `${core.length} files in src/core`);
    assert.deepEqual(
      core.flatMap((file) => pageGlobalsIn(file).map((use) => `${relative(root, file)}:${use}`)),
      []
    );
  });

  it('the check of page globals finds one where it is used, not where it is a property name, a comment or a string', () => {
    const uses = pageGlobalsIn(
      'probe.ts',
      "// document\nconst a = {window: 1, b: 'navigator'};\na.location;\nconst c = localStorage.getItem('x');\nexport const d = (x = fetch) => x;\ntype T = typeof document;"
    );
    assert.deepEqual(uses, ['4 localStorage', '5 fetch', '6 document']);
  });

  it("the contract holds types only (the one list of UI languages is src/core/language.ts's)", () => {
    const text = readFileSync(join(root, 'src/view-contract.ts'), 'utf8');
    assert.deepEqual(
      importsOf(join(root, 'src/view-contract.ts')).length,
      (text.match(/^import type /gm) ?? []).length,
      'an import that is not `import type`'
    );
    assert.deepEqual(
      [...text.matchAll(/^export (const|function|class|let) (\w+)/gm)].map((m) => m[2]),
      []
    );
  });

  it('the build reads the UI languages from their one list (src/core/language.ts)', () => {
    assert.match(readFileSync(join(root, 'rollup.config.js'), 'utf8'), /new URL\('src\/core\/language\.ts'/);
  });
});
