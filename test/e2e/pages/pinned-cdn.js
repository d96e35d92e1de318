/* Another pinned script; strict.test.mjs serves a tampered copy of it, as a compromised CDN would. */
(window.__ran = window.__ran || []).push('pinned-cdn');
