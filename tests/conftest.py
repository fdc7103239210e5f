"""Shared fixtures: the built site served on loopback, and headless Chromium driven by Playwright."""

import contextlib
import functools
import http.server
import os
import shutil
import threading
from pathlib import Path

import pytest
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


@pytest.fixture(scope="session")
def built_site() -> Path:
    if not (SITE / "index.html").exists():
        pytest.fail("the site is not built: run `make test`, which builds it first")
    return SITE


@pytest.fixture(scope="session")
def site_url(built_site):
    with serve(built_site) as url:
        yield url


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="session")
def browser(tmp_path_factory):
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch_persistent_context(
            str(tmp_path_factory.mktemp("chromium-profile")),
            executable_path=CHROMIUM,
            headless=True,
            args=CHROMIUM_ARGS,
            viewport={"width": 1280, "height": 900},
        )
        yield browser
        browser.close()
