// The drop-in's session checks the whole manifest without the messages of the check
// (src/core/manifest-messages.ts; rollup.config.js, `withoutMessages`): a first visit downloads the
// check, not the words that name a problem. The `check` module has them, for a manifest the loader
// refuses (test/e2e/failures.test.mjs sees them named in the console and in consent-error).
import assert from 'node:assert/strict';
import {readFileSync} from 'node:fs';
import {describe, it} from 'node:test';
import {loadCore, root} from '../node/load-core.mjs';

const read = (file) => readFileSync(`${root}dist/${file}`, 'utf8');

describe("the manifest check's messages", () => {
  it('are in the check module, not in the session, which checks all the same', async () => {
    const {SAY} = await loadCore('src/core/manifest-messages.ts');
    // The longest fixed part of each message, between its values (a mark, a list of one as well),
    // when it says something of its own (`must be ${what}, got ${value}` does not).
    const mark = ['\u0000'];
    const longest = (text) => text.split('\u0000').sort((a, b) => b.length - a.length)[0];
    const words = Object.entries(SAY)
      .map(([name, say]) => [name, longest(say(...Array(say.length).fill(mark)))])
      .filter(([, text]) => text.length >= 15);
    assert.ok(words.length >= 24, JSON.stringify(words));
    const check = read('consent-banner-check.min.js');
    const session = read('consent-banner-session.min.js');
    for (const [name, text] of words) {
      assert.ok(check.includes(text), `${name} (${text}) in the check module`);
      assert.ok(!session.includes(text), `${name} (${text}) in the session`);
    }
    // The session still holds the check: the shape's fields and limits.
    for (const field of ['consentMaxAgeDays', 'policyUrl', 'exemption', 'ad_user_data']) assert.ok(session.includes(field), field);
  });
});
