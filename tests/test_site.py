"""The built site as a reader meets it: every page offline, every chart drawn, the PDF on offer."""

from urllib.parse import urlparse

import pytest
from bs4 import BeautifulSoup

from tests.built import SITE, site_pages
from tests.chart_specs import CHART
from tests.views import DESKTOP, PHONE, visit_params

PAGES = [p.relative_to(SITE).as_posix() for p in site_pages()]


def _chart_containers(path: str) -> int:
    """How many charts the page's HTML asks for (each is a container Vega-Embed draws into)."""
    return len(BeautifulSoup((SITE / path).read_text(encoding="utf-8"), "html.parser").select(CHART))


@pytest.mark.parametrize("visit", visit_params(PAGES, DESKTOP), indirect=True)
def test_page_loads_nothing_from_other_hosts(visit, site_url):
    site_host = urlparse(site_url).netloc
    foreign = [u for u in visit.requests if urlparse(u).scheme in ("http", "https") and urlparse(u).netloc != site_host]
    assert foreign == [], f"{visit.path} requested other hosts"
    assert visit.errors == [], f"{visit.path} logged errors"


# Vega-Lite's one note that does not say the chart is drawn otherwise than specified: a faceted chart whose panels
# each have their own rows (the records chapter's counts, one panel per period) unions the rows of its layers to
# size each panel, and says the size "may be incorrect" (the layout tests measure every chart against its column).
FACETED_LAYERS = "WARN Detected faceted independent scales that union domain of the same fields from different source"


@pytest.mark.parametrize("visit", visit_params(PAGES, DESKTOP, PHONE), indirect=True)
def test_page_logs_no_warnings(visit):
    """Vega-Lite warns when a chart asks for what it cannot draw as asked (a format it drops, two domains for one
    scale, a layer with nothing to draw) and draws something else; a page whose charts draw as specified logs none."""
    warnings = [w for w in visit.warnings if not w.startswith(FACETED_LAYERS)]
    assert warnings == [], f"{visit.path} ({visit.view.name}) logged warnings"


@pytest.mark.parametrize("visit", visit_params(PAGES, DESKTOP), indirect=True)
def test_every_chart_draws(visit):
    assert visit.drawn == visit.charts, f"{visit.path}: {visit.drawn} of {visit.charts} charts drew"
    containers = visit.page.locator(CHART)
    for i in range(visit.charts):
        chart = containers.nth(i)
        assert chart.locator("g.role-mark").count() > 0, f"chart {i} of {visit.path} has no data marks"
        assert chart.get_attribute("aria-label") or chart.locator("[aria-label]").count(), (
            f"chart {i} of {visit.path} has no text alternative"
        )


def test_the_book_has_charts():
    # Guards the test above against passing on a site where no chart was rendered at all: the
    # chapters that draw the article's events ask for charts, and each one that is asked for must draw.
    with_charts = {path for path in PAGES if _chart_containers(path)}
    assert {"chapters/timeline.html", "chapters/march-and-may.html", "chapters/voices.html"} <= with_charts


def test_every_page_offers_the_report_pdf_in_its_download_menu(built_site):
    # The same place on every page, the search page (which has no source to download) included: there it was a
    # button of its own, its words in the header's icon size against its icon.
    assert (built_site / "_static" / "kadiz-report.pdf").stat().st_size > 10_000
    for path in PAGES:
        html = (built_site / path).read_text(encoding="utf-8")
        if 'http-equiv="Refresh"' in html:
            continue  # the root index.html only redirects
        menu = BeautifulSoup(html, "html.parser").select_one(".dropdown-download-buttons .dropdown-menu")
        assert menu is not None, f"{path} has no download menu"
        assert menu.select_one('a[href$="_static/kadiz-report.pdf"]'), f"{path}: its download menu has no PDF"
