import {expect} from '@open-wc/testing';
import {decide, rejectAllChoice} from '../../src/core/consent.js';
import {ScriptGate, isAllowed, readTag} from '../../src/core/script-gate.js';
import type {GateTag} from '../../src/core/script-gate.js';
import {shopManifest} from '../fixtures/manifests.js';
import {idMaker, parsed} from '../helpers.js';

declare global {
  interface Window {
    gateLog: string[];
  }
}

// Keeps the Trusted Types policies this page creates, to try ours from outside.
const policies: Record<string, {createScript(s: string): unknown; createScriptURL(s: string): unknown}> = {};
const trustedTypes = (window as any).trustedTypes;
const createPolicy = trustedTypes.createPolicy.bind(trustedTypes);
trustedTypes.createPolicy = (name: string, rules: object) => (policies[name] = createPolicy(name, rules));

const manifest = parsed(shopManifest());
const NOW = new Date();
const js = (code: string) => URL.createObjectURL(new Blob([code], {type: 'text/javascript'}));
const log = (entry: string) => `window.gateLog.push(${JSON.stringify(entry)});`;
const tick = () => new Promise((resolve) => setTimeout(resolve, 50));

describe('isAllowed', () => {
  const accepted = decide(manifest, {categories: {performance: true}}, 'custom', null, NOW, idMaker());
  const refused = decide(manifest, rejectAllChoice(manifest), 'reject-all', null, NOW, idMaker());
  const optedOut = decide(manifest, {services: {matomo: false}}, 'opt-out', null, NOW, idMaker());
  const cases: [string, GateTag, typeof accepted | null, boolean][] = [
    ['necessary service, no choice', {service: 'session', negated: false}, null, true],
    ['necessary category, no choice', {category: 'necessary', negated: false}, null, true],
    ['exempt service, no choice', {service: 'matomo', negated: false}, null, true],
    ['exempt service, opted out', {service: 'matomo', negated: false}, optedOut, false],
    ['consent service, no choice (R1)', {service: 'analytics', negated: false}, null, false],
    ['consent category, no choice (R1)', {category: 'performance', negated: false}, null, false],
    ['consent service, accepted', {service: 'analytics', negated: false}, accepted, true],
    ['consent category, accepted', {category: 'performance', negated: false}, accepted, true],
    ['other category, not accepted (R5)', {category: 'advertising', negated: false}, accepted, false],
    ['consent service, refused (R2)', {service: 'analytics', negated: false}, refused, false],
    ['!category, no choice yet', {category: 'performance', negated: true}, null, false],
    ['!category, refused', {category: 'performance', negated: true}, refused, true],
    ['!category, accepted', {category: 'performance', negated: true}, accepted, false],
    ['unknown service', {service: 'pixel', negated: false}, accepted, false],
    ['unknown category', {category: 'marketing', negated: false}, accepted, false],
  ];
  for (const [name, tag, record, expected] of cases) {
    it(`${name} → ${expected ? 'runs' : 'stays blocked'}`, () => {
      expect(isAllowed(tag, manifest, record)).to.equal(expected);
    });
  }

  it('reads tags: data-service wins over data-category; a leading ! negates', () => {
    const el = (attrs: Record<string, string>) => Object.assign(document.createElement('script'), {}) && attrsOn(attrs);
    const attrsOn = (attrs: Record<string, string>) => {
      const script = document.createElement('script');
      for (const [k, v] of Object.entries(attrs)) script.setAttribute(k, v);
      return script;
    };
    expect(readTag(el({'data-service': 'ads', 'data-category': 'performance'}))).to.deep.equal({service: 'ads', negated: false});
    expect(readTag(el({'data-category': '!performance'}))).to.deep.equal({category: 'performance', negated: true});
    expect(readTag(el({}))).to.equal(null);
  });
});

