/* The receipt page: buttons to copy the code and the link and to print the receipt. Without
   this file the code and the link are plain text to select, and the browser prints. */
(function () {
  "use strict";
  var tools = document.querySelector("[data-receipt-tools]");
  if (!tools) return;
  var status = tools.querySelector("[data-copy-status]");
  var copy = tools.querySelector("[data-copy]");
  var print = tools.querySelector("[data-print]");

  function say(text) {
    status.textContent = text;
    status.classList.remove("visually-hidden");
  }

  if (copy) {
    copy.hidden = false;
    copy.addEventListener("click", function () {
      if (!navigator.clipboard) {
        say(tools.getAttribute("data-copy-failed"));
        return;
      }
      navigator.clipboard.writeText(copy.getAttribute("data-copy")).then(function () {
        say(tools.getAttribute("data-copied"));
      }, function () {
        say(tools.getAttribute("data-copy-failed"));
      });
    });
  }
  if (print && window.print) {
    print.hidden = false;
    print.addEventListener("click", function () { window.print(); });
  }
})();
