/* Stand-in for Porthello's own code: its sign-in session cookie. */
(function () {
  var id = 'session';
  (window.__ran = window.__ran || []).push(id);

  document.cookie = 'porthello_session=demo-' + Math.random().toString(36).slice(2) + '; path=/; SameSite=Lax'; // session

  window.dispatchEvent(new CustomEvent('demo-tracker-ran', {detail: id}));
})();
