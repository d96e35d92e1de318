import {expect} from '@open-wc/testing';
import Cookies from 'js-cookie';
import {PageConsent} from './page-consent.js';
import type {PageConsentOptions} from './page-consent.js';
import type {ConsentRecord} from '../../src/core/consent.js';
import {manifestHash} from '../../src/core/hash.js';
import {acceptAllChoice, makeRecord, rejectAllChoice, UI_VERSION} from '../../src/core/make-record.js';
import {encodeRecord} from '../../src/core/record-codec.js';
import {cookieStore, memoryStore} from '../../src/browser/store.js';
import {quietManifest, shopManifest} from '../fixtures/manifests.js';
import {clearAllCookies, parsed} from '../helpers.js';

const NOW = new Date('2026-06-01T10:00:00.000Z');
const DAY = 86_400_000;
const at = (days: number) => new Date(NOW.getTime() + days * DAY);

function make(manifestInput = shopManifest(), stored: ConsentRecord | null = null, now = NOW, options: PageConsentOptions = {}) {
  const manifest = parsed(manifestInput);
  const reloads: number[] = [];
  const store = options.store ?? memoryStore(stored);
  const controller = new PageConsent(manifest, {
    store,
    now: () => now,
    reload: () => reloads.push(1),
    navigator: {},
    sync: false,
    ...options,
  });
  return {controller, manifest, reloads, store};
}

/** The `expires` of a cookie, in ms, as the browser keeps it (the Cookie Store API reads it back). */
async function cookieExpiry(name: string): Promise<number | null> {
  const cookie = await (window as unknown as {cookieStore: {get(n: string): Promise<{expires: number | null} | null>}}).cookieStore.get(
    name
  );
  return cookie?.expires ?? null;
}

