/* The page's own script: not tagged, so consent-banner leaves it alone. It must run whatever happens to the banner. */
window.ownScript = (window.ownScript || 0) + 1;
document.addEventListener('DOMContentLoaded', function () {
  var note = document.createElement('p');
  note.id = 'own';
  note.textContent = 'The page’s own script ran.';
  document.body.appendChild(note);
});
