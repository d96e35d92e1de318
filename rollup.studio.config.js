import nodeResolve from '@rollup/plugin-node-resolve';
import {stripTypes, words} from './rollup.config.js';

/*
 * The manifest studio (studio/): its page and its preview frame, as ES modules beside the
 * banner's bundles (dist/studio.js, dist/studio-preview.js and their shared chunk). A dev and
 * marketer tool, kept apart from dist/consent-banner.min.js, which never includes it. Not minified.
 * Types are stripped by esbuild, as for the banner's bundles: `npm run typecheck` checks studio/
 * (tsconfig.test.json) once, instead of a whole TypeScript program here (8.7 s of CPU).
 */
export default {
  input: {studio: 'studio/studio.ts', 'studio-preview': 'studio/preview-page.ts'},
  output: {dir: 'dist', format: 'es', entryFileNames: '[name].js', chunkFileNames: 'studio-[name].js'},
  plugins: [
    // package.json's sideEffects speak of dist/ for npm users; here src/index.ts is imported for its elements.
    nodeResolve({exportConditions: ['production'], extensions: ['.ts', '.js', '.mjs'], ignoreSideEffectsForRoot: true}),
    stripTypes(),
    // The banner's words (src/i18n/<language>.json), one chunk per language, as in the npm build.
    words(),
  ],
};
