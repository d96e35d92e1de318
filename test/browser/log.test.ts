import {expect} from '@open-wc/testing';
import {PageConsent} from './page-consent.js';
import type {ConsentRecord} from '../../src/core/consent.js';
import {consentLog, logTarget, pendingKey} from '../../src/browser/log.js';
import {memoryStore} from '../../src/browser/store.js';
import {parseRecord} from '../../src/core/record-contract.js';
import type {Manifest} from '../../src/core/manifest.types.js';
import {shopManifest} from '../fixtures/manifests.js';
import {parsed} from '../helpers.js';

/** A stand-in for `navigator.sendBeacon` that records each call (its body read by parseRecord, as a receiver reads it) and answers as told. */
function beacon(answer: boolean | 'throw' = true) {
  const calls: {url: string; type: string; body: Promise<unknown>}[] = [];
  const sendBeacon = (url: string | URL, data?: BodyInit | null) => {
    const blob = data as Blob;
    calls.push({url: String(url), type: blob.type, body: blob.text().then(parseRecord)});
    if (answer === 'throw') throw new TypeError('Failed to execute sendBeacon');
    return answer;
  };
  return {calls, navigator: {sendBeacon}};
}

/** Console warnings while `body` runs. */
function warningsOf(body: () => void): string[] {
  const seen: string[] = [];
  const warn = console.warn;
  console.warn = (...args: unknown[]) => seen.push(args.join(' '));
  try {
    body();
  } finally {
    console.warn = warn;
  }
  return seen;
}

const logged = (url = '/consent-log') => parsed({...shopManifest(), log: {url}});
/** What parseRecord reads in the body sent for `record`: the record, with its format version. */
const sent = (record: ConsentRecord) => ({ok: true, record: {v: 1, ...record}});

