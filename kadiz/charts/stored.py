"""How a chapter stores a figure's payload in its notebook, and how the build reads it back whole.

The committed chapters carry every figure (``kadiz.charts.render``), so the stored form leaves out what can be had
again exactly:

- the phone layout, as its changes from the desktop layout (the two share their theme, most marks and the text
  alternative): ``{"$changes": ...}``, where a changed key holds its new value (or, for an object, its own changes)
  and ``"$drop"`` lists the keys the phone layout does not have;
- a dataset that is a committed file as it is (the land outlines of the map, ``data/geo/land.topo.json``), as
  ``{"$file": <path from the repository root>}``, read when the site and the PDF are built (offline, like the rest);
- a glued figure as a whole, which its chapter also writes to ``figures/<name>.json`` in this stored form
  (``kadiz.charts.render.export``): the notebook keeps ``{"$file": "figures/<name>.json", "sha256": ...}``, so strict
  nbval still compares what the code draws, through the file's digest, and the build refuses a file that is not
  the one the chapter wrote.

``loaded(stored(payload)) == payload`` for every payload; a payload stored before this form reads as it is.
"""

from __future__ import annotations

import hashlib
import json

from kadiz.map import LAND
from kadiz.paths import ROOT

# Datasets kept in a committed file, by the name a chart gives them (kadiz.charts.map.LAND_DATASET).
FILE_DATASETS = {"land-natural-earth-10m": LAND.relative_to(ROOT).as_posix()}
CHANGES, DROP, FILE, SHA256 = "$changes", "$drop", "$file", "sha256"


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


def text(payload: dict) -> str:
    """The stored payload as one line of JSON, the same for the same payload."""
    return json.dumps(stored(payload), sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def reference(path, content: str) -> str:
    """What a notebook keeps for a figure written to `path` (under the repository) as `content` (``text``)."""
    where = path.relative_to(ROOT).as_posix() if path.is_relative_to(ROOT) else path.as_posix()  # a test's folder
    return json.dumps({FILE: where, SHA256: hashlib.sha256(content.encode()).hexdigest()},
                      sort_keys=True, separators=(",", ":"))


def loaded(text: str) -> dict:
    """A stored payload (its JSON text, or a reference to the file that holds it) as the whole payload again."""
    payload = json.loads(text)
    if set(payload) == {FILE, SHA256}:
        content = (ROOT / payload[FILE]).read_text(encoding="utf-8")
        if hashlib.sha256(content.encode()).hexdigest() != payload[SHA256]:
            raise ValueError(f"{payload[FILE]} is not the figure its chapter stored (its SHA-256 differs): "
                             "re-execute the chapter (`make outputs`) and commit chapters/ and figures/ together")
        return loaded(content)
    phone = payload.get("phone")
    if isinstance(phone, dict) and set(phone) == {CHANGES}:
        payload["phone"] = changed(payload["desktop"], phone[CHANGES])
    payload["datasets"] = {name: _file_rows(rows[FILE]) if isinstance(rows, dict) and set(rows) == {FILE} else rows
                           for name, rows in payload.get("datasets", {}).items()}
    return payload
