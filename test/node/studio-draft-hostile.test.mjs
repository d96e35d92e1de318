// The studio's draft (studio/draft.ts and its pure steps beside it) on hostile input (issue 28): its path helpers stay linear
// (an unknown key of thousands of dots is placed, named and shown as fast as a short one), a field
// shows any JSON value, and a `__proto__` field reaches the check as the CLI and the banner see it.
import assert from 'node:assert/strict';
import {readFileSync} from 'node:fs';
import {describe, it} from 'node:test';
import {loadCore, root} from './load-core.mjs';

const {blankDraft} = await loadCore('studio/draft.ts');
const {anchorOf, humanPath} = await loadCore('studio/field-paths.ts');
const {manifestFile, openManifest, toManifest} = await loadCore('studio/manifest-file.ts');
const {str} = await loadCore('studio/words.ts');
const {checkManifest} = await loadCore('src/core/manifest-check.ts');

const timed = (f) => {
  const started = performance.now();
  const value = f();
  return [value, performance.now() - started];
};

describe('the studio’s draft on hostile input', () => {
  it('places an issue at the deepest field it has (six parts), and an unknown key of 8,000 dots at once', () => {
    assert.equal(anchorOf('services[1].cookies[0].purpose.fr'), 'services[1].cookies[0].purpose.fr');
    assert.equal(anchorOf('services[1].cookies[0].purpose.fr.x'), 'services[1].cookies[0].purpose.fr');
    assert.equal(anchorOf('services[2].tracking'), 'services[2]');
    const [anchor, ms] = timed(() => anchorOf('a.'.repeat(8000) + 'a'));
    assert.equal(anchor, 'manifest');
    assert.ok(ms < 200, `${ms} ms`);
  });

  it('names a path of 8,000 parts in linear time', () => {
    const [words, ms] = timed(() => humanPath('a.'.repeat(8000) + 'a', blankDraft()));
    assert.ok(words.startsWith('“a” › “a”'));
    assert.ok(ms < 200, `${ms} ms`);
  });

  it('shows any JSON value in a field, even an object with its own toString', () => {
    assert.equal(str({toString: 0}), '{"toString":0}');
    assert.equal(str([{valueOf: 0, toString: 0}]), '[{"valueOf":0,"toString":0}]');
    assert.equal(str(undefined), '');
    assert.equal(str(null), '');
    assert.equal(str(12), '12');
    assert.equal(str('x'), 'x');
  });

  it('keeps a "__proto__" field as a field: the studio refuses it, as the CLI and the banner do', () => {
    const seed = readFileSync(`${root}demo/dimelo/cookie-manifest.json`, 'utf8');
    for (const [where, text] of [
      ['the manifest', seed.replace('{', '{"__proto__": {"x": 1},')],
      ['a service', seed.replace('"services": [\n    {', '"services": [\n    {"__proto__": 5,')],
      ['the site', seed.replace('"site": {', '"site": {"__proto__": [],')],
    ]) {
      assert.notEqual(text, seed, where);
      const json = JSON.parse(text);
      const direct = checkManifest(json);
      assert.equal(direct.ok, false, where);
      const opened = openManifest(json);
      assert.equal(opened.ok, true, where);
      const studio = checkManifest(toManifest(opened.draft));
      assert.equal(studio.ok, false, `${where}: the studio says it passes`);
      assert.deepEqual(studio.errors[0], direct.errors[0], where);
      assert.ok(manifestFile(opened.draft).includes('"__proto__"'), `${where}: the download drops it`);
    }
  });
});
