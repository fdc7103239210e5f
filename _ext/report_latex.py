"""The PDF as a report: back matter without chapter numbers, the list of sources on its own page, tables and
exercise boxes set for print.

* The pages of the unnumbered part of the book (the reference pages: rubric, glossary, sources, how to cite) are
  back matter: they print as chapters without numbers, as they show on the site.
  Their tables and figures are numbered on from 1, as the site numbers them ("Table 2"), not on from the last
  chapter's ("Table 7.5").
* Sphinx gathers every citation of the PDF into one bibliography at the end, under a chapter of its own, which
  left the "Sources" chapter with its introduction only. The list is put back at the end of the Sources chapter,
  without a heading of its own.
* Tables are set ragged-right, and every column is made at least as wide as its longest word, header words
  included, so that no header is hyphenated or runs into the next column; the room comes from the columns with
  most to spare; a table whose words do not fit across the page so is set a size or two smaller. A table whose chapter gives no widths starts from the length of each column's cells:
  without widths, Sphinx sets a long table in columns as wide as their longest cell, which runs off the page.
* Exercise and solution boxes move whole to the next page when fewer than a dozen lines are left, and a box's
  title wraps over lines like a paragraph (the records chapter titles each verdict with its claim) (LaTeX
  preamble below). A heading that a box follows, alone or after a short paragraph, moves with the box rather than
  stay alone at the foot of the page.
* Every table may break across pages (a longtable, its caption and header repeated): a table set as a float
  cannot, and one taller than the room left ran over the running foot and the page number.
* A figure is anchored right after the passage that first cites it in its chapter (on the site it stays where the
  chapter puts it, often after a longer stretch of text or a table); floating from there, and never ahead of it
  (flafter), it prints on the page of that citation or the next. A figure still waiting when a table begins prints
  before the table, which may run over pages.
* A code line too long for the page wraps, and its continuation starts with a plain arrow (LaTeX preamble below).
* The running head is one line: the title up to its first comma, and the version. No paragraph leaves its first
  or last line alone at a page's end or top.
"""

from __future__ import annotations

import math

from docutils import nodes
from sphinx import addnodes
from sphinx.builders.latex.nodes import thebibliography
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util import texescape

SOURCES_PAGE = "chapters/bibliography"

PREAMBLE = r"""
% ---- tables: ragged-right cells; a column is never narrower than a header word
\newcolumntype{T}{L}
\makeatletter
\newcolumntype{\X}[2]{>{\raggedright\arraybackslash}p{\dimexpr
      (\linewidth-\spx@arrayrulewidth)*#1/#2-\tw@\tabcolsep-\spx@arrayrulewidth\relax}}
\makeatother
\setlength{\tymin}{5.5em}
\protected\def\sphinxstyletheadfamily{\sffamily\hyphenpenalty=10000\exhyphenpenalty=10000\relax}
% ---- a box's title wraps like a paragraph: Sphinx sets it on one line, and a verdict's title (its claim) is long
\renewcommand\sphinxstylenotetitle[1]{\noindent{\sffamily\bfseries\raggedright\sphinxremovefinalcolon{#1}\par}\smallskip}
% ---- a code line wrapped in print continues after a plain arrow: Sphinx's hooked arrow is set as a hook and an arrow
% drawn over each other, which a PDF reader takes for a comma printed over an arrow
\sphinxsetup{verbatimcontinued={\makebox[2\fontcharwd\font`\x][r]{\textcolor{red}{\tiny$\rightarrow$}}}}
% ---- a long web address may break after any character rather than run into the margin
\makeatletter\g@addto@macro{\UrlBreaks}{\UrlOrds}\makeatother
% ---- exercise and solution boxes are not split when a page has little room left
% (\Needspace* breaks only when the room left is short; plain \needspace offers the page builder a good break
% before every box, which it took under a chapter's title, leaving the title alone on its page)
\usepackage{needspace}
\AddToHook{env/sphinxadmonition/before}{\Needspace*{BOX_LINES\baselineskip}}
% ---- figures: never before the text that cites them; a tall one may take the top of a text page (nine tenths of
% it) rather than a page of its own, and a page of floats only when they fill four fifths of it
\usepackage{flafter}
% a figure waiting for room prints before a table that follows it: a table over several pages leaves no room for it;
% and a table starts on the next page rather than with its caption, header and a row or two at the foot of this one
\usepackage{placeins}
\AddToHook{env/longtable/before}{\FloatBarrier\Needspace*{12\baselineskip}}
\renewcommand{\topfraction}{.9}
\renewcommand{\bottomfraction}{.6}
\renewcommand{\textfraction}{.1}
\renewcommand{\floatpagefraction}{.8}
\setcounter{topnumber}{2}
\setcounter{totalnumber}{3}
% ---- no line of a paragraph left alone at the foot or the head of a page
\widowpenalty=10000
\clubpenalty=10000
\displaywidowpenalty=10000
% ---- the list of sources sits in the Sources chapter: no chapter heading of its own
\makeatletter
\renewenvironment{sphinxthebibliography}[1]
  {\let\chapter\@gobbletwo\def\bibname{Sources}\begin{thebibliography}{#1}}
  {\end{thebibliography}}
\makeatother
"""

