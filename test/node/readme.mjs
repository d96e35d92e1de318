// The README's checked snippets: each code block that follows `<!-- checked: name -->`.
import {readFileSync} from 'node:fs';
import {root} from './load-core.mjs';

/** name → {lang, code}, in README order. */
export function readmeSnippets() {
  const readme = readFileSync(`${root}README.md`, 'utf8');
  const found = new Map();
  for (const [, name, lang, code] of readme.matchAll(/<!-- checked: ([\w-]+) -->\n```(\w+)\n([\s\S]*?)\n```/g)) {
    found.set(name, {lang, code});
  }
  return found;
}
