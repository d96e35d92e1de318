/*
 * The purposes the first layer names, as a list inside one of its sentences ("for: performance
 * measurement, targeting and advertising…"). The titles are the manifest's, written to stand
 * alone (a heading in the preferences: "Targeting and advertising"); inside a sentence they read
 * as common nouns, and a title that holds the word for "and" would blur the list ("A, B and C and D").
 */

/** Languages whose common nouns start with a capital letter: a title keeps its capital there. */
const CAPITALISED_NOUNS = new Set(['de', 'lb']);

/** What the list is joined with: the words of the UI's language (its `and` and `semicolon`). */
export interface ListWords {
  and: string;
  semicolon: string;
}

/**
 * `title` (in `language`) as it reads inside a sentence: its first letter in lower case when it
 * starts like a common word (a capital, then a small letter: not "SEO", not "A/B tests") in a
 * language whose nouns are lower-case; as written in German and the like.
 */
export function inSentence(title: string, language: string): string {
  const [first = '', ...rest] = title;
  const opening = /^\p{Lu}\p{Ll}/u.test(first + (rest[0] ?? ''));
  if (!opening || CAPITALISED_NOUNS.has(language.toLowerCase().split('-')[0])) return title;
  return first.toLocaleLowerCase(language) + rest.join('');
}

/**
 * The titles joined as a list for a sentence: titles and separators alternating, the titles at
 * even places (each made `inSentence`). "a, b and c"; when a title itself holds the word `and`
 * (a word of its own, any case), "a; b and c; d", so the list's own `and` cannot be read as
 * part of a title. Empty for no title.
 */
export function purposeList(titles: readonly string[], language: string, words: ListWords): string[] {
  const and = words.and.trim();
  const holdsAnd = (title: string) =>
    title
      .toLocaleLowerCase(language)
      .split(/[\s,;]+/u)
      .includes(and.toLocaleLowerCase(language));
  const semicolons = titles.some(holdsAnd);
  return titles.flatMap((title, i) => {
    const item = inSentence(title, language);
    if (i === 0) return [item];
    return [semicolons ? words.semicolon : i === titles.length - 1 ? ` ${and} ` : ', ', item];
  });
}
