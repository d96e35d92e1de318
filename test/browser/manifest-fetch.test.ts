import {expect} from '@open-wc/testing';
import {readManifestJson} from '../../src/browser/manifest-fetch.js';
import type {LoadManifestOptions} from '../../src/browser/manifest-fetch.js';
import {formatIssue, parseManifest} from '../../src/core/manifest.js';
import type {ParseResult} from '../../src/core/manifest.types.js';
import {shopManifest} from '../fixtures/manifests.js';

/**
 * The manifest of `source` fetched (`readManifestJson`) and checked (`parseManifest`), its links
 * against the URL it came from: what the element does, in two steps, without the element.
 */
async function loadManifest(source: unknown, doc: Document = document, options: LoadManifestOptions = {}): Promise<ParseResult> {
  const loaded = await readManifestJson(source, doc, options);
  return loaded.ok ? parseManifest(loaded.json, {base: loaded.base}) : loaded;
}

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
    expect(await firstIssue('http://127.0.0.1:9/manifest.json')).to.match(
      /^manifest: could not load http:\/\/127\.0\.0\.1:9\/manifest\.json \(/
    );
  });

  it('names a manifest that is not JSON', async () => {
    expect(await firstIssue(blobUrl('{"version": 1,'))).to.match(/^manifest: .* is not valid JSON \(/);
  });

  it('refuses a manifest over 1 MB', async () => {
    expect(await firstIssue(blobUrl(' '.repeat(1_000_001)))).to.match(/is larger than 1 MB$/);
  });

  describe('with a stand-in network', () => {
    const realFetch = window.fetch;
    afterEach(() => (window.fetch = realFetch));

    it('gives up on a manifest that does not arrive in time, and aborts the request (fail closed)', async () => {
      let signal: AbortSignal | undefined;
      window.fetch = (_url, init) =>
        new Promise((_resolve, reject) => {
          signal = init!.signal!;
          signal.addEventListener('abort', () => reject(new DOMException('The user aborted a request.', 'AbortError')));
        });
      const result = await loadManifest('/slow-manifest.json', document, {timeoutMs: 30});
      expect(result.ok ? 'ok' : formatIssue(result.errors[0])).to.equal('manifest: /slow-manifest.json did not arrive within 0.03 s');
      expect(signal!.aborted).to.equal(true);
    });

    it('gives up on a body that stops half way', async () => {
      window.fetch = async (_url, init) =>
        new Response(
          new ReadableStream({
            start(controller) {
              controller.enqueue(new TextEncoder().encode('{"version": 1,'));
              init!.signal!.addEventListener('abort', () => controller.error(new DOMException('aborted', 'AbortError')));
            },
          }),
          {headers: {'content-type': 'application/json'}}
        );
      expect(formatIssue(((await loadManifest('/m.json', document, {timeoutMs: 30})) as any).errors[0])).to.equal(
        'manifest: /m.json did not arrive within 0.03 s'
      );
    });

    it('refuses an endless body after 1 MB without reading the rest', async () => {
      let pulled = 0;
      window.fetch = async () =>
        new Response(
          new ReadableStream({
            pull(controller) {
              pulled++;
              controller.enqueue(new Uint8Array(64 * 1024).fill(32));
            },
          }),
          {headers: {'content-type': 'application/json'}}
        );
      expect(await firstIssue('/huge.json')).to.equal('manifest: /huge.json is larger than 1 MB');
      expect(pulled).to.be.within(16, 20);
    });

    it('refuses a declared Content-Length over 1 MB without reading the body', async () => {
      let pulled = 0;
      window.fetch = async () =>
        new Response(new ReadableStream({pull: () => void pulled++}), {
          headers: {'content-type': 'application/json', 'content-length': '5000000'},
        });
      expect(await firstIssue('/huge.json')).to.equal('manifest: /huge.json is larger than 1 MB');
      expect(pulled).to.be.below(2);
    });

    it('names an HTML page served where the manifest should be (a login page, an SPA fallback)', async () => {
      window.fetch = async () => new Response(JSON.stringify(shopManifest()), {headers: {'content-type': 'text/html; charset=utf-8'}});
      expect(await firstIssue('/cookie-manifest.json')).to.equal(
        'manifest: /cookie-manifest.json is an HTML page (text/html), not JSON: check the manifest URL'
      );
    });

    it('resolves links against where the manifest came from, after redirects (README, “The cookie manifest”)', async () => {
      const relative = {...shopManifest(), site: {name: 'Shop', policyUrl: 'privacy.html', languages: ['fr']}};
      const answer = (url: string) => async () => Object.defineProperty(new Response(JSON.stringify(relative)), 'url', {value: url});
      window.fetch = answer('https://shop.example/v2/cookie-manifest.json');
      const fetched = await readManifestJson('/cookie-manifest.json');
      expect(fetched.ok && fetched.base).to.equal('https://shop.example/v2/cookie-manifest.json');
      expect(await firstIssue('/cookie-manifest.json')).to.equal('ok');
      // A manifest that arrives from somewhere its relative links cannot be http(s) is refused, naming the link.
      window.fetch = answer('file:///srv/cookie-manifest.json');
      expect(await firstIssue('/cookie-manifest.json')).to.equal(
        'site.policyUrl: must resolve to an http(s) URL against file:///srv/cookie-manifest.json, got "privacy.html"'
      );
      // No URL on the response (a service worker's own): the one asked for.
      window.fetch = answer('');
      const asked = await readManifestJson('/shop/cookie-manifest.json');
      expect(asked.ok && asked.base).to.equal(new URL('/shop/cookie-manifest.json', document.baseURI).href);
    });

    it('reads a manifest split across chunks, multi-byte characters included', async () => {
      const bytes = new TextEncoder().encode(
        JSON.stringify({...shopManifest(), site: {name: 'Café ☕ 日本', policyUrl: 'https://x.example/', languages: ['fr']}})
      );
      window.fetch = async () =>
        new Response(
          new ReadableStream({
            start(controller) {
              for (let i = 0; i < bytes.length; i += 7) controller.enqueue(bytes.slice(i, i + 7));
              controller.close();
            },
          })
        );
      const result = await loadManifest('/chunked.json');
      expect(result.ok && result.manifest.site.name).to.equal('Café ☕ 日本');
    });
  });

  it('resolves the links of an inline or object manifest against the page', async () => {
    const script = Object.assign(document.createElement('script'), {type: 'application/json', id: 'inline-relative'});
    script.textContent = '{}';
    document.body.append(script);
    try {
      for (const source of [shopManifest(), '#inline-relative']) {
        const loaded = await readManifestJson(source);
        expect(loaded.ok && loaded.base).to.equal(document.baseURI);
      }
    } finally {
      script.remove();
    }
  });

  it('passes schema problems through with their path', async () => {
    const manifest = shopManifest() as any;
    manifest.categories[2].basis = 'maybe';
    expect(await firstIssue(blobUrl(JSON.stringify(manifest)))).to.equal('categories[2].basis: must be one of consent, necessary, exempt');
  });
});