describe('a page view’s consent: the state and the recorder (test/browser/page-consent.ts)', () => {
  afterEach(clearAllCookies);

  it('asks when the site needs consent and nothing is stored', () => {
    const {controller} = make();
    expect(controller.mustAsk).to.equal(true);
    expect(controller.restored).to.equal(false);
    expect(controller.hasConsent('session')).to.equal(true);
    expect(controller.hasConsent('matomo')).to.equal(true);
    expect(controller.hasConsent('analytics')).to.equal(false);
  });

  it('R28: does not ask on a site that needs no consent', () => {
    expect(make(quietManifest()).controller.mustAsk).to.equal(false);
  });

  it('restores a current stored choice, and ignores an expired one (R21) or the answer to a purpose that changed (R24)', () => {
    const manifest = parsed(shopManifest());
    const record = makeRecord(manifest, acceptAllChoice(manifest), 'accept-all', null, NOW);
    const fresh = make(shopManifest(), record, at(100)).controller;
    expect(fresh.restored).to.equal(true);
    expect(fresh.mustAsk).to.equal(false);
    expect(fresh.hasConsent('ads')).to.equal(true);
    expect(make(shopManifest(), record, at(183)).controller.mustAsk).to.equal(true);
    // A new revision alone changes no purpose: the answer holds.
    expect(make({...shopManifest(), revision: 4}, record).controller.mustAsk).to.equal(false);
    const partner = withPartner('advertising');
    const changed = make(partner, record).controller;
    expect(changed.mustAsk).to.equal(true);
    expect(Object.fromEntries(changed.asking)).to.deep.equal({advertising: 'changed'});
    expect(changed.hasConsent('ads')).to.equal(false);
    expect(changed.hasConsent('analytics')).to.equal(true);
  });

  it('R25: a later visit does not extend the stored timestamp', () => {
    const manifest = parsed(shopManifest());
    const record = makeRecord(manifest, acceptAllChoice(manifest), 'accept-all', null, NOW);
    const {controller, store} = make(shopManifest(), record, at(100));
    controller.start();
    controller.stop();
    expect(store.read()!.timestamp).to.equal(NOW.toISOString());
  });

  it('accepting stores the record and does not reload', () => {
    const {controller, reloads, store} = make();
    const record = controller.acceptAll();
    expect(store.read()).to.deep.equal(record);
    expect(reloads).to.have.length(0);
  });

  it('R27: withdrawing deletes the withdrawn services’ cookies and reloads; other cookies stay', () => {
    const {controller, reloads} = make();
    controller.acceptAll();
    for (const name of ['_st', '_st_1', 'ad', 'sid']) Cookies.set(name, '1');
    controller.decide({categories: {performance: false}}, 'custom');
    expect(reloads).to.have.length(1);
    expect(Object.keys(Cookies.get()).sort()).to.deep.equal(['ad', 'sid']);
  });

  it('R31: opting out of an exempt service with nothing stored deletes its cookies and reloads', () => {
    const {controller, reloads} = make(quietManifest());
    Cookies.set('_pk_id.1.ab', '1');
    const record = controller.decide({services: {matomo: false}}, 'opt-out');
    expect(record.services.matomo).to.equal(false);
    expect(reloads).to.have.length(1);
    expect(Cookies.get('_pk_id.1.ab')).to.equal(undefined);
  });

  it('reset forgets the choice, deletes what it allowed and reloads', () => {
    const {controller, reloads, store} = make();
    controller.acceptAll();
    Cookies.set('_st', '1');
    Cookies.set('sid', '1');
    controller.reset();
    expect(store.read()).to.equal(null);
    expect(controller.record).to.equal(null);
    expect(reloads).to.have.length(1);
    expect(Object.keys(Cookies.get())).to.deep.equal(['sid']);
  });

  describe('consent that holds up (R11, R21–R27)', () => {
    it('R11: closing records a refusal of every consent category, method "close", kept on the next page view (R22)', () => {
      const store = memoryStore();
      const first = make(shopManifest(), null, NOW, {store}).controller;
      const record = first.rejectAll('close');
      expect(record.method).to.equal('close');
      expect(record.categories).to.deep.equal({necessary: true, audience: true, performance: false, advertising: false});
      expect(record.services).to.include({analytics: false, ads: false, video: false});
      for (const day of [0, 1, 30, 181]) {
        const next = make(shopManifest(), null, at(day), {store}).controller;
        expect(next.mustAsk, `day ${day}`).to.equal(false);
        expect(next.record).to.deep.equal(record);
        expect(next.hasConsent('analytics')).to.equal(false);
      }
    });

    it('R21, R22: a refusal is kept exactly as long as an acceptance: the same cookie expiry, timestamp + consentMaxAgeDays', async () => {
      const now = new Date(Math.floor(Date.now() / 1000) * 1000); // cookie expiry has whole-second precision
      const expiries: Record<string, number | null> = {};
      for (const method of ['accept-all', 'reject-all', 'close'] as const) {
        const manifest = parsed(shopManifest());
        const controller = new PageConsent(manifest, {now: () => now, reload: () => {}, navigator: {}, sync: false});
        if (method === 'accept-all') controller.acceptAll();
        else controller.rejectAll(method);
        expiries[method] = await cookieExpiry('consent');
        clearAllCookies();
      }
      const expected = now.getTime() + 182 * DAY;
      expect(expiries).to.deep.equal({'accept-all': expected, 'reject-all': expected, close: expected});
    });

    it('R21, R22: a refusal is asked again only after consentMaxAgeDays, like an acceptance (181 days: kept; 183: asked)', () => {
      const manifest = parsed(shopManifest());
      for (const method of ['accept-all', 'reject-all', 'close'] as const) {
        const choice = method === 'accept-all' ? acceptAllChoice(manifest) : {categories: {performance: false, advertising: false}};
        const record = makeRecord(manifest, choice, method, null, NOW);
        expect(make(shopManifest(), record, at(181)).controller.mustAsk, `${method} at 181 days`).to.equal(false);
        expect(make(shopManifest(), record, at(183)).controller.mustAsk, `${method} at 183 days`).to.equal(true);
      }
    });

    it('R23: a choice older than consentMaxAgeDays is ignored even when its cookie survived (the timestamp inside is checked)', () => {
      const manifest = parsed({...shopManifest(), consentMaxAgeDays: 30});
      const old = makeRecord(manifest, acceptAllChoice(manifest), 'accept-all', null, new Date(Date.now() - 31 * DAY));
      Cookies.set('consent', encodeRecord(old), {expires: 365, path: '/'}); // a cookie that outlived its record
      const controller = new PageConsent(manifest, {reload: () => {}, navigator: {}, sync: false});
      expect(cookieStore(manifest).read()).to.deep.equal(old);
      expect(controller.mustAsk).to.equal(true);
      expect(controller.record).to.equal(null);
      expect(controller.hasConsent('analytics')).to.equal(false);
    });

    it('R24: a new partner asks again about its purpose and releases nothing of it until then, even what was accepted', () => {
      const manifest = parsed(shopManifest());
      const record = makeRecord(manifest, acceptAllChoice(manifest), 'accept-all', null, NOW);
      const {controller} = make(withPartner('performance'), record, at(1));
      expect(controller.mustAsk).to.equal(true);
      expect(controller.hasConsent('analytics')).to.equal(false);
      expect(controller.hasConsent('partner')).to.equal(false);
      expect(controller.hasConsent('ads')).to.equal(true);
      expect(controller.acceptAll().revision).to.equal(4);
      expect(controller.mustAsk).to.equal(false);
    });

    it('R22: a refusal holds across a new revision that changes other purposes, and is not asked about again', () => {
      const manifest = parsed(shopManifest());
      const record = makeRecord(manifest, rejectAllChoice(manifest), 'reject-all', null, NOW);
      const {controller} = make(withPartner('performance'), record, at(30));
      expect(Object.fromEntries(controller.asking)).to.deep.equal({performance: 'changed'});
      controller.rejectAll();
      expect(controller.mustAsk).to.equal(false);
      const later = make(withPartner('performance'), controller.record, at(60)).controller;
      expect(later.mustAsk).to.equal(false);
    });

    it('R26, R27: withdrawing everything with "reject all" after "accept all" deletes every consent cookie and reloads', () => {
      const {controller, reloads} = make();
      controller.acceptAll();
      for (const name of ['_st', '_st_9', 'ad', 'sid', '_pk_id.1.ab']) Cookies.set(name, '1');
      const record = controller.rejectAll();
      expect(record.method).to.equal('reject-all');
      expect(reloads).to.have.length(1);
      expect(Object.keys(Cookies.get()).sort()).to.deep.equal(['_pk_id.1.ab', 'ad', 'sid']); // 'ad' lives on ads.example
    });
  });

  describe('proof of consent (R32, R34)', () => {
    it('R32: every decision’s record carries the proof: id, time, revision, manifest hash, method, language, version', () => {
      const {controller, manifest, store} = make(shopManifest(), null, NOW, {language: 'en'});
      const first = controller.acceptAll('accept-all');
      const records = [
        first,
        controller.decide({services: {video: false}}, 'custom'),
        controller.decide({services: {video: true}}, 'placeholder'),
        controller.rejectAll('close'),
        controller.acceptAll('api'),
      ];
      for (const record of records) {
        expect(record.id).to.equal(first.id);
        expect(record.timestamp).to.equal(NOW.toISOString());
        expect(record.revision).to.equal(3);
        expect(record.manifestHash).to.equal(manifestHash(manifest));
        expect(record.language).to.equal('en');
        expect(record.uiVersion).to.equal(UI_VERSION);
      }
      expect(records.map((r) => r.method)).to.deep.equal(['accept-all', 'custom', 'placeholder', 'close', 'api']);
      expect(store.read()).to.deep.equal(records[4]);
    });

    it('R32: records the language the banner shows, set at construction or later', () => {
      const {controller} = make(shopManifest(), null, NOW, {language: 'fr'});
      expect(controller.acceptAll().language).to.equal('fr');
      controller.language = 'en-GB';
      expect(controller.rejectAll().language).to.equal('en-GB');
    });

    it('R32, R34: a new visitor gets a new random id; the record holds nothing of the device', () => {
      const a = make().controller.acceptAll();
      const b = make().controller.acceptAll();
      expect(a.id).not.to.equal(b.id);
      expect(a.id).to.match(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      const text = encodeRecord(a);
      for (const device of [navigator.userAgent, navigator.platform]) expect(text.includes(device), device).to.equal(false);
      // The screen's width as a value of its own (not a run of digits inside a time).
      expect(text).not.to.match(new RegExp(`(?<![\\d.])${screen.width}(?![\\d.])`));
    });

    it('the record of Dimelo-sized site stays far below the 4 KB a cookie may hold', () => {
      const input = shopManifest();
      input.services = Array.from({length: 40}, (_, i) => ({
        id: `a-rather-long-service-name-${i}`,
        name: `S${i}`,
        category: i % 2 ? 'performance' : 'advertising',
      }));
      const manifest = parsed(input);
      new PageConsent(manifest, {reload: () => {}, navigator: {}, sync: false}).acceptAll();
      expect(document.cookie.length).to.be.below(4096);
      expect(cookieStore(manifest).read()!.services['a-rather-long-service-name-39']).to.equal(true);
    });
  });

  describe('Global Privacy Control (R35)', () => {
    const gpc = {globalPrivacyControl: true};

    it('R35: with GPC and nothing stored, every consent category is refused without asking, method "gpc", stored like a refusal', () => {
      const {controller, store} = make(shopManifest(), null, NOW, {navigator: gpc, language: 'en'});
      expect(controller.mustAsk).to.equal(false);
      expect(controller.restored).to.equal(false);
      expect(controller.signalHonoured).to.equal('gpc');
      const record = controller.record!;
      expect(record.method).to.equal('gpc');
      expect(record.language).to.equal('en');
      expect(record.categories).to.deep.equal({necessary: true, audience: true, performance: false, advertising: false});
      expect(store.read()).to.deep.equal(record);
      expect(controller.hasConsent('analytics')).to.equal(false);
      expect(controller.hasConsent('matomo')).to.equal(true);
    });

    it('R35: the GPC refusal lasts consentMaxAgeDays like any refusal, then is recorded anew, still without asking', () => {
      const store = memoryStore();
      const first = make(shopManifest(), null, NOW, {navigator: gpc, store}).controller.record!;
      const later = make(shopManifest(), null, at(100), {navigator: gpc, store}).controller;
      expect(later.restored).to.equal(true);
      expect(later.record).to.deep.equal(first);
      expect(later.signalHonoured).to.equal('gpc');
      const renewed = make(shopManifest(), null, at(183), {navigator: gpc, store}).controller;
      expect(renewed.mustAsk).to.equal(false);
      expect(renewed.record!.timestamp).to.equal(at(183).toISOString());
    });

    it('R35: the visitor can still opt in; the explicit choice holds on the next page views, GPC still on', () => {
      const store = memoryStore();
      const {controller, reloads} = make(shopManifest(), null, NOW, {navigator: gpc, store});
      const record = controller.decide({categories: {performance: true}}, 'custom');
      expect(reloads).to.have.length(0);
      expect(controller.signalHonoured).to.equal(null);
      expect(controller.hasConsent('analytics')).to.equal(true);
      for (const day of [0, 1, 100]) {
        const next = make(shopManifest(), null, at(day), {navigator: gpc, store}).controller;
        expect(next.record, `day ${day}`).to.deep.equal(record);
        expect(next.hasConsent('analytics')).to.equal(true);
        expect(next.signalHonoured).to.equal(null);
      }
    });

    it('R35: a current stored choice is kept as it is', () => {
      const manifest = parsed(shopManifest());
      const record = makeRecord(manifest, {categories: {advertising: true, performance: false}}, 'custom', null, NOW);
      const {controller} = make(shopManifest(), record, at(1), {navigator: gpc});
      expect(controller.record).to.deep.equal(record);
      expect(controller.signalHonoured).to.equal(null);
    });

    it('R35: the signal answers only the purposes the visitor has not answered; their own yes stands', () => {
      const manifest = parsed(shopManifest());
      const record = makeRecord(manifest, {categories: {advertising: true}}, 'custom', null, NOW);
      const {controller} = make(shopManifest(), record, at(1), {navigator: gpc});
      expect(controller.record!.method).to.equal('gpc');
      expect(controller.hasConsent('ads')).to.equal(true);
      expect(controller.hasConsent('analytics')).to.equal(false);
      expect(controller.mustAsk).to.equal(false);
    });

    it('R35: "gpc": "ignore" in the manifest, or no signal, asks as usual', () => {
      expect(make({...shopManifest(), gpc: 'ignore'}, null, NOW, {navigator: gpc}).controller.mustAsk).to.equal(true);
      for (const navigator of [{}, {globalPrivacyControl: false}]) {
        const {controller, store} = make(shopManifest(), null, NOW, {navigator});
        expect(controller.mustAsk).to.equal(true);
        expect(controller.signalHonoured).to.equal(null);
        expect(store.read()).to.equal(null);
      }
    });

    it('R28, R35: a site that needs no consent stores nothing for GPC', () => {
      const {controller, store} = make(quietManifest(), null, NOW, {navigator: gpc});
      expect(controller.record).to.equal(null);
      expect(controller.signalHonoured).to.equal(null);
      expect(store.read()).to.equal(null);
    });
  });

  describe('onChange', () => {
    it('tells every listener of each local decision, before the reload of a withdrawal; unsubscribing stops it', () => {
      const {controller, reloads} = make();
      const seen: string[] = [];
      const off = controller.onChange((record, source) => seen.push(`${record?.method ?? null} ${source} ${reloads.length}`));
      controller.onChange(() => {
        throw new Error('a broken listener');
      });
      const error = console.error;
      console.error = () => {};
      try {
        controller.acceptAll();
        controller.rejectAll();
        off();
        controller.acceptAll();
      } finally {
        console.error = error;
      }
      expect(seen).to.deep.equal(['accept-all local 0', 'reject-all local 0']);
      expect(reloads).to.have.length(1);
    });
  });
});

/** The shop's manifest at revision 4, with a new partner in `category`: that purpose changed (R24). */
function withPartner(category: string): Record<string, unknown> {
  const json = shopManifest() as Record<string, any>;
  json.revision = 4;
  json.services.push({id: 'partner', name: 'Partner', category, cookies: []});
  return json;
}
