"""How a reader looks at a page in the browser checks: the Chromium that shows it, the screens (a desktop, a
phone), one visit of a page in one view that the checks of that page share, and a chart's tooltip."""

import contextlib
import shutil
from dataclasses import dataclass, field

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from tests.built import SITE
from tests.chart_specs import CHART

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
# Flags for headless Chromium as root on a machine with no network but the package registries:
# without the background-networking ones it keeps trying to reach Google's hosts.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
CHART_TIMEOUT_MS = 10_000


@dataclass(frozen=True)
class View:
    """How a reader looks at a page: screen size and colour scheme."""

    name: str
    viewport: dict
    color_scheme: str


# The theme lays out phones differently (other buttons, a drawer for the sidebar) and has a dark
# mode; a desktop in light mode and a phone (an iPhone 12-15 in portrait) in dark mode cover both.
DESKTOP = View("desktop-light", {"width": 1280, "height": 900}, "light")
PHONE = View("phone-dark", {"width": 390, "height": 844}, "dark")
# A phone as a reader holds it: a touch screen (taps, not a mouse) and a mobile browser's viewport, options of a
# new browser context (a page's viewport alone can change later, touch cannot).
TOUCH_PHONE = {"viewport": PHONE.viewport, "has_touch": True, "is_mobile": True}


@dataclass
class Visit:
    """A page open in the browser as one reader sees it, shared by every check of that page and view.

    `requests`, `errors` and `warnings` hold what the page fetched and logged from the moment it was opened.
    `charts` is how many chart containers the page has; `drawn` how many of them drew their marks
    within the wait (a chart that never draws makes the visit wait the whole timeout, once).
    Checks that cost time run once through `once` and are kept for the other tests of the visit.
    """

    path: str
    view: View
    page: object
    requests: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    charts: int = 0
    drawn: int = 0
    results: dict = field(default_factory=dict)

    def once(self, name: str, check):
        """check(page) the first time it is asked for on this visit; its result (or error) ever after."""
        if name not in self.results:
            try:
                self.results[name] = (True, check(self.page))
            except Exception as error:  # reported by each test that asks for it, not by the visit
                self.results[name] = (False, error)
        ok, value = self.results[name]
        if not ok:
            raise value
        return value


# Counts the containers whose chart has drawn its marks (Vega-Embed renders an svg.marks into each).
_DRAWN_JS = f"() => [...document.querySelectorAll(\"{CHART}\")].filter(c => c.querySelector('svg.marks')).length"


def draw_charts(page) -> None:
    """Have every chart of the open page drawn as a reader does: the charts draw once the reader comes near one
    (_static/chart-library.js), so scroll to the first, wait for all, and go back to the top of the page."""
    charts = page.locator(CHART).count()
    if charts:
        page.locator(CHART).first.scroll_into_view_if_needed()
        page.wait_for_function(f"() => ({_DRAWN_JS})() === {charts}", timeout=CHART_TIMEOUT_MS)
        page.evaluate("window.scrollTo(0, 0)")


def open_visit(browser, site_url: str, path: str, view: View) -> Visit:
    """Open a page of the site in a new tab of `browser`, as a reader in `view` would see it."""
    page = browser.new_page()
    visit = Visit(path, view, page)
    page.on("request", lambda r: visit.requests.append(r.url))
    page.on("console", lambda m: {"error": visit.errors, "warning": visit.warnings}.get(m.type, []).append(m.text))
    page.on("pageerror", lambda e: visit.errors.append(str(e)))
    page.set_viewport_size(view.viewport)
    page.emulate_media(color_scheme=view.color_scheme)
    # The checks start once the page has loaded, its charts have drawn and its fonts are in (waiting for
    # the network to stay silent too would add half a second a visit; the pages start no request later).
    # A page that only redirects is followed to its target, which a silent network marks as loaded.
    redirects = 'http-equiv="refresh"' in (SITE / path).read_text(encoding="utf-8").lower()
    page.goto(f"{site_url}/{path}", wait_until="networkidle" if redirects else "load")
    visit.charts = page.locator(CHART).count()
    with contextlib.suppress(Exception):  # a chart that does not draw is the chart test's failure
        draw_charts(page)
    visit.drawn = page.evaluate(_DRAWN_JS)
    page.evaluate("document.fonts.ready.then(() => true)")  # layout checks measure the final fonts
    return visit


def visit_params(paths, *views: View) -> list:
    """Parameters for tests that take the `visit` fixture (indirect=True): each page in each view."""
    return [pytest.param((path, view), id=f"{path}-{view.name}") for path in paths for view in views]


def open_tooltip(page, points, tap: bool = False):
    """Move the mouse over `points` ([x, y] on the page), or tap them on a touch screen, in turn until a chart's
    tooltip shows some text; that tooltip's locator, or None if none did."""
    tooltip = page.locator("#vg-tooltip-element.visible")
    for x, y in points:
        if tap:
            page.touchscreen.tap(x, y)
        else:
            page.mouse.move(x, y)
        try:
            tooltip.wait_for(state="visible", timeout=300)
        except PlaywrightTimeout:
            continue
        if tooltip.inner_text().strip():
            return tooltip
    return None
