// On a narrow screen the theme shows the page's contents as a drawer (a modal <dialog>) that stays open when a
// reader picks a section in it, so the drawer covers the very section the page has just scrolled to. Following a
// link to a place on the same page closes the drawer; a link to another page leaves it to the page change.
document.addEventListener("click", function (event) {
  var link = event.target.closest && event.target.closest("dialog[id$='-sidebar-modal'] a[href]");
  if (!link || link.pathname !== window.location.pathname) return;
  var drawer = link.closest("dialog");
  if (drawer.open) drawer.close();
});
