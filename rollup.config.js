import minifyLiterals from '@lit-labs/rollup-plugin-minify-html-literals';
import nodeResolve from '@rollup/plugin-node-resolve';
import typescript from '@rollup/plugin-typescript';
import {transform} from 'esbuild';
import {readFileSync} from 'node:fs';
import {minify} from 'terser';
import {fileURLToPath} from 'node:url';

/** The built-in UI languages: the one list, in src/view-contract.ts (UI_LANGUAGES). */
const UI_LANGUAGES = JSON.parse(
  readFileSync(new URL('src/view-contract.ts', import.meta.url), 'utf8')
    .match(/export const UI_LANGUAGES = (\[[^\]]*\])/)[1]
    .replace(/'/g, '"')
);

/** Replaces `src/ui/strings.ts`'s tables of every language by tables holding `language` only. */
function oneLanguage(language) {
  const strings = fileURLToPath(new URL('src/ui/strings.ts', import.meta.url));
  const only = '\0ui-strings-' + language;
  return {
    name: 'one-language',
    resolveId(source, importer) {
      if (source === './strings.js' && importer && !importer.startsWith('\0') && importer.includes('/src/ui/')) return only;
      return null;
    },
    load(id) {
      if (id !== only) return null;
      return (
        `import {${language}Banner, ${language}Details, ${language}Embeds, ${language}Reopen, ${language}Direction} from ${JSON.stringify(strings)};\n` +
        `export const BANNER_STRINGS = {${language}: ${language}Banner};\n` +
        `export const DETAIL_STRINGS = {${language}: ${language}Details};\n` +
        `export const EMBED_STRINGS = {${language}: ${language}Embeds};\n` +
        `export const REOPEN_LABELS = {${language}: ${language}Reopen};\n` +
        `export const DIRECTIONS = {${language}: ${language}Direction};`
      );
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

export default [
  {
    // The drop-in: a classic script holding the loader only (no Lit, no decisions), README, “Drop it in”.
    input: 'src/drop-in.ts',
    output: {file: 'dist/consent-banner.min.js', format: 'iife', plugins: [terser(terserOptions)]},
    plugins: browserBuild(),
  },
  // What the drop-in fetches from beside itself, ES modules, only when needed: the recorder
  // (a decision is to be made), and per built-in language, the first layer, the embeds'
  // placeholders, the preferences with the declaration, and the re-open control, each holding
  // that language's words only.
  esModule('src/loader/core-module.ts', 'dist/consent-banner-core.min.js'),
  esModule('src/loader/recorder-module.ts', 'dist/consent-banner-recorder.min.js'),
  // Google Consent Mode and the tag-manager event, for the manifests that ask for them.
  esModule('src/loader/mode-module.ts', 'dist/consent-banner-mode.min.js'),
  // The site's consent log, for the manifests that have one.
  esModule('src/loader/log-module.ts', 'dist/consent-banner-log.min.js'),
  ...UI_LANGUAGES.flatMap((language) => [
    esModule('src/ui/index.ts', `dist/consent-banner-ui.${language}.min.js`, [oneLanguage(language)]),
    esModule('src/ui/embeds.ts', `dist/consent-banner-embeds.${language}.min.js`, [oneLanguage(language)]),
    esModule('src/ui/details.ts', `dist/consent-banner-details.${language}.min.js`, [oneLanguage(language)]),
    esModule('src/ui/reopen.ts', `dist/consent-banner-reopen.${language}.min.js`, [oneLanguage(language)]),
  ]),
  {
    // The ES modules for npm users (package.json `exports`): `consent-banner`, the element entry,
    // and `consent-banner/core`, which touches no page. lit and js-cookie stay imports; types
    // beside them; the session, the recorder and the views are chunks.
    input: {index: 'src/index.ts', 'core/index': 'src/core/index.ts'},
    output: {dir: 'dist', format: 'es', chunkFileNames: 'chunks/[name].js', manualChunks: elementsApart},
    external: [/^lit($|\/)/, /^@lit\//, 'js-cookie'],
    plugins: [minifyLiterals({include: ['src/ui/**/*.ts'], failOnError: true}), typescript({declaration: true, outDir: 'dist'})],
  },
];
