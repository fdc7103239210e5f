// Each verdict on the records page has an address of its own (records.html#<claim>, the address its ClaimReview
// gives), and its box is folded (a <details>, _ext/folded_boxes.py). The browser opens a folded box that holds the
// element an address names, but not a box that is itself the element named: a reader who follows the address would
// land on a closed box. The box an address names, and any folded box that holds it, opens and comes into view, once
// the page is read and whenever the address changes.
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
    for (var box = target.closest("details:not([open])"); box; box = box.parentElement.closest("details:not([open])")) {
      box.open = true;
      opened = true;
    }
    if (opened) target.scrollIntoView();
  }
  document.addEventListener("DOMContentLoaded", openLinkedBox);
  window.addEventListener("hashchange", openLinkedBox);
})();
