/*
 * The one filter on what the CLI prints to a terminal (not on --json, which stays as it is). A
 * manifest's keys and names, a page's decoded attributes and the storage keys a scanned page set
 * are anyone's text: raw, an escape sequence among them can move the cursor, erase the lines above
 * and print a fake "Result: nothing leaks"; a carriage return or a line break can forge a line; a
 * bidi control can show a name backwards. Each such character is shown escaped instead, visibly:
 * `\e[2K` prints as `\x1b[2K`, U+202E as `\u202e`, a line break inside a name as `\n`.
 */

/**
 * C0 controls, DEL, C1 controls (0x9b is CSI on some terminals), the Arabic letter mark, zero-width
 * space, left-to-right and right-to-left marks, line and paragraph separators, bidi embeddings and
 * overrides (U+202A–U+202E), word joiner, bidi isolates (U+2066–U+2069), the byte order mark.
 * (Zero-width joiner and non-joiner stay: emoji and several scripts need them.)
 */
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200b\u200e\u200f\u2028-\u202e\u2060\u2066-\u2069\ufeff]/g;
const NAMED: Record<string, string> = {'\n': '\\n', '\r': '\\r', '\t': '\\t'};

const escape = (c: string) => {
  const code = c.charCodeAt(0);
  return NAMED[c] ?? (code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`);
};

/**
 * `text` with every unsafe character shown escaped; the characters of `keep` (the output's own
 * line breaks) stay as they are.
 */
export function visible(text: string, keep = ''): string {
  return text.replace(UNSAFE, (c) => (keep.includes(c) ? c : escape(c)));
}

/**
 * A copy of a report (plain data: what --json would print), every string in it, keys included,
 * made `visible`: line breaks too, so a name cannot start a line of its own. Format it, then print.
 */
export function forTerminal<T>(value: T): T {
  if (typeof value === 'string') return visible(value) as T;
  if (Array.isArray(value)) return value.map(forTerminal) as T;
  if (value && typeof value === 'object' && (Object.getPrototypeOf(value) === Object.prototype || Object.getPrototypeOf(value) === null)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [visible(k), forTerminal(v)])) as T;
  }
  return value;
}
