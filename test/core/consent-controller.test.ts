import {expect} from '@open-wc/testing';
import Cookies from 'js-cookie';
import {ConsentController} from '../../src/core/consent-controller.js';
import {acceptAllChoice, decide} from '../../src/core/consent.js';
import {memoryStore} from '../../src/core/consent-store.js';
import {quietManifest, shopManifest} from '../fixtures/manifests.js';
import {clearAllCookies, parsed} from '../helpers.js';

const NOW = new Date('2026-06-01T10:00:00.000Z');
const DAY = 86_400_000;

function make(manifestInput = shopManifest(), stored: ReturnType<typeof decide> | null = null, now = NOW) {
  const manifest = parsed(manifestInput);
  const reloads: number[] = [];
  const store = memoryStore(stored);
  const controller = new ConsentController(manifest, {store, now: () => now, reload: () => reloads.push(1)});
  return {controller, manifest, reloads, store};
}

describe('ConsentController', () => {
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

  it('restores a current stored choice, and ignores an expired one (R21) or another revision (R24)', () => {
    const manifest = parsed(shopManifest());
    const record = decide(manifest, acceptAllChoice(manifest), 'accept-all', null, NOW);
    const fresh = make(shopManifest(), record, new Date(NOW.getTime() + 100 * DAY)).controller;
    expect(fresh.restored).to.equal(true);
    expect(fresh.mustAsk).to.equal(false);
    expect(fresh.hasConsent('ads')).to.equal(true);
    expect(make(shopManifest(), record, new Date(NOW.getTime() + 183 * DAY)).controller.mustAsk).to.equal(true);
    const bumped = {...shopManifest(), revision: 4};
    expect(make(bumped, record).controller.mustAsk).to.equal(true);
  });

  it('R25: a later visit does not extend the stored timestamp', () => {
    const manifest = parsed(shopManifest());
    const record = decide(manifest, acceptAllChoice(manifest), 'accept-all', null, NOW);
    const {controller, store} = make(shopManifest(), record, new Date(NOW.getTime() + 100 * DAY));
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
});
