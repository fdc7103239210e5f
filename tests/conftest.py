"""Shared fixtures: the built site served on loopback, headless Chromium driven by Playwright, one visit
per page and view for the browser checks, and the order and grouping that let the suite run in parallel."""

import contextlib
import functools
import http.server
import json
import os
import re
import shutil
import threading
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from playwright.sync_api import sync_playwright

from kadiz.paths import ROOT

# KADIZ_SITE points the checks at another build (e.g. one made with --path-output elsewhere).
SITE = Path(os.environ.get("KADIZ_SITE") or ROOT / "_build" / "html").resolve()
PDF = ROOT / "_build" / "latex" / "kadiz-report.pdf"
# The student edition (`make student`, part of `make book`).
STUDENT_SITE = ROOT / "_build" / "student" / "_build" / "html"
STUDENT_PDF = ROOT / "_build" / "student" / "_build" / "latex" / "kadiz-report.pdf"
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
CHART = "div[id^='kadiz-chart-']"
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


# The chapters' own words, as the print and edition checks look for them: MyST roles and directive options are
# markup, and a stretch of plain words is what every format (HTML, LaTeX, PDF text, JSON) writes the same way.
ROLE = re.compile(r"\{[a-z:-]+\}`[^`]*`")
OPTION = re.compile(r"^:[a-z-]+:.*$", re.M)
PLAIN_WORDS = re.compile(r"[A-Za-z0-9][A-Za-z0-9 ,.;]*[A-Za-z0-9]")


def figure_specs(soup) -> dict[str, dict]:
    """The layouts of each chart of a parsed page, by container id: {"desktop": spec, "phone": spec or None}, each
    a whole Vega-Lite spec.

    The script after each container (kadiz/charts/render.py) holds the layouts as one JSON object,
    ``var specs = {...}``, and the rows they share as another, ``var datasets = {...}``.
    """
    def after(script: str, name: str):
        return json.JSONDecoder().raw_decode(script, script.index(f"var {name} = ") + len(f"var {name} = "))[0]

    specs = {}
    for div in soup.select(CHART):
        script = div.find_next("script").string or ""
        layouts, datasets = after(script, "specs"), after(script, "datasets")
        specs[div["id"]] = {k: v and {**v, "datasets": datasets} for k, v in layouts.items()}
    return specs


def open_tooltip(page, points):
    """Move the mouse over `points` ([x, y] on the page) in turn until a chart's tooltip shows some text; that
    tooltip's locator, or None if none did."""
    tooltip = page.locator("#vg-tooltip-element.visible")
    for x, y in points:
        page.mouse.move(x, y)
        try:
            tooltip.wait_for(state="visible", timeout=300)
        except PlaywrightTimeout:
            continue
        if tooltip.inner_text().strip():
            return tooltip
    return None


def site_pages(site: Path = SITE) -> list[Path]:
    """Every page of a built book (Sphinx's generated index and search pages included)."""
    return sorted(p for p in site.rglob("*.html") if "_static" not in p.parts and "_sources" not in p.parts)


@contextlib.contextmanager
def serve(site: Path):
    """Serve a built site over HTTP on loopback, as a reader's web server would; yields its base URL."""
    handler = functools.partial(_QuietHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="session", autouse=True)
def _report_theme():
    """Charts built in any test carry the report's theme and renderer, as in a chapter (kadiz.book.start)."""
    from kadiz.charts import render

    render.enable()


@pytest.fixture(scope="session")
def built_site() -> Path:
    if not (SITE / "index.html").exists():
        pytest.fail("the site is not built: run `make test`, which builds it first")
    return SITE


@pytest.fixture(scope="session")
def site_url(built_site):
    with serve(built_site) as url:
        yield url


@pytest.fixture(scope="session")
def student_site_url():
    """The student edition served like the teacher's."""
    if not (STUDENT_SITE / "index.html").exists():
        pytest.fail("the student edition is not built: run `make test`, which builds it first")
    with serve(STUDENT_SITE) as url:
        yield url


@pytest.fixture(scope="session")
def _playwright():
    with sync_playwright() as playwright:
        yield playwright


@pytest.fixture(scope="session")
def browser(_playwright, tmp_path_factory):
    browser = _playwright.chromium.launch_persistent_context(
        str(tmp_path_factory.mktemp("chromium-profile")),
        executable_path=CHROMIUM,
        headless=True,
        args=CHROMIUM_ARGS,
        viewport=DESKTOP.viewport,
    )
    yield browser
    browser.close()


# A phone as a reader holds it: a touch screen (taps, not a mouse) and a mobile browser's viewport, which the
# persistent `browser` above cannot emulate (touch is set when a context is made).
TOUCH_PHONE = {"viewport": PHONE.viewport, "has_touch": True, "is_mobile": True}


@pytest.fixture(scope="session")
def chromium(_playwright):
    """Chromium for tests that make their own contexts (a touch phone, a colour scheme, downloads)."""
    browser = _playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
    yield browser
    browser.close()


# ------------------------------------------------------------------ one visit per page and view


