import nodeResolve from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import typescript from '@rollup/plugin-typescript';

const terserOptions = {ecma: 2021, module: false, compress: {passes: 2}, format: {comments: false}};

export default [
  {
    // The drop-in: one classic script with Lit and js-cookie bundled (CONTRACT §1).
    input: 'src/drop-in.ts',
    output: {file: 'dist/consent-banner.min.js', format: 'iife', plugins: [terser(terserOptions)]},
    plugins: [
      nodeResolve({exportConditions: ['production']}),
      typescript({declaration: false, declarationMap: false, outDir: 'dist'}),
    ],
  },
  {
    // The ES module for npm users: lit and js-cookie stay imports; types beside it.
    input: 'src/index.ts',
    output: {dir: 'dist', format: 'es'},
    external: [/^lit($|\/)/, /^@lit\//, 'js-cookie'],
    plugins: [typescript({declaration: true, outDir: 'dist'})],
  },
];
