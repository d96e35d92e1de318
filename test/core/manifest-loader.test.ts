import {expect} from '@open-wc/testing';
import {loadManifest} from '../../src/core/manifest-loader.js';
import {formatIssue} from '../../src/core/manifest.js';
import {shopManifest} from '../fixtures/manifests.js';

const blobUrl = (text: string, type = 'application/json') => URL.createObjectURL(new Blob([text], {type}));
const firstIssue = async (source: unknown) => {
  const result = await loadManifest(source);
  return result.ok ? 'ok' : formatIssue(result.errors[0]);
};

describe('loadManifest', () => {
  it('takes the manifest object itself', async () => {
    expect(await firstIssue(shopManifest())).to.equal('ok');
  });

  it('reads an inline <script type="application/json"> by #id', async () => {
    const script = Object.assign(document.createElement('script'), {type: 'application/json', id: 'inline-manifest'});
    script.textContent = JSON.stringify(shopManifest());
    document.body.append(script);
    try {
      expect(await firstIssue('#inline-manifest')).to.equal('ok');
      expect(await firstIssue('#missing')).to.equal('manifest: no element #missing holds the manifest');
    } finally {
      script.remove();
    }
  });

  it('fetches a URL', async () => {
    expect(await firstIssue(blobUrl(JSON.stringify(shopManifest())))).to.equal('ok');
  });

  it('names an HTTP error', async () => {
    expect(await firstIssue('/no-such-manifest.json')).to.equal('manifest: could not load /no-such-manifest.json (HTTP 404)');
  });

  it('names a network error', async () => {
    expect(await firstIssue('http://127.0.0.1:9/manifest.json')).to.match(/^manifest: could not load http:\/\/127\.0\.0\.1:9\/manifest\.json \(/);
  });

  it('names a manifest that is not JSON', async () => {
    expect(await firstIssue(blobUrl('{"version": 1,'))).to.match(/^manifest: .* is not valid JSON \(/);
  });

  it('refuses a manifest over 1 MB', async () => {
    expect(await firstIssue(blobUrl(' '.repeat(1_000_001)))).to.match(/is larger than 1 MB$/);
  });

  it('passes schema problems through with their path', async () => {
    const manifest = shopManifest() as any;
    manifest.categories[2].basis = 'maybe';
    expect(await firstIssue(blobUrl(JSON.stringify(manifest)))).to.equal(
      'categories[2].basis: must be one of consent, necessary, exempt'
    );
  });
});
