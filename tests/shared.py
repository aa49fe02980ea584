"""Where ../shared lies beside the checkout, and its extraction scorer, for the seed tests."""

from __future__ import annotations

import importlib.util
from functools import cache
from pathlib import Path
from types import ModuleType

import pytest

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
SEEDS = SHARED / "seeds"
LABELS = SHARED / "labels"

requires_shared = [pytest.mark.seeds,
                   pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared is absent")]


@cache
def scorer() -> ModuleType:
    """../shared/tools/score_extraction.py, imported from its path."""
    spec = importlib.util.spec_from_file_location("score_extraction", SHARED / "tools" / "score_extraction.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
