"""The PDF as a report: back matter without chapter numbers, the list of sources on its own page, tables and
exercise boxes set for print.

* The pages of the unnumbered part of the book (the reference pages: rubric, glossary, sources, how to cite) are
  back matter: they print as chapters without numbers, as they show on the site.
  Their tables and figures are numbered on from 1, as the site numbers them ("Table 2"), not on from the last
  chapter's ("Table 7.5").
* Sphinx gathers every citation of the PDF into one bibliography at the end, under a chapter of its own, which
  left the "Sources" chapter with its introduction only. The list is put back at the end of the Sources chapter,
  without a heading of its own.
* Tables are set ragged-right, in columns as wide as their words need, and a page break leaves no row of a table
  alone (_ext/print_tables.py).
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

import print_tables  # this folder is on the path of Sphinx's extensions

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
    """The printed lines of a paragraph (the source's own line breaks are not the page's)."""
    return max(1, math.ceil(len(" ".join(text.split())) / print_tables.LINE))


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
                # Before the section's own link targets too: Sphinx labels the heading there, and a label left
                # before the page break would point at the page before.
                at = section.parent.index(section)
                while at and isinstance(section.parent[at - 1], nodes.target):
                    at -= 1
                section.parent.insert(at, nodes.raw("", f"\\Needspace*{{{room}\\baselineskip}}\n", format="latex"))
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
            print_tables.set_widths(table)
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


def _keep_table_rows(app) -> None:
    # Registered for the PDF's build only: pydata-sphinx-theme gives the site its own HTML translator (which wraps
    # each table in a box that scrolls sideways) only when no extension has registered a translator of any kind.
    if app.builder.format == "latex":
        app.set_translator(app.builder.name, print_tables.TableRowsTranslator, override=True)


def setup(app):
    app.connect("config-inited", _add_preamble)
    app.connect("builder-inited", _keep_table_rows)
    app.add_post_transform(ReportLayout)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
