import {expect} from '@open-wc/testing';
import Cookies from 'js-cookie';
import {clearDeclaredCookies, clearDeclaredStorage} from '../../src/browser/cleaner.js';
import {cookieDomains, cookieNameMatcher} from '../../src/core/cookie-names.js';
import {clearServiceCookies} from '../../src/browser/recorder.js';
import {shopManifest} from '../fixtures/manifests.js';
import {parsed} from '../helpers.js';
import {clearAllCookies} from '../helpers.js';

describe('cookie cleaner', () => {
  afterEach(clearAllCookies);

  const names: [string, string, boolean][] = [
    ['_ga', '_ga', true],
    ['_ga', '_gat', false],
    ['_ga_*', '_ga_ABC123', true],
    ['_ga_*', '_ga', false],
    ['_pk_id.*', '_pk_id.1.abcd', true],
    ['_pk_id.*', '_pk_idX1', false],
    ['a*b*c', 'a-b-c', true],
    ['(x)+', '(x)+', true],
    ['(x)+', 'xx', false],
  ];
  for (const [pattern, name, expected] of names) {
    it(`"${pattern}" ${expected ? 'matches' : 'does not match'} "${name}"`, () => {
      expect(cookieNameMatcher(pattern)(name)).to.equal(expected);
    });
  }

  const domains: [string, string[]][] = [
    ['www.shop.example.fr', ['www.shop.example.fr', 'shop.example.fr', 'example.fr']],
    ['example.fr', ['example.fr']],
    ['localhost', ['localhost']],
    ['127.0.0.1', ['127.0.0.1']],
  ];
  for (const [host, expected] of domains) {
    it(`clears cookies of ${host} on ${expected.join(', ')}`, () => {
      expect(cookieDomains(host)).to.deep.equal(expected);
    });
  }

  it('deletes declared first-party cookies, by name and wildcard, and nothing else', () => {
    for (const name of ['_ga', '_ga_XYZ', '_gid', 'keep', 'consent']) Cookies.set(name, '1', {path: '/'});
    const deleted = clearDeclaredCookies([
      {name: '_ga', duration: 'P13M'},
      {name: '_ga_*', duration: 'P13M'},
      {name: '_gid', duration: 'P1D', domain: 'third.example'},
    ]);
    expect(deleted).to.deep.equal(['_ga', '_ga_XYZ']);
    expect(Object.keys(Cookies.get()).sort()).to.deep.equal(['_gid', 'consent', 'keep']);
  });

  it('deletes a cookie set on a sub-path of the page', () => {
    const path = location.pathname.split('/').slice(0, 2).join('/') || '/';
    document.cookie = `_st=1; path=${path}`;
    clearDeclaredCookies([{name: '_st', duration: 'P1D'}]);
    expect(Cookies.get('_st')).to.equal(undefined);
  });
});

describe('storage cleaner (R27: withdrawal deletes the declared localStorage and sessionStorage keys)', () => {
  afterEach(() => {
    localStorage.clear();
    sessionStorage.clear();
  });
  const keys = (storage: Storage) => Object.keys(storage).sort();

  it('deletes declared keys, by name and wildcard, from both storages, and nothing else', () => {
    for (const storage of [localStorage, sessionStorage]) {
      for (const key of ['_hjSession_1', '_hjSessionUser_1', 'ajs_anonymous_id', 'ajs_user', 'cart', 'consent-log'])
        storage.setItem(key, '1');
    }
    const deleted = clearDeclaredStorage(['_hjSession*', 'ajs_anonymous_id', '*-missing']);
    expect(deleted.sort()).to.deep.equal([
      '_hjSessionUser_1',
      '_hjSessionUser_1',
      '_hjSession_1',
      '_hjSession_1',
      'ajs_anonymous_id',
      'ajs_anonymous_id',
    ]);
    for (const storage of [localStorage, sessionStorage]) expect(keys(storage)).to.deep.equal(['ajs_user', 'cart', 'consent-log']);
  });

  it('deletes keys named like a Storage method, and keeps what it is told to keep', () => {
    for (const key of ['getItem', 'length', 'consent-log', 'tracker-a']) localStorage.setItem(key, '1');
    expect(clearDeclaredStorage(['*'], ['consent-log']).sort()).to.deep.equal(['getItem', 'length', 'tracker-a']);
    expect(keys(localStorage)).to.deep.equal(['consent-log']);
  });

  it('a pattern that matches nothing deletes nothing and says nothing', () => {
    localStorage.setItem('keep', '1');
    const warnings: unknown[][] = [];
    const consoleWarn = console.warn;
    console.warn = (...args: unknown[]) => warnings.push(args);
    try {
      expect(clearDeclaredStorage(['nothing-*', 'absent'])).to.deep.equal([]);
    } finally {
      console.warn = consoleWarn;
    }
    expect(keys(localStorage)).to.deep.equal(['keep']);
    expect(warnings).to.deep.equal([]);
  });

  it('storage that throws (a sandboxed frame) is a console warning, never an exception; the other storage is still cleared', () => {
    sessionStorage.setItem('_hjSession_1', '1');
    const sandboxed = {
      get localStorage(): Storage {
        throw new DOMException("Failed to read the 'localStorage' property from 'Window': The document is sandboxed", 'SecurityError');
      },
      sessionStorage,
    } as unknown as Window;
    const warnings: unknown[][] = [];
    const consoleWarn = console.warn;
    console.warn = (...args: unknown[]) => warnings.push(args);
    let deleted: string[] = [];
    try {
      deleted = clearDeclaredStorage(['_hjSession*'], [], sandboxed);
    } finally {
      console.warn = consoleWarn;
    }
    expect(deleted).to.deep.equal(['_hjSession_1']);
    expect(warnings.map(String)).to.deep.equal([
      "consent-banner: cannot delete the declared localStorage keys of withdrawn services (Failed to read the 'localStorage' property from 'Window': The document is sandboxed)",
    ]);
  });

  it('a storage whose removeItem throws stops nothing: the warning names it, the rest of the cleaning goes on', () => {
    localStorage.setItem('_hjSession_1', '1');
    sessionStorage.setItem('_hjSession_2', '1');
    const broken = {
      localStorage: {
        length: 1,
        key: () => '_hjSession_1',
        removeItem: () => {
          throw new Error('storage is read-only');
        },
      },
      sessionStorage,
    } as unknown as Window;
    const consoleWarn = console.warn;
    const warnings: unknown[][] = [];
    console.warn = (...args: unknown[]) => warnings.push(args);
    try {
      expect(clearDeclaredStorage(['_hjSession*'], [], broken)).to.deep.equal(['_hjSession_2']);
    } finally {
      console.warn = consoleWarn;
    }
    expect(warnings).to.have.length(1);
    expect(String(warnings[0])).to.contain('storage is read-only');
  });

  it('withdrawal (clearServiceCookies) deletes the withdrawn services’ storage keys and cookies, not the record waiting for the log', () => {
    const manifest = parsed(shopManifest());
    const analytics = manifest.services.find((s) => s.id === 'analytics')!;
    analytics.storage = ['_ga_storage*', '*'];
    const pending = `${manifest.cookie.name}-log`;
    for (const key of ['_ga_storage_1', 'other', pending]) localStorage.setItem(key, '1');
    sessionStorage.setItem('_ga_storage_2', '1');
    clearServiceCookies(manifest, ['analytics']);
    expect(keys(localStorage)).to.deep.equal([pending]);
    expect(keys(sessionStorage)).to.deep.equal([]);
  });
});
