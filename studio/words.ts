/* Values in words, for the studio's texts. */

/** A value as a field shows it: nothing for undefined or null. */
export const str = (value: unknown) => (value === undefined || value === null ? '' : String(value));

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
