/* Stand-in for the Linkello sites' own code: their session and language cookies.
   (The `consent` cookie they also declare is written by consent-banner itself.) */
(function () {
  var id = 'session';
  (window.__ran = window.__ran || []).push(id);

  var lang = (document.documentElement.lang || 'fr').slice(0, 2);
  document.cookie = 'linkello_session=demo-' + Math.random().toString(36).slice(2) + '; path=/; SameSite=Lax'; // session
  document.cookie = 'linkello_lang=' + lang + '; path=/; max-age=31536000; SameSite=Lax'; // P1Y

  window.dispatchEvent(new CustomEvent('demo-tracker-ran', {detail: id}));
})();
