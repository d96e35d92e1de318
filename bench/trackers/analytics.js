/* Stand-in tracker "analytics" for the bench: sets a cookie and reports when it ran. Nothing leaves the machine. */
(function () {
  var t = performance.now();
  document.cookie = '_bench_analytics=1; path=/; max-age=7776000; SameSite=Lax';
  (window.__ran = window.__ran || []).push('analytics');
  if (window.__benchReport) window.__benchReport(JSON.stringify({type: 'tracker', id: 'analytics', t: t}));
})();
