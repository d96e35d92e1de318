import {heldCode} from './held-kinds.js';

/*
 * Markup the site owner's tools write for pages (the studio's "Tag your pages", `explain`, the
 * fixes `scan` proposes): pure, no DOM. Whatever a manifest or a scanned page names, what is
 * written stays the elements it means to be once pasted into a page (issue 28): attribute values
 * escape `&`, `"` and `<`; text inside a script or a comment never holds `<`.
 */

/** An attribute value for double quotes: `&`, `"` and `<` escaped, so that it never ends its element. */
export const escapeAttribute = (value: string) => value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

/** Text for a JavaScript comment inside a `<script>`: no `*\/` to end the comment, `<` as `\x3C` (no `</script>`, no `<!--`). */
export const scriptComment = (text: string) => text.replace(/\*\//g, '* /').replace(/</g, '\\x3C');

/** An attribute name a page may hold as it is: anything else is left out of what is written. */
export const isAttributeName = (name: string) => /^[a-z_:][-a-z0-9_:.]*$/i.test(name);

/**
 * A vendor's snippet from the service catalogue (its `snippet.html`, tagged for `catalogueId`) for
 * the manifest's service `serviceId`: every `data-service` of the catalogue's id names the
 * manifest's, escaped. The rest is the catalogue's own text, which no manifest writes.
 */
export const vendorSnippet = (html: string, catalogueId: string, serviceId: string) =>
  html.split(`data-service="${catalogueId}"`).join(`data-service="${escapeAttribute(serviceId)}"`);

/**
 * The tag of a service with no vendor snippet on file: a script to hold its code, the service's
 * name in a comment (`<` as `\x3C`, `*\/` broken up, so the name stays a comment once released).
 */
export const plainTag = (serviceId: string, name: string) =>
  heldCode(` data-service="${escapeAttribute(serviceId)}"`, `\n  /* ${scriptComment(name)}: its code, unchanged */\n`);
