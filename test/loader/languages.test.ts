import {expect} from '@open-wc/testing';
import {checkManifest} from '../../src/core/manifest-check.js';
import {defineElements} from '../../src/index.js';
import type {ConsentBanner} from '../../src/index.js';
import {UI_LANGUAGES} from '../../src/core/language.js';
import {shopManifest} from '../fixtures/manifests.js';
import {clearAllCookies, mount, openDetails, wordsOf} from '../helpers.js';

defineElements();

const text = (node: Element | null) => node!.textContent!.replace(/\s+/g, ' ').trim();
const banner = (el: ConsentBanner) => el.shadowRoot!.querySelector('[part=banner]');

describe('<consent-banner> in the page’s language (README, “Drop it in”, R18)', () => {
  afterEach(() => {
    document.querySelectorAll('consent-banner').forEach((e) => e.remove());
    clearAllCookies();
  });

  // The shop manifest carries fr and en only: a German page gets German buttons and durations,
  // and the manifest's texts in the site's first language (fr), never an empty label.
  const durations: Record<string, string> = {
    en: '13 months',
    fr: '13 mois',
    de: '13 Monate',
    es: '13 meses',
    it: '13 mesi',
    nl: '13 maanden',
    pt: '13 meses',
  };
  for (const language of UI_LANGUAGES) {
    it(`R11, R16, R18: lang="${language}" gives the ${language} buttons, close sentence and durations`, async () => {
      const t = await wordsOf(language);
      const el = await mount(shopManifest(), {lang: language});
      const buttons = [...banner(el)!.querySelectorAll('button[data-choice]')].map(text);
      expect(buttons).to.deep.equal([t.acceptAll, t.rejectAll, t.customise]);
      expect(text(banner(el))).to.contain(t.bannerCloseMeansRefuse);
      expect(banner(el)!.querySelector('[part=close]')!.getAttribute('aria-label')).to.equal(t.close);
      expect(banner(el)!.getAttribute('lang')).to.equal(language);
      el.showPreferences();
      await el.updateComplete;
      await openDetails(el.shadowRoot!.querySelector('[part=preferences]')!);
      const cells = [...el.shadowRoot!.querySelectorAll('[part=preferences] td')].map((td) => text(td).replace(/\s/g, ' '));
      if (durations[language]) expect(cells).to.include(durations[language]);
      expect(cells).to.include(t.session);
      const titles = [...el.shadowRoot!.querySelectorAll('[part=preferences] h3')].map(text);
      expect(titles).to.deep.equal(
        language === 'en'
          ? ['Necessary', 'Audience measurement', 'Performance', 'Advertising']
          : ['Nécessaires', 'Mesure d’audience', 'Performance', 'Publicité']
      );
    });
  }

  it('lang="de-AT" gets the German words', async () => {
    const el = await mount(shopManifest(), {lang: 'de-AT'});
    expect(text(banner(el)!.querySelector('button[data-choice]'))).to.equal('Alle akzeptieren');
  });

  it('a text in an unknown language tag: the banner still works, and the visitor’s console stays quiet (the lint is the CLI’s and the studio’s)', async () => {
    const manifest = shopManifest() as any;
    manifest.categories[2].title = {fr: 'Performance', en: 'Performance', 'en-a1': 'Perf', de: 'Leistung'};
    const warnings: string[] = [];
    const original = console.warn;
    console.warn = (message: string) => warnings.push(message);
    let el: ConsentBanner;
    try {
      el = await mount(manifest, {lang: 'de'});
    } finally {
      console.warn = original;
    }
    expect(warnings).to.deep.equal([]);
    expect((banner(el!) as HTMLDialogElement).open).to.equal(true);
    expect(text(banner(el!)!.querySelector('button[data-choice]'))).to.equal('Alle akzeptieren');
    const lints = checkManifest(manifest);
    expect(lints.ok && lints.warnings.map((w) => w.path)).to.deep.equal(['categories[2].title.en-a1', 'categories[2].title.de']);
  });
});
