import minifyLiterals from '@lit-labs/rollup-plugin-minify-html-literals';
import nodeResolve from '@rollup/plugin-node-resolve';
import typescript from '@rollup/plugin-typescript';
import {transform} from 'esbuild';
import {readFileSync} from 'node:fs';
import {basename} from 'node:path';
import {minify} from 'terser';
import {fileURLToPath} from 'node:url';

/** The built-in UI languages: the one list, in src/core/language.ts (UI_LANGUAGES). */
const UI_LANGUAGES = JSON.parse(
  readFileSync(new URL('src/core/language.ts', import.meta.url), 'utf8')
    .match(/export const UI_LANGUAGES = (\[[^\]]*\])/)[1]
    .replace(/'/g, '"')
);

/**
 * What the drop-in fetches from beside itself (src/loader/modules.ts, `Modules`), each module's
 * entry: `dist/consent-banner-<name>.min.js`. The words are one file per language (`WORDS`).
 */
const MODULES = {
  session: 'src/loader/session.ts',
  recorder: 'src/browser/recorder.ts',
  mode: 'src/browser/mode.ts',
  log: 'src/browser/log.ts',
  'first-layer': 'src/ui/first-layer.ts',
  embeds: 'src/ui/embeds.ts',
  preferences: 'src/ui/preferences.ts',
  reopen: 'src/ui/reopen.ts',
  'site-words': 'src/loader/site-words.ts',
};

/** The words, one file per language: src/i18n/<language>.json (schema/words.schema.json). */
const WORDS = fileURLToPath(new URL('src/i18n/', import.meta.url));

/** A words file as a module: its data, but for `$schema` (for editors) and `$sources` (for reviewers). */
function wordsModule(language) {
  const {$schema, $sources, ...words} = JSON.parse(readFileSync(`${WORDS}${language}.json`, 'utf8'));
  return `export default ${JSON.stringify(words)};`;
}

/**
 * The words as modules: `words:<language>`, the entry of the drop-in's words file
 * (`consent-banner-words.<language>.min.js`); src/i18n/<language>.json, which src/index.ts imports
 * as `./i18n/${language}.json` (a JSON module, as bundlers import one): that one import becomes
 * one per language of UI_LANGUAGES, so that each language is a chunk of its own. The studio's
 * build uses it too (rollup.studio.config.js).
 */
export function words() {
  return {
    name: 'words',
    resolveId: (source) => (source.startsWith('words:') ? '\0' + source : null),
    load(id) {
      if (id.startsWith('\0words:')) return wordsModule(id.slice('\0words:'.length));
      return id.startsWith(WORDS) && id.endsWith('.json') ? wordsModule(basename(id, '.json')) : null;
    },
    transform(code, id) {
      if (id !== NPM_ENTRY) return null;
      const anyLanguage = /import\(`\.\/i18n\/\$\{(\w+)\}\.json`\)/;
      if (!anyLanguage.test(code)) this.error('src/index.ts no longer imports `./i18n/${language}.json`: the words would be missing');
      const each = UI_LANGUAGES.map((language) => `${JSON.stringify(language)}: () => import('./i18n/${language}.json')`).join(', ');
      return {code: code.replace(anyLanguage, `({${each}})[$1]()`), map: null};
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

const terserOptions = {ecma: 2021, module: false, compress: {passes: 2}, format: {comments: false}};
/**
 * Minifies each bundle with terser, in this process. @rollup/plugin-terser started a worker thread
 * for each of the thirty-odd bundles, which loaded terser and warmed it up anew each time:
 * `rollup -c` took 27 s of CPU with it, and takes 16 now, for the same bytes.
 */
const terser = (options) => ({
  name: 'terser',
  async renderChunk(code) {
    return (await minify(code, options)).code;
  },
});
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
/** The npm build's chunk of each lazily loaded module, by its entry: `dist/chunks/<name>.js`, the words `words-<language>.js`. */
const NPM_MODULES = new Map([
  ...Object.entries(MODULES).map(([name, entry]) => [fileURLToPath(new URL(entry, import.meta.url)), name]),
  ...UI_LANGUAGES.map((language) => [`${WORDS}${language}.json`, `words-${language}`]),
]);
const CORE_ENTRY = fileURLToPath(new URL('src/core/index.ts', import.meta.url));

/** Every module `entry` imports statically, directly or not, itself included. */
function staticImports(entry, getModuleInfo) {
  const found = new Set();
  for (const queue = [entry]; queue.length; ) {
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
 * apart from what it shares with `consent-banner/core` (`shared`). src/index.ts then stays alone in
 * dist/index.js with its registration. Left to itself, rollup put the entry's code in a chunk
 * with the modules the lazily loaded parts import back, and made dist/index.js a bare re-export
 * of it: bundlers trusting package.json's `sideEffects` (which names dist/index.js) then dropped
 * that chunk, and the registration with it.
 */
function elementsApart(id, {getModuleInfo}) {
  const elements = staticImports(NPM_ENTRY, getModuleInfo);
  const core = staticImports(CORE_ENTRY, getModuleInfo);
  if (id === NPM_ENTRY || id === CORE_ENTRY || !elements.has(id)) return undefined;
  return core.has(id) ? 'shared' : 'elements';
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
    input: 'src/drop-in.ts',
    output: {file: 'dist/consent-banner.min.js', format: 'iife', plugins: [terser(terserOptions)]},
    plugins: browserBuild(),
  },
  // What the drop-in fetches from beside itself, ES modules, only when needed (MODULES): the
  // session, the recorder, Consent Mode, the log, and the views, none of them holding words;
  // then the words, one file per built-in language, fetched beside the view that needs them.
  ...Object.entries(MODULES).map(([name, entry]) => esModule(entry, `dist/consent-banner-${name}.min.js`)),
  ...UI_LANGUAGES.map((language) => esModule(`words:${language}`, `dist/consent-banner-words.${language}.min.js`, [words()])),
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
