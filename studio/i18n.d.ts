// The banner's own words (src/i18n/<tag>.json), imported as a module: rollup's `words` plugin
// (rollup.config.js) turns the file into one, as the npm build does.
declare module '*/i18n/en.json' {
  const words: Record<string, unknown>;
  export default words;
}

// Each built-in language (UI_LANGUAGES) with its name in itself (its words file's `$name`), in
// that list's order: rollup's `words` plugin makes it.
declare module 'words:names' {
  const names: [tag: string, name: string][];
  export default names;
}
