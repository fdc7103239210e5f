"""The renderer: a chart leaves a notebook as its spec, becomes offline HTML on the site and SVG in print, keeps data
text out of the page's markup, has a stable id and a text alternative."""

import json
import re

import altair as alt
import pandas as pd
import pytest

from kadiz.charts import render
from kadiz.escape import script_json

HOSTILE = '</script><script>alert("x")</script><!-- & -->'


@pytest.fixture
def chart():
    render.enable()
    data = pd.DataFrame({"hour": [7, 9], "event": ["entry", "exit"]})
    return alt.Chart(data).mark_point().encode(x="hour:Q", y="event:N").properties(description="two points")


def _spec_in(html: str) -> dict:
    return json.loads(re.search(r"vegaEmbed\(target, (\{.*\}), \{", html).group(1))


def test_output_is_the_spec_as_one_line_of_json(chart):
    bundle = chart._repr_mimebundle_()
    bundle = bundle[0] if isinstance(bundle, tuple) else bundle
    assert set(bundle) == {render.MIME}
    assert "\n" not in bundle[render.MIME]
    assert json.loads(bundle[render.MIME]) == json.loads(json.dumps(chart.to_dict()))


class _ElementRenderer:
    """Stands in for MyST-NB's element renderer: the builder's format, and the image it would write."""

    def __init__(self, builder_format):
        app = type("App", (), {"builder": type("Builder", (), {"format": builder_format})})
        self.renderer = type("Renderer", (), {"sphinx_env": type("Env", (), {"app": app})})
        self.images = []

    def render_image(self, data):
        self.images.append(data)
        return ["image node"]


def _mime_data(chart):
    from myst_nb.core.render import MimeData

    return MimeData(render.MIME, render.render(chart.to_dict())[render.MIME], line=1)


def test_site_gets_the_chart_as_html(chart):
    from kadiz.charts.mime import VegaLiteChart

    [node] = VegaLiteChart.handle_mime(_ElementRenderer("html"), _mime_data(chart), False)
    assert node.astext() == render.html(chart.to_dict())


def test_pdf_gets_the_chart_as_svg(chart):
    from kadiz.charts.mime import VegaLiteChart

    element_renderer = _ElementRenderer("latex")
    assert VegaLiteChart.handle_mime(element_renderer, _mime_data(chart), False) == ["image node"]
    [image] = element_renderer.images
    assert image.mime_type == "image/svg+xml" and image.content == render.svg(chart.to_dict())


def test_other_outputs_are_left_to_myst_nb(chart):
    from myst_nb.core.render import MimeData

    from kadiz.charts.mime import VegaLiteChart

    assert VegaLiteChart.handle_mime(_ElementRenderer("html"), MimeData("text/plain", "x"), False) is None


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
    assert script_json({"a": "<b> & \u2028"}) == '{"a":"\\u003cb\\u003e \\u0026 \\u2028"}'
    assert json.loads(script_json({"a": "<b> & \u2028"})) == {"a": "<b> & \u2028"}


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
