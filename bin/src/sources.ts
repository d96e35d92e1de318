import {open} from 'node:fs/promises';
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

/**
 * The most the commands read of what they are given: a manifest, 1 MB, as the banner (which
 * refuses a larger one); a page, 10 MB. Past it the reading stops at once (a body that never
 * ends once took the CLI to 3.8 GB).
 */
export const MAX_BYTES: Record<string, number> = {manifest: 1_000_000, page: 10_000_000};
const limitOf = (what: string) => MAX_BYTES[what] ?? MAX_BYTES.page;
const tooLarge = (what: string, source: string) =>
  new CliError(
    `the ${what} ${source} is larger than ${limitOf(what) / 1_000_000} MB${what === 'manifest' ? ', more than the banner reads' : ''}`
  );

const reasonOf = (error: unknown) => {
  const cause = (error as {cause?: {code?: string; message?: string}}).cause;
  return cause?.code ?? cause?.message ?? (error as Error).message;
};

/** The text of a file or of an http(s) URL, with clear errors for a missing file, an unreachable URL or one too large. */
export async function readSource(source: string, what: string): Promise<string> {
  const limit = limitOf(what);
  const decode = (chunks: Uint8Array[]) => new TextDecoder().decode(Buffer.concat(chunks));
  if (isUrl(source)) {
    let response: Response;
    try {
      response = await fetch(source, {signal: AbortSignal.timeout(20_000), redirect: 'follow'});
    } catch (error) {
      throw new CliError(`cannot fetch the ${what} ${source}: ${reasonOf(error)}`);
    }
    if (!response.ok)
      throw new CliError(`cannot fetch the ${what} ${source}: the server answered ${response.status} ${response.statusText}`.trim());
    if (Number(response.headers.get('content-length')) > limit) {
      await response.body?.cancel().catch(() => undefined);
      throw tooLarge(what, source);
    }
    const chunks: Uint8Array[] = [];
    let size = 0;
    const reader = response.body?.getReader();
    try {
      for (let read = await reader?.read(); read && !read.done; read = await reader!.read()) {
        if ((size += read.value.byteLength) > limit) {
          await reader!.cancel().catch(() => undefined);
          throw tooLarge(what, source);
        }
        chunks.push(read.value);
      }
    } catch (error) {
      if (error instanceof CliError) throw error;
      throw new CliError(`cannot fetch the ${what} ${source}: ${reasonOf(error)}`);
    }
    return decode(chunks);
  }
  let file;
  try {
    file = await open(source, 'r');
    // Read in pieces, never more than the limit: a device or a pipe has no size to ask for first.
    const chunks: Uint8Array[] = [];
    let size = 0;
    for (;;) {
      const {bytesRead, buffer} = await file.read({buffer: Buffer.alloc(65_536)});
      if (!bytesRead) break;
      if ((size += bytesRead) > limit) throw tooLarge(what, source);
      chunks.push(buffer.subarray(0, bytesRead));
    }
    return decode(chunks);
  } catch (error) {
    if (error instanceof CliError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new CliError(`${what} not found: ${source}`);
    if (code === 'EISDIR') throw new CliError(`the ${what} ${source} is a directory, not a file`);
    throw new CliError(`cannot read the ${what} ${source}: ${(error as Error).message}`);
  } finally {
    await file?.close();
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
