import nodeResolve from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import typescript from '@rollup/plugin-typescript';
import {fileURLToPath} from 'node:url';

const UI_LANGUAGES = ['en', 'fr', 'de', 'es', 'it', 'nl', 'pt'];

/** Replaces `src/ui/strings.ts`'s table of every language by one holding `language` only. */
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
      return `import {${language}} from ${JSON.stringify(strings)};\nexport const UI_STRINGS = {${language}};`;
    },
  };
}

const terserOptions = {ecma: 2021, module: false, compress: {passes: 2}, format: {comments: false}};
const browserBuild = () => [
  nodeResolve({exportConditions: ['production']}),
  typescript({declaration: false, declarationMap: false, outDir: 'dist'}),
];

export default [
  {
    // The drop-in: a classic script holding the loader only (no Lit), js-cookie bundled (CONTRACT §1).
    input: 'src/drop-in.ts',
    output: {file: 'dist/consent-banner.min.js', format: 'iife', plugins: [terser(terserOptions)]},
    plugins: browserBuild(),
  },
  // The drop-in's UI, an ES module fetched from beside it only when something must be shown:
  // one file per built-in language, holding that language's words only.
  ...UI_LANGUAGES.map((language) => ({
    input: 'src/ui/index.ts',
    output: {
      file: `dist/consent-banner-ui.${language}.min.js`,
      format: 'es',
      plugins: [terser({...terserOptions, module: true})],
    },
    plugins: [oneLanguage(language), ...browserBuild()],
  })),
  {
    // The ES module for npm users: lit and js-cookie stay imports; types beside it; the UI a chunk.
    input: 'src/index.ts',
    output: {dir: 'dist', format: 'es', chunkFileNames: 'chunks/[name].js'},
    external: [/^lit($|\/)/, /^@lit\//, 'js-cookie'],
    plugins: [typescript({declaration: true, outDir: 'dist'})],
  },
];
