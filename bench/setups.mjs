/*
 * The pages the bench serves: one shop page, the same text in every setup, set up with this project
 * and with each peer, each gating the same two stand-in trackers (bench/trackers/) its own way.
 *
 *   site:        Bench Shop, English
 *   categories:  necessary (always on), performance, advertising
 *   services:    session (necessary), analytics (performance), ads (advertising)
 *   trackers:    http://trackers.test:PORT/bench/trackers/{analytics,ads}.js, another host, so
 *                a request to it is easy to see
 *
 * Scenarios: `first` (first visit: the banner must show), `returning` (a stored "accept all"
 * replayed as cookies: no banner, both trackers run), `noBanner` (a site with only strictly
 * necessary cookies: the law asks for no banner; for a peer, its config with only necessary
 * cookies, and the result says when it shows a banner anyway).
 *
 * `%TRACKERS%` in a page is replaced by the trackers' origin when served (bench/server.mjs).
 *
 * Each setup also says how the bench finds its banner (`banner`, a function run in the page that
 * returns the element, or null) and how a visitor accepts everything (`accept`, real clicks).
 */

const TRACKER = (id) => `%TRACKERS%/bench/trackers/${id}.js`;

export const SCENARIOS = ['first', 'returning', 'noBanner'];

export const SCENARIO_LABELS = {
  first: 'first visit',
  returning: 'returning visitor (stored choice)',
  noBanner: 'no-banner site (only necessary cookies)',
  preferences: 'preferences, 500 services',
};

const TEXT = `
  <header><p class="brand">Bench Shop</p></header>
  <main>
    <h1>Handmade ceramics, fired in small batches</h1>
    <p>Every piece in our shop is thrown, trimmed and glazed by hand in our workshop. We fire the kiln
      twice a month, so new bowls, mugs and plates arrive in small batches. When a batch sells out,
      the next one is never quite the same: that is the point.</p>
    <p>Our glazes are lead-free and food safe. Everything goes in the dishwasher and the microwave,
      although hand washing keeps the colours bright for longer.</p>
    <h2>Shipping</h2>
    <p>We pack each order in recycled paper and ship within two working days. Delivery takes three
      to five days in Europe. If anything arrives broken, send us a photo and we send a new one.</p>
    <h2>Workshops</h2>
    <p>On Saturdays we open the workshop for beginners: two hours at the wheel, clay and firing
      included. Your pieces are glazed by us and ready to collect three weeks later.</p>
    <p>Gift vouchers for workshops and for the shop never expire.</p>
  </main>
  <footer><p>© Bench Shop · <a href="#" data-consent-open>Cookie settings</a></p></footer>`;

const STYLE = `<style>
    body { font: 16px/1.5 system-ui, sans-serif; margin: 0 auto; max-width: 42rem; padding: 1rem; color: #222; }
    .brand { font-weight: 700; }
  </style>`;

