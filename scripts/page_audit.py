#!/usr/bin/env python3
"""Lighthouse's audit of every page, as a phone reader meets the published site. Measures; checks nothing.

    .venv/bin/python scripts/page_audit.py [SITE]      (SITE defaults to _build/html; `make benchmark` runs it)

The site is served on loopback with gzip, as a static host serves it (a plain file server sends text
uncompressed and would make every page look four times heavier than it is). Lighthouse (package.json) audits
each page in Debian's headless Chromium with its mobile defaults (a mid-range phone, a slow 4G line and a slower
CPU, simulated), for performance and accessibility; nothing reaches the network. Prints a table: each page's two
scores, its first contentful paint, largest contentful paint, total blocking time and layout shift.

The last column says whether headless Chromium painted the page only after it had loaded. In many runs the
compositor withholds frames from a page that has loaded and sits idle, for one or two whole seconds
(https://github.com/GoogleChrome/lighthouse/issues/17148); Lighthouse's simulation then counts everything that ran
before that late paint as holding up the first paint, and the run's paint times and score come out worse than the
page's. Such a run is marked "late" so that it is read for what it is; its score is printed as measured.
"""

from __future__ import annotations

import contextlib
import functools
import gzip
import http.server
import json
import os
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
CHROME = "/usr/bin/chromium"
CHROME_FLAGS = "--headless=new --no-sandbox --disable-gpu --disable-background-networking --disable-component-update"
sys.path.insert(0, str(ROOT))
from tests.built import SITE, site_pages  # noqa: E402  (the pages the tests visit)

# What a host compresses: text. Fonts (woff2), images and zips are compressed already.
COMPRESSIBLE = (".html", ".js", ".css", ".json", ".svg", ".xml", ".txt", ".csv", ".ttf")
# A page paints within a frame or two of loading; one that paints this much later waited on the browser.
LATE_MS = 500
METRICS = {"first-contentful-paint": "FCP s", "largest-contentful-paint": "LCP s", "total-blocking-time": "TBT ms",
           "cumulative-layout-shift": "CLS"}


class GzipHandler(http.server.SimpleHTTPRequestHandler):
    """A static file server that gzips text for clients that accept it."""

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if (not path.is_file() or path.suffix not in COMPRESSIBLE
                or "gzip" not in self.headers.get("Accept-Encoding", "")):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), compresslevel=6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return _Body(body)

    def log_message(self, *args):
        pass


class _Body:
    """What send_head returns for copyfile: a file-like object over the compressed bytes."""

    def __init__(self, data: bytes):
        self.data = data

    def read(self, size=-1):
        data, self.data = (self.data, b"") if size < 0 else (self.data[:size], self.data[size:])
        return data

    def close(self):
        pass


@contextlib.contextmanager
def serve_gzipped(site: Path):
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(GzipHandler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()


def audit(url: str) -> dict:
    """Lighthouse's report of one page (mobile, performance and accessibility) as JSON."""
    with tempfile.TemporaryDirectory(prefix="kadiz-lighthouse-") as tmp:
        report = Path(tmp) / "report.json"
        subprocess.run(
            [str(LIGHTHOUSE), url, "--quiet", "--only-categories=performance,accessibility", "--output=json",
             f"--output-path={report}", f"--chrome-flags={CHROME_FLAGS}"],
            env={**os.environ, "CHROME_PATH": os.environ.get("CHROME_PATH", CHROME), "TMPDIR": tmp},
            check=True, capture_output=True, timeout=300)
        return json.loads(report.read_text(encoding="utf-8"))


def scores(report: dict) -> dict:
    """The two category scores (0-100), the metrics of METRICS in their table units, and whether the browser
    painted only after the page had loaded (`late`: see the module's note)."""
    row = {name: round(100 * report["categories"][name]["score"]) for name in ("performance", "accessibility")}
    for audit_id, label in METRICS.items():
        value = report["audits"][audit_id]["numericValue"]
        row[label] = value / 1000 if label.endswith(" s") else value
    observed = report["audits"]["metrics"]["details"]["items"][0]
    row["late"] = observed["observedFirstContentfulPaint"] - observed["observedLoad"] > LATE_MS
    return row


def audit_site(site: Path = SITE) -> list[tuple[str, dict]]:
    with serve_gzipped(site) as base:
        return [(path, scores(audit(f"{base}/{path}")))
                for path in (p.relative_to(site).as_posix() for p in site_pages(site))
                # The root page only redirects to the cover, which is audited as itself.
                if 'http-equiv="refresh"' not in (site / path).read_text(encoding="utf-8").lower()]


def print_table(rows: list[tuple[str, dict]]) -> None:
    print("\nLighthouse, mobile, served with gzip (scores 0-100)")
    print(f"{'page':<30}{'perf':>6}{'a11y':>6}" + "".join(f"{label:>9}" for label in METRICS.values())
          + f"{'paint':>7}")
    for path, row in rows:
        print(f"{path:<30}{row['performance']:>6}{row['accessibility']:>6}"
              + "".join(f"{row[label]:>9.2f}" if label != "TBT ms" else f"{row[label]:>9.0f}"
                        for label in METRICS.values())
              + f"{'late' if row['late'] else '':>7}")


def report(site: Path = SITE) -> None:
    """Audit every page of `site` and print the table (scripts/benchmark.py calls this on its fresh build)."""
    print_table(audit_site(site))


def main() -> int:
    report(Path(sys.argv[1]).resolve() if len(sys.argv) > 1 else SITE)
    return 0


if __name__ == "__main__":
    sys.exit(main())
