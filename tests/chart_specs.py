"""Reading a chart's Vega-Lite spec in tests: every node of it, its marks, its headline, and the codes of the data
that no reader should meet in it."""

import re

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
