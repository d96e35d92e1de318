// A site's own language (issue 25, part 5): the manifest's `words` (a link to a words file per
// language tag), its check (schema, runtime, essentials), the words file's check against the
// English words (src/core/words-check.ts: what the banner runs before it shows them, and what
// `validate` and the studio say), and the one message a page asking for a language the banner
// cannot speak gets (languageNotice).
import assert from 'node:assert/strict';
import {readFileSync} from 'node:fs';
import {describe, it} from 'node:test';
import Ajv2020 from 'ajv/dist/2020.js';
import {loadCore, root} from './load-core.mjs';

const {checkWords} = await loadCore('src/core/words-check.ts');
const {parseManifest, checkEssentials} = await loadCore('src/core/manifest.ts');
const {checkManifest} = await loadCore('src/core/manifest-check.ts');
const {builtInOf, languageNotice} = await loadCore('src/core/language.ts');
const {UI_LANGUAGES} = await loadCore('src/core/language.ts');

const read = (path) => JSON.parse(readFileSync(`${root}${path}`, 'utf8'));
const en = read('src/i18n/en.json');
const ca = read('test/fixtures/words.ca.json');
const dimelo = read('demo/dimelo/cookie-manifest.json');
const schema = new Ajv2020({allErrors: true, strict: true, strictRequired: false}).compile(read('schema/cookie-manifest.schema.json'));
/** The words check's problems as `path: message` lines. */
const problems = (value, tag = 'ca') => checkWords(value, tag, en).map((issue) => `${issue.path}: ${issue.message}`);

describe('a words file, checked against the English words (src/core/words-check.ts)', () => {
  it('passes every built-in file, and the Catalan fixture', () => {
    for (const tag of UI_LANGUAGES) assert.deepEqual(problems(read(`src/i18n/${tag}.json`), tag), [], tag);
    assert.deepEqual(problems(ca), []);
  });

  it('names a missing key, an empty one, and a missing plural form', () => {
    const {bannerTitle, ...rest} = ca;
    assert.deepEqual(problems(rest), ['bannerTitle: is missing']);
    assert.deepEqual(problems({...ca, rejectAll: '  '}), ['rejectAll: must be a non-empty text']);
    assert.deepEqual(problems({...ca, services: {one: '{count} servei'}}), ['services.other: is missing']);
    assert.deepEqual(problems({...ca, services: {other: '{count} serveis', dozens: 'x'}}), [
      'services.dozens: is not a plural form (zero, one, two, few, many, other)',
    ]);
  });

  it('refuses markup, and placeholders other than English has', () => {
    assert.deepEqual(problems({...ca, acceptAll: '<b>Acceptar</b>'}), ['acceptAll: must be plain text, not markup']);
    assert.deepEqual(problems({...ca, policyLink: 'Pol&iacute;tica'}), ['policyLink: must be plain text, not markup']);
    assert.deepEqual(problems({...ca, bannerTitle: 'Galetes'}), [
      'bannerTitle: must hold the placeholders {site}, as in English, got (none)',
    ]);
    assert.deepEqual(problems({...ca, reopen: 'Galetes de {site}'}), [
      'reopen: must hold the placeholders (none), as in English, got {site}',
    ]);
    assert.deepEqual(problems({...ca, services: {other: '{count} serveis de {site}'}}), [
      'services.other: must hold the placeholders {count}, as in English, got {count} {site}',
    ]);
  });

  it('wants its own tag and a direction, and knows no other key', () => {
    assert.deepEqual(problems(ca, 'eu'), ['$code: must be "eu", the language it is given for']);
    assert.deepEqual(problems({...ca, $dir: 'up'}), ['$dir: must be "ltr" or "rtl"']);
    assert.deepEqual(problems({...ca, later: 'Més tard'}), ['later: is not a key of the banner’s words']);
    assert.deepEqual(problems([]), ['words: must be an object, as src/i18n/en.json is']);
    assert.deepEqual(problems(null), ['words: must be an object, as src/i18n/en.json is']);
  });
  it('takes a lifetime’s units if it has them (optional), every unit in plural forms, `other` with {count}', () => {
    const {units} = read('src/i18n/mt.json');
    assert.deepEqual(problems({...ca, units}), []);
    const {week, ...lacking} = units;
    assert.deepEqual(problems({...ca, units: lacking}), ['units.week: is missing']);
    assert.deepEqual(problems({...ca, units: {...units, fortnight: {other: '{count} x'}}}), [
      'units.fortnight: is not a unit (year, month, week, day, hour, minute, second)',
    ]);
    assert.deepEqual(problems({...ca, units: {...units, year: {two: 'sentejn'}}}), ['units.year.other: is missing']);
    assert.deepEqual(problems({...ca, units: {...units, day: {other: 'jum'}}}), [
      'units.day.other: must hold the placeholders {count}, as in English, got (none)',
    ]);
    assert.deepEqual(problems({...ca, units: {...units, day: {one: '<b>jum</b>', other: '{count} jum'}}}), [
      'units.day.one: must be plain text, not markup',
    ]);
    assert.deepEqual(problems({...ca, units: 'anys'}), [
      'units: must be an object of the units year, month, week, day, hour, minute, second',
    ]);
  });
});

