"""Names above a chart, each with a leader line down to the period it names, placed so that none covers another
(the timeline's overview names its episodes and the events of recent months this way)."""

from __future__ import annotations

from kadiz.charts.theme import shorten_px, text_px


def place_notes(notes: list[dict], x_of, left_edge: float, right_edge: float, max_rows: int = 4) -> list[dict]:
    """Rows and sides for the names above a chart, each with a leader line down to its period: no two names
    closer than 10 px on a row, no leader through a name, as few rows as possible (a small exhaustive search).

    A name longer than half the chart is shortened with an ellipsis; a name that finds no place is left out (its
    event keeps its tooltip and its row in the data table), so no label of the data can stop the chart."""
    options = []
    for note in notes:
        bold = note["kind"] == "episode"
        note = {**note, "text": shorten_px(note["text"], (right_edge - left_edge) / 2, bold=bold)}
        x0, x1 = x_of(note["start"]), max(x_of(note["end"]), x_of(note["start"]) + 3)
        anchor, w = (x0 + x1) / 2, text_px(note["text"], bold=bold)
        sides = []
        for left in (anchor - 2, anchor + 2 - w, x0, x1 - w):
            left = min(max(left, left_edge), right_edge - w)
            if left - 2 <= anchor <= left + w + 2 and left not in sides:
                sides.append(left)
        options.append([{**note, "x0": x0, "x1": x1, "anchor": anchor, "left": left, "right": left + w, "row": row}
                        for row in range(max_rows) for left in sides] + [None])

    def clash(a, b):
        if a["row"] == b["row"]:
            return a["left"] < b["right"] + 10 and b["left"] < a["right"] + 10
        low, high = (a, b) if a["row"] < b["row"] else (b, a)
        return low["left"] - 4 < high["anchor"] < low["right"] + 4

    best: list = []

    def search(i, chosen, cost):
        nonlocal best
        if best and cost[:2] > best[0][:2]:
            return
        if i == len(options):
            if not best or cost < best[0]:
                best = [cost, list(chosen)]
            return
        for option in options[i]:
            if option is None:  # left out: worse than any placement
                search(i + 1, chosen, (cost[0] + 1, *cost[1:]))
            elif not any(clash(option, c) for c in chosen):
                rows = max([c["row"] for c in chosen] + [option["row"]]) + 1
                search(i + 1, chosen + [option], (cost[0], rows, cost[2] + option["row"]))

    search(0, [], (0, 0, 0))
    return best[1]
