// What the studio and the CLI write for a page (issue 28), pasted into one, whatever the manifest's
// texts hold: the studio's "Copy the tag" snippets (studio/service-tag.ts tagSnippet), the studio's JSON
// (manifestFile) and `scan --draft`'s (bin/src/draft.ts draftFile) inside the README's inline
// `<script type="application/json">`. Chromium parses each page as a browser does, scripts on:
// the pasted text must make its one element and nothing else, run nothing, and hide nothing after
// it. No server: each page is set as the content of a blank one.
import assert from 'node:assert/strict';
import {readFileSync} from 'node:fs';
import {after, before, describe, it} from 'node:test';
import {loadCore, root} from '../node/load-core.mjs';
import {openBrowser} from './browser.mjs';

const {manifestFile, openManifest} = await loadCore('studio/manifest-file.ts');
const {tagSnippet} = await loadCore('studio/service-tag.ts');
const {draftFile} = await loadCore('bin/src/draft.ts');
const {parseManifest} = await loadCore('src/core/manifest.ts');
/** The catalogue's services with a vendor snippet (catalogue/services.json). */
const SNIPPETS = JSON.parse(readFileSync(`${root}catalogue/services.json`, 'utf8')).services.filter((s) => s.snippet);

/** Names that break out of a script, a comment, an attribute or the page; each would set window.__ran. */
const HOSTILE = [
  'Chat </script><script>window.__ran = 1</script>',
  'Chat </SCRIPT ><img src=x onerror="window.__ran = 1">',
  'Chat <!--<script>',
  'Chat <!-- </script><script>window.__ran = 1</script> -->',
  'Chat */ window.__ran = 1; /*',
  'Chat "><script>window.__ran = 1</script><iframe title="',
  'Chat \'><svg onload="window.__ran = 1">',
  'Chat &lt;/script&gt;<\/script><script>window.__ran = 1<\/script>',
  'Chat \u2028</script ><script>window.__ran = 1</script>',
];

/** A page with `html` pasted between two markers, as a site owner pastes it. */
const page = (html) =>
  `<!doctype html><html><head><title>t</title></head><body><p id="before">before</p>${html}<p id="after">after</p></body></html>`;

