// Issue 13: privacy tools that answer banners for the visitor. DuckDuckGo's autoconsent cannot
// see a banner inside a shadow root with its generic detection, so autoconsent/consent-banner.json
// is a rule for ours, in autoconsent's own JSON format (AutoConsentCMPRule: an array of selectors
// pierces into the previous element's shadow root). Here autoconsent itself (the devDependency
// @duckduckgo/autoconsent, its content script built for automation) runs in the Dimelo demo,
// offline, driven through its messages as DuckDuckGo's browsers drive it: it must find the banner,
// refuse, and leave a refusal stored with nothing that needs consent having run.
import assert from 'node:assert/strict';
import {readFileSync} from 'node:fs';
import {after, before, describe, it} from 'node:test';
import {encodeRules, filterCompactRules} from '@duckduckgo/autoconsent';
import {root} from '../node/load-core.mjs';
import {consentRequests, consentServices, inContext, openDialogs, ran, readManifest, settle, startHarness, visit} from './harness.mjs';

const PACKAGE = `${root}node_modules/@duckduckgo/autoconsent/`;
const CONTENT_SCRIPT = readFileSync(`${PACKAGE}dist/autoconsent.playwright.js`, 'utf8');
/** The rules autoconsent ships (what a DuckDuckGo browser has without ours). */
const BUNDLED = JSON.parse(readFileSync(`${PACKAGE}rules/rules.json`, 'utf8')).autoconsent;
const RULE_FILE = 'autoconsent/consent-banner.json';
const RULE = JSON.parse(readFileSync(`${root}${RULE_FILE}`, 'utf8'));

const MANIFEST = readManifest('dimelo');
const COOKIE = MANIFEST.cookie?.name ?? 'consent';
const CONSENT_SERVICES = consentServices(MANIFEST).map((s) => s.id);
const CONSENT_CATEGORIES = MANIFEST.categories.filter((c) => (c.basis ?? 'consent') === 'consent').map((c) => c.id);

/** autoconsent's settings (lib/types.ts `Config`); `logs` is replaced whole, so every key is given. */
const config = (overrides = {}) => ({
  enabled: true,
  autoAction: 'optOut',
  disabledCmps: [],
  enablePrehide: true,
  enableCosmeticRules: true,
  enableGeneratedRules: true,
  detectRetries: 20,
  isMainWorld: false,
  prehideTimeout: 2000,
  enableHeuristicDetection: false,
  heuristicMode: 'off',
  logs: {lifecycle: false, rulesteps: false, detectionsteps: false, evals: false, errors: true, messages: false, waits: false},
  ...overrides,
});

// ---- The rule's shape and its selectors ----

// The keys of AutoConsentCMPRule and AutoConsentRuleStep (lib/rules.ts of the package).
const RULE_KEYS = new Set([
  ...['name', 'vendorUrl', 'prehideSelectors', 'runContext', 'intermediate', 'cosmetic', 'comment', 'minimumRuleStepVersion', '_metadata'],
  ...['detectCmp', 'detectPopup', 'optOut', 'optIn', 'openCmp', 'test'],
]);
const STEP_LISTS = ['detectCmp', 'detectPopup', 'optOut', 'optIn', 'openCmp', 'test'];
const SELECTOR_KEYS = ['exists', 'visible', 'waitFor', 'waitForVisible', 'click', 'waitForThenClick', 'selector'];
const STEP_KEYS = new Set([
  ...SELECTOR_KEYS,
  ...['optional', 'comment', 'check', 'timeout', 'all', 'eval', 'wait', 'hide', 'method', 'if', 'then', 'else', 'any', 'negated'],
  ...['cookieContains', 'removeClass', 'setStyle', 'addStyle'],
]);

