/* Statement Archive: progressive enhancement only. Without this file every page works; with it,
   each citation gets a "Copy" button. No inline scripts anywhere (the Content Security Policy). */
(function () {
  "use strict";

  function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text);
    }
    // Plain-HTTP fallback: a hidden textarea and the old copy command.
    return new Promise(function (resolve, reject) {
      var area = document.createElement("textarea");
      area.value = text;
      area.setAttribute("readonly", "");
      area.style.position = "absolute";
      area.style.left = "-9999px";
      document.body.appendChild(area);
      area.select();
      var ok = false;
      try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
      document.body.removeChild(area);
      if (ok) { resolve(); } else { reject(new Error("copy refused")); }
    });
  }

  function addCopyButtons() {
    var blocks = document.querySelectorAll("[data-copy]");
    Array.prototype.forEach.call(blocks, function (block) {
      var label = block.getAttribute("data-copy") || "citation";
      var button = document.createElement("button");
      button.type = "button";
      button.className = "copy-button";
      button.textContent = "Copy " + label;
      var status = document.createElement("span");
      status.className = "copy-status";
      status.setAttribute("role", "status");
      button.addEventListener("click", function () {
        copyText(block.textContent.trim()).then(function () {
          status.textContent = "Copied " + label + ".";
          block.setAttribute("data-copied", "true");
        }, function () {
          status.textContent = "Could not copy: select the text and copy it.";
        });
      });
      var bar = document.createElement("div");
      bar.className = "copy-bar";
      bar.appendChild(button);
      bar.appendChild(status);
      block.parentNode.insertBefore(bar, block);
    });
  }

  // Search filters: a closed disclosure on phones, open beside the results on wide screens.
  function openFiltersOnWideScreens() {
    if (!window.matchMedia("(min-width: 56rem)").matches) { return; }
    Array.prototype.forEach.call(document.querySelectorAll("details[data-open-wide]"), function (el) {
      el.open = true;
    });
  }

  // Source page: a passage split around another lights up whole when it is the link target.
  function markSplitTarget() {
    Array.prototype.forEach.call(document.querySelectorAll(".is-target-part"), function (el) {
      el.classList.remove("is-target-part");
    });
    var match = /^#occurrence-(\d+)$/.exec(window.location.hash);
    if (!match) { return; }
    Array.prototype.forEach.call(document.querySelectorAll(".passage-part-" + match[1]), function (el) {
      el.classList.add("is-target-part");
    });
  }

  function start() {
    addCopyButtons();
    openFiltersOnWideScreens();
    markSplitTarget();
    window.addEventListener("hashchange", markSplitTarget);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
