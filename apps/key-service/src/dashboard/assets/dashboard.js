// The dashboard's only script (served as a file: the CSP allows no inline script).
// Everything works without it; it adds the modal show-once dialog, the copy
// button, focus on a refused form, and the long-expiry warning.
(function () {
  'use strict';

  function leaveReveal(dialog, href) {
    // Closing removes the key from the page, and the page from the history.
    dialog.querySelectorAll('input').forEach(function (input) { input.value = ''; });
    if (dialog.open) dialog.close();
    dialog.remove();
    window.location.replace(href);
  }

  function setUpReveal(dialog) {
    var close = dialog.querySelector('[data-close-reveal]');
    var href = close ? close.getAttribute('href') : '/dashboard/keys';
    if (typeof dialog.showModal === 'function') {
      dialog.close();
      dialog.showModal(); // modal: focus stays inside, Escape closes
    }
    var copy = dialog.querySelector('[data-copy]');
    if (copy) copy.focus();
    if (close) close.addEventListener('click', function (event) { event.preventDefault(); leaveReveal(dialog, href); });
    dialog.addEventListener('cancel', function (event) { event.preventDefault(); leaveReveal(dialog, href); });
  }

  function copyText(input) {
    if (navigator.clipboard && window.isSecureContext) return navigator.clipboard.writeText(input.value);
    input.select();
    return document.execCommand('copy') ? Promise.resolve() : Promise.reject(new Error('copy refused'));
  }

  function setUpCopy(button) {
    var input = document.getElementById(button.getAttribute('data-copy'));
    var status = document.querySelector('[data-copy-status]');
    button.addEventListener('click', function () {
      copyText(input).then(
        function () { if (status) status.textContent = 'Copied to the clipboard.'; button.textContent = 'Copied'; },
        function () { input.select(); if (status) status.textContent = 'Copy failed: the key is selected, press Ctrl+C (⌘C).'; },
      );
    });
  }

  function setUpExpiry(date) {
    var never = document.getElementById('noExpiry');
    var warning = document.querySelector('[data-expiry-warning]');
    var longAfter = Number(date.getAttribute('data-long-after-days'));
    function update() {
      date.disabled = never.checked;
      if (never.checked) {
        warning.textContent = 'A key that never expires stays a risk until someone revokes it. Set an expiration and rotate regularly.';
        return;
      }
      var days = date.value ? Math.round((Date.parse(date.value + 'T00:00:00Z') - Date.now()) / 86400000) : 0;
      warning.textContent = days > longAfter
        ? 'This key lives ' + days + ' days. Long-lived keys are riskier: prefer a shorter expiration and rotate regularly.'
        : '';
    }
    date.addEventListener('input', update);
    if (never) never.addEventListener('change', update);
    update();
  }

  document.addEventListener('DOMContentLoaded', function () {
    document.querySelectorAll('dialog[data-show-once]').forEach(setUpReveal);
    document.querySelectorAll('[data-copy]').forEach(setUpCopy);
    var date = document.querySelector('input[data-long-after-days]');
    if (date) setUpExpiry(date);
    var summary = document.querySelector('[data-focus-on-load]');
    if (summary) summary.focus();
  });
})();
