// Google Consent Mode v2 and the tag-manager event on the Dimelo page (docs/rules.md R37, R38), as
// Google's tags would see them: a stand-in dataLayer and the demo's stand-in trackers report, in
// one timeline kept in Node (it survives reloads), every gtag command, dataLayer event and
// tagged script that ran.
import assert from 'node:assert/strict';
import {after, before, describe, it} from 'node:test';
import {clickButton, clickSwitch, inContext, ran, readManifest, settle, startHarness, visit} from './harness.mjs';

const GOOGLE = ['google-analytics', 'google-analytics-inline', 'doubleclick', 'google-ads', 'youtube'];
const V2_DENIED = {ad_storage: 'denied', ad_user_data: 'denied', ad_personalization: 'denied', analytics_storage: 'denied'};
const V2_GRANTED = {ad_storage: 'granted', ad_user_data: 'granted', ad_personalization: 'granted', analytics_storage: 'granted'};

/** Records, in order: `consent default {…}`, `consent update {…}`, `event consent_update {…}`, `ran <id>`. */
async function recordTimeline(page) {
  const timeline = [];
  await page.exposeFunction('__timeline', (entry) => timeline.push(entry));
  await page.evaluateOnNewDocument(() => {
    const hook = (list, describe) => {
      list.push = function (...items) {
        for (const item of items) window.__timeline(describe(item));
        return Array.prototype.push.apply(this, items);
      };
      return list;
    };
    window.dataLayer = hook([], (entry) =>
      Object.prototype.toString.call(entry) === '[object Arguments]' ? {gtag: [...entry]} : {event: entry.event, consent: entry.consent}
    );
    // The demo's stand-in trackers push their id to window.__ran when they run.
    window.__ran = hook([], (id) => ({ran: id}));
  });
  return timeline;
}

const describeEntry = (e) => (e.gtag ? `${e.gtag[0]} ${e.gtag[1]}` : e.event ? `event ${e.event}` : `ran ${e.ran}`);
const commands = (timeline) => timeline.filter((e) => e.gtag).map((e) => e.gtag);
const googleRuns = (timeline) => timeline.map((e, i) => [e, i]).filter(([e]) => GOOGLE.includes(e.ran));

