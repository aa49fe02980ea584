"""Plain text (text extracted from PDF/DOCX): UTF-8, UTF-16 with BOM, or GBK/GB18030.

Cells are tab-separated. A line printed as ``| a | b |`` (a Markdown table, or an HTML
table copied as text) has its cells split on ``|`` instead, and its text becomes the
tab-joined cells, so the readers see the same line either way; the ``|---|---|`` line
under a Markdown header is left out (it is no row of the printed table).

Page furniture left by the extractor between table rows is left out of the sheet: a line
that is only a page number (``- 3 -``, ``— 3 —``, ``第 3 页``, ``第 3 页 共 9 页``) becomes
the lines' ``page`` instead (a footer: it ends its page), and a running header — the same
line printed right after two or more page numbers, not a table's title (…表) — is left
out where it follows one, and so is a ``续表`` (table continued) line. The readers then see the rows as if the page had not broken;
every line kept keeps its own ``number``, so provenance still points into the file (the
numbers of a sheet's lines may skip). Form feeds (pdftotext starts each page with one)
are taken out of the text and number the pages instead.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from jixiao.sources import quoted
from jixiao.sources.sheet import Line, Sheet, UnreadableInput

NAME = "text"
LABEL = "文本"        # what the upload page calls it
SUFFIXES = (".txt", ".text", ".csv", ".tsv", ".md")
ENCODINGS = ("utf-8-sig", "gb18030")


def identify(name: str, head: bytes) -> float:
    if name.lower().endswith(SUFFIXES):
        return 0.9
    return 0.3 if looks_textual(head) else 0.0


def looks_textual(head: bytes) -> bool:
    """Binary files hold NUL bytes or many control characters; text does not."""
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return True
    if b"\x00" in head:
        return False
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13))
    return controls <= max(2, len(head) // 200)


def decode(data: bytes) -> tuple[str, str]:
    """Decode with the first encoding that fits; raise ``UnreadableInput`` when none does."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16"), "utf-16"
    if not looks_textual(data[:65536]):
        raise UnreadableInput("文件不是文本文件（含二进制内容）", "not a text file (binary content)")
    for encoding in ENCODINGS:
        try:
            return data.decode(encoding), encoding.replace("-sig", "")
        except UnicodeDecodeError:
            continue
    raise UnreadableInput("无法识别文件编码（既不是 UTF-8 也不是 GBK）", "unknown text encoding (neither UTF-8 nor GBK)")


_PIPE = re.compile(r"(?<!\\)\|")                     # a ``|`` not escaped as ``\|``
_SEPARATOR = re.compile(r"^\s*:?-+:?\s*$")             # ``---``, ``:---``, ``:---:``
_BREAK = re.compile(r"<br\s*/?>", re.IGNORECASE)       # line breaks inside a Markdown cell


def pipe_cells(raw: str) -> tuple[str, ...] | None:
    """Cells of a ``| a | b |`` line, ``()`` for a ``|---|---|`` separator, None for other lines."""
    s = raw.strip()
    if len(s) < 2 or not s.startswith("|") or not s.endswith("|") or s.endswith("\\|"):
        return None
    parts = [_BREAK.sub(" ", p.replace("\\|", "|")).replace("\t", " ").strip()
             for p in _PIPE.split(s[1:-1])]
    if all(_SEPARATOR.match(p) for p in parts):
        return ()
    return tuple(parts)


def _line(number: int, raw: str) -> Line | None:
    cells = pipe_cells(raw)
    if cells is None:
        return Line(number=number, text=raw, cells=tuple(raw.split("\t")))
    if not cells:
        return None           # a Markdown separator: no row of the printed table
    return Line(number=number, text="\t".join(cells), cells=cells)


_PAGE_NUMBER = re.compile(
    r"^(?:[-—–－─]+\s*(\d{1,4})\s*[-—–－─]+"                                   # - 3 -, — 3 —
    r"|第\s*(\d{1,4})\s*页(?:\s*[,，/、]?\s*共\s*\d{1,4}\s*页)?"               # 第 3 页 (共 9 页)
    r"|(?:page|p\.)\s*(\d{1,4})(?:\s*(?:of|/)\s*\d{1,4})?)$",                   # Page 3 of 9
    re.IGNORECASE)


def page_number(raw: str) -> int | None:
    """The number of a line that is only a page number, else None."""
    if "\t" in raw:
        return None
    m = _PAGE_NUMBER.match(raw.strip().replace("\u3000", " "))
    if m is None:
        return None
    return int(next(g for g in m.groups() if g is not None))


def _empty(line: Line) -> bool:
    """A blank line (a line holding a tab is an empty cell of one-cell-per-line tables)."""
    return not line.text.strip() and "\t" not in line.text


