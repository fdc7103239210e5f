"""The renderer: a figure leaves a notebook as its two layouts and its data, becomes offline HTML on the site (the
layout that fits, and the data as a table and CSV) and SVG in print, keeps data text out of the page's markup, has a
stable id and a text alternative."""

import base64
import csv
import io
import json
import re
import subprocess
import urllib.parse

import altair as alt
import pandas as pd
import pytest
import vl_convert

from kadiz import tables
from kadiz.charts import render, stored
from kadiz.escape import csv_text, script_json
from tests.chart_specs import two_points

HOSTILE = '</script><script>alert("x")</script><!-- & -->'


@pytest.fixture
def chart():
    return two_points()


@pytest.fixture
def figure(chart):
    table = pd.DataFrame({"Event": ["entry", "exit"], "Hour": [7, 9.5]})
    return render.Figure(desktop=chart, phone=chart.properties(width=300), table=table, name="fig-test-points")


def _specs_in(html: str) -> dict:
    return json.loads(re.search(r"var specs = (\{.*\}), drawn", html).group(1))


def _bundle(obj) -> str:
    bundle = obj._repr_mimebundle_()
    bundle = bundle[0] if isinstance(bundle, tuple) else bundle
    assert set(bundle) == {render.MIME}
    return bundle[render.MIME]


def test_figure_leaves_the_notebook_as_one_line_of_json(figure, chart):
    text = _bundle(figure)
    assert "\n" not in text
    payload = stored.loaded(text)
    assert payload["desktop"]["mark"] == chart.to_dict()["mark"] and payload["phone"]["width"] == 300
    # The layouts share their rows, stored once.
    assert "datasets" not in payload["desktop"] and "datasets" not in payload["phone"]
    assert render.layout_spec(payload, "phone")["datasets"] == chart.to_dict()["datasets"] == payload["datasets"]
    assert payload["table"] == {"columns": ["Event", "Hour"], "rows": [["entry", "7"], ["exit", "9.5"]],
                                "numbers": [False, True], "kind": "kadiz-prose"}
    assert payload["name"] == "fig-test-points"


def test_table_cells_read_as_written():
    table = pd.DataFrame({"p": [0.045123, 1185.0, None], "n": [3, 12, 1], "words": ["a\nb", "c", "  d  "]})
    assert render.table_cells(table)["rows"] == [["0.04512", "3", "a b"], ["1185", "12", "c"], ["", "1", "d"]]


def test_a_column_of_numbers_is_set_right_and_words_left_in_the_data_table(chart):
    # Numbers as written count as numbers (a p-value formatted "0.045"); a column with any words is words, even
    # where some of its cells are numbers (a date column holding "2017" and "24 May 2022").
    table = pd.DataFrame({"Numbers": ["the article", "records"], "p": ["0.045", ""], "Days": [3, 1_185],
                          "Date": ["2017", "24 May 2022"]})
    assert render.table_cells(table)["numbers"] == [False, True, True, False]
    html = render.html(render.Figure(desktop=chart, table=table).payload())
    head = re.search(r"<thead>(.*)</thead>", html).group(1)
    first = re.search(r"<tbody><tr>(.*?)</tr>", html).group(1)
    assert re.findall(r'<th scope="col" class="([\w-]+)"', head) == ["text-left", "text-right", "text-right", "text-left"]
    assert re.findall(r'<td class="([\w-]+)"', first) == ["text-left", "text-right", "text-right", "text-left"]


def test_a_figure_says_how_its_table_is_read(chart):
    table = pd.DataFrame({"Speaker": ["A"], "Statements": [2]})
    assert '<table class="table kadiz-prose">' in render.html(render.Figure(desktop=chart, table=table).payload())
    grid = render.Figure(desktop=chart, table=table, table_kind=tables.GRID)
    assert '<table class="table kadiz-grid">' in render.html(grid.payload())
    with pytest.raises(ValueError, match="one of"):
        render.Figure(desktop=chart, table=table, table_kind="cards")


def test_a_figure_prints_as_one_line(figure):
    # The notebook keeps this as the output's plain text beside the figure itself.
    assert repr(figure) == "<Figure fig-test-points: desktop and phone layouts, 2 rows of data>"


def test_text_alternative_names_the_data_table(figure):
    for layout in ("desktop", "phone"):
        assert figure.payload()[layout]["description"] == f"two points {render.TABLE_NOTE}"


