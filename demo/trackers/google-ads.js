/* Stand-in for the Google Ads (AdWords) conversion tag: nothing leaves the machine. */
(function () {
  var id = 'google-ads';
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
  setCookie('_gcl_au', '1.1.1234567890.1700000000', 7776000); // P3M

  window.dispatchEvent(new CustomEvent('demo-tracker-ran', {detail: id}));
})();
