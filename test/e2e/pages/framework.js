/*
 * A stand-in for a framework that re-renders the whole body from a template on every update
 * (document.body.innerHTML = …), <consent-banner> and tagged elements included.
 */
(function () {
  window.renders = 0;
  window.render = function () {
    window.renders++;
    document.body.innerHTML =
      '<h1>Render ' +
      window.renders +
      '</h1>' +
      '<consent-banner manifest="/test/e2e/pages/shop-manifest.json"></consent-banner>' +
      '<script type="text/plain" data-service="google-analytics" src="/demo/trackers/google-analytics.js"></script>' +
      '<script type="text/plain" data-service="google-analytics">(window.__ran = window.__ran || []).push("google-analytics-inline");</script>' +
      '<iframe data-src="/demo/trackers/youtube-embed.html" data-service="facebook" title="A video" width="320" height="180"></iframe>' +
      '<p><a href="#" data-consent-open>Cookie settings</a></p>';
  };
  document.addEventListener('DOMContentLoaded', window.render);
})();
