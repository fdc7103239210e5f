"""How a chapter stores a figure's payload in its notebook, and how the build reads it back whole.

The committed chapters carry every figure (``kadiz.charts.render``), so the stored form leaves out what can be had
again exactly:

- the phone layout, as its changes from the desktop layout (the two share their theme, most marks and the text
  alternative): ``{"$changes": ...}``, where a changed key holds its new value (or, for an object, its own changes)
  and ``"$drop"`` lists the keys the phone layout does not have;
- a dataset that is a committed file as it is (the land outlines of the map, ``data/geo/land.topo.json``), as
  ``{"$file": <path from the repository root>}``, read when the site and the PDF are built (offline, like the rest).

``loaded(stored(payload)) == payload`` for every payload; a payload stored before this form reads as it is.
"""

from __future__ import annotations

import json

from kadiz.map import LAND
from kadiz.paths import ROOT

# Datasets kept in a committed file, by the name a chart gives them (kadiz.charts.map.LAND_DATASET).
FILE_DATASETS = {"land-natural-earth-10m": LAND.relative_to(ROOT).as_posix()}
CHANGES, DROP, FILE = "$changes", "$drop", "$file"


def changes(old, new):
    """What turns `old` into `new`: `new` itself unless both are objects, else the changed keys and dropped ones."""
    if not (isinstance(old, dict) and isinstance(new, dict)):
        return new
    out = {key: changes(old[key], value) if key in old else value
           for key, value in new.items() if key not in old or old[key] != value}
    dropped = [key for key in old if key not in new]
    return {**out, DROP: dropped} if dropped else out


def changed(old, change):
    """`old` with `change` (from ``changes``) applied."""
    if not (isinstance(old, dict) and isinstance(change, dict)):
        return change
    out = {key: value for key, value in old.items() if key not in change.get(DROP, ())}
    for key, value in change.items():
        if key != DROP:
            out[key] = changed(old[key], value) if key in old else value
    return out


def _file_rows(path: str):
    return json.loads((ROOT / path).read_text(encoding="utf-8"))


def stored(payload: dict) -> dict:
    """The payload as a notebook stores it."""
    out = dict(payload)
    if payload.get("phone") is not None:
        out["phone"] = {CHANGES: changes(payload["desktop"], payload["phone"])}
    out["datasets"] = {name: {FILE: FILE_DATASETS[name]}
                       if name in FILE_DATASETS and rows == _file_rows(FILE_DATASETS[name]) else rows
                       for name, rows in payload.get("datasets", {}).items()}
    return out


def loaded(text: str) -> dict:
    """A stored payload (its JSON text) as the whole payload again."""
    payload = json.loads(text)
    phone = payload.get("phone")
    if isinstance(phone, dict) and set(phone) == {CHANGES}:
        payload["phone"] = changed(payload["desktop"], phone[CHANGES])
    payload["datasets"] = {name: _file_rows(rows[FILE]) if isinstance(rows, dict) and set(rows) == {FILE} else rows
                           for name, rows in payload.get("datasets", {}).items()}
    return payload
