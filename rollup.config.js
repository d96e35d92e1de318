import minifyLiterals from '@lit-labs/rollup-plugin-minify-html-literals';
import nodeResolve from '@rollup/plugin-node-resolve';
import typescript from '@rollup/plugin-typescript';
import {transform} from 'esbuild';
import {readFileSync} from 'node:fs';
import {basename} from 'node:path';
import {minify} from 'terser';
import {fileURLToPath, pathToFileURL} from 'node:url';

/** The built-in UI languages: the one list, in src/core/language.ts (UI_LANGUAGES). */
const UI_LANGUAGES = [
  ...readFileSync(new URL('src/core/language.ts', import.meta.url), 'utf8')
    .match(/export const UI_LANGUAGES = \[([^\]]*)\]/)[1]
    .matchAll(/'([^']+)'/g),
].map(([, tag]) => tag);

/**
 * What the drop-in fetches from beside itself (src/loader/modules.ts, `Modules`), each module's
 * entry: `dist/consent-banner-<name>.min.js`. The words are one file per language (`WORDS`).
 */
const MODULES = {
  session: 'src/loader/session.ts',
  check: 'src/loader/check.ts',
  recorder: 'src/browser/recorder.ts',
  mode: 'src/browser/mode.ts',
  log: 'src/browser/log.ts',
  accent: 'src/browser/accent.ts',
  'first-layer': 'src/ui/first-layer.ts',
  embeds: 'src/ui/embeds.ts',
  preferences: 'src/ui/preferences.ts',
  reopen: 'src/ui/reopen.ts',
  'site-words': 'src/loader/site-words.ts',
};

/** The words, one file per language: src/i18n/<language>.json (schema/words.schema.json). */
const WORDS = fileURLToPath(new URL('src/i18n/', import.meta.url));

/**
 * The views whose words are in the first words file of a language, `words` (with `$code`, `$name`
 * and `$dir`): those drawn without the visitor asking, the first layer and the re-open control.
 * The words of the other views (the preferences and the declaration, the embeds' placeholders) are
 * the second, `other-words`, fetched only beside those views. Each key says its view in
 * schema/words.schema.json (`view`); a key that says none goes in the first file, where every view
 * finds it.
 */
const FIRST_VIEWS = ['first-layer', 'reopen'];
const WORDS_SCHEMA = JSON.parse(readFileSync(new URL('schema/words.schema.json', import.meta.url), 'utf8'));
const inFirstFile = (key) => !WORDS_SCHEMA.properties[key]?.view || FIRST_VIEWS.includes(WORDS_SCHEMA.properties[key].view);

/**
 * A words file as a module: its data, but for `$schema` (for editors) and `$sources` (for
 * reviewers); `file`, `words` or `other-words`, keeps only that file's keys (above).
 */
function wordsModule(language, file) {
  const {$schema, $sources, ...words} = JSON.parse(readFileSync(`${WORDS}${language}.json`, 'utf8'));
  const kept = file ? Object.fromEntries(Object.entries(words).filter(([key]) => inFirstFile(key) === (file === 'words'))) : words;
  return `export default ${JSON.stringify(kept)};`;
}

/** Each built-in language with its name in itself, in the order of UI_LANGUAGES: `[['en', 'English'], ['fr', 'Français'], …]`. */
function namesModule() {
  const names = UI_LANGUAGES.map((language) => [language, JSON.parse(readFileSync(`${WORDS}${language}.json`, 'utf8')).$name]);
  return `export default ${JSON.stringify(names)};`;
}

/**
 * The words as modules: `words:names`, each built-in language's name in itself (the studio's
 * language field offers them); `words:<language>` and `other-words:<language>`, the entries of the
 * drop-in's words files (`consent-banner-words.<language>.min.js`,
 * `consent-banner-other-words.<language>.min.js`) and of the npm build's chunks (`words-<language>`,
 * `other-words-<language>`): src/index.ts imports `./i18n/${language}.json` (a JSON module, as
 * bundlers import one) for each, and the build makes each import one per language of UI_LANGUAGES,
 * of those modules. src/i18n/<language>.json, all of its words, for what imports it whole: the
 * studio's build uses it (rollup.studio.config.js).
 */
