import type {ManifestIssue} from '../core/manifest.types.js';

/*
 * Getting the manifest from where the page says it is: an object, `#id` of an inline
 * `<script type="application/json">`, or a URL. Every failure becomes a ParseResult error, so
 * the caller has one path to fail closed on: an HTTP error, a network error, an HTML page where
 * JSON was expected, more than 1 MB (refused without reading the rest), or no answer in time.
 */

const MAX_BYTES = 1_000_000;
/** How long a manifest URL may take to answer, body included, before the page goes on without it. */
export const MANIFEST_TIMEOUT_MS = 10_000;

export interface LoadManifestOptions {
  /** Milliseconds before giving up on a manifest URL; default MANIFEST_TIMEOUT_MS (10 s). */
  timeoutMs?: number;
}

/**
 * The manifest as JSON, before any check, with `base`, the URL its relative links resolve against
 * (where it was fetched from, after redirects; the page's for an inline or object manifest), or
 * why it could not be had.
 */
export type ManifestJson = {ok: true; json: unknown; base: string} | {ok: false; errors: ManifestIssue[]};

const failure = (message: string): ManifestJson => ({ok: false, errors: [{path: 'manifest', message}]});

/** The JSON in `text`, read from `where`: at most MAX_BYTES. */
function parseJson(text: string | null, where: string, base: string): ManifestJson {
  try {
    if (text === null || text.length > MAX_BYTES) return failure(`${where} is larger than 1 MB`);
    return {ok: true, json: JSON.parse(text), base};
  } catch (error) {
    return failure(`${where} is not valid JSON (${(error as Error).message})`);
  }
}

/** The body as text, or `null` as soon as it is known to pass MAX_BYTES (the rest is not read). */
async function readAtMost(response: Response): Promise<string | null> {
  if (Number(response.headers.get('content-length')) > MAX_BYTES) return null;
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let text = '';
  for (let size = 0; ;) {
    const {done, value} = await reader.read();
    if (done) return text + decoder.decode();
    text += decoder.decode(value, {stream: true});
    if ((size += value.byteLength) > MAX_BYTES) {
      void reader.cancel().catch(() => {});
      return null;
    }
  }
}

/**
 * The manifest's JSON from `source`, unchecked: the manifest itself, `#id` of an inline JSON
 * script in `doc`, or a URL resolved against the page; and the URL its links resolve against
 * (`doc.baseURI` but for a fetched manifest). Never rejects.
 */
export async function readManifestJson(
  source: unknown,
  doc: Document = document,
  {timeoutMs = MANIFEST_TIMEOUT_MS}: LoadManifestOptions = {}
): Promise<ManifestJson> {
  if (typeof source !== 'string') return {ok: true, json: source, base: doc.baseURI};
  if (source[0] === '#') {
    const inline = doc.getElementById(source.slice(1));
    return inline
      ? parseJson(inline.textContent, `the manifest in ${source}`, doc.baseURI)
      : failure(`no element ${source} holds the manifest`);
  }
  if (!source.trim()) return failure('no manifest given: set the manifest attribute or data-manifest');
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), timeoutMs);
  try {
    const url = new URL(source, doc.baseURI);
    const response = await fetch(url, {credentials: 'same-origin', signal: abort.signal});
    if (!response.ok) return failure(`could not load ${source} (HTTP ${response.status})`);
    const type = response.headers.get('content-type')?.split(';')[0].trim();
    if (/html/i.test(type!)) return failure(`${source} is an HTML page (${type}), not JSON: check the manifest URL`);
    // Links resolve against the address the manifest came from, as CSS's url() does.
    return parseJson(await readAtMost(response), source, response.url || url.href);
  } catch (error) {
    return failure(
      abort.signal.aborted
        ? `${source} did not arrive within ${timeoutMs / 1000} s`
        : `could not load ${source} (${(error as Error).message})`
    );
  } finally {
    clearTimeout(timer);
  }
}
