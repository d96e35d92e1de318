import {expect} from '@open-wc/testing';
import {makeRecord, rejectAllChoice} from '../../src/core/make-record.js';
import {ScriptGate} from '../../src/browser/gate.js';
import {isAllowed, readTag} from '../../src/core/script-gate.js';
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

/** Runs `body` with console.error captured; resolves with the arguments of each call. */
async function consoleErrorsOf(body: () => unknown): Promise<unknown[][]> {
  const errors: unknown[][] = [];
  const consoleError = console.error;
  console.error = (...args: unknown[]) => errors.push(args);
  try {
    await body();
  } finally {
    console.error = consoleError;
  }
  return errors;
}

describe('isAllowed', () => {
  const accepted = makeRecord(manifest, {categories: {performance: true}}, 'custom', null, NOW, idMaker());
  const refused = makeRecord(manifest, rejectAllChoice(manifest), 'reject-all', null, NOW, idMaker());
  const optedOut = makeRecord(manifest, {services: {matomo: false}}, 'opt-out', null, NOW, idMaker());
  const partlyRefused = makeRecord(manifest, {categories: {performance: true, advertising: false}}, 'custom', null, NOW, idMaker());
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
    ['!category, another purpose answered, this one still to ask (R24)', {category: 'advertising', negated: true}, accepted, false],
    ['!category, this purpose answered no among others', {category: 'advertising', negated: true}, partlyRefused, true],
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
  const allowOnly =
    (...ids: string[]) =>
    (tag: GateTag) =>
      ids.includes(tag.service ?? tag.category ?? '');

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
    const errors = await consoleErrorsOf(async () => {
      gate = new ScriptGate(document);
      gate.update(allowOnly('analytics'));
      await gate.settled();
    });
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

/*
 * Every kind of tracker, not only scripts (EDPB Guidelines 2/2023: pixels, stylesheets, media and
 * objects reach the device too; docs/rules.md R1, R2). Each kind holds its URLs as `data-*` until
 * its service is accepted. Requests are seen through Resource Timing, from the first moment of
 * this file; each test uses URLs of its own, so that what another test fetched does not count.
 */
describe('ScriptGate holds every kind of tracker, not only scripts', () => {
  const requested: string[] = [];
  new PerformanceObserver((list) => requested.push(...list.getEntries().map((entry) => entry.name))).observe({
    type: 'resource',
    buffered: true,
  });
  let serial = 0;
  /** A URL no test has asked for yet, of a file the test server has. */
  const fresh = (file = '/demo/favicon.svg') => `${file}?gate-kind=${Date.now()}-${++serial}`;
  const absolute = (url: string) => new URL(url, location.href).href;
  const count = (url: string) => requested.filter((name) => name === absolute(url)).length;
  /** Waits long enough for a request the element would make to have been reported. */
  const quiet = () => new Promise((resolve) => setTimeout(resolve, 400));
  const until = async (done: () => boolean, what: string) => {
    for (const end = Date.now() + 5000; !done(); await tick()) if (Date.now() > end) throw new Error(`timed out: ${what}`);
  };

  let box: HTMLElement;
  let gate: ScriptGate;
  beforeEach(() => {
    box = document.createElement('div');
    document.body.append(box);
  });
  afterEach(() => {
    gate?.stop();
    box.remove();
  });
  const allowOnly =
    (...ids: string[]) =>
    (tag: GateTag) =>
      ids.includes(tag.service ?? tag.category ?? '');
  const make = (html: string) => {
    const template = document.createElement('template');
    template.innerHTML = html;
    const el = template.content.firstElementChild!;
    box.append(el);
    return el;
  };

  // [kind, its markup for a service and URLs, the attributes a released element must have (name → URL index)]
  const kinds: [string, (service: string, urls: string[]) => string, string[], Record<string, number>][] = [
    [
      '<img data-src> (a tracking pixel)',
      (s, [u]) => `<img data-src="${u}" data-service="${s}" alt="" width="1" height="1">`,
      [fresh()],
      {src: 0},
    ],
    ['<img data-srcset>', (s, [u]) => `<img data-srcset="${u} 1x" data-service="${s}" alt="">`, [fresh()], {srcset: 0}],
    [
      '<link rel="stylesheet" data-href>',
      (s, [u]) => `<link rel="stylesheet" data-href="${u}" data-service="${s}">`,
      [fresh('/demo/demo.css')],
      {href: 0},
    ],
    [
      '<link rel="preload" data-href>',
      (s, [u]) => `<link rel="preload" as="image" data-href="${u}" data-service="${s}">`,
      [fresh()],
      {href: 0},
    ],
    [
      '<video data-src data-poster>',
      (s, [u, p]) => `<video data-src="${u}" data-poster="${p}" data-service="${s}" preload="auto" muted></video>`,
      [fresh(), fresh()],
      {src: 0, poster: 1},
    ],
    [
      '<video> with <source data-src> children',
      (s, [u, v]) =>
        `<video data-service="${s}" preload="auto" muted><source data-src="${u}" type="video/webm"><source data-src="${v}"></video>`,
      [fresh(), fresh()],
      {},
    ],
    ['<audio data-src>', (s, [u]) => `<audio data-src="${u}" data-service="${s}" preload="auto"></audio>`, [fresh()], {src: 0}],
    [
      '<audio> with a <source data-src>',
      (s, [u]) => `<audio data-service="${s}" preload="auto"><source data-src="${u}"></audio>`,
      [fresh()],
      {},
    ],
    [
      '<object data-data>',
      (s, [u]) => `<object data-data="${u}" type="image/svg+xml" data-service="${s}" width="10" height="10"></object>`,
      [fresh()],
      {data: 0},
    ],
    [
      '<embed data-src>',
      (s, [u]) => `<embed data-src="${u}" type="image/svg+xml" data-service="${s}" width="10" height="10">`,
      [fresh()],
      {src: 0},
    ],
  ];

  for (const [kind, markup, urls, attributes] of kinds) {
    it(`R1: ${kind} makes no request before consent, loads once accepted, and only once`, async () => {
      const el = make(markup('analytics', urls));
      const held = [el, ...el.querySelectorAll('source')];
      const sources = [...el.querySelectorAll('source')];
      gate = new ScriptGate(document);
      gate.update(allowOnly());
      await quiet();
      expect(urls.map(count), 'requests before consent').to.deep.equal(urls.map(() => 0));
      for (const name of ['src', 'srcset', 'href', 'poster', 'data'])
        for (const h of held) expect(h.hasAttribute(name), name).to.equal(false);

      gate.update(allowOnly('analytics'));
      for (const [name, index] of Object.entries(attributes)) {
        expect(el.getAttribute(name)).to.equal(name === 'srcset' ? `${urls[index]} 1x` : urls[index]);
        expect(el.hasAttribute(`data-${name}`), `data-${name} is gone`).to.equal(false);
      }
      sources.forEach((source, i) => {
        expect(source.getAttribute('src')).to.equal(urls[i]);
        expect(source.hasAttribute('data-src')).to.equal(false);
      });
      // A video tries its sources in turn (these are not playable): each is asked for.
      for (const url of urls) await until(() => count(url) > 0, `a request for ${url}`);

      // Run once: later updates, with more allowed, release nothing again.
      gate.update(allowOnly('analytics'));
      gate.update(allowOnly('analytics', 'ads'));
      await quiet();
      expect(urls.map(count), 'one request for each URL, after more updates').to.deep.equal(urls.map(() => 1));
    });
  }

  it('R1: a <picture> holds its <source data-srcset> and its <img>: no request before consent; once accepted, the image its source names, once', async () => {
    const [chosen, fallback] = [fresh(), fresh()];
    const picture = make(
      `<picture data-service="analytics"><source data-srcset="${chosen} 1x" media="(min-width: 1px)"><img data-src="${fallback}" data-srcset="${fallback} 1x" alt=""></picture>`
    );
    const [source, img] = picture.children as unknown as [HTMLSourceElement, HTMLImageElement];
    const blocked: Element[] = [];
    gate = new ScriptGate(document, {onBlocked: (el) => blocked.push(el)});
    gate.update(allowOnly());
    await quiet();
    expect([count(chosen), count(fallback)], 'requests before consent').to.deep.equal([0, 0]);
    expect(box.querySelectorAll('[src],[srcset]')).to.have.length(0);
    expect(blocked, 'the picture is reported, once, for its children').to.deep.equal([picture]);

    gate.update(allowOnly('analytics'));
    expect([source.getAttribute('srcset'), img.getAttribute('src'), img.getAttribute('srcset')]).to.deep.equal([
      `${chosen} 1x`,
      fallback,
      `${fallback} 1x`,
    ]);
    expect(box.querySelectorAll('[data-src],[data-srcset]')).to.have.length(0);
    await until(() => count(chosen) > 0 && img.complete, 'the source’s image');
    expect(img.currentSrc).to.equal(absolute(chosen));
    gate.update(allowOnly('analytics', 'ads'));
    await quiet();
    expect([count(chosen), count(fallback)], 'the source’s image once, the fallback never').to.deep.equal([1, 0]);
  });

  it('R2: a refused service keeps every kind held: nothing is requested, however often the gate updates', async () => {
    const all = kinds.map(([, markup, urls]) => {
      const mine = urls.map((url) => url.replace('gate-kind=', 'gate-kind=refused-'));
      make(markup('ads', mine));
      return mine;
    });
    gate = new ScriptGate(document);
    gate.update(allowOnly('analytics'));
    gate.update(allowOnly('analytics', 'performance'));
    await quiet();
    expect(all.flat().filter((url) => count(url) > 0)).to.deep.equal([]);
    expect(box.querySelectorAll('[src],[srcset],[href],[poster],[data]')).to.have.length(0);
  });

  it('R2: data-category="!performance" releases an image, a stylesheet and a video when that category is refused, and not before', async () => {
    const urls = [fresh(), fresh('/demo/demo.css'), fresh()];
    make(`<img data-src="${urls[0]}" data-category="!performance" alt="">`);
    make(`<link rel="stylesheet" data-href="${urls[1]}" data-category="!performance">`);
    make(`<video data-poster="${urls[2]}" data-category="!performance"></video>`);
    const accepted = makeRecord(manifest, {categories: {performance: true}}, 'custom', null, NOW, idMaker());
    const refused = makeRecord(manifest, rejectAllChoice(manifest), 'reject-all', null, NOW, idMaker());
    gate = new ScriptGate(document);
    gate.update((tag) => isAllowed(tag, manifest, null));
    gate.update((tag) => isAllowed(tag, manifest, accepted));
    await quiet();
    expect(urls.map(count)).to.deep.equal([0, 0, 0]);
    gate.update((tag) => isAllowed(tag, manifest, refused));
    for (const url of urls) await until(() => count(url) === 1, url);
  });

  it('gates media added later: a <source data-src> parsed after its video is held, then released with it', async () => {
    gate = new ScriptGate(document);
    gate.update(allowOnly());
    const video = make('<video data-service="analytics" preload="auto" muted></video>') as HTMLVideoElement;
    await tick();
    const url = fresh();
    video.append(Object.assign(document.createElement('source'), {}));
    video.lastElementChild!.setAttribute('data-src', url);
    await quiet();
    expect(count(url)).to.equal(0);
    gate.update(allowOnly('analytics'));
    expect(video.querySelector('source')!.getAttribute('src')).to.equal(url);
    await until(() => count(url) === 1, url);
  });

  it('reports each blocked element once, a video for itself whatever its sources hold; reports its release', async () => {
    const video = make(
      `<video data-poster="${fresh()}" data-service="ads"><source data-src="${fresh()}"><source data-src="${fresh()}"></video>`
    );
    const img = make(`<img data-srcset="${fresh()} 1x" data-service="ads" alt="">`);
    const link = make(`<link rel="prefetch" data-href="${fresh()}" data-category="advertising">`);
    const blocked: Element[] = [];
    const released: Element[] = [];
    gate = new ScriptGate(document, {onBlocked: (el) => blocked.push(el), onReleased: (el) => released.push(el)});
    gate.update(allowOnly());
    gate.update(allowOnly('analytics'));
    expect(blocked).to.deep.equal([video, img, link]);
    gate.update(allowOnly('ads', 'advertising'));
    expect(released).to.deep.equal([video, video, video, img, link]);
    expect(blocked).to.have.length(3);
  });

  it('an element that cannot be released is reported on the console and does not stop the ones after it', async () => {
    const broken = make(`<object data-data="${fresh()}" data-service="analytics"></object>`);
    broken.setAttribute = () => {
      throw new TypeError('refused by the page');
    };
    const url = fresh();
    const img = make(`<img data-src="${url}" data-service="analytics" alt="">`);
    const errors = await consoleErrorsOf(() => {
      gate = new ScriptGate(document);
      gate.update(allowOnly('analytics'));
    });
    expect(img.getAttribute('src')).to.equal(url);
    expect(errors.map(([message, error]) => `${message} ${error}`)).to.deep.equal([
      'consent-banner: could not release a tagged element: TypeError: refused by the page',
    ]);
  });
});
