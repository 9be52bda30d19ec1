/* iraqnews: small progressive enhancements. Every page works without this file. */
(function () {
  "use strict";

  var root = document.documentElement;
  root.classList.add("js");

  /* Copy to clipboard: <button data-copy-target="#id" hidden> copies the value
     (or text) of the target element. The button stays hidden without JavaScript. */
  function copyText(text, target) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text);
    }
    return new Promise(function (resolve, reject) {
      try {
        if (target && typeof target.select === "function") {
          target.focus();
          target.select();
        }
        if (document.execCommand && document.execCommand("copy")) {
          resolve();
        } else {
          reject(new Error("copy failed"));
        }
      } catch (error) {
        reject(error);
      }
    });
  }

  Array.prototype.forEach.call(document.querySelectorAll("[data-copy-target]"), function (button) {
    var target = document.querySelector(button.getAttribute("data-copy-target"));
    if (!target) {
      return;
    }
    var label = button.textContent;
    var status = document.createElement("span");
    status.className = "copy-status";
    status.setAttribute("role", "status");
    button.insertAdjacentElement("afterend", status);
    button.hidden = false;

    var timer = null;
    button.addEventListener("click", function () {
      var text = "value" in target ? target.value : target.textContent;
      copyText(text.trim(), target).then(
        function () {
          button.textContent = "Copied";
          status.textContent = "Link copied to the clipboard.";
        },
        function () {
          if (typeof target.select === "function") {
            target.focus();
            target.select();
          }
          status.textContent = "Press Ctrl+C (or \u2318C on a Mac) to copy the selected link.";
        }
      );
      window.clearTimeout(timer);
      timer = window.setTimeout(function () {
        button.textContent = label;
        status.textContent = "";
      }, 4000);
    });
  });

  /* Auto-submit: changing a single <select> submits its form when the select
     or its form carries data-autosubmit (the form keeps its own submit button). */
  document.addEventListener("change", function (event) {
    var select = event.target;
    if (!(select instanceof HTMLSelectElement) || select.multiple || !select.form) {
      return;
    }
    var form = select.form;
    if (!select.hasAttribute("data-autosubmit") && !form.hasAttribute("data-autosubmit")) {
      return;
    }
    if (typeof form.requestSubmit === "function") {
      form.requestSubmit();
    } else {
      form.submit();
    }
  });

  /* GET forms marked data-compact leave empty fields out of the address,
     so a filtered list reads ?speaker=x rather than ?q=&speaker=x&outlet=... */
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!(form instanceof HTMLFormElement) || !form.hasAttribute("data-compact")) {
      return;
    }
    if ((form.getAttribute("method") || "get").toLowerCase() !== "get" || !window.FormData || !window.URLSearchParams) {
      return;
    }
    var params = new URLSearchParams();
    new FormData(form, event.submitter || undefined).forEach(function (value, name) {
      if (typeof value === "string" && value.trim() !== "") {
        params.append(name, value);
      }
    });
    event.preventDefault();
    var query = params.toString();
    window.location.assign(form.action.split("?")[0] + (query ? "?" + query : ""));
  });

  /* Panels marked data-open-wide (the quote filters) start open on wide screens,
     where they sit beside the results; on phones they stay folded. */
  var wide = window.matchMedia ? window.matchMedia("(min-width: 64em)") : null;
  if (wide && wide.matches) {
    Array.prototype.forEach.call(document.querySelectorAll("details[data-open-wide]"), function (panel) {
      panel.open = true;
    });
  }
})();
