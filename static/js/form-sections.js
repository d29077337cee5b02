/* The observation form on a small screen: a search box in each folded list and a summary
   of what is ticked, a folded list opening when a link (the error summary's) points into it,
   and the part being read marked in the list of parts. The form works without this file. */
(function () {
  "use strict";
  var lists = document.querySelectorAll("[data-choice-list]");

  function names(list) {
    return Array.prototype.filter.call(list.querySelectorAll("input"), function (box) {
      return box.checked;
    }).map(function (box) {
      return box.parentNode.textContent.trim();
    });
  }

  function summarise(list) {
    var out = list.querySelector(".choice-list__chosen");
    var chosen = names(list);
    out.textContent = chosen.length ?
      out.getAttribute("data-some").replace("{names}", chosen.join(", ")) :
      out.getAttribute("data-none");
  }

  function addSearch(list, index) {
    var options = list.querySelectorAll(".choice-list__options > div");
    if (options.length < 8) return;
    var box = document.createElement("div");
    box.className = "choice-list__search";
    var label = document.createElement("label");
    var input = document.createElement("input");
    input.type = "text";
    input.id = "choice-search-" + index;
    input.autocomplete = "off";
    label.htmlFor = input.id;
    label.textContent = list.getAttribute("data-search");
    box.appendChild(label);
    box.appendChild(input);
    list.querySelector(".choice-list__options").before(box);
    input.addEventListener("input", function () {
      var wanted = input.value.trim().toLowerCase();
      Array.prototype.forEach.call(options, function (option) {
        option.hidden = wanted !== "" && option.textContent.toLowerCase().indexOf(wanted) === -1;
      });
    });
    /* Enter in the search box must not send the form. */
    input.addEventListener("keydown", function (event) {
      if (event.key === "Enter") event.preventDefault();
    });
  }

  Array.prototype.forEach.call(lists, function (list, index) {
    addSearch(list, index);
    list.addEventListener("change", function () { summarise(list); });
  });

  /* A link to a box inside a folded list opens the list first. */
  function reveal(id) {
    var target = id && document.getElementById(id);
    var list = target && target.closest("details");
    if (list && !list.open) list.open = true;
    return target;
  }
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a[href^='#']");
    if (!link) return;
    var target = reveal(link.getAttribute("href").slice(1));
    if (target && target.focus) {
      event.preventDefault();
      target.focus();
      target.scrollIntoView({ block: "center" });
    }
  });
  if (window.location.hash) reveal(window.location.hash.slice(1));

  /* The part on the screen is marked in the list of parts. */
  var progress = document.querySelector("[data-form-progress]");
  if (!progress || !("IntersectionObserver" in window)) return;
  var links = progress.querySelectorAll("a[href^='#s-']");
  var watcher = new IntersectionObserver(function (entries) {
    entries.forEach(function (entry) {
      if (!entry.isIntersecting) return;
      Array.prototype.forEach.call(links, function (link) {
        if (link.getAttribute("href") === "#" + entry.target.id) {
          link.setAttribute("aria-current", "step");
        } else {
          link.removeAttribute("aria-current");
        }
      });
    });
  }, { rootMargin: "0px 0px -70% 0px" });
  Array.prototype.forEach.call(document.querySelectorAll("[data-section]"), function (section) {
    watcher.observe(section);
  });
})();
