import {readFile} from 'node:fs/promises';
import {formatIssue} from '../../src/core/manifest.js';
import {checkManifest as checkJson} from '../../src/core/manifest-lint.js';
import type {Manifest, ManifestIssue} from '../../src/core/manifest.types.js';
import {JsonSyntaxError, readJson} from './json-source.js';
import type {Position} from './json-source.js';

/*
 * Reading what the commands are given: a file or an http(s) URL, and a manifest checked by the
 * very function the banner runs (`parseManifest` of src/core/manifest.ts, bundled into the CLI),
 * followed by the site owner's lints (`lintManifest` of src/core/manifest-lint.ts).
 */

/** A problem that stops a command before it can answer: exit code 2. */
export class CliError extends Error {}

export const isUrl = (source: string) => /^https?:\/\//i.test(source);

/** The text of a file or of an http(s) URL, with clear errors for a missing file or an unreachable URL. */
export async function readSource(source: string, what: string): Promise<string> {
  if (isUrl(source)) {
    let response: Response;
    try {
      response = await fetch(source, {signal: AbortSignal.timeout(20_000), redirect: 'follow'});
    } catch (error) {
      const cause = (error as {cause?: {code?: string; message?: string}}).cause;
      const reason = cause?.code ?? cause?.message ?? (error as Error).message;
      throw new CliError(`cannot fetch the ${what} ${source}: ${reason}`);
    }
    if (!response.ok) throw new CliError(`cannot fetch the ${what} ${source}: the server answered ${response.status} ${response.statusText}`.trim());
    return response.text();
  }
  try {
    return await readFile(source, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new CliError(`${what} not found: ${source}`);
    if (code === 'EISDIR') throw new CliError(`the ${what} ${source} is a directory, not a file`);
    throw new CliError(`cannot read the ${what} ${source}: ${(error as Error).message}`);
  }
}

/** One problem of a manifest file, placed in the file. */
export interface PlacedIssue extends ManifestIssue, Position {}

export type CheckedManifest =
  | {ok: true; manifest: Manifest; warnings: PlacedIssue[]; value: unknown}
  | {ok: false; errors: PlacedIssue[]; warnings: PlacedIssue[]};

/**
 * Parses and checks a manifest's text: JSON syntax, then the runtime check and the lints, each
 * issue with its line. With `base`, the URL the manifest is served from, its relative links are
 * checked as the URLs they resolve to.
 */
export function checkManifest(text: string, base?: string): CheckedManifest {
  let json;
  try {
    json = readJson(text);
  } catch (error) {
    if (!(error instanceof JsonSyntaxError)) throw error;
    return {ok: false, errors: [{path: 'manifest', message: error.message, ...error.position}], warnings: []};
  }
  const place = (issue: ManifestIssue): PlacedIssue => ({...issue, ...json.locate(issue.path)});
  const duplicates = json.duplicates.map((d) => ({
    path: d.path,
    message: 'is given twice; only the last one counts',
    ...d.position,
  }));
  const result = checkJson(json.value, {base});
  if (!result.ok) return {ok: false, errors: result.errors.map(place), warnings: duplicates};
  return {ok: true, manifest: result.manifest, warnings: [...duplicates, ...result.warnings.map(place)], value: json.value};
}

/** Reads and checks a manifest; a manifest that cannot be used is a CliError naming its first problem. */
export async function loadManifest(source: string): Promise<{manifest: Manifest; warnings: PlacedIssue[]}> {
  const checked = checkManifest(await readSource(source, 'manifest'));
  if (!checked.ok) {
    const [first] = checked.errors;
    throw new CliError(`${source}:${first.line}:${first.column}: the manifest is invalid: ${formatIssue(first)}`);
  }
  return checked;
}
