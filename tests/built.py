"""The built book as the checks find it: where each edition's site and PDF are, the pages of a site, and a
server that serves a site on loopback as a reader's web server would."""

import contextlib
import functools
import http.server
import os
import threading
from pathlib import Path

from kadiz.paths import ROOT

# KADIZ_SITE points the checks at another build (e.g. one made with --path-output elsewhere).
SITE = Path(os.environ.get("KADIZ_SITE") or ROOT / "_build" / "html").resolve()
PDF = ROOT / "_build" / "latex" / "kadiz-report.pdf"
# The student edition (`make student`, part of `make book`).
STUDENT_SITE = ROOT / "_build" / "student" / "_build" / "html"
STUDENT_PDF = ROOT / "_build" / "student" / "_build" / "latex" / "kadiz-report.pdf"


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
