// The manifest studio's draft (studio/draft.ts and its pure steps beside it): opening a manifest and saving it back loses
// nothing, bad input is refused with a clear message, and JSON paths read as words.
import assert from 'node:assert/strict';
import {readFileSync} from 'node:fs';
import {describe, it} from 'node:test';
import {loadCore, root} from './load-core.mjs';

const {blankDraft, renameCategory} = await loadCore('studio/draft.ts');
const {anchorOf, fieldId, humanPath, plainMessage} = await loadCore('studio/field-paths.ts');
const {durationOf, durationParts} = await loadCore('studio/lifetime.ts');
const {manifestFile, openManifest, toManifest} = await loadCore('studio/manifest-file.ts');
const {tagSnippet} = await loadCore('studio/service-tag.ts');
const {parseManifest, formatIssue} = await loadCore('src/core/manifest.ts');
const {checkManifest} = await loadCore('src/core/manifest-check.ts');

const SITES = ['dimelo', 'linkello', 'linkello-medical', 'linkello-pro', 'porthello'];
const seedText = (site) => readFileSync(`${root}demo/${site}/cookie-manifest.json`, 'utf8');
const open = (json) => {
  const opened = openManifest(json);
  assert.equal(opened.ok, true, opened.message);
  return opened.draft;
};

