// The banner's own words (README, “Drop it in”): one file per built-in language, src/i18n/<tag>.json,
// its tag, its name in itself, its direction, then every key, plain text with named placeholders
// ({site}); schema/words.schema.json says what each key is. Every file is held against English
// here: same keys, same placeholders, no markup. Adding a language is adding its file and its tag
// to UI_LANGUAGES (src/view-contract.ts), the one list the build, the release and the loader read.
// npm test: beside the build (reads no dist/)
import assert from 'node:assert/strict';
import {readFileSync, readdirSync} from 'node:fs';
import {describe, it} from 'node:test';
import Ajv2020 from 'ajv/dist/2020.js';
import {loadCore, root} from './load-core.mjs';

const {UI_LANGUAGES} = await loadCore('src/view-contract.ts');
const schema = JSON.parse(readFileSync(`${root}schema/words.schema.json`, 'utf8'));
const validate = new Ajv2020({allErrors: true, strict: true, strictRequired: false}).compile(schema);
const WORDS = Object.fromEntries(UI_LANGUAGES.map((tag) => [tag, JSON.parse(readFileSync(`${root}src/i18n/${tag}.json`, 'utf8'))]));
const en = WORDS.en;

/** The keys that hold words (not `$schema`, `$code`, `$name`, `$dir`). */
const keysOf = (words) => Object.keys(words).filter((key) => !key.startsWith('$'));
/** Every text of a file, a plural's forms each on its own: `[key, text]`. */
const textsOf = (words) =>
  keysOf(words).flatMap((key) =>
    typeof words[key] === 'string' ? [[key, words[key]]] : Object.entries(words[key]).map(([form, text]) => [`${key}.${form}`, text])
  );
/** The placeholders of a text, in order of first use, each once. */
const placeholders = (text) => [...new Set([...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]))].sort();
/** A text with its placeholders filled in as a visitor reads them. */
const said = (text) => text.replace(/\{(\w+)\}/g, '⟨$1⟩');

