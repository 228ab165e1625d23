// Optional: filters the unit list as you type. The page works the same without it (the box
// stays hidden). Reads only the table's text, never the location or anything else. The count's
// words come from the page (data-count on the box's paragraph), in the page's language.
(function () {
  "use strict";
  var box = document.getElementById("unit-filter");
  var table = document.getElementById("unit-list");
  if (!box || !table) {
    return;
  }
  var rows = Array.prototype.slice.call(table.tBodies[0].rows);
  var count = document.getElementById("unit-filter-count");
  var texts = rows.map(function (row) {
    return row.textContent.toLowerCase();
  });
  box.parentNode.hidden = false;
  box.addEventListener("input", function () {
    var words = box.value.toLowerCase().split(/\s+/).filter(Boolean);
    var shown = 0;
    rows.forEach(function (row, index) {
      var match = words.every(function (word) {
        return texts[index].indexOf(word) !== -1;
      });
      row.hidden = !match;
      shown += match ? 1 : 0;
    });
    count.textContent = words.length
      ? (box.parentNode.dataset.count || "").replace("{shown}", shown).replace("{total}", rows.length)
      : "";
  });
})();
