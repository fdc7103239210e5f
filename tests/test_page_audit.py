"""scripts/page_audit.py reads each Lighthouse report for its scores and marks a run in which headless Chromium
painted only after the page had loaded (its paint times and score then come out worse than the page's)."""

from scripts.page_audit import METRICS, scores


def _report(first_paint_ms: float, load_ms: float) -> dict:
    """The parts of a Lighthouse report that scores() reads, with the observed first paint and load given."""
    audits = {audit_id: {"numericValue": 1500.0} for audit_id in METRICS}
    audits["metrics"] = {"details": {"items": [{"observedFirstContentfulPaint": first_paint_ms,
                                                "observedLoad": load_ms}]}}
    return {"categories": {"performance": {"score": 0.87}, "accessibility": {"score": 1}}, "audits": audits}


def test_a_page_painted_after_it_loaded_is_marked_late():
    # A records run of this machine: loaded at 737 ms, first painted at 2,218 ms.
    assert scores(_report(2218, 737))["late"] is True


def test_a_page_painted_while_it_loaded_or_just_after_is_not():
    # A rubric run: painted at 257 ms, loaded at 415 ms; a page of one paragraph loaded at 56 ms, painted at 105 ms.
    assert scores(_report(257, 415))["late"] is False
    assert scores(_report(105, 56))["late"] is False


def test_scores_are_out_of_100_and_times_in_their_units():
    row = scores(_report(257, 415))
    assert (row["performance"], row["accessibility"]) == (87, 100)
    assert row["FCP s"] == 1.5 and row["TBT ms"] == 1500.0
