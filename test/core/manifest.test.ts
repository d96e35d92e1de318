import {expect} from '@open-wc/testing';
import fc from 'fast-check';
import {checkEssentials, parseManifest, resolveLink, resolveText, formatIssue} from '../../src/core/manifest.js';
import {checkManifest} from '../../src/core/manifest-check.js';
import {shopManifest} from '../fixtures/manifests.js';

type Edit = (m: any) => void;

const firstError = (edit: Edit) => {
  const manifest = shopManifest();
  edit(manifest);
  const result = parseManifest(manifest);
  if (result.ok) throw new Error('expected the manifest to be refused');
  return formatIssue(result.errors[0]);
};

describe('parseManifest', () => {
  it('accepts a valid manifest and fills in the defaults', () => {
    const result = parseManifest(shopManifest());
    if (!result.ok) throw new Error(formatIssue(result.errors[0]));
    expect(result.warnings).to.deep.equal([]);
    expect(result.manifest.cookie).to.deep.equal({name: 'consent'});
    expect(result.manifest.gpc).to.equal('refuse');
    expect(result.manifest.categories[2].basis).to.equal('consent');
    expect(result.manifest.services[3].cookies[0].domain).to.equal('ads.example');
  });

  it('defaults revision to 1, the schema and the loader’s essentials alike (a manifest without it is not refused)', async () => {
    const manifest = shopManifest();
    delete manifest.revision;
    const result = parseManifest(manifest);
    if (!result.ok) throw new Error(formatIssue(result.errors[0]));
    expect(result.manifest.revision).to.equal(1);
    expect(checkEssentials(manifest)).to.deep.equal(result.manifest);
    const schema = await (await fetch(new URL('../../schema/cookie-manifest.schema.json', import.meta.url))).json();
    expect(schema.required).not.to.include('revision');
    expect(schema.properties.revision.default).to.equal(1);
  });

  it('defaults consentMaxAgeDays to 182 days and services to none', () => {
    const manifest = shopManifest();
    delete manifest.consentMaxAgeDays;
    delete manifest.services;
    const result = parseManifest(manifest);
    expect(result.ok && result.manifest.consentMaxAgeDays).to.equal(182);
    expect(result.ok && result.manifest.services).to.deep.equal([]);
  });

  // Each bad manifest names the JSON path of its first problem (issue: "categories[2].basis: …").
  const cases: [string, Edit, string][] = [
    ['not an object', (m) => Object.keys(m).forEach((k) => delete m[k]), 'version: is required'],
    ['wrong version', (m) => (m.version = 2), 'version: must be 1, got 2'],
    ['missing site', (m) => delete m.site, 'site: is required'],
    ['unknown root field', (m) => (m.colour = 'red'), 'colour: is not a known field'],
    [
      'javascript: policy URL',
      (m) => (m.site.policyUrl = 'javascript:alert(1)'),
      'site.policyUrl: must be an http(s) URL or a relative link, got "javascript:alert(1)"',
    ],
    ['empty languages', (m) => (m.site.languages = []), 'site.languages: must have at least 1 item'],
    ['bad language tag', (m) => (m.site.languages = ['French']), 'site.languages[0]: must be a language tag, got "French"'],
    ['duplicate language', (m) => (m.site.languages = ['fr', 'fr']), 'site.languages[1]: duplicate language "fr"'],
    ['revision 0', (m) => (m.revision = 0), 'revision: must be an integer from 1 to 9007199254740991, got 0'],
    ['lifetime past 13 months (R23)', (m) => (m.consentMaxAgeDays = 400), 'consentMaxAgeDays: must be an integer from 1 to 395, got 400'],
    ['no categories', (m) => (m.categories = []), 'categories: must have at least 1 item'],
    [
      'legitimate interest basis (R7)',
      (m) => (m.categories[2].basis = 'legitimate-interest'),
      'categories[2].basis: must be one of consent, necessary, exempt',
    ],
    ['upper-case id', (m) => (m.categories[0].id = 'Necessary'), 'categories[0].id: must be lowercase a-z, 0-9 and -, got "Necessary"'],
    [
      'exempt without exemption (R30)',
      (m) => delete m.categories[1].exemption,
      'categories[1].exemption: is required when basis is exempt',
    ],
    ['empty title text', (m) => (m.categories[0].title = {fr: ''}), 'categories[0].title.fr: must be a non-empty string'],
    [
      'title as a list',
      (m) => (m.categories[0].title = ['Necessary']),
      'categories[0].title: must be a text: a string, or {"language": "string", …}',
    ],
    ['title with no language', (m) => (m.categories[0].title = {}), 'categories[0].title: must have at least one language'],
    [
      '__proto__ key in a text',
      (m) => (m.categories[0].title = JSON.parse('{"__proto__": "x"}')),
      'categories[0].title.__proto__: must be a language tag, got "__proto__"',
    ],
    [
      '__proto__ key in a service',
      (m) => (m.services[0] = JSON.parse('{"id":"a","name":"A","category":"necessary","__proto__":{}}')),
      'services[0].__proto__: is not a known field',
    ],
    ['service in an unknown category', (m) => (m.services[2].category = 'marketing'), 'services[2].category: unknown category "marketing"'],
    [
      'id shared by a category and a service',
      (m) => (m.services[0].id = 'performance'),
      'services[0].id: duplicate id "performance" (already used at categories[2].id)',
    ],
    [
      'bad duration',
      (m) => (m.services[2].cookies[0].duration = '13 months'),
      'services[2].cookies[0].duration: must be an ISO 8601 duration or "session", got "13 months"',
    ],
    [
      'exempt cookie past 13 months (R30)',
      (m) => (m.services[1].cookies[0].duration = 'P2Y'),
      "services[1].cookies[0].duration: an exempt category's cookies may last at most 13 months (P13M)",
    ],
    [
      'cookie name with a space',
      (m) => (m.services[2].cookies[0].name = 'a b'),
      'services[2].cookies[0].name: must be a cookie name, got "a b"',
    ],
    [
      'data: service policy URL',
      (m) => (m.services[2].policyUrl = 'data:text/html,x'),
      'services[2].policyUrl: must be an http(s) URL or a relative link, got "data:text/html,x"',
    ],
    ['log URL that is not a string', (m) => (m.log = {url: 7}), 'log.url: must be a non-empty string'],
    ['unknown gpc value', (m) => (m.gpc = 'maybe'), 'gpc: must be one of refuse, ignore'],
    ['unknown consent type', (m) => (m.consentMode = {ad_click: ['advertising']}), 'consentMode.ad_click: is not a known field'],
    [
      'consent mode to an unknown category',
      (m) => (m.consentMode = {ad_storage: ['ads-x']}),
      'consentMode.ad_storage[0]: unknown category "ads-x"',
    ],
    [
      'security_storage mapped (R37)',
      (m) => (m.consentMode = {security_storage: ['necessary']}),
      'consentMode.security_storage: is not a known field',
    ],
    [
      'a consent type granted by no category',
      (m) => (m.consentMode = {ad_storage: []}),
      'consentMode.ad_storage: must have at least 1 item',
    ],
    ['consent mode as a list', (m) => (m.consentMode = ['ad_storage']), 'consentMode: must be an object'],
    ['dataLayerEvent as a string', (m) => (m.dataLayerEvent = 'yes'), 'dataLayerEvent: must be true or false, got "yes"'],
  ];
  for (const [name, edit, expected] of cases) {
    it(`refuses ${name}: ${expected}`, () => {
      expect(firstError(edit)).to.equal(expected);
    });
  }

  it('refuses input that is not an object, naming the manifest', () => {
    for (const input of [null, 3, 'x', []]) {
      const result = parseManifest(input);
      expect(result.ok ? '' : formatIssue(result.errors[0])).to.equal('manifest: must be an object');
    }
  });

  it('does not pollute Object.prototype through __proto__ keys', () => {
    parseManifest(JSON.parse('{"__proto__": {"polluted": true}, "version": 1}'));
    expect(({} as Record<string, unknown>).polluted).to.equal(undefined);
  });

  it('keeps an https or same-origin log.url, relative like every link', () => {
    for (const url of ['https://proof.example/consent', '/api/consent-log', 'consent-log', '../api/consent-log']) {
      const result = parseManifest({...shopManifest(), log: {url}});
      expect(result.ok && result.manifest.log).to.deep.equal({url});
      expect(result.ok && result.warnings).to.deep.equal([]);
    }
  });

  it('warns about a log.url that is neither https nor same-origin, drops it, and keeps the manifest', () => {
    for (const url of ['http://log.example/consent', '//log.example/consent', '\\\\log.example/consent', 'javascript:alert(1)']) {
      const result = parseManifest({...shopManifest(), log: {url}});
      if (!result.ok) throw new Error(formatIssue(result.errors[0]));
      expect(result.manifest.log).to.equal(undefined);
      expect(result.warnings.map(formatIssue)).to.deep.equal([
        `log.url: must be an https URL or a same-origin path, got ${JSON.stringify(url)}: no consent record will be sent`,
      ]);
    }
  });
});

