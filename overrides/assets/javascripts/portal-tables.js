/* Sortable, filterable data tables. The build writes the controls into the
   page (portal/generation/tables.py), so nothing moves when this script
   runs; it makes them work. Without it a table is a plain table. */
(function () {
  "use strict";

  function cellValue(row, index, numeric) {
    var cell = row.cells[index];
    var raw = cell.hasAttribute("data-value") ? cell.getAttribute("data-value") : cell.textContent.trim();
    if (!numeric) return raw.toLocaleLowerCase();
    return raw === "" ? -Infinity : parseFloat(raw);
  }

  function enhance(table) {
    var body = table.tBodies[0];
    var wrap = table.parentNode;
    var form = wrap.previousElementSibling && wrap.previousElementSibling.previousElementSibling;
    var status = wrap.previousElementSibling;
    if (!body || !form || !form.classList.contains("portal-table-filters")) return;
    var rows = Array.prototype.slice.call(body.rows);
    var headers = Array.prototype.slice.call(table.tHead.rows[0].cells);
    var lang = document.documentElement.lang;

    // Sorting: the button in each sortable header, state in aria-sort.
    headers.forEach(function (th, index) {
      var button = th.querySelector("button.portal-sort");
      if (!button) return;
      var numeric = th.getAttribute("data-sort") === "number";
      button.addEventListener("click", function () {
        var ascending = th.getAttribute("aria-sort") !== "ascending";
        headers.forEach(function (other) { other.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        rows.sort(function (a, b) {
          var x = cellValue(a, index, numeric), y = cellValue(b, index, numeric);
          var order = numeric ? x - y : x.localeCompare(y, lang);
          return ascending ? order : -order;
        });
        rows.forEach(function (row) { body.appendChild(row); });
      });
    });

    // Filtering: the text box, and a list for each filterable column.
    var search = form.querySelector("input[data-portal-search]");
    var lists = Array.prototype.slice.call(form.querySelectorAll("select[data-column]"));
    function apply() {
      var text = search.value.trim().toLocaleLowerCase();
      var shown = 0;
      rows.forEach(function (row) {
        var visible = !text || row.textContent.toLocaleLowerCase().indexOf(text) >= 0;
        lists.forEach(function (list) {
          if (list.value) visible = visible && row.cells[+list.getAttribute("data-column")].textContent.trim() === list.value;
        });
        row.hidden = !visible;
        if (visible) shown += 1;
      });
      status.textContent = table.getAttribute("data-label-shown")
        .replace("{shown}", shown).replace("{total}", rows.length);
    }
    [search].concat(lists).forEach(function (control) {
      control.addEventListener("input", apply);
      control.addEventListener("change", apply);
    });
  }

  Array.prototype.forEach.call(document.querySelectorAll("table[data-portal-table]"), enhance);
})();
