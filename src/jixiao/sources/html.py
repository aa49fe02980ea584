"""HTML (a web page of a 公开 document, or a table saved as HTML): lines of cells.

Each ``<tr>`` becomes one line of real cells on the table's grid, as every source gives
them: a merged cell (``colspan``, ``rowspan``) is printed in its first grid cell and the
cells it covers stand empty, so every cell keeps its column. Text outside tables becomes one
line per block (paragraph, heading, ``<br>``). Scripts, styles, comments and hidden
elements are dropped, never run or kept. A blank line follows each table, as one
follows a table (or the page a table breaks at) in text extracted from a PDF.

A row whose cells hold a table is a layout row (pages laid out with tables): its cells
are read as blocks, so the inner tables keep their own rows. Line numbers count the
sheet's lines (one per row or block), not the lines of the markup.
"""

from __future__ import annotations

import re
from typing import Any

from jixiao.limits import Budget
from jixiao.sources.sheet import Sheet, UnreadableInput, sheet_from_rows

NAME = "html"
LABEL = "网页"        # what the upload page calls it
SUFFIXES = (".html", ".htm", ".xhtml", ".shtml")

# A document that opens as HTML: doctype, <html>, or (pages saved in pieces, and the
# ``.xls`` files portals export, which are HTML tables) <head>, <body>, <meta>, <table>.
_LEADING = re.compile(rb"^(?:\xef\xbb\xbf)?\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*"
                      rb"<(?:!doctype\s+html|html|head|body|meta|table)\b", re.IGNORECASE | re.DOTALL)
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([-\w.:]+)""", re.IGNORECASE)
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>")
_SPACE = re.compile(r"[ \t\r\n\f\v\u00a0]+")
# Elements whose content is not text a reader of the page sees.
_DROP = frozenset({"script", "style", "noscript", "template", "head", "title", "meta", "link",
                   "object", "embed", "iframe", "svg", "math", "canvas", "select", "button"})
# Elements that start a line of their own (everything else flows inline).
_BLOCKS = frozenset({
    "address", "article", "aside", "blockquote", "body", "center", "dd", "details", "dialog",
    "dir", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2",
    "h3", "h4", "h5", "h6", "header", "hgroup", "hr", "html", "li", "main", "menu", "nav", "ol",
    "p", "pre", "section", "summary", "ul", "caption", "table", "tr", "td", "th", "tbody",
    "thead", "tfoot", "legend", "option",
})
_MAX_DEPTH = 200          # deeper nesting is read as plain text (no recursion blow-up)
_MAX_ROWSPAN = 1000       # spans beyond these are typos or attacks, not tables
_MAX_COLSPAN = 100

Element = Any             # lxml.html.HtmlElement (lxml ships no type information)


def identify(name: str, head: bytes) -> float:
    if name.lower().endswith(SUFFIXES):
        return 1.0
    # HTML saved under another name (``.txt`` copies of web pages): sure only when the
    # file opens as an HTML document, so text that merely mentions ``<p>`` stays text.
    return 0.95 if _LEADING.match(head[:4096]) else 0.0


def decode(data: bytes) -> tuple[str, str]:
    """The page's text: BOM, then the declared ``charset``, then UTF-8, then GB18030."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace"), "utf-8"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace"), "utf-16"
    declared = _CHARSET.search(data[:8192])
    candidates = []
    if declared:
        name = declared.group(1).decode("ascii", errors="ignore").lower()
        # GB2312 and GBK pages routinely hold characters beyond their charset.
        candidates.append("gb18030" if name in ("gb2312", "gbk", "gb_2312-80", "x-gbk", "cp936") else name)
    candidates += ["utf-8", "gb18030"]
    for encoding in candidates:
        try:
            return data.decode(encoding), encoding
        except (UnicodeDecodeError, LookupError):
            continue
    return data.decode("utf-8", errors="replace"), "utf-8"


def _clean(text: str) -> str:
    return _SPACE.sub(" ", text).strip()


def _hidden(element: Element) -> bool:
    get = element.get
    if get("hidden") is not None or (get("aria-hidden") or "").lower() == "true":
        return True
    style = (get("style") or "").replace(" ", "").lower()
    return "display:none" in style or "visibility:hidden" in style


def _span(element: Element, attribute: str, most: int) -> int:
    m = re.match(r"\s*(\d{1,9})", element.get(attribute) or "")
    return max(1, min(int(m.group(1)) if m else 1, most))


