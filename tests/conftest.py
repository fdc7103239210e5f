"""Shared fixtures: the built site served on loopback, the system's Chromium for pytest-playwright's `browser`,
one visit per page and view for the browser checks, and the order and grouping that let the suite run in parallel.
The helpers the tests share are modules of their own (tests/built.py, tests/views.py, tests/chart_specs.py)."""

import os
from pathlib import Path

import pytest

from kadiz.charts.reader import BOOK_ENVIRONMENT

# The chapters' committed outputs are those the book executes them for (figures as the payload the build draws):
# nbval's kernels, started from this process, run in that mode too. A reader's kernel is started without it.
os.environ[BOOK_ENVIRONMENT] = "1"

from tests.built import SITE, STUDENT_SITE, serve
from tests.views import CHROMIUM, CHROMIUM_ARGS, Visit, View, open_visit


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
def browser_type_launch_args(browser_type_launch_args):
    """pytest-playwright's `browser` is the system's headless Chromium (Playwright cannot download its own here)."""
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


# ------------------------------------------------------------------ one visit per page and view


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
            current[key] = open_visit(browser, site_url, path, view)
        return current[key]

    yield visit
    for old in current.values():
        old.page.close()


@pytest.fixture
def visit(request, _visits) -> Visit:
    """The shared visit of one page in one view; parametrize indirectly with `visit_params`."""
    path, view = request.param
    return _visits(path, view)


# ------------------------------------------------------------------ order and parallel runs


def _group(item) -> str | None:
    """The work unit an item belongs to: a notebook's cells, one page in one view, or a module that names its
    own group (its tests share a fixture too costly to set up on every worker); None if it can run anywhere."""
    if item.path.suffix == ".ipynb":
        return f"notebook:{item.path.name}"  # nbval's cells share one kernel and run in order
    callspec = getattr(item, "callspec", None)
    if callspec is not None and "visit" in callspec.params:
        path, view = callspec.params["visit"]
        return f"page:{path}:{view.name}"
    if (mark := item.get_closest_marker("xdist_group")) is not None:
        return mark.kwargs.get("name") or mark.args[0]
    return None


# First, before pytest-xdist reads the xdist_group marks to name each test's work unit.
@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config, items):
    """Run the cells of each notebook together, the checks of each page and view one after another, and
    the tests of a module that names its group together.

    Under pytest-xdist with `--dist loadgroup` each group goes to one worker, so a notebook's cells keep
    their kernel and their order, each page is opened once per view and a costly shared fixture is set up
    once. Those modules come first, then the notebooks: they are the longest units, and the many short
    tests that follow even out the workers at the end. (A module's cheaper module-scoped fixtures are set
    up once on each worker that runs its tests.)
    """
    groups: dict[str, list] = {}
    for item in items:
        if (name := _group(item)) is not None:
            groups.setdefault(name, []).append(item)
            if item.get_closest_marker("xdist_group") is None:
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
    # Three builds of the whole book in copies: run apart, by `make test-incremental` (`-m incremental`) and CI.
    config.addinivalue_line("markers", "incremental: an incremental build compared with clean ones (slow)")
    if not config.option.markexpr:
        config.option.markexpr = "not incremental"


# ------------------------------------------------------------------ the data contract's property test

from hypothesis import settings  # noqa: E402

# `make test` runs a few examples, the same ones every time (CI reproducible); `make contract` many, new each run.
settings.register_profile("bounded", max_examples=5, derandomize=True, deadline=None, database=None)
settings.register_profile("contract", max_examples=200, deadline=None, database=None, print_blob=True)
settings.load_profile("bounded")
