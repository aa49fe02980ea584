"""The development corpus: real documents published by other units, read and scored
against their hand labels (tests/corpus/SOURCES.md says where each was found).

The floors are the figures measured when the corpus last grew (133 documents, rounds 1–11;
rounds 3–11 were first read held out, see docs/measurements.md): a change that reads the
corpus worse fails here (issue 7 asks ≥ 0.90 / ≥ 0.85; measured 0.927 / 0.978 / 0.924 / 0.977
on 2026-11-30); raise them as reading improves.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from jixiao.pipeline import read_document
from jixiao.render.interchange import to_interchange
from tests.shared import SHARED, scorer

CORPUS = Path(__file__).parent
LABELS = CORPUS / "labels"
DOCUMENTS = sorted(p for p in CORPUS.glob("*/*") if p.parent.name != "labels" and p.is_file())

# Per-kind F1 floors on the whole corpus (measured; see the closing note of issue 7).
FLOORS = {
    "project_self_evaluations": 0.92,
    "department_self_evaluations": 0.97,
    "performance_targets": 0.92,
    "final_accounts": 0.97,
}

pytestmark = pytest.mark.skipif(not (SHARED / "tools").is_dir(), reason="../shared is absent")


def _score_all() -> dict:  # type: ignore[type-arg]
    score = scorer()
    tally = score.Tally()
    for path in DOCUMENTS:
        label = json.loads((LABELS / f"{path.stem}.json").read_text(encoding="utf-8"))
        document, _ = read_document(path.name, path.read_bytes())
        score.score_file(label, to_interchange(document), tally, path.stem)
    return tally.report(20)  # type: ignore[no-any-return]


def test_every_document_has_a_label_and_a_source_row() -> None:
    sources = "".join(p.read_text(encoding="utf-8") for p in CORPUS.glob("SOURCES*.md"))
    assert len(DOCUMENTS) >= 133
    for path in DOCUMENTS:
        assert (LABELS / f"{path.stem}.json").is_file(), path.name
        assert path.name in sources, f"{path.name} has no row in SOURCES.md"


def test_corpus_reads_at_least_as_well_as_measured() -> None:
    report = _score_all()
    kinds = report["kinds"]
    for kind, floor in FLOORS.items():
        assert kind in kinds, kind
        assert kinds[kind]["f1"] >= floor, (kind, kinds[kind], report["mismatches"])