def test_a_chart_shown_alone_is_a_figure_of_one_layout(chart):
    payload = stored.loaded(_bundle(chart))
    assert payload["phone"] is None and payload["desktop"]["description"] == "two points"
    assert payload["table"]["columns"] == ["hour", "event"]


class _ElementRenderer:
    """Stands in for MyST-NB's element renderer: the builder's format, and the image it would write."""

    def __init__(self, builder_format):
        app = type("App", (), {"builder": type("Builder", (), {"format": builder_format})})
        self.renderer = type("Renderer", (), {"sphinx_env": type("Env", (), {"app": app})})
        self.images = []

    def render_image(self, data):
        self.images.append(data)
        return ["image node"]


def _mime_data(figure):
    from myst_nb.core.render import MimeData

    return MimeData(render.MIME, _bundle(figure), line=1)


def test_site_gets_the_figure_as_html(figure):
    from kadiz.charts.mime import VegaLiteChart

    [node] = VegaLiteChart.handle_mime(_ElementRenderer("html"), _mime_data(figure), False)
    assert node.astext() == render.html(figure.payload())


def test_pdf_gets_the_desktop_layout_as_vector_art_with_its_words(figure, tmp_path):
    from kadiz.charts.mime import VegaLiteChart

    element_renderer = _ElementRenderer("latex")
    assert VegaLiteChart.handle_mime(element_renderer, _mime_data(figure), False) == ["image node"]
    [image] = element_renderer.images
    assert image.mime_type == "application/pdf"
    chart = tmp_path / "chart.pdf"
    chart.write_bytes(base64.b64decode(image.content))
    desktop = render.svg(render.layout_spec(figure.payload()))
    width, height = re.search(r'<svg[^>]*width="([\d.]+)"[^>]*height="([\d.]+)"', desktop).groups()
    info = subprocess.run(["pdfinfo", str(chart)], capture_output=True, text=True, check=True).stdout
    assert f"Page size:       {width} x {height} pts" in info  # the desktop layout's size, not the phone's (300 wide)
    words = subprocess.run(["pdftotext", str(chart), "-"], capture_output=True, text=True, check=True).stdout.split()
    labels = [word for label in re.findall(r"<text[^>]*>([^<]+)</text>", desktop) for word in label.split()]
    assert labels and sorted(words) == sorted(labels)


def test_the_drawing_keeps_no_label_vega_hid(tmp_path):
    # 49 hourly ticks in 150 px: Vega hides most of their labels (opacity 0) rather than print them over each other.
    hours = pd.DataFrame({"time": pd.date_range("2022-05-24", periods=49, freq="h")})
    spec = alt.Chart(hours).mark_tick().encode(x=alt.X("time:T", axis=alt.Axis(tickCount=48))).properties(
        width=150).to_dict()
    assert 'opacity="0"' in vl_convert.vegalite_to_svg(spec)
    drawn = render.svg(spec)
    assert 'opacity="0"' not in drawn and "<text" in drawn


def test_other_outputs_are_left_to_myst_nb():
    from myst_nb.core.render import MimeData

    from kadiz.charts.mime import VegaLiteChart

    assert VegaLiteChart.handle_mime(_ElementRenderer("html"), MimeData("text/plain", "x"), False) is None


def test_html_loads_nothing_from_another_host(figure):
    # The spec's "$schema" names its version by a URL that nothing fetches; the code around it names none.
    payload = figure.payload()
    for layout in ("desktop", "phone"):
        payload[layout]["$schema"] = ""
    code = render.html(payload)
    assert "http" not in code and "src=" not in code and "cdn" not in code.lower()


def test_html_embeds_both_layouts_it_was_given(figure):
    payload = figure.payload()
    assert _specs_in(render.html(payload)) == {"desktop": payload["desktop"], "phone": payload["phone"]}


