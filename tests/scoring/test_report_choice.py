"""Every report shows the rule set each table was rescored by, with its evidence."""

from __future__ import annotations

import json
from pathlib import Path

from jixiao.pipeline import run_bytes
from jixiao.render.report import build_report, to_html, to_json, to_text


def _report(ruleset: str | None = None) -> object:
    path = next(Path(__file__).resolve().parents[2].glob("examples/示例_项目支出绩效自评表.txt"))
    return build_report([run_bytes(path.name, path.read_bytes(), ruleset)])


def test_text_json_and_html_name_the_rule_set_and_its_evidence() -> None:
    report = _report()
    text, html = to_text(report), to_html(report)   # type: ignore[arg-type]
    rules = json.loads(to_json(report))["rulesets"]  # type: ignore[arg-type]
    assert rules and all(r["choice"].startswith("按") and "规则重算：依据" in r["choice"] for r in rules)
    for r in rules:
        assert r["choice"] in text.replace("\n", "") or r["choice"][:20] in text
        assert r["choice"] in html and r["evidence"]


def test_the_users_rule_set_is_shown_as_chosen_by_the_user() -> None:
    rules = json.loads(to_json(_report("zhongwei-bureau-2024")))["rulesets"]  # type: ignore[arg-type]
    assert {r["ruleset"] for r in rules} == {"zhongwei-bureau-2024"}
    assert all("使用者指定" in r["choice"] for r in rules)
