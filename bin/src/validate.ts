import {dirname, resolve} from 'node:path';
import {needsBanner} from '../../src/core/decision.js';
import {readJson} from '../../src/core/json-source.js';
import type {Position} from '../../src/core/json-source.js';
import {builtInOf} from '../../src/core/language.js';
import type {Manifest} from '../../src/core/manifest.types.js';
import {checkWords} from '../../src/core/words-check.js';
import english from '../../src/i18n/en.json';
import {UI_LANGUAGES} from '../../src/core/language.js';
import {checkManifest, isUrl, readSource} from './sources.js';
import type {PlacedIssue} from './sources.js';

/*
 * `consent-banner validate <manifest>…`: the runtime's own check, each problem with its JSON
 * path and its line and column in the file (`file:line:column: error: path: message`, the form
 * editors and CI annotate). Exit 1 when a manifest is invalid (or, with --strict, warns).
 */

export interface ValidateResult {
  file: string;
  valid: boolean;
  errors: PlacedIssue[];
  warnings: PlacedIssue[];
  categories?: number;
  services?: number;
  banner?: boolean;
}

/**
 * `base` (`--base`) is where the manifest is served: its relative links are checked as the URLs
 * they resolve to. Without it, a manifest given by URL resolves against its own; a local file's
 * relative links only need to be links that can lead to http(s) (README, “Command line”).
 */
export async function validate(file: string, base = isUrl(file) ? file : undefined): Promise<ValidateResult> {
  const text = await readSource(file, 'manifest');
  const checked = checkManifest(text, {base});
  if (!checked.ok) return {file, valid: false, errors: checked.errors, warnings: checked.warnings};
  const {manifest} = checked;
  const words = await checkSiteWords(manifest, file, base, (path) => readJson(text).locate(path));
  if (words.length) return {file, valid: false, errors: words, warnings: checked.warnings};
  return {
    file,
    valid: true,
    errors: [],
    warnings: checked.warnings,
    categories: manifest.categories.length,
    services: manifest.services.length,
    banner: needsBanner(manifest),
  };
}

/**
 * The site's own words (the manifest's `words`, README “A site's own language”), each file read
 * and checked as the banner checks it: every key of the English words, none empty, the same
 * placeholders, no markup. Each problem is an error at the manifest's `words.<tag>`, naming the
 * key. A link resolves against `base` (or the manifest's URL); for a local manifest, against its
 * folder (`/words.ga.json` too: the site's root is taken to be that folder). A built-in
 * language's entry is not read: the check warned that the banner keeps its own words.
 */
async function checkSiteWords(
  manifest: Manifest,
  file: string,
  base: string | undefined,
  locate: (path: string) => Position
): Promise<PlacedIssue[]> {
  const errors: PlacedIssue[] = [];
  for (const [tag, link] of Object.entries(manifest.words ?? {})) {
    if (builtInOf(tag, UI_LANGUAGES)) continue;
    const place = {path: `words.${tag}`, ...locate(`words.${tag}`)};
    const where = base || /^https?:/i.test(link) ? new URL(link, base).href : resolve(dirname(file), link.replace(/^\/+/, ''));
    let json: unknown;
    try {
      json = JSON.parse(await readSource(where, 'manifest'));
    } catch (error) {
      errors.push({...place, message: `cannot read the words in ${where}: ${(error as Error).message}`});
      continue;
    }
    for (const issue of checkWords(json, tag, english)) errors.push({...place, message: `${where}: ${issue.path}: ${issue.message}`});
  }
  return errors;
}

const line = (file: string, kind: string, issue: PlacedIssue) =>
  `${file}:${issue.line}:${issue.column}: ${kind}: ${issue.path === 'manifest' ? '' : `${issue.path}: `}${issue.message}`;

export function formatValidation(result: ValidateResult): string {
  const lines = [
    ...result.errors.map((e) => line(result.file, 'error', e)),
    ...result.warnings.map((w) => line(result.file, 'warning', w)),
  ];
  if (result.valid) {
    const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
    lines.push(
      `${result.file}: valid (${count(result.categories!, 'category', 'categories')}, ${count(result.services!, 'service', 'services')}; ` +
        `${result.banner ? 'a banner asks for consent' : 'no banner: nothing needs consent'})`
    );
  }
  return lines.join('\n');
}
