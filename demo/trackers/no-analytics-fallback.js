/* A `data-category="!performance"` fallback: released when performance measurement is refused. */
(function () {
  var id = 'no-analytics-fallback';
  (window.__ran = window.__ran || []).push(id);
  window.dispatchEvent(new CustomEvent('demo-tracker-ran', {detail: id}));
})();
