"""The renderer: offline HTML for the site plus SVG for print, data text kept out of the page's markup,
stable ids, a text alternative on every chart."""

import json
import re

import altair as alt
import pandas as pd
import pytest

from kadiz.charts import render

HOSTILE = '</script><script>alert("x")</script><!-- & -->'


@pytest.fixture
def chart():
    render.enable()
    data = pd.DataFrame({"hour": [7, 9], "event": ["entry", "exit"]})
    return alt.Chart(data).mark_point().encode(x="hour:Q", y="event:N").properties(description="two points")


def _spec_in(html: str) -> dict:
    return json.loads(re.search(r"vegaEmbed\(target, (\{.*\}), \{", html).group(1))


def test_bundle_has_html_for_the_site_and_svg_for_the_pdf(chart):
    bundle = chart._repr_mimebundle_()
    bundle = bundle[0] if isinstance(bundle, tuple) else bundle
    assert set(bundle) == {"text/html", "image/svg+xml"}
    assert bundle["image/svg+xml"].startswith("<svg")


def test_html_loads_nothing_from_another_host(chart):
    # The spec's "$schema" names its version by a URL that nothing fetches; the code around it names none.
    code = render.html({**chart.to_dict(), "$schema": "", "description": "x"})
    assert "http" not in code and "src=" not in code and "cdn" not in code.lower()


def test_html_embeds_the_spec_it_was_given(chart):
    spec = chart.to_dict()
    assert _spec_in(render.html(spec)) == json.loads(json.dumps(spec))


def test_data_text_cannot_close_the_script_or_open_markup(chart):
    hostile = chart.properties(description=HOSTILE, title=HOSTILE).to_dict()
    html = render.html(hostile)
    # One script element, whose text holds no raw < > &: the browser cannot end it early or read a comment.
    assert html.count("<script>") == 1 and html.count("</script>") == 1
    script = html.split("<script>", 1)[1].split("</script>", 1)[0]
    assert not set("<>&") & set(script.replace("=>", ""))
    # JSON reads the escapes back as the very same text, so the chart shows it literally.
    assert _spec_in(html)["description"] == HOSTILE


def test_script_json_escapes_exactly_the_characters_html_reads():
    assert render.script_json({"a": "<b> & \u2028"}) == '{"a":"\\u003cb\\u003e \\u0026 \\u2028"}'
    assert json.loads(render.script_json({"a": "<b> & \u2028"})) == {"a": "<b> & \u2028"}


def test_chart_id_depends_on_the_spec_only(chart):
    first, again = render.html(chart.to_dict()), render.html(chart.to_dict())
    other = render.html(chart.properties(description="other").encode(x="hour:O").to_dict())
    assert first == again
    assert first != other


def test_html_turns_off_the_actions_menu(chart):
    assert '{"actions":false}' in render.html(chart.to_dict())


def test_chart_without_description_is_refused(chart):
    with pytest.raises(ValueError, match="description"):
        render.render(chart.properties(description="").to_dict())


def test_print_svg_leaves_out_aria_labels_that_repeat_the_tooltips(chart):
    spec = chart.encode(tooltip="event:N").to_dict()
    assert "aria-label" not in render.svg(spec)
    assert "entry" in render.svg(spec.copy() | {"mark": {"type": "text"}, "encoding": {
        **spec["encoding"], "text": {"field": "event", "type": "nominal"}}})


def test_export_writes_svg_only(chart, tmp_path):
    render.export(chart, "points", folder=tmp_path)
    assert (tmp_path / "points.svg").read_text(encoding="utf-8").lstrip().startswith("<svg")
    assert [p.name for p in tmp_path.iterdir()] == ["points.svg"]