/** What is wrong with the rule's shape: unknown keys, missing lists, selectors that are not strings. */
function shapeProblems(rule) {
  const problems = [];
  if (typeof rule.name !== 'string' || !rule.name) problems.push('name: must be a non-empty string');
  for (const key of Object.keys(rule)) if (!RULE_KEYS.has(key)) problems.push(`${key}: not a key of AutoConsentCMPRule`);
  for (const key of ['detectCmp', 'detectPopup', 'optOut', 'optIn']) {
    if (!Array.isArray(rule[key]) || !rule[key].length) problems.push(`${key}: must be a non-empty list of steps`);
  }
  const walk = (steps, path) =>
    steps.forEach((step, i) => {
      const at = `${path}[${i}]`;
      for (const key of Object.keys(step)) if (!STEP_KEYS.has(key)) problems.push(`${at}.${key}: not a rule step`);
      for (const key of SELECTOR_KEYS) {
        const s = step[key];
        if (s !== undefined && !(typeof s === 'string' || (Array.isArray(s) && s.length && s.every((part) => typeof part === 'string')))) {
          problems.push(`${at}.${key}: a selector is a string or a list of strings`);
        }
      }
      // An eval step names a snippet built into autoconsent: a rule kept outside it cannot add one.
      if (step.eval !== undefined) problems.push(`${at}.eval: only autoconsent's built-in snippets can be evaluated`);
      if (step.if) walk([step.if], `${at}.if`);
      for (const key of ['then', 'else', 'any']) if (step[key]) walk(step[key], `${at}.${key}`);
    });
  for (const key of STEP_LISTS) if (Array.isArray(rule[key])) walk(rule[key], key);
  return problems;
}

/** Every selector of the rule, with where it is: [{path: 'optOut[0].waitForThenClick', selector}]. */
function selectorsOf(rule) {
  const found = [];
  const walk = (steps, path) =>
    steps.forEach((step, i) => {
      const at = `${path}[${i}]`;
      for (const key of SELECTOR_KEYS) if (step[key] !== undefined) found.push({path: `${at}.${key}`, selector: step[key]});
      if (step.if) walk([step.if], `${at}.if`);
      for (const key of ['then', 'else', 'any']) if (step[key]) walk(step[key], `${at}.${key}`);
    });
  for (const key of STEP_LISTS) if (Array.isArray(rule[key])) walk(rule[key], key);
  return found;
}

/**
 * Resolves each selector in the page as autoconsent does (lib/dom-actions.ts, querySelectorChain):
 * a string is a querySelectorAll of the document; in a list, each step searches inside the first
 * match of the previous one, in its shadow root when it has one. Returns, for each, the number of
 * elements found, the step that found nothing (else -1), and the text of the first element.
 */
const resolveInPage = (page, selectors) =>
  page.evaluate((list) => {
    const query = (parent, selector) => [...(parent.shadowRoot ?? parent.contentDocument ?? parent).querySelectorAll(selector)];
    return list.map((selector) => {
      const chain = typeof selector === 'string' ? [selector] : selector;
      let parent = document;
      let matches = [];
      for (const [step, part] of chain.entries()) {
        matches = query(parent, part);
        if (!matches.length) return {count: 0, failedStep: step, text: null};
        parent = matches[0];
      }
      return {count: matches.length, failedStep: -1, text: matches[0].textContent.trim()};
    });
  }, selectors);

/**
 * The self-test of a rule against the banner open on `page`: every selector must find an element.
 * Throws one message naming each selector that no longer matches, where it is in the rule, and the
 * step of the chain that found nothing.
 */
async function assertRuleMatches(page, rule, file = RULE_FILE) {
  const selectors = selectorsOf(rule);
  const results = await resolveInPage(
    page,
    selectors.map((s) => s.selector)
  );
  const broken = selectors
    .map(({path, selector}, i) => ({path, selector, ...results[i]}))
    .filter((r) => !r.count)
    .map(({path, selector, failedStep}) => {
      const chain = typeof selector === 'string' ? [selector] : selector;
      const where = failedStep ? ` inside ${JSON.stringify(chain[failedStep - 1])}` : ' in the document';
      return `${file} ${path}: ${JSON.stringify(selector)} no longer matches the banner's markup (${JSON.stringify(chain[failedStep])} finds nothing${where})`;
    });
  if (broken.length) {
    throw new assert.AssertionError({
      message: `${broken.join('\n')}\nUpdate the rule (and its README) with the markup of src/ui/first-layer.ts (its parts and data-choice): privacy tools using it could no longer answer for the visitor.`,
    });
  }
  return results;
}

// ---- Running autoconsent in a page ----

