/* Katalog Repositori Aplikasi SPBE: sort and filter static tables.
   Progressive enhancement only: without JavaScript every table is complete. */
(function () {
  "use strict";
  function cellValue(row, index) {
    var cell = row.cells[index];
    var text = cell ? cell.textContent.trim() : "";
    var number = parseFloat(text.replace(/[%\s]/g, "").replace(",", "."));
    return { text: text.toLowerCase(), number: isNaN(number) ? null : number };
  }
  function sortBy(table, index, header) {
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    var ascending = header.getAttribute("aria-sort") !== "ascending";
    rows.sort(function (a, b) {
      var x = cellValue(a, index), y = cellValue(b, index), result;
      if (x.number !== null && y.number !== null) { result = x.number - y.number; }
      else { result = x.text.localeCompare(y.text, "id", { sensitivity: "base" }) || (x.text < y.text ? -1 : x.text > y.text ? 1 : 0); }
      return ascending ? result : -result;
    });
    Array.prototype.forEach.call(header.parentNode.cells, function (th) { th.removeAttribute("aria-sort"); });
    header.setAttribute("aria-sort", ascending ? "ascending" : "descending");
    var fragment = document.createDocumentFragment();
    rows.forEach(function (row) { fragment.appendChild(row); });
    body.appendChild(fragment);
  }
  function makeSortable(table) {
    var head = table.tHead && table.tHead.rows[0];
    if (!head) { return; }
    Array.prototype.forEach.call(head.cells, function (th, index) {
      th.classList.add("bisa-urut");
      th.setAttribute("tabindex", "0");
      th.setAttribute("title", "Urutkan");
      th.addEventListener("click", function () { sortBy(table, index, th); });
      th.addEventListener("keydown", function (event) {
        if (event.key === "Enter" || event.key === " ") { event.preventDefault(); sortBy(table, index, th); }
      });
    });
  }
  function makeFilterable(table) {
    var input = document.createElement("input");
    var count = document.createElement("span");
    input.type = "search";
    input.className = "saring-kotak";
    input.placeholder = "Saring baris…";
    input.setAttribute("aria-label", "Saring baris tabel");
    count.className = "saring-jumlah";
    var wrapper = table.closest(".saring") || table;
    wrapper.parentNode.insertBefore(input, wrapper);
    wrapper.parentNode.insertBefore(count, wrapper);
    var cards = wrapper.parentNode.querySelectorAll(".saring-kartu > *");
    input.addEventListener("input", function () {
      var needle = input.value.trim().toLowerCase(), shown = 0;
      Array.prototype.forEach.call(table.tBodies[0].rows, function (row) {
        var match = !needle || row.textContent.toLowerCase().indexOf(needle) !== -1;
        row.hidden = !match;
        if (match) { shown += 1; }
      });
      Array.prototype.forEach.call(cards, function (card) {
        card.hidden = !!needle && card.textContent.toLowerCase().indexOf(needle) === -1;
      });
      count.textContent = needle ? " " + shown + " baris cocok" : "";
    });
  }
  function init() {
    Array.prototype.forEach.call(document.querySelectorAll(".sortable table"), makeSortable);
    Array.prototype.forEach.call(document.querySelectorAll(".saring table"), makeFilterable);
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", init); }
  else { init(); }
})();
