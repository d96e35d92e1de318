import {expect} from '@open-wc/testing';
import Cookies from 'js-cookie';
import {PageConsent} from './page-consent.js';
import type {ConsentChangeSource, PageConsentOptions} from './page-consent.js';
import type {ConsentRecord} from '../../src/core/consent.js';
import {acceptAllChoice, makeRecord} from '../../src/core/make-record.js';
import {encodeRecord} from '../../src/core/record-codec.js';
import {cookieStore} from '../../src/browser/store.js';
import {channelName} from '../../src/browser/sync.js';
import {shopManifest} from '../fixtures/manifests.js';
import {clearAllCookies, parsed} from '../helpers.js';

type Change = [ConsentRecord | null, ConsentChangeSource];

/*
 * Each "tab" is a controller with its own document (holding one tagged embed) and its own
 * BroadcastChannel object; they share this page's cookie jar, as the tabs of one site do.
 */
const open: PageConsent[] = [];
function tab(options: PageConsentOptions = {}, manifestInput = shopManifest()) {
  const manifest = parsed(manifestInput);
  const doc = document.implementation.createHTMLDocument('tab');
  doc.body.innerHTML = '<img data-service="analytics" data-src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" alt="">';
  const reloads: number[] = [];
  const changes: Change[] = [];
  const controller = new PageConsent(manifest, {doc, reload: () => reloads.push(1), navigator: {}, ...options});
  controller.onChange((record, source) => changes.push([record, source]));
  controller.start();
  open.push(controller);
  return {
    controller,
    manifest,
    reloads,
    changes,
    /** Has the analytics embed been released? */
    released: () => !doc.querySelector('img')!.hasAttribute('data-src'),
  };
}

/** The next change `controller` is told of. */
const nextChange = (controller: PageConsent) =>
  new Promise<Change>((resolve) => {
    const off = controller.onChange((record, source) => {
      off();
      resolve([record, source]);
    });
  });

