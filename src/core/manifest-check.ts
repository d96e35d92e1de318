import {JsonSyntaxError, readJson} from './json-source.js';
import type {Position} from './json-source.js';
import {lintManifest} from './manifest-lint.js';
import {parseManifest} from './manifest.js';
import type {Manifest, ManifestIssue, ParseOptions} from './manifest.types.js';

/*
 * The site owner's check of a manifest: `consent-banner validate`, `explain` and `scan`, the
 * studio, and servers and tools through `consent-banner/core`. The runtime check
 * (`parseManifest`, the banner's own), then, on a manifest that passes it, the lints
 * (manifest-lint.ts) as warnings. Given JSON text, it also says where each issue sits in it
 * (line and column, as editors and CI annotate them), and warns of a key given twice. Pure: it
 * reads no page and no file.
 */

/** An issue of a manifest given as JSON text: also where it sits, its line and column (from 1). */
export interface PlacedIssue extends ManifestIssue, Position {}

/**
 * The outcome of `checkManifest`: the manifest as the banner uses it (defaults filled in) with
 * the warnings, or the errors that make the banner refuse it (the first the runtime meets) and
 * the warnings found before them.
 */
export type ManifestCheck<Issue extends ManifestIssue = ManifestIssue> =
  {ok: true; manifest: Manifest; warnings: Issue[]} | {ok: false; errors: Issue[]; warnings: Issue[]};

/** The check of a parsed value: the runtime's, then the lints. */
function checkValue(value: unknown, options: ParseOptions): ManifestCheck {
  const result = parseManifest(value, options);
  if (!result.ok) return {...result, warnings: []};
  return {...result, warnings: [...result.warnings, ...lintManifest(result.manifest)]};
}

/**
 * Checks a cookie manifest: the banner's own check, then the site owner's lints as warnings.
 * Never throws. `json` is the manifest's JSON text: text that is not JSON is an error at the
 * line and column where it stops being JSON, every issue carries its line and column, and a key
 * given twice is a warning (JSON.parse keeps the last). Any other value is a manifest already
 * parsed, and its issues carry their JSON path only (`categories[2].basis`). `options.base`, the
 * URL the manifest is served from, checks its relative links as the URLs they resolve to.
 */
export function checkManifest(json: string, options?: ParseOptions): ManifestCheck<PlacedIssue>;
export function checkManifest(value: unknown, options?: ParseOptions): ManifestCheck;
export function checkManifest(input: unknown, options: ParseOptions = {}): ManifestCheck<ManifestIssue | PlacedIssue> {
  if (typeof input !== 'string') return checkValue(input, options);
  let json;
  try {
    json = readJson(input);
  } catch (error) {
    if (!(error instanceof JsonSyntaxError)) throw error;
    return {ok: false, errors: [{path: 'manifest', message: error.message, ...error.position}], warnings: []};
  }
  const place = (issue: ManifestIssue): PlacedIssue => ({...issue, ...json.locate(issue.path)});
  const duplicates = json.duplicates.map((d) => ({path: d.path, message: 'is given twice; only the last one counts', ...d.position}));
  const result = checkValue(json.value, options);
  if (!result.ok) return {ok: false, errors: result.errors.map(place), warnings: duplicates};
  return {ok: true, manifest: result.manifest, warnings: [...duplicates, ...result.warnings.map(place)]};
}
