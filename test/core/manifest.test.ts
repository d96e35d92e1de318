import {expect} from '@open-wc/testing';
import {parseManifest, resolveText, formatIssue} from '../../src/core/manifest.js';
import {shopManifest} from '../fixtures/manifests.js';

type Edit = (m: any) => void;

const firstError = (edit: Edit) => {
  const manifest = shopManifest();
  edit(manifest);
  const result = parseManifest(manifest);
  if (result.ok) throw new Error('expected the manifest to be refused');
  return formatIssue(result.errors[0]);
};

describe('parseManifest', () => {
  it('accepts a valid manifest and fills in the defaults', () => {
    const result = parseManifest(shopManifest());
    if (!result.ok) throw new Error(formatIssue(result.errors[0]));
    expect(result.warnings).to.deep.equal([]);
    expect(result.manifest.cookie).to.deep.equal({name: 'consent'});
    expect(result.manifest.gpc).to.equal('refuse');
    expect(result.manifest.categories[2].basis).to.equal('consent');
    expect(result.manifest.services[3].cookies[0].domain).to.equal('ads.example');
  });

  it('defaults consentMaxAgeDays to 182 days and services to none', () => {
    const manifest = shopManifest();
    delete manifest.consentMaxAgeDays;
    delete manifest.services;
    const result = parseManifest(manifest);
    expect(result.ok && result.manifest.consentMaxAgeDays).to.equal(182);
    expect(result.ok && result.manifest.services).to.deep.equal([]);
  });

  // Each bad manifest names the JSON path of its first problem (issue: "categories[2].basis: …").
  const cases: [string, Edit, string][] = [
    ['not an object', (m) => Object.keys(m).forEach((k) => delete m[k]), 'version: is required'],
    ['wrong version', (m) => (m.version = 2), 'version: must be 1, got 2'],
    ['missing site', (m) => delete m.site, 'site: is required'],
    ['unknown root field', (m) => (m.colour = 'red'), 'colour: is not a known field'],
    ['javascript: policy URL', (m) => (m.site.policyUrl = 'javascript:alert(1)'), 'site.policyUrl: must be an http(s) URL, got "javascript:alert(1)"'],
    ['empty languages', (m) => (m.site.languages = []), 'site.languages: must have at least 1 item'],
    ['bad language tag', (m) => (m.site.languages = ['French']), 'site.languages[0]: must be a language tag, got "French"'],
    ['duplicate language', (m) => (m.site.languages = ['fr', 'fr']), 'site.languages[1]: duplicate language "fr"'],
    ['revision 0', (m) => (m.revision = 0), 'revision: must be an integer from 1 to 9007199254740991, got 0'],
    ['lifetime past 13 months (R23)', (m) => (m.consentMaxAgeDays = 400), 'consentMaxAgeDays: must be an integer from 1 to 395, got 400'],
    ['no categories', (m) => (m.categories = []), 'categories: must have at least 1 item'],
    ['legitimate interest basis (R7)', (m) => (m.categories[2].basis = 'legitimate-interest'), 'categories[2].basis: must be one of consent, necessary, exempt'],
    ['upper-case id', (m) => (m.categories[0].id = 'Necessary'), 'categories[0].id: must be lowercase a-z, 0-9 and -, got "Necessary"'],
    ['exempt without exemption (R30)', (m) => delete m.categories[1].exemption, 'categories[1].exemption: is required when basis is exempt'],
    ['empty title text', (m) => (m.categories[0].title = {fr: ''}), 'categories[0].title.fr: must be a non-empty string'],
    ['title as a list', (m) => (m.categories[0].title = ['Necessary']), 'categories[0].title: must be a text: a string, or {"language": "string", …}'],
    ['title with no language', (m) => (m.categories[0].title = {}), 'categories[0].title: must have at least one language'],
    ['__proto__ key in a text', (m) => (m.categories[0].title = JSON.parse('{"__proto__": "x"}')), 'categories[0].title.__proto__: must be a language tag, got "__proto__"'],
    ['__proto__ key in a service', (m) => (m.services[0] = JSON.parse('{"id":"a","name":"A","category":"necessary","__proto__":{}}')), 'services[0].__proto__: is not a known field'],
    ['service in an unknown category', (m) => (m.services[2].category = 'marketing'), 'services[2].category: unknown category "marketing"'],
    ['id shared by a category and a service', (m) => (m.services[0].id = 'performance'), 'services[0].id: duplicate id "performance" (already used at categories[2].id)'],
    ['bad duration', (m) => (m.services[2].cookies[0].duration = '13 months'), 'services[2].cookies[0].duration: must be an ISO 8601 duration or "session", got "13 months"'],
    ['exempt cookie past 13 months (R30)', (m) => (m.services[1].cookies[0].duration = 'P2Y'), "services[1].cookies[0].duration: an exempt category's cookies may last at most 13 months (P13M)"],
    ['cookie name with a space', (m) => (m.services[2].cookies[0].name = 'a b'), 'services[2].cookies[0].name: must be a cookie name, got "a b"'],
    ['data: service policy URL', (m) => (m.services[2].policyUrl = 'data:text/html,x'), 'services[2].policyUrl: must be an http(s) URL, got "data:text/html,x"'],
    ['plain-http log URL', (m) => (m.log = {url: 'http://log.example/consent'}), 'log.url: must be an https URL or a same-origin path, got "http://log.example/consent"'],
    ['unknown gpc value', (m) => (m.gpc = 'maybe'), 'gpc: must be one of refuse, ignore'],
    ['unknown consent type', (m) => (m.consentMode = {ad_click: ['advertising']}), 'consentMode.ad_click: is not a known field'],
    ['consent mode to an unknown category', (m) => (m.consentMode = {ad_storage: ['ads-x']}), 'consentMode.ad_storage[0]: unknown category "ads-x"'],
    ['security_storage mapped (R37)', (m) => (m.consentMode = {security_storage: ['necessary']}), 'consentMode.security_storage: is not a known field'],
    ['a consent type granted by no category', (m) => (m.consentMode = {ad_storage: []}), 'consentMode.ad_storage: must have at least 1 item'],
    ['consent mode as a list', (m) => (m.consentMode = ['ad_storage']), 'consentMode: must be an object'],
    ['dataLayerEvent as a string', (m) => (m.dataLayerEvent = 'yes'), 'dataLayerEvent: must be true or false, got "yes"'],
  ];
  for (const [name, edit, expected] of cases) {
    it(`refuses ${name}: ${expected}`, () => {
      expect(firstError(edit)).to.equal(expected);
    });
  }

  it('refuses input that is not an object, naming the manifest', () => {
    for (const input of [null, 3, 'x', []]) {
      const result = parseManifest(input);
      expect(result.ok ? '' : formatIssue(result.errors[0])).to.equal('manifest: must be an object');
    }
  });

  it('does not pollute Object.prototype through __proto__ keys', () => {
    parseManifest(JSON.parse('{"__proto__": {"polluted": true}, "version": 1}'));
    expect(({} as Record<string, unknown>).polluted).to.equal(undefined);
  });

  it('warns (R8, R29) when a tracking service sits in an exempt or necessary category', () => {
    const manifest = shopManifest() as any;
    manifest.services[1].name = 'Google Analytics';
    const result = parseManifest(manifest);
    expect(result.ok).to.equal(true);
    expect(result.ok && result.warnings.map(formatIssue)).to.deep.equal([
      'services[1]: Google Analytics does not qualify as exempt (RULES R8, R29, R30): put it in a consent category',
    ]);
  });
});

