import {expect, waitUntil} from '@open-wc/testing';
import {PageConsent} from './page-consent.js';
import {acceptAllChoice, makeRecord} from '../../src/core/make-record.js';
import {memoryStore} from '../../src/browser/store.js';
import {consentModeState, signalConsent, signalStart} from '../../src/core/consent-mode.js';
import type {DataLayerHost} from '../../src/core/consent-mode.js';
import {shopManifest} from '../fixtures/manifests.js';
import {clearAllCookies, parsed} from '../helpers.js';

/*
 * Google Consent Mode v2 and the tag-manager event (docs/rules.md R37), checked against a stand-in
 * dataLayer: what gtag.js would read, in the order it would read it.
 */

const NOW = new Date('2026-06-01T10:00:00.000Z');
const V2 = {
  analytics_storage: ['performance'],
  ad_storage: ['advertising'],
  ad_user_data: ['advertising'],
  ad_personalization: ['advertising'],
};
const DENIED_V2 = {ad_storage: 'denied', ad_user_data: 'denied', ad_personalization: 'denied', analytics_storage: 'denied'};

function googleShop(extra: Record<string, unknown> = {}) {
  return parsed({...shopManifest(), consentMode: V2, ...extra});
}

/** What gtag.js reads from one dataLayer entry: a command when it is an `arguments` object. */
function read(entry: unknown) {
  return Object.prototype.toString.call(entry) === '[object Arguments]' ? {command: [...(entry as IArguments)]} : {object: entry};
}

function make(extra: Record<string, unknown> = {}, stored: ReturnType<typeof makeRecord> | null = null) {
  const manifest = googleShop(extra);
  const host: DataLayerHost = {};
  const reloads: number[] = [];
  const controller = new PageConsent(manifest, {
    store: memoryStore(stored),
    now: () => NOW,
    reload: () => reloads.push(host.dataLayer?.length ?? 0),
    dataLayerHost: host,
  });
  return {controller, manifest, host, reloads, entries: () => (host.dataLayer ?? []).map(read)};
}

describe('consentModeState', () => {
  it('is undefined when the manifest has no consentMode', () => {
    expect(consentModeState(parsed(shopManifest()), null)).to.equal(undefined);
  });

  it('R37: with no choice the four v2 types are denied; security and functionality follow the necessary category', () => {
    expect(consentModeState(googleShop(), null)).to.deep.equal({
      ...DENIED_V2,
      functionality_storage: 'granted',
      personalization_storage: 'denied',
      security_storage: 'granted',
    });
  });

  it('R37: accepting performance grants analytics_storage only; accepting advertising grants the three ad types', () => {
    const manifest = googleShop();
    const performance = makeRecord(manifest, {categories: {performance: true}}, 'custom', null, NOW);
    expect(consentModeState(manifest, performance)).to.include({...DENIED_V2, analytics_storage: 'granted'});
    const advertising = makeRecord(manifest, {categories: {advertising: true}}, 'custom', null, NOW);
    expect(consentModeState(manifest, advertising)).to.include({
      ad_storage: 'granted',
      ad_user_data: 'granted',
      ad_personalization: 'granted',
      analytics_storage: 'denied',
    });
  });

  it('grants a type only when every category listed for it is allowed, and the whole category', () => {
    const manifest = googleShop({consentMode: {ad_storage: ['performance', 'advertising']}});
    const one = makeRecord(manifest, {categories: {performance: true}}, 'custom', null, NOW);
    expect(consentModeState(manifest, one)!.ad_storage).to.equal('denied');
    const both = makeRecord(manifest, acceptAllChoice(manifest), 'accept-all', null, NOW);
    expect(consentModeState(manifest, both)!.ad_storage).to.equal('granted');
    // advertising holds "ads" and "video": allowing one service is not allowing the category.
    const partial = makeRecord(manifest, {categories: {performance: true}, services: {ads: true}}, 'custom', null, NOW);
    expect(consentModeState(manifest, partial)!.ad_storage).to.equal('denied');
  });

  it('denies a type nobody mapped, and lets a site tie functionality_storage to a consent category', () => {
    const manifest = googleShop({consentMode: {functionality_storage: ['advertising']}});
    const all = makeRecord(manifest, acceptAllChoice(manifest), 'accept-all', null, NOW);
    expect(consentModeState(manifest, null)!.functionality_storage).to.equal('denied');
    expect(consentModeState(manifest, all)).to.deep.equal({
      ...DENIED_V2,
      functionality_storage: 'granted',
      personalization_storage: 'denied',
      security_storage: 'granted',
    });
  });

  it('denies security_storage when the site has no necessary category', () => {
    const input = shopManifest() as any;
    input.categories = input.categories.filter((c: any) => c.basis !== 'necessary');
    input.services = input.services.filter((s: any) => s.category !== 'necessary');
    const state = consentModeState(parsed({...input, consentMode: V2}), null)!;
    expect([state.security_storage, state.functionality_storage]).to.deep.equal(['denied', 'denied']);
  });
});

describe('signalStart and signalConsent', () => {
  it('push gtag commands as `arguments` objects, never creating a dataLayer for a manifest that asks nothing', () => {
    const host: DataLayerHost = {};
    signalStart(host, parsed(shopManifest()), null);
    signalConsent(host, parsed(shopManifest()), null);
    expect(host.dataLayer).to.equal(undefined);
    signalStart(host, googleShop(), null);
    expect(host.dataLayer!.map(read)).to.deep.equal([
      {command: ['consent', 'default', {...consentModeState(googleShop(), null), wait_for_update: 500}]},
    ]);
  });

  it('keep what the page pushed before', () => {
    const host: DataLayerHost = {dataLayer: [{event: 'page'}]};
    signalConsent(host, googleShop(), null);
    expect(host.dataLayer!.map(read).map((e) => e.object ?? e.command![1])).to.deep.equal([{event: 'page'}, 'update']);
  });
});

