// docs/rules.md §D, lifetime and re-asking (R21–R25): an answer, yes or no, is kept for
// consentMaxAgeDays by its own timestamp (never more than 13 months), not stretched by visits,
// and asked again when the purposes or partners change. "Later" is a fake clock in a fresh context
// holding the same cookies.
import assert from 'node:assert/strict';
import {readFileSync} from 'node:fs';
import {after, before, describe, it} from 'node:test';
import {root} from '../node/load-core.mjs';
import {
  clickButton,
  consentRequests,
  inBanner,
  inContext,
  openDialogs,
  ran,
  readManifest,
  settle,
  startHarness,
  visit,
} from './harness.mjs';

const dimelo = readManifest('dimelo');
const MANIFEST = '/demo/dimelo/cookie-manifest.json';
const ACCEPTED = [
  'session',
  'google-analytics',
  'google-analytics-inline',
  'hubspot-analytics',
  'doubleclick',
  'google-ads',
  'hubspot-advertising',
  'facebook',
  'linkedin',
  'addthis',
];
const stored = (page) => page.evaluate(() => window.consentBanner.consent);
const scriptsOnly = (list) => list.filter((id) => id !== 'youtube');
const DAY = 86_400_000;
/** What runs after a refusal: the necessary session, and the page's stand-in for refused analytics (`!performance`). */
const REFUSED = ['session', 'no-analytics-fallback'];

