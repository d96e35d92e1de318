/* Stand-in for the AddThis share buttons (service discontinued in 2023): nothing leaves the machine. */
(function () {
  var id = 'addthis';
  (window.__ran = window.__ran || []).push(id);

  document.cookie = '__atuvc=1%7C47; path=/; max-age=33696000; SameSite=Lax'; // ≤ P13M
  document.cookie = '__atuvs=6560b0c1a2b3c4d5000; path=/; max-age=1800; SameSite=Lax'; // PT30M

  window.dispatchEvent(new CustomEvent('demo-tracker-ran', {detail: id}));
})();
