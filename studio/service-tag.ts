import {plainTag, vendorSnippet} from '../src/core/tag-snippet.js';

/**
 * The markup that ties a script or embed to its service (README, “Tag your trackers”): the
 * vendor's own snippet, tagged, when the catalogue has it (`entry`: the catalogue service the
 * manifest's service comes from), else a `type="text/plain"` script to hold its code. Pasted into a
 * page it makes the elements it means to, whatever the manifest's texts hold: the manifest's id is
 * an escaped attribute, its name a comment that cannot end the script (src/core/tag-snippet.ts).
 */
export function tagSnippet(service: {id: string; name: string}, entry?: {id: string; snippet?: {html: string}}): string {
  const id = service.id.trim();
  const name = service.name.trim() || id;
  return entry?.snippet ? vendorSnippet(entry.snippet.html, entry.id, id) : plainTag(id, name);
}
