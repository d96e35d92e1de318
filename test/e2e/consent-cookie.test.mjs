// The consent cookie, end to end (README, “Proof of consent”, README "Security"): a value that is not ours
// (foreign, malformed, older format, over 4 KB, failing its checksum) is no choice and is replaced
// cleanly by the next decision; a foreign cookie of the same name beside ours does not hide ours;
// what we write is one cookie with our attributes, whatever the name; a record too large for a
// cookie still applies to the page, and the console says why it was not kept.
import assert from 'node:assert/strict';
import {readFileSync} from 'node:fs';
import {after, before, describe, it} from 'node:test';
import {inContext, openDialogs, ran, settle, startHarness, visit} from './harness.mjs';
import {root} from '../node/load-core.mjs';

const MANIFEST = '/test/e2e/pages/shop-manifest.json';
const shop = () => JSON.parse(readFileSync(`${root}test/e2e/pages/shop-manifest.json`, 'utf8'));
const NAME = 'shop_consent';
/** The tagged scripts that ran, in order (the embed's frame reports itself too: left out). */
const scripts = async (page) => (await ran(page)).filter((id) => id !== 'youtube');
const ours = async (page) => (await page.cookies()).filter((c) => decodeURIComponent(c.name) === NAME);

describe('the consent cookie', () => {
  let harness;
  before(async () => (harness = await startHarness()));
  after(() => harness?.close());
  const url = () => `http://shop.test:${harness.port}/test/e2e/pages/shop.html`;

  /** A genuine stored value, made by the page itself. */
  async function genuine(page) {
    await visit(page, url());
    await page.evaluate(() => window.consentBanner.rejectAll());
    const [cookie] = await ours(page);
    await page.deleteCookie(cookie);
    return cookie;
  }

  // [what, how to turn a genuine cookie value into it]
  const notOurs = [
    ["another tool's value", () => encodeURIComponent('{"categories":["necessary","analytics"],"revision":0}')],
    ['a malformed value', () => '%E0%A4%A{"v":1'],
    ['an older format (v: 1, before the proof fields)', (value) => value.replace('%22v%22:3', '%22v%22:1')],
    ['a value over 4 KB', () => 'x'.repeat(4000)],
    [
      'a checksum that fails: a category flipped to true by hand',
      (value) => value.replace('%22performance%22:false', '%22performance%22:true'),
    ],
  ];
  for (const [name, make] of notOurs) {
    it(`§6: ${name} is no choice, and the next decision replaces it cleanly`, () =>
      inContext(harness, {}, async ({page, log}) => {
        const cookie = await genuine(page);
        const value = make(cookie.value);
        assert.notEqual(value, cookie.value);
        await page.setCookie({...cookie, value});
        await visit(page, url());
        assert.deepEqual(await openDialogs(page), ['banner']);
        assert.deepEqual(await scripts(page), ['session']);
        assert.equal(await page.evaluate(() => window.consentBanner.consent), null);
        await page.evaluate(() => window.consentBanner.acceptAll());
        const [replaced, ...more] = await ours(page);
        assert.deepEqual(more, []);
        assert.notEqual(replaced.value, value);
        await visit(page, url());
        assert.deepEqual(await openDialogs(page), []);
        assert.deepEqual(await scripts(page), ['session', 'google-analytics', 'addthis']);
        assert.deepEqual(
          log.errors.filter((e) => e.startsWith('consent-banner:')),
          []
        );
      }));
  }

  it("§6: another tool's cookie of the same name on the parent domain does not hide ours", () =>
    inContext(harness, {}, async ({page}) => {
      await page.goto(url());
      await page.setCookie({name: NAME, value: 'yes', domain: '.shop.test', path: '/'});
      await visit(page, url());
      assert.deepEqual(await openDialogs(page), ['banner']);
      await page.evaluate(() => window.consentBanner.acceptAll());
      // The foreign one still comes first in document.cookie; ours is read all the same.
      assert.match(await page.evaluate(() => document.cookie), new RegExp(`^${NAME}=yes; `));
      await visit(page, url());
      assert.deepEqual(await openDialogs(page), []);
      assert.deepEqual(await scripts(page), ['session', 'google-analytics', 'addthis']);
    }));

  it('§6: what is written is one cookie with our attributes, even under a name full of odd characters', () => {
    const manifest = shop();
    manifest.cookie.name = "c!#$%&'*+-.^_`|~9";
    return inContext(harness, {manifests: {[MANIFEST]: manifest}}, async ({page}) => {
      await visit(page, url());
      const before = (await page.cookies()).map((c) => c.name).sort();
      // Every purpose answered: Google Analytics alone allowed.
      await page.evaluate(() =>
        window.consentBanner.save({categories: {performance: false, social: false}, services: {'google-analytics': true}})
      );
      await settle(page);
      const added = (await page.cookies()).filter((c) => !before.includes(c.name) && !/^_g/.test(c.name));
      assert.equal(added.length, 1, JSON.stringify(added));
      const [cookie] = added;
      assert.equal(decodeURIComponent(cookie.name), manifest.cookie.name);
      assert.deepEqual([cookie.path, cookie.sameSite, cookie.httpOnly, cookie.session], ['/', 'Lax', false, false]);
      const days = (cookie.expires * 1000 - Date.now()) / 86_400_000;
      assert.ok(days > 181 && days <= 182, `expires in ${days} days`);
      assert.doesNotMatch(cookie.value, /[;,\s"\\]/);
      await visit(page, url());
      assert.deepEqual(await openDialogs(page), []);
      assert.deepEqual(await scripts(page), ['session', 'google-analytics']);
    });
  });

  it('§6: a record too large for a cookie still applies to the page, and the console says why it was not kept', () => {
    const manifest = shop();
    for (let i = 0; i < 250; i++) manifest.services.push({id: `advertising-partner-number-${i}`, name: `Partner ${i}`, category: 'social'});
    return inContext(harness, {manifests: {[MANIFEST]: manifest}}, async ({page, log}) => {
      await visit(page, url());
      await page.evaluate(() => window.consentBanner.acceptAll());
      await settle(page);
      assert.deepEqual(await scripts(page), ['session', 'google-analytics', 'addthis']);
      assert.ok(
        log.warnings.some((w) => /did not keep the consent cookie "shop_consent" \(\d+ bytes is over the 4 KB a cookie may hold\)/.test(w)),
        JSON.stringify(log.warnings)
      );
      await visit(page, url());
      assert.deepEqual(await openDialogs(page), ['banner']);
      assert.deepEqual(await scripts(page), ['session']);
    });
  });
});
