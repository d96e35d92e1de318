// The kinds of element the gate holds are one table, src/core/held-kinds.ts (issue 24, "one table per
// fact"): no file of src/ or bin/src/ names a held tag as a tag (the consumers read the table), and
// a row added to the table reaches every consumer: the gate's selector, what it releases, its
// Trusted Types sinks, the placeholder kinds, `explain`'s page and the fixes `scan` writes. The
// README's list of held kinds says what the table holds.
//
// "Names a held tag as a tag" is read from the syntax (TypeScript's parser, comments left out), so
// that the word in another sense ('script' a request type, typeof … === 'object') is not one:
//   - a string equal to a held tag, compared with an element's name (`.name`, `.localName`,
//     `.tagName`, `.nodeName`, `element`), given to createElement, querySelector, matches…, or
//     made a constant of its own;
//   - a list of two or more held tags, or an object keyed by two or more (a copy of the table);
//   - a held tag as markup (`<iframe`, `</video>`) or in a CSS selector (`img[`, `img:is(`, `source>`)
//     inside any string;
//   - `instanceof` the tag's own DOM interface (HTMLIFrameElement…).
import assert from 'node:assert/strict';
import {readFileSync, readdirSync} from 'node:fs';
import {join, relative} from 'node:path';
import {describe, it} from 'node:test';
import {build} from 'esbuild';
import ts from 'typescript';
import {withDummyRow} from './held-kinds-row.mjs';
import {loadCore, root} from './load-core.mjs';

const TABLE = 'src/core/held-kinds.ts';
const core = await loadCore(TABLE);
const TAGS = core.heldTags();

/** Each tag's own DOM interface, for `instanceof` (the tags with one of their own). */
const INTERFACES = {
  script: 'HTMLScriptElement',
  iframe: 'HTMLIFrameElement',
  embed: 'HTMLEmbedElement',
  img: 'HTMLImageElement',
  picture: 'HTMLPictureElement',
  source: 'HTMLSourceElement',
  link: 'HTMLLinkElement',
  video: 'HTMLVideoElement',
  audio: 'HTMLAudioElement',
  object: 'HTMLObjectElement',
};
const NAME_READERS = /^(name|localName|tagName|nodeName|element)$/i;
const TAG_CALLS = /^(createElement|createElementNS|querySelector|querySelectorAll|closest|matches|getElementsByTagName)$/;

const sources = (dir) =>
  readdirSync(join(root, dir), {withFileTypes: true, recursive: true})
    .filter((entry) => entry.isFile() && /\.ts$/.test(entry.name))
    .map((entry) => relative(root, join(entry.parentPath, entry.name)));

