// `npm run release` (scripts/release.mjs): a folder and a zip holding what a site serves, and
// nothing else: the drop-in, every file it fetches from beside itself, the manifest's schema and a
// README of five lines. Run on the build in dist/ (`npm test` builds first). That the released
// folder works in a browser, alone, is test/e2e/release.test.mjs.
import assert from 'node:assert/strict';
import {spawnSync} from 'node:child_process';
import {cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {after, before, describe, it} from 'node:test';
import {unzipSync} from 'fflate';
import {ReleaseError, makeRelease, modulesOf, releaseFiles} from '../../scripts/release.mjs';
import {loadCore, root} from '../node/load-core.mjs';

const {version} = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const NAME = `consent-banner-${version}`;
/** How many files the release holds: every consent-banner-*.min.js of the build (two words files per language), the schema, the README. */
const fileCount = () => readdirSync(join(root, 'dist')).filter((name) => /^consent-banner.*\.min\.js$/.test(name)).length + 2;
const dir = mkdtempSync(join(tmpdir(), 'release-'));
after(() => rmSync(dir, {recursive: true, force: true}));

/** The members of `Modules` in src/loader/modules.ts, read here apart from the release script. */
const moduleNames = () => {
  const source = readFileSync(join(root, 'src/loader/modules.ts'), 'utf8');
  const body = source.slice(source.indexOf('export interface Modules {'));
  return [...body.slice(0, body.indexOf('}')).matchAll(/^ {2}'?([\w-]+)'?: /gm)].map(([, name]) => name);
};

describe('npm run release', () => {
  const out = join(dir, 'release');
  const folder = join(out, NAME);
  let run;
  before(() => {
    run = spawnSync(process.execPath, [join(root, 'scripts/release.mjs'), '--out', out], {encoding: 'utf8'});
  });

  it(`writes ${NAME}/ and ${NAME}.zip (package.json's version), and lists the files with their sizes`, () => {
    assert.equal(run.status, 0, run.stderr);
    assert.equal(run.stderr, '');
    assert.ok(existsSync(folder) && existsSync(`${folder}.zip`));
    assert.match(run.stdout, new RegExp(`${NAME}/: ${fileCount()} files, \\d+ bytes\\n  consent-banner.min.js +\\d+\\n`));
    assert.match(run.stdout, new RegExp(`${NAME}\\.zip: \\d+ bytes\\n$`));
  });

  it('holds exactly the drop-in, every consent-banner-*.min.js the build writes beside it, the schema and the README', () => {
    const built = readdirSync(join(root, 'dist')).filter((name) => /^consent-banner.*\.min\.js$/.test(name));
    assert.ok(built.length > 10, `the build wrote only ${built.join(', ')}`);
    assert.deepEqual(readdirSync(folder).sort(), [...built, 'cookie-manifest.schema.json', 'README.txt'].sort());
  });

  it('holds one file for each module of src/loader/modules.ts, and the words one per language of UI_LANGUAGES', async () => {
    const {UI_LANGUAGES} = await loadCore('src/core/language.ts');
    const names = moduleNames();
    assert.ok(names.includes('session') && names.includes('first-layer') && names.includes('words'), `modules read: ${names.join(', ')}`);
    const files = readdirSync(folder);
    const words = ['words', 'other-words'];
    assert.ok(
      words.every((name) => names.includes(name)),
      `modules read: ${names.join(', ')}`
    );
    for (const name of names.filter((name) => !words.includes(name)))
      assert.ok(files.includes(`consent-banner-${name}.min.js`), `no file of the module ${name}`);
    for (const name of words)
      assert.deepEqual(
        files.filter((file) => file.startsWith(`consent-banner-${name}.`)).sort(),
        UI_LANGUAGES.map((language) => `consent-banner-${name}.${language}.min.js`).sort()
      );
    assert.deepEqual(
      files.filter((file) => /^consent-banner-(?!(other-)?words\.)[\w-]+\.[a-z]{2}\.min\.js$/.test(file)),
      [],
      'a view in one language: views hold no words'
    );
  });

  it('holds no CLI, studio, typings, ES module chunks nor source maps', () => {
    const files = readdirSync(folder, {recursive: true});
    assert.deepEqual(
      files.filter((file) => /cli|studio|\.d\.ts$|\.map$|^index\.js$|chunks|\//.test(file)),
      []
    );
  });

  it('holds every file non-empty, byte for byte its source', () => {
    for (const {name, from} of releaseFiles(root)) {
      const bytes = readFileSync(join(folder, name));
      assert.ok(bytes.length > 0, `${name} is empty`);
      if (from) assert.ok(bytes.equals(readFileSync(join(root, from))), `${name} differs from ${from}`);
    }
  });

  it('has a README of five lines: what it is, the one <script> line, keep the files together, the schema, the docs', () => {
    const lines = readFileSync(join(folder, 'README.txt'), 'utf8').split('\n');
    assert.equal(lines.pop(), '');
    assert.equal(lines.length, 5, lines.join('\n'));
    assert.match(lines[0], new RegExp(`^consent-banner ${version.replace(/\./g, '\\.')}: a cookie-consent banner`));
    assert.ok(lines[1].endsWith(`<script src="/${NAME}/consent-banner.min.js" data-manifest="/cookie-manifest.json"></script>`), lines[1]);
    assert.match(lines[2], /Keep these files together/);
    assert.match(lines[3], /cookie-manifest\.schema\.json/);
    assert.match(lines[4], /^Docs /);
  });

  it(`zips the same files, with the same bytes, in the folder ${NAME}/`, () => {
    const zipped = unzipSync(readFileSync(`${folder}.zip`));
    const names = readdirSync(folder).sort();
    assert.deepEqual(
      Object.keys(zipped).sort(),
      names.map((name) => `${NAME}/${name}`)
    );
    for (const name of names)
      assert.ok(Buffer.from(zipped[`${NAME}/${name}`]).equals(readFileSync(join(folder, name))), `${name} differs in the zip`);
  });

  it('replaces its own version’s folder and zip, and nothing else of the output folder', () => {
    writeFileSync(join(folder, 'stale.js'), 'left from an earlier release');
    writeFileSync(join(out, 'notes.txt'), 'mine');
    mkdirSync(join(out, 'consent-banner-0.0.1'));
    writeFileSync(join(out, 'consent-banner-0.0.1', 'consent-banner.min.js'), 'an older release');
    makeRelease({out});
    assert.ok(!existsSync(join(folder, 'stale.js')));
    assert.equal(readFileSync(join(out, 'notes.txt'), 'utf8'), 'mine');
    assert.equal(readFileSync(join(out, 'consent-banner-0.0.1', 'consent-banner.min.js'), 'utf8'), 'an older release');
    assert.equal(readdirSync(folder).length, fileCount());
  });
});

describe('the release’s list follows src/loader/modules.ts', () => {
  /** A copy of the repository's sources with `members` added to `Modules`; its dist/ is the build's. */
  function withModules(members) {
    const copy = mkdtempSync(join(dir, 'root-'));
    for (const path of ['package.json', 'src/core/language.ts', 'schema/cookie-manifest.schema.json'])
      cpSync(join(root, path), join(copy, path));
    const modules = readFileSync(join(root, 'src/loader/modules.ts'), 'utf8');
    const added = modules.replace('export interface Modules {\n', `export interface Modules {\n${members}`);
    assert.notEqual(added, modules);
    mkdirSync(join(copy, 'src/loader'), {recursive: true});
    writeFileSync(join(copy, 'src/loader/modules.ts'), added);
    symlinkSync(join(root, 'dist'), join(copy, 'dist'));
    return copy;
  }

  it('a new module is in the list (words: once per language), and a build without its file fails the release in one line, writing nothing', () => {
    const copy = withModules("  audit: LogModule;\n  'second-layer': FirstLayerModule;\n  glossary: WordsModule;\n");
    const names = releaseFiles(copy).map((file) => file.name);
    assert.ok(names.includes('consent-banner-audit.min.js') && names.includes('consent-banner-second-layer.min.js'));
    assert.ok(!names.some((name) => /^consent-banner-second-layer\.[a-z]{2}\./.test(name)), 'a view in one file per language');
    assert.ok(names.includes('consent-banner-glossary.en.min.js') && names.includes('consent-banner-glossary.pt.min.js'));
    const out = join(copy, 'release');
    assert.throws(
      () => makeRelease({root: copy, out}),
      (error) =>
        error instanceof ReleaseError &&
        error.message === 'dist/consent-banner-audit.min.js is missing: run `npm run build` first (`npm run release` does)'
    );
    assert.ok(!existsSync(out));
  });

  it('a modules.ts it cannot read is a one-line error, not a short release', () => {
    assert.throws(() => modulesOf('export interface Sources {}'), ReleaseError);
  });
});
