import nodeResolve from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import typescript from '@rollup/plugin-typescript';

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
  {
    // The drop-in's UI, an ES module fetched from beside it only when something must be shown.
    input: 'src/ui/index.ts',
    output: {file: 'dist/consent-banner-ui.min.js', format: 'es', plugins: [terser({...terserOptions, module: true})]},
    plugins: browserBuild(),
  },
  {
    // The ES module for npm users: lit and js-cookie stay imports; types beside it; the UI a chunk.
    input: 'src/index.ts',
    output: {dir: 'dist', format: 'es', chunkFileNames: 'chunks/[name].js'},
    external: [/^lit($|\/)/, /^@lit\//, 'js-cookie'],
    plugins: [typescript({declaration: true, outDir: 'dist'})],
  },
];
