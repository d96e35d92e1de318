// docs/rules.md R32/R33: each record names the version of the component that asked (`uiVersion`).
// The version lives in package.json; the constant in the bundle must follow it at each release.
import assert from 'node:assert/strict';
import {readFileSync} from 'node:fs';
import {it} from 'node:test';
import {loadCore, root} from './load-core.mjs';

it('R32, R33: the uiVersion recorded with each decision is the package version', async () => {
  const {UI_VERSION} = await loadCore('src/core/make-record.ts');
  const {version} = JSON.parse(readFileSync(`${root}package.json`, 'utf8'));
  assert.equal(UI_VERSION, version);
});
