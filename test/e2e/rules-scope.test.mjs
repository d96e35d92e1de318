// docs/rules.md §A, scope and validity of consent (R1–R8): nothing that needs consent touches the
// device or leaves the page before a clear yes, a refusal holds on every page, consent is per
// purpose, and refusing never walls the site off. Checked on the five demo sites and on two more
// Dimelo pages (test/e2e/pages/dimelo-*.html: same host, same manifest, same consent cookie).
import Ajv2020 from 'ajv/dist/2020.js';
import assert from 'node:assert/strict';
import {mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {after, before, describe, it} from 'node:test';
import {root} from '../node/load-core.mjs';
import {cli} from '../built/run-cli.mjs';
import {
  SITES,
  a11yNodes,
  clickButton,
  clickSwitch,
  consentRequests,
  consentServices,
  declaredStorage,
  idle,
  inBanner,
  inContext,
  openDialogs,
  ran,
  readManifest,
  settle,
  startHarness,
  storedNames,
  visit,
  waitForDialog,
  openAllDetails,
} from './harness.mjs';

const dimelo = readManifest('dimelo');
const MANIFEST = '/demo/dimelo/cookie-manifest.json';
const stored = (page) => page.evaluate(() => window.consentBanner.consent);
const consentCategories = (manifest) => manifest.categories.filter((c) => c.basis === 'consent').map((c) => c.id);

/**
 * docs/rules.md R1's checks, on the page as it is now: no request for a tracker that needs consent, every
 * cookie and storage key declared as necessary or exempt, no consent-category script run, every
 * gated embed still empty and every gated script still inert.
 */
async function assertNothingNeedingConsent(page, log, manifest) {
  assert.deepEqual(consentRequests(log, manifest), [], 'a tracker that needs consent was requested');
  const declared = declaredStorage(manifest);
  const names = await storedNames(page);
  for (const [where, list] of Object.entries(names)) {
    assert.deepEqual(
      list.filter((name) => !declared(name)),
      [],
      `undeclared ${where} on ${page.url()}`
    );
  }
  const consentIds = consentServices(manifest).map((s) => s.id);
  const ranIds = await ran(page);
  const needsConsent = (id) => consentIds.some((c) => id === c || id.startsWith(`${c}-`));
  assert.deepEqual(ranIds.filter(needsConsent), [], `ran: ${ranIds}`);
  const gated = await page.evaluate(
    (ids) => {
      const consentTag = (el) => ids.services.includes(el.dataset.service) || ids.categories.includes(el.dataset.category);
      return {
        embeds: [...document.querySelectorAll('[data-src]')].filter(consentTag).map((el) => [el.localName, el.getAttribute('src')]),
        scripts: [...document.querySelectorAll('script[data-service], script[data-category]')].filter(consentTag).map((el) => el.type),
      };
    },
    {services: consentIds, categories: consentCategories(manifest)}
  );
  assert.deepEqual(
    gated.embeds.filter(([, src]) => src !== null),
    [],
    'an embed that needs consent got a src'
  );
  assert.ok(
    gated.scripts.every((type) => type === 'text/plain'),
    `a gated script became runnable: ${gated.scripts}`
  );
}

describe('RULES §A: scope and validity of consent', () => {
  let harness;
  let pages;
  before(async () => {
    harness = await startHarness();
    const page = (name) => `http://dimelo.test:${harness.port}/test/e2e/pages/${name}`;
    pages = [harness.url('dimelo'), page('dimelo-article.html'), page('dimelo-contact.html')];
  });
  after(() => harness?.close());

  for (const site of SITES) {
    it(`R1 ${site}: on a first visit nothing that needs consent is requested, stored or run; every cookie is declared`, () =>
      inContext(harness, {}, async ({page, log}) => {
        const manifest = readManifest(site);
        await visit(page, harness.url(site));
        await assertNothingNeedingConsent(page, log, manifest);
        // The page's own necessary (and exempt) scripts did run: the check above is not vacuous.
        assert.ok((await ran(page)).includes('session'));
        assert.deepEqual(await openDialogs(page), consentServices(manifest).length ? ['banner'] : []);
        assert.deepEqual(log.errors, []);
      }));
  }

  it('R1 the other Dimelo pages (an article with an embed, a contact form) release nothing before consent either', () =>
    inContext(harness, {}, async ({page, log}) => {
      for (const url of pages.slice(1)) {
        await visit(page, url);
        await assertNothingNeedingConsent(page, log, dimelo);
        assert.deepEqual(await openDialogs(page), ['banner']);
      }
    }));

  for (const [how, refuse] of [
    ['“Tout refuser”', (page) => clickButton(page, 'reject-all')],
    ['closing (×)', (page) => page.click('consent-banner >>> [part=banner] [part=close]')],
  ]) {
    it(`R2 after ${how}, three pages loaded and reloaded release nothing refused; every consent category is stored false`, () =>
      inContext(harness, {}, async ({page, log}) => {
        await visit(page, pages[0]);
        await refuse(page);
        await settle(page);
        // What the site runs for visitors who refused measurement does run: the refusal is applied, not ignored.
        assert.deepEqual(await ran(page), ['session', 'no-analytics-fallback']);
        const record = await stored(page);
        for (const id of consentCategories(dimelo)) assert.equal(record.categories[id], false, id);
        for (const s of consentServices(dimelo)) assert.equal(record.services[s.id], false, s.id);
        for (const url of pages) {
          for (const load of ['visit', 'reload']) {
            if (load === 'visit') await visit(page, url);
            else {
              await page.reload({waitUntil: 'load'});
              await settle(page);
            }
            await assertNothingNeedingConsent(page, log, dimelo);
            assert.deepEqual(await openDialogs(page), [], `the banner came back on ${url}`);
          }
        }
      }));
  }

  it('R3 scrolling, following links, changing page, tabbing and waiting a minute are not consent', () =>
    inContext(harness, {viewport: {width: 1024, height: 600}}, async ({page, log}) => {
      await visit(page, pages[1]);
      await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
      await page.click('#to-suite');
      assert.equal(new URL(page.url()).hash, '#suite');
      await Promise.all([page.waitForNavigation({waitUntil: 'load'}), page.click('#to-contact')]);
      await settle(page);
      for (let i = 0; i < 10; i++) await page.keyboard.press('Tab');
      await assertNothingNeedingConsent(page, log, dimelo);
      await idle(page, 60_000);
      assert.equal(await stored(page), null);
      assert.deepEqual(await openDialogs(page), ['banner']);
      assert.equal(await page.evaluate(() => (window.__changes ?? []).length), 0);
      assert.deepEqual(await ran(page), ['session']);
      assert.deepEqual(consentRequests(log, dimelo), []);
      assert.ok(!(await page.cookies()).some((c) => c.name === 'dimelo_consent'), 'a choice was stored');
    }));

  it('R4 nothing is on at first: every consent switch (category and service) is off; necessary has no switch', () =>
    inContext(harness, {}, async ({page}) => {
      await visit(page, pages[0]);
      await clickButton(page, 'customise');
      await waitForDialog(page, 'preferences');
      await openAllDetails(page);
      const switches = await a11yNodes(page, 'switch');
      const consentNames = [
        ...dimelo.categories.filter((c) => c.basis === 'consent').map((c) => c.title.fr),
        ...consentServices(dimelo).map((s) => `Autoriser ${s.name}`),
      ];
      assert.deepEqual(switches.map((s) => s.name).sort(), consentNames.sort());
      assert.deepEqual(
        switches.filter((s) => s.checked !== false).map((s) => s.name),
        []
      );
      const necessary = await inBanner(page, (root) => {
        const section = root.querySelector('#category-necessary').closest('section');
        return {switches: section.querySelectorAll('input').length, label: section.querySelector('.purpose').textContent};
      });
      assert.equal(necessary.switches, 0);
      assert.match(necessary.label, /Toujours actif/);
    }));

  it('R4 an exempt category shows no consent switch either, only that it is always on', () =>
    inContext(harness, {}, async ({page}) => {
      await visit(page, `http://lumen.test:${harness.port}/test/e2e/pages/mixed.html`);
      await clickButton(page, 'customise');
      await waitForDialog(page, 'preferences');
      const rows = await inBanner(page, (root) =>
        [...root.querySelectorAll('[part=preferences] section')].map((section) => {
          const title = section.querySelector('h3').textContent;
          const row = section.querySelector('h3').parentElement;
          const control = row.querySelector('input');
          return [title, control ? (control.checked ? 'on' : 'off') : row.textContent.replace(title, '').trim()];
        })
      );
      assert.deepEqual(rows, [
        ['Essential', 'Always on'],
        ['Audience measurement', 'Always on'],
        ['Performance', 'off'],
        ['Advertising', 'off'],
      ]);
    }));

  it('R5 one switch per purpose; saving only “performance” runs only its scripts, the others stay text/plain', () =>
    inContext(harness, {}, async ({page, log}) => {
      await visit(page, pages[0]);
      await clickButton(page, 'customise');
      await clickSwitch(page, '[data-category="performance"]');
      await clickButton(page, 'save');
      await settle(page);
      const expected = ['session', 'google-analytics', 'google-analytics-inline', 'hubspot-analytics'];
      assert.deepEqual(await ran(page), expected);
      const record = await stored(page);
      assert.equal(record.method, 'custom');
      assert.deepEqual(record.categories, {necessary: true, performance: true, advertising: false, social: false});
      for (const url of [pages[0], pages[2]]) {
        await visit(page, url);
        const inert = await page.$$eval(
          'script[data-category="advertising"], script[data-service="doubleclick"], script[data-service="facebook"], script[data-service="linkedin"]',
          (list) => list.map((s) => s.type)
        );
        assert.ok(inert.length > 0 && inert.every((type) => type === 'text/plain'), `${url}: ${inert}`);
      }
      assert.deepEqual(await ran(page), ['session', 'hubspot-analytics']);
      assert.ok(
        !log.requests.some((p) => /doubleclick|facebook|linkedin|addthis|google-ads|youtube/.test(p)),
        JSON.stringify(log.requests)
      );
    }));

  for (const [how, refuse] of [
    ['“Tout refuser”', (page) => clickButton(page, 'reject-all')],
    ['Escape', (page) => page.keyboard.press('Escape')],
  ]) {
    it(`R6 after ${how} the site is fully usable: no overlay, nothing inert, it scrolls, its links work, the embed has a placeholder`, () =>
      inContext(harness, {viewport: {width: 1024, height: 600}}, async ({page}) => {
        await visit(page, pages[1]);
        await inBanner(page, (root) => root.querySelector('[part=banner] button[data-choice]').focus());
        await refuse(page);
        await page.waitForFunction(() => window.consentBanner.consent !== null);
        assert.deepEqual(await openDialogs(page), []);
        const state = await page.evaluate(() => {
          const deep = (node) => [node, ...[...node.querySelectorAll('*')].flatMap((e) => (e.shadowRoot ? deep(e.shadowRoot) : [e]))];
          const heading = document.querySelector('h1').getBoundingClientRect();
          return {
            inert: deep(document).filter((e) => e.inert || e.hasAttribute?.('inert')).length,
            bodyOverflow: getComputedStyle(document.body).overflow + getComputedStyle(document.documentElement).overflow,
            atHeading: document.elementFromPoint(heading.x + 5, heading.y + heading.height / 2)?.localName,
          };
        });
        assert.equal(state.inert, 0);
        assert.doesNotMatch(state.bodyOverflow, /hidden|clip/);
        assert.equal(state.atHeading, 'h1');
        await page.mouse.wheel({deltaY: 2000});
        await page.waitForFunction(() => window.scrollY > 0);
        await page.click('#to-suite');
        assert.equal(new URL(page.url()).hash, '#suite');
        const text = await page.$eval('consent-placeholder', (p) => p.shadowRoot.textContent);
        assert.match(text, /YouTube/);
        await Promise.all([page.waitForNavigation({waitUntil: 'load'}), page.click('#to-contact')]);
        assert.match(page.url(), /dimelo-contact\.html$/);
      }));
  }

  it('R7 "legitimate interest" is no basis: the schema and the page refuse it, the preferences offer no right-to-object switch', () =>
    inContext(harness, {}, async ({page, log}) => {
      const schema = JSON.parse(readFileSync(`${root}schema/cookie-manifest.schema.json`, 'utf8'));
      const validate = new Ajv2020({strict: false}).compile(schema);
      const manifest = structuredClone(dimelo);
      for (const basis of ['legitimate-interest', 'legitimate_interest', 'contract', 'object']) {
        manifest.categories[2].basis = basis;
        assert.equal(validate(manifest), false, basis);
      }
      await inContext(harness, {manifests: {[MANIFEST]: manifest}}, async (broken) => {
        await visit(broken.page, pages[0]);
        assert.match(await broken.page.evaluate(() => window.__consentError.message), /categories\[2\]\.basis/);
        assert.deepEqual(await ran(broken.page), []);
      });
      await visit(page, pages[0]);
      await clickButton(page, 'customise');
      await waitForDialog(page, 'preferences');
      const text = await inBanner(page, (root) => root.querySelector('[part=preferences]').textContent);
      assert.doesNotMatch(text, /intérêt légitime|legitimate interest|vous opposer|object to/i);
      assert.deepEqual(log.errors, []);
    }));

  it('R8 a tracking service declared necessary (Google Analytics) or exempt (HubSpot): the site owner’s check warns, naming it; the visitor’s page and console are unchanged', async () => {
    const manifest = structuredClone(dimelo);
    manifest.services.find((s) => s.id === 'google-analytics').category = 'necessary';
    manifest.categories.push({id: 'audience', basis: 'exempt', title: 'Audience', exemption: 'CNIL'});
    manifest.services.find((s) => s.id === 'hubspot-analytics').category = 'audience';
    const dir = mkdtempSync(join(tmpdir(), 'consent-r8-'));
    try {
      const file = join(dir, 'cookie-manifest.json');
      writeFileSync(file, JSON.stringify(manifest, null, 2));
      const {code, stdout} = await cli(['validate', file]);
      assert.equal(code, 0, stdout);
      assert.match(stdout, /warning: services\[1\]\.category: Google Analytics is not strictly necessary/);
      assert.match(stdout, /warning: services\[2\]\.category: HubSpot Analytics \(HubSpot\) is not exempt audience measurement/);
    } finally {
      rmSync(dir, {recursive: true, force: true});
    }
    await inContext(harness, {manifests: {[MANIFEST]: manifest}}, async ({page, log}) => {
      await visit(page, pages[0]);
      assert.deepEqual(
        log.warnings.filter((w) => w.startsWith('consent-banner:')),
        []
      );
      assert.deepEqual(await openDialogs(page), ['banner']);
    });
  });
});
