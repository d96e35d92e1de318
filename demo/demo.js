/*
 * The demo's live panel (not part of consent-banner): which tagged scripts ran, which cookies
 * exist, the current consent state, and a button to start over. Built with DOM APIs and
 * textContent only, so it works under a strict Content-Security-Policy.
 */
(function () {
  'use strict';

  var WORDS = {
    en: {
      panel: 'Demo panel',
      heading: 'What happened on this page',
      ran: 'Tagged scripts that ran, in order',
      cookies: 'Cookies that exist now',
      shared: 'The five demo sites share one origin, so they also share their cookies.',
      consent: 'Consent state (window.consentBanner.consent)',
      none: '(none)',
      loading: '(consent-banner not loaded yet)',
      noChoice: 'null: no choice stored',
      reset: 'Start over',
      resetHint: 'Deletes this origin’s cookies and the stored choice, then reloads.'
    },
    fr: {
      panel: 'Panneau de démonstration',
      heading: 'Ce qui s’est passé sur cette page',
      ran: 'Scripts balisés exécutés, dans l’ordre',
      cookies: 'Cookies présents',
      shared: 'Les cinq sites de démonstration partagent une même origine, donc aussi leurs cookies.',
      consent: 'État du consentement (window.consentBanner.consent)',
      none: '(aucun)',
      loading: '(consent-banner pas encore chargé)',
      noChoice: 'null : aucun choix enregistré',
      reset: 'Tout recommencer',
      resetHint: 'Efface les cookies de cette origine et le choix enregistré, puis recharge la page.'
    }
  };
  var t = (document.documentElement.lang || '').slice(0, 2) === 'fr' ? WORDS.fr : WORDS.en;

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text) node.textContent = text;
    return node;
  }

  function section(title) {
    var box = el('section', 'demo-panel__section');
    box.appendChild(el('h3', null, title));
    panel.appendChild(box);
    return box;
  }

  /* Replaces the items of a list, only when they changed (no flicker, no needless announcements). */
  function fillList(list, items) {
    var key = items.join('\n');
    if (list.getAttribute('data-key') === key) return;
    list.setAttribute('data-key', key);
    list.replaceChildren();
    if (items.length === 0) {
      list.appendChild(el('li', 'demo-panel__empty', t.none));
      return;
    }
    items.forEach(function (item) {
      list.appendChild(el('li', null, item));
    });
  }

  function cookieNames() {
    return document.cookie
      .split(';')
      .map(function (pair) { return pair.split('=')[0].trim(); })
      .filter(Boolean)
      .sort();
  }

  /* Deletes every cookie this page can see, on its host and each parent domain. */
  function clearCookies() {
    var labels = location.hostname.split('.');
    var domains = [''];
    if (labels.length >= 2 && !/^[\d.]+$/.test(location.hostname)) {
      for (var i = 0; i < labels.length - 1; i++) domains.push('; domain=.' + labels.slice(i).join('.'));
    }
    cookieNames().forEach(function (name) {
      domains.forEach(function (domain) {
        document.cookie = name + '=; path=/; max-age=0' + domain;
      });
    });
  }

  var panel = el('aside', 'demo-panel');
  panel.setAttribute('aria-label', t.panel);
  panel.appendChild(el('h2', null, t.heading));

  var ranList = section(t.ran).appendChild(el('ol', 'demo-panel__list'));
  var cookieBox = section(t.cookies);
  var cookieList = cookieBox.appendChild(el('ul', 'demo-panel__list demo-panel__cookies'));
  cookieBox.appendChild(el('p', 'demo-panel__note', t.shared));
  var consentOut = section(t.consent).appendChild(el('pre', 'demo-panel__consent'));

  var reset = el('button', 'demo-panel__reset', t.reset);
  reset.type = 'button';
  reset.addEventListener('click', function () {
    clearCookies();
    var banner = window.consentBanner;
    if (banner && typeof banner.reset === 'function') banner.reset();
    else location.reload();
  });
  panel.appendChild(reset);
  panel.appendChild(el('p', 'demo-panel__note', t.resetHint));

  function render() {
    fillList(ranList, (window.__ran || []).map(String));
    fillList(cookieList, cookieNames());
    var banner = window.consentBanner;
    var text = !banner ? t.loading
      : banner.consent == null ? t.noChoice
      : JSON.stringify(banner.consent, null, 2);
    if (consentOut.textContent !== text) consentOut.textContent = text;
  }

  document.body.appendChild(panel);
  render();
  window.addEventListener('demo-tracker-ran', render);
  document.addEventListener('consent-change', render);
  document.addEventListener('consent-ready', render);
  setInterval(render, 500);
})();