describe('RULES §D: lifetime and re-asking', () => {
  let harness;
  before(async () => (harness = await startHarness()));
  after(() => harness?.close());

  /** Answers on Dimelo (`choice`: a data-choice, with `manifest` served), then runs `later` in a context `days` ahead holding the same cookies. */
  const answerThenLater = (choice, days, later, manifest = dimelo) =>
    inContext(harness, {manifests: {[MANIFEST]: manifest}}, async ({page}) => {
      await visit(page, harness.url('dimelo'));
      await clickButton(page, choice);
      await settle(page);
      const cookies = await page.cookies();
      await inContext(harness, {clockOffsetDays: days, manifests: {[MANIFEST]: manifest}}, async (next) => {
        await next.page.setCookie(...cookies);
        await visit(next.page, harness.url('dimelo'));
        await later(next, cookies);
      });
    });

  for (const [days, asks] of [
    [181, false],
    [183, true],
  ]) {
    it(`R21 a choice ${days} days old ${asks ? 'is asked again, nothing released' : 'still holds'} (default 182 days, by the timestamp inside the record)`, () =>
      answerThenLater('accept-all', days, async ({page, log}) => {
        assert.deepEqual(await openDialogs(page), asks ? ['banner'] : []);
        assert.deepEqual(scriptsOnly(await ran(page)), asks ? ['session'] : ACCEPTED);
        if (asks) assert.deepEqual(consentRequests(log, dimelo), []);
      }));
  }

  it('R22 a refusal is remembered like a consent: five reloads and two other pages, no banner again', () =>
    inContext(harness, {}, async ({page}) => {
      await visit(page, harness.url('dimelo'));
      await clickButton(page, 'reject-all');
      await settle(page);
      for (let i = 0; i < 5; i++) {
        await page.reload({waitUntil: 'load'});
        await settle(page);
        assert.deepEqual(await openDialogs(page), [], `reload ${i + 1}`);
      }
      for (const name of ['dimelo-article.html', 'dimelo-contact.html']) {
        await visit(page, `http://dimelo.test:${harness.port}/test/e2e/pages/${name}`);
        assert.deepEqual(await openDialogs(page), [], name);
      }
      assert.equal((await stored(page)).method, 'reject-all');
      // Same for 181 days: the refusal's lifetime is the acceptance's.
      const cookies = await page.cookies();
      await inContext(harness, {clockOffsetDays: 181}, async (later) => {
        await later.page.setCookie(...cookies);
        await visit(later.page, harness.url('dimelo'));
        assert.deepEqual(await openDialogs(later.page), []);
      });
    }));

  it('R23 consentMaxAgeDays above 395 (13 months) is refused: nothing runs, the error names the field', () =>
    inContext(harness, {manifests: {[MANIFEST]: {...dimelo, consentMaxAgeDays: 400}}}, async ({page}) => {
      await visit(page, harness.url('dimelo'));
      assert.match(await page.evaluate(() => window.__consentError.message), /consentMaxAgeDays/);
      assert.deepEqual(await ran(page), []);
    }));

  it('R23 the consent cookie expires consentMaxAgeDays after the decision, and a record older than that is ignored even if the cookie survived', () => {
    const short = {...dimelo, consentMaxAgeDays: 30};
    return inContext(harness, {manifests: {[MANIFEST]: short}}, async ({page}) => {
      await visit(page, harness.url('dimelo'));
      await clickButton(page, 'accept-all');
      await settle(page);
      const cookie = (await page.cookies()).find((c) => c.name === 'dimelo_consent');
      const record = await stored(page);
      const expiresAt = cookie.expires * 1000;
      assert.ok(expiresAt <= Date.parse(record.timestamp) + 30 * DAY + 1000, `expires ${new Date(expiresAt).toISOString()}`);
      assert.ok(expiresAt > Date.parse(record.timestamp) + 29.9 * DAY);
      // The same cookie, kept alive a year by some other code: 31 days later it no longer counts.
      const kept = {...cookie, expires: Date.now() / 1000 + 365 * 86_400};
      await inContext(harness, {clockOffsetDays: 31, manifests: {[MANIFEST]: short}}, async ({page: later, log}) => {
        await later.setCookie(kept);
        await visit(later, harness.url('dimelo'));
        assert.deepEqual(await openDialogs(later), ['banner']);
        assert.deepEqual(await ran(later), ['session']);
        assert.deepEqual(consentRequests(log, dimelo), []);
      });
    });
  });

  it('R22 a refusal holds six months even where a yes lasts 30 days: no banner at day 31, asked again at day 183; the cookie lives as long', () => {
    const short = {...dimelo, consentMaxAgeDays: 30};
    return answerThenLater(
      'reject-all',
      31,
      async ({page, log}, cookies) => {
        assert.deepEqual(await openDialogs(page), []);
        assert.deepEqual(await ran(page), REFUSED);
        assert.deepEqual(consentRequests(log, dimelo), []);
        const cookie = cookies.find((c) => c.name === 'dimelo_consent');
        const record = JSON.parse(decodeURIComponent(cookie.value));
        assert.ok(cookie.expires * 1000 > Date.parse(record.timestamp) + 181.9 * DAY, 'the refusal’s cookie expires before six months');
        await inContext(harness, {clockOffsetDays: 183, manifests: {[MANIFEST]: short}}, async (later) => {
          await later.page.setCookie(...cookies);
          await visit(later.page, harness.url('dimelo'));
          assert.deepEqual(await openDialogs(later.page), ['banner']);
        });
      },
      short
    );
  });

  it('R24 a new revision that changes no purpose asks nothing: the answers hold, the refusal too', () =>
    inContext(harness, {}, async ({page}) => {
      await visit(page, harness.url('dimelo'));
      await clickButton(page, 'reject-all');
      await settle(page);
      await inContext(harness, {manifests: {[MANIFEST]: {...dimelo, revision: 2}}}, async (next) => {
        await next.page.setCookie(...(await page.cookies()));
        await visit(next.page, harness.url('dimelo'));
        assert.deepEqual(await openDialogs(next.page), []);
        assert.deepEqual(await ran(next.page), REFUSED);
        assert.deepEqual(consentRequests(next.log, dimelo), []);
      });
    }));

  /** Dimelo at revision 2, with a new partner in its performance purpose, and a page that tags it. */
  const grown = structuredClone(dimelo);
  grown.revision = 2;
  grown.services.push({id: 'newcomer', name: 'Newcomer Analytics', provider: 'Newcomer Ltd', category: 'performance', cookies: []});
  const grownPage = readFileSync(`${root}demo/dimelo/index.html`, 'utf8').replace(
    '</head>',
    `<script type="text/plain" data-service="newcomer">(window.__ran = window.__ran || []).push('newcomer');</script>\n</head>`
  );
  const grownRoutes = {[MANIFEST]: grown, '/demo/dimelo/index.html': {contentType: 'text/html', body: grownPage}};

  it('R24 a new partner asks again about its purpose only, says what changed, and releases nothing of it until answered; the other purposes keep their yes', () =>
    inContext(harness, {}, async ({page: first}) => {
      await visit(first, harness.url('dimelo'));
      await clickButton(first, 'accept-all');
      await settle(first);
      await inContext(harness, {manifests: grownRoutes}, async ({page: next, log}) => {
        await next.setCookie(...(await first.cookies()));
        await visit(next, harness.url('dimelo'));
        assert.deepEqual(await openDialogs(next), ['banner']);
        const text = await inBanner(next, (root) => root.querySelector('[part=banner] #banner-text').textContent);
        assert.match(text, /pour\s: mesure de performance\./);
        assert.match(text, /Modifié depuis votre dernier choix\s: mesure de performance\./);
        assert.doesNotMatch(text, /Ciblage et publicité/);
        const list = await ran(next);
        assert.ok(list.includes('doubleclick') && list.includes('facebook'), 'the purposes that did not change lost their yes');
        assert.ok(!list.includes('google-analytics') && !list.includes('newcomer'), 'the changed purpose ran before it was asked about');
        assert.ok(!log.requests.some((path) => path.startsWith('/demo/trackers/google-analytics')));
        // "Accept all" answers what the banner asks: the changed purpose.
        await clickButton(next, 'accept-all');
        await settle(next);
        assert.ok((await ran(next)).includes('newcomer'));
        assert.deepEqual(await openDialogs(next), []);
        const record = await next.evaluate(() => window.consentBanner.consent);
        assert.equal(record.revision, 2);
        assert.deepEqual(Object.keys(record.purposes).sort(), ['advertising', 'performance', 'social']);
      });
    }));

  it('R24 a refused purpose that did not change is not asked about again under a new revision; "Reject all" answers the changed one', () =>
    inContext(harness, {}, async ({page: first}) => {
      await visit(first, harness.url('dimelo'));
      await clickButton(first, 'reject-all');
      await settle(first);
      await inContext(harness, {manifests: grownRoutes}, async ({page: next}) => {
        await next.setCookie(...(await first.cookies()));
        await visit(next, harness.url('dimelo'));
        const text = await inBanner(next, (root) => root.querySelector('[part=banner] #banner-text').textContent);
        assert.match(text, /pour\s: mesure de performance\./);
        await clickButton(next, 'reject-all');
        await settle(next);
        await visit(next, harness.url('dimelo'));
        assert.deepEqual(await openDialogs(next), []);
        assert.deepEqual(await ran(next), REFUSED);
      });
    }));

  it('R25 a visit does not extend the choice: timestamp unchanged at day 100, asked again at day 183', () =>
    answerThenLater('accept-all', 100, async ({page}, cookies) => {
      const before = cookies.find((c) => c.name === 'dimelo_consent');
      const atDay100 = (await page.cookies()).find((c) => c.name === 'dimelo_consent');
      assert.equal(atDay100.value, before.value);
      assert.equal(Math.round(atDay100.expires), Math.round(before.expires));
      await inContext(harness, {clockOffsetDays: 183}, async (later) => {
        await later.page.setCookie(...(await page.cookies()));
        await visit(later.page, harness.url('dimelo'));
        assert.deepEqual(await openDialogs(later.page), ['banner']);
      });
    }));
});
