/* Stand-in for LinkedIn's share plugin: nothing leaves the machine.
   Its bcookie, lidc and li_gc cookies live on linkedin.com, which a page on this origin cannot set. */
(function () {
  var id = 'linkedin';
  (window.__ran = window.__ran || []).push(id);
  window.dispatchEvent(new CustomEvent('demo-tracker-ran', {detail: id}));
})();