export function words() {
  return {
    name: 'words',
    resolveId: (source) => (/^(other-)?words:/.test(source) ? '\0' + source : null),
    load(id) {
      if (id === '\0words:names') return namesModule();
      const [, file, language] = id.match(/^\0((?:other-)?words):(.+)$/) ?? [];
      if (file) return wordsModule(language, file);
      return id.startsWith(WORDS) && id.endsWith('.json') ? wordsModule(basename(id, '.json')) : null;
    },
    transform(code, id) {
      if (id !== NPM_ENTRY) return null;
      // The first import is the `words` module's, the second the `other-words` one's.
      const anyLanguage = /import\(`\.\/i18n\/\$\{(\w+)\}\.json`\)/g;
      if (code.match(anyLanguage)?.length !== 2)
        this.error('src/index.ts no longer imports `./i18n/${language}.json` twice (words, other-words): the words would be missing');
      const files = ['words', 'other-words'];
      const each = (file) => UI_LANGUAGES.map((language) => `${JSON.stringify(language)}: () => import('${file}:${language}')`).join(', ');
      return {code: code.replace(anyLanguage, (_, language) => `({${each(files.shift())}})[${language}]()`), map: null};
    },
  };
}

/**
 * TypeScript to JavaScript for the browser bundles, by esbuild (a file at a time, no type check:
 * `npm run typecheck` does that once). @rollup/plugin-typescript builds a whole program for each
 * of the thirty-odd bundles, which took minutes; the npm build, which writes the .d.ts, keeps it.
 * The studio's build uses it too (rollup.studio.config.js).
 */
export function stripTypes() {
  const options = {loader: 'ts', target: 'es2022', tsconfigRaw: {compilerOptions: {useDefineForClassFields: false}}};
  return {
    name: 'strip-types',
    async transform(code, id) {
      if (!id.endsWith('.ts')) return null;
      const {code: js, map} = await transform(code, {...options, sourcefile: id, sourcemap: true});
      return {code: js, map};
    },
  };
}

/**
 * The drop-in's fetched modules borrow from the loader what it lends (src/loader/lent.ts, whose
 * imports list it): an import of a lent name reads the loader's copy, put on the page before
 * anything is fetched, instead of bundling another; the other names of the same file are bundled.
 */
/**
 * The drop-in's session checks the manifest without the messages of the check (the words a site
 * owner reads, src/core/manifest-messages.ts): each `SAY.…` of manifest.ts is `''` there, and what
 * the check refuses the loader has named by the `check` module, which has them. A first visit
 * downloads the check, not its messages. The npm build's session has them.
 */
const MANIFEST_CHECK = fileURLToPath(new URL('src/core/manifest.ts', import.meta.url));
function withoutMessages() {
  return {
    name: 'without-messages',
    transform(code, id) {
      if (id !== MANIFEST_CHECK) return null;
      const quiet = code
        .replace(/^import \{SAY\} from '\.\/manifest-messages\.js';$/m, '')
        // A message, its arguments with it (one level of parentheses inside them).
        .replace(/\bSAY\.\w+(?:\((?:[^()]|\([^()]*\))*\))?/g, "''");
      if (/\bSAY\b/.test(quiet))
        this.error('src/core/manifest.ts says a message the build cannot leave out (`SAY` with deeper parentheses?)');
      return {code: quiet, map: null};
    },
  };
}

