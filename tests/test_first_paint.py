"""Text before charts: a page shows its words without the chart library, which runs only when a chart comes near.

The chart library (``_ext/offline_vega.py``, 0.9 MB of script, 305 kB compressed) runs for about a second on a phone.
_static/chart-library.js fetches it only when the reader comes near a chart (or prints the page): a reader at the top
of a chapter has the text, and a page that answers, without it. Once it arrives every chart draws, in the colour
mode the reader chose meanwhile.
"""

import pytest

from tests.chart_specs import CHART
from tests.views import PHONE

CHART_PAGE = "chapters/timeline.html"
CHART_LIBRARIES = "**/_static/vendor/vega-bundle.js*"
PAINTED_JS = "() => performance.getEntriesByName('first-contentful-paint').length > 0"
DRAWN_JS = f"() => [...document.querySelectorAll(\"{CHART}\")].every(c => c.querySelector('svg.marks'))"


@pytest.fixture
def held_back(browser, site_url):
    """The chart page open on a phone, its chart library held back when asked for: (page, the held requests)."""
    page = browser.new_page(viewport=PHONE.viewport)
    held = []
    page.route(CHART_LIBRARIES, lambda route: held.append(route))
    page.goto(f"{site_url}/{CHART_PAGE}", wait_until="load")
    yield page, held
    page.close()


def test_a_reader_at_the_top_of_a_chart_page_has_the_text_without_the_chart_library(browser, site_url):
    # On a phone the timeline's first chart lies more than half a screen (the loader's margin) below the first screen.
    page = browser.new_page(viewport=PHONE.viewport)
    asked = []
    page.on("request", lambda request: asked.append(request.url) if "vega-bundle" in request.url else None)
    page.goto(f"{site_url}/{CHART_PAGE}", wait_until="load")
    page.wait_for_function(PAINTED_JS, timeout=5_000)
    page.get_by_role("heading", level=1).wait_for(state="visible", timeout=5_000)
    page.wait_for_timeout(500)  # the deferred loader has run by the load event; give it time to ask
    assert page.locator(CHART).count() > 0
    assert not asked, "the page fetched its chart library before the reader came near a chart"
    page.close()


def test_the_charts_draw_when_the_reader_nears_one_in_the_mode_chosen_meanwhile(held_back):
    page, held = held_back
    # The page's own scripts work without the library: the reader switches to dark before any chart is drawn.
    for _ in range(3):
        if page.evaluate("document.documentElement.dataset.theme") == "dark":
            break
        page.locator(".theme-switch-button").first.click()
    assert page.evaluate("document.documentElement.dataset.theme") == "dark", "the colour-mode button does nothing"
    page.locator(CHART).first.scroll_into_view_if_needed()
    for _ in range(50):  # the held request reaches the route handler as the page's events are processed
        if held:
            break
        page.wait_for_timeout(100)
    assert held, "the page did not ask for its chart library when the reader reached a chart"
    held[0].continue_()
    page.wait_for_function(DRAWN_JS, timeout=10_000)
    modes = page.locator(CHART).evaluate_all("charts => charts.map(c => c.dataset.mode)")
    assert modes and set(modes) == {"dark"}


def test_a_chart_not_yet_drawn_says_in_print_where_its_printed_version_is(browser, site_url):
    page = browser.new_page(viewport=PHONE.viewport)
    page.goto(f"{site_url}/{CHART_PAGE}", wait_until="load")
    page.emulate_media(media="print")
    notes = page.locator(CHART).evaluate_all(
        "charts => charts.filter(c => !c.querySelector('svg')).map(c => getComputedStyle(c, '::before').content)")
    assert notes and all("PDF prints every chart" in note for note in notes)
    page.close()


# Every change of <html data-theme> as the page loads: the value, and whether the article had been parsed by then.
THEME_CHANGES_JS = """
window.themeChanges = [];
new MutationObserver(records => records.forEach(record => {
  const theme = record.target.getAttribute("data-theme");
  if (theme !== record.oldValue)  // the theme's script sets it again, to the same value, as it starts
    window.themeChanges.push({theme, articleParsed: !!document.querySelector("article")});
})).observe(document, {subtree: true, attributes: true, attributeOldValue: true, attributeFilter: ["data-theme"]});
"""


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_a_first_visit_has_the_readers_colours_before_the_text_is_drawn(browser, site_url, scheme):
    # A first visit (nothing stored) with the theme's default mode, "auto": the page must take the reader's own
    # colours before the article is drawn, not flash the other scheme and then restyle the whole page once the
    # theme's script has run.
    context = browser.new_context(viewport=PHONE.viewport, color_scheme=scheme)
    context.add_init_script(THEME_CHANGES_JS)
    page = context.new_page()
    page.goto(f"{site_url}/{CHART_PAGE}", wait_until="load")
    changes = page.evaluate("window.themeChanges")
    assert page.evaluate("document.documentElement.dataset.theme") == scheme
    assert changes and changes[-1]["theme"] == scheme
    late = [change for change in changes if change["articleParsed"]]
    assert not late, f"the colours changed after the article was parsed: {late}"
    context.close()

