/* Stand-in for Google Analytics (gtag.js): nothing leaves the machine. */
(function () {
  var id = 'google-analytics';
  (window.__ran = window.__ran || []).push(id);

  // Like the real tag: on the parent domain when there is one, else host-only.
  function setCookie(name, value, maxAge) {
    var cookie = name + '=' + value + '; path=/; max-age=' + maxAge + '; SameSite=Lax';
    var host = location.hostname;
    var labels = host.split('.');
    if (labels.length >= 2 && !/^[\d.]+$/.test(host) && host.indexOf(':') === -1) {
      document.cookie = cookie + '; domain=.' + labels.slice(-2).join('.');
      if (('; ' + document.cookie).indexOf('; ' + name + '=') !== -1) return;
    }
    document.cookie = cookie;
  }
  setCookie('_ga', 'GA1.1.1234567890.1700000000', 63072000); // P2Y
  setCookie('_ga_DEMO123', 'GS1.1.1700000000.1.0.1700000000.0.0.0', 63072000); // P2Y
  setCookie('_gid', 'GA1.1.987654321.1700000000', 86400); // P1D

  window.dispatchEvent(new CustomEvent('demo-tracker-ran', {detail: id}));
})();
