"""Reader 'selfeval_cells' on the real documents of ../shared, scored against their labels."""

from __future__ import annotations

import json

import pytest

from jixiao.pipeline import read_document
from jixiao.readers.selfeval_cells import READER
from jixiao.render.interchange import to_interchange
from jixiao.sources.registry import load
from tests.shared import SHARED, scorer

SEED = "003_64caca8ce772cd7b"
KINDS = ("project_self_evaluations", "department_self_evaluations")

pytestmark = [
    pytest.mark.seeds,
    pytest.mark.skipif(not (SHARED / "seeds").is_dir(), reason="../shared is absent"),
]




def test_seed_003_self_evaluations_f1() -> None:
    """Measured F1 1.0 on 1014 labelled fields (11 project tables, 1 department table)."""
    path = SHARED / "seeds" / f"{SEED}.txt"
    document, _ = read_document(path.name, path.read_bytes())
    assert not [f for f in document.findings if f.code == "R002"]
    predicted = to_interchange(document)
    label = json.loads((SHARED / "labels" / f"{SEED}.json").read_text(encoding="utf-8"))
    score = scorer()
    tally = score.Tally()
    score.score_file(label, predicted, tally, SEED, KINDS)
    report = tally.report(10)
    assert report["overall"]["f1"] >= 0.999, report["mismatches"]
    assert len(predicted["project_self_evaluations"]) == 11
    assert len(predicted["department_self_evaluations"]) == 1


@pytest.mark.parametrize("seed", ["000", "001", "002", "004"])
def test_other_layouts_are_not_claimed(seed: str) -> None:
    (path,) = (SHARED / "seeds").glob(f"{seed}_*.txt")
    sheet = load(path.name, path.read_bytes())
    assert READER.identify(sheet) < 0.2
    assert READER.read(sheet).items == ()
