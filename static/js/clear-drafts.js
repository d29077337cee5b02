/* Loaded on the page shown after signing out: removes every draft and sent-text record that
   Sora kept in this browser, so the next person at a shared computer finds none of them.
   The sign-out response also asks the browser to do this (Clear-Site-Data), but not every
   browser does. */
(function () {
  "use strict";
  ["localStorage", "sessionStorage"].forEach(function (kind) {
    try {
      var store = window[kind];
      var names = [];
      for (var i = 0; i < store.length; i++) {
        var name = store.key(i);
        if (name && name.indexOf("sora-") === 0) names.push(name);
      }
      names.forEach(function (name) { store.removeItem(name); });
    } catch (e) { /* storage switched off: nothing was kept */ }
  });
})();
