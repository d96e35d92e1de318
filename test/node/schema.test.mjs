// The JSON Schema is the one source of truth for the manifest; the runtime check in the bundle
// must agree with it. A standard validator (ajv, dev-only) proves both on the demo manifests
// and on a corpus of bad manifests.
import Ajv2020 from 'ajv/dist/2020.js';
import assert from 'node:assert/strict';
import {readFileSync, readdirSync} from 'node:fs';
import {describe, it} from 'node:test';
import {loadCore, root} from './load-core.mjs';

const schema = JSON.parse(readFileSync(`${root}schema/cookie-manifest.schema.json`, 'utf8'));
const ajv = new Ajv2020({allErrors: true, strict: true, strictRequired: false});
const validate = ajv.compile(schema);
const {parseManifest, formatIssue} = await loadCore('src/core/manifest.ts');

const sites = readdirSync(`${root}demo`, {withFileTypes: true})
  .filter((d) => d.isDirectory() && d.name !== 'trackers')
  .map((d) => d.name);
const readSite = (site) => JSON.parse(readFileSync(`${root}demo/${site}/cookie-manifest.json`, 'utf8'));

/** `categories[2].basis` → `/categories/2/basis`. */
const pointer = (path) =>
  path === 'manifest'
    ? ''
    : '/' +
      path
        .replace(/\[(\d+)\]/g, '.$1')
        .split('.')
        .join('/');

/** The places ajv's errors point at, including the missing or extra property they name. */
const ajvPlaces = (errors) =>
  errors.flatMap((e) => {
    const named = [e.params.missingProperty, e.params.additionalProperty, e.params.propertyName, e.params.i, e.params.j];
    return [e.instancePath, ...named.filter((n) => n !== undefined).map((n) => `${e.instancePath}/${n}`)];
  });