// README, “The cookie manifest”: links may be relative to the manifest's URL, as CSS resolves
// url(); once resolved they must be http(s). The policy links are information the visitor is owed
// before choosing (docs/rules.md R14, R15).
describe('links relative to the manifest (resolveLink, parseManifest with a base)', () => {
  const base = 'https://shop.example/shop/cookie-manifest.json';
  const table: [string, string | undefined, string | undefined][] = [
    // [link, resolved against `base`, as written without a base]
    ['https://policies.google.com/privacy', 'https://policies.google.com/privacy', 'https://policies.google.com/privacy'],
    ['http://shop.example/privacy', 'http://shop.example/privacy', 'http://shop.example/privacy'],
    ['privacy.html', 'https://shop.example/shop/privacy.html', 'privacy.html'],
    ['/privacy.html', 'https://shop.example/privacy.html', '/privacy.html'],
    ['../legal/cookies.html#ga', 'https://shop.example/legal/cookies.html#ga', '../legal/cookies.html#ga'],
    ['//policies.example/p', 'https://policies.example/p', '//policies.example/p'],
    ['?page=privacy', 'https://shop.example/shop/cookie-manifest.json?page=privacy', '?page=privacy'],
    ['./a:b', 'https://shop.example/shop/a:b', './a:b'],
    // Never http(s), whatever the base.
    ['javascript:alert(1)', undefined, undefined],
    ['JavaScript:alert(1)', undefined, undefined],
    [' javascript:alert(1)', undefined, undefined],
    ['\u0001javascript:alert(1)', undefined, undefined],
    ['java\tscript:alert(1)', undefined, undefined],
    ['data:text/html,x', undefined, undefined],
    ['mailto:dpo@shop.example', undefined, undefined],
    ['ftp://shop.example/privacy', undefined, undefined],
    ['https:/shop.example', undefined, undefined],
  ];
  for (const [link, resolved, unresolved] of table) {
    it(`${JSON.stringify(link)} → ${resolved ?? 'refused'}`, () => {
      expect(resolveLink(link, base)).to.equal(resolved);
      expect(resolveLink(link)).to.equal(unresolved);
    });
  }

  it('resolves against the base it is given, never against the page (the core reads no location)', () => {
    expect(resolveLink('privacy.html', 'http://other.example/a/b/m.json')).to.equal('http://other.example/a/b/privacy.html');
    expect(resolveLink('privacy.html', location.href)).to.equal(new URL('privacy.html', location.href).href);
  });

  it('a relative link that resolves to anything but http(s) is refused after resolution, naming the field and where it leads', () => {
    expect(resolveLink('privacy.html', 'file:///srv/www/cookie-manifest.json')).to.equal(undefined);
    expect(resolveLink('http://a:-', base), 'not a URL').to.equal(undefined);
    const outcome = (edit: Edit, at: string) => {
      const manifest = shopManifest();
      edit(manifest);
      const result = parseManifest(manifest, {base: at});
      return result.ok ? 'ok' : formatIssue(result.errors[0]);
    };
    expect(outcome((m) => (m.site.policyUrl = 'privacy.html'), 'file:///srv/www/cookie-manifest.json')).to.equal(
      'site.policyUrl: must resolve to an http(s) URL against file:///srv/www/cookie-manifest.json, got "privacy.html"'
    );
    expect(outcome((m) => (m.services[2].policyUrl = '/ga.html'), 'file:///srv/www/cookie-manifest.json')).to.equal(
      'services[2].policyUrl: must resolve to an http(s) URL against file:///srv/www/cookie-manifest.json, got "/ga.html"'
    );
    expect(outcome((m) => (m.services[2].policyUrl = 'http://a:-'), base)).to.equal(
      `services[2].policyUrl: must resolve to an http(s) URL against ${base}, got "http://a:-"`
    );
    // Before resolution, the same refusal as without a base.
    expect(outcome((m) => (m.site.policyUrl = 'javascript:alert(1)'), base)).to.equal(
      'site.policyUrl: must be an http(s) URL or a relative link, got "javascript:alert(1)"'
    );
  });

  it('accepts relative links and gives them back as written, so the manifest (and its hash) is the same wherever it is served', () => {
    const manifest = shopManifest() as any;
    manifest.site.policyUrl = 'privacy.html';
    manifest.services[2].policyUrl = '../legal/analytics.html';
    const alone = parseManifest(manifest);
    const served = parseManifest(manifest, {base});
    if (!served.ok) throw new Error(formatIssue(served.errors[0]));
    expect(served).to.deep.equal(alone);
    expect(served.manifest.site.policyUrl).to.equal('privacy.html');
    expect(served.manifest.services[2].policyUrl).to.equal('../legal/analytics.html');
    expect(checkEssentials(manifest)).to.deep.equal(served.manifest);
  });
});

