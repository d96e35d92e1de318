// Property-based tests of the consent record (fast-check, 10,000+ cases each, fixed seed): the
// decoder never throws and accepts only records of ours; a record encoded then decoded is the
// same; a flipped choice, another format or foreign value is no choice; and the cookie written
// through the store cannot break out of its cookie, whatever the names and choices.
import fc from 'fast-check';
import assert from 'node:assert/strict';
import {describe, it} from 'node:test';
import {loadCore} from './load-core.mjs';
import {COOKIE_CHARACTERS, ID_CHARACTERS, RUNS, holds, hostileString, oddString, stringOf} from './property.mjs';

// A cookie jar standing in for document.cookie: keeps name=value, drops expired cookies, and
// records every raw assignment.
const jar = new Map();
const assignments = [];
globalThis.document = {
  get cookie() {
    return [...jar].map(([name, value]) => `${name}=${value}`).join('; ');
  },
  set cookie(line) {
    assignments.push(line);
    const [pair, ...attributes] = line.split(';');
    const at = pair.indexOf('=');
    const name = pair.slice(0, at).trim();
    const expires = attributes.map((a) => a.trim()).find((a) => a.toLowerCase().startsWith('expires='));
    if (expires && Date.parse(expires.slice(8)) <= Date.now()) jar.delete(name);
    else jar.set(name, pair.slice(at + 1));
  },
};
const reset = () => {
  jar.clear();
  assignments.length = 0;
};

const {decodeRecord, encodeRecord} = await loadCore('src/core/record-codec.ts');
const {cookieStore} = await loadCore('src/browser/store.ts');
const {COOKIE_NAME_PATTERN, DOMAIN_PATTERN, ID_PATTERN} = await loadCore('src/core/manifest.ts');

const METHODS = ['accept-all', 'reject-all', 'custom', 'close', 'gpc', 'adpc', 'placeholder', 'opt-out', 'api'];
const choiceId = fc.oneof(stringOf(ID_CHARACTERS, ID_PATTERN), fc.constantFrom('a', 'constructors', 'z'.repeat(64)));
const choices = (maxKeys, minKeys = 0) => fc.dictionary(choiceId, fc.boolean(), {minKeys, maxKeys, noNullPrototype: true});
const record = fc.record(
  {
    id: fc.uuid({version: 4}),
    timestamp: fc
      .date({min: new Date('2000-01-01T00:00:00Z'), max: new Date('2099-12-31T23:59:59Z'), noInvalidDate: true})
      .map((d) => d.toISOString()),
    revision: fc.oneof(fc.integer({min: 1, max: 100}), fc.constant(Number.MAX_SAFE_INTEGER)),
    manifestHash: fc.stringMatching(/^[0-9a-f]{16}$/),
    method: fc.constantFrom(...METHODS),
    language: fc.constantFrom('en', 'fr', 'de-AT', 'pt-BR', 'und'),
    uiVersion: fc.constantFrom('0.1.0', '1.2.3-beta.1'),
    categories: choices(8),
    services: fc.oneof(
      {arbitrary: choices(20), weight: 19},
      // Now and then a site with hundreds of services: its record passes the 4 KB a cookie holds.
      {
        arbitrary: fc
          .array(fc.boolean(), {minLength: 250, maxLength: 400})
          .map((on) => Object.fromEntries(on.map((b, i) => [`service-${i}`, b]))),
        weight: 1,
      }
    ),
    // When each purpose was answered (minutes since 1970) and its fingerprint (FNV-1a 32, base 36).
    purposes: fc.dictionary(
      choiceId,
      fc.tuple(fc.integer({min: 0, max: 999_999_999}), fc.stringMatching(/^[0-9a-z]{1,7}$/)).map(([minute, print]) => `${minute}.${print}`),
      {maxKeys: 8, noNullPrototype: true}
    ),
  },
  // A record of the format before purposes were kept has none.
  {
    noNullPrototype: true,
    requiredKeys: ['id', 'timestamp', 'revision', 'manifestHash', 'method', 'language', 'uiVersion', 'categories', 'services'],
  }
);

/** A single edit anywhere in a string: a character changed, removed or inserted. */
const edited = (value) =>
  fc
    .tuple(
      fc.nat(value.length),
      fc.constantFrom('change', 'remove', 'insert'),
      fc.oneof(oddString(1), fc.constantFrom('t', 'f', '1', '0', '"', ' '))
    )
    .map(([at, how, c]) => value.slice(0, at) + (how === 'remove' ? '' : c) + value.slice(how === 'insert' ? at : at + 1));

/** The same record with one choice turned around, as a hand edit or another script would. */
function flipOne(encoded, pick) {
  const spots = [...encoded.matchAll(/:(true|false)/g)];
  if (!spots.length) return null;
  const spot = spots[pick % spots.length];
  const flipped = spot[1] === 'true' ? ':false' : ':true';
  return encoded.slice(0, spot.index) + flipped + encoded.slice(spot.index + spot[0].length);
}

