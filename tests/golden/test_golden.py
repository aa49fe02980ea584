"""Expected output beside each sample input (beangulp's regression tests).

For every file in ``examples/`` (the bundled examples) and in ``tests/golden/inputs/``
(small inputs for the other sources: HTML, Markdown rows, page furniture), the interchange
JSON the pipeline extracts is kept in ``tests/golden/<file name>.json``; this test compares.
After a change that is meant to alter the output, rewrite the files and review the diff:

    JIXIAO_UPDATE_GOLDEN=1 pytest tests/golden
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from jixiao.pipeline import read_document
from jixiao.render.interchange import to_interchange

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
INPUTS = sorted([p for p in (ROOT / "examples").iterdir() if p.is_file()] +
                [p for p in (HERE / "inputs").iterdir() if p.is_file()], key=lambda p: p.name)
UPDATE = os.environ.get("JIXIAO_UPDATE_GOLDEN") == "1"


def extract(path: Path) -> str:
    document, _ = read_document(path.name, path.read_bytes())
    return json.dumps(to_interchange(document), ensure_ascii=False, indent=1) + "\n"


def golden_of(path: Path) -> Path:
    return HERE / f"{path.name}.json"


@pytest.mark.parametrize("path", INPUTS, ids=[p.name for p in INPUTS])
def test_golden(path: Path) -> None:
    got = extract(path)
    golden = golden_of(path)
    if UPDATE:
        golden.write_text(got, encoding="utf-8")
        return
    assert golden.exists(), f"no expected output {golden.name}: run JIXIAO_UPDATE_GOLDEN=1 pytest tests/golden"
    assert json.loads(got) == json.loads(golden.read_text(encoding="utf-8")), (
        f"{path.name} no longer extracts as {golden.name}; if the change is meant, "
        "rewrite with JIXIAO_UPDATE_GOLDEN=1 pytest tests/golden and review the diff")


def test_every_golden_file_has_its_input() -> None:
    """A golden file whose input was removed or renamed is stale."""
    names = {p.name for p in INPUTS}
    stale = [g.name for g in HERE.glob("*.json") if g.name[:-len(".json")] not in names]
    assert not stale, f"golden files without an input: {stale}"


def test_examples_agree_across_formats() -> None:
    """A bundled example printed as text, XLSX and DOCX extracts the same content."""
    by_stem: dict[str, list[dict]] = {}  # type: ignore[type-arg]
    for p in INPUTS:
        if p.parent.name == "examples":
            got = json.loads(extract(p))
            del got["source"]
            by_stem.setdefault(p.stem, []).append(got)
    for stem, outputs in by_stem.items():
        assert all(o == outputs[0] for o in outputs), stem


def test_other_sources_read_the_example_alike() -> None:
    """The example's tables as a web page and as Markdown rows with page furniture
    (``inputs/``) extract as the text example does."""
    text = ROOT / "examples" / "示例_项目支出绩效自评表.txt"
    if not text.exists():
        pytest.skip("example not written")
    expected = json.loads(extract(text))["project_self_evaluations"]
    for path in INPUTS:
        if path.parent.name == "inputs":
            assert json.loads(extract(path))["project_self_evaluations"] == expected, path.name
