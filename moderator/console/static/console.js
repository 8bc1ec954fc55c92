// Keyboard shortcuts for the review console. Everything works without this file.
(function () {
  "use strict";
  function typing(el) {
    return el && (el.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(el.tagName));
  }
  function items() { return Array.prototype.slice.call(document.querySelectorAll("[data-item]")); }
  var current = -1;
  function select(i) {
    var list = items();
    if (!list.length) return;
    current = Math.max(0, Math.min(list.length - 1, i));
    list.forEach(function (el, j) { el.classList.toggle("current", j === current); });
    var link = list[current].querySelector(".qlink");
    if (link) link.focus();
  }
  function toggleHelp() {
    var help = document.getElementById("keys-help");
    var button = document.querySelector("[data-help-toggle]");
    if (!help) return;
    help.hidden = !help.hidden;
    if (button) button.setAttribute("aria-expanded", String(!help.hidden));
    if (!help.hidden) help.scrollIntoView({block: "nearest"});
  }
  document.addEventListener("click", function (e) {
    if (e.target.closest && e.target.closest("[data-help-toggle]")) toggleHelp();
  });
  // Bulk decisions: select all on this page, and a count of what is selected.
  function boxes() { return Array.prototype.slice.call(document.querySelectorAll(".qselect")); }
  function count() {
    var out = document.querySelector("[data-bulk-count]");
    var all = document.querySelector("[data-select-all]");
    var list = boxes(), n = list.filter(function (b) { return b.checked; }).length;
    if (out) out.textContent = n + " selected";
    if (all) { all.checked = list.length > 0 && n === list.length; all.indeterminate = n > 0 && n < list.length; }
  }
  document.addEventListener("change", function (e) {
    if (e.target.matches && e.target.matches("[data-select-all]")) {
      var on = e.target.checked;
      boxes().forEach(function (b) { b.checked = on; });
    }
    if (e.target.matches && (e.target.matches(".qselect") || e.target.matches("[data-select-all]"))) count();
  });
  document.addEventListener("htmx:afterSwap", count);
  document.addEventListener("DOMContentLoaded", count);
  document.addEventListener("keydown", function (e) {
    if (e.ctrlKey || e.metaKey || e.altKey || typing(document.activeElement)) return;
    var key = e.key;
    if (key === "?") { toggleHelp(); e.preventDefault(); return; }
    if (items().length) {  // the queue
      if (key === "j") { select(current + 1); e.preventDefault(); }
      else if (key === "k") { select(current - 1); e.preventDefault(); }
      else if ((key === "o" || key === "Enter") && current >= 0) {
        window.location.href = items()[current].getAttribute("data-href"); e.preventDefault();
      } else if (key === "x" && current >= 0) {
        var box = items()[current].querySelector(".qselect");
        if (box) { box.checked = !box.checked; count(); e.preventDefault(); }
      }
      return;
    }
    var nav = {j: "[data-key-next]", k: "[data-key-prev]", u: "[data-key-back]"}[key];
    if (nav) {
      var link = document.querySelector(nav);
      if (link) { window.location.href = link.getAttribute("href"); e.preventDefault(); }
      return;
    }
    var radio = document.querySelector('input[type=radio][data-key="' + key + '"]');
    if (radio) {
      radio.checked = true;
      var reason = document.getElementById("reason");
      if (reason) { reason.focus(); reason.scrollIntoView({block: "center"}); }
      e.preventDefault();
    }
  });
})();