const LENT_SOURCE = fileURLToPath(new URL('src/loader/lent.ts', import.meta.url));
function borrow() {
  const source = readFileSync(LENT_SOURCE, 'utf8');
  const order = source
    .match(/export const LENT = \[([^\]]*)\]/)[1]
    .split(',')
    .map((name) => name.trim())
    .filter(Boolean);
  /** Each lent file (its path) with the places in LENT of its lent names. */
  const lent = new Map();
  for (const [, names, file] of source.matchAll(/^import \{([^}]*)\} from '([^']+)';$/gm)) {
    // The names as written, one line or several, a trailing comma or none.
    const places = names
      .split(',')
      .map((name) => name.trim())
      .filter(Boolean)
      .map((name) => [name, order.indexOf(name)]);
    const missing = places.find(([, place]) => place < 0);
    if (missing) throw new Error(`src/loader/lent.ts imports ${missing[0]} but does not lend it (LENT)`);
    lent.set(fileURLToPath(new URL(file.replace(/\.js$/, '.ts'), pathToFileURL(LENT_SOURCE))), places);
  }
  return {
    name: 'borrow',
    async resolveId(source, importer, options) {
      if (source === '\0lent') return source;
      if (!importer || importer.startsWith('\0borrow:') || !source.startsWith('.')) return null;
      const resolved = await this.resolve(source, importer, {...options, skipSelf: true});
      return resolved && lent.has(resolved.id) ? '\0borrow:' + resolved.id : null;
    },
    async load(id) {
      // One reader of the lent list for the whole module, whatever the files it borrows from.
      if (id === '\0lent') return `const all = globalThis[Symbol.for('consent-banner.lent')];\nexport const lent = (place) => all[place];`;
      if (!id.startsWith('\0borrow:')) return null;
      const file = id.slice('\0borrow:'.length);
      const places = lent.get(file);
      const own = (await this.load({id: file})).exports.filter((name) => !places.some(([lentName]) => lentName === name));
      return [
        `import {lent} from '\0lent';`,
        ...places.map(([name, place]) => `export const ${name} = /*#__PURE__*/ lent(${place});`),
        own.length ? `export {${own.join(', ')}} from ${JSON.stringify(file)};` : '',
      ].join('\n');
    },
  };
}

/**
 * The names the drop-in's files use between themselves and nowhere else: the session's and the
 * views' methods the loader calls and the other way round, the consent state's that the session,
 * the recorder and the views read, the languages the loader chooses for the session. Shortened to
 * a capital letter (after the 26th, `$` and one) in every file of the drop-in alike (a name for
 * each, chosen here, never terser's: the files are minified apart and must agree). None is an
 * export, a member of the element's API, a field of the manifest, the record or the words (the
 * build stops on a name a schema of schema/ has), or a name the page's objects have (terser
 * leaves those of its list of the DOM's names as they are: `released`, `forget`…); the npm build
 * keeps them as written. A new method between the loader and a fetched module can
 * join the list (`npm run build && npm run budgets` says what it saves); the most used first,
 * the 26 single letters going to them.
 */
const SHORT_NAMES = [
  'record',
  'base',
  'held',
  'negated',
  'started',
  'allows',
  'mustAsk',
  'textLanguage',
  'recorded',
  'asking',
  'showBanner',
  'onChange',
  'settled',
  'resetViews',
  'honourSignals',
  'loadRecorder',
  'blocked',
  'preparePreferences',
  'prepareRecorder',
  'onBlocked',
  'onReleased',
  'fault',
  'texts',
  'loadWords',
  'current',
  'signals',
  'fingerprint',
  'sinks',
  'startWith',
  'honourGpc',
  'honourAdpc',
  'announce',
  'sessionOf',
];
/** Every property name a schema of schema/ names (the manifest's, the record's, the words'): data, never shortened. */
function schemaNames(node, found = new Set()) {
  if (node && typeof node === 'object') {
    for (const name of Object.keys(node.properties ?? {})) found.add(name);
    for (const value of Object.values(node)) schemaNames(value, found);
  }
  return found;
}
const DATA_NAMES = schemaNames(
  ['cookie-manifest', 'consent-record', 'words'].map((name) =>
    JSON.parse(readFileSync(new URL(`schema/${name}.schema.json`, import.meta.url), 'utf8'))
  )
);
const named = SHORT_NAMES.filter((name) => DATA_NAMES.has(name));
if (named.length) throw new Error(`SHORT_NAMES: ${named.join(', ')} is data (schema/), never to be shortened`);
const shortNames = {
  regex: new RegExp(`^(${SHORT_NAMES.join('|')})$`),
  // terser's cache, filled here (`$` before each name): every file gets the same short names.
  cache: () => ({
    props: {
      props: Object.fromEntries(SHORT_NAMES.map((name, i) => ['$' + name, (i < 26 ? '' : '$') + String.fromCharCode(65 + (i % 26))])),
    },
  }),
};
const terserOptions = {
  ecma: 2021,
  module: false,
  compress: {passes: 3},
  mangle: {properties: {regex: shortNames.regex}},
  format: {comments: false},
};
/**
 * Minifies each bundle with terser, in this process. @rollup/plugin-terser started a worker thread
 * for each of the thirty-odd bundles, which loaded terser and warmed it up anew each time:
 * `rollup -c` took 27 s of CPU with it, and takes 16 now, for the same bytes.
 */