describe('the manifest’s `words` (schema, runtime check, essentials)', () => {
  const withWords = (words) => ({...structuredClone(dimelo), words});

  it('takes a link per language tag, resolved against the manifest’s URL', () => {
    const manifest = withWords({ca: '/words.ca.json', eu: 'https://cdn.example/eu.json'});
    assert.equal(schema(manifest), true, JSON.stringify(schema.errors));
    const parsed = parseManifest(manifest, {base: 'https://dimelo.example/cookie-manifest.json'});
    assert.equal(parsed.ok, true);
    assert.deepEqual(parsed.manifest.words, {ca: '/words.ca.json', eu: 'https://cdn.example/eu.json'});
    assert.deepEqual(parsed.warnings, []);
    assert.deepEqual(checkEssentials(manifest).words, parsed.manifest.words);
  });

  // [what, words, the runtime's message]: the schema refuses them too.
  for (const [what, words, message] of [
    ['a list', ['ca'], 'words: must be an object: {"language": "link to its words file", …}'],
    ['a tag that is no language tag', {Catalan: '/words.ca.json'}, 'words.Catalan: must be a language tag, got "Catalan"'],
    ['a javascript: link', {ca: 'javascript:alert(1)'}, 'words.ca: must be an http(s) URL or a relative link, got "javascript:alert(1)"'],
    ['an empty link', {ca: ''}, 'words.ca: must be a non-empty string'],
  ]) {
    it(`refuses ${what}, as the schema does`, () => {
      const manifest = withWords(words);
      assert.equal(schema(manifest), false);
      const parsed = parseManifest(manifest);
      assert.equal(parsed.ok, false);
      assert.equal(`${parsed.errors[0].path}: ${parsed.errors[0].message}`, message);
    });
  }

  it('the essentials (every page view) fail closed on words that are not an object of strings', () => {
    assert.equal(checkEssentials(withWords(null)), undefined);
    assert.equal(checkEssentials(withWords({ca: 5})), undefined);
    assert.equal(checkEssentials(withWords('ca')), undefined);
  });

  it('a built-in language, or a form of it, keeps the banner’s own words: the entry is not used, and the site owner’s check warns', () => {
    const manifest = withWords({fr: '/words.fr.json', 'pt-BR': '/words.pt-BR.json', ca: '/words.ca.json'});
    assert.deepEqual(parseManifest(manifest).warnings, []);
    const parsed = checkManifest(manifest);
    assert.equal(parsed.ok, true);
    assert.deepEqual(
      parsed.warnings.map((w) => `${w.path}: ${w.message}`),
      [
        'words.fr: fr is built in: the banner speaks it in its own words, and does not use this file',
        'words.pt-BR: pt is built in: the banner speaks it in its own words, and does not use this file',
      ]
    );
    assert.equal(builtInOf('iw', ['en', 'he']), 'he');
    assert.equal(builtInOf('ca', UI_LANGUAGES), undefined);
  });
});

describe('the README’s example (“A site’s own language”)', () => {
  const readme = readFileSync(`${root}README.md`, 'utf8');
  const section = readme.slice(readme.indexOf("### A site's own language"), readme.indexOf('## The cookie manifest'));
  const [manifest, words] = [...section.matchAll(/```json\n([\s\S]*?)```/g)].map((match) => match[1]);

  it('its manifest passes the check, with its words', () => {
    const parsed = parseManifest(JSON.parse(manifest));
    assert.equal(parsed.ok, true, parsed.ok || JSON.stringify(parsed.errors));
    assert.deepEqual(parsed.manifest.words, {ca: '/words.ca.json'});
  });

  it('its words file says what the Catalan fixture says, key for key', () => {
    for (const [key, value] of Object.entries(JSON.parse(words))) if (key !== '…') assert.equal(value, ca[key], key);
  });
});

describe('a page asking for a language the banner cannot speak: one message (languageNotice)', () => {
  const available = ['en', 'fr', 'ca'];
  it('says nothing when the page’s language is spoken, or when only the browser asks', () => {
    assert.equal(languageNotice('', 'fr-CA', 'fr', available), undefined);
    assert.equal(languageNotice('ca', 'en', 'ca', available), undefined);
    assert.equal(languageNotice(null, undefined, 'en', available), undefined);
  });

  it('names a lang that is no language tag, and a language it has no words for, right to left or not', () => {
    assert.equal(
      languageNotice('French', '', 'en', available),
      'lang="French" is not a language tag (such as fr or pt-BR), so it is ignored'
    );
    assert.equal(
      languageNotice('', 'fa', 'en', available),
      'it has no words for <html lang>="fa" (en, fr, ca; a manifest can give its own, README “A site\'s own language”), so it speaks en'
    );
    assert.match(languageNotice('sw', 'fr', 'fr', available), /^it has no words for lang="sw" .*so it speaks fr$/);
  });
});
