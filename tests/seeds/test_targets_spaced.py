"""Seed 004 (7 target tables, space-separated): the reader against the hand-made labels."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from jixiao.readers.targets_spaced import READER
from jixiao.render.interchange import target
from jixiao.sources.registry import load
from tests.shared import SHARED

SEED = "004_d8d7b90df13a48ed"

pytestmark = [
    pytest.mark.seeds,
    pytest.mark.skipif(not (SHARED / "seeds").is_dir(), reason="shared seeds absent"),
]


def _sheet(name: str):  # type: ignore[no-untyped-def]
    path = SHARED / "seeds" / name
    return load(path.name, path.read_bytes())


def test_seed_004_f1(tmp_path: Path) -> None:
    items = READER.read(_sheet(f"{SEED}.txt")).items
    predicted = {"source": f"{SEED}.txt", "notes": [], "project_self_evaluations": [],
                 "department_self_evaluations": [], "final_accounts": [],
                 "performance_targets": [dict(target(t), seq=n) for n, t in enumerate(items, 1)]}
    out = tmp_path / "pred.json"
    out.write_text(json.dumps(predicted, ensure_ascii=False))
    report = subprocess.run(
        [sys.executable, str(SHARED / "tools" / "score_extraction.py"), str(SHARED / "labels" / f"{SEED}.json"),
         str(out), "--kinds", "performance_targets", "--json"],
        capture_output=True, text=True, check=True)
    scores = json.loads(report.stdout)
    assert scores["kinds"]["performance_targets"]["f1"] >= 0.99
    assert scores["overall"]["f1"] == 1.0   # reached: every labelled field of the 7 tables


@pytest.mark.parametrize("seed", ["000_8f21c522af49a427", "001_bd3f7cd467c3d411",
                                  "002_90d25e7a19a531e1", "003_64caca8ce772cd7b"])
def test_other_layouts_are_not_claimed(seed: str) -> None:
    sheet = _sheet(f"{seed}.txt")
    assert READER.identify(sheet) < 0.2
    assert READER.read(sheet).items == ()
