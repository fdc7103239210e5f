// Each verdict on the records page has an address of its own (records.html#<claim>, the address its ClaimReview
// gives), but sphinx-togglebutton folds every verdict box as the page loads, so a reader who follows the address
// would land on a closed box, or beside it once the boxes above fold. The box an address names, or the box that
// holds what it names, opens, and comes into view, when the page loads and when the address changes.
(function () {
  function openLinkedBox() {
    var id = decodeURIComponent(location.hash.slice(1));
    var target = id && document.getElementById(id);
    var box = target && target.closest(".toggle-hidden");
    if (!box) return;
    var title = box.querySelector(":scope > .admonition-title");
    if (title) title.click();  // the toggle script's own handler, so its button shows the box open
    target.scrollIntoView();
  }
  // The toggle script folds the boxes at DOMContentLoaded; this runs after it.
  window.addEventListener("load", openLinkedBox);
  window.addEventListener("hashchange", openLinkedBox);
})();
