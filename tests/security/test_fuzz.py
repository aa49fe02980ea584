"""Broken files of every format: every reader's failure is this file's message, never an exception."""

from __future__ import annotations

import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jixiao.pipeline import run_bytes
from tests.security import bombs
from tests.web.web_fixtures import make_doc

SEEDS = {
    "a.pdf": bombs.pdf(pages=2),
    "a.docx": bombs.docx_paragraphs(5),
    "a.xlsx": bombs.xlsx_shared_string(10, uses=3),
    "a.html": "<html><body><table><tr><td rowspan=2>项目名称</td><td>某项目</td></tr></table></body></html>".encode(),
    "a.txt": make_doc(),
}
CHINESE = re.compile(r"[\u4e00-\u9fff]")


@st.composite
def broken(draw: st.DrawFn) -> tuple[str, bytes]:
    name = draw(st.sampled_from(sorted(SEEDS)))
    data = bytearray(SEEDS[name])
    for _ in range(draw(st.integers(1, 6))):
        kind = draw(st.sampled_from(["flip", "cut", "insert", "delete"]))
        at = draw(st.integers(0, max(0, len(data) - 1)))
        if kind == "flip" and data:
            data[at] ^= draw(st.integers(1, 255))
        elif kind == "cut":
            del data[at:]
        elif kind == "insert":
            data[at:at] = draw(st.binary(min_size=1, max_size=64))
        elif kind == "delete":
            del data[at:at + draw(st.integers(1, 256))]
    return name, bytes(data)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(broken())
def test_broken_files_are_a_message_never_an_exception(case: tuple[str, bytes]) -> None:
    name, data = case
    result = run_bytes(name, data)
    if result.unreadable is not None:
        assert CHINESE.search(result.unreadable.zh)