describe('parseManifest: Consent Mode and the tag-manager event', () => {
  it('keeps the mapped consent types and dataLayerEvent; dataLayerEvent: false is left out', () => {
    const consentMode = {
      ad_storage: ['advertising'],
      ad_user_data: ['advertising'],
      ad_personalization: ['advertising'],
      analytics_storage: ['performance'],
      functionality_storage: ['necessary'],
      personalization_storage: ['performance', 'advertising'],
    };
    const result = parseManifest({...shopManifest(), consentMode, dataLayerEvent: true});
    if (!result.ok) throw new Error(formatIssue(result.errors[0]));
    expect(result.manifest.consentMode).to.deep.equal(consentMode);
    expect(result.manifest.dataLayerEvent).to.equal(true);
    expect(result.warnings).to.deep.equal([]);
    const off = parseManifest({...shopManifest(), dataLayerEvent: false});
    expect(off.ok && 'dataLayerEvent' in off.manifest).to.equal(false);
  });

  it('R37: warns when an ad or analytics type follows a category that needs no consent', () => {
    const result = parseManifest({...shopManifest(), consentMode: {analytics_storage: ['audience'], ad_storage: ['necessary']}});
    expect(result.ok && result.warnings.map(formatIssue)).to.deep.equal([
      'consentMode.analytics_storage[0]: grants analytics_storage without consent: "audience" is exempt (RULES R37)',
      'consentMode.ad_storage[0]: grants ad_storage without consent: "necessary" is necessary (RULES R37)',
    ]);
  });
});

describe('resolveText', () => {
  const text = {fr: 'Bonjour', en: 'Hello', 'pt-BR': 'Olá'};
  const cases: [string, string[], string][] = [
    ['fr', [], 'Bonjour'],
    ['en-GB', [], 'Hello'],
    ['pt', [], 'Olá'],
    ['de', ['en', 'fr'], 'Hello'],
    ['de', [], 'Bonjour'],
  ];
  for (const [language, fallbacks, expected] of cases) {
    it(`gives "${expected}" for ${language} (fallbacks ${fallbacks.join(',') || 'none'})`, () => {
      expect(resolveText(text, language, fallbacks)).to.equal(expected);
    });
  }
  it('returns a plain string whatever the language, and "" for no text', () => {
    expect(resolveText('Same', 'de')).to.equal('Same');
    expect(resolveText(undefined, 'fr')).to.equal('');
  });
});
