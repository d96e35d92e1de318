// Property-based tests of the manifest check (fast-check, 10,000+ cases each, fixed seed):
// whatever JSON it is given, it never throws, accepts only what the JSON Schema accepts and the
// other way round (but for the few rules a schema cannot state), gives back plain data that it
// accepts again unchanged, and never pollutes a prototype; and the loader's smaller check (the
// essentials) agrees with it on everything that decides what runs.
import Ajv2020 from 'ajv/dist/2020.js';
import fc from 'fast-check';
import assert from 'node:assert/strict';
import {readFileSync} from 'node:fs';
import {describe, it} from 'node:test';
import {loadCore, root} from './load-core.mjs';
import {COOKIE_CHARACTERS, ID_CHARACTERS, RUNS, holds, hostileString, oddString, stringOf} from './property.mjs';

const schema = JSON.parse(readFileSync(`${root}schema/cookie-manifest.schema.json`, 'utf8'));
const validate = new Ajv2020({strict: true, strictRequired: false}).compile(schema);
const {parseManifest, checkEssentials, formatIssue, resolveLink, LIMITS, COOKIE_NAME_PATTERN, ID_PATTERN} =
  await loadCore('src/core/manifest.ts');

/** A JSON value as text, to compare; `null` for one too deeply nested to write (the limit is the engine's). */
const asText = (value) => {
  try {
    return JSON.stringify(value);
  } catch {
    return null;
  }
};

/** The fields that decide what may run: the essentials (manifest-essentials.ts) must refuse what the full check refuses there. */
const DECIDES =
  /^(version|revision|consentMaxAgeDays|gpc|cookie\.name|categories\[\d+\]\.(id|basis)|services\[\d+\]\.(id|category)|services\[\d+\]\.cookies\[\d+\]\.duration)$/;