describe('HTML the studio and the CLI write, pasted into a page', () => {
  let browser;
  let close;
  let context;
  before(async () => {
    ({browser, close} = await openBrowser());
    context = await browser.createBrowserContext();
  });
  after(async () => {
    await context?.close();
    await close?.();
  });

  /** Parses `html` in a page and returns what resulted between the markers, and whether a script ran. */
  async function paste(html) {
    const tab = await context.newPage();
    try {
      await tab.setContent(page(html), {waitUntil: 'load'});
      return await tab.evaluate(() => {
        const elements = [...document.body.querySelectorAll('*')];
        const before = document.getElementById('before');
        const after = document.getElementById('after');
        const between = [];
        for (let node = before?.nextSibling; node && node !== after; node = node.nextSibling) between.push(node);
        return {
          ran: window.__ran ?? 0,
          count: elements.length,
          bodyChildren: [...document.body.children].map((e) => e.id || e.tagName.toLowerCase()),
          between: between.map((node) => (node.nodeType === 1 ? node.tagName.toLowerCase() : `#${node.nodeName}`)),
          element: between.find((node) => node.nodeType === 1) && {
            service: between.find((node) => node.nodeType === 1).getAttribute('data-service'),
            title: between.find((node) => node.nodeType === 1).getAttribute('title'),
            type: between.find((node) => node.nodeType === 1).getAttribute('type'),
            text: between.find((node) => node.nodeType === 1).textContent,
          },
          afterText: after?.textContent,
        };
      });
    } finally {
      await tab.close();
    }
  }

  it('a name that passes the check can hold `</script>`: the case is real', () => {
    const manifest = JSON.parse(readFileSync(`${root}demo/dimelo/cookie-manifest.json`, 'utf8'));
    manifest.services[0].name = HOSTILE[0];
    const result = parseManifest(manifest);
    assert.equal(result.ok, true, JSON.stringify(result.errors?.[0]));
  });

  for (const name of HOSTILE) {
    it(`"Copy the tag" for ${JSON.stringify(name)}: one script, inert, and the page goes on`, async () => {
      const snippet = tagSnippet({id: 'chat', name});
      const result = await paste(snippet);
      assert.equal(result.ran, 0, snippet);
      assert.deepEqual(
        result.between.filter((n) => n !== '#text'),
        ['script'],
        snippet
      );
      assert.deepEqual(result.bodyChildren, ['before', 'script', 'after'], snippet);
      assert.equal(result.count, 3, snippet);
      assert.equal(result.element.service, 'chat');
      assert.equal(result.element.type, 'text/plain');
      assert.equal(result.afterText, 'after');
      // Released after consent, its text runs as the tagged code: the name stays inside the comment.
      const tab = await context.newPage();
      try {
        await tab.setContent(page(''));
        const ran = await tab.evaluate((code) => {
          new Function(code)();
          return window.__ran ?? 0;
        }, result.element.text);
        assert.equal(ran, 0, result.element.text);
      } finally {
        await tab.close();
      }
    });

    it(`each vendor's snippet for a service named and id'd ${JSON.stringify(name)}: the vendor's elements, inert, and the page goes on`, async () => {
      for (const entry of SNIPPETS) {
        const plain = await paste(tagSnippet({id: entry.id, name: entry.name}, entry));
        const snippet = tagSnippet({id: name, name}, entry);
        const result = await paste(snippet);
        assert.equal(result.ran, 0, snippet);
        assert.deepEqual(result.bodyChildren, plain.bodyChildren, snippet);
        assert.equal(result.count, plain.count, snippet);
        assert.equal(result.element.service, name.trim(), snippet);
        assert.equal(result.afterText, 'after');
      }
    });
  }

  /** A manifest whose every kind of text holds each hostile string. */
  const hostileManifest = () => ({
    version: 1,
    revision: 1,
    site: {name: HOSTILE.join(' '), policyUrl: 'https://shop.example/privacy?q=</script>'},
    categories: [{id: 'chat', basis: 'consent', title: {en: HOSTILE[2]}, description: {en: HOSTILE[3]}}],
    services: HOSTILE.map((name, i) => ({id: `chat-${i}`, name, category: 'chat', cookies: []})),
  });

  it('the studio\'s JSON, inline in <script type="application/json">, is one element with the same manifest', async () => {
    const opened = openManifest(hostileManifest());
    assert.equal(opened.ok, true, opened.message);
    const file = manifestFile(opened.draft);
    const result = await paste(`<script type="application/json" id="cookie-manifest">${file}</script>`);
    assert.equal(result.ran, 0);
    assert.deepEqual(result.bodyChildren, ['before', 'cookie-manifest', 'after']);
    assert.equal(result.count, 3);
    assert.deepEqual(JSON.parse(result.element.text), JSON.parse(file));
    assert.deepEqual(
      JSON.parse(file).services.map((s) => s.name),
      HOSTILE
    );
  });

  it('scan --draft\'s file, inline in <script type="application/json">, is one element with the same manifest', async () => {
    const draft = {
      ...hostileManifest(),
      services: [{id: 'x', name: 'x', category: 'chat', storage: HOSTILE.map((key) => ({key, area: 'local'}))}],
    };
    const file = draftFile(draft);
    const result = await paste(`<script type="application/json" id="cookie-manifest">${file}</script>`);
    assert.equal(result.ran, 0);
    assert.deepEqual(result.bodyChildren, ['before', 'cookie-manifest', 'after']);
    assert.equal(result.count, 3);
    assert.deepEqual(JSON.parse(result.element.text), draft);
  });
});