describe('checkManifest: the runtime check, then the site owner’s lints of exemptions (docs/rules.md R8, R29, R30; README, “The cookie manifest”)', () => {
  const warnings = (edit: Edit) => {
    const manifest = shopManifest();
    edit(manifest);
    const result = checkManifest(manifest);
    if (!result.ok) throw new Error(formatIssue(result.errors[0]));
    // The lints of exemptions only: a Google tag without `consentMode` has its own warning, held by
    // test/node/consent-mode-proposal.test.mjs.
    return result.warnings.filter((w) => w.path !== 'consentMode').map(formatIssue);
  };
  /** Puts `service` (a partial service) in the category `category` of the shop manifest. */
  const add = (category: string, service: Record<string, unknown>) => (m: any) =>
    m.services.push({id: 'x', name: 'X', category, cookies: [], ...service});

  it('R30: an exempt category must state its exemption (error)', () => {
    expect(firstError((m) => delete m.categories[1].exemption)).to.equal('categories[1].exemption: is required when basis is exempt');
  });

  it('R30: an exempt category’s cookies last at most P13M (error), session and P395D pass', () => {
    const long = (duration: string) => (m: any) => (m.services[1].cookies[0].duration = duration);
    const error = "services[1].cookies[0].duration: an exempt category's cookies may last at most 13 months (P13M)";
    for (const duration of ['P14M', 'P2Y', 'P57W', 'P1Y1M1D']) expect(firstError(long(duration)), duration).to.equal(error);
    for (const duration of ['P13M', 'P1Y1M', 'P395D', 'PT30M', 'session']) expect(warnings(long(duration)), duration).to.deep.equal([]);
  });

  it('R29: a necessary category may hold a P2Y cookie of the site’s own', () => {
    expect(warnings((m) => (m.services[0].cookies[0].duration = 'P2Y'))).to.deep.equal([]);
  });

  // [how the service is described, the known service, in `necessary` → R29]
  const known: [Record<string, unknown>, string][] = [
    [{name: 'Google Analytics'}, 'Google Analytics'],
    [{id: 'ga4'}, 'Google Analytics'],
    [{name: 'Stats', cookies: [{name: '_ga_*', duration: 'P13M'}]}, 'Google Analytics'],
    [{name: 'Tags', id: 'google-tag-manager'}, 'Google Tag Manager'],
    [{name: 'Ads', provider: 'Google Ireland Limited', cookies: [{name: '_gcl_au', duration: 'P90D'}]}, 'Google Ads'],
    [{name: 'Floodlight tags', cookies: [{name: 'IDE', duration: 'P13M', domain: 'doubleclick.net'}]}, 'DoubleClick'],
    [{name: 'Pixel', policyUrl: 'https://www.facebook.com/privacy/policy'}, 'Meta (Facebook)'],
    [{name: 'Pixel', provider: 'Meta Platforms Ireland Limited'}, 'Meta (Facebook)'],
    [{name: 'Insight Tag', cookies: [{name: 'li_fat_id', duration: 'P30D'}]}, 'LinkedIn Insight'],
    [{name: 'CRM', policyUrl: 'https://legal.hubspot.com/privacy-policy'}, 'HubSpot'],
    [{name: 'Share', cookies: [{name: '__atuvc', duration: 'P13M'}]}, 'AddThis'],
    [{name: 'Heatmaps', cookies: [{name: '_hjSessionUser_123', duration: 'P1Y'}]}, 'Hotjar'],
    [{name: 'TikTok Pixel'}, 'TikTok'],
    [{name: 'UX', cookies: [{name: '_clck', duration: 'P1Y'}]}, 'Microsoft Clarity'],
    [{name: 'YouTube'}, 'YouTube'],
    [{name: 'Retargeting', cookies: [{name: 'cto_bundle', duration: 'P13M'}]}, 'Criteo'],
    [{name: 'Conversions', cookies: [{name: '_uetvid', duration: 'P13M'}]}, 'Microsoft Advertising (Bing)'],
    [{name: 'Pins', cookies: [{name: '_epik', duration: 'P1Y'}]}, 'Pinterest'],
    [{name: 'Ads', cookies: [{name: 'MUID', duration: 'P13M', domain: 'bing.com'}]}, 'Microsoft Advertising (Bing)'],
  ];
  for (const [service, name] of known) {
    it(`R29: ${name}, found by ${JSON.stringify(service)}, in a necessary category is a warning`, () => {
      const [warning, ...rest] = warnings(add('necessary', service));
      const who = name.toLowerCase() === String(service.name ?? 'X').toLowerCase() ? name : `${service.name ?? 'X'} (${name})`;
      expect(warning).to.equal(`services[5].category: ${who} is not strictly necessary: move it to a consent category`);
      expect(rest).to.deep.equal([]);
    });
  }

  it('R30: Google Analytics in an exempt category is a warning naming R30; the manifest still works', () => {
    const manifest = shopManifest() as any;
    manifest.services[1].name = 'Google Analytics';
    const result = checkManifest(manifest);
    expect(result.ok).to.equal(true);
    expect(result.ok && result.warnings.filter((w) => w.path !== 'consentMode').map(formatIssue)).to.deep.equal([
      'services[1].category: Google Analytics is not exempt audience measurement: move it to a consent category',
    ]);
  });

  it('R29, R30: the same services in a consent category, and lookalikes, raise nothing', () => {
    expect(warnings(add('performance', {name: 'Google Analytics', cookies: [{name: '_ga', duration: 'P13M'}]}))).to.deep.equal([]);
    expect(warnings(add('advertising', {name: 'Facebook', provider: 'Meta Platforms'}))).to.deep.equal([]);
    for (const service of [
      {name: 'Load balancer', provider: 'Google Cloud', cookies: [{name: 'GCLB', duration: 'session'}]},
      {name: 'Metadata cache', cookies: [{name: 'meta_cache', duration: 'P1D'}]},
      {name: 'Google Address autocomplete'},
      {name: 'Gallery', cookies: [{name: 'gallery_view', duration: 'P1D'}]},
    ]) {
      expect(warnings(add('necessary', service)), service.name).to.deep.equal([]);
    }
  });

  // What R30 asks of an exempt Matomo that a manifest can state (Matomo's CNIL guide).
  const matomo = (edit: (cookies: any[]) => void) => (m: any) => edit(m.services[1].cookies);
  const r30 = 'so Matomo is not exempt audience measurement';

  it('R30: Matomo’s _pk_ses lasts at most 30 minutes (warning)', () => {
    expect(warnings(matomo((c) => c.push({name: '_pk_ses.*', duration: 'PT1H'})))).to.deep.equal([
      `services[1].cookies[1].duration: _pk_ses.* lasts more than 30 minutes (PT30M), ${r30}`,
    ]);
    for (const duration of ['PT30M', 'PT1800S', 'PT10M', 'session']) {
      expect(warnings(matomo((c) => c.push({name: '_pk_ses.*', duration}))), duration).to.deep.equal([]);
    }
  });

  it('R30: Matomo’s campaign, heatmap and cross-site cookies are warnings', () => {
    expect(
      warnings(
        matomo((c) =>
          c.push(
            {name: '_pk_ref.*', duration: 'P6M'},
            {name: '_pk_hsr.*', duration: 'PT30M'},
            {name: '_pk_uid', duration: 'P13M'},
            {name: '_pk_cvar.*', duration: 'PT30M'}
          )
        )
      )
    ).to.deep.equal([
      `services[1].cookies[1].name: _pk_ref.* keeps the referrer for campaign attribution, ${r30}`,
      `services[1].cookies[2].name: _pk_hsr.* serves heatmaps or session recordings, ${r30}`,
      `services[1].cookies[3].name: _pk_uid is a visitor id shared across sites, ${r30}`,
    ]);
  });

  it('R30: an exempt cookie on a third-party domain is a warning (no tracking across sites)', () => {
    expect(warnings(matomo((c) => (c[0].domain = 'stats.example')))).to.deep.equal([
      `services[1].cookies[0].domain: _pk_id.* lives on stats.example, a third-party cookie that can follow visitors across sites, ${r30}`,
    ]);
  });

  it('R29, R30: Consent Mode may not grant analytics or ads storage through a necessary or exempt category', () => {
    expect(
      warnings(
        (m) => (m.consentMode = {analytics_storage: ['audience'], ad_storage: ['advertising'], functionality_storage: ['necessary']})
      )
    ).to.deep.equal(['consentMode.analytics_storage[0]: "audience" is exempt: Google tags would get analytics_storage without consent']);
  });

  it('the demo-like Matomo (P13M _pk_id, PT30M _pk_ses, first-party) raises nothing', () => {
    expect(warnings(matomo((c) => c.push({name: '_pk_ses.*', duration: 'PT30M'})))).to.deep.equal([]);
  });
});