describe('the JSON Schema and the runtime check', () => {
  it('have five demo manifests to check', () => {
    assert.deepEqual(sites.sort(), ['dimelo', 'linkello', 'linkello-medical', 'linkello-pro', 'porthello']);
  });

  for (const site of sites) {
    it(`accept the ${site} demo manifest, with no warning`, () => {
      const manifest = readSite(site);
      assert.equal(validate(manifest), true, JSON.stringify(validate.errors));
      const result = parseManifest(manifest);
      assert.equal(result.ok, true, result.ok ? '' : formatIssue(result.errors[0]));
      assert.deepEqual(result.warnings, []);
    });
  }

  // [name, edit of Dimelo's manifest, the runtime's message, whether the schema can see it]
  const corpus = [
    ['not an object', () => ({replaceWith: []}), 'manifest: must be an object', true],
    ['no version', (m) => delete m.version, 'version: is required', true],
    ['version 2', (m) => (m.version = 2), 'version: must be 1, got 2', true],
    ['an unknown field', (m) => (m.banner = true), 'banner: is not a known field', true],
    ['an empty $comment', (m) => (m.$comment = ''), '$comment: must be a non-empty string', true],
    ['a site without a name', (m) => delete m.site.name, 'site.name: is required', true],
    [
      'a javascript: policy URL',
      (m) => (m.site.policyUrl = 'javascript:void(0)'),
      'site.policyUrl: must be an http(s) URL or a relative link, got "javascript:void(0)"',
      true,
    ],
    [
      'a mailto: policy URL',
      (m) => (m.site.policyUrl = 'mailto:dpo@dimelo.com'),
      'site.policyUrl: must be an http(s) URL or a relative link, got "mailto:dpo@dimelo.com"',
      true,
    ],
    [
      'a policy URL hidden behind a control character',
      (m) => (m.site.policyUrl = '\u0001javascript:void(0)'),
      'site.policyUrl: must be an http(s) URL or a relative link, got "\\u0001javascript:void(0)"',
      true,
    ],
    ['languages as a string', (m) => (m.site.languages = 'fr'), 'site.languages: must be an array', true],
    ['a duplicated language', (m) => m.site.languages.push('fr'), 'site.languages[2]: duplicate language "fr"', true],
    ['revision as a string', (m) => (m.revision = '2'), 'revision: must be an integer from 1 to 9007199254740991, got "2"', true],
    ['revision 1.5', (m) => (m.revision = 1.5), 'revision: must be an integer from 1 to 9007199254740991, got 1.5', true],
    ['a 0-day lifetime', (m) => (m.consentMaxAgeDays = 0), 'consentMaxAgeDays: must be an integer from 1 to 395, got 0', true],
    ['a 396-day lifetime', (m) => (m.consentMaxAgeDays = 396), 'consentMaxAgeDays: must be an integer from 1 to 395, got 396', true],
    ['a cookie name with a semicolon', (m) => (m.cookie = {name: 'a;b'}), 'cookie.name: must be a cookie name, got "a;b"', true],
    [
      'a cookie domain with a path',
      (m) => (m.cookie = {domain: 'dimelo.com/x'}),
      'cookie.domain: must be a domain name, got "dimelo.com/x"',
      true,
    ],
    ['no categories', (m) => (m.categories = []), 'categories: must have at least 1 item', true],
    [
      'basis "legitimate"',
      (m) => (m.categories[2].basis = 'legitimate'),
      'categories[2].basis: must be one of consent, necessary, exempt',
      true,
    ],
    [
      'a category id with a space',
      (m) => (m.categories[1].id = 'per formance'),
      'categories[1].id: must be lowercase a-z, 0-9 and -, got "per formance"',
      true,
    ],
    [
      'a title that is a number',
      (m) => (m.categories[0].title = 7),
      'categories[0].title: must be a text: a string, or {"language": "string", …}',
      true,
    ],
    [
      'a title in an unknown language key',
      (m) => (m.categories[0].title = {French: 'x'}),
      'categories[0].title.French: must be a language tag, got "French"',
      true,
    ],
    ['an empty description', (m) => (m.categories[0].description = ''), 'categories[0].description: must be a non-empty string', true],
    [
      'an exempt category without exemption',
      (m) => (m.categories[1] = {id: 'audience', basis: 'exempt', title: 'Audience'}),
      'categories[1].exemption: is required when basis is exempt',
      true,
    ],
    ['a service without a category', (m) => delete m.services[0].category, 'services[0].category: is required', true],
    ['a service with an unknown field', (m) => (m.services[1].tracking = true), 'services[1].tracking: is not a known field', true],
    [
      'a data: service policy URL',
      (m) => (m.services[1].policyUrl = 'data:,x'),
      'services[1].policyUrl: must be an http(s) URL or a relative link, got "data:,x"',
      true,
    ],
    ['cookies as an object', (m) => (m.services[1].cookies = {}), 'services[1].cookies: must be an array', true],
    ['a cookie without duration', (m) => delete m.services[1].cookies[0].duration, 'services[1].cookies[0].duration: is required', true],
    [
      'a duration in words',
      (m) => (m.services[1].cookies[0].duration = '2 years'),
      'services[1].cookies[0].duration: must be an ISO 8601 duration or "session", got "2 years"',
      true,
    ],
    [
      'an empty duration "P"',
      (m) => (m.services[1].cookies[0].duration = 'P'),
      'services[1].cookies[0].duration: must be an ISO 8601 duration or "session", got "P"',
      true,
    ],
    [
      'a cookie domain with a scheme',
      (m) => (m.services[3].cookies[0].domain = 'https://doubleclick.net'),
      'services[3].cookies[0].domain: must be a domain name, got "https://doubleclick.net"',
      true,
    ],
    ['storage as a string', (m) => (m.services[1].storage = '_ga*'), 'services[1].storage: must be an array', true],
    [
      'a storage key with a space',
      (m) => (m.services[1].storage = ['_ga', 'my key']),
      'services[1].storage[1]: must be a storage key name, got "my key"',
      true,
    ],
    ['an empty storage key', (m) => (m.services[1].storage = ['']), 'services[1].storage[0]: must be a non-empty string', true],
    ['gpc "yes"', (m) => (m.gpc = 'yes'), 'gpc: must be one of refuse, ignore', true],
    ['an unknown consent type', (m) => (m.consentMode = {ads: ['advertising']}), 'consentMode.ads: is not a known field', true],
    [
      'security_storage mapped',
      (m) => (m.consentMode = {security_storage: ['necessary']}),
      'consentMode.security_storage: is not a known field',
      true,
    ],
    [
      'a consent type no category grants',
      (m) => (m.consentMode.ad_storage = []),
      'consentMode.ad_storage: must have at least 1 item',
      true,
    ],
    [
      'a consent type naming an upper-case id',
      (m) => (m.consentMode.ad_storage = ['Advertising']),
      'consentMode.ad_storage[0]: must be a category id, got "Advertising"',
      true,
    ],
    ['dataLayerEvent "yes"', (m) => (m.dataLayerEvent = 'yes'), 'dataLayerEvent: must be true or false, got "yes"', true],
    // What a schema cannot see: the runtime check alone refuses these.
    [
      'a service in a category that does not exist',
      (m) => (m.services[0].category = 'marketing'),
      'services[0].category: unknown category "marketing"',
      false,
    ],
    [
      'a service id that repeats a category id',
      (m) => (m.services[1].id = 'social'),
      'services[1].id: duplicate id "social" (already used at categories[3].id)',
      false,
    ],
    [
      'two services with one id',
      (m) => (m.services[2].id = m.services[1].id),
      'services[2].id: duplicate id "google-analytics" (already used at services[1].id)',
      false,
    ],
    [
      'consent mode naming an unknown category',
      (m) => (m.consentMode = {ad_storage: ['ads']}),
      'consentMode.ad_storage[0]: unknown category "ads"',
      false,
    ],
    [
      'an exempt cookie of 2 years',
      (m) => {
        m.categories.push({id: 'audience', basis: 'exempt', title: 'Audience', exemption: 'CNIL'});
        m.services.push({id: 'matomo', name: 'Matomo', category: 'audience', cookies: [{name: '_pk_id.*', duration: 'P2Y'}]});
      },
      "services[10].cookies[0].duration: an exempt category's cookies may last at most 13 months (P13M)",
      false,
    ],
  ];

  // What the schema refuses but the runtime only warns about, so that the banner still works.
  for (const [name, url] of [
    ['a plain-http log URL', 'http://example.com/log'],
    ['a protocol-relative log URL', '//example.com/log'],
    ['a protocol-relative log URL spelled with a backslash', '/\\example.com/log'],
    ['a javascript: log URL', 'javascript:alert(1)'],
  ]) {
    it(`warn about ${name}, drop it and keep the manifest (the schema refuses it)`, () => {
      const manifest = readSite('dimelo');
      manifest.log = {url};
      const result = parseManifest(manifest);
      assert.equal(result.ok, true, result.ok ? '' : formatIssue(result.errors[0]));
      assert.deepEqual(result.warnings.map(formatIssue), [
        `log.url: must be an https URL or a same-origin path, got ${JSON.stringify(url)}: no consent record will be sent`,
      ]);
      assert.equal(result.manifest.log, undefined);
      assert.equal(validate(manifest), false, 'the schema accepted it');
      assert.ok(ajvPlaces(validate.errors).includes('/log/url'), JSON.stringify(validate.errors));
    });
  }
  it('accept links relative to the manifest: both policies and the log (README, “The cookie manifest”)', () => {
    for (const [policy, servicePolicy, log] of [
      ['/privacy.html', '../legal/google-analytics.html', '/api/consent-log'],
      ['privacy.html', '//policies.google.com/privacy', 'consent-log'],
      ['./cookies#policy', '?page=privacy', '../api/log'],
    ]) {
      const manifest = readSite('dimelo');
      manifest.site.policyUrl = policy;
      manifest.services[1].policyUrl = servicePolicy;
      manifest.log = {url: log};
      assert.equal(validate(manifest), true, JSON.stringify(validate.errors));
      const result = parseManifest(manifest);
      assert.equal(result.ok, true, result.ok ? '' : formatIssue(result.errors[0]));
      assert.deepEqual(result.warnings, []);
      assert.deepEqual(
        [result.manifest.site.policyUrl, result.manifest.services[1].policyUrl, result.manifest.log.url],
        [policy, servicePolicy, log]
      );
    }
  });

  it('accept dataLayerEvent and every mappable Consent Mode type', () => {
    const manifest = readSite('dimelo');
    manifest.dataLayerEvent = true;
    manifest.consentMode.functionality_storage = ['necessary'];
    manifest.consentMode.personalization_storage = ['social'];
    assert.equal(validate(manifest), true, JSON.stringify(validate.errors));
    assert.equal(parseManifest(manifest).ok, true);
  });

  for (const [name, edit, message, schemaSees] of corpus) {
    it(`refuse ${name}${schemaSees ? '' : ' (runtime only)'}`, () => {
      let manifest = readSite('dimelo');
      const replaced = edit(manifest);
      if (replaced?.replaceWith) manifest = replaced.replaceWith;
      const result = parseManifest(manifest);
      assert.equal(result.ok, false, 'the runtime check accepted it');
      assert.equal(formatIssue(result.errors[0]), message);
      assert.equal(validate(manifest), !schemaSees, schemaSees ? 'the schema accepted it' : 'the schema refused it');
      if (schemaSees) {
        assert.ok(
          ajvPlaces(validate.errors).includes(pointer(result.errors[0].path)),
          `ajv saw ${JSON.stringify(ajvPlaces(validate.errors))}, the runtime ${pointer(result.errors[0].path)}`
        );
      }
    });
  }
});