/** The whole page: the same text everywhere; `head` and `body` are the setup's own lines. */
export function page({title, head = '', body = ''}) {
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>${title}</title>
  <link rel="icon" href="data:,">
  ${STYLE}
  ${head}
</head>
<body>${TEXT}
  ${body}
</body>
</html>
`;
}

const SITE = 'Bench Shop';
const INTRO = 'With your consent, Bench Shop and its partners use cookies for: Performance and Advertising. You can accept them all, refuse them all, or choose purpose by purpose.';
const POLICY = 'https://shop.example/privacy';

/* ---------------------------------------------------------------- this project ------------- */

// Finds the element with part="banner" under <consent-banner>, through nested shadow roots, so it
// works whatever element renders the banner inside (before or after the lazy-UI split).
function oursFind(part) {
  return new Function(`
    const deep = (root) => {
      const hit = root.querySelector('[part~="${part}"]');
      if (hit) return hit;
      for (const el of root.querySelectorAll('*')) {
        if (el.shadowRoot) {
          const inner = deep(el.shadowRoot);
          if (inner) return inner;
        }
      }
      return null;
    };
    const host = document.querySelector('consent-banner');
    return host && host.shadowRoot ? deep(host.shadowRoot) : null;
  `);
}

const ours = {
  id: 'consent-banner',
  label: 'consent-banner (this project)',
  page(scenario) {
    const manifest = scenario === 'noBanner' ? '/bench/ours/no-banner.json' : '/bench/ours/cookie-manifest.json';
    const gated =
      scenario === 'noBanner'
        ? ''
        : `<script type="text/plain" data-service="analytics" src="${TRACKER('analytics')}"></script>
  <script type="text/plain" data-service="ads" src="${TRACKER('ads')}"></script>`;
    return page({
      title: 'Bench Shop · consent-banner',
      head: `<script src="/dist/consent-banner.min.js" data-manifest="${manifest}"></script>
  ${gated}`,
    });
  },
  /** The 500-service page: the same, with a generated manifest (bench/server.mjs). */
  preferencesPage() {
    return page({
      title: 'Bench Shop · consent-banner · 500 services',
      head: `<script src="/dist/consent-banner.min.js" data-manifest="/bench/ours/manifest-500.json"></script>`,
    });
  },
  banner: oursFind('banner'),
  preferences: oursFind('preferences'),
  async accept(page) {
    const button = await page.evaluateHandle(
      new Function(`
        const banner = (${oursFind('banner')})();
        return [...(banner ? banner.querySelectorAll('button') : [])].find((b) => b.textContent.trim() === 'Accept all') || null;
      `)
    );
    const element = button.asElement();
    if (!element) throw new Error('no "Accept all" button in the banner');
    await element.click();
  },
  /** Opens the preferences through the public API; returns nothing. Run in the page. */
  openPreferences: 'window.consentBanner.showPreferences()',
  notes: 'The drop-in (`dist/consent-banner.min.js`, a classic script in `<head>`, as the README says) and a manifest URL; whatever the drop-in fetches from beside itself is counted.',
};

/* ---------------------------------------------------------------- vanilla-cookieconsent 3 --- */

function ccConfig(scenario) {
  const categories =
    scenario === 'noBanner'
      ? {necessary: {enabled: true, readOnly: true}}
      : {
          necessary: {enabled: true, readOnly: true},
          performance: {services: {analytics: {label: 'Analytics'}}},
          advertising: {services: {ads: {label: 'Ads'}}},
        };
  const sections = [
    {title: 'Strictly necessary', description: 'They make the shop work: your basket and your session. They cannot be switched off.', linkedCategory: 'necessary'},
  ];
  if (scenario !== 'noBanner') {
    sections.push(
      {title: 'Performance', description: 'Visit statistics that tell us which pages help and which do not.', linkedCategory: 'performance'},
      {title: 'Advertising', description: 'Measuring which of our ads brought you here.', linkedCategory: 'advertising'}
    );
  }
  return {
    // Fair play: v3 hides itself from automated browsers (navigator.webdriver) unless told not to.
    hideFromBots: false,
    cookie: {name: 'cc_cookie', expiresAfterDays: 182},
    categories,
    language: {
      default: 'en',
      translations: {
        en: {
          consentModal: {
            title: `Cookies on ${SITE}`,
            description: `${INTRO} Cookies needed for the site to work stay on. <a href="${POLICY}">Cookie policy</a>`,
            acceptAllBtn: 'Accept all',
            acceptNecessaryBtn: 'Reject all',
            showPreferencesBtn: 'Customise',
          },
          preferencesModal: {
            title: 'Cookie preferences',
            acceptAllBtn: 'Accept all',
            acceptNecessaryBtn: 'Reject all',
            savePreferencesBtn: 'Save choices',
            closeIconLabel: 'Close',
            sections,
          },
        },
      },
    },
  };
}

const vanilla = {
  id: 'vanilla-cookieconsent',
  label: 'vanilla-cookieconsent 3.1.0',
  page(scenario) {
    const gated =
      scenario === 'noBanner'
        ? ''
        : `<script type="text/plain" data-category="performance" data-service="analytics" src="${TRACKER('analytics')}"></script>
  <script type="text/plain" data-category="advertising" data-service="ads" src="${TRACKER('ads')}"></script>`;
    return page({
      title: 'Bench Shop · vanilla-cookieconsent',
      head: `<link rel="stylesheet" href="/node_modules/vanilla-cookieconsent/dist/cookieconsent.css">
  ${gated}`,
      body: `<script src="/node_modules/vanilla-cookieconsent/dist/cookieconsent.umd.js"></script>
  <script>CookieConsent.run(${JSON.stringify(ccConfig(scenario))});</script>`,
    });
  },
  banner: () => document.querySelector('#cc-main .cm'),
  async accept(page) {
    await page.click('#cc-main .cm [data-role="all"]');
  },
  notes: '`dist/cookieconsent.umd.js` at the end of `<body>` and `dist/cookieconsent.css` in `<head>` (its docs), `hideFromBots: false`. It fades in 100 ms after it is ready, on purpose; that delay is counted.',
};

/* ---------------------------------------------------------------- klaro ------------------- */

function klaroConfig(scenario) {
  const services = [{name: 'session', title: 'Shop session', purposes: ['necessary'], required: true, cookies: ['session']}];
  if (scenario !== 'noBanner') {
    services.push(
      {name: 'analytics', title: 'Analytics', purposes: ['performance'], cookies: ['_bench_analytics']},
      {name: 'ads', title: 'Ads', purposes: ['advertising'], cookies: ['_bench_ads']}
    );
  }
  return {
    version: 1,
    elementID: 'klaro',
    storageMethod: 'cookie',
    cookieName: 'klaro',
    cookieExpiresAfterDays: 182,
    default: false,
    mustConsent: false,
    acceptAll: true,
    hideDeclineAll: false,
    hideLearnMore: false,
    lang: 'en',
    translations: {
      en: {
        privacyPolicyUrl: POLICY,
        purposes: {
          necessary: {title: 'Strictly necessary'},
          performance: {title: 'Performance'},
          advertising: {title: 'Advertising'},
        },
      },
    },
    services,
  };
}

const klaro = {
  id: 'klaro',
  label: 'klaro 0.7.22',
  page(scenario) {
    const gated =
      scenario === 'noBanner'
        ? ''
        : `<script type="text/plain" data-type="text/javascript" data-name="analytics" data-src="${TRACKER('analytics')}"></script>
  <script type="text/plain" data-type="text/javascript" data-name="ads" data-src="${TRACKER('ads')}"></script>`;
    return page({
      title: 'Bench Shop · klaro',
      head: `<script>window.klaroConfig = ${JSON.stringify(klaroConfig(scenario))};</script>
  <script defer src="/node_modules/klaro/dist/klaro.js"></script>
  ${gated}`,
    });
  },
  banner: () => document.querySelector('#klaro .cookie-notice'),
  async accept(page) {
    await page.click('#klaro .cookie-notice .cm-btn-success');
  },
  notes: '`dist/klaro.js` (its README\'s one-line install: JS, CSS and translations in one file), deferred, config inline before it.',
};

/* ---------------------------------------------------------------- tarteaucitron ------------ */

function tacScript(scenario) {
  const service = (key, type, name, cookies, url) => `tarteaucitron.services.${key} = {
      key: '${key}', type: '${type}', name: '${name}', uri: '${POLICY}', needConsent: ${url ? 'true' : 'false'},
      cookies: ${JSON.stringify(cookies)},
      js: function () { ${url ? `tarteaucitron.addScript('${url}');` : ''} }
    };
    (tarteaucitron.job = tarteaucitron.job || []).push('${key}');`;
  const services =
    scenario === 'noBanner'
      ? service('benchsession', 'other', 'Shop session', ['session'], null)
      : [
          service('benchanalytics', 'analytic', 'Analytics', ['_bench_analytics'], TRACKER('analytics')),
          service('benchads', 'ads', 'Ads', ['_bench_ads'], TRACKER('ads')),
        ].join('\n    ');
  return `tarteaucitron.init({
      privacyUrl: '${POLICY}',
      orientation: 'bottom',
      highPrivacy: true,
      DenyAllCta: true,
      AcceptAllCta: true,
      showAlertSmall: false,
      cookieslist: false,
      handleBrowserDNTRequest: false,
      mandatory: true
    });
    ${services}`;
}

const tarteaucitron = {
  id: 'tarteaucitron',
  label: 'tarteaucitronjs 1.34.0',
  page(scenario) {
    return page({
      title: 'Bench Shop · tarteaucitron',
      head: `<script>var tarteaucitronForceLanguage = 'en';</script>
  <script src="/node_modules/tarteaucitronjs/tarteaucitron.min.js"></script>
  <script>
    ${tacScript(scenario)}
  </script>`,
    });
  },
  banner: () => document.getElementById('tarteaucitronAlertBig'),
  async accept(page) {
    await page.click('#tarteaucitronPersonalize2');
  },
  notes: '`tarteaucitron.min.js` in `<head>` with `init()` and two custom services pushed as jobs (it has no tag gating: a service\'s `js()` adds its script). At run time it fetches its language file, its CSS, its 243-service catalogue and `advertising.min.js` from beside itself: all counted, that is how it works. `orientation: "bottom"` (a bar like the others; its default is a centred box).',
};

/* ---------------------------------------------------------------- cookieconsent (Osano) ---- */

function osanoScript(scenario) {
  const options = {
    type: scenario === 'noBanner' ? 'info' : 'opt-in',
    palette: {popup: {background: '#ffffff', text: '#1a1a1a'}, button: {background: '#0b3d91', text: '#ffffff'}},
    content: {
      header: `Cookies on ${SITE}`,
      message: scenario === 'noBanner' ? 'This site uses only cookies it needs to work.' : INTRO,
      allow: 'Accept all',
      deny: 'Reject all',
      dismiss: 'Got it',
      link: 'Cookie policy',
      href: POLICY,
    },
  };
  return `(function () {
      function load() {
        if (window.__benchLoaded) return;
        window.__benchLoaded = true;
        ['${TRACKER('analytics')}', '${TRACKER('ads')}'].forEach(function (src) {
          var s = document.createElement('script');
          s.src = src;
          s.async = false;
          document.head.appendChild(s);
        });
      }
      var options = ${JSON.stringify(options)};
      options.onInitialise = function () { if (this.options.type === 'opt-in' && this.hasConsented()) load(); };
      options.onStatusChange = function () { if (this.options.type === 'opt-in' && this.hasConsented()) load(); };
      window.addEventListener('load', function () { window.cookieconsent.initialise(options); });
    })();`;
}

const osano = {
  id: 'osano',
  label: 'cookieconsent (Osano) 3.1.1',
  page(scenario) {
    return page({
      title: 'Bench Shop · cookieconsent (Osano)',
      head: '<link rel="stylesheet" href="/node_modules/cookieconsent/build/cookieconsent.min.css">',
      body: `<script src="/node_modules/cookieconsent/build/cookieconsent.min.js"></script>
  <script>${osanoScript(scenario)}</script>`,
    });
  },
  banner: () => document.querySelector('.cc-window'),
  async accept(page) {
    await page.click('.cc-window .cc-allow');
  },
  notes: '`build/cookieconsent.min.js` + `.css`, `initialise()` on `load` as its own snippet does, `type: "opt-in"`, trackers loaded from `onInitialise`/`onStatusChange` (it has no gating and no categories: one yes/no for both trackers). It fades in over 1 s; the first frame with opacity above 0 counts. For the no-banner site it has no "necessary only" mode: `type: "info"` (a notice) is the closest.',
};

/* ---------------------------------------------------------------- blank -------------------- */

const blank = {
  id: 'blank',
  label: 'blank page (no consent tool)',
  page: () => page({title: 'Bench Shop · blank'}),
  banner: () => null,
  notes: 'The same page with no consent tool and no trackers: the baseline for the heap.',
};

export const SETUPS = [ours, vanilla, klaro, tarteaucitron, osano];
export const BLANK = blank;
export const REFERENCE = 'vanilla-cookieconsent';
