// The service catalogue (catalogue/services.json) that the manifest studio adds services from:
// it passes its own JSON Schema, names the services a European site embeds, and every entry
// becomes a manifest service that both the shipped schema and the banner's runtime check accept.
import Ajv2020 from 'ajv/dist/2020.js';
import assert from 'node:assert/strict';
import {readFileSync} from 'node:fs';
import {describe, it} from 'node:test';
import {loadCore, root} from './load-core.mjs';

const read = (path) => JSON.parse(readFileSync(`${root}${path}`, 'utf8'));
const manifestSchema = read('schema/cookie-manifest.schema.json');
const catalogueSchema = read('catalogue/services.schema.json');
const catalogue = read('catalogue/services.json');

const ajv = new Ajv2020({allErrors: true, strict: true, strictRequired: false});
ajv.addSchema(manifestSchema);
const validateCatalogue = ajv.compile(catalogueSchema);
const validateManifest = ajv.getSchema(manifestSchema.$id);

const {parseManifest, formatIssue} = await loadCore('src/core/manifest.ts');
const {checkManifest} = await loadCore('src/core/manifest-check.ts');
const {NEEDS_CONSENT} = await loadCore('src/core/manifest-lint.ts');
const {serviceFromCatalogue, categoryFromCatalogue} = await loadCore('studio/catalogue.ts');
const {toManifest} = await loadCore('studio/manifest-file.ts');

/** What the issue asks the catalogue to hold at least, by id. */
const REQUIRED = [
  'google-analytics',
  'google-ads',
  'doubleclick',
  'google-tag-manager',
  'meta-pixel',
  'linkedin-insight',
  'tiktok-pixel',
  'hubspot',
  'hotjar',
  'microsoft-clarity',
  'matomo-exempt',
  'matomo',
  'youtube',
  'vimeo',
  'google-maps',
  'addthis',
  'stripe',
  'intercom',
  'crisp',
];

/** A manifest holding one catalogue entry in its usual category, as the studio builds it. */
function manifestWith(entry, languages = ['fr', 'en']) {
  const usual = catalogue.categories.find((c) => c.id === entry.category);
  const necessary = catalogue.categories.find((c) => c.id === 'necessary');
  const categories = [...new Set([necessary, usual])].map((c) => categoryFromCatalogue(c, languages));
  return toManifest({
    version: 1,
    site: {name: 'Example', policyUrl: 'https://example.com/privacy', languages},
    revision: 1,
    categories,
    services: [serviceFromCatalogue(entry, languages)],
  });
}

