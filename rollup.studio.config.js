import nodeResolve from '@rollup/plugin-node-resolve';
import typescript from '@rollup/plugin-typescript';

/*
 * The manifest studio (studio/): its page and its preview frame, as ES modules beside the
 * banner's bundles (dist/studio.js, dist/studio-preview.js and their shared chunk). A dev and
 * marketer tool, kept apart from dist/consent-banner.min.js, which never includes it. Not minified.
 */
export default {
  input: {studio: 'studio/studio.ts', 'studio-preview': 'studio/preview-page.ts'},
  output: {dir: 'dist', format: 'es', entryFileNames: '[name].js', chunkFileNames: 'studio-[name].js'},
  plugins: [
    nodeResolve({exportConditions: ['production']}),
    typescript({tsconfig: 'studio/tsconfig.json', outDir: 'dist', declaration: false, declarationMap: false}),
  ],
};
