/* Observation form enhancements: keep an unsent draft in this browser, count characters,
   show team fields only when answering as a team. The form works without this file.

   A draft is stored under the key the server gives the page (data-autosave): one owner (a
   signed-in person under a name that does not reveal who they are, or "open" on an open
   link) and one form. Drafts expire after data-draft-hours, other people's and old-style
   ones are removed on load, a successful submit removes the draft (the receipt page), and
   signing out removes them all (clear-drafts.js). Text that the personal-data guard blocked
   (data-blocked) is never stored: saving pauses until the highlighted pieces are gone. */
(function () {
  "use strict";
  var DRAFT = "sora-draft:";
  var SENT = "sora-last-sent:";
  var PENDING = "sora-pending-draft";
  var OWNER = /^(u-[0-9a-f]+|open)$/;
  var HOUR = 3600 * 1000;

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

  function read(name) {
    try {
      return JSON.parse(local.getItem(name));
    } catch (e) {
      return null;
    }
  }

  /* A record older than its lifetime is dropped, never restored; so is one without a time. */
  function expired(record, hours) {
    return !record || typeof record.saved !== "number" || !(hours > 0) ||
      Date.now() - record.saved > hours * HOUR;
  }

  /* The receipt page: the draft that was just sent is no longer needed. */
  if (document.querySelector("[data-clear-draft]")) {
    var sent = session && session.getItem(PENDING);
    if (sent && local && sent.indexOf(DRAFT) === 0) local.removeItem(sent);
    if (session) session.removeItem(PENDING);
    return;
  }

  var form = document.querySelector("form[data-autosave]");
  if (!form) return;
  var key = form.getAttribute("data-autosave");
  var owner = form.getAttribute("data-draft-owner");
  var hours = parseInt(form.getAttribute("data-draft-hours"), 10);
  var sentKey = SENT + key.slice(DRAFT.length);
  var skip = { csrfmiddlewaretoken: 1, website: 1, action: 1, confirm: 1 };
  /* Only a change is stored: a draft's time is when it was last edited, so merely opening
     the page again does not extend its life. */
  var changed = false;

  /* Keep only this owner's drafts and open-link drafts that have not expired: another
     person's drafts (whose session ended without signing out) and entries of the old key
     scheme, which named no owner, go. */
  function tidy() {
    var names = [];
    for (var i = 0; i < local.length; i++) names.push(local.key(i));
    names.forEach(function (name) {
      var prefix = name.indexOf(DRAFT) === 0 ? DRAFT : name.indexOf(SENT) === 0 ? SENT : null;
      if (!prefix) return;
      var who = name.slice(prefix.length).split(":")[0];
      var record = read(name);
      var stale = !OWNER.test(who) || (who !== owner && who !== "open") ||
        expired(record, record && record.hours);
      if (stale) local.removeItem(name);
    });
  }

  /* What the guard blocked, per field: the highlighted pieces, compared leniently (case,
     spaces and punctuation aside) so that "040 123" and "040123" count as the same piece. */
  function simplify(text) {
    return text.toLowerCase().replace(/[^\p{L}\p{N}]/gu, "");
  }
  var blocked = (form.getAttribute("data-blocked") || "").split(" ").filter(Boolean).map(function (name) {
    var panel = document.getElementById("guard-" + name);
    var marks = panel ? panel.querySelectorAll("mark[data-blocking]") : [];
    return {
      area: form.elements.namedItem(name),
      pieces: Array.prototype.map.call(marks, function (mark) {
        var shown = mark.firstChild ? mark.firstChild.nodeValue : "";
        return { text: simplify(shown || ""), key: mark.getAttribute("data-blocking") };
      })
    };
  });

  /* A name or an address the writer has now ticked as not personal data no longer blocks. */
  function confirmedByWriter(piece) {
    return Array.prototype.some.call(form.querySelectorAll("input[name='confirm']"), function (box) {
      return box.checked && box.value === piece.key;
    });
  }

  /* A field whose pieces cannot be told stays blocked while it holds any text. */
  function stillBlocked(field) {
    if (!field.area) return true;
    if (!field.area.value) return false;
    if (!field.pieces.length) return true;
    var value = simplify(field.area.value);
    return field.pieces.some(function (piece) {
      return !confirmedByWriter(piece) && (!piece.text || value.indexOf(piece.text) !== -1);
    });
  }

  function holdsBlockedText() {
    return blocked.some(stillBlocked);
  }

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

  var pausedNote = null;
  function showPaused(paused) {
    if (!pausedNote && paused) {
      pausedNote = document.createElement("p");
      pausedNote.className = "note";
      pausedNote.setAttribute("role", "status");
      pausedNote.textContent = form.getAttribute("data-paused");
      form.parentNode.insertBefore(pausedNote, form);
    }
    if (pausedNote) pausedNote.hidden = !paused;
  }

  /* Store the form, unless it holds text the guard blocked: then whatever was stored before
     (typed before the guard saw it) goes too. */
  function save() {
    if (!local) return;
    var paused = holdsBlockedText();
    showPaused(paused);
    changed = false;
    if (paused) {
      local.removeItem(key);
      local.removeItem(sentKey);
      return;
    }
    local.setItem(key, JSON.stringify({ saved: Date.now(), hours: hours, data: collect() }));
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
  /* A forum session's page after a saved finding: the finding's draft is no longer needed. */
  if (form.hasAttribute("data-just-sent") && session && local) {
    var done = session.getItem(PENDING);
    if (done && done.indexOf(DRAFT) === 0) local.removeItem(done);
  }
  if (session) session.removeItem(PENDING);
  if (local) {
    tidy();
    var stored = read(key);
    if (stored && expired(stored, hours)) {
      local.removeItem(key);
    } else if (stored && !bound) {
      try {
        restore(stored.data);
        showRestored();
      } catch (e) {
        local.removeItem(key);
      }
    }
    /* A page the server sent back holds what was typed: keep it (or, if blocked, drop it). */
    if (bound) save();
  }

  var timer = null;
  var signingOut = false;
  function later() {
    changed = true;
    window.clearTimeout(timer);
    timer = window.setTimeout(save, 400);
  }
  form.addEventListener("input", later);
  form.addEventListener("change", later);
  window.addEventListener("pagehide", function () {
    if (changed && !signingOut) save();
  });
  /* Signing out removes every draft (the response clears the storage before this page is
     left): storing this one again as the page goes would undo that. */
  Array.prototype.forEach.call(document.querySelectorAll("form[data-sign-out]"), function (out) {
    out.addEventListener("submit", function () {
      signingOut = true;
      window.clearTimeout(timer);
      if (local) local.removeItem(key);
    });
  });

  /* A short fingerprint of a text: enough to know the same text again, without keeping it. */
  function fingerprint(text) {
    var a = 0x811c9dc5;
    var b = 0x2f0c5d17;
    for (var i = 0; i < text.length; i++) {
      var c = text.charCodeAt(i);
      a = Math.imul(a ^ c, 0x01000193) >>> 0;
      b = Math.imul(b ^ c, 0x5bd1e995) >>> 0;
      b ^= b >>> 15;
    }
    return text.length + "-" + a.toString(16) + "-" + b.toString(16);
  }

  /* The same text sent again (the back button, a reload the browser refilled, a retry)
     keeps the submission key it was first sent with, so the server returns the
     observation it already saved instead of making a second one. */
  var keyInput = form.querySelector("input[name='submission_key']");
  var mainText = form.querySelector("textarea[name='text']");
  form.addEventListener("submit", function () {
    if (local && keyInput && mainText && !holdsBlockedText()) {
      var last = read(sentKey);
      var print = fingerprint(mainText.value);
      if (last && !expired(last, hours) && last.fingerprint === print) keyInput.value = last.key;
      local.setItem(sentKey, JSON.stringify({
        saved: Date.now(), hours: hours, key: keyInput.value, fingerprint: print
      }));
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