# Where the back matter begins: headings without numbers, and tables and figures numbered 1, 2, ... across it
# (\theH... names each one's link target: the last chapter's "Table 7.1" and "Table 1" here must not share one).
BACK_MATTER = r"""
\setcounter{secnumdepth}{-1}
\setcounter{table}{0}\renewcommand{\thetable}{\arabic{table}}\renewcommand{\theHtable}{back.\arabic{table}}
\setcounter{figure}{0}\renewcommand{\thefigure}{\arabic{figure}}\renewcommand{\theHfigure}{back.\arabic{figure}}
"""

# Column widths are reckoned in characters of the body font across the text width (A4, 11 pt: about 95). A word
# of a header, set in bold sans, takes about 1.25 times its letters; a cell's padding (two \tabcolsep) about 2.
LINE = 95
LONGEST_BODY_WORD = 8
HEADER_SCALE = 1.25
# A value kept whole (a date, "p = 0.287") mixes digits and capitals, wider than the average letter.
WHOLE_SCALE = 1.2
PADDING = 2
# The sizes a table may be set in, with how many more characters a line holds than at the body's 11 pt.
SIZES = [("", 1.0), (r"\small", 11 / 10), (r"\footnotesize", 11 / 9)]


def word_needs(header: list[str], body: list[list[str]]) -> list[float]:
    """The width each column needs so that its longest word fits unbroken, header words included."""
    needs = []
    for j, title in enumerate(header):
        head = max((len(w) for w in title.split()), default=1) * HEADER_SCALE
        # A longer word of the body is hyphenated (or, a web address, broken) rather than widen its column; a value
        # kept whole by no-break spaces ("18 November 2022", kadiz.words.whole) cannot break at them, so its column
        # takes it whole rather than hyphenate it.
        cells = max((len(w) * WHOLE_SCALE if "\xa0" in w else min(len(w), LONGEST_BODY_WORD)
                     for row in body for w in row[j].split(" ")), default=1)
        needs.append(max(head, cells) + PADDING)
    return needs


def column_widths(header: list[str], body: list[list[str]], given: list[int] | None = None,
                  line: float = LINE) -> list[int]:
    """Widths (relative, in tenths of a character) for a table's columns: the chapter's own widths if it gives
    them, else the square root of the mean length of each column's cells; then every column widened to fit its longest word,
    the room taken from the columns that have most to spare."""
    if given:
        total = sum(given)
        chars = [w / total * line for w in given]
    else:
        # The square root of each column's mean cell length: a column of long passages gets the most room, but
        # not so much that the short columns are squeezed to their words.
        rows = [header, *body]
        means = [math.sqrt(sum(len(r[j]) for r in rows) / len(rows)) for j in range(len(header))]
        chars = [m / sum(means) * line for m in means]
    needs = word_needs(header, body)
    chars = [max(c, n) for c, n in zip(chars, needs)]
    excess = sum(chars) - line
    spare = [c - n for c, n in zip(chars, needs)]
    if excess > 0 and sum(spare) > 0:
        take = min(excess, sum(spare))
        chars = [c - take * s / sum(spare) for c, s in zip(chars, spare)]
    return [max(1, round(c * 10)) for c in chars]