/** The rules only the runtime check can see (references, unique ids, the 13-month ceiling). */
const RUNTIME_ONLY = /: (duplicate id|unknown category|an exempt category's cookies may last at most)/;

// ---- A valid manifest, built from parts that hit the edges of each rule ----
const LANGUAGES = ['fr', 'en', 'de', 'pt-BR', 'en-GB', 'ar', 'he', 'zh-Hant', 'es'];
const word = fc.oneof(
  {arbitrary: fc.string({minLength: 1, maxLength: 24}), weight: 10},
  {arbitrary: oddString(12).filter((w) => w.length > 0 && !/[\u202A-\u202E]/.test(w)), weight: 10},
  {arbitrary: fc.constantFrom('<b>bold</b>', '<script>alert(1)</script>', 'مرحبا', 'שלום \u2067x\u2069'), weight: 3},
  // At the limit: 10,000 characters, and 6,000 emoji (12,000 UTF-16 units, 6,000 characters).
  {arbitrary: fc.constantFrom('A'.repeat(LIMITS.characters), '😀'.repeat(6000)), weight: 1}
);
const text = (languages) =>
  fc.oneof(word, fc.dictionary(fc.constantFrom(...languages), word, {minKeys: 1, maxKeys: 3, noNullPrototype: true}));
const id = fc.oneof(stringOf(ID_CHARACTERS, ID_PATTERN, 1, 12), fc.constantFrom('a', 'x-1', 'constructors', 'z'.repeat(64)));
const label = stringOf('ab09-', /^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/, 1, 10);
const domain = fc
  .tuple(fc.boolean(), fc.array(label, {minLength: 1, maxLength: 3}))
  .map(([dot, labels]) => `${dot ? '.' : ''}${labels.join('.')}`);
const path = fc.string({unit: fc.constantFrom(...'/?#=&%._~-aZ09:@!$()*+,;'.split(''), 'é', '日'), maxLength: 16});
const url = (schemes) =>
  fc.oneof(
    fc.tuple(fc.constantFrom(...schemes), domain, path).map(([scheme, host, rest]) => `${scheme}://${host.replace(/^\./, '')}${rest}`),
    fc.constantFrom(`${schemes.at(-1)}://a`, `${schemes.at(-1)}://example.com/p?q=1#x`)
  );
const httpUrl = url(['http', 'https']);
/** A link relative to the manifest (README, “The cookie manifest”): a path, from the root or not, a query, a fragment, another host. */
const relativeLink = fc.oneof(
  fc
    .tuple(fc.constantFrom('/', './', '../', '', '//cdn.example/', '?', '#'), path)
    .map(([start, rest]) => start + rest)
    .filter(Boolean),
  fc.constantFrom('privacy.html', '/privacy', '../legal/cookies.html', 'a_b:c', './a:b')
);
const link = fc.oneof(httpUrl, relativeLink);
const duration = fc.oneof(
  fc.constantFrom('session', 'P13M', 'P1D', 'PT30M', 'P1Y6M', 'P2Y', 'P0D', 'PT0S', 'P395D', 'P1Y1M1D', 'P1W'),
  fc
    .tuple(fc.nat(30), fc.constantFrom('Y', 'M', 'W', 'D', 'TH', 'TM', 'TS'), fc.option(fc.nat(30), {nil: undefined}))
    .map(([n, unit, hours]) => `P${unit.startsWith('T') ? `T${n}${unit[1]}` : `${n}${unit}${hours !== undefined ? `T${hours}H` : ''}`}`)
);
const cookieName = fc.oneof(stringOf(COOKIE_CHARACTERS, COOKIE_NAME_PATTERN, 1, 20), fc.constantFrom('_ga', '_ga_*', '*', '_pk_id.*'));
const cookie = (languages) =>
  fc.record({name: cookieName, duration, purpose: text(languages), domain}, {requiredKeys: ['name', 'duration']});

const validManifest = fc
  .uniqueArray(fc.constantFrom(...LANGUAGES), {minLength: 1, maxLength: 4})
  .chain((languages) =>
    fc.uniqueArray(id, {minLength: 2, maxLength: 5}).chain((ids) => {
      const split = Math.max(1, Math.floor(ids.length / 2));
      const [categoryIds, serviceIds] = [ids.slice(0, split), ids.slice(split)];
      const category = (categoryId) =>
        fc
          .record(
            {
              basis: fc.constantFrom('consent', 'necessary', 'exempt'),
              title: text(languages),
              description: text(languages),
              exemption: text(languages),
            },
            {requiredKeys: ['title']}
          )
          .map((c) => ({id: categoryId, ...c, ...(c.basis === 'exempt' && !c.exemption ? {exemption: 'CNIL'} : {})}));
      const service = (serviceId) =>
        fc.record(
          {
            id: fc.constant(serviceId),
            name: word,
            provider: word,
            category: fc.constantFrom(...categoryIds),
            policyUrl: link,
            description: text(languages),
            cookies: fc.array(cookie(languages), {maxLength: 2}),
            storage: fc.array(cookieName, {maxLength: 2}),
          },
          {requiredKeys: ['id', 'name', 'category']}
        );
      return fc.record(
        {
          $schema: fc.constant('./cookie-manifest.schema.json'),
          version: fc.constant(1),
          site: fc.record({name: word, policyUrl: link, languages: fc.constant(languages)}),
          revision: fc.oneof(fc.integer({min: 1, max: 1000}), fc.constant(Number.MAX_SAFE_INTEGER)),
          consentMaxAgeDays: fc.integer({min: 1, max: 395}),
          cookie: fc.record({name: cookieName, domain}, {requiredKeys: []}),
          categories: fc.tuple(...categoryIds.map(category)),
          services: fc.tuple(...serviceIds.map(service)),
          log: fc.record({url: fc.oneof(url(['https']), fc.constant('/consent-log'), fc.constant('../consent-log'))}),
          gpc: fc.constantFrom('refuse', 'ignore'),
          consentMode: fc.dictionary(fc.constantFrom('ad_storage', 'analytics_storage', 'ad_user_data'), fc.subarray(categoryIds), {
            maxKeys: 2,
          }),
        },
        {requiredKeys: ['version', 'site', 'categories']}
      );
    })
  )
  // Plain JSON, as a page would get it.
  .map((m) => JSON.parse(JSON.stringify(m)));

// ---- Near misses: one change somewhere in a valid manifest ----
const deepList = (depth) => JSON.parse('['.repeat(depth) + ']'.repeat(depth));
const strangeValue = fc.oneof(
  {arbitrary: hostileString, weight: 10},
  {arbitrary: fc.jsonValue({maxDepth: 2}), weight: 10},
  {
    arbitrary: fc.constantFrom(
      0,
      -1,
      1.5,
      396,
      1e21,
      Number.MAX_SAFE_INTEGER + 2,
      null,
      true,
      [],
      {},
      'P',
      'P13M',
      'session',
      'https://x',
      'exempt'
    ),
    weight: 10,
  },
  {arbitrary: fc.constantFrom(deepList(5_000), 'x'.repeat(100_000), 'A'.repeat(LIMITS.characters + 1)), weight: 1}
);

/** Every [container, key] of a JSON value. */
function places(value, out = []) {
  if (value && typeof value === 'object') {
    for (const key of Object.keys(value)) {
      out.push([value, key]);
      places(value[key], out);
    }
  }
  return out;
}

const nearMiss = fc
  .tuple(validManifest, fc.nat(), fc.constantFrom('replace', 'delete', 'add', 'own __proto__'), strangeValue, fc.oneof(hostileString, id))
  .map(([manifest, pick, change, value, key]) => {
    const all = places(manifest);
    const [container, at] = all[pick % all.length];
    if (change === 'replace') container[at] = value;
    else if (change === 'delete') Array.isArray(container) ? container.splice(Number(at), 1) : delete container[at];
    else {
      const target = container[at] && typeof container[at] === 'object' && !Array.isArray(container[at]) ? container[at] : container;
      // JSON has no named keys on lists.
      if (Array.isArray(target)) return manifest;
      // What JSON.parse does with a "__proto__" key: an own property, not a prototype.
      Object.defineProperty(target, change === 'add' ? key : '__proto__', {value, enumerable: true, writable: true, configurable: true});
    }
    return manifest;
  });

const anyInput = fc.oneof(
  {arbitrary: validManifest, weight: 3},
  {arbitrary: nearMiss, weight: 6},
  {arbitrary: fc.jsonValue({maxDepth: 4}), weight: 1}
);

function walkStrings(value, visit) {
  if (typeof value === 'string') visit(value);
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      assert.ok(k !== '__proto__' && k !== 'constructor', `a key ${k}`);
      visit(k);
      walkStrings(v, visit);
    }
  }
}

