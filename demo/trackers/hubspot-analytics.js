/* Stand-in for the HubSpot tracking code (analytics cookies): nothing leaves the machine. */
(function () {
  var id = 'hubspot-analytics';
  (window.__ran = window.__ran || []).push(id);

  var utk = '0123456789abcdef0123456789abcdef';
  document.cookie = '__hstc=12345678.' + utk + '.1700000000000.1700000000000.1700000000000.1; path=/; max-age=15552000; SameSite=Lax'; // P6M
  document.cookie = 'hubspotutk=' + utk + '; path=/; max-age=15552000; SameSite=Lax'; // P6M
  document.cookie = '__hssc=12345678.1.1700000000000; path=/; max-age=1800; SameSite=Lax'; // PT30M
  document.cookie = '__hssrc=1; path=/; SameSite=Lax'; // session

  window.dispatchEvent(new CustomEvent('demo-tracker-ran', {detail: id}));
})();
