/* Sortable, filterable data tables. Progressive enhancement: without this
   script a table is a plain table. Labels come from the table's data-label-*
   attributes (written in the page's language at build time). */
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
    if (!body) return;
    var rows = Array.prototype.slice.call(body.rows);
    var headers = Array.prototype.slice.call(table.tHead.rows[0].cells);
    var lang = document.documentElement.lang;

    // Sorting: a button in each sortable header, state in aria-sort.
    headers.forEach(function (th, index) {
      var kind = th.getAttribute("data-sort");
      if (!kind) return;
      var button = document.createElement("button");
      button.type = "button";
      button.className = "portal-sort";
      button.textContent = th.textContent;
      button.title = table.getAttribute("data-label-sort");
      th.textContent = "";
      th.appendChild(button);
      button.addEventListener("click", function () {
        var ascending = th.getAttribute("aria-sort") !== "ascending";
        headers.forEach(function (other) { other.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        var numeric = kind === "number";
        rows.sort(function (a, b) {
          var x = cellValue(a, index, numeric), y = cellValue(b, index, numeric);
          var order = numeric ? x - y : x.localeCompare(y, lang);
          return ascending ? order : -order;
        });
        rows.forEach(function (row) { body.appendChild(row); });
      });
    });

    // Filtering: a text box, and a list for each column marked data-filter.
    var form = document.createElement("div");
    form.className = "portal-table-filters";
    var status = document.createElement("p");
    status.className = "portal-table-status";
    status.setAttribute("role", "status");
    var controls = [];

    var label = document.createElement("label");
    label.textContent = table.getAttribute("data-label-filter") + " ";
    var search = document.createElement("input");
    search.type = "search";
    label.appendChild(search);
    form.appendChild(label);
    controls.push(search);

    headers.forEach(function (th, index) {
      if (!th.hasAttribute("data-filter")) return;
      var values = [];
      rows.forEach(function (row) {
        var value = row.cells[index].textContent.trim();
        if (value && values.indexOf(value) < 0) values.push(value);
      });
      values.sort(function (a, b) { return a.localeCompare(b, lang); });
      var selectLabel = document.createElement("label");
      selectLabel.textContent = th.textContent + " ";
      var select = document.createElement("select");
      select.setAttribute("data-column", index);
      var all = document.createElement("option");
      all.value = "";
      all.textContent = table.getAttribute("data-label-all");
      select.appendChild(all);
      values.forEach(function (value) {
        var option = document.createElement("option");
        option.value = value;
        option.textContent = value;
        select.appendChild(option);
      });
      selectLabel.appendChild(select);
      form.appendChild(selectLabel);
      controls.push(select);
    });

    function apply() {
      var text = search.value.trim().toLocaleLowerCase();
      var shown = 0;
      rows.forEach(function (row) {
        var visible = !text || row.textContent.toLocaleLowerCase().indexOf(text) >= 0;
        controls.forEach(function (control) {
          if (control.tagName === "SELECT" && control.value) {
            visible = visible && row.cells[+control.getAttribute("data-column")].textContent.trim() === control.value;
          }
        });
        row.hidden = !visible;
        if (visible) shown += 1;
      });
      status.textContent = table.getAttribute("data-label-shown")
        .replace("{shown}", shown).replace("{total}", rows.length);
    }
    controls.forEach(function (control) {
      control.addEventListener("input", apply);
      control.addEventListener("change", apply);
    });
    table.parentNode.insertBefore(form, table);
    table.parentNode.insertBefore(status, table);
    apply();
  }

  Array.prototype.forEach.call(document.querySelectorAll("table[data-portal-table]"), enhance);
})();
