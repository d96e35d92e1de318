// The banner's own words (README, “Drop it in”): one file per built-in language, src/i18n/<tag>.json,
// its tag, its name in itself, its direction, then every key, plain text with named placeholders
// ({site}); schema/words.schema.json says what each key is. Every file is held against English
// here: same keys, same placeholders, no markup. Adding a language is adding its file and its tag
// to UI_LANGUAGES (src/core/language.ts), the one list the build, the release and the loader read.
import assert from 'node:assert/strict';
import {existsSync, readFileSync, readdirSync} from 'node:fs';
import {describe, it} from 'node:test';
import Ajv2020 from 'ajv/dist/2020.js';
import {loadCore, root} from './load-core.mjs';

const {UI_LANGUAGES} = await loadCore('src/core/language.ts');
const schema = JSON.parse(readFileSync(`${root}schema/words.schema.json`, 'utf8'));
// `view`: which view draws a key; the build splits each language's words by it (rollup.config.js).
const validate = new Ajv2020({allErrors: true, strict: true, strictRequired: false}).addKeyword('view').compile(schema);
const WORDS = Object.fromEntries(UI_LANGUAGES.map((tag) => [tag, JSON.parse(readFileSync(`${root}src/i18n/${tag}.json`, 'utf8'))]));
const en = WORDS.en;

/**
 * The optional keys (in the schema's properties, not in its `required`) and the only files that
 * have them, after every key of en. `units`, a lifetime's words: in the languages whose unit words
 * the browser's Intl lacks (Chromium 156: Irish, Icelandic, Maltese; src/core/duration.ts).
 */
const OPTIONAL = {units: ['ga', 'is', 'mt']};
/** The keys that hold words (not `$schema`, `$code`, `$name`, `$dir`, `$sources`). */
const keysOf = (words) => Object.keys(words).filter((key) => !key.startsWith('$'));
/** Every text of a file, a plural's forms (and each unit's) each on its own: `[key, text]`. */
const textsOf = (words, prefix = '') =>
  keysOf(words).flatMap((key) => (typeof words[key] === 'string' ? [[prefix + key, words[key]]] : textsOf(words[key], `${prefix}${key}.`)));
/** The placeholders of a text, in order of first use, each once. */
const placeholders = (text) => [...new Set([...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]))].sort();
/** A text with its placeholders filled in as a visitor reads them. */
const said = (text) => text.replace(/\{(\w+)\}/g, '⟨$1⟩');

/** The peers whose translations are installed (devDependencies), by the name `$sources.peers` gives them. */
const LOCAL_PEERS = {'tarteaucitron.js': 'node_modules/tarteaucitronjs/', Klaro: 'node_modules/klaro/'};

/** How many characters a reader sees (grapheme clusters: a letter with its marks is one). */
const graphemes = (text) => [...new Intl.Segmenter('und', {granularity: 'grapheme'}).segment(text)].length;
/** The words of a text, lower-case, without accents or vowel marks (NFKD, marks dropped). */
const wordsOf = (text) =>
  text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .match(/\p{L}+/gu) ?? [];
/** The longest run of letters two words share. */
function sharedRun(a, b) {
  let best = 0;
  for (let i = 0; i < a.length; i++)
    for (let j = 0; j < b.length; j++) {
      let n = 0;
      while (a[i + n] && a[i + n] === b[j + n]) n++;
      best = Math.max(best, n);
    }
  return best;
}
/**
 * Whether `text` says one of `words`, in any form: one of its words shares with it a run of four
 * letters (the whole word when it is shorter: Arabic رفض), so that “refusing” says “refused” and
 * „Ablehnung“ says „ablehnen“.
 */
const sharesStem = (text, words) => wordsOf(text).some((mine) => words.some((word) => sharedRun(mine, word) >= Math.min(4, word.length)));
/**
 * A language's words for refusing: its authority's term, its "Refused" (stateRefused) and its "Reject all", but
 * for the words "Accept all" has too ("all", „alle“, « tout »), and those under three letters.
 */
function refusalWords(words) {
  const accept = new Set(wordsOf(words.acceptAll));
  return [...new Set([words.$sources.authority.terms.refuse, words.stateRefused, words.rejectAll].flatMap(wordsOf))].filter(
    (word) => word.length >= 3 && !accept.has(word)
  );
}