describe('checkManifest: relative links that read like another site (a lint, a warning, not an error)', () => {
  const check = (edit: Edit, base?: string) => {
    const manifest = shopManifest();
    edit(manifest);
    const result = checkManifest(manifest, {base});
    return result.ok ? result.warnings.map(formatIssue) : [formatIssue(result.errors[0])];
  };

  it('names a link written without https:// that leads to a path of the site itself', () => {
    expect(
      check((m) => {
        m.site.policyUrl = 'shop.example/privacy';
        m.services[2].policyUrl = 'www.analytics.example';
        m.log = {url: 'proof.example/log'};
      })
    ).to.deep.equal([
      'site.policyUrl: "shop.example/privacy" is a path relative to the manifest, on your own site: for another site, write https://shop.example/privacy',
      'services[2].policyUrl: "www.analytics.example" is a path relative to the manifest, on your own site: for another site, write https://www.analytics.example',
      'log.url: "proof.example/log" is a path relative to the manifest, on your own site: for another site, write https://proof.example/log',
    ]);
  });

  it('says nothing of ordinary relative links, and resolves them against the base it is given', () => {
    const links = (m: any) => (
      (m.site.policyUrl = 'privacy.html'),
      (m.services[2].policyUrl = '../legal/stats.v2.html'),
      (m.log = {url: '/api/log'})
    );
    expect(check(links)).to.deep.equal([]);
    expect(check(links, 'https://shop.example/')).to.deep.equal([]);
    expect(check(links, 'file:///srv/cookie-manifest.json')).to.deep.equal([
      'site.policyUrl: must resolve to an http(s) URL against file:///srv/cookie-manifest.json, got "privacy.html"',
    ]);
  });

  it('R29: a relative policy link is the site’s own, not a known service’s host', () => {
    expect(
      check((m) => m.services.push({id: 'x', name: 'X', category: 'necessary', cookies: [], policyUrl: '/legal/hubspot'}))
    ).to.deep.equal([]);
  });
});