describe('consent log (R32)', () => {
  const store = memoryStore();
  const key = pendingKey(logged());
  afterEach(() => {
    localStorage.removeItem(key);
    store.clear();
  });

  /** A page view: a controller on `manifest` whose beacons go to `stub`. */
  const pageView = (manifest: Manifest, stub: ReturnType<typeof beacon>, extra = {}) =>
    new PageConsent(manifest, {store, reload: () => {}, navigator: {}, sync: false, log: {navigator: stub.navigator}, ...extra});

  it('R32: sends each decision’s record to log.url as a JSON Blob (application/json), resolved against the page', async () => {
    const stub = beacon();
    const controller = pageView(logged(), stub);
    const records = [controller.acceptAll(), controller.decide({categories: {advertising: false}}, 'custom')];
    expect(stub.calls.map((c) => [c.url, c.type])).to.deep.equal([
      [`${location.origin}/consent-log`, 'application/json'],
      [`${location.origin}/consent-log`, 'application/json'],
    ]);
    expect(await Promise.all(stub.calls.map((c) => c.body))).to.deep.equal(records.map(sent));
    expect(localStorage.getItem(key)).to.equal(null);
  });

  it('R35: the GPC refusal is sent too', async () => {
    const stub = beacon();
    const controller = pageView(logged(), stub, {navigator: {globalPrivacyControl: true}});
    expect(stub.calls).to.have.length(1);
    expect(await stub.calls[0].body).to.deep.equal(sent(controller.record!));
    expect(controller.record!.method).to.equal('gpc');
  });

  it('sends nothing, and keeps nothing, when the manifest has no log.url', () => {
    const stub = beacon();
    pageView(parsed(shopManifest()), stub).acceptAll();
    expect(stub.calls).to.deep.equal([]);
    expect(Object.keys(localStorage).filter((k) => k.endsWith('-log'))).to.deep.equal([]);
  });

  it('keeps a record the browser would not queue under "<cookie name>-log", and sends it once on the next page view', async () => {
    const failing = beacon(false);
    let record!: ConsentRecord;
    const warnings = warningsOf(() => (record = pageView(logged(), failing).acceptAll()));
    expect(warnings).to.deep.equal([
      `consent-banner: could not send the consent record to ${location.origin}/consent-log; it will be sent again on the next page`,
    ]);
    expect(key).to.equal('consent-log');
    expect(JSON.parse(localStorage.getItem(key)!)).to.deep.equal([record]);
    expect(store.read()).to.deep.equal(record); // the decision itself is stored and applied all the same

    const working = beacon();
    pageView(logged(), working);
    expect(working.calls).to.have.length(1);
    expect(await working.calls[0].body).to.deep.equal(sent(record));
    expect(localStorage.getItem(key)).to.equal(null);

    const third = beacon();
    pageView(logged(), third);
    expect(third.calls).to.deep.equal([]);
  });

  it('handles a sendBeacon that throws like one that returns false', () => {
    const throwing = beacon('throw');
    const controller = pageView(logged(), throwing);
    let record!: ConsentRecord;
    warningsOf(() => (record = controller.rejectAll('close')));
    expect(throwing.calls).to.have.length(1);
    expect(JSON.parse(localStorage.getItem(key)!)).to.deep.equal([record]);
    expect(controller.record).to.deep.equal(record);
  });

  it('retries once only: a record that fails again is dropped, with a warning', () => {
    const failing = beacon(false);
    warningsOf(() => pageView(logged(), failing).acceptAll());
    const again = beacon(false);
    const warnings = warningsOf(() => pageView(logged(), again));
    expect(again.calls).to.have.length(1);
    expect(warnings).to.deep.equal([
      `consent-banner: could not send 1 consent record(s) to ${location.origin}/consent-log again; they are dropped`,
    ]);
    expect(localStorage.getItem(key)).to.equal(null);
    const third = beacon();
    pageView(logged(), third);
    expect(third.calls).to.deep.equal([]);
  });

  it('keeps at most the 10 latest unsent records', async () => {
    const failing = beacon(false);
    const controller = pageView(logged(), failing);
    const records: ConsentRecord[] = [];
    warningsOf(() => {
      for (let i = 0; i < 12; i++) records.push(controller.decide({services: {video: i % 2 === 0}}, 'custom'));
    });
    expect(JSON.parse(localStorage.getItem(key)!)).to.deep.equal(records.slice(2));
  });

  it('works without storage: nothing kept, nothing thrown', () => {
    const failing = beacon(false);
    const log = consentLog(logged(), {navigator: failing.navigator, storage: null});
    warningsOf(() => log!.send(pageView(logged(), beacon()).acceptAll()));
    expect(failing.calls).to.have.length(1);
    log!.retry();
    expect(failing.calls).to.have.length(1);
  });

  it('sends to https anywhere, and to its own origin over http; nowhere else, with a warning naming the URL', () => {
    const page = 'http://shop.example/fr/panier';
    expect(logTarget('/consent', page)).to.deep.equal({url: 'http://shop.example/consent'});
    expect(logTarget('http://shop.example/consent', page)).to.deep.equal({url: 'http://shop.example/consent'});
    expect(logTarget('https://proof.example/c', page)).to.deep.equal({url: 'https://proof.example/c'});
    expect(logTarget('http://proof.example/c', page)).to.deep.equal({
      reason: "is neither https nor on this page's origin (http://shop.example)",
    });
    // Like every link of the manifest, a relative log.url resolves against the manifest's URL;
    // the rule (https, or the page's origin) holds after resolution.
    expect(logTarget('consent-log', page, 'http://shop.example/shop/cookie-manifest.json')).to.deep.equal({
      url: 'http://shop.example/shop/consent-log',
    });
    expect(logTarget('../api/log', page, 'http://shop.example/shop/cookie-manifest.json')).to.deep.equal({
      url: 'http://shop.example/api/log',
    });
    expect(logTarget('/log', page, 'https://cdn.example/m.json')).to.deep.equal({url: 'https://cdn.example/log'});
    expect(logTarget('/log', page, 'http://cdn.example/m.json')).to.deep.equal({
      reason: "is neither https nor on this page's origin (http://shop.example)",
    });
    // A manifest built by hand skips the manifest check: the log checks again.
    const manifest = {...parsed(shopManifest()), log: {url: 'http://proof.example/c'}};
    const stub = beacon();
    let log: unknown;
    const warnings = warningsOf(() => (log = consentLog(manifest, {navigator: stub.navigator, pageUrl: page})));
    expect(log).to.equal(null);
    expect(warnings).to.deep.equal([
      'consent-banner: log.url "http://proof.example/c" is neither https nor on this page\'s origin (http://shop.example): no consent record will be sent',
    ]);
  });
});
