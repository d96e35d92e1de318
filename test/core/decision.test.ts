import {expect} from '@open-wc/testing';
import {consentCategoryIds, needsBanner} from '../../src/core/decision.js';
import {quietManifest, shopManifest} from '../fixtures/manifests.js';
import {parsed} from '../helpers.js';

describe('is a banner needed (R28)', () => {
  it('yes when a consent category holds a service', () => {
    const manifest = parsed(shopManifest());
    expect(needsBanner(manifest)).to.equal(true);
    expect(consentCategoryIds(manifest)).to.deep.equal(['performance', 'advertising']);
  });
  it('no when every category is necessary or exempt', () => {
    expect(needsBanner(parsed(quietManifest()))).to.equal(false);
  });
  it('no when the consent categories hold no service', () => {
    const manifest = shopManifest();
    manifest.services = (manifest.services as {category: string}[]).filter((s) => s.category === 'necessary');
    expect(needsBanner(parsed(manifest))).to.equal(false);
  });
});