describe('checkManifest: language tags (a lint, a warning, not an error)', () => {
  const check = (edit: Edit) => {
    const manifest = shopManifest();
    edit(manifest);
    const result = checkManifest(manifest);
    if (!result.ok) throw new Error(formatIssue(result.errors[0]));
    return result.warnings.map(formatIssue);
  };

  it('names a text in a language the site does not list, with its JSON path', () => {
    expect(check((m) => (m.categories[0].title.de = 'Notwendig'))).to.deep.equal([
      'categories[0].title.de: "de" is not in site.languages (fr, en)',
    ]);
  });

  it('names a text key that is not well-formed BCP 47, wherever the text is', () => {
    expect(
      check((m) => {
        m.categories[2].description['en-a1'] = 'Stats';
        m.services[2].cookies[0].purpose['fr-fr-fr'] = 'Compter';
        m.services[2].description = {'en-US-US': 'x'};
      })
    ).to.deep.equal([
      'categories[2].description.en-a1: "en-a1" is not a BCP 47 language tag',
      'services[2].description.en-US-US: "en-US-US" is not a BCP 47 language tag',
      'services[2].cookies[0].purpose.fr-fr-fr: "fr-fr-fr" is not a BCP 47 language tag',
    ]);
  });

  it('names a site language that is not well-formed BCP 47', () => {
    expect(check((m) => m.site.languages.push('en-a1'))).to.deep.equal(['site.languages[2]: "en-a1" is not a BCP 47 language tag']);
  });

  it('accepts a regional text for a site language, and any case', () => {
    expect(
      check((m) => {
        m.categories[0].title['fr-CA'] = 'Nécessaires';
        m.categories[1].title = {fr: 'Audience', 'en-gb': 'Audience'};
      })
    ).to.deep.equal([]);
  });
});

