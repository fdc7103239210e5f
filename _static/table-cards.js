// On a phone a table of words with several columns cannot fit the column: table-cards.css turns each row into a
// card, and each cell is labelled with its column's name, taken here from the table's header. The ARIA roles keep
// the table a table for screen readers once CSS has made its parts blocks. Only tables made as words
// (kadiz.tables.PROSE, class kadiz-prose) become cards: a grid of numbers (kadiz-grid) stays a grid, so that its
// values can be compared across rows (table-grids.css).
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll("article table.kadiz-prose").forEach(function (table) {
    var names = Array.from(table.querySelectorAll("thead th"), function (th) { return th.textContent.trim(); });
    if (names.length < 3) return;  // two columns fit a phone as they are
    table.classList.add("kadiz-cards");
    table.setAttribute("role", "table");
    table.querySelectorAll("tr").forEach(function (row) { row.setAttribute("role", "row"); });
    table.querySelectorAll("thead th").forEach(function (th) { th.setAttribute("role", "columnheader"); });
    table.querySelectorAll("tbody tr").forEach(function (row) {
      Array.from(row.children).forEach(function (cell, i) {
        cell.setAttribute("role", "cell");
        cell.dataset.label = names[i] || "";
      });
    });
  });
});
