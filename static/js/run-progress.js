/* A page whose background run is in progress asks its own address for the run's progress
   (header X-Sora-Progress) instead of reloading itself, so nothing typed on the page is lost
   (WCAG 2.2.1). The bar follows the progress silently; the end is told once in the live
   region. Without this file the page offers a link to update it. */
(function () {
  "use strict";
  var box = document.querySelector("[data-progress]");
  if (!box || !window.fetch) return;
  var EVERY = 5000;
  var status = box.querySelector("[data-progress-status]");
  var bar = box.querySelector("progress");
  var label = box.querySelector("[data-progress-label]");

  function showProgress(percent) {
    if (!bar || typeof percent !== "number") return;
    bar.value = percent;
    bar.textContent = percent + " %";
    if (label) label.textContent = label.getAttribute("data-progress-label").replace("%s", percent);
  }

  function finish(failed) {
    box.setAttribute("data-progress-finished", failed ? "failed" : "done");
    status.textContent = status.getAttribute(failed ? "data-failed" : "data-done");
  }

  function poll() {
    window.fetch(box.getAttribute("data-progress"), {
      headers: { "X-Sora-Progress": "1", "Accept": "application/json" },
      credentials: "same-origin",
      cache: "no-store"
    }).then(function (response) {
      if (!response.ok) throw new Error(String(response.status));
      return response.json();
    }).then(function (reply) {
      showProgress(reply.progress);
      if (reply.working) {
        window.setTimeout(poll, EVERY);
      } else {
        finish(reply.failed);
      }
    }).catch(function () {
      // A lost connection or an ended session: try again later, more seldom.
      window.setTimeout(poll, EVERY * 3);
    });
  }

  window.setTimeout(poll, EVERY);
})();
