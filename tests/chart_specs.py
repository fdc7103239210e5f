"""Reading a chart's Vega-Lite spec in tests: the layouts of each chart of a built page, every node of a spec, its
marks, its headline; and the codes of the data that no reader should meet, in a chart or anywhere else."""

import functools
import json
import re

from kadiz import words
from kadiz.data import load
from kadiz.validation.folder import resources

def two_points():
    """A chart of two points in the report's theme and renderer: the smallest chart a test of drawing needs."""
    import altair as alt
    import pandas as pd

    from kadiz.charts import render

    render.enable()
    data = pd.DataFrame({"hour": [7, 9], "event": ["entry", "exit"]})
    return alt.Chart(data).mark_point().encode(x="hour:Q", y="event:N").properties(description="two points")


# A chart's container on a page (kadiz/charts/render.py); the script after it holds the chart's layouts and rows.
CHART = "div[id^='kadiz-chart-']"


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


# Ids of rows, lists of codes ("CHN;RUS"), category and stance codes, and "1 day(s)".
CODES = re.compile(r"\b(may24|may25|mar2[34])-|\w;\w|\b(not-about-it|air-zone-entry|missile-launch)\b|day\(s\)")


def walk(node):
    """Every dict, list and value of a spec, the spec first."""
    yield node
    for child in (node.values() if isinstance(node, dict) else node if isinstance(node, list) else []):
        yield from walk(child)


def layers(spec: dict):
    """The unit specs (those with a mark) of a layered spec, however deeply layered."""
    for layer in spec.get("layer", []):
        yield from layers(layer)
    if "mark" in spec:
        yield spec


def headline(spec: dict) -> str:
    """The headline as one line (a no-break space, as in "19 h 45 min", read as a space)."""
    return " ".join(spec["title"]["text"]).replace("\u00a0", " ")


@functools.cache
def data_codes() -> set[str]:
    """Codes of the data a reader must never meet: the ids of sources and records, the other row ids and coded
    values that are not words (they hold a hyphen), and the country codes, alone or in lists."""
    data = load()
    codes = set(data.sources["id"]) | set(data.records["id"])
    for table in ("events", "quotes", "claims", "speakers", "actors", "verdicts"):
        frame = getattr(data, table)
        if "id" in frame:
            codes |= {c for c in frame["id"] if "-" in c}
    for table, resource in resources().items():
        for field in resource["schema"]["fields"]:
            codes |= {c for c in field.get("constraints", {}).get("enum", []) if "-" in c}
    codes |= {c for c in data.quotes["coordination_of"].dropna() if ";" in c}
    return codes | set(words.COUNTRY)


def codes_in(text: str) -> list[str]:
    """The codes of the data that `text` holds as words of their own."""
    return sorted(c for c in data_codes() if re.search(rf"(?<![\w-]){re.escape(c)}(?![\w-])", text))
