/* Warns before a signed-in session ends for inactivity and lets the person continue it
   (WCAG 2.2.1). A session that ends this way keeps the person's own draft in the browser,
   stored under their key so that nobody else gets it (observation-form.js) until it
   expires, they sign out, or another person opens the form.

   The dialog is named by the text of the part it shows (2.4.3, 4.1.2), and continuing the
   session gives the focus back to where it was before the warning took it. */
(function () {
  "use strict";
  var body = document.body;
  var box = document.getElementById("session-warning");
  if (!box || !body.hasAttribute("data-session-seconds")) return;
  var seconds = parseInt(body.getAttribute("data-session-seconds"), 10);
  var warning = parseInt(body.getAttribute("data-session-warning"), 10);
  var warnPart = box.querySelector("[data-session-warn]");
  var endedPart = box.querySelector("[data-session-ended]");
  var button = box.querySelector("button");
  var timers = [];
  var returnTo = null;

  function clear() {
    timers.forEach(window.clearTimeout);
    timers = [];
  }

  function show(part) {
    var active = document.activeElement;
    if (active && active !== body && !box.contains(active)) returnTo = active;
    box.setAttribute("aria-labelledby", part.querySelector("p").id);
    warnPart.hidden = part !== warnPart;
    endedPart.hidden = part !== endedPart;
    box.hidden = false;
    var target = part === warnPart ? button : part.querySelector("a");
    if (target) target.focus();
  }

  function giveFocusBack() {
    var target = returnTo && document.body.contains(returnTo) ? returnTo : document.getElementById("main");
    returnTo = null;
    if (target) target.focus();
  }

  function schedule() {
    clear();
    box.hidden = true;
    timers.push(window.setTimeout(function () { show(warnPart); }, Math.max(0, seconds - warning) * 1000));
    timers.push(window.setTimeout(function () { show(endedPart); }, seconds * 1000));
  }

  button.addEventListener("click", function () {
    var request = new XMLHttpRequest();
    request.open("POST", body.getAttribute("data-session-extend"));
    request.setRequestHeader("X-CSRFToken", body.getAttribute("data-csrf"));
    request.setRequestHeader("X-Requested-With", "XMLHttpRequest");
    request.onload = function () {
      if (request.status === 200) {
        schedule();
        giveFocusBack();
      } else {
        show(endedPart);
      }
    };
    request.onerror = function () { show(endedPart); };
    request.send();
  });

  schedule();
})();