describe('the consent record, on generated records and values (fast-check)', () => {
  it(`decodes any string without throwing, and only into a record of ours (${RUNS} cases)`, () => {
    const someRecordJson = record.chain((r) => edited(encodeRecord(r)));
    holds(
      fc.property(fc.oneof(hostileString, oddString(200), fc.json(), someRecordJson), (value) => {
        const decoded = decodeRecord(value);
        if (decoded !== null) {
          assert.match(decoded.id, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
          assert.ok(METHODS.includes(decoded.method));
          assert.deepEqual(decodeRecord(encodeRecord(decoded)), decoded);
        }
      })
    );
  });

  it(`a record encoded then decoded is the same; over 4 KB it is no choice (${RUNS} cases)`, () => {
    let large = 0;
    holds(
      fc.property(record, (r) => {
        const encoded = encodeRecord(r);
        if (encoded.length <= 4096) assert.deepEqual(decodeRecord(encoded), r);
        else (large++, assert.equal(decodeRecord(encoded), null));
      })
    );
    assert.ok(large > 0, `some records pass 4 KB (${large})`);
  });

  it(`one choice flipped by hand, or any one-character edit, is no choice or the same record (${RUNS} cases)`, () => {
    holds(
      fc.property(record, fc.nat(), (r, pick) => {
        const encoded = encodeRecord(r);
        const flipped = flipOne(encoded, pick);
        if (flipped) assert.equal(decodeRecord(flipped), null, flipped);
      })
    );
    holds(
      fc.property(
        record.filter((r) => encodeRecord(r).length <= 4096).chain((r) => fc.tuple(fc.constant(r), edited(encodeRecord(r)))),
        ([r, value]) => {
          const decoded = decodeRecord(value);
          assert.ok(decoded === null || JSON.stringify(decoded) === JSON.stringify(r), value);
        }
      )
    );
  });

  it(`another format, a missing checksum, foreign tools' values and prototype keys are no choice (${RUNS} cases)`, () => {
    holds(
      fc.property(record, fc.oneof(fc.jsonValue({maxDepth: 1}), fc.constant(undefined)), fc.nat(3), (r, other, how) => {
        const json = JSON.parse(encodeRecord(r));
        if (how === 0) json.v = other ?? 0; // another (older or newer) format
        if (how === 1) delete json.check;
        if (how === 2) json.categories = JSON.parse('{"__proto__": true, "constructor": true}');
        if (how === 3)
          return assert.equal(decodeRecord(JSON.stringify({level: Object.keys(r.categories), revision: r.revision, data: other})), null);
        if (how === 0 && json.v === 1) return;
        assert.equal(decodeRecord(JSON.stringify(json)), null);
        assert.equal({}.polluted, undefined);
      })
    );
  });

  it(`the cookie written cannot break out: one name=value of cookie octets and our attributes only (${RUNS} cases)`, () => {
    const cookieName = fc.oneof(
      stringOf(COOKIE_CHARACTERS, COOKIE_NAME_PATTERN, 1, 24),
      fc.constantFrom('consent', '%3B', '__Host-x', 'a%0Ab')
    );
    const domain = fc.oneof(fc.constant(undefined), stringOf('.ab09-', DOMAIN_PATTERN));
    holds(
      fc.property(record, cookieName, domain, fc.boolean(), (r, name, cookieDomain, secure) => {
        assert.ok(COOKIE_NAME_PATTERN.test(name) && (cookieDomain === undefined || DOMAIN_PATTERN.test(cookieDomain)));
        reset();
        const now = new Date();
        const fresh = {...r, timestamp: now.toISOString()};
        const manifest = {
          consentMaxAgeDays: 182,
          refusalMaxAgeDays: 182,
          categories: [],
          cookie: cookieDomain ? {name, domain: cookieDomain} : {name},
        };
        const store = cookieStore(manifest, secure);
        const warn = console.warn;
        console.warn = () => {};
        try {
          store.write(fresh);
        } finally {
          console.warn = warn;
        }
        assert.equal(assignments.length, 1);
        const [pair, ...attributes] = assignments[0].split('; ');
        assert.doesNotMatch(assignments[0], /[\r\n\0]/);
        // RFC 6265 cookie-octets: no space, quote, comma, semicolon or backslash.
        assert.match(pair, /^[^=;\s]+=[\x21\x23-\x2B\x2D-\x3A\x3C-\x5B\x5D-\x7E]*$/);
        assert.equal(decodeURIComponent(pair.slice(0, pair.indexOf('='))), name);
        const expected = ['path=/', ...(cookieDomain ? [`domain=${cookieDomain}`] : []), 'samesite=lax', ...(secure ? ['secure'] : [])];
        assert.deepEqual(
          attributes.filter((a) => !a.startsWith('expires=')).map((a) => a.toLowerCase()),
          expected
        );
        assert.equal(attributes.filter((a) => a.startsWith('expires=')).length, 1);
        if (encodeRecord(fresh).length <= 4096) assert.deepEqual(store.read(), fresh);
        else assert.equal(store.read(), null);
      })
    );
  });

  it(`reads ours beside foreign values of the same name, in any order (${RUNS} cases)`, () => {
    holds(
      fc.property(
        record,
        fc.array(fc.oneof(hostileString, fc.constantFrom('%E0%A4%A', '%ZZ', '"quoted"', '{"v":1}', 'true')), {maxLength: 3}),
        fc.nat(),
        (r, foreign, at) => {
          fc.pre(encodeRecord(r).length <= 4096);
          const ours = encodeURIComponent(encodeRecord(r));
          // Raw values as another script may have written them: anything but the separators.
          const values = foreign.map((v) => v.replace(/[;\s]/g, ''));
          values.splice(at % (values.length + 1), 0, ours);
          const cookie = values.map((v) => `consent=${v}`).join('; ');
          const saved = Object.getOwnPropertyDescriptor(globalThis, 'document');
          globalThis.document = {cookie};
          try {
            assert.deepEqual(cookieStore({consentMaxAgeDays: 182, cookie: {name: 'consent'}}, false).read(), r);
          } finally {
            Object.defineProperty(globalThis, 'document', saved);
          }
        }
      )
    );
  });
});
