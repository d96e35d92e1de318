import {parseManifest} from './manifest.js';
import type {ParseResult} from './manifest.types.js';

/*
 * Getting the manifest from where the page says it is: an object, `#id` of an inline
 * `<script type="application/json">`, or a URL. Every failure becomes a ParseResult error, so
 * the caller has one path to fail closed on.
 */

const MAX_BYTES = 1_000_000;

const failure = (message: string): ParseResult => ({ok: false, errors: [{path: 'manifest', message}]});

function parseJson(text: string, where: string): ParseResult {
  if (text.length > MAX_BYTES) return failure(`${where} is larger than 1 MB`);
  try {
    return parseManifest(JSON.parse(text));
  } catch (error) {
    return failure(`${where} is not valid JSON (${(error as Error).message})`);
  }
}

/**
 * Loads and checks a manifest. `source` is the manifest itself, `#id` of an inline JSON script
 * in `doc`, or a URL resolved against the page. Never rejects.
 */
export async function loadManifest(source: unknown, doc: Document = document): Promise<ParseResult> {
  if (typeof source !== 'string') return parseManifest(source);
  if (source.startsWith('#')) {
    const inline = doc.getElementById(source.slice(1));
    if (!inline) return failure(`no element ${source} holds the manifest`);
    return parseJson(inline.textContent ?? '', `the manifest in ${source}`);
  }
  if (!source.trim()) return failure('no manifest given: set the manifest attribute or data-manifest');
  try {
    const response = await fetch(new URL(source, doc.baseURI), {credentials: 'same-origin'});
    if (!response.ok) return failure(`could not load ${source} (HTTP ${response.status})`);
    return parseJson(await response.text(), source);
  } catch (error) {
    return failure(`could not load ${source} (${(error as Error).message})`);
  }
}