const terser = (options) => ({
  name: 'terser',
  async renderChunk(code) {
    return (await minify(code, {...options, nameCache: shortNames.cache()})).code;
  },
});
/**
 * Minifies a loader built apart as the drop-in's are, its short names included (SHORT_NAMES), so
 * that it reads the files the build wrote: test/e2e/held-kinds.test.mjs builds one with a row of
 * its own.
 */
export const minifyAsDropIn = async (code) => (await minify(code, {...terserOptions, nameCache: shortNames.cache()})).code;
const browserBuild = () => [
  // The markup and the CSS inside html`` and css`` literals, minified: they ship as written.
  minifyLiterals({include: ['src/ui/**/*.ts'], failOnError: true}),
  nodeResolve({exportConditions: ['production'], extensions: ['.ts', '.js', '.mjs']}),
  stripTypes(),
];
const esModule = (input, file, plugins = []) => ({
  input,
  output: {file, format: 'es', plugins: [terser({...terserOptions, module: true})]},
  plugins: [...plugins, ...browserBuild()],
});

const NPM_ENTRY = fileURLToPath(new URL('src/index.ts', import.meta.url));
/** The npm build's chunk of each lazily loaded module, by its entry: `dist/chunks/<name>.js`, the words `words-<language>.js` and `other-words-<language>.js`. */
const NPM_MODULES = new Map([
  // The check re-exports core's code, which stays in the chunks it shares with the session.
  ...Object.entries(MODULES)
    .filter(([name]) => name !== 'check')
    .map(([name, entry]) => [fileURLToPath(new URL(entry, import.meta.url)), name]),
  ...['words', 'other-words'].flatMap((file) => UI_LANGUAGES.map((language) => [`\0${file}:${language}`, `${file}-${language}`])),
]);
const CORE_ENTRY = fileURLToPath(new URL('src/core/index.ts', import.meta.url));

/** Every module `entry` imports statically, directly or not, itself included. */
function staticImports(entry, getModuleInfo) {
  const found = new Set();
  for (const queue = [entry]; queue.length;) {
    const id = queue.pop();
    const info = getModuleInfo(id);
    if (found.has(id) || !info || info.isExternal) continue;
    found.add(id);
    queue.push(...info.importedIds);
  }
  return found;
}

/**
 * The npm build's chunks: what the element entry imports, in a chunk of its own (`elements`),
 * apart from what it shares with `consent-banner/core` or a lazily loaded module (`shared`).
 * src/index.ts then stays alone in dist/index.js with its registration. Left to itself, rollup put the entry's code in a chunk
 * with the modules the lazily loaded parts import back, and made dist/index.js a bare re-export
 * of it: bundlers trusting package.json's `sideEffects` (which names dist/index.js) then dropped
 * that chunk, and the registration with it.
 */
