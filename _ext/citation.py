"""Take the report's version and release date from its changelog, and check CITATION.cff says the same.

CHANGELOG.md lists every release, newest first, under headings "## VERSION (YYYY-MM-DD)"; the newest is the
report's version. CITATION.cff, which reference managers read, must carry the same version and date, and the
site's address (html.baseurl in _config.yml) as its url: the build stops if it does not. The PDF's title page shows them (Sphinx's ``release`` and ``today``), and the "How to cite"
page uses them through MyST substitutions. A fixed ``today`` also keeps two builds of one version identical.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import yaml

RELEASE_HEADING = re.compile(r"^## (?P<version>\d+\.\d+\.\d+) \((?P<date>\d{4}-\d{2}-\d{2})\)\s*$", re.M)


def releases(changelog_text: str) -> list[tuple[str, dt.date]]:
    """(version, date) of every release in the changelog, in the order written (newest first)."""
    found = [(m["version"], dt.date.fromisoformat(m["date"])) for m in RELEASE_HEADING.finditer(changelog_text)]
    if not found:
        raise ValueError('CHANGELOG.md: no release heading of the form "## 1.2.3 (2026-11-26)"')
    return found


def latest_release(confdir: Path) -> tuple[str, dt.date]:
    return releases((Path(confdir) / "CHANGELOG.md").read_text(encoding="utf-8"))[0]


def read_citation(confdir: Path) -> dict:
    """CITATION.cff, checked against the changelog's newest release."""
    cff = yaml.safe_load((Path(confdir) / "CITATION.cff").read_text(encoding="utf-8"))
    version, released = latest_release(confdir)
    cited = (str(cff["version"]), dt.date.fromisoformat(str(cff["date-released"])))
    if cited != (version, released):
        raise ValueError(f"CITATION.cff: version {cited[0]} released {cited[1]} differs from the newest release "
                         f"in CHANGELOG.md, {version} released {released}")
    return cff


def _read_citation(app, config):
    cff = read_citation(Path(app.confdir))
    if cff.get("url") != config.html_baseurl:
        raise ValueError(f"CITATION.cff: url {cff.get('url')!r} is not the site's address in _config.yml "
                         f"(html.baseurl {config.html_baseurl!r})")
    released = dt.date.fromisoformat(str(cff["date-released"]))
    config.version = config.release = str(cff["version"])
    config.today = f"{released:%-d %B %Y}"
    config.myst_substitutions = {
        **config.myst_substitutions,
        "report_title": cff["title"],
        "report_authors": ", ".join(a["name"] for a in cff["authors"]),
        "report_version": config.version,
        "report_released": config.today,
        "report_year": str(released.year),
        "report_url": config.html_baseurl,
    }


def setup(app):
    app.connect("config-inited", _read_citation)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
