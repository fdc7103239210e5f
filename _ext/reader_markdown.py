"""A chapter's resolved page (its Sphinx doctree) written back as the Markdown a notebook shows.

The site's page is made from the chapter's MyST: glue values pasted in, cross-references numbered, citations
and glossary terms resolved, solutions kept or dropped for the edition. Jupyter understands none of MyST's roles
and directives, so the reader's notebook (``_ext/reader_notebooks.py``) takes its prose from the page as Sphinx
resolved it, not from the source: the numbers, "Fig. 2.1", "[Salmon, 2022]" and "Exercise 2.1" are the ones the
site prints, because they are the same nodes.

Each block remembers the notebook cell it came from: MyST-NB gives the nodes of cell ``i`` line numbers from
``(i + 1) * 10000`` on (myst_nb.core.nb_to_tokens), so the prose goes back into the cell it was written in.

Every piece of text is written so that JupyterLab shows it literally (``escape``): text from the data may hold
Markdown, HTML, braces or dollar signs.
"""

from __future__ import annotations

import dataclasses
import re
from typing import Callable

from docutils import nodes

# MyST-NB numbers the lines of a notebook's cell i from (i + 1) * LINES_PER_CELL.
LINES_PER_CELL = 10000
# Characters Markdown or JupyterLab would act on, each written so that it reads as itself. Braces and dollar signs
# as HTML entities: a backslash-escaped brace still reads "{glue" to a search, and JupyterLab's MathJax typesets
# the page after Markdown has run, so a "$" must reach it as "\$" (MathJax's own escape, processEscapes).
_ENTITIES = {"&": "&amp;", "<": "&lt;", ">": "&gt;", "{": "&#123;", "}": "&#125;", "$": "\\\\&#36;"}
_BACKSLASHED = set("\\`*_[]|~#!")
# At the start of a paragraph these would open a heading, a list or a quote.
_OPENS_BLOCK = re.compile(r"^(\s*)([-+=]|\d+)([.)]?)")
# Pages' nodes that hold nothing a reader reads in a notebook (targets, index entries, the chart's HTML).
_SILENT = (nodes.target, nodes.comment, nodes.raw, nodes.substitution_definition, nodes.system_message,
           nodes.image, nodes.Invisible)


def escape(text: str) -> str:
    """Text as Markdown that JupyterLab shows exactly as written (whitespace collapsed to spaces)."""
    out = []
    for char in re.sub(r"\s+", " ", text):
        if char in _ENTITIES:
            out.append(_ENTITIES[char])
        elif char in _BACKSLASHED:
            out.append("\\" + char)
        else:
            out.append(char)
    return "".join(out)


@dataclasses.dataclass
class Block:
    """One block of Markdown (a paragraph, a heading, a list, a box, a table, a figure) and its source cell."""

    cell: int | None
    markdown: str
    figure: str | None = None


@dataclasses.dataclass
class Page:
    """How the page's numbered things and figures are written; the extension fills these from Sphinx's env.

    `number(node)` is the number Sphinx gave a figure, table or exercise ("2.1"), or None; `label(kind)` the words
    before it ("Fig. %s"); `figure(name)` the Markdown that shows the figure's chart (an image), or "".
    """

    number: Callable[[nodes.Element], str | None]
    label: Callable[[str], str]
    figure: Callable[[str], str] = lambda name: ""


def cell_of(node: nodes.Node) -> int | None:
    """The notebook cell a node was written in, from its line number (or its first descendant's)."""
    for each in node.findall(include_self=True):
        line = getattr(each, "line", None)
        if isinstance(line, int) and line >= LINES_PER_CELL:
            return line // LINES_PER_CELL - 1
    return None


def blocks(doctree: nodes.document, page: Page) -> list[Block]:
    """The page's prose as Markdown blocks, in order, each with the cell it came from."""
    out: list[Block] = []
    cell = None
    for node, markdown, figure in _Writer(page).blocks(doctree, depth=0):
        found = cell_of(node)
        cell = found if found is not None else cell
        if markdown.strip():
            out.append(Block(cell, markdown.strip("\n"), figure))
    return out


