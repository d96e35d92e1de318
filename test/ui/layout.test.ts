import {expect, oneEvent} from '@open-wc/testing';
import {emulateMedia, sendKeys} from '@web/test-runner-commands';
import {defineElements} from '../../src/index.js';
import type {ConsentBanner} from '../../src/index.js';
import {quietManifest, shopManifest} from '../fixtures/manifests.js';
import {clearAllCookies, mount} from '../helpers.js';

defineElements();

const banner = (el: ConsentBanner) => el.shadowRoot!.querySelector<HTMLDialogElement>('[part=banner]')!;
const reopen = (el: ConsentBanner) => el.shadowRoot!.querySelector<HTMLButtonElement>('[part=reopen]');

describe('<consent-banner> layouts, themes and the re-open control', () => {
  afterEach(() => {
    document.querySelectorAll('consent-banner').forEach((e) => e.remove());
    clearAllCookies();
  });

  it('the default bar spans the bottom of the viewport, non-modal', async () => {
    const el = await mount(shopManifest());
    const box = banner(el).getBoundingClientRect();
    expect(banner(el).matches(':modal')).to.equal(false);
    expect(Math.round(box.width)).to.equal(document.documentElement.clientWidth);
    expect(Math.round(box.bottom)).to.equal(innerHeight);
  });

  it('layout="box" sits in the bottom-right corner, narrower than the viewport', async () => {
    const el = await mount(shopManifest(), {layout: 'box'});
    const box = banner(el).getBoundingClientRect();
    expect(box.width).to.be.below(document.documentElement.clientWidth / 2 + 220);
    expect(innerWidth - box.right).to.be.within(0, 16);
    expect(innerHeight - box.bottom).to.be.within(0, 16);
  });

  it('layout="modal" opens the first layer as a modal dialog; Escape still means refusal (R11)', async () => {
    const el = await mount(shopManifest(), {layout: 'modal'});
    expect(banner(el).matches(':modal')).to.equal(true);
    expect(el.shadowRoot!.activeElement).to.exist;
    const change = oneEvent(el, 'consent-change');
    await sendKeys({press: 'Escape'});
    const {detail} = await change;
    expect(detail.method).to.equal('close');
    expect(detail.categories).to.include({performance: false, advertising: false});
    expect(banner(el)).to.equal(null);
  });

  it('theme="dark" forces the dark colours; theme="light" keeps light ones under a dark system setting', async () => {
    const dark = await mount(shopManifest(), {theme: 'dark'});
    expect(getComputedStyle(banner(dark)).backgroundColor).to.equal('rgb(31, 31, 31)');
    dark.remove();
    await emulateMedia({colorScheme: 'dark'});
    try {
      const light = await mount(shopManifest(), {theme: 'light'});
      expect(getComputedStyle(banner(light)).backgroundColor).to.equal('rgb(255, 255, 255)');
    } finally {
      await emulateMedia({colorScheme: 'light'});
    }
  });

  it('a wrong layout or theme is named in a console warning, and the banner still works', async () => {
    const warnings: string[] = [];
    const original = console.warn;
    console.warn = (message: string) => warnings.push(message);
    try {
      const el = await mount(shopManifest(), {layout: 'sidebar', theme: 'blue'});
      expect(banner(el).open).to.equal(true);
    } finally {
      console.warn = original;
    }
    expect(warnings).to.deep.include('consent-banner: layout="sidebar" is not one of bar, box, modal, cloud; the default applies');
    expect(warnings).to.deep.include('consent-banner: theme="blue" is not one of light, dark; the default applies');
  });

  it('R26: with reopen, a returning visitor gets a small “Cookie settings” icon button, 8 px from the bottom-left corner, that opens the preferences', async () => {
    const first = await mount(shopManifest(), {reopen: ''});
    expect(reopen(first), 'no re-open control while the banner asks').to.equal(null);
    first.rejectAll();
    await first.updateComplete;
    expect(reopen(first)!.getAttribute('aria-label')).to.equal('Cookie settings');
    expect(reopen(first)!.textContent, 'an icon, no text').to.equal('');
    first.remove();
    const el = await mount(shopManifest(), {reopen: ''});
    const control = reopen(el)!;
    const size = control.getBoundingClientRect();
    expect(size.width).to.be.within(24, 44);
    expect(size.height).to.be.within(24, 44);
    expect(size.left).to.equal(8);
    expect(innerHeight - size.bottom).to.equal(8);
    control.click();
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector<HTMLDialogElement>('[part=preferences]')!.open).to.equal(true);
  });

  it('the re-open control speaks the page’s language, and shows on a site that needs no banner', async () => {
    const el = document.createElement('consent-banner');
    el.lang = 'de';
    el.setAttribute('reopen', '');
    const ready = oneEvent(el, 'consent-ready');
    el.manifest = quietManifest();
    document.body.append(el);
    await ready;
    await el.updateComplete;
    expect(reopen(el)!.getAttribute('aria-label')).to.equal('Cookie-Einstellungen');
    expect(reopen(el)!.lang).to.equal('de');
  });

  it('reopen="bottom-right": 8 px from the bottom-right corner (inline-end: a right-to-left language mirrors it)', async () => {
    const el = await mount(quietManifest(), {reopen: 'bottom-right'});
    const box = reopen(el)!.getBoundingClientRect();
    expect(document.documentElement.clientWidth - box.right).to.equal(8);
    expect(innerHeight - box.bottom).to.equal(8);
    el.remove();
  });

  it('a reopen place we lack: one warning naming it, and bottom-left', async () => {
    const warnings: string[] = [];
    const original = console.warn;
    console.warn = (message: string) => warnings.push(message);
    try {
      const el = await mount(quietManifest(), {reopen: 'top-middle'});
      expect(reopen(el)!.getBoundingClientRect().left).to.equal(8);
      el.remove();
    } finally {
      console.warn = original;
    }
    expect(warnings).to.deep.equal(['consent-banner: reopen="top-middle" is not one of bottom-left, bottom-right; the default applies']);
  });

  it('without the attribute there is no re-open control', async () => {
    const el = await mount(shopManifest());
    el.rejectAll();
    await el.updateComplete;
    expect(reopen(el)).to.equal(null);
  });
});
