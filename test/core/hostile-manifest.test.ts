// A hostile or runaway manifest is refused with a clear error naming where, never thrown up the
// stack, never a way to pollute prototypes; what passes is plain data, shown later as text only.
import {expect} from '@open-wc/testing';
import {LIMITS, formatIssue, parseManifest} from '../../src/core/manifest.js';
import {shopManifest} from '../fixtures/manifests.js';

type Edit = (m: any) => void;

const edited = (edit: Edit) => {
  const manifest = shopManifest();
  edit(manifest);
  return manifest;
};
const outcome = (input: unknown) => {
  const result = parseManifest(input);
  return result.ok ? 'ok' : formatIssue(result.errors[0]);
};
const deep = (depth: number, open: string, close: string, inner = '1') => JSON.parse(open.repeat(depth) + inner + close.repeat(depth));
const service = (i: number) => ({id: `s${i}`, name: `Service ${i}`, category: 'performance'});

describe('hostile manifests: the check', () => {
  it(`refuses a 100,000-character string, wherever it is (limit ${LIMITS.characters})`, () => {
    const long = 'A'.repeat(100_000);
    expect(outcome(edited((m) => (m.site.name = long)))).to.equal('site.name: must be at most 10000 characters, got 100000');
    expect(outcome(edited((m) => (m.categories[2].description = {fr: long, en: 'x'})))).to.equal(
      'categories[2].description.fr: must be at most 10000 characters, got 100000'
    );
    expect(outcome(edited((m) => (m.services[2].policyUrl = `https://x.example/${long}`)))).to.equal(
      'services[2].policyUrl: must be at most 10000 characters, got 100018'
    );
    expect(outcome(edited((m) => (m.services[2].cookies[0].duration = `P${'9'.repeat(100_000)}Y`)))).to.match(
      /^services\[2\]\.cookies\[0\]\.duration: must be at most 10000 characters/
    );
    expect(outcome(edited((m) => (m.site.name = 'A'.repeat(LIMITS.characters))))).to.equal('ok');
  });

  it(`refuses 10,000 services (limit ${LIMITS.services}) and accepts ${LIMITS.services}`, () => {
    const many = (n: number) => edited((m) => (m.services = Array.from({length: n}, (_, i) => service(i))));
    expect(outcome(many(10_000))).to.equal('services: must have at most 1000 items, got 10000');
    expect(outcome(many(LIMITS.services))).to.equal('ok');
  });

  it(`bounds the other lists: categories ${LIMITS.categories}, cookies per service ${LIMITS.cookies}, languages ${LIMITS.languages}`, () => {
    expect(outcome(edited((m) => m.categories.push(...Array.from({length: 47}, (_, i) => ({id: `c${i}`, title: 'C'})))))).to.equal(
      'categories: must have at most 50 items, got 51'
    );
    expect(
      outcome(edited((m) => (m.services[2].cookies = Array.from({length: 201}, (_, i) => ({name: `c${i}`, duration: 'P1D'})))))
    ).to.equal('services[2].cookies: must have at most 200 items, got 201');
    const tags = Array.from(
      {length: 51},
      (_, i) => `x${String.fromCharCode(97 + (i % 26))}${String.fromCharCode(97 + Math.floor(i / 26))}`
    );
    expect(outcome(edited((m) => (m.site.languages = tags)))).to.equal('site.languages: must have at most 50 items, got 51');
    expect(outcome(edited((m) => (m.categories[0].title = Object.fromEntries(tags.map((t) => [t, 'x'])))))).to.equal(
      'categories[0].title: must have at most 50 languages'
    );
  });

  it('refuses deep nesting with its path, without overflowing the stack', () => {
    expect(outcome(edited((m) => (m.version = deep(100_000, '[', ']'))))).to.equal('version: must be 1, got a list');
    expect(outcome(edited((m) => (m.revision = deep(100_000, '{"a":', '}'))))).to.equal(
      'revision: must be an integer from 1 to 9007199254740991, got an object'
    );
    expect(outcome(edited((m) => (m.categories[0].title = deep(100_000, '{"fr":', '}', '"x"'))))).to.equal(
      'categories[0].title.fr: must be a non-empty string'
    );
    expect(outcome(edited((m) => (m.extra = deep(100_000, '[', ']'))))).to.equal('extra: is not a known field');
    expect(outcome(deep(100_000, '[', ']'))).to.equal('manifest: must be an object');
  });

  it('refuses Unicode direction embeddings and overrides (U+202A to U+202E), which turn text around', () => {
    for (const mark of ['\u202A', '\u202B', '\u202C', '\u202D', '\u202E']) {
      expect(outcome(edited((m) => (m.site.name = `Shop${mark}gnikcart`)))).to.equal(
        'site.name: must not hold Unicode direction overrides (U+202A to U+202E)'
      );
    }
    expect(outcome(edited((m) => (m.services[2].name = {toString: () => 'x'}))), 'not a string').to.equal(
      'services[2].name: must be a non-empty string'
    );
    expect(outcome(edited((m) => (m.categories[2].title = {fr: 'Mesure \u202Eelbisiv', en: 'x'})))).to.equal(
      'categories[2].title.fr: must not hold Unicode direction overrides (U+202A to U+202E)'
    );
    // Right-to-left text, isolates and marks are ordinary text.
    expect(outcome(edited((m) => (m.site.name = 'متجر \u2067שלום\u2069 \u200Fshop')))).to.equal('ok');
  });

  it('refuses javascript:, data: and other non-http URLs, however spelled', () => {
    for (const url of [
      'javascript:alert(1)',
      'JAVASCRIPT:alert(1)',
      ' javascript:alert(1)',
      'data:text/html,<script>alert(1)</script>',
      'vbscript:x',
      'https:/evil',
      'java\nscript:alert(1)',
      '\u0000javascript:alert(1)',
      '\u001Fjavascript:alert(1)',
      'mailto:x@evil.example',
    ]) {
      expect(outcome(edited((m) => (m.site.policyUrl = url)))).to.match(/^site\.policyUrl: must be (an http\(s\) URL|a non-empty)/);
      expect(outcome(edited((m) => (m.services[2].policyUrl = url)))).to.match(/^services\[2\]\.policyUrl: must be an http\(s\) URL/);
    }
  });

  it('keeps markup and script in texts as plain strings, to be shown as text', () => {
    const markup = '<img src=x onerror=alert(1)><script>alert(2)</script>';
    const result = parseManifest(edited((m) => ((m.site.name = markup), (m.categories[2].title = {fr: markup, en: markup}))));
    expect(result.ok && result.manifest.site.name).to.equal(markup);
    expect(result.ok && result.manifest.categories[2].title).to.deep.equal({fr: markup, en: markup});
  });

  it('__proto__ and constructor keys at every level: refused, and no prototype is polluted', () => {
    const places: [string, string, string][] = [
      [
        'site',
        '{"site": {"name": "S", "policyUrl": "https://s.example/", "languages": ["fr"], "__proto__": {"polluted": 1}}}',
        'site.__proto__: is not a known field',
      ],
      ['cookie', '{"cookie": {"constructor": {"prototype": {"polluted": 1}}}}', 'cookie.constructor: is not a known field'],
      [
        'category',
        '{"categories": [{"__proto__": {"polluted": 1}, "id": "x", "title": "X"}]}',
        'categories[0].__proto__: is not a known field',
      ],
      [
        'text',
        '{"categories": [{"id": "x", "title": {"__proto__": "x"}}]}',
        'categories[0].title.__proto__: must be a language tag, got "__proto__"',
      ],
      ['consent mode', '{"consentMode": {"__proto__": ["x"]}}', 'consentMode.__proto__: is not a known field'],
    ];
    for (const [where, json, message] of places) {
      expect(outcome({...shopManifest(), ...JSON.parse(json)}), where).to.equal(message);
    }
    const root = parseManifest({...JSON.parse('{"__proto__": {"polluted": 1}}'), ...shopManifest()});
    expect(root.ok ? 'ok' : formatIssue(root.errors[0])).to.equal('__proto__: is not a known field');
    expect(({} as Record<string, unknown>).polluted).to.equal(undefined);
    expect((Object.prototype as Record<string, unknown>).polluted).to.equal(undefined);
  });

  it('refuses "constructor" as an id: every plain object already has a member of that name', () => {
    expect(outcome(edited((m) => (m.services[2].id = 'constructor')))).to.equal(
      'services[2].id: "constructor" is reserved: choose another id'
    );
    expect(outcome(edited((m) => (m.categories[3].id = 'constructor')))).to.equal(
      'categories[3].id: "constructor" is reserved: choose another id'
    );
    expect(outcome(edited((m) => (m.services[2].id = 'constructors')))).to.equal('ok');
  });

  it('refuses, never throws, what is not JSON at all: a throwing getter, a list with its own constructor', () => {
    const getter = edited((m) =>
      Object.defineProperty(m.site, 'name', {
        get: () => {
          throw new Error('boom');
        },
        enumerable: true,
      })
    );
    expect(outcome(getter)).to.equal('manifest: cannot be read (Error: boom)');
    const list = edited((m) => (m.categories.constructor = 1));
    expect(outcome(list)).to.match(/^manifest: cannot be read \(TypeError/);
  });

  it('what it accepts is plain data of its own, not the input', () => {
    const input = edited(() => {});
    const result = parseManifest(input);
    if (!result.ok) throw new Error(formatIssue(result.errors[0]));
    (input.site as any).name = 'changed';
    expect(result.manifest.site.name).to.equal('Shop');
    for (const value of [result.manifest, result.manifest.site, ...result.manifest.categories, ...result.manifest.services]) {
      expect(Object.getPrototypeOf(value)).to.equal(Object.prototype);
      expect(Object.hasOwn(value, '__proto__')).to.equal(false);
    }
  });
});
