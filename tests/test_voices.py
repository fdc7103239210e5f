"""The voices: who is quoted, where each stands on coordination, who is unnamed and why."""

import html
from xml.etree import ElementTree

import pandas as pd
import pytest

from kadiz import voices
from kadiz.charts import reader, render, theme
from kadiz.charts import voices as voices_charts
from kadiz.data import load
from tests.chart_specs import walk


@pytest.fixture(scope="module")
def data():
    return load()


def test_speakers_and_stances(data):
    counts = voices.stance_counts(data.quotes, data.speakers)
    assert counts.to_numpy().sum() == len(data.quotes)
    # Chun: definite coordination of China and Russia, a notification of North Korea, and the statement relaying the
    # Chinese denial that he answers, coded as what he argues. He says nothing coded "not coordinated".
    assert counts.loc["Chun In-bum", "coordinated"] == 3
    assert counts.loc["Chun In-bum"].get("not-coordinated", 0) == 0
    anonymous = voices.anonymity_table(data.speakers, data.quotes)
    assert len(anonymous) == data.speakers["anonymous"].sum()
    # Only the military-affairs source has a stated reason; the others must say plainly that none is given.
    assert (anonymous["Reason for anonymity"] == "none given in the article").sum() == len(anonymous) - 1


def test_quote_tables_split_by_stance_keep_the_article_numbers(data):
    whole = voices.quote_table(data.quotes, data.speakers)
    taking = voices.quote_table(data.quotes, data.speakers, takes_stance=True)
    other = voices.quote_table(data.quotes, data.speakers, takes_stance=False)
    assert sorted(taking["No."].tolist() + other["No."].tolist()) == whole["No."].tolist()
    assert whole["Passage (verbatim)"].tolist() == data.quotes["passage"].tolist()
    assert not other["Coded as"].str.endswith("; coordinated").any()


# ------------------------------------------------------------------ tiny hand-made frames

SPEAKERS = pd.DataFrame({
    "id": ["chun", "lankov", "source", "spokesperson"],
    "name": ["Chun In-bum", "Andrei Lankov", None, None],
    "role": ["retired general", "professor", "source familiar with military affairs", "spokesperson"],
    "affiliation": [None, "Kookmin University", None, "defence ministry"],
    "description": ["a retired general", "a professor", "a source", "a spokesperson"],
    "country": ["KOR", "RUS", None, "KOR"],
    "anonymous": [False, False, True, True],
    "anonymity_reason": [None, None, "no clearance to speak", None],
})
QUOTES = pd.DataFrame({
    "id": ["q1", "q2", "q3", "q4", "q5", "q6"],
    "speaker_id": ["chun", "chun", "lankov", "lankov", "source", "spokesperson"],
    "mode": ["direct", "paraphrase", "direct", "direct", "paraphrase", "paraphrase"],
    "stance": ["coordinated", "uncertain", "uncertain", "not-about-it", "not-coordinated", "not-about-it"],
    "coordination_of": [None] * 6,
    "passage": ["p1", "p2", "p3", "p4", "p5", "p6"],
})


# ------------------------------------------------------------------ the figure of stances, on the hand-made frames

@pytest.fixture(scope="module")
def stance_figure():
    about = QUOTES.assign(coordination_of=["CHN;RUS", "CHN;RUS;PRK", "CHN;RUS;PRK", None, "CHN;PRK", None])
    return voices_charts.stance_figure(about, SPEAKERS)


def test_stance_headline_counts_who_says_coordinated(stance_figure):
    # Chun's q1 is the one "coordinated" statement; four speakers are quoted, six statements in all.
    for layout in ("desktop", "phone"):
        spec = getattr(stance_figure, layout).to_dict()
        headline = " ".join(spec["title"]["text"])
        assert headline == "Only 1 of 4 speakers calls the acts coordinated, in 1 of 6 statements"
        assert spec["title"]["subtitle"]
        assert "1 coordinated, 2 uncertain, 1 not coordinated, 2 no stance on coordination" in spec["description"]


