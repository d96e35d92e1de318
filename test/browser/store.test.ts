import {expect} from '@open-wc/testing';
import Cookies from 'js-cookie';
import {acceptAllChoice, makeRecord} from '../../src/core/make-record.js';
import {cookieStore, memoryStore} from '../../src/browser/store.js';
import {shopManifest} from '../fixtures/manifests.js';
import {clearAllCookies, parsed} from '../helpers.js';

describe('consent storage', () => {
  afterEach(clearAllCookies);
  const manifest = parsed(shopManifest());
  const record = makeRecord(manifest, acceptAllChoice(manifest), 'accept-all', null, new Date());

  it('writes one cookie named "consent" and reads the same record back', () => {
    const store = cookieStore(manifest);
    expect(store.read()).to.equal(null);
    store.write(record);
    expect(Object.keys(Cookies.get())).to.deep.equal(['consent']);
    expect(store.read()).to.deep.equal(record);
  });

  it('uses the manifest cookie name', () => {
    cookieStore({...manifest, cookie: {name: 'shop_consent'}}).write(record);
    expect(Cookies.get('shop_consent')).to.be.a('string');
    expect(Cookies.get('consent')).to.equal(undefined);
  });

  it('does not write a cookie that is already past its lifetime', () => {
    const old = {...record, timestamp: new Date(Date.now() - 200 * 86_400_000).toISOString()};
    cookieStore(manifest).write(old);
    expect(Cookies.get('consent')).to.equal(undefined);
  });

  it('counts a foreign or tampered value as no choice', () => {
    Cookies.set('consent', 'accepted');
    expect(cookieStore(manifest).read()).to.equal(null);
  });

  it('clears the choice', () => {
    const store = cookieStore(manifest);
    store.write(record);
    store.clear();
    expect(store.read()).to.equal(null);
    expect(document.cookie).to.equal('');
  });

  it('memoryStore keeps the record without any cookie', () => {
    const store = memoryStore();
    store.write(record);
    expect(store.read()).to.deep.equal(record);
    expect(document.cookie).to.equal('');
  });
});