/**
 * Wires autoconsent's content script into `page` as the package's own Puppeteer guide does
 * (docs/puppeteer.md): `autoconsentSendMessage` is a function exposed to the page, answers go
 * back through `autoconsentReceiveMessage`. `rules` is the RuleBundle sent in `initResp`; `early`
 * injects the script at the start of every document (as a browser does), else call `inject()`.
 * Only the top document is answered (the demo's blocked video is an empty frame).
 */
async function attachAutoconsent(page, {rules, settings = config(), early = true}) {
  const messages = [];
  const reply = (message) => page.evaluate((m) => window.autoconsentReceiveMessage?.(m), message).catch(() => {});
  await page.exposeFunction('autoconsentSendMessage', async (message) => {
    if (!message || typeof message !== 'object') return;
    messages.push(message);
    if (message.type === 'init' && message.url === page.mainFrame().url()) {
      await reply({type: 'initResp', config: settings, rules});
    } else if (message.type === 'eval') {
      // The bundled rules' snippets (lib/eval-snippets.ts), run in the page's own world.
      const result = await page.evaluate(message.code).catch(() => false);
      await reply({type: 'evalResp', id: message.id, result});
    }
  });
  if (early) await page.evaluateOnNewDocument(CONTENT_SCRIPT);
  const of = (type) => messages.filter((m) => m.type === type);
  return {
    messages,
    of,
    /** The last state autoconsent reported (`report` messages), top document only. */
    state: () =>
      of('report')
        .filter((m) => m.mainFrame)
        .at(-1)?.state,
    inject: () => page.evaluate(CONTENT_SCRIPT),
    selfTest: () => reply({type: 'selfTest'}),
    /** Waits for a message that `matches`; the failure says what autoconsent reported last. */
    async until(what, matches, timeout = 15_000) {
      for (const start = Date.now(); Date.now() - start < timeout; await new Promise((r) => setTimeout(r, 50))) {
        const found = messages.find(matches);
        if (found) return found;
      }
      const last = of('report')
        .filter((m) => m.mainFrame)
        .at(-1)?.state;
      const seen = messages.filter((m) => m.type !== 'report').map((m) => JSON.stringify(m));
      throw new Error(
        `autoconsent: no ${what} within ${timeout} ms; its last state: ${JSON.stringify(last)}; its messages: ${seen.join(' ')}`
      );
    },
  };
}

const record = (page) => page.evaluate(() => window.consentBanner?.consent ?? null);
const bannerOpen = async (page) => (await openDialogs(page)).includes('banner');

/** What ran that needs consent (the demo's stand-ins push their service id, GA's inline one `google-analytics-inline`). */
const ranNeedingConsent = async (page) =>
  (await ran(page)).filter((id) => CONSENT_SERVICES.some((service) => id === service || id.startsWith(`${service}-`)));

