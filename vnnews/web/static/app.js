// vnnews web: small progressive enhancements; every page works without this script.
(function () {
  "use strict";
  // Article page: pointing at a record in the list beside the text flashes its spans.
  var records = document.getElementById("records");
  if (records) {
    var toggle = function (ref, on) {
      var spans = document.querySelectorAll('#article-text [data-ref="' + ref.replace(/"/g, "") + '"]');
      for (var i = 0; i < spans.length; i++) spans[i].classList.toggle("flash", on);
    };
    records.addEventListener("mouseover", function (e) {
      var li = e.target.closest && e.target.closest("li[data-ref]");
      if (li) toggle(li.getAttribute("data-ref"), true);
    });
    records.addEventListener("mouseout", function (e) {
      var li = e.target.closest && e.target.closest("li[data-ref]");
      if (li) toggle(li.getAttribute("data-ref"), false);
    });
  }
  // Search page: changing the kind filter submits the form at once.
  var kind = document.getElementById("f-kind");
  if (kind && kind.form) kind.addEventListener("change", function () { kind.form.submit(); });
})();
