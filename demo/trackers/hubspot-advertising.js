/* Stand-in for HubSpot Ads, which installs the LinkedIn Insight Tag through the HubSpot
   tracking code: nothing leaves the machine. Its UserMatchHistory and AnalyticsSyncHistory
   cookies live on linkedin.com, which a page on this origin cannot set. */
(function () {
  var id = 'hubspot-advertising';
  (window.__ran = window.__ran || []).push(id);

  document.cookie = 'li_fat_id=demo-3f1c2b7a-9e4d-4c11-8a6b-5d2e0f7c9a10; path=/; max-age=2592000; SameSite=Lax'; // P30D

  window.dispatchEvent(new CustomEvent('demo-tracker-ran', {detail: id}));
})();