describe('the studio draft', () => {
  for (const site of SITES) {
    it(`opens the ${site} manifest and saves it back byte for byte`, () => {
      assert.equal(manifestFile(open(JSON.parse(seedText(site)))), seedText(site));
    });
  }

  it('starts from a manifest that only lacks the site’s name and policy, and says so through the check', () => {
    const schema = JSON.parse(readFileSync(`${root}schema/cookie-manifest.schema.json`, 'utf8'));
    assert.equal(toManifest(blankDraft()).$schema, schema.$id, 'a new manifest points at the shipped schema');
    const result = parseManifest(toManifest(blankDraft()));
    assert.equal(result.ok, false);
    assert.equal(formatIssue(result.errors[0]), 'site.name: must be a non-empty string');
  });

  it('opens plain-string texts as language maps and fills defaults, without changing what the banner reads', () => {
    const manifest = {
      version: 1,
      site: {name: 'Shop', policyUrl: 'https://shop.example/privacy', languages: ['en', 'fr']},
      revision: 2,
      categories: [{id: 'stats', title: 'Statistics', description: 'Counting visits'}],
      services: [{id: 'ga', name: 'GA', category: 'stats', cookies: [{name: '_ga', duration: 'P13M', purpose: 'Ids'}]}],
    };
    const draft = open(manifest);
    assert.deepEqual(draft.categories[0].title, {en: 'Statistics'});
    assert.equal(draft.categories[0].basis, 'consent');
    assert.equal(draft.consentMaxAgeDays, 182);
    const before = parseManifest(manifest);
    const after = parseManifest(toManifest(draft));
    assert.equal(after.ok, true);
    assert.deepEqual(
      after.manifest.services,
      before.manifest.services.map((s) => ({...s, cookies: s.cookies.map((c) => ({...c, purpose: {en: 'Ids'}}))}))
    );
    assert.equal(after.manifest.consentMaxAgeDays, before.manifest.consentMaxAgeDays);
  });

  const refused = [
    ['a list', [], /not a cookie manifest: the file holds a list/],
    ['a string', 'hello', /not a cookie manifest: the file holds a string/],
    ['JSON without a version (package.json)', {name: 'x', version: undefined}, /no "version"/],
    ['a manifest of format version 2', {version: 2, site: {}}, /format version 2; the studio and the banner read version 1 only/],
    ['categories that are not a list', {version: 1, categories: {a: 1}}, /categories: must be a list, not an object/],
    [
      'a cookie that is a string',
      {version: 1, services: [{cookies: ['_ga']}]},
      /services\[0\]\.cookies\[0\]: must be an object, not a string/,
    ],
    ['a title that is a number', {version: 1, categories: [{id: 'a', title: 7}]}, /categories\[0\]\.title: must be a text, not a number/],
  ];
  for (const [name, json, message] of refused) {
    it(`refuses to open ${name}, with a message`, () => {
      const opened = openManifest(json);
      assert.equal(opened.ok, false);
      assert.match(opened.message, message);
    });
  }

  it('opens a manifest with errors the form can show, keeping unknown fields for the check to name', () => {
    const manifest = JSON.parse(seedText('dimelo'));
    manifest.services[1].tracking = true;
    manifest.categories[2].basis = 'legitimate';
    manifest.banner = {position: 'top'};
    const draft = open(manifest);
    const first = (d) => formatIssue(parseManifest(toManifest(d)).errors[0]);
    assert.equal(first(draft), 'banner: is not a known field');
    delete draft.banner;
    assert.equal(first(draft), 'categories[2].basis: must be one of consent, necessary, exempt');
    draft.categories[2].basis = 'consent';
    assert.equal(first(draft), 'services[1].tracking: is not a known field');
  });

  it('keeps relative links as typed, passes them through the banner’s check, and names a link that can never be http(s) (README, “The cookie manifest”)', () => {
    const draft = open(JSON.parse(seedText('dimelo')));
    draft.site.policyUrl = ' /privacy.html ';
    draft.services[1].policyUrl = '../legal/google-analytics.html';
    draft.log = {url: 'consent-log'};
    const manifest = toManifest(draft);
    assert.deepEqual(
      [manifest.site.policyUrl, manifest.services[1].policyUrl, manifest.log.url],
      ['/privacy.html', '../legal/google-analytics.html', 'consent-log']
    );
    const checked = checkManifest(manifest);
    assert.equal(checked.ok, true, checked.ok ? '' : formatIssue(checked.errors[0]));
    assert.deepEqual(checked.warnings, []);
    assert.equal(manifestFile(open(JSON.parse(manifestFile(draft)))), manifestFile(draft));
    // Another site's address typed without https:// is a path of this site: a warning, in words, at its field.
    draft.site.policyUrl = 'www.dimelo.com/privacy';
    const [warning] = checkManifest(toManifest(draft)).warnings;
    assert.equal(anchorOf(warning.path), 'site.policyUrl');
    assert.equal(
      plainMessage(warning, draft),
      '"www.dimelo.com/privacy" is a path relative to the manifest, on your own site: for another site, write https://www.dimelo.com/privacy'
    );
    draft.site.policyUrl = 'javascript:alert(1)';
    const [error] = checkManifest(toManifest(draft)).errors;
    assert.equal(
      `${humanPath(error.path, draft)}: ${plainMessage(error, draft)}`,
      'Site › Policy URL: must be an http(s) URL or a relative link, got "javascript:alert(1)"'
    );
  });

  it('leaves out empty optional texts and points an empty required one at its first language', () => {
    const draft = open(JSON.parse(seedText('dimelo')));
    draft.categories[1].description = {fr: '  ', en: ''};
    draft.categories[1].title = {fr: '', en: ''};
    const manifest = toManifest(draft);
    assert.equal(Object.hasOwn(manifest.categories[1], 'description'), false);
    assert.equal(formatIssue(parseManifest(manifest).errors[0]), 'categories[1].title.fr: must be a non-empty string');
  });

  it('drops an exemption text from a category switched to consent, and keeps it in the draft', () => {
    const draft = open(JSON.parse(seedText('linkello')));
    draft.categories[1].basis = 'consent';
    assert.equal(Object.hasOwn(toManifest(draft).categories[1], 'exemption'), false);
    draft.categories[1].basis = 'exempt';
    assert.ok(toManifest(draft).categories[1].exemption.fr.startsWith('Dispensée'));
  });

  it('names JSON paths in words', () => {
    const draft = open(JSON.parse(seedText('dimelo')));
    assert.equal(humanPath('services[1].cookies[0].duration', draft), 'Service “Google Analytics” › Cookie “_ga” › Lifetime');
    assert.equal(humanPath('categories[2].title.en', draft), 'Category “Ciblage et publicité” › Title (en)');
    assert.equal(humanPath('site.languages[1]', draft), 'Site › Languages › “en”');
    assert.equal(humanPath('services[1]', draft), 'Service “Google Analytics”');
    assert.equal(humanPath('services[1].tracking', draft), 'Service “Google Analytics” › “tracking”');
    assert.equal(humanPath('manifest', draft), 'The manifest');
  });

  it('shows an issue at the field it concerns, or the nearest group the form has', () => {
    assert.equal(anchorOf('services[1].cookies[0].duration'), 'services[1].cookies[0].duration');
    assert.equal(anchorOf('categories[0].title.French'), 'categories[0].title.French');
    assert.equal(anchorOf('site.languages[2]'), 'site.languages');
    assert.equal(anchorOf('services[1].tracking'), 'services[1]');
    assert.equal(anchorOf('consentMode.ad_storage[0]'), 'consentMode.ad_storage');
    assert.equal(anchorOf('consentMode.ads'), 'consentMode');
    assert.equal(anchorOf('consentMode.security_storage'), 'consentMode', 'security_storage is never mapped: no field');
    assert.equal(anchorOf('dataLayerEvent'), 'dataLayerEvent');
    assert.equal(anchorOf('banner'), 'manifest');
    assert.equal(fieldId('services[1].cookies[0].name'), 'f-services-1-cookies-0-name');
  });

  it('writes the tag-manager event when on, leaves it out when off, keeps a wrong value for the check', () => {
    const draft = open(JSON.parse(seedText('dimelo')));
    draft.dataLayerEvent = true;
    assert.equal(toManifest(draft).dataLayerEvent, true);
    assert.equal(parseManifest(toManifest(draft)).ok, true);
    draft.dataLayerEvent = false;
    assert.equal('dataLayerEvent' in toManifest(draft), false);
    draft.dataLayerEvent = 'yes';
    const result = parseManifest(toManifest(draft));
    assert.equal(formatIssue(result.errors[0]), 'dataLayerEvent: must be true or false, got "yes"');
    assert.equal(humanPath('consentMode.ad_storage[0]', draft), 'Google Consent Mode › ad_storage › “advertising”');
  });

  it('reads lifetimes as a number and a unit, and writes them back', () => {
    const cases = [
      ['P13M', '13', 'months'],
      ['PT30M', '30', 'minutes'],
      ['P2Y', '2', 'years'],
      ['P1D', '1', 'days'],
      ['PT2H', '2', 'hours'],
      ['P2W', '2', 'weeks'],
      ['session', '', 'session'],
    ];
    for (const [iso, count, unit] of cases) {
      assert.deepEqual(durationParts(iso), {count, unit}, iso);
      assert.equal(durationOf(count, unit), iso);
    }
    assert.equal(durationParts('P1Y6M'), null);
    assert.equal(durationParts('PT30S'), null);
    assert.equal(
      plainMessage({path: 'services[0].cookies[0].duration', message: 'x'}, {services: [{cookies: [{duration: 'PM'}]}]}),
      'needs a number (or choose “session”)'
    );
  });

  it('moves services and Consent Mode along when a category is renamed', () => {
    const draft = open(JSON.parse(seedText('dimelo')));
    draft.consentMode = {ad_storage: ['advertising']};
    renameCategory(draft, 2, 'ads');
    assert.deepEqual(
      draft.services.filter((s) => s.category === 'ads').map((s) => s.id),
      ['doubleclick', 'google-ads', 'hubspot-advertising']
    );
    assert.deepEqual(draft.consentMode.ad_storage, ['ads']);
    assert.equal(parseManifest(toManifest(draft)).ok, true);
  });

  it('writes tagging snippets that keep the service’s code off until consent (README, “Tag your trackers”)', () => {
    const catalogue = JSON.parse(readFileSync(`${root}catalogue/services.json`, 'utf8'));
    const youtube = catalogue.services.find((s) => s.id === 'youtube');
    // The vendor's snippet, tagged, with the manifest's id for the catalogue's.
    assert.equal(tagSnippet({id: 'youtube', name: 'YouTube'}, youtube), youtube.snippet.html);
    assert.equal(
      tagSnippet({id: 'videos', name: 'Our videos'}, youtube),
      youtube.snippet.html.replace('data-service="youtube"', 'data-service="videos"')
    );
    // A catalogue service without one, or a service of the site's own: a script to hold its code.
    assert.equal(
      tagSnippet(
        {id: 'hotjar', name: 'Hotjar'},
        catalogue.services.find((s) => s.id === 'hotjar')
      ),
      '<script type="text/plain" data-service="hotjar">\n  /* Hotjar: its code, unchanged */\n</script>'
    );
    assert.equal(
      tagSnippet({id: 'x', name: 'A "quoted" */ name'}),
      '<script type="text/plain" data-service="x">\n  /* A "quoted" * / name: its code, unchanged */\n</script>'
    );
  });
});

