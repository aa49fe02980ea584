"""What reading one upload may cost: bytes, expanded bytes, cells, rows, spans, pages, time, memory.

One validated settings object (pdfplumber's ``TableSettings``), read once from the
environment (``JIXIAO_LIMIT_<FIELD>``, e.g. ``JIXIAO_LIMIT_EXPANDED_MB=64``). Sources enforce
it while they read (``Budget``), the worker pool enforces time and memory, the web app the
body size; the upload page shows it.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, fields, replace
from functools import lru_cache

from jixiao.sources.sheet import UnreadableInput

MB = 1024 * 1024


@dataclass(frozen=True, slots=True)
class Limits:
    """Bounds on one upload; every field > 0."""

    upload_mb: float = 20            # one file
    request_mb: float = 64           # one request body, chunked or not (a batch of files)
    expanded_mb: float = 64          # an archive's bytes once inflated (DOCX, XLSX), counted while inflating
    archive_members: int = 5_000     # files inside one archive
    text_chars: int = 16_000_000     # all the text of one document
    cell_chars: int = 100_000        # one cell or paragraph
    rows: int = 200_000              # lines of one document
    cells: int = 2_000_000           # cells of one document
    span: int = 1_000                # one rowspan or colspan
    pages: int = 2_000               # pages of one PDF
    parse_seconds: float = 120       # reading, scoring and checking one file
    parse_memory_mb: float = 2_048   # address space of a reading worker
    workers: int = 2                 # reading worker processes of the web app
    login_failures_account: int = 5  # failed logins of one account within the window, then a wait
    login_failures_address: int = 20  # failed logins from one address within the window
    login_window_seconds: float = 900
    login_hashing: int = 2           # password checks at once (argon2 takes 64 MB each)
    session_days: float = 14         # a browser session
    token_days: float = 90           # an API token, unless given otherwise
    export_rows_public: int = 5_000  # rows of one CSV export for a visitor not logged in

    def __post_init__(self) -> None:
        for f in fields(self):
            if not getattr(self, f.name) > 0:
                raise ValueError(f"limit {f.name} must be > 0")

    @property
    def upload_bytes(self) -> int:
        return int(self.upload_mb * MB)

    @property
    def request_bytes(self) -> int:
        return int(self.request_mb * MB)

    @property
    def expanded_bytes(self) -> int:
        return int(self.expanded_mb * MB)

    @property
    def parse_memory_bytes(self) -> int:
        return int(self.parse_memory_mb * MB)

    def described(self) -> tuple[tuple[str, str], ...]:
        """The limits in Chinese, for the upload page."""
        return (("单个文件", f"{self.upload_mb:g} MB"), ("一次上传合计", f"{self.request_mb:g} MB"),
                ("压缩文档解压后", f"{self.expanded_mb:g} MB"), ("文字", f"{self.text_chars:,} 字"),
                ("单元格或段落", f"{self.cell_chars:,} 字"), ("行数", f"{self.rows:,}"),
                ("单元格数", f"{self.cells:,}"), ("合并单元格跨度", f"{self.span:,}"),
                ("PDF 页数", f"{self.pages:,}"), ("读取时间", f"{self.parse_seconds:g} 秒"),
                ("读取内存", f"{self.parse_memory_mb:g} MB"))


def from_env(environ: dict[str, str] | None = None) -> Limits:
    """``Limits`` with the ``JIXIAO_LIMIT_*`` values (and the older ``JIXIAO_MAX_UPLOAD_MB``)."""
    env = os.environ if environ is None else environ
    values: dict[str, float | int] = {}
    if env.get("JIXIAO_MAX_UPLOAD_MB"):
        values["upload_mb"] = float(env["JIXIAO_MAX_UPLOAD_MB"])
    for f in fields(Limits):
        raw = env.get(f"JIXIAO_LIMIT_{f.name.upper()}")
        if raw:
            try:
                values[f.name] = int(raw) if f.type == "int" else float(raw)
            except ValueError:
                raise ValueError(f"JIXIAO_LIMIT_{f.name.upper()} 须为数字（must be a number）: {raw!r}") from None
    return replace(Limits(), **values)  # type: ignore[arg-type]


@lru_cache(maxsize=1)
def current() -> Limits:
    """The limits of this process (read once)."""
    return from_env()


class TooComplex(UnreadableInput):
    """A document over one of the limits: refused, not read."""


class Budget:
    """Counts what a source has produced so far and refuses the document past a limit.

    Called while reading, row by row, so that nothing past the limit is ever built.
    """

    __slots__ = ("limits", "rows", "cells", "chars")

    def __init__(self, limits: Limits | None = None) -> None:
        self.limits = limits or current()
        self.rows = self.cells = self.chars = 0

    def row(self, cells: list[str]) -> None:
        lim = self.limits
        self.rows += 1
        self.cells += len(cells)
        for cell in cells:
            n = len(cell)
            if n > lim.cell_chars:
                raise TooComplex(f"单元格或段落过长（超过 {lim.cell_chars:,} 字），拒绝读取",
                                 f"a cell or paragraph is over {lim.cell_chars} characters, refused")
            self.chars += n
        if self.rows > lim.rows:
            raise TooComplex(f"行数过多（超过 {lim.rows:,} 行），拒绝读取", f"over {lim.rows} rows, refused")
        if self.cells > lim.cells:
            raise TooComplex(f"单元格过多（超过 {lim.cells:,} 个），拒绝读取", f"over {lim.cells} cells, refused")
        if self.chars > lim.text_chars:
            raise TooComplex(f"文字过多（超过 {lim.text_chars:,} 字），拒绝读取",
                             f"over {lim.text_chars} characters, refused")

    def span(self, value: int) -> int:
        """A rowspan or colspan within the limit (a larger one is a typo or an attack)."""
        return max(1, min(value, self.limits.span))