describe('the manifest check, on generated manifests (fast-check)', () => {
  it(`never throws; accepts exactly what the JSON Schema accepts (but for the runtime-only rules), as plain data within the limits that it accepts again unchanged (${RUNS} cases)`, () => {
    const seen = {accepted: 0, refused: 0, runtimeOnly: 0};
    holds(
      fc.property(anyInput, (input) => {
        const result = parseManifest(input);
        const schemaSays = validate(input);
        if (!result.ok) {
          seen.refused++;
          assert.equal(result.errors.length, 1);
          const message = formatIssue(result.errors[0]);
          if (RUNTIME_ONLY.test(message)) seen.runtimeOnly++;
          else assert.equal(schemaSays, false, `the schema accepted what the check refuses: ${message.slice(0, 200)}`);
          return;
        }
        seen.accepted++;
        // One known difference: a log.url that is neither https nor same-origin is refused by the
        // schema (so editors flag it) but only dropped with a warning by the runtime (the banner works).
        if (result.warnings.some((w) => w.path === 'log.url')) {
          assert.equal(result.manifest.log, undefined);
          return assert.equal(schemaSays, false, 'the schema accepted a bad log.url');
        }
        assert.equal(schemaSays, true, `the check accepted what the schema refuses: ${JSON.stringify(validate.errors)}`);
        const {manifest} = result;
        assert.equal(validate(manifest), true, JSON.stringify(validate.errors));
        assert.deepEqual(parseManifest(manifest), result);
        assert.ok(manifest.services.length <= LIMITS.services && manifest.categories.length <= LIMITS.categories);
        walkStrings(manifest, (s) => {
          assert.ok(s.length <= LIMITS.characters || [...s].length <= LIMITS.characters, 'a string over the limit');
          assert.ok(!/[\u202A-\u202E]/.test(s), 'a direction override');
        });
        // Served over https, the same manifest, every link leading to http(s); or, for a link that
        // is no URL at all (`http://a:-`), refused naming it.
        const base = 'https://shop.example/m/cookie-manifest.json';
        const served = parseManifest(input, {base});
        if (served.ok) {
          assert.deepEqual(served, result);
          for (const link of [manifest.site.policyUrl, ...manifest.services.map((s) => s.policyUrl).filter(Boolean)]) {
            assert.match(resolveLink(link, base), /^https?:\/\/[^/]/, link);
          }
        } else {
          assert.match(
            formatIssue(served.errors[0]),
            /^(site|services\[\d+\])\.policyUrl: must resolve to an http\(s\) URL against https:\/\/shop\.example\/m\/cookie-manifest\.json, got "/
          );
          const {path} = served.errors[0];
          const link = path === 'site.policyUrl' ? manifest.site.policyUrl : manifest.services[Number(/\d+/.exec(path))].policyUrl;
          assert.throws(() => new URL(link, base), TypeError, link);
        }
      })
    );
    // The generators reach both sides, and the rules only the runtime sees.
    assert.ok(seen.accepted > RUNS / 5 && seen.refused > RUNS / 5 && seen.runtimeOnly > 0, JSON.stringify(seen));
  });

  it(`the loader's essentials (checkEssentials) never throw, never change their input, and accept every manifest the full check accepts, giving the same manifest (${RUNS} cases)`, () => {
    const seen = {both: 0, essentialsOnly: 0, neither: 0};
    holds(
      fc.property(anyInput, (input) => {
        const before = asText(input);
        const essentials = checkEssentials(input);
        assert.equal(asText(input), before, 'the essentials changed their input');
        const full = parseManifest(input);
        if (full.ok) {
          seen.both++;
          // What the gate reads is what the full check gives: a page fails closed on its own.
          return assert.deepEqual(essentials, full.manifest);
        }
        if (essentials === undefined) return void seen.neither++;
        seen.essentialsOnly++;
        // Kept by the essentials, refused by the full check: never for a field that decides what runs.
        assert.doesNotMatch(full.errors[0].path, DECIDES, formatIssue(full.errors[0]));
      })
    );
    assert.ok(seen.both > RUNS / 5 && seen.neither > RUNS / 20 && seen.essentialsOnly > 0, JSON.stringify(seen));
  });

  it(`refuses __proto__ and constructor keys wherever JSON puts them, and pollutes no prototype (${RUNS} cases)`, () => {
    const text = readFileSync(`${root}demo/dimelo/cookie-manifest.json`, 'utf8');
    const objects = [...text.matchAll(/\{/g)].map((m) => m.index + 1);
    const before = Object.getOwnPropertyNames(Object.prototype).join();
    holds(
      fc.property(
        fc.nat(),
        fc.constantFrom('__proto__', 'constructor', 'prototype'),
        fc.oneof(fc.constant({polluted: 1}), fc.constant({prototype: {polluted: 1}}), fc.jsonValue({maxDepth: 2})),
        (pick, key, value) => {
          const at = objects[pick % objects.length];
          // As a page receives it: JSON text, parsed; JSON.parse makes "__proto__" an own key.
          const result = parseManifest(
            JSON.parse(`${text.slice(0, at)}${JSON.stringify(key)}: ${JSON.stringify(value)}, ${text.slice(at)}`)
          );
          assert.equal(result.ok, false);
          assert.match(
            formatIssue(result.errors[0]),
            /\.?(__proto__|constructor|prototype): (is not a known field|must be a language tag)/
          );
          assert.equal({}.polluted, undefined);
          assert.equal([].polluted, undefined);
        }
      )
    );
    assert.equal(Object.getOwnPropertyNames(Object.prototype).join(), before);
  });
});
