// The package as a site owner's project installs it: `npm pack`, and the tarball in a project of
// its own (packed-package.mjs). What the tarball holds (the built files, none of the sources), that
// every path package.json names is in it, and what plain Node gets from it (README, “Frameworks
// and editors”): `consent-banner/core` checks a manifest (JSON text, with line and column; or a
// parsed value, with its JSON path), says whether a banner is needed, makes and reads back the
// consent record, and reads no page global, on import or on call; `consent-banner` imports in
// Node, for servers and server-side rendering, registers nothing and does not throw. The built
// CLI in the tarball gives the same check's answer. The types of /core compile without the DOM's,
// those of the element entry with it, and so do the README's snippets of both.
import assert from 'node:assert/strict';
import {execFile} from 'node:child_process';
import {readFileSync, writeFileSync} from 'node:fs';
import {createRequire} from 'node:module';
import {join} from 'node:path';
import {after, before, describe, it} from 'node:test';
import {pathToFileURL} from 'node:url';
import {promisify} from 'node:util';
import Cookies from 'js-cookie';
import ts from 'typescript';
import {loadCore, root} from '../node/load-core.mjs';
import {installPackedPackage} from './packed-package.mjs';

/** What the package must not ship: its sources, tests, tools and the studio. */
const NOT_SHIPPED = /^(src|test|studio|demo|bench|scripts|catalogue|docs|autoconsent|bin\/src)\/|^dist\/studio|(?<!\.d)\.ts$|\.map$/;

/** The page globals `consent-banner/core` must not read, on import or on call. */
const PAGE_GLOBALS = ['window', 'document', 'location', 'navigator', 'customElements', 'HTMLElement', 'localStorage'];

const MANIFEST = {
  version: 1,
  site: {name: 'Shop', policyUrl: 'https://shop.example/privacy', languages: ['en']},
  categories: [
    {id: 'necessary', basis: 'necessary', title: 'Essential'},
    {id: 'performance', title: 'Performance'},
  ],
  services: [
    {id: 'session', name: 'Session', category: 'necessary', cookies: [{name: 'sid', duration: 'session'}]},
    {id: 'stats', name: 'Stats', category: 'performance', cookies: [{name: '_st', duration: 'P13M'}]},
  ],
};
/** The manifest as a site owner writes it, one member a line. */
const TEXT = JSON.stringify(MANIFEST, null, 2);
/** Where `needle` starts in `text` (its `at`-th occurrence): line and column, from 1. */
function placeOf(text, needle, at = 0) {
  let offset = -1;
  for (let n = 0; n <= at; n++) offset = text.indexOf(needle, offset + 1);
  assert.ok(offset >= 0, `${needle} is not in the text`);
  const before = text.slice(0, offset).split('\n');
  return {line: before.length, column: before.at(-1).length + 1};
}
const NOW = new Date('2026-12-06T10:00:00.000Z');