describe('the words, one file per language (src/i18n/)', () => {
  it('one file for each language of UI_LANGUAGES, named by its tag, and no other file', () => {
    assert.deepEqual(UI_LANGUAGES.slice(0, 7), ['en', 'fr', 'de', 'es', 'it', 'nl', 'pt']);
    assert.deepEqual(readdirSync(`${root}src/i18n`).sort(), UI_LANGUAGES.map((tag) => `${tag}.json`).sort());
    for (const tag of UI_LANGUAGES) assert.equal(WORDS[tag].$code, tag, `src/i18n/${tag}.json says it is ${WORDS[tag].$code}`);
  });

  for (const tag of UI_LANGUAGES) {
    it(`${tag}: follows schema/words.schema.json (every key, its placeholders and no other, no markup), and points its editor at it`, () => {
      assert.ok(validate(WORDS[tag]), JSON.stringify(validate.errors, null, 2));
      assert.equal(WORDS[tag].$schema, '../../schema/words.schema.json');
    });

    it(`${tag}: has every key of en, in en's order, each with en's placeholders`, () => {
      assert.deepEqual(keysOf(WORDS[tag]), keysOf(en));
      for (const key of keysOf(en)) {
        const mine = WORDS[tag][key];
        if (typeof en[key] === 'string') assert.deepEqual(placeholders(mine), placeholders(en[key]), `${tag}.${key}`);
        else assert.deepEqual(placeholders(mine.other), placeholders(en[key].other), `${tag}.${key}.other`);
      }
    });

    it(`${tag}: says its name in itself and its direction, from which the views set \`dir\``, () => {
      assert.ok(WORDS[tag].$name.trim(), tag);
      assert.ok(['ltr', 'rtl'].includes(WORDS[tag].$dir), tag);
    });

    it(`${tag}: plain text, never markup: no tag, no entity, no empty text`, () => {
      for (const [key, text] of textsOf(WORDS[tag])) {
        assert.ok(text.trim(), `${tag}.${key} is empty`);
        assert.doesNotMatch(text, /<[^>]*>|&[a-z]+;|&#/i, `${tag}.${key}`);
      }
    });
  }

  it('the schema names every key of the words the views take (`Words`, src/view-contract.ts), and no other', () => {
    const contract = readFileSync(`${root}src/view-contract.ts`, 'utf8');
    const body = contract.slice(contract.indexOf('export interface Words {'));
    const members = [...body.slice(0, body.indexOf('\n}')).matchAll(/^ {2}(\$?\w+): /gm)].map((match) => match[1]);
    assert.deepEqual(Object.keys(schema.properties).filter((key) => key !== '$schema'), members);
    assert.deepEqual(schema.required, members);
  });

  it('R26: the re-open control has a label in every language, and it is the one the first layer points to', () => {
    for (const tag of UI_LANGUAGES) assert.ok(WORDS[tag].bannerChangeMind.includes(WORDS[tag].reopen), `${tag}: ${WORDS[tag].bannerChangeMind}`);
  });

  // R12 and R11 below know the refusal words of the languages listed: a language not listed is
  // held to the vague words alone, until its own are added here.
  it('R12: the refusal is plain, from a fixed set per language, never "later" or "maybe"', () => {
    const plain = {
      en: ['Reject all', 'Refuse all'],
      fr: ['Tout refuser', 'Refuser'],
      de: ['Alle ablehnen', 'Ablehnen'],
      es: ['Rechazar todo', 'Rechazar todas'],
      it: ['Rifiuta tutto', 'Rifiuta tutti'],
      nl: ['Alles weigeren', 'Alles afwijzen'],
      pt: ['Recusar todos', 'Rejeitar todos'],
      bg: ['Отказвам всички', 'Отхвърлям всички'],
      cs: ['Odmítnout vše', 'Odmítnout všechny'],
      da: ['Afvis alle'],
      el: ['Απόρριψη όλων'],
      et: ['Keeldu kõigist'],
      fi: ['Hylkää kaikki'],
      ga: ['Diúltaigh don iomlán'],
      hr: ['Odbij sve'],
      hu: ['Mindet elutasítom', 'Összes elutasítása'],
      is: ['Hafna öllu'],
    };
    const vague = /later|maybe|plus tard|peut-être|später|vielleicht|más tarde|quizás|più tardi|forse|misschien|mais tarde|talvez|по-късно|може би|později|možná|senere|måske|αργότερα|ίσως|hiljem|võib-olla|myöhemmin|ehkä|níos déanaí|b'fhéidir|kasnije|možda|később|\btalán\b|síðar|kannski/i;
    for (const tag of UI_LANGUAGES) {
      if (plain[tag]) assert.ok(plain[tag].includes(WORDS[tag].rejectAll), `${tag}: ${WORDS[tag].rejectAll}`);
      for (const [key, text] of textsOf(WORDS[tag])) assert.doesNotMatch(said(text), vague, `${tag}.${key}`);
    }
  });

  it('R10: accept and reject labels are alike in length, so neither button stands out', () => {
    for (const tag of UI_LANGUAGES) assert.ok(Math.abs(WORDS[tag].acceptAll.length - WORDS[tag].rejectAll.length) <= 4, tag);
  });

  it('R11: every language says that closing refuses, with its own refusal word', () => {
    const refuse = {
      en: /refus/i, fr: /refus/i, de: /ablehn/i, es: /rechaz/i, it: /rifiut/i, nl: /weiger/i, pt: /recus/i,
      bg: /отказ/i, cs: /odmít/i, da: /afvis/i, el: /απ[οό]ρρ/i, et: /keeld/i, fi: /hylk/i, ga: /diúlt/i, hr: /odbi/i, hu: /elutasít/i, is: /hafn|höfn/i,
    };
    for (const tag of UI_LANGUAGES.filter((tag) => refuse[tag])) {
      const {bannerCloseMeansRefuse, close, rejectAll} = WORDS[tag];
      assert.match(bannerCloseMeansRefuse, refuse[tag], tag);
      assert.match(close, refuse[tag], tag);
      if (tag !== 'en') assert.match(rejectAll, refuse[tag], tag);
    }
  });

  it('no two languages share a sentence (no untranslated copy)', () => {
    const seen = new Map();
    for (const tag of UI_LANGUAGES) {
      for (const [key, text] of textsOf(WORDS[tag])) {
        if (text.length < 25) continue; // short words may coincide ("Cookie", "Personalizar")
        assert.equal(seen.get(text), undefined, `${tag}.${key} repeats ${seen.get(text)}`);
        seen.set(text, `${tag}.${key}`);
      }
    }
  });
});

// The views fill the placeholders in (src/ui/say.ts): as text, every one, and a plural by the
// language's rules.
describe('say and sayCount (src/ui/say.ts)', async () => {
  const {say, sayCount} = await loadCore('src/ui/say.ts');

  it('fills in every placeholder, as many times as it is written, and leaves markup in a value as text', () => {
    assert.equal(say('{a} and {b}, then {a}', {a: '<b>x</b>', b: 2}), '<b>x</b> and 2, then <b>x</b>');
  });

  it('takes the form of the count by the language’s plural rules, `other` for a form the words leave out', () => {
    assert.equal(sayCount(en.services, 1, 'en'), '1 service');
    assert.equal(sayCount(en.services, 2, 'en'), '2 services');
    assert.equal(sayCount({one: '{count} x', other: '{count} xs'}, 1_000_000, 'fr'), '1000000 xs'); // French says `many` here
    assert.equal(sayCount({one: '{count} plik', few: '{count} pliki', many: '{count} plików', other: '{count} pliku'}, 3, 'pl'), '3 pliki');
  });
});
