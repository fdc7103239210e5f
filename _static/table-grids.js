// On a phone a wide grid scrolls sideways under its first column (table-grids.css), so that column alone must name
// the row. Where a grid names its rows by several columns (Table 6.2: numbers, null model, method), the other naming
// cells are copied into the first, under its own words; the phone shows the copy and takes those cells out of sight
// (a screen reader still reads them, and not the copy), a wider screen the reverse. Naming columns are the ones
// before the first value column (values are set right).
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll("article table.kadiz-grid").forEach(function (table) {
    var head = table.querySelectorAll("thead th");
    var names = 0;
    while (names < head.length && !head[names].classList.contains("text-right")) names++;
    if (names < 2) return;
    table.querySelectorAll("tr").forEach(function (row) {
      var cells = Array.prototype.slice.call(row.children, 0, names);
      var rest = cells.slice(1).map(function (cell) {
        cell.classList.add("kadiz-grid-name");
        return cell.textContent.trim();
      }).filter(Boolean);
      if (!rest.length) return;
      var fold = document.createElement("span");
      fold.className = "kadiz-grid-fold";
      fold.setAttribute("aria-hidden", "true");  // a copy for the eye; the cells themselves are read as before
      fold.textContent = rest.join(" \u00b7 ");
      cells[0].appendChild(fold);
    });
  });
});
