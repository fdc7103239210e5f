// Each verdict on the records page has an address of its own (records.html#<claim>, the address its ClaimReview
// gives), but sphinx-togglebutton folds every verdict box as the page loads, so a reader who follows the address
// would land on a closed box, or beside it once the boxes above fold. The box an address names, and any folded box
// that holds what it names, opens and comes into view, once the page is read and whenever the address changes.
(function () {
  function openLinkedBox() {
    var id;
    try {
      id = decodeURIComponent(location.hash.slice(1));
    } catch (malformed) {
      return;  // an address no element can have
    }
    var target = id && document.getElementById(id);
    if (!target) return;
    var opened = false;
    for (var box = target.closest(".toggle-hidden"); box; box = box.parentElement.closest(".toggle-hidden")) {
      var title = box.querySelector(":scope > .admonition-title");
      if (title) title.click();  // the toggle script's own handler, so that its button shows the box open
      opened = true;
    }
    if (opened) target.scrollIntoView();
  }
  // Deferred like the toggle script and after it, so the boxes are folded by the time this runs.
  document.addEventListener("DOMContentLoaded", openLinkedBox);
  window.addEventListener("hashchange", openLinkedBox);
})();