describe('checkManifest: Consent Mode and the tag-manager event', () => {
  it('keeps the mapped consent types and dataLayerEvent; dataLayerEvent: false is left out', () => {
    const consentMode = {
      ad_storage: ['advertising'],
      ad_user_data: ['advertising'],
      ad_personalization: ['advertising'],
      analytics_storage: ['performance'],
      functionality_storage: ['necessary'],
      personalization_storage: ['performance', 'advertising'],
    };
    const result = checkManifest({...shopManifest(), consentMode, dataLayerEvent: true});
    if (!result.ok) throw new Error(formatIssue(result.errors[0]));
    expect(result.manifest.consentMode).to.deep.equal(consentMode);
    expect(result.manifest.dataLayerEvent).to.equal(true);
    expect(result.warnings).to.deep.equal([]);
    const off = checkManifest({...shopManifest(), dataLayerEvent: false});
    expect(off.ok && 'dataLayerEvent' in off.manifest).to.equal(false);
  });

  it('R37: warns when an ad or analytics type follows a category that needs no consent', () => {
    const result = checkManifest({...shopManifest(), consentMode: {analytics_storage: ['audience'], ad_storage: ['necessary']}});
    expect(result.ok && result.warnings.map(formatIssue)).to.deep.equal([
      'consentMode.analytics_storage[0]: "audience" is exempt: Google tags would get analytics_storage without consent',
      'consentMode.ad_storage[0]: "necessary" is necessary: Google tags would get ad_storage without consent',
    ]);
  });
});

