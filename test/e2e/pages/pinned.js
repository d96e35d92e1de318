/* A tagged script pinned by its integrity digest in strict.html (recompute that digest if this file changes). */
(window.__ran = window.__ran || []).push('pinned');
