"""Reader 'selfeval_tabbed' on the real documents of ../shared, scored against their labels.

Measured F1 1.0 on 000 (514 labelled fields), 001 (3808) and 002 (671); the thresholds
leave a little room so that a change elsewhere (normalisation, levels) shows up as a
failure only when it costs more than a few fields.
"""

from __future__ import annotations

import json

import pytest

from jixiao.readers.selfeval_tabbed import READER
from jixiao.render.interchange import to_interchange
from jixiao.resolve import merge
from jixiao.sources.registry import load
from tests.shared import SHARED, scorer

KIND = ("project_self_evaluations",)
SEEDS = {  # seed → (tables, F1 threshold)
    "000_8f21c522af49a427": (4, 0.995),
    "001_bd3f7cd467c3d411": (26, 0.995),
    "002_90d25e7a19a531e1": (8, 0.995),
}
OTHERS = ("003_64caca8ce772cd7b", "004_d8d7b90df13a48ed")

pytestmark = [
    pytest.mark.seeds,
    pytest.mark.skipif(not (SHARED / "seeds").is_dir(), reason="../shared is absent"),
]




def sheet_of(seed: str):  # type: ignore[no-untyped-def]
    path = SHARED / "seeds" / f"{seed}.txt"
    return load(path.name, path.read_bytes())


@pytest.mark.parametrize("seed", sorted(SEEDS))
def test_seed_f1(seed: str) -> None:
    tables, threshold = SEEDS[seed]
    sheet = sheet_of(seed)
    assert READER.identify(sheet) >= 0.5
    result = READER.read(sheet)
    predicted = to_interchange(merge(sheet.file, [(READER.name, result)]))
    label = json.loads((SHARED / "labels" / f"{seed}.json").read_text(encoding="utf-8"))
    score = scorer()
    tally = score.Tally()
    score.score_file(label, predicted, tally, seed, KIND)
    report = tally.report(10)
    assert report["overall"]["f1"] >= threshold, report["mismatches"]
    assert len(predicted["project_self_evaluations"]) == tables
    assert len(result.spans) == tables


def test_spans_cover_only_the_appendix_of_001() -> None:
    """001's final-accounts tables and 情况说明 come before its appendix: never claimed."""
    sheet = sheet_of("001_bd3f7cd467c3d411")
    spans = READER.read(sheet).spans
    appendix = next(line.number for line in sheet.lines if "自治区项目支出绩效自评表（项目1）" in line.text)
    assert spans[0].first == appendix
    assert all(a.last < b.first for a, b in zip(spans, spans[1:], strict=False))


@pytest.mark.parametrize("seed", OTHERS)
def test_other_layouts_are_left_alone(seed: str) -> None:
    """003 (one cell per line) and 004 (targets) belong to other readers."""
    sheet = sheet_of(seed)
    assert READER.identify(sheet) == 0.0
    assert READER.read(sheet).items == ()


def test_provenance_points_at_the_printed_cell() -> None:
    sheet = sheet_of("000_8f21c522af49a427")
    first = READER.read(sheet).items[0]
    score = first.indicators[0].score
    line = sheet.lines[score.where.line - 1]
    assert score.text == "4.88" and line.cells[score.where.column] == score.raw