describe('resolveText', () => {
  const text = {fr: 'Bonjour', en: 'Hello', 'pt-BR': 'Olá'};
  const cases: [string, string[], string][] = [
    ['fr', [], 'Bonjour'],
    ['en-GB', [], 'Hello'],
    ['pt', [], 'Olá'],
    ['de', ['en', 'fr'], 'Hello'],
    ['de', ['fr', 'en'], 'Bonjour'],
    ['de', [], 'Bonjour'],
  ];
  for (const [language, fallbacks, expected] of cases) {
    it(`gives "${expected}" for ${language} (fallbacks ${fallbacks.join(',') || 'none'})`, () => {
      expect(resolveText(text, language, fallbacks)).to.equal(expected);
    });
  }
  it('returns a plain string whatever the language, and "" for no text', () => {
    expect(resolveText('Same', 'de')).to.equal('Same');
    expect(resolveText(undefined, 'fr')).to.equal('');
  });
  it('prefers the bare language to another region of it', () => {
    expect(resolveText({'pt-PT': 'Olá PT', pt: 'Olá'}, 'pt-BR', ['fr'])).to.equal('Olá');
  });
  it('never gives an empty label: skips empty strings, then the site’s first language, then any', () => {
    expect(resolveText({fr: 'Bonjour', en: ''}, 'en', ['fr', 'en'])).to.equal('Bonjour');
    expect(resolveText({fr: ' ', en: '', de: 'Hallo'}, 'fr', ['fr', 'en'])).to.equal('Hallo');
    expect(resolveText({fr: ''}, 'fr', ['fr'])).to.equal('');
  });
  it('never gives an empty label while a text has a word in any language (property)', () => {
    const tag = fc.constantFrom('fr', 'en', 'de', 'pt-BR', 'pt', 'en-GB', 'nl', 'FR');
    fc.assert(
      fc.property(fc.dictionary(tag, fc.string()), tag, fc.array(tag), (value, language, fallbacks) => {
        const got = resolveText(value, language, fallbacks);
        const hasWord = Object.values(value).some((v) => v.trim());
        expect(got.trim() !== '').to.equal(hasWord);
        expect(Object.values(value)).to.include.members(hasWord ? [got] : []);
      })
    );
  });
});