@dataclass
class Visit:
    """A page open in the browser as one reader sees it, shared by every check of that page and view.

    `requests` and `errors` hold what the page fetched and logged from the moment it was opened.
    `charts` is how many chart containers the page has; `drawn` how many of them drew their marks
    within the wait (a chart that never draws makes the visit wait the whole timeout, once).
    Checks that cost time run once through `once` and are kept for the other tests of the visit.
    """

    path: str
    view: View
    page: object
    requests: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
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


def _open(browser, site_url: str, path: str, view: View) -> Visit:
    page = browser.new_page()
    visit = Visit(path, view, page)
    page.on("request", lambda r: visit.requests.append(r.url))
    page.on("console", lambda m: visit.errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: visit.errors.append(str(e)))
    page.set_viewport_size(view.viewport)
    page.emulate_media(color_scheme=view.color_scheme)
    # The checks start once the page has loaded, its charts have drawn and its fonts are in (waiting for
    # the network to stay silent too would add half a second a visit; the pages start no request later).
    # A page that only redirects is followed to its target, which a silent network marks as loaded.
    redirects = 'http-equiv="refresh"' in (SITE / path).read_text(encoding="utf-8").lower()
    page.goto(f"{site_url}/{path}", wait_until="networkidle" if redirects else "load")
    visit.charts = page.locator(CHART).count()
    if visit.charts:
        with contextlib.suppress(Exception):  # a chart that does not draw is the chart test's failure
            page.wait_for_function(f"() => ({_DRAWN_JS})() === {visit.charts}", timeout=CHART_TIMEOUT_MS)
    visit.drawn = page.evaluate(_DRAWN_JS)
    page.evaluate("document.fonts.ready.then(() => true)")  # layout checks measure the final fonts
    return visit


@pytest.fixture(scope="session")
def _visits(browser, site_url):
    """Opens pages on demand, keeping only the latest open: tests of one page and view run together."""
    current: dict[tuple, Visit] = {}

    def visit(path: str, view: View) -> Visit:
        key = (path, view.name)
        if key not in current:
            for old in current.values():
                old.page.close()
            current.clear()
            current[key] = _open(browser, site_url, path, view)
        return current[key]

    yield visit
    for old in current.values():
        old.page.close()


@pytest.fixture
def visit(request, _visits) -> Visit:
    """The shared visit of one page in one view; parametrize indirectly with `visit_params`."""
    path, view = request.param
    return _visits(path, view)


def visit_params(paths, *views: View) -> list:
    """Parameters for tests that take the `visit` fixture (indirect=True): each page in each view."""
    return [pytest.param((path, view), id=f"{path}-{view.name}") for path in paths for view in views]


# ------------------------------------------------------------------ order and parallel runs


# Fixtures set up once for a module (or class) and shared by its tests: a module whose tests use one
# runs on a single worker, or each worker that got one of its tests would set the fixture up again.
_SHARED_SCOPES = {"module", "class", "package"}


def _group(item) -> str | None:
    """The work unit an item belongs to: a notebook's cells, one page in one view, or a module whose
    tests share a fixture; None if it can run anywhere."""
    if item.path.suffix == ".ipynb":
        return f"notebook:{item.path.name}"  # nbval's cells share one kernel and run in order
    callspec = getattr(item, "callspec", None)
    if callspec is not None and "visit" in callspec.params:
        path, view = callspec.params["visit"]
        return f"page:{path}:{view.name}"
    fixtures = getattr(item, "_fixtureinfo", None)
    if fixtures and any(defs[-1].scope in _SHARED_SCOPES for defs in fixtures.name2fixturedefs.values()):
        return f"module:{item.nodeid.split('::')[0]}"
    return None


# First, before pytest-xdist reads the xdist_group marks to name each test's work unit.
@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config, items):
    """Run the cells of each notebook together, the checks of each page and view one after another, and
    the tests of a module that share a fixture together.

    Under pytest-xdist with `--dist loadgroup` each group goes to one worker, so a notebook's cells keep
    their kernel and their order, each page is opened once per view and each shared fixture is set up
    once. Modules with shared fixtures come first, then the notebooks: they are the longest units, and
    the many short tests that follow even out the workers at the end.
    """
    groups: dict[str, list] = {}
    for item in items:
        if (name := _group(item)) is not None:
            groups.setdefault(name, []).append(item)
            item.add_marker(pytest.mark.xdist_group(name=name))
    first = [i for kind in ("module:", "notebook:") for name, members in groups.items() if name.startswith(kind) for i in members]
    ordered, placed = [], set()
    for item in items:
        name = _group(item)
        if name is None:
            ordered.append(item)
        elif name.startswith("page:") and name not in placed:
            placed.add(name)
            ordered += groups[name]
    items[:] = first + ordered


def pytest_terminal_summary(terminalreporter):
    # Without a built site the checks that take its pages have none, which pyproject.toml makes an error.
    if terminalreporter.stats.get("error") and not (SITE / "index.html").exists():
        terminalreporter.write_line(f"The site is not built ({SITE}): the checks of its pages have no page to "
                                    "check. `make test` builds it first.", red=True, bold=True)


def pytest_configure(config):
    # Known to pytest-xdist when it is installed; declared here so a run without it knows the mark too.
    config.addinivalue_line("markers", "xdist_group(name): run these tests on one worker, in order")
