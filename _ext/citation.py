"""Take the report's version and release date from CITATION.cff, the one place they are written.

The PDF's title page shows them (Sphinx's ``release`` and ``today``), and the "How to cite" page uses them
through MyST substitutions. A fixed ``today`` also keeps two builds of one version identical.
"""

import datetime as dt
from pathlib import Path

import yaml


def _read_citation(app, config):
    cff = yaml.safe_load((Path(app.confdir) / "CITATION.cff").read_text(encoding="utf-8"))
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
    }


def setup(app):
    app.connect("config-inited", _read_citation)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
