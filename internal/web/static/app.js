// Glossia dashboard: a little progressive enhancement. Every page works
// without it.
"use strict";

document.addEventListener("DOMContentLoaded", function () {
  // Ask before destructive actions. Confirming marks the form so the
  // server skips its own confirmation page.
  document.querySelectorAll("form[data-confirm]").forEach(function (form) {
    form.addEventListener("submit", function (event) {
      if (!window.confirm(form.dataset.confirm)) {
        event.preventDefault();
        return;
      }
      var mark = form.querySelector('input[name="confirmed"]');
      if (!mark) {
        mark = document.createElement("input");
        mark.type = "hidden";
        mark.name = "confirmed";
        form.appendChild(mark);
      }
      mark.value = "yes";
    });
  });

  // Copy a field's value to the clipboard.
  document.querySelectorAll("[data-copy]").forEach(function (button) {
    var field = document.getElementById(button.dataset.copy);
    var status = document.getElementById("copy-status");
    var label = button.querySelector("span");
    if (!field) return;
    button.hidden = false;
    button.addEventListener("click", function () {
      var done = function () {
        if (label) label.textContent = "Copied";
        if (status) status.textContent = "Copied to the clipboard.";
        window.setTimeout(function () { if (label) label.textContent = "Copy"; }, 2500);
      };
      var fallback = function () {
        field.focus();
        field.select();
        try {
          if (document.execCommand("copy")) { done(); return; }
        } catch (e) { /* fall through */ }
        if (status) status.textContent = "Select the token and copy it with your keyboard.";
      };
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(field.value).then(done, fallback);
      } else {
        fallback();
      }
    });
  });

  // Select a read-only value when it gets focus, ready to copy.
  document.querySelectorAll("[data-select-on-focus]").forEach(function (field) {
    field.addEventListener("focus", function () { field.select(); });
    field.addEventListener("click", function () { field.select(); });
  });

  // A page that shows a secret once replaces its history entry, so that
  // reloading or coming back shows the list instead of posting again.
  var replace = document.querySelector("[data-replace-url]");
  if (replace && window.history && window.history.replaceState) {
    window.history.replaceState(null, "", replace.dataset.replaceUrl);
  }
});
