/* Stand-in for DoubleClick (Google Marketing Platform): nothing leaves the machine.
   Its IDE and test_cookie cookies live on doubleclick.net, which a page on this origin cannot set. */
(function () {
  var id = 'doubleclick';
  (window.__ran = window.__ran || []).push(id);
  window.dispatchEvent(new CustomEvent('demo-tracker-ran', {detail: id}));
})();
