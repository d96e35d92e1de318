/* Values in words, for the studio's texts. */

/**
 * A value as a field shows it: nothing for undefined or null, an object or a list as its JSON
 * (String() would call the value's own `toString`, which a manifest can set to anything:
 * `{"toString": 0}` threw and blanked the studio).
 */
export const str = (value: unknown): string =>
  value === undefined || value === null ? '' : typeof value === 'object' ? JSON.stringify(value) : String(value);

/** `1 cookie`, `2 cookies`. */
export const count = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

const languageNames = new Intl.DisplayNames(['en'], {type: 'language'});

/** `French (fr)`; a tag Intl cannot name stays as it is. */
export function languageName(tag: string) {
  try {
    return `${languageNames.of(tag)} (${tag})`;
  } catch {
    return tag;
  }
}