def cells_markdown(found: list[Block]) -> dict[int, str]:
    """The blocks joined per source cell: {cell index: Markdown}."""
    joined: dict[int, list[str]] = {}
    for block in found:
        joined.setdefault(block.cell, []).append(block.markdown)
    return {cell: "\n\n".join(parts) for cell, parts in joined.items()}


class _Writer:
    def __init__(self, page: Page):
        self.page = page

    # ------------------------------------------------------------------ blocks
    def blocks(self, node: nodes.Node, depth: int):
        """(node, markdown, figure name) for each block under `node`."""
        for child in node.children:
            yield from self.block(child, depth)

    def block(self, node: nodes.Node, depth: int):
        if isinstance(node, _SILENT) or isinstance(node, nodes.container) and node.get("nb_element") == "cell_code":
            return  # a code cell comes from the notebook itself, with its outputs
        if isinstance(node, nodes.section):
            title = node.next_node(nodes.title)
            if title is not None and title.parent is node:
                yield title, f"{'#' * min(depth + 1, 6)} {self.inline(title)}", None
            for child in node.children:
                if child is not title:
                    yield from self.block(child, depth + 1)
        elif isinstance(node, nodes.figure):
            yield node, self.figure(node), (node["ids"] or [None])[0]
        elif isinstance(node, (nodes.paragraph, nodes.table, nodes.Admonition, nodes.Sequential, nodes.literal_block,
                               nodes.block_quote, nodes.math_block, nodes.definition_list, nodes.rubric,
                               nodes.transition, nodes.field_list, nodes.line_block)):
            yield node, self.markdown(node), None
        elif isinstance(node, nodes.Element):
            yield from self.blocks(node, depth)

    def markdown(self, node: nodes.Node) -> str:
        """A block as Markdown, whatever it holds."""
        if isinstance(node, nodes.paragraph):
            text = re.sub(" {2,}", " ", self.inline(node)).strip()
            return _OPENS_BLOCK.sub(_unopened, text, count=1)
        if isinstance(node, nodes.table):
            return self.table(node)
        if isinstance(node, nodes.Admonition):
            return self.box(node)
        if isinstance(node, nodes.bullet_list):
            return "\n".join(self.item(item, "- ") for item in node.children)
        if isinstance(node, nodes.enumerated_list):
            return "\n".join(self.item(item, f"{n}. ") for n, item in enumerate(node.children, node.get("start", 1)))
        if isinstance(node, nodes.literal_block):
            fence = "`" * max(3, *(len(r) + 1 for r in re.findall(r"`+", node.astext())))
            return f"{fence}{node.get('language', '')}\n{node.astext()}\n{fence}"
        if isinstance(node, nodes.math_block):
            return f"$$\n{node.astext()}\n$$"
        if isinstance(node, nodes.block_quote):
            return _quoted(self.children_markdown(node))
        if isinstance(node, nodes.definition_list):
            return "\n\n".join(f"**{self.inline(item.next_node(nodes.term))}**  \n"
                               + self.children_markdown(item.next_node(nodes.definition)) for item in node.children)
        if isinstance(node, nodes.rubric):
            return f"**{self.inline(node)}**"
        if isinstance(node, nodes.transition):
            return "---"
        return self.children_markdown(node)

    def children_markdown(self, node: nodes.Node) -> str:
        return "\n\n".join(m for _, m, _ in self.blocks(node, depth=6) if m.strip())

    def item(self, item: nodes.Node, marker: str) -> str:
        text = self.children_markdown(item)
        pad = " " * len(marker)
        return marker + "\n".join((pad + line) if i and line else line for i, line in enumerate(text.split("\n")))

    def box(self, node: nodes.Element) -> str:
        """An admonition, exercise or solution as a quoted block under its bold title."""
        title = next((c for c in node.children if isinstance(c, nodes.title)), None)
        heading = self.inline(title).strip() if title is not None else ""
        number = self.page.number(node)
        if number is not None:
            pattern = title.get("title") if title is not None and title.get("title") else self.page.label("exercise")
            heading = (pattern % number + (f": {heading}" if heading else "")).strip()
        if not heading:
            heading = next((c for c in node["classes"] if c not in ("admonition", "dropdown")), "Note").title()
        body = "\n\n".join(m for c in node.children if c is not title for _, m, _ in self.block(c, 6) if m.strip())
        return _quoted(f"**{heading}**\n\n{body}")

    def caption(self, node: nodes.Element, kind: str, caption: nodes.Node | None) -> str:
        number = self.page.number(node)
        words = self.inline(caption).strip() if caption is not None else ""
        prefix = f"**{self.page.label(kind) % number}** " if number is not None else ""
        return (prefix + words).strip()

    def table(self, node: nodes.table) -> str:
        title = next((c for c in node.children if isinstance(c, nodes.title)), None)
        group = node.next_node(nodes.tgroup)
        head = [self.row(r) for r in group.findall(nodes.row) if isinstance(r.parent, nodes.thead)]
        body = [self.row(r) for r in group.findall(nodes.row) if isinstance(r.parent, nodes.tbody)]
        width = max(len(r) for r in head + body)
        head = head[:1] or [[""] * width]
        lines = ["| " + " | ".join(r) + " |" for r in (head[0], ["---"] * width, *body)]
        caption = self.caption(node, "table", title)
        return (caption + "\n\n" if caption else "") + "\n".join(lines)

    def row(self, row: nodes.row) -> list[str]:
        # A cell of a pipe table is one line; a pipe inside it is escaped by escape().
        return [re.sub(" {2,}", " ", " ".join(self.inline(p) for p in entry.children)).strip() or " "
                for entry in row.children]

    def figure(self, node: nodes.figure) -> str:
        caption = node.next_node(nodes.caption)
        legend = node.next_node(nodes.legend)
        parts = [self.page.figure((node["ids"] or [""])[0]), self.caption(node, "figure", caption)]
        if legend is not None:
            parts.append(self.children_markdown(legend))
        return "\n\n".join(p for p in parts if p)

    # ------------------------------------------------------------------ inline
    def inline(self, node: nodes.Node | None) -> str:
        if node is None:
            return ""
        if isinstance(node, nodes.Text):
            return escape(node.astext())
        if isinstance(node, _SILENT) or isinstance(node, nodes.footnote):
            return ""
        if isinstance(node, nodes.literal):
            return _code(node.astext())
        if isinstance(node, nodes.math):
            return f"${node.astext()}$"
        inner = "".join(self.inline(c) for c in node.children)
        if isinstance(node, nodes.emphasis):
            return _wrap(inner, "*")
        if isinstance(node, nodes.strong):
            return _wrap(inner, "**")
        if isinstance(node, nodes.reference) and re.match(r"(https?|mailto):", node.get("refuri", "")):
            return f"[{inner}](<{node['refuri'].replace('<', '%3C').replace('>', '%3E')}>)"
        return inner


def _unopened(match: re.Match) -> str:
    # "- x" or "1950. x" at a paragraph's start would open a list: the mark is escaped ("1950\. x").
    space, mark, stop = match.groups()
    if mark.isdigit():
        return space + mark + ("\\" + stop if stop else "")
    return space + "\\" + mark + stop


def _wrap(inner: str, mark: str) -> str:
    # Emphasis must hug its words: "* word*" is not emphasis in Markdown.
    stripped = inner.strip()
    if not stripped:
        return inner
    lead, trail = inner[: len(inner) - len(inner.lstrip())], inner[len(inner.rstrip()):]
    return f"{lead}{mark}{stripped}{mark}{trail}"


def _code(text: str) -> str:
    text = " ".join(text.split())
    ticks = "`" * (max((len(r) for r in re.findall(r"`+", text)), default=0) + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{ticks}{pad}{text}{pad}{ticks}"


def _quoted(markdown: str) -> str:
    return "\n".join(f"> {line}" if line else ">" for line in markdown.split("\n"))
