// Workaround for an upstream fault; delete this file once tests/test_journeys.py says the themes are mended.
// pydata-sphinx-theme 0.17 writes sidebar toggles of its own into the page header, which sphinx-book-theme hides
// and replaces with the buttons a reader sees above the article. Both themes' scripts bind only the first button
// of each kind in the page, the hidden one, so the visible buttons do nothing: no drawer opens on a phone and the
// sidebar does not collapse on a desktop.
//   https://github.com/pydata/pydata-sphinx-theme/issues/2451
//   https://github.com/executablebooks/sphinx-book-theme/issues/988
// A tap or click on a visible button is handed on to the button the themes bound, which then does what the themes
// mean it to: on a narrow screen it opens the sidebar as a drawer (closed by a tap beside it or Escape), on a wide
// one it collapses the sidebar and brings it back.
document.addEventListener("DOMContentLoaded", function () {
  [".primary-toggle", ".secondary-toggle"].forEach(function (kind) {
    var buttons = Array.prototype.slice.call(document.querySelectorAll(kind));
    var bound = buttons.shift();
    buttons.forEach(function (button) {
      button.addEventListener("click", function (event) {
        event.preventDefault();
        // The book theme blurs the button it binds, so that its tooltip does not stay over the page; the same here.
        button.blur();
        bound.click();
      });
    });
  });
});
