// vnnews web: small progressive enhancements; every page works without this script.
(function () {
  "use strict";
  // Article page: pointing at a record in the list beside the text, or moving the keyboard
  // focus onto it, flashes its marks in the text.
  var records = document.getElementById("records");
  if (records) {
    var toggle = function (li, on) {
      if (!li) return;
      var ref = li.getAttribute("data-ref").replace(/[^a-z0-9]/g, "");
      var spans = document.querySelectorAll('#article-text [data-ref="' + ref + '"]');
      for (var i = 0; i < spans.length; i++) spans[i].classList.toggle("flash", on);
    };
    var item = function (e) { return e.target.closest ? e.target.closest("li[data-ref]") : null; };
    records.addEventListener("mouseover", function (e) { toggle(item(e), true); });
    records.addEventListener("mouseout", function (e) { toggle(item(e), false); });
    records.addEventListener("focusin", function (e) { toggle(item(e), true); });
    records.addEventListener("focusout", function (e) { toggle(item(e), false); });
    // Enter on a focused record goes to its first mark in the text
    records.addEventListener("keydown", function (e) {
      var li = item(e);
      if (e.key !== "Enter" || !li || e.target !== li) return;
      var go = li.querySelector("a.goto");
      if (go) { e.preventDefault(); go.click(); }
    });
  }
  // Search page: changing the kind or order submits the form at once.
  ["f-kind", "f-sort"].forEach(function (id) {
    var el = document.getElementById(id);
    if (el && el.form) el.addEventListener("change", function () { el.form.submit(); });
  });
})();
