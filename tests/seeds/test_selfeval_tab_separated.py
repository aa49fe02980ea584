"""Tab-separated self-evaluations (the seeds 000, 001, 002) read by the general reading
(``read_document``: the form engine, no reader of this printing), scored against their labels.

Measured F1 1.0 on 000 (514 labelled fields), 001 (3808) and 002 (671); the thresholds
leave a little room so that a change elsewhere (normalisation, levels) shows up as a
failure only when it costs more than a few fields.
"""

from __future__ import annotations

import json

import pytest

from jixiao.pipeline import read_document
from jixiao.render.interchange import to_interchange
from jixiao.sources.registry import load
from tests.shared import SHARED, scorer

KIND = ("project_self_evaluations",)
SEEDS = {  # seed → (tables, F1 threshold)
    "000_8f21c522af49a427": (4, 0.995),
    "001_bd3f7cd467c3d411": (26, 0.995),
    "002_90d25e7a19a531e1": (8, 0.995),
}

pytestmark = [
    pytest.mark.seeds,
    pytest.mark.skipif(not (SHARED / "seeds").is_dir(), reason="../shared is absent"),
]


def _read(seed: str):  # type: ignore[no-untyped-def]
    path = SHARED / "seeds" / f"{seed}.txt"
    document, _ = read_document(path.name, path.read_bytes())
    return document


@pytest.mark.parametrize("seed", sorted(SEEDS))
def test_seed_f1(seed: str) -> None:
    tables, threshold = SEEDS[seed]
    document = _read(seed)
    predicted = to_interchange(document)
    label = json.loads((SHARED / "labels" / f"{seed}.json").read_text(encoding="utf-8"))
    score = scorer()
    tally = score.Tally()
    score.score_file(label, predicted, tally, seed, KIND)
    report = tally.report(10)
    assert report["overall"]["f1"] >= threshold, report["mismatches"]
    assert len(predicted["project_self_evaluations"]) == tables
    assert all(e.layout == "selfeval_form" for e in document.project_self_evaluations)


def test_the_final_accounts_of_001_are_no_self_evaluation() -> None:
    """001's final-accounts tables and 情况说明 come before its appendix: read as final
    accounts, and every self-evaluation starts in the appendix."""
    document = _read("001_bd3f7cd467c3d411")
    path = SHARED / "seeds" / "001_bd3f7cd467c3d411.txt"
    sheet = load(path.name, path.read_bytes())
    appendix = next(line.number for line in sheet.lines if "自治区项目支出绩效自评表（项目1）" in line.text)
    assert document.final_accounts
    assert all((e.where.line or 0) >= appendix - 3 for e in document.project_self_evaluations)


def test_provenance_points_at_the_printed_cell() -> None:
    path = SHARED / "seeds" / "000_8f21c522af49a427.txt"
    sheet = load(path.name, path.read_bytes())
    first = _read("000_8f21c522af49a427").project_self_evaluations[0]
    score = first.indicators[0].score
    line = sheet.lines[score.where.line - 1]
    assert score.text == "4.88" and line.cells[score.where.column] == score.raw