class _Walker:
    """Turns the parsed tree into rows of cells, in document order."""

    def __init__(self) -> None:
        self.rows: list[list[str]] = []
        self.budget = Budget()         # bounds rows, cells and text while they are built
        self.text: list[str] = []          # inline text of the line being built

    # -- text outside tables ----------------------------------------------------------

    def flush(self) -> None:
        line = _clean("".join(self.text))
        self.text = []
        if line:
            self.rows.append([line])
            self.budget.row(self.rows[-1])

    def walk(self, element: Element, depth: int = 0) -> None:
        tag = _tag(element)
        if tag is None:       # a comment or processing instruction
            self.text.append(element.tail or "")
            return
        if tag in _DROP or _hidden(element):
            self.text.append(element.tail or "")
            return
        if depth > _MAX_DEPTH:
            self.text.append(" ".join(_texts(element)))
            self.text.append(element.tail or "")
            return
        if tag == "table":
            self.flush()
            self.table(element, depth)
        elif tag == "br":
            self.flush()
        elif tag == "pre":
            self.flush()
            for part in "".join(_texts(element)).split("\n"):
                if part.strip():
                    self.rows.append([_clean(part)])
                    self.budget.row(self.rows[-1])
        else:
            block = tag in _BLOCKS
            if block:
                self.flush()
            self.text.append(element.text or "")
            for child in element:
                self.walk(child, depth + 1)
            if block:
                self.flush()
        self.text.append(element.tail or "")

    # -- tables -----------------------------------------------------------------------

    def table(self, table: Element, depth: int) -> None:
        for part in _own(table, {"caption"}):
            line = _clean(" ".join(_texts(part)))
            if line:
                self.rows.append([line])
        covered: dict[int, tuple[int, int]] = {}
        for tr in _rows(table):
            cells = [c for c in _own(tr, {"td", "th"}) if not _hidden(c)]
            if any(_has_table(c) for c in cells):
                self.layout_row(cells, depth)
                covered = {}
                continue
            out, covered = _grid_row(cells, covered, self.budget)
            self.budget.row(out)
            self.rows.append(out)
        # A blank line closes the table, as text extracted from a PDF leaves one where a
        # table (or a page of it) ends: readers take it for the break it is.
        if self.rows and any(self.rows[-1]):
            self.rows.append([""])

    def layout_row(self, cells: list[Element], depth: int) -> None:
        for cell in cells:
            self.flush()
            self.text.append(cell.text or "")
            for child in cell:
                self.walk(child, depth + 2)
            self.flush()


def _grid_row(cells: list[Element], covered: dict[int, tuple[int, int]], budget: Budget
              ) -> tuple[list[str], dict[int, tuple[int, int]]]:
    """One row's texts, and the grid columns its rowspans cover below.

    ``covered`` maps a grid column to (rows it is still covered, first column of the
    covering cell): the covering cell stands as one empty cell, at its first column.
    """
    out: list[str] = []
    below: dict[int, tuple[int, int]] = {}

    def skip_covered(col: int) -> int:
        while col in covered:
            left, first = covered[col]
            out.append("")
            if left > 1:
                below[col] = (left - 1, first)
            col += 1
        return col

    col = 0
    for cell in cells:
        col = skip_covered(col)
        out.append(_cell_text(cell))
        width = budget.span(_span(cell, "colspan", _MAX_COLSPAN))
        out.extend([""] * (width - 1))
        height = budget.span(_span(cell, "rowspan", _MAX_ROWSPAN))
        if height > 1:
            for c in range(col, col + width):
                below[c] = (height - 1, col)
        col += width
    for c in sorted(k for k in covered if k >= col):      # covered columns after the last cell
        if c >= col:
            col = skip_covered(c)
    return out, below


def _tag(element: Element) -> str | None:
    tag = getattr(element, "tag", None)
    if not isinstance(tag, str):
        return None
    return tag.rsplit("}", 1)[-1].lower()


def _own(parent: Element, tags: set[str]) -> list[Element]:
    return [c for c in parent if _tag(c) in tags]


def _rows(table: Element) -> list[Element]:
    """The table's own rows (through thead / tbody / tfoot), never a nested table's."""
    out: list[Element] = []
    for child in table:
        tag = _tag(child)
        if tag == "tr":
            out.append(child)
        elif tag in ("thead", "tbody", "tfoot"):
            out.extend(_own(child, {"tr"}))
    return out


def _has_table(cell: Element) -> bool:
    return any(_tag(e) == "table" for e in cell.iterdescendants())


def _texts(element: Element) -> list[str]:
    """Visible text of an element: dropped and hidden elements left out, ``<br>`` and
    blocks as line breaks."""
    out: list[str] = [element.text or ""]
    for child in element:
        tag = _tag(child)
        if tag is not None and not (tag in _DROP or _hidden(child)):
            if tag == "br" or tag in _BLOCKS:
                out.append("\n")
            out.extend(_texts(child))
            if tag in _BLOCKS:
                out.append("\n")
        out.append(child.tail or "")
    return out


def _cell_text(cell: Element) -> str:
    """A cell's text on one line: paragraphs and ``<br>`` joined by a space (as DOCX)."""
    return _clean("".join(_texts(cell)))


def load(name: str, data: bytes) -> Sheet:
    import lxml.html
    from lxml import etree

    text, encoding = decode(data)
    text = _XML_DECL.sub("", text, count=1)     # lxml refuses str with an encoding declaration
    parser = lxml.html.HTMLParser(remove_comments=True, remove_pis=True, no_network=True)
    try:
        root = lxml.html.document_fromstring(text, parser=parser)
    except (etree.ParserError, ValueError) as exc:
        raise UnreadableInput("无法解析 HTML 文档", f"cannot parse HTML: {exc}") from exc
    walker = _Walker()
    body = root.find("body")
    walker.walk(body if body is not None else root)
    walker.flush()
    if not any("".join(row).strip() for row in walker.rows):
        raise UnreadableInput("HTML 中没有可提取的文字", "no text in HTML")
    sheet = sheet_from_rows(name, walker.rows, "html")
    return Sheet(file=sheet.file, lines=sheet.lines, format="html", encoding=encoding)
