// Google Consent Mode v2, mapped right (issue 23): the site owner's check warns when Google's tags
// (GA4, Google Ads, DoubleClick, Tag Manager) are declared without consentMode, naming Google's EEA
// requirement; and the mapping the studio proposes when one is added is Dimelo's: analytics_storage
// follows the analytics service's category, the three ad types the advertising services'; a type
// with no such service stays unmapped (denied).
import assert from 'node:assert/strict';
import {readFileSync} from 'node:fs';
import {describe, it} from 'node:test';
import {loadCore, root} from './load-core.mjs';

const {checkManifest} = await loadCore('src/core/manifest-check.ts');
const {proposedConsentMode, googleTags} = await loadCore('src/core/manifest-lint.ts');
const {formatIssue} = await loadCore('src/core/manifest.ts');

const dimelo = () => JSON.parse(readFileSync(`${root}demo/dimelo/cookie-manifest.json`, 'utf8'));
const catalogue = JSON.parse(readFileSync(`${root}catalogue/services.json`, 'utf8'));
const fromCatalogue = (id, category) => {
  const {name, provider, cookies} = catalogue.services.find((s) => s.id === id);
  return {id, name, provider, category, cookies: cookies.map(({name: n, duration}) => ({name: n, duration}))};
};
const shop = (...services) => ({
  version: 1,
  site: {name: 'Shop', policyUrl: 'https://shop.example/privacy', languages: ['en']},
  revision: 1,
  categories: [
    {id: 'necessary', basis: 'necessary', title: 'Necessary'},
    {id: 'performance', title: 'Performance'},
    {id: 'advertising', title: 'Advertising'},
    {id: 'media', title: 'Media'},
  ],
  services,
});
const warnings = (manifest) => {
  const result = checkManifest(manifest);
  assert.equal(result.ok, true, result.ok ? '' : formatIssue(result.errors[0]));
  return result.warnings.map(formatIssue);
};
const EEA =
  'without consentMode: Google requires Consent Mode v2 for visitors in the EEA; map analytics_storage, ad_storage, ad_user_data and ad_personalization to your categories (README, “Google Consent Mode v2”)';

describe('Consent Mode v2: the check', () => {
  it('warns when Google tags are declared without consentMode, naming them and Google’s EEA requirement', () => {
    const manifest = dimelo();
    delete manifest.consentMode;
    assert.deepEqual(warnings(manifest), [`consentMode: Google Analytics, DoubleClick, Google Ads (AdWords) ${EEA}`]);
    const gtm = shop(fromCatalogue('google-tag-manager', 'performance'));
    assert.deepEqual(warnings(gtm), [`consentMode: Google Tag Manager ${EEA}`]);
  });

  it('is quiet with a consentMode (even {}: every type denied), and for Google services that read none (YouTube, Maps)', () => {
    assert.deepEqual(warnings(dimelo()), []);
    assert.deepEqual(warnings({...shop(fromCatalogue('google-analytics', 'performance')), consentMode: {}}), []);
    assert.deepEqual(warnings(shop(fromCatalogue('youtube', 'media'), fromCatalogue('google-maps', 'media'))), []);
  });

  it('places the warning in the file: on the manifest, as consentMode is missing', () => {
    const manifest = dimelo();
    delete manifest.consentMode;
    const result = checkManifest(JSON.stringify(manifest, null, 2));
    const warning = result.warnings.find((w) => w.path === 'consentMode');
    assert.equal(warning.line, 1);
  });
});

describe('Consent Mode v2: the proposed mapping', () => {
  it('is Dimelo’s own mapping for Dimelo’s services', () => {
    const {services, consentMode} = dimelo();
    assert.deepEqual(proposedConsentMode(services), consentMode);
  });

  it('maps only what a service calls for: analytics alone, ads alone, Tag Manager alone (nothing: denied)', () => {
    assert.deepEqual(proposedConsentMode([fromCatalogue('google-analytics', 'performance')]), {analytics_storage: ['performance']});
    assert.deepEqual(proposedConsentMode([fromCatalogue('google-ads', 'advertising')]), {
      ad_storage: ['advertising'],
      ad_user_data: ['advertising'],
      ad_personalization: ['advertising'],
    });
    assert.deepEqual(proposedConsentMode([fromCatalogue('google-tag-manager', 'performance')]), {});
    assert.deepEqual(proposedConsentMode([fromCatalogue('youtube', 'media')]), {});
  });

  it('lists every category of the ad services when they sit apart (a type is granted when all of them are allowed)', () => {
    assert.deepEqual(proposedConsentMode([fromCatalogue('google-ads', 'advertising'), fromCatalogue('doubleclick', 'media')]).ad_storage, [
      'advertising',
      'media',
    ]);
  });

  it('knows Google’s tags by id, name or cookie, not by Google as provider', () => {
    assert.deepEqual(
      googleTags([
        {id: 'stats', name: 'Statistics', cookies: [{name: '_ga'}]},
        fromCatalogue('youtube', 'media'),
        {id: 'gtm', name: 'Tags', cookies: []},
      ]).map((g) => [g.index, g.tag]),
      [
        [0, 'google-analytics'],
        [2, 'google-tag-manager'],
      ]
    );
  });
});