describe('ScriptGate in the page', () => {
  let box: HTMLElement;
  let gate: ScriptGate;
  beforeEach(() => {
    window.gateLog = [];
    box = document.createElement('div');
    document.body.append(box);
  });
  afterEach(() => {
    gate?.stop();
    box.remove();
  });

  const tagged = (attrs: Record<string, string>, code = '') => {
    const script = document.createElement('script');
    script.type = 'text/plain';
    for (const [k, v] of Object.entries(attrs)) script.setAttribute(k, v);
    script.textContent = code;
    box.append(script);
    return script;
  };
  const allowOnly = (...ids: string[]) => (tag: GateTag) => ids.includes(tag.service ?? tag.category ?? '');

  it('runs released scripts in document order, each external one after the previous has loaded', async () => {
    tagged({'data-service': 'analytics', src: js(`${log('a')}`)});
    tagged({'data-service': 'analytics'}, log('b'));
    tagged({'data-service': 'ads'}, log('blocked'));
    tagged({'data-category': 'performance', 'data-src': js(log('c'))});
    tagged({'data-service': 'analytics'}, log('d'));
    gate = new ScriptGate(document);
    gate.update(allowOnly('analytics', 'performance'));
    await gate.settled();
    expect(window.gateLog).to.deep.equal(['a', 'b', 'c', 'd']);
    expect(box.querySelectorAll('script[type="text/plain"]')).to.have.length(1);
  });

  it('carries every attribute over; data-type gives the real type', async () => {
    const src = js(log('module'));
    const original = tagged({
      'data-service': 'analytics',
      'data-type': 'module',
      'data-src': src,
      crossorigin: 'anonymous',
      referrerpolicy: 'no-referrer',
      'data-extra': 'kept',
      id: 'tracker',
    });
    original.nonce = 'abc123';
    gate = new ScriptGate(document);
    gate.update(allowOnly('analytics'));
    await gate.settled();
    const released = box.querySelector<HTMLScriptElement>('#tracker')!;
    expect(released).not.to.equal(original);
    expect(released.type).to.equal('module');
    expect(released.getAttribute('src')).to.equal(src);
    expect(released.getAttribute('crossorigin')).to.equal('anonymous');
    expect(released.getAttribute('referrerpolicy')).to.equal('no-referrer');
    expect(released.dataset.extra).to.equal('kept');
    expect(released.nonce).to.equal('abc123');
    expect(window.gateLog).to.deep.equal(['module']);
  });

  it('a script that fails to load or throws does not stop the ones after it', async () => {
    tagged({'data-service': 'analytics', src: '/no-such-tracker.js'});
    tagged({'data-service': 'analytics'}, 'throw new Error("tracker bug")');
    tagged({'data-service': 'analytics'}, log('after'));
    const onerror = window.onerror;
    window.onerror = () => true;
    try {
      gate = new ScriptGate(document);
      gate.update(allowOnly('analytics'));
      await gate.settled();
    } finally {
      window.onerror = onerror;
    }
    expect(window.gateLog).to.deep.equal(['after']);
  });

  it('runs each script once, however often it is updated', async () => {
    tagged({'data-service': 'analytics'}, log('once'));
    gate = new ScriptGate(document);
    gate.update(allowOnly('analytics'));
    gate.update(allowOnly('analytics'));
    await gate.settled();
    gate.update(allowOnly('analytics', 'ads'));
    await gate.settled();
    expect(window.gateLog).to.deep.equal(['once']);
  });

  it('gates scripts added later: blocked until allowed, then run', async () => {
    gate = new ScriptGate(document);
    gate.update(allowOnly('analytics'));
    tagged({'data-service': 'analytics'}, log('late-allowed'));
    tagged({'data-service': 'ads'}, log('late-blocked'));
    await tick();
    await gate.settled();
    expect(window.gateLog).to.deep.equal(['late-allowed']);
    gate.update(allowOnly('analytics', 'ads'));
    await gate.settled();
    expect(window.gateLog).to.deep.equal(['late-allowed', 'late-blocked']);
  });

  it('releases scripts added in one batch in document order, found in the added subtrees only', async () => {
    gate = new ScriptGate(document);
    gate.update(allowOnly('analytics'));
    const first = document.createElement('section');
    first.innerHTML = `<div><script type="text/plain" data-service="analytics">${log('sub-1')}</script></div>`;
    const second = document.createElement('section');
    second.innerHTML = `<script type="text/plain" data-service="analytics">${log('sub-2')}</script>
      <p><script type="text/plain" data-service="ads">${log('sub-blocked')}</script></p>
      <script type="text/plain" data-service="analytics">${log('sub-3')}</script>`;
    const wholeDocument: unknown[] = [];
    const query = Document.prototype.querySelectorAll;
    Document.prototype.querySelectorAll = function (this: Document, selector: string) {
      wholeDocument.push(selector);
      return query.call(this, selector);
    } as typeof query;
    try {
      // Added in reverse: the later one first.
      box.append(second);
      second.before(first);
      first.append(Object.assign(document.createElement('script'), {type: 'text/plain', text: log('sub-1b')}));
      first.lastElementChild!.setAttribute('data-service', 'analytics');
      await tick();
      await gate.settled();
    } finally {
      Document.prototype.querySelectorAll = query;
    }
    expect(window.gateLog).to.deep.equal(['sub-1', 'sub-1b', 'sub-2', 'sub-3']);
    expect(wholeDocument).to.deep.equal([]);
  });

  it('runs a script at most once per page: a re-rendered copy of one that ran does not run again', async () => {
    const src = js(log('external'));
    tagged({'data-service': 'analytics', src});
    tagged({'data-service': 'analytics'}, log('inline'));
    gate = new ScriptGate(document);
    gate.update(allowOnly('analytics'));
    await gate.settled();
    // A framework re-renders: the same tagged markup comes back, and a second gate starts.
    box.innerHTML = `<script type="text/plain" data-service="analytics" src="${src}"></script>
      <script type="text/plain" data-service="analytics">${log('inline')}</script>
      <script type="text/plain" data-service="analytics">${log('new-inline')}</script>`;
    gate.stop();
    gate = new ScriptGate(document);
    gate.update(allowOnly('analytics'));
    await tick();
    await gate.settled();
    expect(window.gateLog).to.deep.equal(['external', 'inline', 'new-inline']);
  });

  it('a script that cannot be released at all is reported and does not stop the ones after it', async () => {
    box.innerHTML = `<script type="text/plain" data-service="analytics" src="https://[typo/x.js"></script>
      <script type="text/plain" data-service="analytics">${log('after-malformed')}</script>`;
    const errors: unknown[][] = [];
    const consoleError = console.error;
    console.error = (...args: unknown[]) => errors.push(args);
    try {
      gate = new ScriptGate(document);
      gate.update(allowOnly('analytics'));
      await gate.settled();
    } finally {
      console.error = consoleError;
    }
    expect(window.gateLog).to.deep.equal(['after-malformed']);
    expect(errors).to.have.length(1);
    expect(String(errors[0][1])).to.match(/Invalid URL/);
    expect(errors[0][0]).to.equal('consent-banner: could not release a tagged script:');
  });

  it('wraps released code and URLs in its own Trusted Types policy, "consent-banner", which wraps nothing else', async () => {
    tagged({'data-service': 'analytics', src: js(log('tt-external')), onload: log('tt-onload')});
    tagged({'data-service': 'analytics'}, log('tt-inline'));
    gate = new ScriptGate(document);
    gate.update(allowOnly('analytics'));
    await gate.settled();
    expect(window.gateLog).to.deep.equal(['tt-external', 'tt-onload', 'tt-inline']);
    const policy = policies['consent-banner'];
    expect(policy, 'the policy was created').to.exist;
    expect(() => policy.createScript('alert(1)')).to.throw(TypeError, 'only wraps tagged scripts');
    expect(() => policy.createScriptURL('https://evil.example/x.js')).to.throw(TypeError, 'only wraps tagged scripts');
    expect(trustedTypes.defaultPolicy).to.equal(null);
  });

  it('leaves iframes and images empty until released, reporting each blocked embed once', async () => {
    const frame = document.createElement('iframe');
    frame.setAttribute('data-src', 'about:blank#video');
    frame.setAttribute('data-service', 'video');
    const img = document.createElement('img');
    img.setAttribute('data-src', '/pixel.gif');
    img.setAttribute('data-category', 'advertising');
    box.append(frame, img);
    const blocked: Element[] = [];
    const released: Element[] = [];
    gate = new ScriptGate(document, {onBlocked: (el) => blocked.push(el), onReleased: (el) => released.push(el)});
    gate.update(allowOnly());
    gate.update(allowOnly());
    expect(frame.hasAttribute('src')).to.equal(false);
    expect(img.hasAttribute('src')).to.equal(false);
    expect(blocked).to.deep.equal([frame, img]);
    gate.update(allowOnly('video'));
    expect(frame.getAttribute('src')).to.equal('about:blank#video');
    expect(img.hasAttribute('src')).to.equal(false);
    expect(released).to.deep.equal([frame]);
  });
});