describe('the studio draft: the banner’s own cookie, and the banner’s limits', async () => {
  const {beyondLimits} = await loadCore('studio/manifest-file.ts');
  const {declareOwn, ownService} = await loadCore('studio/own-cookie.ts');
  const shop = () => {
    const draft = blankDraft();
    draft.site = {name: 'Shop', policyUrl: 'https://shop.example/privacy', languages: ['fr', 'en']};
    draft.categories.push({id: 'ads', basis: 'consent', title: {fr: 'Pub', en: 'Ads'}});
    return draft;
  };

  it('declares the consent cookie in the necessary category, last, in step with its name, lifetimes and log; none when declared or never asked', () => {
    const draft = shop();
    assert.equal(declareOwn(draft), true);
    assert.deepEqual(
      ownService(draft).cookies.map((c) => [c.name, c.duration]),
      [['consent', 'P182D']]
    );
    assert.equal(ownService(draft).category, 'necessary');
    assert.equal(declareOwn(draft), false, 'nothing to change');
    draft.cookie = {name: 'shop_consent'};
    draft.refusalMaxAgeDays = 395;
    draft.log = {url: '/log'};
    draft.services.push({id: 'x', name: 'X', category: 'ads', cookies: []});
    declareOwn(draft);
    assert.equal(draft.services.at(-1), ownService(draft), 'kept last');
    assert.deepEqual(
      [ownService(draft).cookies[0].name, ownService(draft).cookies[0].duration, ownService(draft).storage],
      ['shop_consent', 'P395D', ['shop_consent-log']]
    );
    const checked = checkManifest(toManifest(draft));
    assert.equal(checked.ok, true, checked.ok ? '' : formatIssue(checked.errors[0]));
    // A service of the site's own declares it (a pattern counts): the automatic one goes.
    draft.services[0].cookies.push({name: 'shop_*', duration: 'P1Y'});
    declareOwn(draft);
    assert.equal(ownService(draft), undefined);
    // Nothing ever asked: none.
    const quiet = blankDraft();
    assert.equal(declareOwn(quiet), false);
    assert.equal(ownService(quiet), undefined);
  });

  it('names what goes past the banner’s limits, and nothing else', () => {
    assert.equal(beyondLimits({services: Array.from({length: 1000}, () => ({}))}), '');
    assert.equal(beyondLimits({services: Array.from({length: 5000}, () => ({}))}), '5,000 services, more than the 1,000 the banner reads');
    assert.equal(beyondLimits({categories: Array.from({length: 51}, () => ({}))}), '51 categories, more than the 50 the banner reads');
    assert.equal(
      beyondLimits({services: [{cookies: Array.from({length: 201}, () => ({}))}]}),
      'a service with 201 cookies, more than the 200 the banner reads'
    );
    assert.match(
      openManifest({version: 1, services: Array.from({length: 1001}, () => ({}))}).message,
      /^This manifest has 1,001 services, more than the 1,000 the banner reads: the banner would refuse it/
    );
  });
});