function elementsApart(id, {getModuleInfo}) {
  const elements = staticImports(NPM_ENTRY, getModuleInfo);
  if (id === NPM_ENTRY || id === CORE_ENTRY || !elements.has(id)) return undefined;
  // consent-banner/core imports the chunks of the lazily loaded modules that hold some of its code
  // (the session's: parseManifest); what those import of the element's (src/loader/lazy.ts) is
  // shared too, so that core never imports the elements (they read HTMLElement).
  const core = staticImports(CORE_ENTRY, getModuleInfo);
  const withCore = [...NPM_MODULES.keys()].filter((entry) =>
    [...staticImports(entry, getModuleInfo)].some((m) => core.has(m) && !elements.has(m))
  );
  return [CORE_ENTRY, ...withCore].some((entry) => staticImports(entry, getModuleInfo).has(id)) ? 'shared' : 'elements';
}

/**
 * Names every chunk of the npm build, so that its file names (and their size budgets) stay put
 * when code moves: each lazily loaded module in a chunk named for it (`session`, `first-layer`,
 * `words`…); what the element entry imports, `elements` and `shared` (above); what several lazy
 * modules share, a chunk named for them all (`first-layer_preferences`); what `consent-banner/core`
 * shares with one of them only, a chunk named for both (`core_session`). Nothing is left to
 * rollup's naming, which took a module's file name and numbered the clashes (`index2.js`).
 */
function npmChunks(id, api) {
  const apart = elementsApart(id, api);
  if (apart || id === NPM_ENTRY || id === CORE_ENTRY) return apart;
  if (NPM_MODULES.has(id)) return NPM_MODULES.get(id);
  const users = [...NPM_MODULES].filter(([entry]) => staticImports(entry, api.getModuleInfo).has(id)).map(([, name]) => name);
  // Core's share with one lazy module (the manifest check with the session, the record maker with
  // the recorder) stays out of that module's chunk: core would import its code too, and the
  // recorder's touches the page.
  if (users.length === 1 && staticImports(CORE_ENTRY, api.getModuleInfo).has(id)) return `core_${users[0]}`;
  return users.length > 1 ? users.sort().join('_') : users[0];
}

export default [
  {
    // The drop-in: a classic script holding the loader only (no Lit, no decisions), README, “Drop it in”.
    // Without "use strict" (every page view downloads it): its classes, most of the code, are strict
    // all the same, and TypeScript holds the rest to what strict mode allows.
    input: 'src/drop-in.ts',
    output: {file: 'dist/consent-banner.min.js', format: 'iife', strict: false, plugins: [terser(terserOptions)]},
    plugins: browserBuild(),
  },
  // What the drop-in fetches from beside itself, ES modules, only when needed (MODULES): the
  // session, the recorder, Consent Mode, the log, and the views, none of them holding words;
  // then the words, two files per built-in language (above), fetched beside the view that needs them.
  ...Object.entries(MODULES).map(([name, entry]) =>
    esModule(entry, `dist/consent-banner-${name}.min.js`, name === 'session' ? [withoutMessages(), borrow()] : [borrow()])
  ),
  ...['words', 'other-words'].flatMap((file) =>
    UI_LANGUAGES.map((language) => esModule(`${file}:${language}`, `dist/consent-banner-${file}.${language}.min.js`, [words()]))
  ),
  {
    // The ES modules for npm users (package.json `exports`): `consent-banner`, the element entry,
    // and `consent-banner/core`, which touches no page. lit and js-cookie stay imports; types
    // beside them; the session, the recorder and the views are chunks.
    input: {index: 'src/index.ts', 'core/index': 'src/core/index.ts'},
    output: {dir: 'dist', format: 'es', chunkFileNames: 'chunks/[name].js', manualChunks: npmChunks},
    external: [/^lit($|\/)/, /^@lit\//, 'js-cookie'],
    plugins: [minifyLiterals({include: ['src/ui/**/*.ts'], failOnError: true}), typescript({declaration: true, outDir: 'dist'}), words()],
  },
];
