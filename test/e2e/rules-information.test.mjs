// docs/rules.md §C, information before consent (R14–R20): who, what for, how long, with whom, in
// the visitor's language, before the click, and again at the point of use (embed placeholders).
import assert from 'node:assert/strict';
import {readFileSync} from 'node:fs';
import {after, before, describe, it} from 'node:test';
import {loadCore, root} from '../node/load-core.mjs';
import {
  a11yNodes,
  clickButton,
  consentRequests,
  consentServices,
  focused,
  inBanner,
  inContext,
  openDialogs,
  pressUntil,
  ran,
  readManifest,
  startHarness,
  visit,
  waitForDialog,
  openAllDetails,
} from './harness.mjs';

const {inSentence} = await loadCore('src/core/purpose-list.ts');

const dimelo = readManifest('dimelo');
const stored = (page) => page.evaluate(() => window.consentBanner.consent);
const dimeloIn = (lang) => ({
  '/demo/dimelo/index.html': {
    contentType: 'text/html',
    body: readFileSync(`${root}demo/dimelo/index.html`, 'utf8').replace('<html lang="fr">', `<html lang="${lang}">`),
  },
});
/** The built-in words the visitor reads, per language (README, “Drop it in”, §4). */
const WORDS = {
  fr: {
    customise: 'Personnaliser',
    changeMind: 'Changez d’avis à tout moment',
    ui: [
      'Tout accepter',
      'Tout refuser',
      'Personnaliser',
      'Préférences cookies',
      'Enregistrer mes choix',
      'Toujours actif',
      'Politique cookies',
    ],
    thirdParty: (domain) => `déposé par ${domain}`,
  },
  en: {
    customise: 'Customise',
    changeMind: 'Change your mind at any time',
    ui: ['Accept all', 'Reject all', 'Customise', 'Cookie preferences', 'Save choices', 'Always on', 'Cookie policy'],
    thirdParty: (domain) => `set by ${domain}`,
  },
};
/** Each lifetime of the Dimelo manifest in words, written out here rather than computed like the banner does. */
const DURATIONS = {
  fr: {
    session: 'session',
    P182D: '182 jours',
    P2Y: '2 ans',
    P1D: '1 jour',
    P6M: '6 mois',
    PT30M: '30 minutes',
    P13M: '13 mois',
    PT15M: '15 minutes',
    P3M: '3 mois',
    P30D: '30 jours',
    P1Y: '1 an',
  },
  en: {
    session: 'session',
    P182D: '182 days',
    P2Y: '2 years',
    P1D: '1 day',
    P6M: '6 months',
    PT30M: '30 minutes',
    P13M: '13 months',
    PT15M: '15 minutes',
    P3M: '3 months',
    P30D: '30 days',
    P1Y: '1 year',
  },
};
const text = (value, lang) => (typeof value === 'string' ? value : value[lang]);

/** Opens the preferences from the first layer and unfolds every service. */
async function openAllPreferences(page) {
  await clickButton(page, 'customise');
  await waitForDialog(page, 'preferences');
  await openAllDetails(page);
}