/** Where `text` (TypeScript source) names one of `tags` as a tag: [line, what] for each. */
export function tagNamings(text, tags, file = 'file.ts') {
  const found = [];
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const held = new Set(tags);
  const words = tags.join('|');
  const markup = new RegExp(`</?(${words})(?![\\w-])`, 'i');
  const selector = new RegExp(`(?:^|[\\s,(>+~])(${words})(?:\\[|:(?:is|not|where|has)\\(|\\s*>)`, 'i');
  const say = (node, what) => found.push([source.getLineAndCharacterOfPosition(node.getStart()).line + 1, what]);
  const isText = (node) => ts.isStringLiteralLike(node) || ts.isTemplateLiteralToken(node);
  const nameOf = (node) =>
    ts.isPropertyAccessExpression(node)
      ? node.name.text
      : ts.isIdentifier(node)
        ? node.text
        : ts.isNonNullExpression(node)
          ? nameOf(node.expression)
          : '';
  const heldText = (node) => isText(node) && held.has(node.text.toLowerCase());
  const visit = (node) => {
    if (isText(node)) {
      const [, tag] = markup.exec(node.text) ?? selector.exec(node.text) ?? [];
      if (tag) say(node, `${tag} as markup or in a selector: ${JSON.stringify(node.text.slice(0, 60))}`);
    }
    if (heldText(node)) {
      const parent = node.parent;
      const compared =
        ts.isBinaryExpression(parent) &&
        [
          ts.SyntaxKind.EqualsEqualsEqualsToken,
          ts.SyntaxKind.ExclamationEqualsEqualsToken,
          ts.SyntaxKind.EqualsEqualsToken,
          ts.SyntaxKind.ExclamationEqualsToken,
        ].includes(parent.operatorToken.kind) &&
        NAME_READERS.test(nameOf(parent.left === node ? parent.right : parent.left));
      const called = ts.isCallExpression(parent) && TAG_CALLS.test(nameOf(parent.expression));
      // A constant that is a tag (`const EMBEDS = 'iframe'`), to be compared elsewhere.
      const named = ts.isVariableDeclaration(parent) && parent.initializer === node;
      if (compared || called || named) say(node, `'${node.text}' as an element's name`);
    }
    if (ts.isArrayLiteralExpression(node) && node.elements.filter(heldText).length >= 2) {
      say(node, `a list of held tags: ${node.elements.filter(heldText).map((e) => e.text)}`);
    }
    if (ts.isObjectLiteralExpression(node)) {
      const keys = node.properties
        .map((p) => p.name && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name)) && p.name.text)
        .filter((k) => held.has(k));
      if (keys.length >= 2) say(node, `an object keyed by held tags: ${keys}`);
    }
    if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.InstanceOfKeyword) {
      const tag = tags.find((t) => INTERFACES[t] === nameOf(node.right));
      if (tag) say(node, `instanceof ${nameOf(node.right)}`);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

describe('the held kinds are one table (src/core/held-kinds.ts)', () => {
  it('no file of src/ or bin/src/ but the table names a held tag as a tag', () => {
    const files = [...sources('src'), ...sources('bin/src')].filter((file) => file !== TABLE);
    assert.ok(files.length > 50, `only ${files.length} files read`);
    const named = files.flatMap((file) =>
      tagNamings(readFileSync(join(root, file), 'utf8'), TAGS, file).map(([line, what]) => `${file}:${line}: ${what}`)
    );
    assert.deepEqual(named, []);
  });

  it('the matcher finds each way a tag is named, and not the word in another sense', () => {
    const hits = (code) => tagNamings(code, TAGS).length;
    for (const code of [
      `if (t.name === 'iframe') x();`,
      `if ('video' !== el.localName) x();`,
      `el.tagName == 'img'`,
      `element === 'object' ? 1 : 2`,
      `document.createElement('script')`,
      `root.querySelectorAll('embed')`,
      `['img', 'link'].includes(name)`,
      `new Set(['source', 'picture'])`,
      `const LOADS = {iframe: ['src'], audio: ['src']};`,
      `const S = 'img[data-src],x';`,
      `const S = \`x:is(a)>source:is([data-src])\${TAGGED}\`;`,
      `const S = 'a, audio:not([src])';`,
      `const fix = \`<iframe data-src="\${u}">\`;`,
      `const end = '</picture>';`,
      `if (el instanceof HTMLIFrameElement) x();`,
      `const FRAME = 'iframe';`,
    ]) {
      assert.equal(hits(code), 1, code);
    }
    for (const code of [
      `if (typeof value === 'object') x();`,
      `if (r.type === 'script') x();`,
      `namer.request(url, 'script')`,
      `type NamedBy = 'script' | 'host';`,
      `const entry = {names, script: script()};`,
      `const RAW_TEXT = new Set(['script', 'style', 'textarea', 'title']);`,
      `fail('must be an object, got a list')`,
      `say('a script of the page has kept it busy: video, audio and source maps')`,
      `// a comment names <iframe data-src> and img[data-src]`,
      `function f(frame: HTMLIFrameElement) {}`,
      `import {x} from "./script-gate.js";`,
    ]) {
      assert.equal(hits(code), 0, code);
    }
  });
});

/** explain's page reader and the CLI's manifest check, built from bin/src/ (with `plugins`: a changed table). */
async function explainModule(plugins = []) {
  const result = await build({
    stdin: {
      contents: `export {explainPage} from "./bin/src/explain.ts"; export {checkManifest} from "./bin/src/sources.ts";`,
      resolveDir: root,
      loader: 'ts',
    },
    bundle: true,
    format: 'esm',
    platform: 'node',
    packages: 'external',
    write: false,
    logLevel: 'silent',
    plugins,
  });
  return import(`data:text/javascript;base64,${Buffer.from(result.outputFiles[0].text).toString('base64')}`);
}

describe('explain reads the table: its kinds, and a row added to it; so do the fixes scan and explain write', () => {
  it('explain reads the new kind on a page: held and tagged, it waits; tagged but loading, its fix moves its URL', async () => {
    const {explainPage, checkManifest} = await explainModule([withDummyRow]);
    const checked = checkManifest(readFileSync(join(root, 'test/e2e/pages/gate-kinds-manifest.json'), 'utf8'));
    assert.ok(checked.ok, JSON.stringify(checked.errors));
    const html = [
      '<x-held data-src="/x/held.svg" data-service="pixel"></x-held>',
      '<x-held src="/x/loading.svg" data-service="pixel"></x-held>',
      '<x-held data-category="advertising"><x-part data-href="/x/part"></x-part></x-held>',
    ].join('\n');
    const report = explainPage(html, 'page.html', checked.manifest, (t) => (typeof t === 'string' ? t : (t?.en ?? '')));
    assert.deepEqual(
      report.elements.map((el) => [el.line, el.element, el.verdict, el.url]),
      [
        [1, 'x-held', 'waits-for-consent', '/x/held.svg'],
        [2, 'x-held', 'not-blocked', '/x/loading.svg'],
        [3, 'x-held', 'waits-for-consent', '/x/part'],
      ]
    );
    assert.equal(
      report.elements[1].reason,
      'tagged but not blocked: it runs at once; move its src to data-src: <x-held data-src="/x/loading.svg" data-service="pixel"></x-held>'
    );
  });

  it('explain names an <embed> and a <picture> as the gate holds them, and says how to hold one that loads', async () => {
    const {explainPage, checkManifest} = await explainModule();
    const {manifest} = checkManifest(readFileSync(join(root, 'test/e2e/pages/gate-kinds-manifest.json'), 'utf8'));
    const html = [
      '<embed data-src="https://docs.example/brochure.pdf" type="application/pdf" data-service="pixel">',
      '<picture data-service="pixel">',
      '  <source data-srcset="https://ads.example/banner.webp 1x" type="image/webp">',
      '  <img data-src="https://ads.example/banner.png" alt="">',
      '</picture>',
      '<embed src="https://docs.example/leaflet.pdf" data-service="pixel">',
      '<picture data-service="pixel"><source srcset="https://ads.example/b.webp"><img data-src="https://ads.example/b.png" alt=""></picture>',
    ].join('\n');
    const report = explainPage(html, 'page.html', manifest, () => '');
    assert.deepEqual(
      report.elements.map((el) => [el.line, el.element, el.verdict, el.url]),
      [
        [1, 'embed', 'waits-for-consent', 'https://docs.example/brochure.pdf'],
        [2, 'picture', 'waits-for-consent', 'https://ads.example/banner.webp'],
        [6, 'embed', 'not-blocked', 'https://docs.example/leaflet.pdf'],
        [7, 'picture', 'not-blocked', 'https://ads.example/b.png'],
      ]
    );
    assert.equal(
      report.elements[2].reason,
      'tagged but not blocked: it runs at once; move its src to data-src: <embed data-src="https://docs.example/leaflet.pdf" data-service="pixel">'
    );
    assert.equal(
      report.elements[3].reason,
      'tagged but not blocked: it runs at once; move its srcset to data-srcset: <picture data-service="pixel"><source data-srcset="https://ads.example/b.webp"><img data-src="https://ads.example/b.png" alt=""></picture>'
    );
    // Untagged, a picture that loads a tracker is one finding, with its children in the fix.
    const untagged = explainPage(
      '<picture><source srcset="https://www.facebook.com/tr?id=1"><img src="https://www.facebook.com/tr?id=2" alt=""></picture>',
      'page.html',
      manifest,
      () => ''
    );
    assert.deepEqual(
      untagged.elements.map((el) => [el.element, el.verdict, el.reason.split('tag it: ')[1]]),
      [
        [
          'picture',
          'not-blocked',
          '<picture data-service="meta-pixel"><source data-srcset="https://www.facebook.com/tr?id=1"><img data-src="https://www.facebook.com/tr?id=2" alt=""></picture>, and declare "meta-pixel" in a consent category',
        ],
      ]
    );
  });

  it("scan's fix for a request a <picture>'s <source> makes tags the <picture>, with its children held inside it", async () => {
    const result = await build({
      stdin: {
        contents: `export {collectLeaks} from "./bin/src/leaks.ts"; export {startTags} from "./bin/src/html-tags.ts";`,
        resolveDir: root,
        loader: 'ts',
      },
      bundle: true,
      format: 'esm',
      platform: 'node',
      packages: 'external',
      write: false,
      logLevel: 'silent',
    });
    const {collectLeaks, startTags} = await import(
      `data:text/javascript;base64,${Buffer.from(result.outputFiles[0].text).toString('base64')}`
    );
    const url = 'https://ads.example/banner.webp';
    const html = `<p>Our partner</p>\n<picture>\n  <source srcset="${url}" type="image/webp">\n  <img src="https://ads.example/banner.png" alt="">\n</picture>`;
    const owner = {service: 'pixel', name: 'Stand-in Pixel', category: 'advertising', basis: 'consent'};
    const request = {
      url,
      host: 'ads.example',
      type: 'image',
      status: 'leak',
      owners: [owner],
      initiator: {type: 'parser', url: 'https://shop.example/'},
    };
    const [leak] = collectLeaks(
      {cookies: [], storage: [], requests: [request], noscript: []},
      {url: 'https://shop.example/', tags: startTags(html)}
    );
    assert.deepEqual(leak.fixes, [
      `tag it (line 2): <picture data-service="pixel"><source data-srcset="${url}" type="image/webp"><img data-src="https://ads.example/banner.png" alt=""></picture>`,
    ]);
  });

  it('the shipped table has no such row: the same page is nothing to explain', async () => {
    const {explainPage, checkManifest} = await explainModule();
    const {manifest} = checkManifest(readFileSync(join(root, 'test/e2e/pages/gate-kinds-manifest.json'), 'utf8'));
    assert.deepEqual(
      explainPage('<x-held data-src="/x/held.svg" data-service="pixel"></x-held>', 'page.html', manifest, () => '').elements,
      []
    );
  });
});

describe("the README's list of held kinds (“Tag your trackers”) says what the table holds", () => {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const section = readme.slice(
    readme.indexOf('\n## Tag your trackers'),
    readme.indexOf('\n## ', readme.indexOf('\n## Tag your trackers') + 1)
  );
  // The list, not the examples: the bullet that names what every other kind holds.
  const list = section.split('\n- ').find((bullet) => bullet.startsWith('Every other kind of element holds its URLs')) ?? '';
  const placeholders = section.split('\n- ').find((bullet) => bullet.includes('behind a placeholder')) ?? '';

  it('names every kind and each attribute it holds, and those its children hold', () => {
    assert.ok(list, 'the bullet "Every other kind of element holds its URLs…" is gone');
    for (const [tag, kind] of Object.entries(core.HELD_KINDS)) {
      if (kind.copy) continue;
      assert.match(list, new RegExp(`<${tag}[ >]`), `<${tag}> is not in the README's list`);
      const holds = [...kind.held, ...Object.values(kind.children ?? {}).flat()];
      for (const name of holds) assert.match(list, new RegExp(`data-${name}\\b`), `<${tag}> holds data-${name}`);
      for (const child of Object.keys(kind.children ?? {})) assert.match(list, new RegExp(`<${child}[ >]`), `<${tag}>'s <${child}>`);
    }
  });

  it('names the kinds that get a placeholder, and no other', () => {
    const kinds = Object.keys(core.HELD_KINDS).filter((tag) => core.HELD_KINDS[tag].placeholder);
    const named = [...placeholders.split('behind a placeholder')[0].matchAll(/`<([a-z-]+) data-/g)].map((m) => m[1]);
    assert.deepEqual(named, kinds);
  });
});
