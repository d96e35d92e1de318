// The site owner's lints see a known tracking service however its name is typed (issue 28): a
// zero-width space, a zero-width joiner, a soft hyphen or full-width letters inside "Hotjar",
// "Facebook" or "Google Analytics" must not hide the "is not strictly necessary" warning.
import assert from 'node:assert/strict';
import {readFileSync} from 'node:fs';
import {describe, it} from 'node:test';
import {loadCore, root} from './load-core.mjs';

const {checkManifest} = await loadCore('src/core/manifest-check.ts');

/** Dimelo's manifest with one more service, `service`, in its necessary category. */
function withNecessary(service) {
  const manifest = JSON.parse(readFileSync(`${root}demo/dimelo/cookie-manifest.json`, 'utf8'));
  const necessary = manifest.categories.find((c) => c.basis === 'necessary').id;
  manifest.services.push({category: necessary, cookies: [], ...service});
  return {manifest, index: manifest.services.length - 1};
}

describe('lints on names with invisible or full-width characters', () => {
  for (const [what, service, shown] of [
    ['a zero-width space', {id: 'chat', name: 'Hot\u200bjar'}, 'Hot\u200bjar (Hotjar)'],
    ['a zero-width joiner', {id: 'social-x', name: 'Face\u200dbook'}, 'Face\u200dbook (Meta (Facebook))'],
    ['a soft hyphen', {id: 'pro', name: 'Linked\u00adIn'}, 'Linked\u00adIn (LinkedIn Insight)'],
    ['full-width letters', {id: 'stats', name: 'Ｇｏｏｇｌｅ Ａｎａｌｙｔｉｃｓ'}, 'Ｇｏｏｇｌｅ Ａｎａｌｙｔｉｃｓ (Google Analytics)'],
    [
      'zero-width spaces in the provider',
      {id: 'replay', name: 'Session replay', provider: 'Micro\u200bsoft Clar\u200bity'},
      'Session replay (Microsoft Clarity)',
    ],
  ]) {
    it(`warns about a known service with ${what} in a necessary category`, () => {
      const {manifest, index} = withNecessary(service);
      const result = checkManifest(manifest);
      assert.equal(result.ok, true, JSON.stringify(result.errors?.[0]));
      const warning = result.warnings.find((w) => w.path === `services[${index}].category`);
      assert.ok(warning, `no warning for ${JSON.stringify(service)}`);
      assert.equal(warning.message, `${shown} is not strictly necessary: move it to a consent category`);
    });
  }
});
