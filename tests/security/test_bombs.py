"""Decompression bombs, lying archive headers, span bombs, page bombs: refused while reading,
with a Chinese message, in bounded memory; through the upload they are a 400, never a 500."""

from __future__ import annotations

import re
import resource
from collections.abc import Iterator
from typing import Any

import pytest

from jixiao.limits import current
from jixiao.pipeline import run_bytes
from tests.security import bombs
from tests.web.web_fixtures import bearer

CHINESE = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture
def small_limits(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Limits read from the environment, small enough to be crossed cheaply in a test."""
    monkeypatch.setenv("JIXIAO_LIMIT_EXPANDED_MB", "4")
    monkeypatch.setenv("JIXIAO_LIMIT_PAGES", "3")
    monkeypatch.setenv("JIXIAO_LIMIT_CELL_CHARS", "20000")
    current.cache_clear()
    yield
    current.cache_clear()


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def test_xlsx_shared_string_bomb_refused_by_inflated_bytes() -> None:
    """The issue's bomb: a ~100 KB file whose one shared string is 80 MB, shown by 1 000 cells."""
    bomb = bombs.xlsx_shared_string(80 * 1024 * 1024)
    assert len(bomb) < 300_000
    before = _peak_mb()
    result = run_bytes("bomb.xlsx", bomb)
    assert result.unreadable is not None
    assert "解压后超过" in result.unreadable.zh
    assert _peak_mb() - before < 200        # nothing near 80 MB × 1 000 was ever built


def test_xlsx_lying_header_is_refused_while_inflating() -> None:
    """Sizes declared as 100 bytes pass a check that adds up the headers; reading the members
    does not: inflating stops at the declared size and the checksum refuses the member."""
    liar = bombs.lying_sizes(bombs.xlsx_shared_string(80 * 1024 * 1024))
    before = _peak_mb()
    result = run_bytes("liar.xlsx", liar)
    assert result.unreadable is not None
    assert "解压后超过" in result.unreadable.zh or "已损坏" in result.unreadable.zh
    assert _peak_mb() - before < 200


def test_xlsx_long_shared_string_under_the_archive_limit_refused_per_cell(small_limits: None) -> None:
    """Under the inflated-bytes limit, the string shown by every cell is still bounded."""
    result = run_bytes("wide.xlsx", bombs.xlsx_shared_string(1_000_000, uses=200))
    assert result.unreadable is not None and "单元格或段落过长" in result.unreadable.zh


def test_docx_paragraph_bomb_refused() -> None:
    bomb = bombs.docx_paragraphs(1_500_000)    # ~90 MB of paragraphs in well under 1 MB
    assert len(bomb) < 1_000_000
    result = run_bytes("bomb.docx", bomb)
    assert result.unreadable is not None and "解压后超过" in result.unreadable.zh


def test_docx_under_the_limit_still_reads(small_limits: None) -> None:
    result = run_bytes("small.docx", bombs.docx_paragraphs(10))
    assert result.unreadable is None


def test_html_span_bomb_is_bounded() -> None:
    """rowspan=999999999 is clamped to the span limit, and the cells it makes to the cell limit."""
    result = run_bytes("spans.html", bombs.html_spans())
    lim = current()
    if result.unreadable is None:
        assert result.document.table_count == 0
    else:
        assert CHINESE.search(result.unreadable.zh)
    from jixiao.sources.registry import load

    try:
        sheet = load("spans.html", bombs.html_spans(300))
    except Exception as exc:   # refused by the limits: its message says which
        assert "过多" in str(exc)
    else:
        assert max(len(line.cells) for line in sheet.lines) <= 30 * lim.span
        assert sum(len(line.cells) for line in sheet.lines) <= lim.cells


def test_pdf_over_the_page_limit_refused(small_limits: None) -> None:
    result = run_bytes("many.pdf", bombs.pdf(pages=5))
    assert result.unreadable is not None and "页数过多" in result.unreadable.zh
    assert run_bytes("few.pdf", bombs.pdf(pages=2)).unreadable is None or \
        "页数过多" not in (run_bytes("few.pdf", bombs.pdf(pages=2)).unreadable.zh)   # type: ignore[union-attr]


def test_pdf_without_mediabox_is_a_message_not_a_crash() -> None:
    result = run_bytes("nobox.pdf", bombs.pdf(mediabox=False))
    assert result.unreadable is None or CHINESE.search(result.unreadable.zh)


@pytest.mark.parametrize("name, make", [
    ("bomb.xlsx", lambda: bombs.xlsx_shared_string(80 * 1024 * 1024)),
    ("bomb.docx", lambda: bombs.docx_paragraphs(1_500_000)),
    ("nobox.pdf", lambda: bombs.pdf(mediabox=False)),
])
def test_bomb_upload_is_400_with_a_message(client: Any, users: dict[str, str], name: str, make: Any) -> None:
    r = client.post("/api/documents", files={"file": (name, make())}, headers=bearer(users["admin"]))
    assert r.status_code == 400, r.text
    assert CHINESE.search(r.json()["error"]["message"])
    assert client.get("/api/documents").json()["total"] == 0