/** What TypeScript finds wrong in `files`, every .d.ts it reaches checked, with the `lib` given and no @types. */
function typeProblems(files, lib) {
  const program = ts.createProgram(files, {
    strict: true,
    noEmit: true,
    skipLibCheck: false,
    lib,
    types: [],
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    target: ts.ScriptTarget.ES2022,
  });
  return ts.getPreEmitDiagnostics(program).map((d) => `${d.file?.fileName ?? ''}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
}

const README = readFileSync(`${root}README.md`, 'utf8');
/** The README's code block (“Frameworks and editors”) in `lang` that holds `needle`. */
function readmeCode(lang, needle) {
  const code = [...README.matchAll(/```(\w+)\n([\s\S]*?)\n```/g)].find(([, l, c]) => l === lang && c.includes(needle))?.[2];
  assert.ok(code, `no ${lang} block with ${needle} in the README`);
  return code;
}

/** Every string in `value` (package.json's `exports` conditions), as a path in the tarball. */
const pathsIn = (value) => (typeof value === 'string' ? [value.replace(/^\.\//, '')] : Object.values(value).flatMap(pathsIn));

describe('the packed package', () => {
  let packed;
  let pkg;
  let core;
  let element;
  before(async () => {
    packed = await installPackedPackage();
    const require = createRequire(join(packed.project, 'package.json'));
    pkg = JSON.parse(readFileSync(join(packed.installed, 'package.json'), 'utf8'));
    const load = (specifier) => import(pathToFileURL(require.resolve(specifier)).href);
    // /core first, with every page global a trap: reading one on import fails the import…
    const saved = PAGE_GLOBALS.map((name) => [name, Object.getOwnPropertyDescriptor(globalThis, name)]);
    for (const name of PAGE_GLOBALS) {
      Object.defineProperty(globalThis, name, {
        configurable: true,
        get: () => {
          throw new Error(`consent-banner/core read the page global ${name}`);
        },
      });
    }
    try {
      core = await load('consent-banner/core');
      // …and on call: every function once, still under the traps.
      const {manifest} = core.checkManifest(TEXT);
      core.checkManifest(MANIFEST);
      core.needsBanner(manifest);
      core.currentRecord(core.makeRecord(manifest, {}, 'api', null, NOW), manifest, NOW);
      core.decodeRecord('not ours');
      core.parseRecord('{}');
      core.manifestHash(manifest);
    } finally {
      for (const [name, descriptor] of saved) {
        if (descriptor) Object.defineProperty(globalThis, name, descriptor);
        else delete globalThis[name];
      }
    }
    element = await load('consent-banner');
  });
  after(() => packed?.remove());

  describe('the tarball', () => {
    it('holds the built package and none of the sources, tests, tools or the studio', () => {
      for (const file of [
        'package.json',
        'README.md',
        'dist/index.js',
        'dist/index.d.ts',
        'dist/core/index.js',
        'dist/core/index.d.ts',
        'dist/consent-banner.min.js',
        'dist/custom-elements.json',
        'dist/cli.js',
        'bin/consent-banner.js',
        'schema/cookie-manifest.schema.json',
        'schema/consent-record.schema.json',
      ]) {
        assert.ok(packed.files.includes(file), `${file} is not in the tarball`);
      }
      assert.deepEqual(
        packed.files.filter((file) => NOT_SHIPPED.test(file)),
        []
      );
    });

    it('exports the public surface by its final names, and every path package.json names is in it', () => {
      assert.deepEqual(Object.keys(pkg.exports), [
        '.',
        './core',
        './records',
        './consent-banner.min.js',
        './schema/cookie-manifest.schema.json',
        './schema/consent-record.schema.json',
        './custom-elements.json',
      ]);
      const named = [...pathsIn(pkg.exports), pkg.main, pkg.module, pkg.types, pkg.customElements, ...Object.values(pkg.bin)].map((p) =>
        p.replace(/^\.\//, '')
      );
      assert.deepEqual(
        named.filter((path) => !packed.files.includes(path)),
        []
      );
    });

    it('names in sideEffects the files that register the elements: the element entry and the drop-in', () => {
      assert.deepEqual(pkg.sideEffects.sort(), [pkg.exports['.'].default, pkg.exports['./consent-banner.min.js']].sort());
    });
  });

  describe('consent-banner/core in plain Node', () => {
    it('exports the manifest check, needsBanner, the record maker and readers, and the hash; nothing of a page', () => {
      assert.deepEqual(Object.keys(core).sort(), [
        'checkManifest',
        'currentRecord',
        'decodeRecord',
        'makeRecord',
        'manifestHash',
        'needsBanner',
        'parseRecord',
      ]);
    });

    it('checks JSON text: an error at the line and column where it stops being JSON', () => {
      const broken = TEXT.replace('"Essential"', '"Essential",');
      const result = core.checkManifest(broken);
      assert.equal(result.ok, false);
      const message = 'invalid JSON: expected a property name in double quotes, found "}"';
      assert.deepEqual(result.errors, [{path: 'manifest', message, ...placeOf(broken, '}', 1)}]);
    });

    it('checks JSON text: a schema error with its JSON path, line and column; a key given twice warns', () => {
      const text = TEXT.replace('"title": "Performance"', '"basis": "maybe",\n      "title": "Performance"').replace(
        '"version": 1,',
        '"version": 1,\n  "version": 1,'
      );
      const result = core.checkManifest(text);
      assert.equal(result.ok, false);
      assert.deepEqual(result.errors, [
        {path: 'categories[1].basis', message: 'must be one of consent, necessary, exempt', ...placeOf(text, '"basis": "maybe"')},
      ]);
      assert.deepEqual(result.warnings, [
        {path: 'version', message: 'is given twice; only the last one counts', ...placeOf(text, '"version"', 1)},
      ]);
    });

    it('checks relative links against `base`, the URL the manifest is served from (as `validate --base`)', () => {
      const text = TEXT.replace('"https://shop.example/privacy"', '"/privacy"');
      assert.deepEqual(core.checkManifest(text).errors, undefined);
      assert.deepEqual(core.checkManifest(text, {base: 'https://shop.example/cookie-manifest.json'}).errors, undefined);
      assert.deepEqual(core.checkManifest(text, {base: 'ftp://shop.example/cookie-manifest.json'}).errors, [
        {
          path: 'site.policyUrl',
          message: 'must resolve to an http(s) URL against ftp://shop.example/cookie-manifest.json, got "/privacy"',
          ...placeOf(text, '"policyUrl"'),
        },
      ]);
    });

    it('checks a parsed value: the same error, with its JSON path only', () => {
      const manifest = structuredClone(MANIFEST);
      manifest.categories[1].basis = 'maybe';
      assert.deepEqual(core.checkManifest(manifest), {
        ok: false,
        errors: [{path: 'categories[1].basis', message: 'must be one of consent, necessary, exempt'}],
        warnings: [],
      });
    });

    it('never throws: text nested deeper than any manifest is an error, not a stack overflow', () => {
      const result = core.checkManifest('['.repeat(100_000));
      assert.equal(result.ok, false);
      assert.match(result.errors[0].message, /^invalid JSON: values nested more than 100 deep/);
    });

    it('answers needsBanner from a checked manifest: yes with a consent service, no without', () => {
      const checked = core.checkManifest(TEXT);
      assert.equal(checked.ok, true, JSON.stringify(checked));
      assert.deepEqual(checked.warnings, []);
      assert.equal(core.needsBanner(checked.manifest), true);
      const quiet = core.checkManifest({...MANIFEST, categories: MANIFEST.categories.slice(0, 1), services: MANIFEST.services.slice(0, 1)});
      assert.equal(quiet.ok && core.needsBanner(quiet.manifest), false);
    });

    it('makes a record (makeRecord) that the consent cookie carries and decodeRecord reads back, as it holds now', async () => {
      const {manifest} = core.checkManifest(TEXT);
      const record = core.makeRecord(manifest, {categories: {performance: true}}, 'custom', null, NOW, {language: 'en'});
      assert.match(record.id, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      assert.deepEqual(
        {...record, id: 'id', purposes: Object.keys(record.purposes)},
        {
          id: 'id',
          timestamp: NOW.toISOString(),
          revision: 1,
          manifestHash: core.manifestHash(manifest),
          method: 'custom',
          language: 'en',
          uiVersion: pkg.version,
          categories: {necessary: true, performance: true},
          services: {session: true, stats: true},
          purposes: ['performance'],
        }
      );
      // The cookie's value as the banner writes it (through js-cookie), then as a server's cookie
      // parser gives it (percent-decoded).
      const {encodeRecord} = await loadCore('src/core/record-codec.ts');
      const value = decodeURIComponent(Cookies.converter.write(encodeRecord(record), 'consent'));
      assert.deepEqual(core.decodeRecord(value), record);
      assert.deepEqual(core.currentRecord(core.decodeRecord(value), manifest, NOW), record);
      // A new partner in the purpose: its answer no longer holds, and no answer still does.
      const changed = core.checkManifest({
        ...MANIFEST,
        services: [...MANIFEST.services, {id: 'ads', name: 'Ads', category: 'performance', cookies: []}],
      });
      assert.equal(core.currentRecord(core.decodeRecord(value), changed.manifest, NOW), null);
      assert.equal(core.decodeRecord(value.replace('"performance":true', '"performance":false')), null, 'an edited value is no choice');
      assert.equal(core.decodeRecord('not ours'), null);
    });

    it('gives the very answer of `consent-banner validate` in the tarball (one check, line:column)', async () => {
      const file = join(packed.project, 'cookie-manifest.json');
      const broken = TEXT.replace('"title": "Performance"', '"basis": "maybe",\n      "title": "Performance"');
      writeFileSync(file, broken);
      const [error] = core.checkManifest(broken).errors;
      const cli = await promisify(execFile)(
        process.execPath,
        [join(packed.installed, pkg.bin['consent-banner']), 'validate', 'cookie-manifest.json'],
        {
          cwd: packed.project,
        }
      ).catch((failure) => failure);
      assert.equal(cli.code, 1);
      assert.equal(cli.stdout.trim(), `cookie-manifest.json:${error.line}:${error.column}: error: ${error.path}: ${error.message}`);
    });

    it('has types that compile without the DOM, with the README’s server snippet (lib es2022 only, every .d.ts checked)', () => {
      const consumer = join(packed.project, 'server.ts');
      writeFileSync(
        consumer,
        `import {checkManifest, currentRecord, decodeRecord, makeRecord, needsBanner} from 'consent-banner/core';
import type {ConsentRecord, Manifest, ParseOptions, PlacedIssue} from 'consent-banner/core';
const options: ParseOptions = {base: 'https://shop.example/cookie-manifest.json'};
const checked = checkManifest('{}', options);
const issues: PlacedIssue[] = checked.ok ? checked.warnings : checked.errors;
export const where = issues.map((issue) => \`\${issue.line}:\${issue.column} \${issue.path}\`);
export function consentOf(manifest: Manifest, cookie: string): ConsentRecord | null {
  if (!needsBanner(manifest)) return null;
  return currentRecord(decodeRecord(cookie), manifest, new Date()) ?? makeRecord(manifest, {}, 'api', null, new Date());
}
`
      );
      // The README's server snippet, its two inputs declared.
      const snippet = join(packed.project, 'readme-server.ts');
      writeFileSync(
        snippet,
        `declare const manifestText: string;\ndeclare const cookieValue: string;\n${readmeCode('ts', "from 'consent-banner/core'")}\n`
      );
      assert.deepEqual(typeProblems([consumer, snippet], ['lib.es2022.d.ts']), []);
    });
  });

  describe('consent-banner in plain Node (a server, server-side rendering)', () => {
    it('imports without throwing, registers nothing, and exports the elements and defineElements', () => {
      assert.deepEqual(Object.keys(element).sort(), ['ConsentBanner', 'ConsentDeclaration', 'defineElements']);
      assert.equal(typeof element.ConsentBanner, 'function');
      assert.equal(globalThis.customElements, undefined);
      assert.equal(element.defineElements(), undefined);
      assert.equal(globalThis.customElements, undefined);
    });

    it('has types for the page: the elements, defineElements (the README’s fallback), the record and the typed events', () => {
      const consumer = join(packed.project, 'page.ts');
      writeFileSync(
        consumer,
        `import {ConsentBanner, defineElements} from 'consent-banner';
import type {ConsentRecord} from 'consent-banner';
defineElements();
const banner: ConsentBanner | null = document.querySelector('consent-banner');
export const answer: Promise<ConsentRecord | undefined> | undefined = banner?.acceptAll();
document.addEventListener('consent-change', (event) => console.log(event.detail.categories));
`
      );
      // The README's one-line fallback (built and run by test/e2e/bundlers.test.mjs).
      const fallback = join(packed.project, 'readme-fallback.ts');
      writeFileSync(fallback, `${readmeCode('js', 'defineElements()')}\n`);
      assert.deepEqual(typeProblems([consumer, fallback], ['lib.es2022.d.ts', 'lib.dom.d.ts', 'lib.dom.iterable.d.ts']), []);
    });
  });
});
