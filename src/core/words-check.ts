import {UNITS} from './duration-units.js';
import type {ManifestIssue} from './manifest.types.js';

/*
 * A site's own words (the manifest's `words`, README “A site's own language”), checked as the
 * built-in files are (schema/words.schema.json, test/node/words.test.mjs): against the English
 * words, the reference. Every key, none empty, each text with its reference's placeholders and
 * no other, plain text (no markup), the plural forms a language may have; its tag and direction;
 * and, if it has them, its lifetime units (`units`, optional: for a language the browser's Intl lacks).
 * The banner runs it before it shows a site's words (the session module); `consent-banner
 * validate` and the studio run it for the site owner. Pure: it fetches nothing.
 */

type Json = Record<string, unknown>;

const PLURAL_FORMS = ['zero', 'one', 'two', 'few', 'many', 'other'];

/** The placeholders of a text (`{site}`), each once, sorted. */
const placeholders = (text: string) => [...new Set(text.match(/\{\w+\}/g) ?? [])].sort();

/**
 * The problems of `value` as the words of language `tag`, held against `reference` (the English
 * words), each with its key as path (`bannerTitle: is missing`); none when the words can be
 * shown. Never throws.
 */
export function checkWords(value: unknown, tag: string, reference: Json): ManifestIssue[] {
  const issues: ManifestIssue[] = [];
  const say = (path: string, message: string) => issues.push({path, message});
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return [{path: 'words', message: 'must be an object, as src/i18n/en.json is'}];
  const words = value as Json;
  /** One text: a non-empty string, no markup, `expected`'s placeholders and no other. */
  const text = (path: string, mine: unknown, expected: string[]) => {
    if (typeof mine !== 'string' || !mine.trim()) return say(path, mine === undefined ? 'is missing' : 'must be a non-empty text');
    if (/[<>]|&[#\w]+;/.test(mine)) return say(path, 'must be plain text, not markup');
    const own = placeholders(mine);
    const extra = own.filter((p) => !expected.includes(p));
    const lacking = expected.filter((p) => !own.includes(p));
    if (extra.length || lacking.length || /[{}]/.test(mine.replace(/\{\w+\}/g, '')))
      say(path, `must hold the placeholders ${expected.join(' ') || '(none)'}, as in English, got ${own.join(' ') || '(none)'}`);
  };
  if (typeof words.$code !== 'string' || words.$code.toLowerCase() !== tag.toLowerCase())
    say('$code', `must be "${tag}", the language it is given for`);
  if (words.$dir !== 'ltr' && words.$dir !== 'rtl') say('$dir', 'must be "ltr" or "rtl"');
  text('$name', words.$name, []);
  /** A text in plural forms (`{"one": …, "other": …}`): `other` with `{count}`, the others with it or without (Maltese “sentejn”). */
  const plural = (path: string, mine: unknown) => {
    if (typeof mine !== 'object' || mine === null || Array.isArray(mine))
      return say(path, mine === undefined ? 'is missing' : 'must be an object of plural forms ({"one": …, "other": …})');
    const forms = mine as Json;
    if (forms.other === undefined) say(`${path}.other`, 'is missing');
    for (const [form, item] of Object.entries(forms)) {
      if (!PLURAL_FORMS.includes(form)) say(`${path}.${form}`, `is not a plural form (${PLURAL_FORMS.join(', ')})`);
      else text(`${path}.${form}`, item, form === 'other' ? ['{count}'] : placeholders(String(item ?? '')).filter((p) => p === '{count}'));
    }
  };
  for (const [key, english] of Object.entries(reference)) {
    if (key.startsWith('$')) continue;
    if (typeof english === 'string') text(key, words[key], placeholders(english));
    else plural(key, words[key]);
  }
  // Optional (schema/words.schema.json): a lifetime's units, for a language the browser's Intl lacks.
  if (words.units !== undefined) {
    if (typeof words.units !== 'object' || words.units === null || Array.isArray(words.units))
      say('units', `must be an object of the units ${UNITS.join(', ')}`);
    else {
      const units = words.units as Json;
      for (const unit of UNITS) plural(`units.${unit}`, units[unit]);
      for (const unit of Object.keys(units))
        if (!(UNITS as readonly string[]).includes(unit)) say(`units.${unit}`, `is not a unit (${UNITS.join(', ')})`);
    }
  }
  for (const key of Object.keys(words))
    if (!key.startsWith('$') && key !== 'units' && !Object.hasOwn(reference, key)) say(key, 'is not a key of the banner’s words');
  return issues;
}
