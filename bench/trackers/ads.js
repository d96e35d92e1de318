/* Stand-in tracker "ads" for the bench: sets a cookie and reports when it ran. Nothing leaves the machine. */
(function () {
  var t = performance.now();
  document.cookie = '_bench_ads=1; path=/; max-age=7776000; SameSite=Lax';
  (window.__ran = window.__ran || []).push('ads');
  if (window.__benchReport) window.__benchReport(JSON.stringify({type: 'tracker', id: 'ads', t: t}));
})();