describe('several tabs', () => {
  afterEach(() => {
    for (const controller of open.splice(0)) controller.stop();
    clearAllCookies();
  });

  it('names the channel after the consent cookie, so two banners of one origin never mix', () => {
    expect(channelName(parsed(shopManifest()))).to.equal('consent-banner:consent');
    expect(channelName(parsed({...shopManifest(), cookie: {name: 'shop_consent'}}))).to.equal('consent-banner:shop_consent');
  });

  it('a decision in one tab is applied in the other at once, without a reload: what it allows is released', async () => {
    const a = tab();
    const b = tab();
    expect(b.controller.mustAsk).to.equal(true);
    expect(b.released()).to.equal(false);
    const heard = nextChange(b.controller);
    const record = a.controller.acceptAll();
    expect(await heard).to.deep.equal([record, 'external']);
    expect(b.controller.record).to.deep.equal(record);
    expect(b.controller.mustAsk).to.equal(false);
    expect(b.released()).to.equal(true);
    expect(b.reloads).to.have.length(0);
    expect(a.changes).to.deep.equal([[record, 'local']]);
  });

  it('R27: a withdrawal in one tab makes the other delete the withdrawn cookies and reload', async () => {
    const a = tab();
    const b = tab();
    let heard = nextChange(b.controller);
    a.controller.acceptAll();
    await heard;
    heard = nextChange(b.controller);
    a.controller.decide({categories: {performance: false}}, 'custom');
    expect(a.reloads).to.have.length(1);
    Cookies.set('_st', '1'); // written by the other tab's analytics before it heard
    const [record, source] = await heard;
    expect([record?.services.analytics, source]).to.deep.equal([false, 'external']);
    expect(b.reloads).to.have.length(1);
    expect(Cookies.get('_st')).to.equal(undefined);
  });

  it('a reset in one tab makes the other forget the choice and reload, so it asks again', async () => {
    const a = tab();
    const b = tab();
    let heard = nextChange(b.controller);
    a.controller.rejectAll();
    await heard;
    heard = nextChange(b.controller);
    a.controller.reset();
    expect(await heard).to.deep.equal([null, 'external']);
    expect(b.controller.mustAsk).to.equal(true);
    expect(b.reloads).to.have.length(1);
  });

  it('a message that repeats the current record, or is not a record of ours, changes nothing', async () => {
    const b = tab();
    const manifest = parsed(shopManifest());
    const record = makeRecord(manifest, acceptAllChoice(manifest), 'accept-all', null, new Date());
    const later = makeRecord(manifest, {categories: {performance: true}}, 'custom', null, new Date(Date.now() + 1000));
    cookieStore(manifest).write(record);
    const other = new BroadcastChannel(channelName(manifest));
    try {
      const heard = nextChange(b.controller);
      other.postMessage({value: encodeRecord(record)}); // b adopts it
      other.postMessage({value: encodeRecord(record)}); // the same again: nothing
      other.postMessage({value: 'accepted'}); // not ours: the cookie holds, nothing changes
      other.postMessage({value: encodeRecord(later)}); // a later decision: b adopts it
      expect(await heard).to.deep.equal([record, 'external']);
      await nextChange(b.controller);
      expect(b.changes).to.deep.equal([
        [record, 'external'],
        [later, 'external'],
      ]);
    } finally {
      other.close();
    }
  });

  it('a message older than the tab’s own decision crossed it and is ignored; the later decision holds', async () => {
    const b = tab();
    const manifest = parsed(shopManifest());
    const mine = b.controller.rejectAll();
    const at = (ms: number) => new Date(Date.parse(mine.timestamp) + ms);
    const older = makeRecord(manifest, acceptAllChoice(manifest), 'accept-all', null, at(-1));
    const newer = makeRecord(manifest, {categories: {performance: true}}, 'custom', null, at(1));
    const other = new BroadcastChannel(channelName(manifest));
    try {
      const heard = nextChange(b.controller);
      other.postMessage({value: encodeRecord(older)});
      other.postMessage({value: encodeRecord(newer)});
      expect(await heard).to.deep.equal([newer, 'external']);
      expect(b.changes.map(([record]) => record)).to.deep.equal([mine, newer]);
    } finally {
      other.close();
    }
  });

  it('R24: a tab hearing an answer to a purpose that changed does not take it, keeps the rest, and reloads to ask', async () => {
    const changed = shopManifest() as Record<string, any>;
    changed.revision = 4;
    changed.services.push({id: 'partner', name: 'Partner', category: 'performance', cookies: []});
    const a = tab({}, changed);
    const b = tab();
    const aHeard = nextChange(a.controller);
    b.controller.acceptAll(); // performance as it was: not an answer for a, which still asks about it
    await aHeard;
    expect(Object.fromEntries(a.controller.asking)).to.deep.equal({performance: 'changed'});
    expect(a.controller.hasConsent('ads')).to.equal(true);
    const heard = nextChange(b.controller);
    a.controller.acceptAll();
    const [record, source] = (await heard) as [ConsentRecord, string];
    expect(source).to.equal('external');
    expect(a.changes).to.have.length(2);
    expect(record.services.ads).to.equal(true);
    expect(b.controller.hasConsent('analytics')).to.equal(false);
    expect(b.controller.hasConsent('ads')).to.equal(true);
    expect(b.reloads).to.have.length(1);
  });

  it('without BroadcastChannel, a tab re-reads the cookie when it is shown again (visibilitychange)', () => {
    const a = tab({sync: {BroadcastChannel: null}});
    const b = tab({sync: {BroadcastChannel: null}});
    const record = a.controller.acceptAll();
    expect(b.controller.record).to.equal(null);
    document.dispatchEvent(new Event('visibilitychange'));
    expect(b.controller.record).to.deep.equal(record);
    expect(b.released()).to.equal(true);
    expect(b.changes).to.deep.equal([[record, 'external']]);
    expect(a.changes).to.deep.equal([[record, 'local']]);
  });

  it('a page restored from the back/forward cache re-checks the stored choice (pageshow, persisted)', () => {
    const b = tab({sync: {BroadcastChannel: null}});
    const manifest = parsed(shopManifest());
    const record = makeRecord(manifest, {categories: {performance: true}}, 'custom', null, new Date());
    cookieStore(manifest).write(record);
    window.dispatchEvent(new PageTransitionEvent('pageshow', {persisted: false}));
    expect(b.controller.record).to.equal(null);
    window.dispatchEvent(new PageTransitionEvent('pageshow', {persisted: true}));
    expect(b.controller.record).to.deep.equal(record);
    expect(b.released()).to.equal(true);
  });

  it('closes its channel while the page may sit in the back/forward cache (a message would evict it), reopens it on restore', () => {
    const opened: {name: string; closed: boolean}[] = [];
    class RecordingChannel extends EventTarget {
      state: {name: string; closed: boolean};
      constructor(name: string) {
        super();
        opened.push((this.state = {name, closed: false}));
      }
      postMessage() {}
      close() {
        this.state.closed = true;
      }
    }
    const b = tab({sync: {BroadcastChannel: RecordingChannel as unknown as typeof BroadcastChannel}});
    expect(opened).to.deep.equal([{name: 'consent-banner:consent', closed: false}]);
    window.dispatchEvent(new PageTransitionEvent('pagehide', {persisted: true}));
    expect(opened).to.deep.equal([{name: 'consent-banner:consent', closed: true}]);
    const manifest = parsed(shopManifest());
    const record = makeRecord(manifest, acceptAllChoice(manifest), 'accept-all', null, new Date());
    cookieStore(manifest).write(record); // decided in another tab meanwhile
    window.dispatchEvent(new PageTransitionEvent('pageshow', {persisted: true}));
    expect(opened.map((c) => c.closed)).to.deep.equal([true, false]);
    expect(b.controller.record).to.deep.equal(record);
    b.controller.stop();
    expect(opened.map((c) => c.closed)).to.deep.equal([true, true]);
  });

  it('R21: a choice that expires while the tab stays open is asked again when the tab is shown', () => {
    let now = new Date();
    const b = tab({now: () => now, sync: {BroadcastChannel: null}});
    b.controller.acceptAll();
    now = new Date(now.getTime() + 183 * 86_400_000);
    document.dispatchEvent(new Event('visibilitychange'));
    expect(b.controller.mustAsk).to.equal(true);
    expect(b.reloads).to.have.length(1);
  });

  it('a stopped controller no longer listens', () => {
    const a = tab({sync: {BroadcastChannel: null}});
    const b = tab({sync: {BroadcastChannel: null}});
    b.controller.stop();
    a.controller.acceptAll();
    document.dispatchEvent(new Event('visibilitychange'));
    window.dispatchEvent(new PageTransitionEvent('pageshow', {persisted: true}));
    expect(b.changes).to.deep.equal([]);
  });
});
