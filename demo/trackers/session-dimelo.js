/* Stand-in for dimelo.com's own code: its session cookie.
   (The `consent` cookie it also declares is written by consent-banner itself.) */
(function () {
  var id = 'session';
  (window.__ran = window.__ran || []).push(id);

  document.cookie = 'dimelo_session=demo-' + Math.random().toString(36).slice(2) + '; path=/; SameSite=Lax'; // session

  window.dispatchEvent(new CustomEvent('demo-tracker-ran', {detail: id}));
})();