describe('autoconsent (DuckDuckGo) answers the banner for the visitor (issue 13)', () => {
  let harness;
  before(async () => (harness = await startHarness()));
  after(() => harness?.close());

  it(`${RULE_FILE} is an AutoConsentCMPRule whose every selector resolves in the real banner`, () =>
    inContext(harness, {}, async ({page}) => {
      assert.deepEqual(shapeProblems(RULE), [], `${RULE_FILE} is not in autoconsent's rule format`);
      assert.equal(RULE.name, 'consent-banner');
      await visit(page, harness.url('dimelo'));
      assert.ok(await bannerOpen(page), 'the Dimelo demo shows its banner to a first-time visitor');
      await assertRuleMatches(page, RULE);
      // Refusing clicks "Reject all", accepting "Accept all" (never the other way round).
      const [optOut] = selectorsOf({optOut: RULE.optOut}).filter((s) => /click/i.test(s.path));
      const [optIn] = selectorsOf({optIn: RULE.optIn}).filter((s) => /click/i.test(s.path));
      const [refuse, accept] = await resolveInPage(page, [optOut.selector, optIn.selector]);
      assert.deepEqual(
        [refuse.count, refuse.text],
        [1, 'Tout refuser'],
        `${RULE_FILE} ${optOut.path} must click the one "Reject all" button`
      );
      assert.deepEqual(
        [accept.count, accept.text],
        [1, 'Tout accepter'],
        `${RULE_FILE} ${optIn.path} must click the one "Accept all" button`
      );
    }));

  it('a rule that no longer matches the markup fails with a message naming the selector, and autoconsent then refuses nothing and runs nothing', () =>
    inContext(harness, {}, async ({page, log}) => {
      const broken = structuredClone(RULE);
      const click = broken.optOut.find((step) => step.waitForThenClick);
      click.waitForThenClick = click.waitForThenClick.map((part) => part.replace('reject-all', 'refuse'));
      click.timeout = 500;
      const ac = await attachAutoconsent(page, {rules: {autoconsent: [broken]}});
      await visit(page, harness.url('dimelo'));
      await assert.rejects(assertRuleMatches(page, broken), (error) => {
        assert.equal(
          error.message.split('\n')[0],
          `${RULE_FILE} optOut[0].waitForThenClick: ["consent-banner","[part~=banner][open]","button[data-choice=refuse]"] ` +
            'no longer matches the banner\'s markup ("button[data-choice=refuse]" finds nothing inside "[part~=banner][open]")'
        );
        return true;
      });
      const result = await ac.until('optOutResult', (m) => m.type === 'optOutResult');
      assert.deepEqual([result.cmp, result.result], ['consent-banner', false], 'the broken rule finds the banner but cannot refuse');
      assert.equal(ac.of('autoconsentDone').length, 0);
      await settle(page);
      assert.ok(await bannerOpen(page), 'the banner is still there for the visitor to answer');
      assert.equal(await record(page), null, 'no choice is stored');
      assert.deepEqual(await ranNeedingConsent(page), []);
      assert.deepEqual(consentRequests(log, MANIFEST), []);
    }));

  it('with the rule beside its own, autoconsent detects the banner, refuses, and the stored record says refused', () =>
    inContext(harness, {}, async ({page, log}) => {
      const ac = await attachAutoconsent(page, {rules: {autoconsent: [...BUNDLED, RULE]}});
      await visit(page, harness.url('dimelo'));
      const optOut = await ac.until('optOutResult', (m) => m.type === 'optOutResult');
      assert.deepEqual(
        [optOut.cmp, optOut.result],
        ['consent-banner', true],
        `autoconsent could not refuse with ${RULE_FILE}; its state: ${JSON.stringify(ac.state())}`
      );
      const done = await ac.until('autoconsentDone', (m) => m.type === 'autoconsentDone');
      const summary = (type) => ac.of(type).map((m) => [m.cmp, m.result]);
      assert.deepEqual(summary('cmpDetected'), [['consent-banner', undefined]], 'only our rule claims the banner');
      assert.deepEqual(summary('popupFound'), [['consent-banner', undefined]]);
      assert.deepEqual(summary('optOutResult'), [['consent-banner', true]]);
      assert.deepEqual([done.cmp, done.isCosmetic], ['consent-banner', false]);
      assert.deepEqual(ac.of('autoconsentError'), []);
      // autoconsent's own check that the opt-out holds (the rule's `test`).
      await ac.selfTest();
      const selfTest = await ac.until('selfTestResult', (m) => m.type === 'selfTestResult');
      assert.deepEqual([selfTest.cmp, selfTest.result], ['consent-banner', true]);

      await settle(page);
      assert.deepEqual(await openDialogs(page), []);
      assert.deepEqual(await ranNeedingConsent(page), [], 'nothing that needs consent ran');
      assert.deepEqual(consentRequests(log, MANIFEST), [], 'nothing that needs consent was fetched');
      assert.deepEqual(
        await ran(page),
        ['session', 'no-analytics-fallback'],
        'what runs on a refusal: the necessary session, the fallback of "!performance"'
      );
      const stored = await record(page);
      assert.equal(stored.method, 'reject-all');
      for (const id of CONSENT_CATEGORIES) assert.equal(stored.categories[id], false, `category ${id}`);
      for (const id of CONSENT_SERVICES) assert.equal(stored.services[id], false, `service ${id}`);
      const cookie = (await page.cookies()).find((c) => c.name === COOKIE);
      assert.ok(cookie, `the choice is stored in the ${COOKIE} cookie (demo/dimelo/cookie-manifest.json cookie.name)`);
      assert.match(decodeURIComponent(cookie.value), new RegExp(stored.id));
      assert.deepEqual(log.errors, []);

      // The next page: the refusal holds, and autoconsent finds no banner to answer.
      await visit(page, harness.url('dimelo'));
      await ac.until('the banner detected again', (m) => m.type === 'cmpDetected' && ac.of('cmpDetected').length > 1);
      assert.equal((await record(page)).id, stored.id);
      assert.deepEqual(await ran(page), ['session', 'no-analytics-fallback']);
      assert.deepEqual(consentRequests(log, MANIFEST), []);
      await new Promise((resolve) => setTimeout(resolve, 1000));
      assert.equal(ac.of('popupFound').length, 1, 'no second opt-out on a page without a banner');
    }));

  it('in autoconsent’s compact encoding (opt-out only, as its rules/compact-rules.json), the rule refuses all the same', () =>
    inContext(harness, {}, async ({page, log}) => {
      const url = harness.url('dimelo');
      const compact = filterCompactRules(encodeRules([structuredClone(RULE)], null), {url, mainFrame: true});
      const ac = await attachAutoconsent(page, {rules: {autoconsent: [], compact}});
      await visit(page, url);
      const optOut = await ac.until('optOutResult', (m) => m.type === 'optOutResult');
      assert.deepEqual([optOut.cmp, optOut.result], ['consent-banner', true]);
      await ac.until('autoconsentDone', (m) => m.type === 'autoconsentDone');
      await settle(page);
      assert.equal((await record(page)).method, 'reject-all');
      assert.deepEqual(await ranNeedingConsent(page), []);
      assert.deepEqual(consentRequests(log, MANIFEST), []);
    }));

  it('without the rule, neither autoconsent’s bundled rules nor its heuristics see the banner in its shadow root (they would see its words in the light DOM)', () =>
    inContext(harness, {}, async ({page, log}) => {
      // Injected once the banner is open, with one retry: the second detection pass runs the heuristics.
      const settings = config({detectRetries: 1, enableHeuristicDetection: true, heuristicMode: 'tier2'});
      const ac = await attachAutoconsent(page, {rules: {autoconsent: BUNDLED}, settings, early: false});
      await visit(page, harness.url('dimelo'));
      assert.ok(await bannerOpen(page));
      await ac.inject();
      await ac.until('the end of detection', (m) => m.type === 'report' && m.state.lifecycle === 'nothingDetected');
      const state = ac.state();
      assert.equal(state.findCmpAttempts, 2, 'a pass with the rules, then one with the heuristics');
      assert.deepEqual(state.detectedCmps, []);
      assert.deepEqual(
        state.heuristicPatterns,
        [],
        'the page text autoconsent reads (document.documentElement.innerText) holds none of the banner’s words'
      );
      assert.deepEqual(ac.of('cmpDetected'), []);
      // Nothing answered: the banner still waits for the visitor, and nothing needing consent ran.
      assert.ok(await bannerOpen(page));
      assert.equal(await record(page), null);
      assert.deepEqual(await ranNeedingConsent(page), []);
      assert.deepEqual(consentRequests(log, MANIFEST), []);

      // The control: the same words and buttons copied into the light DOM (where the page's CSS
      // reaches them) are found by the heuristics, which click the copy's "Tout refuser".
      await visit(page, harness.url('dimelo'));
      await page.evaluate(() => {
        const banner = document.querySelector('consent-banner').shadowRoot.querySelector('[part=banner]');
        const copy = document.createElement('div');
        copy.setAttribute('role', 'dialog');
        copy.style.cssText = 'position: fixed; inset: 0 0 auto; background: white';
        copy.append(...[...banner.children].map((node) => node.cloneNode(true)));
        copy.addEventListener('click', (e) => (window.__copyClicked = e.target.closest('button')?.textContent.trim()));
        document.body.append(copy);
      });
      await ac.inject();
      const result = await ac.until('optOutResult', (m) => m.type === 'optOutResult');
      assert.deepEqual([result.cmp, result.result], ['HEURISTIC-REJECT', true]);
      assert.equal(await page.evaluate(() => window.__copyClicked), 'Tout refuser');
      // The copy has no listeners of the banner: the real banner is still open, nothing is stored.
      assert.ok(await bannerOpen(page));
      assert.equal(await record(page), null);
    }));
});
