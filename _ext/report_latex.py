"""The PDF as a report: back matter without chapter numbers, the list of sources on its own page, tables and
exercise boxes set for print.

* The pages of the unnumbered part of the book (the reference pages: rubric, glossary, sources, how to cite) are
  back matter: they print as chapters without numbers, as they show on the site.
* Sphinx gathers every citation of the PDF into one bibliography at the end, under a chapter of its own, which
  left the "Sources" chapter with its introduction only. The list is put back at the end of the Sources chapter,
  without a heading of its own.
* Tables are set ragged-right, with no column narrower than a header word needs; exercise and solution boxes
  move whole to the next page when fewer than a dozen lines are left (LaTeX preamble below).
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from docutils import nodes
from sphinx import addnodes
from sphinx.builders.latex.nodes import thebibliography
from sphinx.transforms.post_transforms import SphinxPostTransform

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
% ---- exercise and solution boxes are not split when a page has little room left
\usepackage{needspace}
\AddToHook{env/sphinxadmonition/before}{\needspace{12\baselineskip}}
% ---- the list of sources sits in the Sources chapter: no chapter heading of its own
\makeatletter
\renewenvironment{sphinxthebibliography}[1]
  {\let\chapter\@gobbletwo\def\bibname{Sources}\begin{thebibliography}{#1}}
  {\end{thebibliography}}
\makeatother
"""


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
        files = {node["docname"]: node for node in self.document.findall(addnodes.start_of_file)}
        back = [page for page in back_matter_pages(self.env) if page in files]
        if back:
            first = files[back[0]]
            first.parent.insert(first.parent.index(first),
                                nodes.raw("", "\\setcounter{secnumdepth}{-1}\n", format="latex"))
        bibliographies = list(self.document.findall(thebibliography))
        if bibliographies and SOURCES_PAGE in files:
            sections = list(files[SOURCES_PAGE].findall(nodes.section))
            if sections:
                for bibliography in bibliographies:
                    bibliography.parent.remove(bibliography)
                    sections[0] += bibliography


def _add_preamble(app, config) -> None:
    config.latex_elements = {**config.latex_elements,
                             "preamble": config.latex_elements.get("preamble", "") + PREAMBLE}


def setup(app):
    app.connect("config-inited", _add_preamble)
    app.add_post_transform(ReportLayout)
    digest = hashlib.sha256(Path(__file__).read_bytes()).hexdigest()
    return {"env_version": int(digest[:8], 16), "parallel_read_safe": True, "parallel_write_safe": True}
