// The studio's path helpers (studio/draft.ts) stay linear on hostile paths (issue 28): an unknown
// key of thousands of dots is placed, named and shown as fast as a short one.
// npm test: beside the build (reads no dist/)
import assert from 'node:assert/strict';
import {describe, it} from 'node:test';
import {loadCore} from './load-core.mjs';

const {anchorOf, blankDraft, humanPath} = await loadCore('studio/draft.ts');
const {str} = await loadCore('studio/words.ts');

const timed = (f) => {
  const started = performance.now();
  const value = f();
  return [value, performance.now() - started];
};

describe('the studio’s paths', () => {
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
});