describe('PageConsent and the dataLayer', () => {
  afterEach(clearAllCookies);

  it('R37: a first visit pushes the defaults once, and nothing else', () => {
    const {controller, entries} = make();
    controller.start();
    controller.stop();
    controller.start();
    expect(entries()).to.deep.equal([{command: ['consent', 'default', {...consentModeState(googleShop(), null), wait_for_update: 500}]}]);
  });

  it('R37: a stored choice is pushed as an update right after the defaults, at start', () => {
    const manifest = googleShop();
    const stored = makeRecord(manifest, {categories: {performance: true}}, 'custom', null, NOW);
    const {controller, entries} = make({}, stored);
    controller.start();
    expect(entries().map((e) => e.command![1])).to.deep.equal(['default', 'update']);
    expect(entries()[1].command![2]).to.deep.equal(consentModeState(manifest, stored));
    expect(entries()[1].command![2]).to.include({analytics_storage: 'granted', ad_storage: 'denied'});
  });

  it('R37: every decision pushes an update with every type', () => {
    const {controller, entries} = make();
    controller.start();
    controller.decide({categories: {performance: true}}, 'custom');
    controller.acceptAll();
    const updates = entries()
      .slice(1)
      .map((e) => e.command!);
    expect(updates.map((c) => c.slice(0, 2))).to.deep.equal([
      ['consent', 'update'],
      ['consent', 'update'],
    ]);
    expect(updates[0][2]).to.include({...DENIED_V2, analytics_storage: 'granted'});
    expect(updates[1][2]).to.include({
      ad_storage: 'granted',
      ad_user_data: 'granted',
      ad_personalization: 'granted',
      analytics_storage: 'granted',
    });
  });

  it('R37, R27: withdrawal and reset push denied before the page reloads', () => {
    const {controller, entries, reloads} = make();
    controller.start();
    controller.acceptAll();
    controller.decide({categories: {advertising: false}}, 'custom');
    expect(entries()[2].command![2]).to.include({analytics_storage: 'granted', ad_storage: 'denied', ad_user_data: 'denied'});
    expect(reloads).to.deep.equal([3]);
    controller.reset();
    expect(entries()[3].command!.slice(0, 2)).to.deep.equal(['consent', 'update']);
    expect(entries()[3].command![2]).to.include(DENIED_V2);
    expect(reloads).to.deep.equal([3, 4]);
  });

  it('R37: a decision made before start still comes after the defaults', () => {
    const {controller, entries} = make();
    controller.acceptAll();
    controller.start();
    expect(entries().map((e) => e.command![1])).to.deep.equal(['default', 'update']);
  });

  it('dataLayerEvent: every decision, and a stored choice at start, push consent_update with categories and services', () => {
    const manifest = googleShop({dataLayerEvent: true});
    const stored = makeRecord(manifest, {categories: {performance: true}}, 'custom', null, NOW);
    const {controller, entries} = make({dataLayerEvent: true}, stored);
    controller.start();
    controller.rejectAll();
    const events = entries().filter((e) => e.object);
    expect(entries().map((e) => e.command?.[1] ?? 'event')).to.deep.equal(['default', 'update', 'event', 'update', 'event']);
    const expected = (performance: boolean) => ({
      event: 'consent_update',
      consent: {
        categories: {necessary: true, audience: true, performance, advertising: false},
        services: {session: true, matomo: true, analytics: performance, ads: false, video: false},
      },
    });
    expect(events.map((e) => e.object)).to.deep.equal([expected(true), expected(false)]);
  });

  it('dataLayerEvent without consentMode pushes only the event', () => {
    const manifest = parsed({...shopManifest(), dataLayerEvent: true});
    const host: DataLayerHost = {};
    const controller = new PageConsent(manifest, {store: memoryStore(), now: () => NOW, dataLayerHost: host});
    controller.start();
    expect(host.dataLayer).to.equal(undefined);
    controller.acceptAll();
    expect(host.dataLayer!.map(read)).to.deep.equal([
      {
        object: {
          event: 'consent_update',
          consent: {
            categories: {necessary: true, audience: true, performance: true, advertising: true},
            services: {session: true, matomo: true, analytics: true, ads: true, video: true},
          },
        },
      },
    ]);
  });
});

describe('Consent Mode on the page (window.dataLayer)', () => {
  let script: HTMLScriptElement | undefined;
  afterEach(() => {
    clearAllCookies();
    script?.remove();
    delete (window as DataLayerHost).dataLayer;
    delete (window as {seen?: unknown}).seen;
  });

  it('R37, R38: a released tagged script finds the defaults on window.dataLayer, and an accepted one the update', async () => {
    const tagged = (category: string) => {
      script = document.createElement('script');
      script.type = 'text/plain';
      script.dataset.category = category;
      script.text = `(window.seen = window.seen || []).push(window.dataLayer.map((e) => e[1]).join())`;
      document.body.append(script);
    };
    const seen = () => (window as {seen?: string[]}).seen ?? [];
    (window as DataLayerHost).dataLayer = [];
    const controller = new PageConsent(googleShop(), {store: memoryStore(), now: () => NOW, reload: () => {}});
    tagged('necessary');
    controller.start();
    await waitUntil(() => seen().length === 1, 'the necessary script did not run');
    script!.remove();
    tagged('advertising');
    controller.acceptAll();
    await waitUntil(() => seen().length === 2, 'the advertising script did not run');
    controller.stop();
    expect(seen()).to.deep.equal(['default', 'default,update']);
  });
});
