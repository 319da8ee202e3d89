// "All on this page" in the held and quarantined lists: ticks or clears every row's box that belongs to the same
// selection form (the boxes sit in the table, outside the form, and name it in their form attribute).
(function () {
  "use strict";

  document.addEventListener("change", function (event) {
    var all = event.target.closest("input[data-select-all]");
    if (!all) {
      return;
    }
    var form = all.getAttribute("data-select-all");
    document.querySelectorAll("input[type=checkbox][name=ids]").forEach(function (box) {
      if (box.getAttribute("form") === form) {
        box.checked = all.checked;
      }
    });
  });
})();