_CONTINUED = re.compile(r"^[（(]?\s*续\s*(?:上\s*)?表\s*\d*\s*[)）]?$")     # 续表, （续表）, 续上表


def _paginate(lines: list[Line]) -> list[Line]:
    """Leave out page numbers, running headers and 续表 lines; number the pages where the
    document does."""
    numbers = [page_number(line.text) for line in lines]
    marks = [i for i, n in enumerate(numbers) if n is not None]
    continued = [i for i, line in enumerate(lines)
                 if "\t" not in line.text and _CONTINUED.match(line.text.strip())]
    if not marks and not continued:
        return lines
    # The first printed line after each page number: a running header when it repeats.
    after: dict[int, str] = {}
    for i in marks:
        j = next((k for k in range(i + 1, min(i + 4, len(lines))) if not _empty(lines[k])), None)
        if j is not None and numbers[j] is None and "\t" not in lines[j].text \
                and "表" not in lines[j].text:        # a table's title at a page top is no furniture
            after[j] = lines[j].text.strip()
    counts = Counter(after.values())
    furniture = set(marks) | set(continued) | {j for j, text in after.items() if counts[text] >= 2}
    # A blank line on each side of a furniture line is its margin: it goes too (one-cell-
    # per-line tables end a row at a blank line, so a margin left would cut a row in two).
    # A blank on one side only is the document's own and stays.
    for i in sorted(furniture):
        above = next((k for k in range(i - 1, -1, -1) if k not in furniture), None)
        below = next((k for k in range(i + 1, len(lines)) if k not in furniture), None)
        if above is not None and below is not None and _empty(lines[above]) and _empty(lines[below]):
            furniture |= {above, below}
    out: list[Line] = []
    # A footer ends its page: the lines above the first one are on it.
    page = numbers[marks[0]] if marks else None
    for i, line in enumerate(lines):
        n = numbers[i]
        if n is not None:
            page = n + 1
        elif i not in furniture:
            out.append(Line(number=line.number, text=line.text, cells=line.cells, page=page))
    return out


_CHUNK = re.compile(r"^(\d{1,2})、")
_CHUNK_LENGTH = 200       # a document site cuts its text into pieces at least this long


def _chunks(lines: list[Line]) -> list[Line]:
    """A document site's text cut into numbered pieces (``1、…``, ``2、…`` on lines of their
    own, each piece stopping mid-word, even mid-number: ``…100%10`` | ``2、0%…``): one
    line again, the markers left out (they are furniture, LABELS.md)."""
    out: list[Line] = []
    i = 0
    while i < len(lines):
        run = _chunk_run(lines, i)
        if len(run) < 2:
            out.append(lines[i])
            i += 1
            continue
        text = "".join(_CHUNK.sub("", lines[k].text, count=1) for k in run)
        first = lines[run[0]]
        out.append(Line(number=first.number, text=text, cells=(text,), page=first.page))
        i = run[-1] + 1
    return out


def _chunk_run(lines: list[Line], start: int) -> list[int]:
    """The lines of the numbered pieces starting at ``start`` (1、, 2、 … in order, blank
    lines between allowed, every piece but the last a long one); [] where none starts."""
    run: list[int] = []
    k = start
    while k < len(lines):
        m = _CHUNK.match(lines[k].text)
        if m is None or "\t" in lines[k].text or int(m.group(1)) != len(run) + 1:
            break
        run.append(k)
        if len(lines[k].text) < _CHUNK_LENGTH:
            break                                      # a short piece is the last
        k += 1
        while k < len(lines) and _empty(lines[k]):
            k += 1
    return run


def _form_feeds(raws: list[str]) -> list[int | None] | None:
    """Pages from form feeds (pdftotext starts each page with one), None without any."""
    if not any("\f" in raw for raw in raws):
        return None
    pages: list[int | None] = []
    page = 1
    for raw in raws:
        page += raw.count("\f")
        pages.append(page)
    return pages


def load(name: str, data: bytes) -> Sheet:
    text, encoding = decode(data)
    raws = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    pages = _form_feeds(raws)
    read: Iterable[Line | None] = (_line(i, raw.replace("\f", "")) for i, raw in enumerate(raws, start=1))
    if quoted.is_dump(raws):               # "a","b","c": a spreadsheet dumped as quoted cells
        before, rows = quoted.dump_lines(raws)
        read = [_line(i, raw) for i, raw in before] + list(rows)
    lines = _paginate(_chunks([line for line in read if line is not None]))
    if pages is not None:
        lines = [Line(number=x.number, text=x.text, cells=x.cells, page=pages[x.number - 1]) for x in lines]
    return Sheet(file=name, lines=tuple(lines), format="text", encoding=encoding)
