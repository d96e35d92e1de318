import {expect, oneEvent} from '@open-wc/testing';
import {emulateMedia, sendKeys} from '@web/test-runner-commands';
import Cookies from 'js-cookie';
import {defineElements} from '../../src/index.js';
import type {ConsentBanner} from '../../src/index.js';
import {quietManifest, shopManifest} from '../fixtures/manifests.js';
import {clearAllCookies, mount, openDetails} from '../helpers.js';

defineElements();

const shadow = (el: ConsentBanner) => el.shadowRoot!;
const buttons = (root: ParentNode) => [...root.querySelectorAll<HTMLButtonElement>('button[data-choice]')];
/** A choice button by what it does (`data-choice`: accept-all, reject-all, customise, save), never by its words. */
const button = (root: ParentNode, choice: string) =>
  (root.querySelector<HTMLButtonElement>(`button[data-choice="${choice}"]`) ?? undefined) as HTMLButtonElement;
const banner = (el: ConsentBanner) => shadow(el).querySelector<HTMLDialogElement>('[part=banner]');
const preferences = (el: ConsentBanner) => shadow(el).querySelector<HTMLDialogElement>('[part=preferences]');

describe('<consent-banner>', () => {
  afterEach(() => {
    document
      .querySelectorAll('consent-banner, consent-placeholder, iframe, a[data-consent-open], [data-fixture]')
      .forEach((e) => e.remove());
    clearAllCookies();
  });

  it('shows the first layer when the site needs consent, named by its title', async () => {
    const el = await mount(shopManifest());
    const dialog = banner(el)!;
    expect(dialog.open).to.equal(true);
    expect(dialog.getAttribute('aria-labelledby')).to.equal('banner-title');
    expect(shadow(el).getElementById('banner-title')!.textContent).to.equal('Cookies on Shop');
    expect(buttons(dialog).map((b) => b.textContent!.trim())).to.deep.equal(['Accept all', 'Reject all', 'Customise']);
    expect(window.consentBanner).to.equal(el);
  });

  it('R10: accept and reject are the same element, size and emphasis', async () => {
    const el = await mount(shopManifest());
    const accept = button(banner(el)!, 'accept-all');
    const reject = button(banner(el)!, 'reject-all');
    expect(accept.tagName).to.equal(reject.tagName);
    expect(accept.className).to.equal(reject.className);
    const [a, r] = [getComputedStyle(accept), getComputedStyle(reject)];
    for (const property of ['font-size', 'font-weight', 'padding', 'border', 'border-radius', 'background-color', 'color']) {
      expect(r.getPropertyValue(property), property).to.equal(a.getPropertyValue(property));
    }
    expect(reject.getBoundingClientRect().height).to.equal(accept.getBoundingClientRect().height);
  });

  it('R11, R14: the first layer names the purposes, the policy, how to change one’s mind, and that closing refuses', async () => {
    const el = await mount(shopManifest());
    const text = banner(el)!.textContent!.replace(/\s+/g, ' ');
    expect(text).to.contain('performance and advertising');
    expect(text).to.contain('Change your mind at any time');
    expect(text).to.contain('Closing this banner means refusing.');
    expect(banner(el)!.querySelector('a')!.href).to.equal('https://shop.example/privacy');
  });

  it('R14, R15: links relative to an object manifest resolve against the page, in the first layer, the preferences and the declaration', async () => {
    const manifest = shopManifest() as any;
    manifest.site.policyUrl = 'privacy.html';
    manifest.services[2].policyUrl = '../legal/stats.html';
    const el = await mount(manifest);
    const page = (link: string) => new URL(link, document.baseURI).href;
    expect(banner(el)!.querySelector('a')!.getAttribute('href')).to.equal(page('privacy.html'));
    el.showPreferences();
    await el.updateComplete;
    await openDetails(preferences(el)!);
    const links = [...preferences(el)!.querySelectorAll('a')].map((a) => a.getAttribute('href'));
    expect(links).to.deep.equal([page('privacy.html'), page('../legal/stats.html')]);
    const declaration = document.createElement('consent-declaration') as HTMLElement & {updateComplete: Promise<boolean>};
    declaration.dataset.fixture = '';
    document.body.append(declaration);
    await declaration.updateComplete;
    expect([...declaration.shadowRoot!.querySelectorAll('a')].map((a) => a.getAttribute('href'))).to.deep.equal([
      page('../legal/stats.html'),
      page('privacy.html'),
    ]);
  });

  it('R28: shows nothing on a site that needs no consent', async () => {
    const el = await mount(quietManifest());
    expect(banner(el)).to.equal(null);
    expect(document.cookie).to.equal('');
  });

  it('accept all: consent-change carries the record, stored in the cookie, banner gone', async () => {
    const el = await mount(shopManifest());
    const change = oneEvent(el, 'consent-change');
    button(banner(el)!, 'accept-all').click();
    const {detail} = await change;
    expect(detail.method).to.equal('accept-all');
    expect(detail.categories).to.deep.equal({necessary: true, audience: true, performance: true, advertising: true});
    expect(detail.revision).to.equal(3);
    expect(el.consent).to.deep.equal(detail);
    expect(Cookies.get('consent')).to.contain(detail.id);
    await el.updateComplete;
    expect(banner(el)).to.equal(null);
    expect(el.hasConsent('ads')).to.equal(true);
  });

  it('R11: Escape on the first layer refuses, with method "close"', async () => {
    const el = await mount(shopManifest());
    button(banner(el)!, 'reject-all').focus();
    const change = oneEvent(el, 'consent-change');
    await sendKeys({press: 'Escape'});
    const {detail} = await change;
    expect(detail.method).to.equal('close');
    expect(detail.categories.performance).to.equal(false);
    expect(el.hasConsent('performance')).to.equal(false);
  });

  it('the × button refuses too', async () => {
    const el = await mount(shopManifest());
    const close = shadow(el).querySelector<HTMLButtonElement>('[part=banner] [part=close]')!;
    expect(close.getAttribute('aria-label')).to.equal('Close and refuse');
    const change = oneEvent(el, 'consent-change');
    close.click();
    expect((await change).detail.method).to.equal('close');
  });

  it('R4, R5: preferences have one switch per consent category, none on, each named by its category', async () => {
    const el = await mount(shopManifest());
    button(banner(el)!, 'customise').click();
    await el.updateComplete;
    const dialog = preferences(el)!;
    expect(dialog.open).to.equal(true);
    const switches = [...dialog.querySelectorAll<HTMLInputElement>('input[role="switch"][data-category]')];
    expect(switches.map((s) => s.dataset.category)).to.deep.equal(['performance', 'advertising']);
    expect(switches.map((s) => s.checked)).to.deep.equal([false, false]);
    const names = switches.map((s) => s.getAttribute('aria-label'));
    expect(names).to.deep.equal(['Performance', 'Advertising']);
    expect(dialog.textContent).to.contain('Always on');
    expect(dialog.textContent).to.contain('Exempted by the CNIL');
  });

  it('R5: saving one category runs only that category', async () => {
    const el = await mount(shopManifest());
    el.showPreferences();
    await el.updateComplete;
    preferences(el)!.querySelector<HTMLInputElement>('input[data-category="performance"]')!.click();
    await el.updateComplete;
    const change = oneEvent(el, 'consent-change');
    button(preferences(el)!, 'save').click();
    const {detail} = await change;
    expect(detail.method).to.equal('custom');
    expect(detail.categories).to.include({performance: true, advertising: false});
    expect(detail.services).to.include({analytics: true, ads: false, video: false});
  });

  it('R16: each service shows its provider, policy and cookies with durations in words', async () => {
    const el = await mount(shopManifest());
    el.showPreferences();
    await el.updateComplete;
    // A purpose's services are drawn when it is unfolded (its row's button), a service's details when it is.
    const toggles = [...preferences(el)!.querySelectorAll<HTMLButtonElement>('section button[aria-expanded]')];
    expect(toggles.map((b) => b.getAttribute('aria-expanded'))).to.deep.equal(['false', 'false', 'false', 'false']);
    expect(preferences(el)!.querySelectorAll('details'), 'services drawn only when unfolded').to.have.length(0);
    toggles[2].click();
    expect(toggles[2].getAttribute('aria-expanded')).to.equal('true');
    const performance = toggles[2].closest('section')!;
    expect(performance.textContent).to.include('1 service');
    const analytics = performance.querySelector('details')!;
    // The provider once, on its own line, labelled.
    expect(analytics.querySelector('summary')!.textContent!.replace(/\s+/g, ' ').trim()).to.equal('Analytics Provider: Stats Inc.');
    expect(analytics.querySelector('table'), 'drawn only when opened').to.equal(null);
    await openDetails(performance);
    expect(analytics.querySelector('a')!.href).to.equal('https://stats.example/privacy');
    const rows = [...analytics.querySelectorAll('tbody tr')].map((tr) =>
      [...tr.querySelectorAll('td')].map((td) => td.textContent!.replace(/\s+/g, ' ').trim())
    );
    expect(rows).to.deep.equal([
      ['_st', '13 months', 'Count visits'],
      ['_st_*', '1 day', ''],
    ]);
  });

  it('Escape closes the preferences and focus goes back to the link that opened them', async () => {
    const link = Object.assign(document.createElement('a'), {href: '#', textContent: 'Cookie settings'});
    link.setAttribute('data-consent-open', '');
    document.body.append(link);
    const el = await mount(shopManifest());
    link.focus();
    link.click();
    await el.updateComplete;
    expect(preferences(el)!.open).to.equal(true);
    await sendKeys({press: 'Escape'});
    await el.updateComplete;
    expect(preferences(el)).to.equal(null);
    expect(document.activeElement).to.equal(link);
    expect(el.consent).to.equal(null);
  });

  it('Escape from preferences opened by Customise returns focus to Customise; the first layer stays', async () => {
    const el = await mount(shopManifest());
    const customise = button(banner(el)!, 'customise');
    customise.focus();
    await sendKeys({press: 'Enter'});
    await el.updateComplete;
    expect(preferences(el)!.open).to.equal(true);
    expect(shadow(el).activeElement!.id).to.equal('preferences-title');
    await sendKeys({press: 'Escape'});
    await el.updateComplete;
    expect(preferences(el)).to.equal(null);
    expect(shadow(el).activeElement).to.equal(customise);
    expect(banner(el)!.open).to.equal(true);
    expect(el.consent).to.equal(null);
  });

  it('speaks French when the page does, for its own words and the manifest’s', async () => {
    const el = await mount(shopManifest(), {lang: 'fr'});
    expect(buttons(banner(el)!).map((b) => b.textContent!.trim())).to.deep.equal(['Tout accepter', 'Tout refuser', 'Personnaliser']);
    expect(banner(el)!.getAttribute('lang')).to.equal('fr');
    expect(banner(el)!.textContent).to.contain('performance et publicité');
  });

  it('renders manifest strings as text, never markup', async () => {
    const manifest = shopManifest() as any;
    manifest.site.name = '<img src=x onerror="window.injected=1">Shop';
    manifest.categories[2].title = {en: '<b id="bold">Perf</b>', fr: '<b>Perf</b>'};
    const el = await mount(manifest);
    el.showPreferences();
    await el.updateComplete;
    expect(shadow(el).querySelector('img, b')).to.equal(null);
    expect(shadow(el).getElementById('banner-title')!.textContent).to.equal('Cookies on <img src=x onerror="window.injected=1">Shop');
    expect((window as any).injected).to.equal(undefined);
  });

  it('an invalid manifest fires consent-error with the JSON path, logs one error, shows nothing', async () => {
    const manifest = shopManifest() as any;
    manifest.categories[2].basis = 'maybe';
    const el = document.createElement('consent-banner');
    const errors: string[] = [];
    const original = console.error;
    console.error = (message: string) => errors.push(message);
    try {
      const failed = oneEvent(el, 'consent-error');
      el.manifest = manifest;
      document.body.append(el);
      const {detail} = await failed;
      expect(detail.errors).to.deep.equal([{path: 'categories[2].basis', message: 'must be one of consent, necessary, exempt'}]);
    } finally {
      console.error = original;
    }
    expect(errors).to.have.length(1);
    expect(errors[0]).to.contain('categories[2].basis: must be one of consent, necessary, exempt');
    await el.updateComplete;
    expect(shadow(el).querySelector('dialog')).to.equal(null);
    expect(el.consent).to.equal(null);
    expect(el.hasConsent('necessary')).to.equal(false);
  });

  it('R20: an iframe waits behind a placeholder; its button accepts just that service', async () => {
    const frame = document.createElement('iframe');
    frame.title = 'Video';
    frame.setAttribute('data-src', 'about:blank#video');
    frame.setAttribute('data-service', 'video');
    document.body.append(frame);
    const el = await mount(shopManifest());
    const placeholder = frame.previousElementSibling as HTMLElement;
    expect(placeholder.localName).to.equal('consent-placeholder');
    expect(frame.hidden).to.equal(true);
    expect(frame.hasAttribute('src')).to.equal(false);
    const accept = placeholder.shadowRoot!.querySelector('button')!;
    expect(accept.textContent).to.equal('Allow Video and load');
    expect(placeholder.shadowRoot!.textContent).to.contain('Video Co');
    const change = oneEvent(el, 'consent-change');
    accept.click();
    const {detail} = await change;
    expect(detail.method).to.equal('placeholder');
    expect(detail.services).to.include({video: true, ads: false});
    expect(frame.getAttribute('src')).to.equal('about:blank#video');
    expect(frame.hidden).to.equal(false);
    expect(placeholder.isConnected).to.equal(false);
  });

  it('R20: the placeholder of a 320 × 180 iframe has the box the iframe had, inline or floated; restore gives the iframe back as it was', async () => {
    // Inline in a line of text, with margins and vertical-align of the page's own (an inline style
    // it keeps), and floated beside that line; the page's own button below.
    const frame = (style: string) => {
      const element = document.createElement('iframe');
      element.title = 'Video';
      element.width = '320';
      element.height = '180';
      element.setAttribute('data-src', 'about:blank#video');
      element.setAttribute('data-service', 'video');
      element.style.cssText = style;
      return element;
    };
    const inline = frame('margin: 4px 10px; vertical-align: middle;');
    const floated = frame('float: right; margin-left: 16px;');
    const after = document.createElement('span');
    after.textContent = 'after';
    const line = document.createElement('p');
    line.dataset.fixture = '';
    line.append(floated, 'Before ', inline, ' ', after);
    const own = document.createElement('button');
    own.textContent = 'Subscribe';
    // In a paragraph of its own: not on the line of the <consent-banner> element mounted after it.
    const below = document.createElement('p');
    below.dataset.fixture = '';
    below.append(own);
    document.body.append(line, below);
    // What shows in each frame's place (its placeholder or the frame), the text after it, the button.
    const shown = (e: Element) => (e.previousElementSibling?.localName === 'consent-placeholder' ? e.previousElementSibling : e);
    const boxes = () => [inline, floated, after, own].map((e) => shown(e).getBoundingClientRect().toJSON());
    const before = boxes();
    // 320 × 180 and the browser's 2 px border.
    expect([before[0].width, before[0].height]).to.deep.equal([324, 184]);
    const el = await mount(shopManifest());
    const placeholders = [inline, floated].map((f) => f.previousElementSibling as HTMLElement);
    expect(placeholders.map((p) => p.localName)).to.deep.equal(['consent-placeholder', 'consent-placeholder']);
    expect(boxes()).to.deep.equal(before);
    expect(getComputedStyle(placeholders[0]).display).to.equal('inline-block');
    const change = oneEvent(el, 'consent-change');
    placeholders[0].shadowRoot!.querySelector('button')!.click();
    await change;
    expect(placeholders.map((p) => p.isConnected)).to.deep.equal([false, false]);
    expect(boxes()).to.deep.equal(before);
    expect([inline, floated].map((f) => [f.hidden, f.style.cssText])).to.deep.equal([
      [false, 'margin: 4px 10px; vertical-align: middle;'],
      [false, 'float: right; margin-left: 16px;'],
    ]);
  });

  it('R20: in a hidden container, a placeholder takes the iframe’s width and height attributes, else 300 × 150', async () => {
    const container = document.createElement('div');
    container.dataset.fixture = '';
    container.hidden = true;
    for (const [width, height] of [
      ['320', '180'],
      ['', ''],
    ]) {
      const frame = document.createElement('iframe');
      frame.title = 'Video';
      if (width) frame.width = width;
      if (height) frame.height = height;
      frame.setAttribute('data-src', 'about:blank#video');
      frame.setAttribute('data-service', 'video');
      container.append(frame, document.createElement('br'));
    }
    document.body.append(container);
    await mount(shopManifest());
    container.hidden = false;
    const sizes = [...container.querySelectorAll('consent-placeholder')].map((p) => {
      const {width, height} = p.getBoundingClientRect();
      return [width, height];
    });
    expect(sizes).to.deep.equal([
      [320, 180],
      [300, 150],
    ]);
  });

  it('R31: on a site without a banner, preferences show the declaration with an opt-out of exempt audience measurement', async () => {
    const el = await mount(quietManifest());
    el.showPreferences();
    await el.updateComplete;
    const dialog = preferences(el)!;
    expect(dialog.querySelector('h2')!.textContent).to.equal('Cookies on this site');
    expect(dialog.querySelectorAll('input[data-category]')).to.have.length(0);
    await openDetails(dialog);
    const optOut = dialog.querySelector<HTMLInputElement>('input[data-service="matomo"]')!;
    expect(optOut.checked).to.equal(true);
    // Saving the opt-out deletes Matomo's cookies and reloads the page: the end-to-end test covers it.
    expect(button(dialog, 'save')).to.exist;
    expect(button(dialog, 'accept-all')).to.equal(undefined);
  });

  it('passes axe on the first layer and the preferences', async () => {
    const el = await mount(shopManifest());
    await expect(el).to.be.accessible();
    el.showPreferences();
    await el.updateComplete;
    await expect(el).to.be.accessible();
  });

  it('passes axe in dark mode too (contrast of every text and control)', async () => {
    await emulateMedia({colorScheme: 'dark'});
    try {
      const el = await mount(shopManifest());
      await expect(el).to.be.accessible();
      el.showPreferences();
      await el.updateComplete;
      await expect(el).to.be.accessible();
    } finally {
      await emulateMedia({colorScheme: 'light'});
    }
  });
});