/** Every schema node that is a field: the root, each property, each $def. */
function fields(node, pointer = '') {
  const found = [[pointer || '/', node]];
  for (const key of ['properties', '$defs']) {
    for (const [name, child] of Object.entries(node[key] ?? {})) {
      found.push(...fields(child, `${pointer}/${key}/${name.replace(/~/g, '~0').replace(/\//g, '~1')}`));
    }
  }
  return found;
}

describe('the JSON Schema explains itself to editors', () => {
  const all = fields(schema);

  it('has every field of the runtime check', () => {
    const names = all.map(([pointer]) => pointer.split('/').pop());
    for (const name of [
      'consentMode',
      'dataLayerEvent',
      'ad_user_data',
      'ad_personalization',
      'personalization_storage',
      'exemption',
      'log',
      'gpc',
    ]) {
      assert.ok(names.includes(name), name);
    }
    assert.ok(all.length > 50, `${all.length} fields`);
  });

  for (const [pointer, node] of all) {
    it(`${pointer}: has a title, a description and examples that the field accepts`, () => {
      assert.equal(typeof node.title, 'string');
      assert.ok(node.title.length > 1);
      assert.equal(typeof node.description, 'string');
      assert.ok(node.description.length > 10, 'the description says little');
      assert.ok(Array.isArray(node.examples) && node.examples.length > 0, 'no examples');
      const check = ajv.getSchema(`${schema.$id}#${pointer === '/' ? '' : pointer}`);
      for (const example of node.examples) {
        assert.equal(check(example), true, `${JSON.stringify(example)}: ${JSON.stringify(check.errors)}`);
      }
    });
  }

  it('its example manifest passes the runtime check too', () => {
    for (const example of schema.examples) {
      const result = parseManifest(example);
      assert.equal(result.ok, true, result.ok ? '' : formatIssue(result.errors[0]));
    }
  });
});