describe('the service catalogue', () => {
  it('passes its own JSON Schema', () => {
    assert.equal(validateCatalogue(catalogue), true, JSON.stringify(validateCatalogue.errors, null, 2));
  });

  // The schema must refuse what would break the studio: each edit below is one such entry.
  const broken = [
    ['a purpose without French', (c) => delete c.services[0].cookies[0].purpose.fr, '/services/0/cookies/0/purpose'],
    ['a cookie name with a space', (c) => (c.services[0].cookies[0].name = '_g a'), '/services/0/cookies/0/name'],
    ['a lifetime in words', (c) => (c.services[0].cookies[0].duration = '2 years'), '/services/0/cookies/0/duration'],
    ['a service without hosts', (c) => delete c.services[1].hosts, '/services/1'],
    ['a javascript: snippet source', (c) => (c.services[0].snippet.source.url = 'javascript:alert(1)'), '/services/0/snippet/source/url'],
    ['a snippet without its source', (c) => delete c.services[0].snippet.source, '/services/0/snippet'],
    ['an exempt category without its exemption', (c) => delete c.categories[1].exemption, '/categories/1'],
    ['a consent category with an exemption', (c) => (c.categories[2].exemption = c.categories[1].exemption), '/categories/2'],
    ['an unknown field', (c) => (c.services[2].banner = true), '/services/2'],
  ];
  for (const [name, edit, where] of broken) {
    it(`its schema refuses ${name}`, () => {
      const copy = structuredClone(catalogue);
      edit(copy);
      assert.equal(validateCatalogue(copy), false);
      assert.ok(
        validateCatalogue.errors.some((e) => e.instancePath === where),
        JSON.stringify(validateCatalogue.errors)
      );
    });
  }

  it('holds the services a European site embeds, each once', () => {
    const ids = catalogue.services.map((s) => s.id);
    assert.deepEqual(
      REQUIRED.filter((id) => !ids.includes(id)),
      []
    );
    assert.equal(new Set(ids).size, ids.length, 'an id repeats');
    assert.equal(new Set(catalogue.services.map((s) => s.name)).size, ids.length, 'a name repeats');
  });

  it('puts every service in one of its own categories, and the exempt Matomo in an exempt one', () => {
    const categories = new Map(catalogue.categories.map((c) => [c.id, c]));
    for (const s of catalogue.services) assert.ok(categories.has(s.category), `${s.id}: unknown category ${s.category}`);
    const basisOf = (id) => categories.get(catalogue.services.find((s) => s.id === id).category).basis;
    assert.equal(basisOf('matomo-exempt'), 'exempt');
    assert.equal(basisOf('stripe'), 'necessary');
    for (const id of ['google-analytics', 'hotjar', 'microsoft-clarity', 'meta-pixel', 'matomo', 'youtube']) {
      assert.equal(basisOf(id), 'consent', id);
    }
  });

  for (const entry of catalogue.services) {
    it(`turns ${entry.name} into a manifest service that the schema and the runtime check accept, with no warning`, () => {
      const manifest = manifestWith(entry);
      assert.equal(validateManifest(manifest), true, JSON.stringify(validateManifest.errors));
      const result = parseManifest(manifest);
      assert.equal(result.ok, true, result.ok ? '' : formatIssue(result.errors[0]));
      assert.deepEqual(result.warnings.map(formatIssue), []);
      const [service] = result.manifest.services;
      assert.deepEqual(
        service.cookies.map((c) => c.name),
        entry.cookies.map((c) => c.name)
      );
      assert.ok(
        service.cookies.every((c) => c.purpose.fr && c.purpose.en),
        'a cookie lost a purpose'
      );
      assert.equal(Object.hasOwn(service, 'hosts') || Object.hasOwn(service, 'snippet'), false);
    });
  }

  it('keeps only the site’s languages, and English for a site in another language', () => {
    const ga = catalogue.services.find((s) => s.id === 'google-analytics');
    assert.deepEqual(Object.keys(serviceFromCatalogue(ga, ['en']).description), ['en']);
    assert.deepEqual(Object.keys(serviceFromCatalogue(ga, ['fr']).cookies[0].purpose), ['fr']);
    const german = manifestWith(ga, ['de']);
    assert.equal(parseManifest(german).ok, true);
    assert.deepEqual(german.services[0].cookies[0].purpose, {en: ga.cookies[0].purpose.en});
  });

  it('refuses, through the runtime check, an exempt Matomo edited to keep its cookie two years (R30)', () => {
    const entry = structuredClone(catalogue.services.find((s) => s.id === 'matomo-exempt'));
    entry.cookies[0].duration = 'P2Y';
    const result = parseManifest(manifestWith(entry));
    assert.equal(result.ok, false);
    assert.equal(
      formatIssue(result.errors[0]),
      "services[0].cookies[0].duration: an exempt category's cookies may last at most 13 months (P13M)"
    );
  });

  it('warns, through the site owner’s lints (CLI, studio), when Hotjar is put in the exempt category (R29, R30)', () => {
    const hotjar = catalogue.services.find((s) => s.id === 'hotjar');
    const audience = catalogue.categories.find((c) => c.id === 'audience');
    const manifest = toManifest({
      version: 1,
      site: {name: 'Example', policyUrl: 'https://example.com/privacy', languages: ['en']},
      revision: 1,
      categories: [categoryFromCatalogue(audience, ['en'])],
      services: [serviceFromCatalogue(hotjar, ['en'], 'audience')],
    });
    assert.deepEqual(parseManifest(manifest).warnings, [], 'the visitor’s runtime check does not lint');
    const result = checkManifest(manifest);
    assert.equal(result.ok, true);
    assert.match(result.warnings.map(formatIssue).join('\n'), /^services\[0\]\.category: Hotjar is not exempt audience measurement/);
  });

  // One list of known services: the site owner's warnings keep a small table of their own (so the
  // npm module and the studio do not carry the catalogue); it must agree with the catalogue.
  const basisOf = (entry) => catalogue.categories.find((c) => c.id === entry.category).basis;
  /** What the warnings look at in a manifest service: its id, name, provider, policy host, cookie names and cookie domains. */
  const words = (entry) =>
    [
      entry.id,
      entry.name,
      entry.provider,
      entry.policyUrl?.split('/')[2] ?? '',
      ...entry.cookies.flatMap((c) => [c.name.replace(/\*/g, 'x'), c.domain ?? '']),
    ]
      .filter(Boolean)
      .map((w) => w.toLowerCase());

  /** Catalogue services that usually need consent, but not whatever their setup: no warning names them. */
  const SET_UP_OTHERWISE = {
    matomo: 'its CNIL setup is exempt (matomo-exempt)',
    vimeo: 'with dnt=1 it sets no cookie',
    'google-maps': 'a map the visitor asks for may be necessary',
    intercom: 'a chat the visitor opens may be necessary',
    crisp: 'a chat the visitor opens may be necessary',
  };

  it('the site owner’s warnings know every catalogue service that needs consent whatever its setup, under its catalogue id, and no other', () => {
    const needing = catalogue.services.filter((s) => basisOf(s) === 'consent' && !Object.hasOwn(SET_UP_OTHERWISE, s.id));
    assert.deepEqual(NEEDS_CONSENT.map(([id]) => id).sort(), needing.map((s) => s.id).sort());
  });

  for (const entry of catalogue.services.filter((s) => NEEDS_CONSENT.some(([id]) => id === s.id))) {
    it(`the site owner’s warnings find ${entry.name} by its id, its name, and each of its cookies (by name, or by the domain it lives on)`, () => {
      const [, , pattern] = NEEDS_CONSENT.find(([id]) => id === entry.id);
      assert.deepEqual(
        [entry.id, entry.name.toLowerCase()].filter((w) => !pattern.test(w)),
        [],
        `${pattern} misses these`
      );
      const finds = (p, c) => p.test(c.name.replace(/\*/g, 'x').toLowerCase()) || Boolean(c.domain && p.test(c.domain));
      // A cookie two services share (Google Ads and DoubleClick both set IDE) may be found as the other's.
      const sharedWith = (c) =>
        NEEDS_CONSENT.some(
          ([id, , other]) =>
            id !== entry.id && finds(other, c) && catalogue.services.find((s) => s.id === id).cookies.some((d) => d.name === c.name)
        );
      const missed = entry.cookies.filter((c) => !finds(pattern, c) && !sharedWith(c));
      assert.deepEqual(
        missed.map((c) => c.name),
        [],
        `${pattern} misses these cookies`
      );
    });
  }

  it('the site owner’s warnings find nothing in the necessary and exempt services of the catalogue', () => {
    for (const entry of catalogue.services.filter((s) => basisOf(s) !== 'consent')) {
      const hits = words(entry).flatMap((w) => NEEDS_CONSENT.filter(([, , pattern]) => pattern.test(w)).map(([id]) => `${w} → ${id}`));
      assert.deepEqual(hits, [], entry.id);
    }
  });
});
