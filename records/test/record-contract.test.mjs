// The record contract: schema/consent-record.schema.json and parseRecord (consent-banner/core) say
// the same thing, on the records makeRecord writes for every demo site and on a corpus of bad
// ones; parseRecord never throws, whatever it is given (fast-check), and names the JSON path of
// what is wrong; what the banner sends (src/browser/log.ts) is such a record.
import Ajv2020 from 'ajv/dist/2020.js';
import fc from 'fast-check';
import assert from 'node:assert/strict';
import {readFileSync, readdirSync} from 'node:fs';
import {describe, it} from 'node:test';
import {loadCore, root} from '../../test/node/load-core.mjs';
import {holds, hostileString} from '../../test/node/property.mjs';

const schema = JSON.parse(readFileSync(`${root}schema/consent-record.schema.json`, 'utf8'));
const validate = new Ajv2020({allErrors: true, strict: true}).compile(schema);
const {parseRecord, recordPayload} = await loadCore('src/core/record-contract.ts');
const {checkManifest, makeRecord} = await loadCore('src/core/index.ts');
const {consentLog} = await loadCore('src/browser/log.ts');

const sites = readdirSync(`${root}demo`, {withFileTypes: true})
  .filter((d) => d.isDirectory() && d.name !== 'trackers')
  .map((d) => d.name);
const manifestOf = (site) => checkManifest(readFileSync(`${root}demo/${site}/cookie-manifest.json`, 'utf8')).manifest;
const NOW = new Date('2026-11-23T10:00:00.000Z');
const dimelo = manifestOf('dimelo');
const sample = () => recordPayload(makeRecord(dimelo, {categories: {performance: true}}, 'custom', null, NOW, {language: 'fr'}));

