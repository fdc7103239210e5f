"""The site's one stylesheet keeps only the rules that can match something on the site (_ext/used_rules.mjs): a page
must look the same with it as with every rule of the stylesheets it joins, as loaded and in the states a reader puts
it in (a drawer, the download menu, a verdict opened, a button's tooltip, the search dialog, the printed page)."""

import re
from pathlib import Path

import pytest

from _ext import one_stylesheet
from tests.views import DESKTOP, PHONE, TOUCH_PHONE, draw_charts

# Each element's look, in document order: the properties a reader sees, and the content and look of its ::before and
# ::after (the theme draws its icons there), keyed by the element's place in the page.
LOOK_JS = """() => {
  const props = ['display', 'position', 'visibility', 'opacity', 'color', 'background-color', 'background-image',
    'border-top-width', 'border-right-width', 'border-bottom-width', 'border-left-width', 'border-top-color',
    'border-left-color', 'border-top-style', 'border-left-style', 'border-radius', 'box-shadow', 'margin-top',
    'margin-right', 'margin-bottom', 'margin-left', 'padding-top', 'padding-right', 'padding-bottom', 'padding-left',
    'width', 'height', 'top', 'left', 'z-index', 'font-family', 'font-size', 'font-weight', 'font-style',
    'line-height', 'text-align', 'text-decoration-line', 'text-transform', 'white-space', 'overflow-x', 'overflow-y',
    'flex-direction', 'justify-content', 'align-items', 'gap', 'grid-template-columns', 'transform', 'cursor',
    'list-style-type', 'outline-style', 'fill', 'stroke'];
  const pseudo = ['content', 'display', 'color', 'font-family', 'background-color'];
  const path = el => {
    const parts = [];
    for (; el && el.parentElement; el = el.parentElement)
      parts.unshift(el.tagName.toLowerCase() + ':' + [...el.parentElement.children].indexOf(el));
    return parts.join('/');
  };
  return [...document.querySelectorAll('html, html *')].map(el => {
    const style = getComputedStyle(el);
    const before = getComputedStyle(el, '::before'), after = getComputedStyle(el, '::after');
    return [path(el), props.map(p => style.getPropertyValue(p)).join('|')
      + '|before:' + pseudo.map(p => before.getPropertyValue(p)).join('|')
      + '|after:' + pseudo.map(p => after.getPropertyValue(p)).join('|')];
  });
}"""
# No transition or animation mid-way when the look is read, with either stylesheet.
STILL = "*, *::before, *::after { transition: none !important; animation: none !important; }"
RECORDS = "chapters/records.html"
BOOK_STYLESHEETS = Path(__file__).resolve().parent.parent / "_static"


def _open_drawer(page, view):
    page.locator(".primary-toggle").filter(visible=True).first.click()
    page.wait_for_timeout(300)


def _open_download_menu(page, view):
    page.locator(".dropdown-download-buttons button.dropdown-toggle").first.click()
    page.locator(".dropdown-download-buttons .dropdown-menu.show").wait_for(timeout=2_000)


def _open_a_verdict(page, view):
    page.locator("#the-verdicts .dropdown.admonition > summary").first.click()


def _show_a_tooltip(page, view):
    page.locator(".theme-switch-button").filter(visible=True).first.hover()
    page.locator(".tooltip.show").wait_for(timeout=3_000)


def _open_search(page, view):
    page.keyboard.press("Control+k")
    page.locator("#pst-search-dialog[open]").wait_for(timeout=2_000)


def _print(page, view):
    page.emulate_media(media="print")


def _search_results(page, view):
    page.locator("#search-results ul.search li").first.wait_for(timeout=5_000)


STATES = {"loaded": None, "drawer": _open_drawer, "download-menu": _open_download_menu, "verdict": _open_a_verdict,
          "tooltip": _show_a_tooltip, "search": _open_search, "print": _print, "results": _search_results}
CASES = ([(RECORDS, state) for state in STATES if state != "results"]
         + [(page, "loaded") for page in ("chapters/timeline.html", "chapters/bibliography.html",
                                          "chapters/index.html")]
         + [("search.html?q=Tu-95", "results")])


@pytest.fixture(scope="module")
def every_rule(built_site) -> str:
    """The stylesheets the site's one stylesheet was joined from, joined again with every rule in them."""
    static = built_site / "_static"
    names = one_stylesheet.bundled_names(static / one_stylesheet.BUNDLE)
    assert len(names) > 5
    return one_stylesheet.bundle(static, names)


def _look(browser, url: str, view, act, stylesheet: str | None) -> dict[str, str]:
    options = TOUCH_PHONE if view is PHONE else {"viewport": view.viewport}
    context = browser.new_context(**options, color_scheme=view.color_scheme)
    page = context.new_page()
    if stylesheet is not None:
        page.route(f"**/_static/{one_stylesheet.BUNDLE}*",
                   lambda route: route.fulfill(body=stylesheet, content_type="text/css"))
    page.goto(url, wait_until="load")
    page.add_style_tag(content=STILL)
    draw_charts(page)
    page.evaluate("document.fonts.ready.then(() => true)")
    if act:
        act(page, view)
    # The theme marks the header of a scrolled page when an observer reports it: let every callback run.
    page.wait_for_timeout(400)
    look = dict(page.evaluate(LOOK_JS))
    context.close()
    return look


# Each case in both views, but the drawer, a phone's only, and a button's tooltip, a mouse's only
# (_static/touch-tooltips.css).
ONE_VIEW = {"drawer": PHONE, "tooltip": DESKTOP}
VIEWED_CASES = [pytest.param(path, state, view, id=f"{path}-{state}-{view.name}")
                for path, state in CASES for view in (DESKTOP, PHONE) if ONE_VIEW.get(state, view) is view]


@pytest.mark.parametrize("path,state,view", VIEWED_CASES)
def test_a_page_looks_the_same_with_the_rules_it_uses_as_with_every_rule(browser, site_url, every_rule, path, state,
                                                                         view):
    url = f"{site_url}/{path}"
    used = _look(browser, url, view, STATES[state], None)
    full = _look(browser, url, view, STATES[state], every_rule)
    assert used.keys() == full.keys(), "the two pages hold different elements"
    differences = [(place, used[place], full[place]) for place in used if used[place] != full[place]]
    assert not differences, f"{len(differences)} elements look different, such as {differences[0][0]}:\n" + "\n".join(
        f"  used: {u}\n  full: {f}" for _, u, f in differences[:3])


def test_the_rules_no_page_can_use_are_gone_and_the_books_own_are_kept(built_site, every_rule):
    used = (built_site / "_static" / one_stylesheet.BUNDLE).read_text(encoding="utf-8")
    assert len(used) < len(every_rule) / 2
    # Bootstrap's floating form labels: no page has a form field of that kind.
    assert ".form-floating" in every_rule and ".form-floating" not in used
    # The book's own stylesheets are kept whole: written for its pages, some of their rules are for what a page holds
    # only when the data calls for it (.long-word, a word too long for any screen).
    book = "\n".join(re.sub(r"/\*.*?\*/", "", p.read_text(encoding="utf-8"), flags=re.S)
                     for p in sorted(BOOK_STYLESHEETS.glob("*.css")))
    for rule in re.findall(r"^([^\s{}@][^{}]*)\{", book, re.MULTILINE):
        assert rule.strip() in used, f"the book's rule {rule.strip()!r} is gone from the site's stylesheet"
    # Classes that scripts put together as they run are kept by name (_ext/used_rules.mjs): a Bootstrap tooltip's
    # placement.
    assert ".bs-tooltip-auto[data-popper-placement^=top]" in used
