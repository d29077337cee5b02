/* A form that came back with errors: the focus moves to the summary that names each error
   and links to its field (WCAG 3.3.1, 2.4.3), so a keyboard or screen-reader user starts
   there. The page's title already begins with "Error:" (base.html). */
(function () {
  "use strict";
  var summary = document.getElementById("error-summary");
  if (summary && !summary.contains(document.activeElement)) summary.focus();
})();
