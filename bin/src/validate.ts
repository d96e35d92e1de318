import {needsBanner} from '../../src/core/decision.js';
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
  const checked = checkManifest(await readSource(file, 'manifest'), {base});
  if (!checked.ok) return {file, valid: false, errors: checked.errors, warnings: checked.warnings};
  const {manifest} = checked;
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