describe('the record contract', () => {
  for (const site of sites) {
    it(`accepts what the banner sends for ${site}, in the schema and in parseRecord, for every method`, () => {
      const manifest = manifestOf(site);
      for (const method of ['accept-all', 'reject-all', 'custom', 'close', 'placeholder', 'opt-out', 'gpc', 'adpc', 'api']) {
        const record = recordPayload(makeRecord(manifest, {}, method, null, NOW, {language: 'en'}));
        assert.equal(validate(record), true, JSON.stringify(validate.errors));
        const result = parseRecord(JSON.stringify(record));
        assert.deepEqual(result, {ok: true, record});
        assert.deepEqual(Object.keys(result.record), Object.keys(record));
      }
    });
  }

  it('is what the banner’s log sends (src/browser/log.ts writes the version as a number)', async () => {
    const sent = [];
    const navigator = {sendBeacon: (url, blob) => sent.push(blob.text()) > 0};
    const log = consentLog({...dimelo, log: {url: '/consent-log'}}, {navigator, storage: null, pageUrl: 'https://shop.example/'});
    const record = makeRecord(dimelo, {}, 'accept-all', null, NOW);
    log.send(record);
    assert.deepEqual(parseRecord(await sent[0]), {ok: true, record: recordPayload(record)});
  });

  it('reads the record of a 1,000-service manifest (the manifest’s limit), about 30 KB', () => {
    const record = sample();
    record.services = Object.fromEntries(Array.from({length: 1000}, (_, i) => [`service-${i}`, i % 2 === 0]));
    assert.equal(validate(record), true);
    assert.equal(parseRecord(JSON.stringify(record)).ok, true);
  });

  // [name, edit of a Dimelo record, the issues parseRecord names, whether the schema sees it]
  const corpus = [
    ['not JSON', () => ({replaceWith: '{"v":1,'}), [['record', /^is not JSON \(/]], false],
    ['a list', () => ({replaceWith: []}), [['record', 'must be an object, got a list']], true],
    ['null', () => ({replaceWith: null}), [['record', 'must be an object, got null']], true],
    ['no v (a banner older than the contract)', (r) => delete r.v, [['v', 'is required']], true],
    ['v 2', (r) => (r.v = 2), [['v', 'must be 1, got 2']], true],
    ['v "1"', (r) => (r.v = '1'), [['v', 'must be 1, got "1"']], true],
    ['an unknown field', (r) => (r.ip = '203.0.113.9'), [['ip', 'is not a known field']], true],
    [
      '__proto__ as a field',
      () => ({replaceWith: sampleText().replace('{', '{"__proto__":{"admin":true},')}),
      [['__proto__', 'is not a known field']],
      true,
    ],
    ['an upper-case id', (r) => (r.id = r.id.toUpperCase()), [['id', /^must be a random UUID/]], true],
    ['a timestamp with an offset', (r) => (r.timestamp = '2026-11-23T10:00:00.000+01:00'), [['timestamp', /^must be a UTC time/]], true],
    [
      'a timestamp on the 31st of February',
      (r) => (r.timestamp = '2026-02-31T10:00:00.000Z'),
      [['timestamp', 'is no date, got "2026-02-31T10:00:00.000Z"']],
      false,
    ],
    ['revision 0', (r) => (r.revision = 0), [['revision', 'must be an integer from 1 to 9007199254740991, got 0']], true],
    ['revision 1.5', (r) => (r.revision = 1.5), [['revision', 'must be an integer from 1 to 9007199254740991, got 1.5']], true],
    ['a short manifest hash', (r) => (r.manifestHash = 'abc'), [['manifestHash', 'must be 16 lowercase hex digits, got "abc"']], true],
    ['an unknown method', (r) => (r.method = 'later'), [['method', /^must be one of accept-all, .*, got "later"$/]], true],
    ['a language that is no tag', (r) => (r.language = 'en_GB'), [['language', /^must be a language tag/]], true],
    ['categories as a list', (r) => (r.categories = []), [['categories', 'must be an object, got a list']], true],
    [
      'a choice as a string',
      (r) => (r.services['google-analytics'] = 'yes'),
      [['services.google-analytics', 'must be true or false, got "yes"']],
      true,
    ],
    ['an id with a capital', (r) => (r.services.YouTube = true), [['services.YouTube', /^must be an id/]], true],
    ['the id constructor', (r) => (r.categories.constructor = true), [['categories.constructor', /^must be an id/]], true],
    [
      '1,001 services',
      (r) => (r.services = Object.fromEntries(Array.from({length: 1001}, (_, i) => [`s${i}`, true]))),
      [['services', 'must have at most 1000 entries, got 1001']],
      true,
    ],
    [
      '10,000 keys',
      (r) => (r.categories = Object.fromEntries(Array.from({length: 10_000}, (_, i) => [`c${i}`, true]))),
      [['categories', 'must have at most 50 entries, got 10000']],
      true,
    ],
    [
      'a purpose answered as a boolean',
      (r) => (r.purposes.performance = true),
      [['purposes.performance', /^must be when it was answered/]],
      true,
    ],
    [
      'a purpose that is no category',
      (r) => (r.purposes.elsewhere = '29904600.abc'),
      [['purposes.elsewhere', 'must be one of the record’s categories']],
      false,
    ],
    [
      'several faults at once',
      (r) => Object.assign(r, {v: 0, method: 1, extra: 1}),
      [
        ['extra', 'is not a known field'],
        ['v', 'must be 1, got 0'],
        ['method', /^must be one of/],
      ],
      true,
    ],
  ];
  const sampleText = () => JSON.stringify(sample());

  for (const [name, edit, issues, schemaSees] of corpus) {
    it(`refuses ${name}, naming the path${schemaSees ? ', as the schema does' : ' (the schema cannot say it)'}`, () => {
      let record = sample();
      const replaced = edit(record);
      if (replaced && typeof replaced === 'object' && 'replaceWith' in replaced) record = replaced.replaceWith;
      const text = typeof record === 'string' ? record : JSON.stringify(record);
      const result = parseRecord(text);
      assert.equal(result.ok, false);
      assert.equal(result.errors.length, issues.length, JSON.stringify(result.errors));
      for (const [i, [path, message]] of issues.entries()) {
        assert.equal(result.errors[i].path, path);
        if (message instanceof RegExp) assert.match(result.errors[i].message, message);
        else assert.equal(result.errors[i].message, message);
      }
      // The parsed value gives the same answer as the text.
      if (typeof record !== 'string') assert.deepEqual(parseRecord(JSON.parse(text)), result);
      let parsed;
      try {
        parsed = JSON.parse(text);
      } catch {
        return;
      }
      assert.equal(validate(parsed), !schemaSees, JSON.stringify(validate.errors));
    });
  }

  it('names at most 20 issues, however many there are', () => {
    const record = sample();
    for (let i = 0; i < 1000; i++) record[`field${i}`] = i;
    const result = parseRecord(JSON.stringify(record));
    assert.equal(result.errors.length, 20);
  });

  it('never throws, and accepts only what the schema accepts (fast-check)', () => {
    const base = sample();
    const value = fc.oneof(fc.jsonValue(), hostileString, fc.anything());
    const edited = fc
      .tuple(fc.constantFrom(...Object.keys(base), 'x', '__proto__'), fc.oneof(fc.jsonValue(), hostileString))
      .map(([key, v]) => ({...base, [key]: v}));
    holds(
      fc.property(fc.oneof(value, edited), (input) => {
        const result = parseRecord(input);
        const text = typeof input === 'string' ? input : undefined;
        if (result.ok) {
          assert.equal(validate(result.record), true);
          if (!text) assert.equal(validate(input), true);
        } else {
          assert.ok(result.errors.length > 0 && result.errors.every((e) => typeof e.path === 'string' && typeof e.message === 'string'));
        }
        if (text === undefined) {
          let json;
          try {
            json = JSON.parse(JSON.stringify(input));
          } catch {
            return;
          }
          // What the schema refuses, parseRecord refuses (the schema's rules are all in it).
          if (json !== undefined && !validate(json)) assert.equal(parseRecord(json).ok, false);
        }
      }),
      2000
    );
  });
});
