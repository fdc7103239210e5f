#!/usr/bin/env python3
"""How long the report takes to build and test, and how heavy its pages are. Measures; checks nothing.

    .venv/bin/python scripts/benchmark.py        (or `make benchmark`)

Builds into a fresh folder under /tmp (never into _build/, which `make book` owns), so the clean
build really is clean (no execution cache). Prints one table of times and one of page weights.
"""

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import unquote, urlparse

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
JB_FLAGS = ["-W", "-n", "--keep-going"]
PDF_NAME = "kadiz-report.pdf"
sys.path.insert(0, str(ROOT))
from tests.conftest import CHROMIUM, CHROMIUM_ARGS, serve, site_pages  # noqa: E402  (as the tests do)


def timed(cmd, **kwargs) -> tuple[float, bool]:
    """Run cmd quietly; return its wall-clock seconds and whether it succeeded."""
    start = time.perf_counter()
    done = subprocess.run(cmd, cwd=kwargs.pop("cwd", ROOT), capture_output=True, text=True, **kwargs)
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        print(f"FAILED ({done.returncode}): {' '.join(map(str, cmd))}\n{done.stdout[-2000:]}{done.stderr[-2000:]}")
    return seconds, done.returncode == 0


def bare_execution() -> tuple[float, bool]:
    """Run every chapter with `jupyter execute` in a temp copy: the work a build cannot avoid."""
    with tempfile.TemporaryDirectory(prefix="kadiz-bench-exec-") as tmp:
        notebooks = []
        for nb in sorted((ROOT / "chapters").glob("*.ipynb")):
            notebooks.append(shutil.copy(nb, tmp))
        return timed([BIN / "jupyter", "execute", *notebooks], cwd=tmp)


def page_weights(site: Path) -> list[tuple[str, dict[str, int]]]:
    """Bytes each page loads from the site, by kind, as a browser with an empty cache fetches them."""
    rows = []
    with serve(site) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for path in (p.relative_to(site).as_posix() for p in site_pages(site)):
            context = browser.new_context()  # a new context each time: nothing comes from a cache
            page = context.new_page()
            loaded = []
            page.on("requestfinished", lambda r: loaded.append((r.url, r.resource_type)))
            page.goto(f"{base}/{path}", wait_until="networkidle")
            sizes: dict[str, int] = {}
            for url, kind in dict(loaded).items():  # each file once, even if requested twice
                file = site / unquote(urlparse(url).path).lstrip("/")
                if urlparse(url).netloc == urlparse(base).netloc and file.is_file():
                    kind = {"document": "html", "script": "scripts", "stylesheet": "styles", "image": "images", "font": "fonts"}.get(kind, "other")
                    sizes[kind] = sizes.get(kind, 0) + file.stat().st_size
            rows.append((path, sizes))
            context.close()
        browser.close()
    return rows


def main() -> int:
    out = Path(tempfile.mkdtemp(prefix="kadiz-bench-"))
    site = out / "_build" / "html"
    build = [BIN / "jupyter-book", "build", ".", *JB_FLAGS, "--path-output", out]
    times = {}
    times["clean HTML build"] = timed(build)
    times["no-change rebuild"] = timed(build)
    times["PDF build (reuses the run)"] = timed([*build[:3], "--builder", "pdflatex", *build[3:]])
    if (out / "_build" / "latex" / PDF_NAME).exists():
        shutil.copy(out / "_build" / "latex" / PDF_NAME, site / "_static" / PDF_NAME)  # as `make pdf` does
    times["bare execution of the chapters"] = bare_execution()
    # As `make test` runs it, against the build above instead of _build/.
    times["test suite"] = timed(
        [sys.executable, "-m", "pytest", "-q", "tests", "chapters", "--nbval"], env={**os.environ, "KADIZ_SITE": str(site)}
    )

    print(f"\n{'step':<34}{'seconds':>9}")
    for step, (seconds, ok) in times.items():
        print(f"{step:<34}{seconds:>9.1f}{'' if ok else '  FAILED'}")
    ratio = times["clean HTML build"][0] / times["bare execution of the chapters"][0]
    print(f"{'clean build / bare execution':<34}{ratio:>9.1f}x")

    kinds = ["html", "scripts", "styles", "images", "fonts", "other"]
    print(f"\n{'page (kB loaded)':<34}" + "".join(f"{k:>9}" for k in kinds) + f"{'total':>9}")
    for path, sizes in page_weights(site):
        print(f"{path:<34}" + "".join(f"{sizes.get(k, 0) / 1000:>9.0f}" for k in kinds) + f"{sum(sizes.values()) / 1000:>9.0f}")
    shutil.rmtree(out, ignore_errors=True)
    return 0 if all(ok for _, ok in times.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