/** Each language's quotation marks (opening, closing), and for French the narrow no-break space (U+202F) its punctuation takes. */
const TYPOGRAPHY = {fr: {quotes: ['«', '»'], narrow: true}, de: {quotes: ['„', '“']}, pl: {quotes: ['„', '”']}};
const QUOTATION_MARKS = /["«»“”„‟‹›]/g;
/** What `text` gets wrong of the typography of `tag` (TYPOGRAPHY): one sentence per fault. */
function typographyFaults(tag, text) {
  const {
    quotes: [open, close],
    narrow,
  } = TYPOGRAPHY[tag];
  const faults = [];
  let opened = false;
  for (const [mark] of text.matchAll(QUOTATION_MARKS)) {
    if (mark === open && open !== close && opened) faults.push(`${open} opened twice`);
    else if (mark === open && !opened) opened = true;
    else if (mark === close && opened) opened = false;
    else if (mark === close) faults.push(`${close} without ${open}`);
    else faults.push(`a quotation mark other than ${open} ${close}: ${mark}`);
  }
  if (opened) faults.push(`${open} opened and not closed by ${close}`);
  if (narrow) {
    if (/«(?!\u202f)/.test(text)) faults.push('no narrow no-break space after «');
    if (/(?<!\u202f)»/.test(text)) faults.push('no narrow no-break space before »');
    for (const [, before, mark] of text.matchAll(/(.)([:;!?])/gu)) {
      if (before !== '\u202f')
        faults.push(`a ${/\s/.test(before) ? 'plain or no-break space' : 'letter'} before “${mark}” (U+202F wanted)`);
    }
  }
  return faults;
}

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

    it(`${tag}: has every key of en, in en's order, each with en's placeholders, then the optional keys it is listed for (OPTIONAL)`, () => {
      const optional = Object.keys(OPTIONAL).filter((key) => OPTIONAL[key].includes(tag));
      assert.deepEqual(keysOf(WORDS[tag]), [...keysOf(en), ...optional]);
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
    const members = [...body.slice(0, body.indexOf('\n}')).matchAll(/^ {2}(\$?\w+)(\??): /gm)];
    // `$sources` is for reviewers: the build leaves it out of the words the views get.
    const forViews = (keys) => keys.filter((key) => key !== '$schema' && key !== '$sources');
    assert.deepEqual(
      forViews(Object.keys(schema.properties)),
      members.map((match) => match[1])
    );
    // An optional member (`units?:`) is the schema's optional key, and OPTIONAL's, and only those are.
    assert.deepEqual(
      forViews(schema.required),
      members.filter((match) => !match[2]).map((match) => match[1])
    );
    assert.deepEqual(
      members.filter((match) => match[2]).map((match) => match[1]),
      Object.keys(OPTIONAL)
    );
    // A site's own words file points at the same schema and need not say its sources: the test
    // below requires them of the built-in files, the schema of no one.
    assert.ok(!schema.required.includes('$sources'));
  });

  it('units: the languages listed have a form for a lifetime’s every unit, each form a plural category of the language (Intl.PluralRules)', () => {
    for (const tag of OPTIONAL.units) {
      const categories = new Intl.PluralRules(tag).resolvedOptions().pluralCategories;
      assert.deepEqual(Object.keys(WORDS[tag].units), ['year', 'month', 'week', 'day', 'hour', 'minute', 'second'], tag);
      for (const [unit, forms] of Object.entries(WORDS[tag].units)) {
        for (const form of Object.keys(forms))
          assert.ok(categories.includes(form), `${tag}.units.${unit}.${form}: ${tag} has ${categories.join(', ')}`);
      }
    }
  });

  it('every file lists its sources: the authority’s page (https, or null with what was searched) and its terms, and two peers compared', () => {
    for (const tag of UI_LANGUAGES) {
      const {authority, peers} = WORDS[tag].$sources ?? {};
      assert.ok(authority && peers, `src/i18n/${tag}.json has no $sources`);
      if (authority.url === null) assert.ok(authority.searched?.trim(), `${tag}: no url, and nothing says what was searched`);
      else assert.equal(new URL(authority.url).protocol, 'https:', `${tag}: ${authority.url}`);
      for (const term of ['consent', 'refuse', 'withdraw']) assert.ok(authority.terms[term]?.trim(), `${tag}: no ${term} term`);
      assert.ok(peers.length >= 2, `${tag}: ${peers.length} peer(s)`);
      assert.equal(new Set(peers.map((peer) => peer.name)).size, peers.length, `${tag}: a peer twice`);
      for (const peer of peers) {
        assert.ok(peer.compared.trim().length > 20, `${tag}: ${peer.name} compared nothing`);
        // The peers' local copies (devDependencies): a file named is a file that exists.
        const local = LOCAL_PEERS[peer.name];
        if (local && peer.file !== null) assert.ok(existsSync(`${root}${local}${peer.file}`), `${tag}: ${peer.name} has no ${peer.file}`);
      }
    }
  });

  it('a site’s own words file that points at the schema passes it without $sources (README, “A site’s own language”)', () => {
    const site = JSON.parse(readFileSync(`${root}test/fixtures/words.ca.json`, 'utf8'));
    assert.equal(site.$schema, schema.$id);
    assert.equal(site.$sources, undefined);
    assert.ok(validate(site), JSON.stringify(validate.errors, null, 2));
    const {$sources, ...bare} = en;
    assert.ok(validate(bare), JSON.stringify(validate.errors, null, 2));
    // … but not without a key: only $sources is left to the built-in files' test.
    const {close, ...lacking} = site;
    assert.equal(validate(lacking), false);
    assert.deepEqual(
      validate.errors.map((error) => error.params.missingProperty),
      ['close']
    );
  });

  it('the schema refuses sources with an http url, with one peer, or with a null url that says nothing', () => {
    const {$sources} = en;
    const withSources = (sources) => validate({...en, $sources: {...$sources, ...sources}});
    assert.equal(withSources({}), true);
    assert.equal(withSources({authority: {...$sources.authority, url: 'http://ico.org.uk/'}}), false);
    assert.equal(withSources({peers: $sources.peers.slice(0, 1)}), false);
    assert.equal(withSources({authority: {...$sources.authority, url: null}}), false);
    assert.equal(withSources({authority: {...$sources.authority, url: null, searched: 'Nothing found.'}}), true);
    assert.equal(withSources({authority: {...$sources.authority, terms: {consent: 'consent', refuse: 'reject'}}}), false);
  });

  it('R26: the re-open control has a label in every language, and it is the one the first layer points to', () => {
    for (const tag of UI_LANGUAGES)
      assert.ok(WORDS[tag].bannerChangeMind.includes(WORDS[tag].reopen), `${tag}: ${WORDS[tag].bannerChangeMind}`);
  });

  // R12 knows the refusal labels of the languages listed; every other language is held to the
  // word its data-protection authority uses for refusing (`$sources.authority.terms.refuse`).
  it('R12: the refusal is plain: from a fixed set per language, or its authority’s own word; never "later" or "maybe"', () => {
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
      lt: ['Atmesti visus'],
      lv: ['Noraidīt visas'],
      mt: ['Irrifjuta kollox'],
      nb: ['Avvis alle'],
      pl: ['Odrzuć wszystkie'],
      ro: ['Refuzați toate'],
      sk: ['Odmietnuť všetky'],
      sl: ['Zavrnite vse'],
      sv: ['Neka alla'],
      ar: ['رفض الكل'],
      he: ['דחיית הכול'],
    };
    const vague =
      /later|maybe|plus tard|peut-être|später|vielleicht|más tarde|quizás|più tardi|forse|misschien|mais tarde|talvez|لاحق|ربما|אולי|מאוחר יותר|по-късно|може би|později|možná|senere|måske|αργότερα|ίσως|hiljem|võib-olla|myöhemmin|ehkä|níos déanaí|b'fhéidir|kasnije|možda|később|\btalán\b|síðar|kannski/i;
    for (const tag of UI_LANGUAGES) {
      const {rejectAll, $sources} = WORDS[tag];
      if (plain[tag]) assert.ok(plain[tag].includes(rejectAll), `${tag}: ${rejectAll}`);
      else
        assert.ok(
          sharesStem(rejectAll, wordsOf($sources.authority.terms.refuse)),
          `${tag}: “${rejectAll}” does not say “${$sources.authority.terms.refuse}”`
        );
      for (const [key, text] of textsOf(WORDS[tag])) assert.doesNotMatch(said(text), vague, `${tag}.${key}`);
    }
  });

  it('R10: "Reject all" is as short as "Accept all" in every language (within 2 letters, or a fifth of the accept label), so neither button stands out', () => {
    for (const tag of UI_LANGUAGES) {
      const [accept, reject] = [WORDS[tag].acceptAll, WORDS[tag].rejectAll].map(graphemes);
      assert.ok(
        Math.abs(accept - reject) <= Math.max(2, Math.ceil(accept / 5)),
        `${tag}: “${WORDS[tag].acceptAll}” (${accept}) and “${WORDS[tag].rejectAll}” (${reject})`
      );
    }
  });

  it('R10: the length rule fails a refusal longer than the accept label, and a much shorter one', () => {
    const fits = (accept, reject) => Math.abs(graphemes(accept) - graphemes(reject)) <= Math.max(2, Math.ceil(graphemes(accept) / 5));
    assert.equal(fits('Accept all', 'Reject all'), true);
    assert.equal(fits('OK, accept all', 'Deny all cookies'), true);
    assert.equal(fits('Accept all', 'Deny all cookies'), false);
    assert.equal(fits('Alle akzeptieren', 'Nein'), false);
  });

  it('R11: every language says that closing refuses, in the × button and in the first layer’s sentence, with its own refusal word', () => {
    for (const tag of UI_LANGUAGES) {
      const refusal = refusalWords(WORDS[tag]);
      assert.ok(refusal.length, `${tag}: no refusal word`);
      for (const key of ['close', 'bannerCloseMeansRefuse']) {
        assert.ok(sharesStem(WORDS[tag][key], refusal), `${tag}.${key}: “${WORDS[tag][key]}” says none of ${refusal.join(', ')}`);
      }
    }
  });

  it('R11: the refusal-word check fails a sentence that does not refuse', () => {
    const en = refusalWords(WORDS.en);
    assert.equal(sharesStem('Closing this banner means accepting.', en), false);
    assert.equal(sharesStem('Close', en), false);
    assert.equal(sharesStem('Fermer ce bandeau vaut acceptation.', refusalWords(WORDS.fr)), false);
  });

  it('local typography: French narrow no-break spaces inside « » and before : ; ! ?; German „…“; Polish „…”', () => {
    const checked = UI_LANGUAGES.filter((tag) => TYPOGRAPHY[tag]);
    assert.ok(checked.includes('fr') && checked.includes('de'), checked.join());
    for (const tag of checked)
      for (const [key, text] of textsOf(WORDS[tag])) assert.deepEqual(typographyFaults(tag, text), [], `${tag}.${key}: ${text}`);
  });

  it('local typography: the check names a plain space before a colon, English quotes in German, and an unclosed Polish quote', () => {
    assert.deepEqual(typographyFaults('fr', 'Votre choix : oui'), ['a plain or no-break space before “:” (U+202F wanted)']);
    assert.deepEqual(typographyFaults('fr', 'le lien «Paramètres\u202f»'), ['no narrow no-break space after «']);
    assert.deepEqual(typographyFaults('fr', 'Votre choix\u202f: oui'), []);
    assert.deepEqual(typographyFaults('de', 'den Link “Cookie-Einstellungen”'), ['“ without „', 'a quotation mark other than „ “: ”']);
    assert.deepEqual(typographyFaults('de', 'den Link „Cookie-Einstellungen“'), []);
    assert.deepEqual(typographyFaults('pl', 'link „Ustawienia plików cookie'), ['„ opened and not closed by ”']);
  });

  it('the README lists the built-in languages once, in one place ("Drop it in"), with their tags: those of UI_LANGUAGES', () => {
    const readme = readFileSync(`${root}README.md`, 'utf8');
    const start = readme.indexOf('are built in, whatever languages your');
    assert.ok(start > 0, 'the README no longer says which languages are built in');
    const sentence = readme.slice(start, readme.indexOf(': a German page', start));
    assert.deepEqual(
      [...sentence.matchAll(/\(`([a-z]{2,3})`\)/g)].map((match) => match[1]),
      UI_LANGUAGES
    );
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
  const {isolated, say, sayCount, sayParts} = await loadCore('src/ui/say.ts');

  it('sayParts: the words as text, each placeholder made anew where it is written', () => {
    let made = 0;
    const node = () => ({node: ++made});
    assert.deepEqual(sayParts('{site}: {site} and {x}', {site: node, x: () => 'x'}), [{node: 1}, ': ', {node: 2}, ' and ', 'x']);
  });

  it('isolated: a manifest text keeps its isolates when they are balanced, and loses them all when not', () => {
    assert.equal(isolated('Dimelo'), 'Dimelo');
    assert.equal(isolated('Partner \u2067שותף\u2069 Ltd'), 'Partner \u2067שותף\u2069 Ltd');
    assert.equal(isolated('Dimelo\u2067 Shop'), 'Dimelo Shop');
    assert.equal(isolated('a\u2069b\u2066c'), 'abc');
    assert.equal(isolated('a\u2066b\u2068c\u2069'), 'abc');
    assert.equal(isolated('\u200fשלום\u200e'), '\u200fשלום\u200e');
  });

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
