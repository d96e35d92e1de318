/* A tagged script with a bug: it starts, then throws. */
(window.__ran = window.__ran || []).push('throws');
throw new Error('tracker bug in throws.js');
