"""The committed reference docs are what the registries generate (datasette's lesson)."""

from pathlib import Path

import pytest

from jixiao.checks.registry import all_checks
from jixiao.render.docs import GENERATED
from jixiao.score.ruleset import list_rulesets

DOCS = Path(__file__).resolve().parents[2] / "docs"


@pytest.mark.parametrize("name", sorted(GENERATED))
def test_docs_are_current(name: str) -> None:
    committed = (DOCS / name).read_text(encoding="utf-8")
    assert committed == GENERATED[name](), f"docs/{name} is stale: run `jixiao docs`"


def test_every_check_and_ruleset_is_documented() -> None:
    checks = (DOCS / "checks.md").read_text(encoding="utf-8")
    for code in all_checks():
        assert f"`{code}`" in checks
    rulesets = (DOCS / "rulesets.md").read_text(encoding="utf-8")
    for ruleset in list_rulesets():
        assert ruleset.name in rulesets
