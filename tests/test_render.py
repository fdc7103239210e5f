"""The renderer: offline HTML plus a PNG for print, stable ids, a text alternative on every chart."""

import altair as alt
import pandas as pd
import pytest

from kadiz.charts import render


@pytest.fixture
def chart():
    render.enable()
    data = pd.DataFrame({"hour": [7, 9], "event": ["entry", "exit"]})
    return alt.Chart(data).mark_point().encode(x="hour:Q", y="event:N").properties(description="two points")


def test_bundle_has_html_for_the_site_and_png_for_the_pdf(chart):
    bundle, metadata = chart._repr_mimebundle_()
    assert set(bundle) == {"text/html", "image/png"}
    assert bundle["image/png"].startswith(b"\x89PNG") or bundle["image/png"][:4] == "iVBO"
    assert metadata["image/png"]["width"] > 0


def test_chart_id_depends_on_the_spec_only(chart):
    first, _ = chart._repr_mimebundle_()
    again, _ = chart._repr_mimebundle_()
    other, _ = chart.properties(description="other").encode(x="hour:O")._repr_mimebundle_()
    assert first["text/html"] == again["text/html"]
    assert first["text/html"] != other["text/html"]


def test_html_turns_off_the_actions_menu(chart):
    html, _ = chart._repr_mimebundle_()
    assert '"actions": false' in html["text/html"]


def test_chart_without_description_is_refused(chart):
    with pytest.raises(ValueError, match="description"):
        render.render(chart.properties(description="").to_dict())


def test_export_writes_svg_and_png(chart, tmp_path):
    render.export(chart, "points", folder=tmp_path)
    assert (tmp_path / "points.svg").read_text(encoding="utf-8").lstrip().startswith("<svg")
    assert (tmp_path / "points.png").read_bytes().startswith(b"\x89PNG")
