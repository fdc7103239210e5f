"""Text before charts: a page shows its words before the chart library arrives, and draws its charts when it does.

A reader on a slow line sees the text first. The chart library (``_ext/offline_vega.py``, 305 kB compressed) is
held back here until the page has painted; a script that blocked rendering would leave the page blank, and the
paint never comes. Once the library arrives every chart draws, in the colour mode the reader chose meanwhile.
"""

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from tests.chart_specs import CHART
from tests.views import PHONE

CHART_PAGE = "chapters/timeline.html"
CHART_LIBRARIES = "**/_static/vendor/vega-bundle.js*"
PAINTED_JS = "() => performance.getEntriesByName('first-contentful-paint').length > 0"
DRAWN_JS = f"() => [...document.querySelectorAll(\"{CHART}\")].every(c => c.querySelector('svg.marks'))"


@pytest.fixture
def held_back(browser, site_url):
    """The chart page open on a phone, its chart library held back: (page, the held requests)."""
    page = browser.new_page(viewport=PHONE.viewport)
    held = []
    page.route(CHART_LIBRARIES, lambda route: held.append(route))
    page.goto(f"{site_url}/{CHART_PAGE}", wait_until="commit")
    yield page, held
    page.close()


def test_the_text_paints_while_the_chart_library_is_on_its_way(held_back):
    page, held = held_back
    try:
        page.wait_for_function(PAINTED_JS, timeout=5_000)
    except PlaywrightTimeout:
        pytest.fail("the page paints nothing until its chart library arrives: a script blocks the first paint")
    assert held, "the page did not ask for its chart library"
    page.get_by_role("heading", level=1).wait_for(state="visible", timeout=5_000)
    assert page.locator(CHART).count() > 0


def test_the_charts_draw_when_the_library_arrives_in_the_mode_chosen_meanwhile(held_back):
    page, held = held_back
    page.wait_for_function(PAINTED_JS, timeout=5_000)
    # The page's own scripts work meanwhile: the reader switches to dark before the charts can draw.
    page.wait_for_load_state("domcontentloaded")
    for _ in range(3):
        if page.evaluate("document.documentElement.dataset.theme") == "dark":
            break
        page.locator(".theme-switch-button").first.click()
    assert page.evaluate("document.documentElement.dataset.theme") == "dark", "the colour-mode button does nothing"
    held[0].continue_()
    page.wait_for_function(DRAWN_JS, timeout=10_000)
    modes = page.locator(CHART).evaluate_all("charts => charts.map(c => c.dataset.mode)")
    assert modes and set(modes) == {"dark"}