def test_data_text_cannot_close_the_script_or_open_markup(figure, chart):
    hostile = render.Figure(desktop=chart.properties(description=HOSTILE, title=HOSTILE),
                            table=pd.DataFrame({HOSTILE: [HOSTILE]}), name="fig-test-points").payload()
    html = render.html(hostile)
    # One script element, whose text holds no raw < > &: the browser cannot end it early or read a comment.
    assert html.count("<script>") == 1 and html.count("</script>") == 1
    script = html.split("<script>", 1)[1].split("</script>", 1)[0]
    assert "</" not in script and "<!--" not in script
    assert not set("<>&") & set(re.search(r"var specs = (\{.*\}), drawn", script).group(1))
    # JSON reads the escapes back as the very same text, so the chart shows it literally.
    assert _specs_in(html)["desktop"]["title"] == HOSTILE
    # In the data table the same text is escaped for HTML: no tag of it survives.
    table = html.split("</script>", 1)[1]
    assert "<script>" not in table and "<!--" not in table
    assert table.count("&lt;/script&gt;&lt;script&gt;alert(&quot;x&quot;)") == 2  # header and cell


def test_csv_download_holds_the_table_with_formulas_defused(chart):
    table = pd.DataFrame({"Event": ["=HYPERLINK(\"x\")", "@SUM(1)", "plain, with comma"], "Hours": [-24, 1.5, 2]})
    html = render.html(render.Figure(desktop=chart, table=table, name="fig-test-points").payload())
    href = re.search(r'<a download="fig-test-points.csv" href="data:text/csv;charset=utf-8,([^"]*)"', html).group(1)
    rows = list(csv.reader(io.StringIO(urllib.parse.unquote(href))))
    assert rows == [["Event", "Hours"], ["'=HYPERLINK(\"x\")", "-24"], ["'@SUM(1)", "1.5"], ["plain, with comma", "2"]]


def test_csv_text_defuses_formulas_but_keeps_signed_numbers():
    assert csv_text("=1+1") == "'=1+1" and csv_text("+x") == "'+x" and csv_text("-x") == "'-x"
    assert csv_text("@a") == "'@a" and csv_text("\tx") == "'\tx"
    assert csv_text("-24") == "-24" and csv_text("+3.5") == "+3.5" and csv_text("word") == "word"


def test_script_json_escapes_exactly_the_characters_html_reads():
    assert script_json({"a": "<b> & \u2028"}) == '{"a":"\\u003cb\\u003e \\u0026 \\u2028"}'
    assert json.loads(script_json({"a": "<b> & \u2028"})) == {"a": "<b> & \u2028"}


def test_chart_id_depends_on_the_figure_only(figure, chart):
    first, again = render.html(figure.payload()), render.html(figure.payload())
    other = render.html(render.Figure(desktop=chart.properties(description="other"), table=figure.table).payload())
    assert first == again
    assert first != other


def test_chart_without_description_is_refused(chart):
    with pytest.raises(ValueError, match="description"):
        render.render(chart.properties(description="").to_dict())
    with pytest.raises(ValueError, match="description"):
        render.Figure(desktop=chart, phone=chart.properties(description=""), table=pd.DataFrame()).payload()


def test_print_svg_leaves_out_aria_labels_that_repeat_the_tooltips(chart):
    spec = chart.encode(tooltip="event:N").to_dict()
    assert "aria-label" not in render.svg(spec)
    assert "entry" in render.svg(spec.copy() | {"mark": {"type": "text"}, "encoding": {
        **spec["encoding"], "text": {"field": "event", "type": "nominal"}}})


def test_export_writes_the_desktop_svg_the_data_as_csv_and_the_payload_the_notebook_names(figure, tmp_path):
    exported = render.export(figure, folder=tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "fig-test-points.csv", "fig-test-points.json", "fig-test-points.svg"]
    # The notebook keeps a reference; the build reads the payload back whole from the file it names.
    reference = exported._repr_mimebundle_()[render.MIME]
    assert json.loads(reference)["$file"] == (tmp_path / "fig-test-points.json").as_posix()
    assert stored.loaded(reference) == figure.payload()
    # A file edited by hand, or left from another execution, is refused by name.
    (tmp_path / "fig-test-points.json").write_text(stored.text({**figure.payload(), "name": "other"}))
    with pytest.raises(ValueError, match="fig-test-points.json is not the figure its chapter stored"):
        stored.loaded(reference)
    assert (tmp_path / "fig-test-points.svg").read_text(encoding="utf-8").lstrip().startswith("<svg")
    assert (tmp_path / "fig-test-points.csv").read_text(encoding="utf-8") == "Event,Hour\nentry,7\nexit,9.5\n"


def test_only_figures_are_glued(chart):
    with pytest.raises(TypeError, match="render.Figure"):
        render.glue_figure("fig-test-points", chart)
