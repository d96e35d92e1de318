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