describe('Dimelo: Google Consent Mode v2', () => {
  let harness;
  before(async () => (harness = await startHarness()));
  after(() => harness?.close());

  it('R37: the demo manifest maps the four v2 types', () => {
    assert.deepEqual(readManifest('dimelo').consentMode, {
      analytics_storage: ['performance'],
      ad_storage: ['advertising'],
      ad_user_data: ['advertising'],
      ad_personalization: ['advertising'],
    });
  });

  it('R37, R38: a first visit creates window.dataLayer with the defaults, denied, as gtag.js arguments; no Google tag runs', () =>
    inContext(harness, {}, async ({page}) => {
      await visit(page, harness.url('dimelo'));
      const layer = await page.evaluate(() =>
        window.dataLayer.map((e) => ({args: Object.prototype.toString.call(e) === '[object Arguments]', value: [...e]}))
      );
      assert.deepEqual(layer, [
        {
          args: true,
          value: [
            'consent',
            'default',
            {
              ...V2_DENIED,
              functionality_storage: 'granted',
              personalization_storage: 'denied',
              security_storage: 'granted',
              wait_for_update: 500,
            },
          ],
        },
      ]);
      assert.deepEqual(await ran(page), ['session']);
    }));

  it('R37: accept all pushes one update, granted, before any Google tag runs; the defaults came before everything', () =>
    inContext(harness, {}, async ({page}) => {
      const timeline = await recordTimeline(page);
      await visit(page, harness.url('dimelo'));
      await clickButton(page, 'accept-all');
      await page.waitForFunction(() => window.__ran.includes('youtube'));
      await settle(page);
      assert.deepEqual(describeEntry(timeline[0]), 'consent default');
      const update = timeline.findIndex((e) => e.gtag?.[1] === 'update');
      assert.deepEqual(timeline[update].gtag[2], {
        ...V2_GRANTED,
        functionality_storage: 'granted',
        personalization_storage: 'denied',
        security_storage: 'granted',
      });
      assert.deepEqual(
        commands(timeline).map((c) => c[1]),
        ['default', 'update']
      );
      const runs = googleRuns(timeline);
      assert.deepEqual(runs.map(([e]) => e.ran).sort(), [...GOOGLE].sort());
      for (const [e, i] of runs) assert.ok(i > update, `${e.ran} ran before the update: ${timeline.map(describeEntry)}`);
    }));

  it('R37: on a return visit the stored choice is pushed right after the defaults, before the accepted Google tag', () =>
    inContext(harness, {}, async ({page}) => {
      const timeline = await recordTimeline(page);
      await visit(page, harness.url('dimelo'));
      await page.evaluate(() => window.consentBanner.save({categories: {performance: true}}));
      await settle(page);
      timeline.length = 0;
      await visit(page, harness.url('dimelo'));
      assert.deepEqual(timeline.map(describeEntry).slice(0, 2), ['consent default', 'consent update']);
      assert.deepEqual(timeline[1].gtag[2], {
        ...V2_DENIED,
        analytics_storage: 'granted',
        functionality_storage: 'granted',
        personalization_storage: 'denied',
        security_storage: 'granted',
      });
      assert.deepEqual(
        googleRuns(timeline).map(([e]) => e.ran),
        ['google-analytics', 'google-analytics-inline']
      );
      assert.ok(googleRuns(timeline).every(([, i]) => i > 1));
    }));

  it('R37, R27: withdrawing advertising pushes denied ad types before the reload, and again as the stored choice after it', () =>
    inContext(harness, {}, async ({page}) => {
      const timeline = await recordTimeline(page);
      await visit(page, harness.url('dimelo'));
      await clickButton(page, 'accept-all');
      await settle(page);
      await page.evaluate(() => window.consentBanner.showPreferences());
      await clickSwitch(page, '[data-category="advertising"]');
      const reloaded = page.waitForNavigation({waitUntil: 'load'});
      await clickButton(page, 'save');
      await reloaded;
      await settle(page);
      const updates = commands(timeline)
        .filter((c) => c[1] === 'update')
        .map((c) => c[2]);
      const withdrawn = {
        ...V2_DENIED,
        analytics_storage: 'granted',
        functionality_storage: 'granted',
        personalization_storage: 'denied',
        security_storage: 'granted',
      };
      assert.deepEqual(updates.slice(1), [withdrawn, withdrawn]);
      const afterReload = timeline.slice(timeline.findLastIndex((e) => e.gtag?.[1] === 'default'));
      assert.deepEqual(afterReload.map(describeEntry).slice(0, 2), ['consent default', 'consent update']);
      // Advertising's Google tags stay blocked; analytics (and YouTube, still accepted) run after the update.
      const runs = googleRuns(afterReload)
        .map(([e]) => e.ran)
        .filter((id) => id !== 'youtube');
      assert.deepEqual(runs, ['google-analytics', 'google-analytics-inline']);
      assert.ok(googleRuns(afterReload).every(([, i]) => i > 1));
    }));

  it('R37: reset() pushes every type denied before the page reloads', () =>
    inContext(harness, {}, async ({page}) => {
      const timeline = await recordTimeline(page);
      await visit(page, harness.url('dimelo'));
      await clickButton(page, 'accept-all');
      await settle(page);
      const reloaded = page.waitForNavigation({waitUntil: 'load'});
      await page.evaluate(() => window.consentBanner.reset());
      await reloaded;
      await settle(page);
      assert.deepEqual(
        commands(timeline).map((c) => c[1]),
        ['default', 'update', 'update', 'default']
      );
      assert.deepEqual(commands(timeline)[2][2], {
        ...V2_DENIED,
        functionality_storage: 'granted',
        personalization_storage: 'denied',
        security_storage: 'granted',
      });
    }));

  it('dataLayerEvent: each decision, and the stored choice on a return visit, push consent_update for GTM', () =>
    inContext(
      harness,
      {manifests: {'/demo/dimelo/cookie-manifest.json': {...readManifest('dimelo'), dataLayerEvent: true}}},
      async ({page}) => {
        const timeline = await recordTimeline(page);
        await visit(page, harness.url('dimelo'));
        assert.deepEqual(
          timeline.filter((e) => e.event),
          []
        );
        await clickButton(page, 'reject-all');
        await settle(page);
        await visit(page, harness.url('dimelo'));
        const events = timeline.filter((e) => e.event);
        const refused = {
          categories: {necessary: true, performance: false, advertising: false, social: false},
          services: Object.fromEntries(readManifest('dimelo').services.map((s) => [s.id, s.id === 'session'])),
        };
        assert.deepEqual(events, [
          {event: 'consent_update', consent: refused},
          {event: 'consent_update', consent: refused},
        ]);
        // Each event follows its Consent Mode update, so a GTM trigger on it sees the new state.
        const order = timeline.map(describeEntry).filter((d) => !d.startsWith('ran'));
        assert.deepEqual(order, [
          'consent default',
          'consent update',
          'event consent_update',
          'consent default',
          'consent update',
          'event consent_update',
        ]);
      }
    ));
});
