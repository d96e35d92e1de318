/* Stand-in for Facebook's share plugin and pixel: nothing leaves the machine.
   Its `fr` cookie lives on facebook.com, which a page on this origin cannot set. */
(function () {
  var id = 'facebook';
  (window.__ran = window.__ran || []).push(id);

  // Like the real pixel: on the parent domain when there is one, else host-only.
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
  setCookie('_fbp', 'fb.1.1700000000000.1234567890', 7776000); // P3M

  window.dispatchEvent(new CustomEvent('demo-tracker-ran', {detail: id}));
})();
