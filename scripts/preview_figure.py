"""Draw one figure of the report in Chromium at desktop and phone width, without building the book.

    python scripts/preview_figure.py kadiz.charts.may_days:may_days_figure [OUT_DIR]

The function named must return a ``kadiz.charts.render.Figure``; each of its parameters is given the table of
the validated data with that name (``events``, ``actors``, ``assets``...: ``kadiz.data.load()``), so a chart
module's figure functions can be previewed as they are. Each layout is drawn in a column as wide as the book's (688 px on a 1280 px
desktop, 358 px on a 390 px phone); the script prints what tests/test_charts_read.py checks (text under 11 px,
overlapping labels, width) and saves a screenshot of each view to OUT_DIR (default: _build/preview).
"""

import importlib
import inspect
import json
import sys
import tempfile
from pathlib import Path

import vl_convert
from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from tests.views import CHROMIUM, CHROMIUM_ARGS, DESKTOP, PHONE  # noqa: E402

from kadiz.charts import render  # noqa: E402
from kadiz.charts.theme import MIN_TEXT_PX  # noqa: E402
from kadiz.data import load  # noqa: E402

COLUMNS = {DESKTOP.name: 688, PHONE.name: 358}
MEASURE = (ROOT / "tests" / "chart_layout.js").read_text(encoding="utf-8")


def page(figure: render.Figure, column: int) -> str:
    css = (ROOT / "_static" / "charts-fit.css").read_text(encoding="utf-8")
    return (f"<!doctype html><html><head><meta charset='utf-8'><style>{css} body{{margin:16px}}"
            f" main{{width:{column}px}}</style><script>{vl_convert.javascript_bundle()}</script></head>"
            f"<body><main>{render.html(figure.payload())}</main></body></html>")


def main() -> None:
    module, function = sys.argv[1].split(":")
    out = Path(sys.argv[2]) if len(sys.argv) > 2 else ROOT / "_build" / "preview"
    out.mkdir(parents=True, exist_ok=True)
    render.enable()
    build, data = getattr(importlib.import_module(module), function), load()
    missing = [name for name in inspect.signature(build).parameters if not hasattr(data, name)]
    if missing:
        sys.exit(f"{sys.argv[1]}: {', '.join(missing)} are not tables of the data; preview a small function that "
                 "takes the tables and calls it")
    figure = build(**{name: getattr(data, name) for name in inspect.signature(build).parameters})
    with sync_playwright() as playwright, tempfile.TemporaryDirectory() as folder:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for view in (DESKTOP, PHONE):
            html = Path(folder) / f"{view.name}.html"
            html.write_text(page(figure, COLUMNS[view.name]), encoding="utf-8")
            tab = browser.new_page(viewport=view.viewport)
            tab.goto(html.as_uri())
            tab.wait_for_selector("div.kadiz-chart svg.marks")
            result = tab.query_selector("div.kadiz-chart").evaluate(MEASURE, MIN_TEXT_PX)
            result.pop("texts")
            print(view.name, json.dumps(result, ensure_ascii=False))
            shot = out / f"{function}-{view.name}.png"
            tab.query_selector("main").screenshot(path=str(shot))
            print("  screenshot:", shot)
        browser.close()


if __name__ == "__main__":
    main()
