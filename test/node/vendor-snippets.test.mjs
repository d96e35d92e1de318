// The vendors' install snippets in the catalogue (issue 23): each is the vendor's text as checked
// in under catalogue/vendor-snippets/, tagged, and nothing else. The test undoes the tagging
// (type="text/plain" and data-service on scripts, data-src back to src, data-service on the rest),
// puts back the vendor's example ids and the <noscript> parts the catalogue left out, and compares
// with the vendor's copy byte for byte. It also holds that the tagged text holds every script and
// embed back (the gate's own reading of each element), that a source and a date are recorded, and
// which services have none (the vendor's text could not be found: nothing made up in its place).
import assert from 'node:assert/strict';
import {readdirSync, readFileSync} from 'node:fs';
import {describe, it} from 'node:test';
import {loadCore, root} from './load-core.mjs';

const {startTags} = await loadCore('bin/src/html-tags.ts');
const catalogue = JSON.parse(readFileSync(`${root}catalogue/services.json`, 'utf8'));
const withSnippet = catalogue.services.filter((s) => s.snippet);

/** The services the issue names whose vendor text was found, and those it was not (say so, invent nothing). */
const FOUND = ['google-analytics', 'google-tag-manager', 'meta-pixel', 'youtube', 'vimeo', 'google-maps'];
const NOT_FOUND = ['hotjar', 'linkedin-insight', 'tiktok-pixel', 'microsoft-clarity'];

/** The tagged text with its tagging undone (README, "Tag your trackers"). */
const untag = (html, id) =>
  html
    .replaceAll(` type="text/plain" data-service="${id}"`, '')
    .replaceAll(` data-service="${id}"`, '')
    .replace(/(<iframe\b[^>]*?\s)data-src=/g, '$1src=');

describe('the vendors’ snippets in the catalogue', () => {
  it('are there for the services whose vendor text was found, and only those', () => {
    assert.deepEqual(withSnippet.map((s) => s.id).sort(), [...FOUND].sort());
    for (const id of NOT_FOUND) assert.equal(catalogue.services.find((s) => s.id === id).snippet, undefined, id);
    assert.deepEqual(
      readdirSync(`${root}catalogue/vendor-snippets`)
        .filter((f) => f.endsWith('.html'))
        .sort(),
      withSnippet.map((s) => `${s.id}.html`).sort(),
      'one vendor copy per snippet, and no other'
    );
  });

  for (const service of withSnippet) {
    const {snippet} = service;
    it(`${service.name}: differs from the vendor's text only by the tagging, the example ids and the <noscript> left out`, () => {
      assert.equal(snippet.vendorCopy, `vendor-snippets/${service.id}.html`);
      let vendor = readFileSync(`${root}catalogue/${snippet.vendorCopy}`, 'utf8').replace(/\n$/, '');
      for (const part of snippet.removed ?? []) {
        assert.ok(part.includes('<noscript'), 'only a <noscript> part may be left out');
        assert.ok(vendor.includes(part), `the vendor's text has ${JSON.stringify(part)}`);
        vendor = vendor.replace(part, '');
      }
      for (const [theirs, ours] of Object.entries(snippet.placeholders ?? {})) {
        assert.ok(vendor.includes(theirs), theirs);
        vendor = vendor.replaceAll(theirs, ours);
      }
      assert.equal(untag(snippet.html, service.id), vendor);
    });

    it(`${service.name}: every script and embed waits for consent, for this service; no <noscript>; a source and the date read`, () => {
      const tags = startTags(snippet.html);
      assert.equal(
        tags.some((t) => t.name === 'noscript'),
        false
      );
      const held = tags.filter((t) => ['script', 'iframe', 'img'].includes(t.name));
      assert.ok(held.length > 0);
      for (const t of held) {
        assert.equal(t.attributes.get('data-service'), service.id, t.name);
        if (t.name === 'script') assert.equal(t.attributes.get('type'), 'text/plain');
        else {
          assert.equal(t.attributes.has('src'), false, `${t.name} loads nothing until released`);
          assert.match(t.attributes.get('data-src'), /^https:\/\//);
        }
      }
      assert.match(snippet.source.url, /^https:\/\//);
      assert.match(snippet.source.read, /^\d{4}-\d{2}-\d{2}$/);
      // The vendor's host is one the catalogue lists for this service (scan and explain know it).
      const urls = held.map((t) => t.attributes.get('src') ?? t.attributes.get('data-src')).filter(Boolean);
      const loaders = [...snippet.html.matchAll(/'(https:\/\/[^']+)'/g)].map((m) => m[1]);
      for (const url of [...urls, ...loaders]) {
        const host = new URL(url).hostname;
        assert.ok(
          service.hosts.some((d) => host === d || host.endsWith(`.${d}`)),
          `${host} is one of ${service.hosts}`
        );
      }
    });
  }
});

describe('the README’s “Tag your trackers”', () => {
  it('shows two of the catalogue’s snippets, as the catalogue has them', () => {
    const readme = readFileSync(`${root}README.md`, 'utf8');
    const section = readme.slice(readme.indexOf('## Tag your trackers'), readme.indexOf('## What visitors get'));
    const shown = withSnippet.filter((s) => section.includes(`\`\`\`html\n${s.snippet.html}\n\`\`\``));
    assert.deepEqual(
      shown.map((s) => s.id),
      ['google-analytics', 'youtube']
    );
    for (const s of shown) assert.ok(section.includes(s.snippet.source.url), s.id);
  });
});
