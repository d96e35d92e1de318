// The banner's own words (src/i18n/<tag>.json), imported as a module: rollup's `words` plugin
// (rollup.config.js) turns the file into one, as the npm build does.
declare module '*/i18n/en.json' {
  const words: Record<string, unknown>;
  export default words;
}
