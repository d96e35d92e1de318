import {readFile} from 'node:fs/promises';
import {checkManifest} from '../../src/core/manifest-check.js';
import type {PlacedIssue} from '../../src/core/manifest-check.js';
import {formatIssue} from '../../src/core/manifest.js';
import type {Manifest} from '../../src/core/manifest.types.js';

/*
 * Reading what the commands are given: a file or an http(s) URL, and a manifest checked by the
 * very function the banner runs (`parseManifest` of src/core/manifest.ts, bundled into the CLI),
 * followed by the site owner's lints: `checkManifest` of src/core/manifest-check.ts, which
 * `consent-banner/core` exports, each issue placed in the file.
 */

export {checkManifest};
export type {PlacedIssue};

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

/** Reads and checks a manifest; a manifest that cannot be used is a CliError naming its first problem. */
export async function loadManifest(source: string): Promise<{manifest: Manifest; warnings: PlacedIssue[]}> {
  const checked = checkManifest(await readSource(source, 'manifest'));
  if (!checked.ok) {
    const [first] = checked.errors;
    throw new CliError(`${source}:${first.line}:${first.column}: the manifest is invalid: ${formatIssue(first)}`);
  }
  return checked;
}
