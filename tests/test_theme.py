"""Text that charts place by its measured width: headlines wrapped to the layout, labels shortened to their room,
and names above the overview placed whatever the data's labels hold."""

import pandas as pd

from kadiz.charts.theme import DESKTOP, PHONE, headline, shorten_px, text_px, wrap_px
from kadiz.charts.notes import place_notes

SENTENCE = "North Korea fired 3 missiles 19 h 45 min after the joint flight left the zone"


def test_wrapped_lines_fit_and_keep_every_word():
    for width in (PHONE.width, DESKTOP.width, 120):
        lines = wrap_px(SENTENCE, width, 16, bold=True)
        assert all(text_px(line, 16, bold=True) <= width for line in lines)
        assert " ".join(lines) == SENTENCE
    assert len(wrap_px(SENTENCE, PHONE.width, 16, bold=True)) > len(wrap_px(SENTENCE, DESKTOP.width, 16, bold=True))


def test_no_break_space_holds_its_words_together():
    assert "p\u00a0=\u00a01.00" in wrap_px("The primary test gives p\u00a0=\u00a01.00", 60)


def test_headline_and_subtitle_fit_the_layout():
    title = headline(SENTENCE, "Korean time, 24-25 May 2022", PHONE).to_dict()
    assert title["text"] == wrap_px(SENTENCE, PHONE.width, 16, bold=True)
    assert title["subtitle"] == ["Korean time, 24-25 May 2022"]


def test_shortened_text_fits_and_says_it_was_cut():
    assert shorten_px("Quad summit", 200) == "Quad summit"
    short = shorten_px("Russia invades Ukraine, 24 Feb", 100)
    assert short == "Russia\u2026" and text_px(short) <= 100
    assert shorten_px("x" * 300, 50).endswith("\u2026") and text_px(shorten_px("x" * 300, 50)) <= 50


def _note(text, day, kind="context"):
    start = pd.Timestamp(day, tz="Asia/Seoul")
    return {"kind": kind, "text": text, "start": start, "end": start + pd.Timedelta(days=1)}


def test_names_above_the_overview_are_placed_whatever_their_length():
    # A label three charts wide (hostile or careless data) is shortened to half the chart and still placed.
    day0 = pd.Timestamp("2022-01-01", tz="Asia/Seoul")

    def x_of(ts):
        return (ts - day0).days * 2.0  # 2 px a day

    notes = [_note("A" * 500, "2022-02-01"), _note("Quad summit", "2022-05-24", "episode")]
    placed = place_notes(notes, x_of, 0, 300)
    assert len(placed) == 2
    assert all(0 <= p["left"] and p["right"] <= 300 for p in placed)
    assert placed[0]["text"].endswith("\u2026")