describe('RULES §C: information before consent', () => {
  let harness;
  before(async () => (harness = await startHarness()));
  after(() => harness?.close());

  for (const lang of ['fr', 'en']) {
    it(`R14 (${lang}) the first layer names the site, every purpose, the way to choose, the policy and the right to change one’s mind`, () =>
      inContext(harness, {manifests: dimeloIn(lang)}, async ({page}) => {
        await visit(page, harness.url('dimelo'));
        const layer = await inBanner(page, (root) => {
          const dialog = root.querySelector('[part=banner]');
          return {text: dialog.textContent.replace(/\s+/g, ' '), links: [...dialog.querySelectorAll('a')].map((a) => a.href)};
        });
        assert.ok(layer.text.includes(dimelo.site.name));
        for (const c of dimelo.categories.filter((c) => c.basis === 'consent')) {
          // As a common word in the sentence (core/purpose-list.ts): "mesure de performance".
          assert.ok(layer.text.includes(inSentence(text(c.title, lang), lang)), `purpose “${text(c.title, lang)}” not named`);
        }
        assert.ok(layer.text.includes(WORDS[lang].changeMind), layer.text);
        assert.ok(layer.links.includes(dimelo.site.policyUrl), `no link to ${dimelo.site.policyUrl}: ${layer.links}`);
        // The way to the per-purpose choice is on the first layer.
        await clickButton(page, 'customise');
        await waitForDialog(page, 'preferences');
      }));
  }

  it('R15 the preferences list every partner with its provider and privacy policy, as many as the manifest declares', () =>
    inContext(harness, {}, async ({page}) => {
      await visit(page, harness.url('dimelo'));
      await openAllPreferences(page);
      const shown = await inBanner(page, (root) =>
        [...root.querySelectorAll('[part=preferences] details:not(:has(> summary[data-category]))')].map((d) => ({
          summary: d.querySelector('summary').textContent,
          links: [...d.querySelectorAll('a')].map((a) => a.href),
        }))
      );
      assert.equal(shown.length, dimelo.services.length);
      for (const s of dimelo.services) {
        const entry = shown.find((e) => e.summary.startsWith(s.name));
        assert.ok(entry, `${s.name} is not listed`);
        assert.ok(entry.summary.includes(s.provider), `${s.name}: provider not shown (${entry.summary})`);
        assert.ok(entry.links.includes(s.policyUrl), `${s.name}: no link to ${s.policyUrl}`);
        assert.ok(entry.links.every((href) => /^https?:/.test(href)));
      }
    }));

  // README, “The cookie manifest”: a link may be relative to the manifest's own URL, as CSS resolves
  // url(). Served from /shop/v2/ to a page at /demo/dimelo/, "privacy.html" is /shop/v2/privacy.html.
  const atSubPath = (edit) => {
    const manifest = readManifest('dimelo');
    edit(manifest);
    const page = readFileSync(`${root}demo/dimelo/index.html`, 'utf8');
    assert.ok(page.includes('data-manifest="cookie-manifest.json"'));
    return {
      '/demo/dimelo/index.html': {
        contentType: 'text/html',
        body: page.replace('data-manifest="cookie-manifest.json"', 'data-manifest="/shop/v2/cookie-manifest.json"'),
      },
      '/shop/v2/cookie-manifest.json': manifest,
      '/shop/v2/consent-log': {status: 204, body: ''},
    };
  };
  const hrefs = (page, selector) =>
    inBanner(page, (root, selector) => [...root.querySelectorAll(selector)].map((a) => a.getAttribute('href')), selector);
  const consentRan = async (page) => (await ran(page)).filter((id) => consentServices(dimelo).some((s) => id.startsWith(s.id)));

  it('R14, R15 relative policy links lead where the manifest is served from, as absolute URLs; what needs consent waits; R32 the log too', () =>
    inContext(
      harness,
      {
        manifests: atSubPath((m) => {
          m.site.policyUrl = 'privacy.html';
          m.services[1].policyUrl = '../legal/google-analytics.html';
          m.log = {url: 'consent-log'};
        }),
      },
      async ({page, log}) => {
        await visit(page, harness.url('dimelo'));
        const {origin} = new URL(harness.url('dimelo'));
        assert.deepEqual(await openDialogs(page), ['banner']);
        assert.deepEqual(await consentRan(page), []);
        assert.deepEqual(consentRequests(log, dimelo), []);
        assert.deepEqual(await hrefs(page, '[part=banner] a'), [`${origin}/shop/v2/privacy.html`]);
        await openAllPreferences(page);
        const links = await hrefs(page, '[part=preferences] a');
        assert.ok(links.includes(`${origin}/shop/v2/privacy.html`), links.join());
        assert.ok(links.includes(`${origin}/shop/legal/google-analytics.html`), links.join());
        assert.ok(
          links.every((href) => /^https?:\/\//.test(href)),
          links.join()
        );
        // The proof of consent goes where the log's relative link leads from the manifest, not from the page.
        await page.evaluate(() => window.consentBanner.acceptAll());
        await page.waitForFunction(() => performance.getEntriesByType('resource').some((e) => e.name.endsWith('/shop/v2/consent-log')), {
          timeout: 5000,
        });
        assert.ok(!log.requests.some((path) => path.endsWith('/dimelo/consent-log')), log.requests.join());
      }
    ));

  it('R14 a javascript: policy link is still refused, naming the field: no banner, nothing that needs consent runs', () =>
    inContext(harness, {manifests: atSubPath((m) => (m.site.policyUrl = 'javascript:alert(document.cookie)'))}, async ({page, log}) => {
      await visit(page, harness.url('dimelo'));
      assert.deepEqual(await openDialogs(page), []);
      assert.deepEqual(await consentRan(page), []);
      assert.deepEqual(consentRequests(log, dimelo), []);
      const errors = log.errors.filter((e) => e.startsWith('consent-banner:'));
      assert.equal(errors.length, 1, errors.join('\n'));
      assert.match(errors[0], /site\.policyUrl: must be an http\(s\) URL or a relative link, got "javascript:alert\(document\.cookie\)"$/);
    }));

  for (const lang of ['fr', 'en']) {
    it(`R16 (${lang}) every cookie shows its name and its lifetime in words; third-party cookies say whose they are`, () =>
      inContext(harness, {manifests: dimeloIn(lang)}, async ({page}) => {
        await visit(page, harness.url('dimelo'));
        await openAllPreferences(page);
        const rows = await inBanner(page, (root) =>
          [...root.querySelectorAll('[part=preferences] details:not(:has(> summary[data-category]))')].map((d) => ({
            summary: d.querySelector('summary').textContent,
            rows: [...d.querySelectorAll('tbody tr')].map((tr) => [...tr.cells].map((td) => td.textContent.replace(/\s+/g, ' ').trim())),
          }))
        );
        for (const s of dimelo.services) {
          const entry = rows.find((e) => e.summary.startsWith(s.name));
          assert.equal(entry.rows.length, s.cookies.length, s.name);
          s.cookies.forEach((cookie, i) => {
            const [name, lifetime] = entry.rows[i];
            assert.ok(name.startsWith(cookie.name), `${s.name}: ${name}`);
            assert.equal(lifetime, DURATIONS[lang][cookie.duration], `${cookie.name} (${cookie.duration})`);
            if (cookie.domain) assert.ok(name.includes(WORDS[lang].thirdParty(cookie.domain)), `${cookie.name}: ${name}`);
          });
        }
      }));
  }

  it('R17 each purpose has a title and a short description; its services, then each service’s details, unfold from disclosure controls', () =>
    inContext(harness, {}, async ({page}) => {
      await visit(page, harness.url('dimelo'));
      await clickButton(page, 'customise');
      await waitForDialog(page, 'preferences');
      const regions = await a11yNodes(page, 'region');
      const prefText = await inBanner(page, (root) => root.querySelector('[part=preferences]').textContent);
      for (const c of dimelo.categories) {
        assert.ok(
          regions.some((r) => r.name === c.title.fr),
          `no region named ${c.title.fr}`
        );
        assert.ok(prefText.includes(c.description.fr), `${c.id}: no description`);
      }
      // A purpose unfolds from its row: a button named by its title, collapsed at first.
      const title = dimelo.categories.find((c) => c.id === 'performance').title.fr;
      assert.equal((await a11yNodes(page, 'button', title))[0]?.expanded, false);
      await pressUntil(page, 'Tab', (f) => f?.tag === 'button' && f.label === title);
      assert.equal((await focused(page)).label, title);
      await page.keyboard.press('Enter');
      assert.equal((await a11yNodes(page, 'button', title))[0]?.expanded, true);
      const ga = 'Google Analytics Fournisseur : Google Ireland Limited';
      const gaSummary = (label) =>
        [...document.querySelector('consent-banner').shadowRoot.querySelectorAll('summary')].find(
          (s) => s.textContent.replace(/\s+/g, ' ').trim() === label
        );
      // Drawn as the purpose unfolds.
      await page.waitForFunction(gaSummary, {}, ga);
      assert.equal((await a11yNodes(page, 'DisclosureTriangle'))[0]?.expanded, false);
      await pressUntil(page, 'Tab', (f) => f?.tag === 'summary' && f.label === ga);
      await page.keyboard.press('Enter');
      assert.equal((await a11yNodes(page, 'DisclosureTriangle')).filter((node) => node.expanded).length, 1);
      // The service's cookie table is drawn as it unfolds (on its toggle event).
      await page.waitForFunction(() =>
        document.querySelector('consent-banner').shadowRoot.querySelector('[part=preferences] details[open] tbody tr')
      );
      const shown = await inBanner(page, (root) =>
        [...root.querySelectorAll('[part=preferences] details[open] tbody tr')].map((tr) => tr.cells[0].textContent)
      );
      assert.deepEqual(shown, ['_ga', '_ga_*', '_gid']);
    }));

  for (const [lang, other] of [
    ['fr', 'en'],
    ['en', 'fr'],
  ]) {
    it(`R18 a page in ${lang} gets every visible word in ${lang}: the built-in ones and the manifest’s, no raw keys`, () =>
      inContext(harness, {manifests: dimeloIn(lang)}, async ({page}) => {
        await visit(page, harness.url('dimelo'));
        // The first layer as seen before the preferences open (it is hidden behind them), then the preferences.
        const layer = await inBanner(page, (root) => root.querySelector('[part=banner]').innerText);
        await openAllPreferences(page);
        const shown = `${layer}\n${await inBanner(page, (root) => root.querySelector('[part=preferences]').innerText)}`;
        for (const word of WORDS[lang].ui) assert.ok(shown.includes(word), `missing “${word}”`);
        for (const word of WORDS[other].ui.filter((w) => !WORDS[lang].ui.includes(w)))
          assert.ok(!shown.includes(word), `“${word}” (${other}) shown`);
        for (const c of dimelo.categories) assert.ok(shown.includes(c.title[lang]), c.title[lang]);
        // No string key shown in place of a word (`acceptAll`, `undefined`).
        assert.doesNotMatch(shown, /undefined|\[object|\b[a-z]+[A-Z]\w*\b/);
      }));
  }

  it('R19 necessary cookies are declared with their reason and no switch, and the first layer says they stay on', () =>
    inContext(harness, {}, async ({page}) => {
      await visit(page, harness.url('dimelo'));
      const layer = await inBanner(page, (root) => root.querySelector('[part=banner]').textContent);
      assert.match(layer, /Les cookies nécessaires restent actifs/);
      await openAllPreferences(page);
      const necessary = await inBanner(page, (root) => {
        const section = root.querySelector('[part=preferences] section');
        return {text: section.textContent, switches: section.querySelectorAll('input').length};
      });
      assert.equal(necessary.switches, 0);
      for (const needle of ['Toujours actif', dimelo.categories[0].description.fr, 'dimelo_session', 'dimelo_consent']) {
        assert.ok(necessary.text.includes(needle), needle);
      }
    }));

  it('R19 exempt audience measurement is declared with its exemption and no consent switch, and the first layer says it stays on', () =>
    inContext(harness, {}, async ({page}) => {
      await visit(page, `http://lumen.test:${harness.port}/test/e2e/pages/mixed.html`);
      await openAllPreferences(page);
      const exempt = await inBanner(page, (root) => {
        const section = [...root.querySelectorAll('[part=preferences] section')].find((s) =>
          s.textContent.includes('Audience measurement')
        );
        return {text: section.textContent, categorySwitch: !!section.querySelector('h3').parentElement.querySelector('input')};
      });
      assert.equal(exempt.categorySwitch, false);
      for (const needle of ['Always on', 'Exempt under the CNIL’s rules', '_pk_id.*', '_pk_ses.*'])
        assert.ok(exempt.text.includes(needle), needle);
      // “Reject all” must not read as refusing it: the first layer names what stays on.
      await page.keyboard.press('Escape');
      const layer = await inBanner(page, (root) => root.querySelector('[part=banner]').textContent);
      assert.match(layer, /audience measurement/, `the first layer does not say that audience measurement stays on: ${layer}`);
    }));

  it('R20 the YouTube embed waits behind a placeholder naming the provider and purpose; its button accepts just YouTube, shown in the preferences', () =>
    inContext(harness, {}, async ({page, log}) => {
      await visit(page, harness.url('dimelo'));
      const said = await page.$eval('consent-placeholder', (p) => p.shadowRoot.textContent);
      for (const needle of ['YouTube', 'Google Ireland Limited', 'Partage sur les réseaux sociaux'])
        assert.ok(said.includes(needle), needle);
      assert.equal(await page.$eval('iframe[data-service="youtube"]', (f) => f.hasAttribute('src')), false);
      const [button] = await a11yNodes(page, 'button', 'Autoriser YouTube et charger');
      assert.ok(button, 'no placeholder button in the accessibility tree');
      // A keyboard user reaches it (past the placeholder's text, focusable when it scrolls) and presses it.
      await pressUntil(page, 'Tab', (f) => f?.host === 'consent-placeholder' && f.tag === 'button');
      await page.keyboard.press('Enter');
      await page.waitForFunction(() => (window.__ran ?? []).includes('youtube'));
      assert.equal(await page.$('consent-placeholder'), null);
      const record = await stored(page);
      assert.equal(record.method, 'placeholder');
      assert.equal(record.services.youtube, true);
      assert.ok(
        Object.entries(record.services).every(([id, on]) => on === ['session', 'youtube'].includes(id)),
        JSON.stringify(record.services)
      );
      // It answered YouTube's purpose only: the banner still asks about the others, which are not
      // refused (no refusal is recorded for the visitor, so none lasts), and their fallback waits too.
      assert.deepEqual(Object.keys(record.purposes), ['social']);
      assert.deepEqual(await openDialogs(page), ['banner']);
      const asked = await inBanner(page, (root) => root.querySelector('[part=banner] #banner-text').textContent);
      assert.match(asked, /pour\s: mesure de performance\s; ciblage et publicité\./);
      // Only that embed loaded.
      assert.deepEqual(consentRequests(log, dimelo), ['/demo/trackers/youtube-embed.html', '/demo/trackers/youtube-embed.js']);
      assert.deepEqual(
        (await ran(page)).filter((id) => id !== 'youtube'),
        ['session']
      );
      // The footer's link, which the banner still asking may cover: focus scrolls it clear (R41).
      await page.focus('a[data-consent-open]');
      await page.keyboard.press('Enter');
      await waitForDialog(page, 'preferences');
      await openAllDetails(page);
      const switches = Object.fromEntries((await a11yNodes(page, 'switch')).map((s) => [s.name, s.checked]));
      assert.equal(switches['Autoriser YouTube'], true);
      assert.equal(switches['Autoriser Facebook'], false);
      assert.equal(switches['Partage sur les réseaux sociaux'], false);
    }));

  it('R20 while the placeholder stands in, the empty iframe is neither shown nor focusable', () =>
    inContext(harness, {}, async ({page}) => {
      await visit(page, harness.url('dimelo'));
      const box = await page.$eval('iframe[data-service="youtube"]', (f) => {
        const r = f.getBoundingClientRect();
        return {width: r.width, height: r.height, display: getComputedStyle(f).display};
      });
      assert.deepEqual(box, {width: 0, height: 0, display: 'none'});
      // Past its text (focusable, for scrolling it: issue 25) to its button.
      await pressUntil(page, 'Tab', (f) => f?.host === 'consent-placeholder' && f.tag === 'button');
      await page.keyboard.press('Tab');
      assert.notEqual((await focused(page)).tag, 'iframe');
    }));
});