def font_size(header: list[str], body: list[list[str]]) -> tuple[str, float]:
    """The size a table is set in: the body's, or the first smaller one at which its words fit across the page
    (the After chapter's grid of seven columns of whole dates), with the line's width in characters at that size."""
    needed = sum(word_needs(header, body))
    command, scale = next(((c, s) for c, s in SIZES if needed <= LINE * s), SIZES[-1])
    return command, LINE * scale


def _set_widths(table: nodes.table) -> None:
    tgroup = next(iter(table.findall(nodes.tgroup)), None)
    if tgroup is None:
        return
    colspecs = [c for c in tgroup.children if isinstance(c, nodes.colspec)]
    header = [[e.astext() for e in row.findall(nodes.entry)] for part in tgroup.findall(nodes.thead)
              for row in part.findall(nodes.row)]
    body = [[e.astext() for e in row.findall(nodes.entry)] for part in tgroup.findall(nodes.tbody)
            for row in part.findall(nodes.row)]
    if len(header) != 1 or any(len(r) != len(colspecs) for r in [*header, *body]):
        return  # no header row, several, or spanning cells: left to Sphinx
    given = [c["colwidth"] for c in colspecs] if "colwidths-given" in table["classes"] else None
    command, line = font_size(header[0], body)
    for colspec, width in zip(colspecs, column_widths(header[0], body, given, line)):
        colspec["colwidth"] = width
    if command:
        table.parent.insert(table.parent.index(table), nodes.raw("", f"\\begingroup{command}\n", format="latex"))
        table.parent.insert(table.parent.index(table) + 1, nodes.raw("", "\\endgroup\n", format="latex"))
    if "colwidths-given" not in table["classes"]:
        table["classes"].append("colwidths-given")


def _top_block(node: nodes.Node) -> nodes.Node:
    """The block of a section (paragraph, list, box, table) that holds a node."""
    while node.parent is not None and not isinstance(node.parent, (nodes.section, addnodes.start_of_file)):
        node = node.parent
    return node


# A box moves whole to the next page when fewer than BOX_LINES lines are left (the preamble's hook; a longer box
# breaks over pages, with a dozen lines on the first); a section heading takes HEADING_LINES with the space around
# it, and a paragraph of up to SHORT lines between a heading and its box moves with them.
BOX_LINES = 12
HEADING_LINES = 4
SHORT = 4
# What prints nothing between a heading and the box under it (a link target, the box's colour setting).
UNPRINTED = (nodes.target, nodes.raw, nodes.comment, nodes.substitution_definition, addnodes.index)


def _lines(text: str) -> int:
    return sum(max(1, math.ceil(len(line) / LINE)) for line in text.splitlines() or [""])


def keep_headings_with_their_boxes(document: nodes.document) -> None:
    """Ask for room for a section's heading, its short opening paragraph and the box that follows before the
    heading: the box's own request comes after the heading, and would move the box alone to the next page."""
    for section in list(document.findall(nodes.section)):
        if isinstance(section.parent, (addnodes.start_of_file, nodes.document)):
            continue  # a chapter's heading opens a new page anyway
        lines = 0
        for child in section.children[1:]:
            if isinstance(child, UNPRINTED):
                continue
            if isinstance(child, nodes.paragraph) and lines + _lines(child.astext()) <= SHORT:
                lines += _lines(child.astext())
                continue
            if isinstance(child, nodes.Admonition):
                room = HEADING_LINES + lines + BOX_LINES
                section.parent.insert(section.parent.index(section),
                                      nodes.raw("", f"\\Needspace*{{{room}\\baselineskip}}\n", format="latex"))
            break


