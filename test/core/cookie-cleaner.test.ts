import {expect} from '@open-wc/testing';
import Cookies from 'js-cookie';
import {clearDeclaredCookies, cookieDomains, cookieNameMatcher} from '../../src/core/cookie-cleaner.js';
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
