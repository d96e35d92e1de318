/* Stand-in for a YouTube embed: tells the embedding page it ran. Nothing leaves the machine.
   Its VISITOR_INFO1_LIVE and YSC cookies live on youtube.com, which this origin cannot set. */
(function () {
  var id = 'youtube';
  try {
    var parent = window.parent;
    (parent.__ran = parent.__ran || []).push(id);
    parent.dispatchEvent(new parent.CustomEvent('demo-tracker-ran', {detail: id}));
  } catch (e) {
    // Another origin: nothing to report to.
  }
})();
