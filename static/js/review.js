// Review queue keyboard shortcuts and speaker search-as-you-type.
// Progressive enhancement only: every action is a plain form that works without this file.
(function () {
  "use strict";

  function typing(target) {
    return target.closest("input, textarea, select, [contenteditable]") !== null;
  }

  function queueKeys(root) {
    var links = Array.prototype.slice.call(root.querySelectorAll(".review-open"));
    var index = -1;
    function move(step) {
      if (!links.length) return;
      index = Math.max(0, Math.min(links.length - 1, index + step));
      links[index].focus();
    }
    links.forEach(function (link, i) {
      link.addEventListener("focus", function () { index = i; });
    });
    document.addEventListener("keydown", function (event) {
      if (event.ctrlKey || event.metaKey || event.altKey || typing(event.target)) return;
      if (event.key === "j") { move(1); event.preventDefault(); }
      else if (event.key === "k") { move(-1); event.preventDefault(); }
      else if (event.key === "x" && index >= 0) {
        var box = links[index].closest("tr").querySelector("input[type=checkbox]");
        box.checked = !box.checked;
        event.preventDefault();
      }
    });
  }

  function itemKeys(root) {
    var focusKeys = {};
    root.querySelectorAll("input[data-key]").forEach(function (input) {
      focusKeys[input.dataset.key] = input;
    });
    document.addEventListener("keydown", function (event) {
      if (event.ctrlKey || event.metaKey || event.altKey) return;
      if (typing(event.target)) {
        if (event.key === "Escape") event.target.blur();
        return;
      }
      var go = { j: root.dataset.next, k: root.dataset.previous }[event.key];
      if (go) { window.location.assign(go); event.preventDefault(); return; }
      var button = root.querySelector("button[data-key='" + event.key + "']");
      if (button) { button.click(); event.preventDefault(); return; }
      var input = focusKeys[event.key];
      if (input) { input.focus(); input.select(); event.preventDefault(); }
    });
  }

  function lookup(input) {
    var list = document.getElementById(input.getAttribute("list"));
    var timer = null;
    var last = "";
    input.addEventListener("input", function () {
      var q = input.value.trim();
      if (q.length < 2 || q === last || /\]$/.test(q)) return;
      clearTimeout(timer);
      timer = setTimeout(function () {
        last = q;
        fetch(input.dataset.lookup + "?q=" + encodeURIComponent(q), { credentials: "same-origin" })
          .then(function (response) { return response.ok ? response.json() : { results: [] }; })
          .then(function (data) {
            list.replaceChildren.apply(list, data.results.map(function (speaker) {
              var option = document.createElement("option");
              option.value = speaker.value;
              return option;
            }));
          })
          .catch(function () { /* the plain form still works */ });
      }, 150);
    });
  }

  document.querySelectorAll("[data-review=queue]").forEach(queueKeys);
  document.querySelectorAll("[data-review=item]").forEach(itemKeys);
  document.querySelectorAll("input[data-lookup]").forEach(lookup);
})();
