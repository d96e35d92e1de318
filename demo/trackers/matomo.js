/* Stand-in for a self-hosted Matomo in its CNIL-exempt setup: nothing leaves the machine. */
(function () {
  var id = 'matomo';
  (window.__ran = window.__ran || []).push(id);

  // Real names are _pk_id.<siteId>.<domain hash> and _pk_ses.<siteId>.<domain hash>.
  document.cookie = '_pk_id.1.d3m0=5f3a9c1e2b7d4a60.1700000000.; path=/; max-age=33696000; SameSite=Lax'; // ≤ P13M
  document.cookie = '_pk_ses.1.d3m0=1; path=/; max-age=1800; SameSite=Lax'; // PT30M

  window.dispatchEvent(new CustomEvent('demo-tracker-ran', {detail: id}));
})();
