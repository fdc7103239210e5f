"""The built site as a reader meets it: every page offline, every chart drawn, the PDF on offer."""

from urllib.parse import urlparse

import pytest

from tests.conftest import SITE, site_pages

PAGES = [p.relative_to(SITE).as_posix() for p in site_pages()]


@pytest.fixture
def page(browser):
    page = browser.new_page()
    yield page
    page.close()


def _visit(page, url):
    """Open url and return the requests it made and the errors it logged."""
    requests, errors = [], []
    page.on("request", lambda r: requests.append(r.url))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(url, wait_until="networkidle")
    return requests, errors


@pytest.mark.parametrize("path", PAGES)
def test_page_loads_nothing_from_other_hosts(page, site_url, path):
    requests, errors = _visit(page, f"{site_url}/{path}")
    site_host = urlparse(site_url).netloc
    foreign = [u for u in requests if urlparse(u).scheme in ("http", "https") and urlparse(u).netloc != site_host]
    assert foreign == [], f"{path} requested other hosts"
    assert errors == [], f"{path} logged errors"


@pytest.mark.parametrize("path", PAGES)
def test_every_chart_draws(page, site_url, path):
    _visit(page, f"{site_url}/{path}")
    containers = page.locator("div[id^='kadiz-chart-']")
    for i in range(containers.count()):
        chart = containers.nth(i)
        chart.locator("svg.marks").wait_for(timeout=10_000)
        assert chart.locator("g.role-mark").count() > 0, f"chart {i} of {path} has no data marks"
        assert chart.get_attribute("aria-label") or chart.locator("[aria-label]").count(), (
            f"chart {i} of {path} has no text alternative"
        )


def test_the_book_has_charts(site_url, page):
    # Guards the test above against passing on a site where no chart was rendered at all.
    drawn = 0
    for path in PAGES:
        _visit(page, f"{site_url}/{path}")
        drawn += page.locator("div[id^='kadiz-chart-'] svg.marks").count()
    assert drawn >= 1


def test_every_page_offers_the_report_pdf(built_site):
    assert (built_site / "_static" / "kadiz-report.pdf").stat().st_size > 10_000
    for path in PAGES:
        html = (built_site / path).read_text(encoding="utf-8")
        if 'http-equiv="Refresh"' in html or path == "search.html":
            continue  # the root index.html only redirects; Sphinx's search page has no page header
        assert "kadiz-report.pdf" in html, f"{path} has no link to the report's PDF"
