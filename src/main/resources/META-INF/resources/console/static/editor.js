// Live validation of the policy editor: sends the document to the console's validator as you type (debounced)
// and shows its positioned message. Served from 'self' under the console's Content-Security-Policy.
(function () {
  'use strict';
  var form = document.querySelector('form.editor');
  if (!form) { return; }
  var textarea = form.querySelector('#document');
  var status = document.getElementById('validation');
  var csrf = form.querySelector('input[name=csrf]').value;
  var timer = null;
  function check() {
    fetch('/console/api/validate-policy', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': csrf },
      body: JSON.stringify({ document: textarea.value }),
      credentials: 'same-origin'
    }).then(function (r) { return r.json(); }).then(function (v) {
      status.className = v.valid ? 'valid' : 'invalid';
      status.textContent = v.valid ? 'The policy is valid.' : v.message;
      textarea.setAttribute('aria-invalid', v.valid ? 'false' : 'true');
    }).catch(function () { status.textContent = ''; });
  }
  textarea.addEventListener('input', function () {
    if (timer) { clearTimeout(timer); }
    timer = setTimeout(check, 250);
  });
  check();
}());