def anchor_figures_at_first_reference(chapter: addnodes.start_of_file) -> None:
    """Move each figure of a chapter to just after the block that first cites it, if that block comes before it."""
    order = {id(node): n for n, node in enumerate(chapter.findall())}
    first: dict[str, nodes.Node] = {}
    prefix = f"%{chapter['docname']}#"
    for reference in chapter.findall(nodes.reference):
        uri = reference.get("refuri", "")
        # A reference within the chapter has a refid; one the writer links across files, a refuri to this file.
        target = reference.get("refid") or (uri[len(prefix):] if uri.startswith(prefix) else None)
        if target:
            first.setdefault(target, reference)
    for figure in list(chapter.findall(nodes.figure)):
        cited = next((first[i] for i in figure["ids"] if i in first), None)
        if cited is None:
            continue
        block = _top_block(cited)
        if order[id(block)] >= order[id(figure)] or figure in block.findall(nodes.figure):
            continue
        figure.parent.remove(figure)
        block.parent.insert(block.parent.index(block) + 1, figure)


def back_matter_pages(env) -> list[str]:
    """The pages of the book's unnumbered toctrees (jupyter-book's parts), in order."""
    root = env.get_doctree(env.config.root_doc)
    pages = []
    for toctree in root.findall(addnodes.toctree):
        if not toctree.get("numbered"):
            pages.extend(ref for _, ref in toctree["entries"])
    return pages


class ReportLayout(SphinxPostTransform):
    # After Sphinx gathers the citations at the end (BibliographyTransform, 750).
    default_priority = 760
    formats = ("latex",)

    def run(self, **kwargs) -> None:
        for table in list(self.document.findall(nodes.table)):
            _set_widths(table)
            if "longtable" not in table["classes"]:
                table["classes"].append("longtable")
        files = {node["docname"]: node for node in self.document.findall(addnodes.start_of_file)}
        for chapter in files.values():
            anchor_figures_at_first_reference(chapter)
        keep_headings_with_their_boxes(self.document)
        back = [page for page in back_matter_pages(self.env) if page in files]
        if back:
            first = files[back[0]]
            first.parent.insert(first.parent.index(first), nodes.raw("", BACK_MATTER, format="latex"))
        bibliographies = list(self.document.findall(thebibliography))
        if bibliographies and SOURCES_PAGE in files:
            sections = list(files[SOURCES_PAGE].findall(nodes.section))
            if sections:
                for bibliography in bibliographies:
                    bibliography.parent.remove(bibliography)
                    sections[0] += bibliography


# Sphinx's page style for books (sphinxlatexstylepage.sty), with the short title in the head.
RUNNING_HEAD = r"""
% ---- the running head: the short title and the version, on one line
\makeatletter
\fancypagestyle{normal}{
  \fancyhf{}
  \fancyfoot[R]{{\py@HeaderFamily\thepage}}
  \fancyfoot[L]{{\py@HeaderFamily\nouppercase{\rightmark}}}
  \fancyhead[R]{{\py@HeaderFamily RUNNING_TITLE\sphinxheadercomma\py@release}}
  \renewcommand{\headrulewidth}{0.4pt}
  \renewcommand{\footrulewidth}{0.4pt}
}
\makeatother
"""


def running_title(title: str) -> str:
    """The book's title up to its first comma ("Anti-US axis? The KADIZ flights ... of May 2022"), for the head."""
    return title.split(",", 1)[0].strip()


def _add_preamble(app, config) -> None:
    texescape.init()  # the LaTeX builder sets up its escapes only after the configuration is read
    # Jupyter Book gives the book's title to Sphinx as html_title (the LaTeX title page takes it from there too).
    head = RUNNING_HEAD.replace("RUNNING_TITLE", texescape.escape(running_title(config.html_title)))
    config.latex_elements = {**config.latex_elements,
                             "preamble": config.latex_elements.get("preamble", "")
                             + PREAMBLE.replace("BOX_LINES", str(BOX_LINES)) + head}


def setup(app):
    app.connect("config-inited", _add_preamble)
    app.add_post_transform(ReportLayout)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
