/* Observation form enhancements: keep an unsent draft in this browser, count characters,
   show team fields only when answering as a team. The form works without this file. */
(function () {
  "use strict";
  var PREFIX = "sora-draft:";
  var PENDING = "sora-pending-draft";

  function storage(kind) {
    try {
      var s = window[kind];
      s.setItem("sora-test", "1");
      s.removeItem("sora-test");
      return s;
    } catch (e) {
      return null;
    }
  }
  var local = storage("localStorage");
  var session = storage("sessionStorage");

  /* The receipt page: the draft that was just sent is no longer needed. */
  if (document.querySelector("[data-clear-draft]")) {
    var sent = session && session.getItem(PENDING);
    if (sent && local) local.removeItem(sent);
    if (session) session.removeItem(PENDING);
    return;
  }

  var form = document.querySelector("form[data-autosave]");
  if (!form) return;
  var key = PREFIX + form.getAttribute("data-autosave");
  var skip = { csrfmiddlewaretoken: 1, website: 1, action: 1 };

  function collect() {
    var data = {};
    Array.prototype.forEach.call(form.elements, function (el) {
      if (!el.name || skip[el.name] || el.type === "submit") return;
      if ((el.type === "checkbox" || el.type === "radio") && !el.checked) return;
      (data[el.name] = data[el.name] || []).push(el.value);
    });
    return data;
  }

  function restore(data) {
    Array.prototype.forEach.call(form.elements, function (el) {
      if (!el.name || skip[el.name] || !(el.name in data)) return;
      var values = data[el.name];
      if (el.type === "checkbox" || el.type === "radio") {
        el.checked = values.indexOf(el.value) !== -1;
      } else if (el.tagName === "SELECT" && el.multiple) {
        Array.prototype.forEach.call(el.options, function (o) { o.selected = values.indexOf(o.value) !== -1; });
      } else {
        el.value = values[0];
      }
    });
  }

  function save() {
    if (local) local.setItem(key, JSON.stringify({ saved: Date.now(), data: collect() }));
  }

  function showRestored() {
    var note = document.createElement("div");
    note.className = "note";
    note.setAttribute("role", "status");
    var text = document.createElement("p");
    text.textContent = form.getAttribute("data-restored");
    var discard = document.createElement("button");
    discard.type = "button";
    discard.className = "link-button";
    discard.textContent = form.getAttribute("data-discard");
    discard.addEventListener("click", function () {
      if (local) local.removeItem(key);
      window.location.reload();
    });
    note.appendChild(text);
    note.appendChild(discard);
    form.parentNode.insertBefore(note, form);
  }

  var bound = document.getElementById("error-summary") !== null;
  var stored = local && local.getItem(key);
  if (session) session.removeItem(PENDING);
  if (stored && !bound) {
    try {
      restore(JSON.parse(stored).data);
      showRestored();
    } catch (e) {
      local.removeItem(key);
    }
  } else if (bound) {
    save();
  }

  var timer = null;
  function later() {
    window.clearTimeout(timer);
    timer = window.setTimeout(save, 400);
  }
  form.addEventListener("input", later);
  form.addEventListener("change", later);
  window.addEventListener("pagehide", save);
  /* The same text sent again (the back button, a reload the browser refilled, a retry)
     keeps the submission key it was first sent with, so the server returns the
     observation it already saved instead of making a second one. */
  var LAST = "sora-last-sent:" + form.getAttribute("data-autosave");
  var keyInput = form.querySelector("input[name='submission_key']");
  var mainText = form.querySelector("textarea[name='text']");
  form.addEventListener("submit", function () {
    if (local && keyInput && mainText) {
      try {
        var last = JSON.parse(local.getItem(LAST) || "null");
        if (last && last.text === mainText.value) keyInput.value = last.key;
      } catch (e) { /* an unreadable record is ignored */ }
      local.setItem(LAST, JSON.stringify({ key: keyInput.value, text: mainText.value }));
    }
    save();
    if (session) session.setItem(PENDING, key);
  });

  /* Character counter for the main text. */
  var limit = parseInt(form.getAttribute("data-limit"), 10);
  var template = form.getAttribute("data-counter");
  Array.prototype.forEach.call(document.querySelectorAll(".char-count[data-for]"), function (out) {
    var area = document.getElementById(out.getAttribute("data-for"));
    if (!area) return;
    function update() {
      var n = area.value.length;
      out.textContent = template.replace("{count}", n).replace("{limit}", limit);
      out.classList.toggle("over", n > limit);
    }
    area.addEventListener("input", update);
    update();
  });

  /* Team size and professions only matter for a team answer. */
  var team = form.querySelector(".team-fields");
  var radios = form.querySelectorAll("input[name='answered_as']");
  function toggleTeam() {
    var checked = form.querySelector("input[name='answered_as']:checked");
    if (team) team.hidden = !checked || checked.value !== "team";
  }
  Array.prototype.forEach.call(radios, function (r) { r.addEventListener("change", toggleTeam); });
  toggleTeam();

  var summary = document.getElementById("error-summary");
  if (summary) summary.focus();
})();