def test_stances_stack_from_coordinated_to_no_stance_in_greys_dark_to_light(stance_figure):
    for layout in ("desktop", "phone"):
        spec = getattr(stance_figure, layout).to_dict()
        colour = next(n for n in walk(spec) if isinstance(n, dict) and n.get("field") == "stance" and "scale" in n)
        assert colour["scale"]["domain"] == ["coordinated", "uncertain", "not coordinated", "no stance on coordination"]
        assert colour["scale"]["range"] == theme.GREYS
        # Blocks are bars, so the legend shows squares.
        assert colour["legend"]["symbolType"] == "square"
        assert {n["mark"]["type"] for n in walk(spec) if isinstance(n, dict) and "stance" in str(n.get("encoding"))
                and isinstance(n.get("mark"), dict)} == {"bar"}
        assert not [n for n in walk(spec) if isinstance(n, dict) and n.get("bind") == "scales"]
    blocks = voices_charts.statement_blocks(QUOTES, SPEAKERS)
    assert blocks.sort_values("stance_order")["stance"].drop_duplicates().tolist() == [
        "coordinated", "uncertain", "not coordinated", "no stance on coordination"]


def test_stance_data_are_words(stance_figure):
    rows = next(iter(stance_figure.payload()["datasets"].values()))
    first = rows[0]
    assert (first["stance"], first["mode"], first["about"]) == ("coordinated", "direct quotation", "China and Russia")
    assert rows[3]["about"] == voices_charts.NOT_ADDRESSED  # Lankov's q4 takes no stance
    text = " ".join(str(v) for row in rows for v in row.values())
    assert not [code for code in ("not-about-it", "not-coordinated", "CHN", "PRK") if code in text]
    assert not {"q1", "q4", "chun", "lankov"} & set(text.split())  # no quote or speaker ids


def test_stance_table_counts_each_speaker_s_statements_by_stance(stance_figure):
    assert stance_figure.table.columns.tolist() == ["Speaker", "Coordinated", "Uncertain", "Not coordinated",
                                                    "No stance on coordination", "Statements"]
    # Most statements first; Chun and Lankov (two each) in the order the article quotes them.
    assert stance_figure.table.values.tolist() == [
        ["Chun In-bum", 1, 1, 0, 0, 2],
        ["Andrei Lankov", 0, 1, 0, 1, 2],
        ["source familiar with military affairs (unnamed)", 0, 0, 1, 0, 1],
        ["spokesperson (unnamed)", 0, 0, 0, 1, 1],
    ]


def test_phone_names_speakers_above_their_bars_and_desktop_wraps_long_ones(stance_figure):
    blocks = voices_charts.statement_blocks(QUOTES, SPEAKERS)
    source = blocks[blocks["speaker"] == "source familiar with military affairs (unnamed)"].iloc[0]
    # Left of the bars on a desktop, "(unnamed)" is kept with the words before it on the second line.
    assert source["speaker_label"] == "source familiar with\nmilitary affairs (unnamed)"
    phone = stance_figure.phone.to_dict()
    assert all(layer["encoding"]["y"].get("axis", "none") is None for layer in phone["layer"])
    names = [layer for layer in phone["layer"] if layer["mark"]["type"] == "text"]
    assert len(names) == 1 and names[0]["encoding"]["text"]["field"] == "name_lines"
    assert phone["width"] <= theme.PHONE.width


@pytest.mark.parametrize("stance, speakers", [(None, 4), ("uncertain", 2), ("not-about-it", 2)])
def test_the_chart_on_a_phone_names_each_speaker_it_draws_once(stance, speakers):
    # In the "try it" chart of one stance, Chun's and Lankov's first statements are of other stances: a name was
    # written only at a speaker's first statement in the whole article, so their bars stood without a name.
    figure = voices_charts.stance_figure(QUOTES, SPEAKERS, stance=stance)
    drawn = figure.table["Speaker"].tolist()
    svg = reader.svg(figure.phone.to_dict())
    assert len(drawn) == speakers
    assert {name: svg.count(f">{html.escape(name)}<") for name in drawn} == {name: 1 for name in drawn}
    assert len(figure.payload()["datasets"]) == 1  # both layouts draw the same rows, stored once


@pytest.mark.parametrize("name", ["Chun|In-bum", "Chun \\n In-bum", "Chun, 'In-bum'"])
def test_a_name_is_drawn_as_written(name):
    # On main a "|" in a name broke the desktop label into two lines: the axis split its labels on "|".
    speakers = SPEAKERS.assign(name=SPEAKERS["name"].where(SPEAKERS["id"] != "chun", name))
    svg = render.svg(render.layout_spec(voices_charts.stance_figure(QUOTES, speakers).payload()))
    labels = ["".join(t.itertext()) for t in ElementTree.fromstring(svg).iter("{http://www.w3.org/2000/svg}text")]
    assert name in labels
