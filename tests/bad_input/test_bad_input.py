"""Bad input gets a clear message or a finding: never a traceback, never partial output."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from jixiao import run
from jixiao.cli import app
from jixiao.sources.registry import MAX_BYTES

from .conftest import DEFECTS, UNREADABLE

runner = CliRunner()


@pytest.mark.parametrize("name", sorted(DEFECTS))
def test_pipeline_never_raises(bad_inputs: dict[str, Path], name: str) -> None:
    result = run(bad_inputs[name])
    if name in UNREADABLE:
        assert result.unreadable is not None
        assert result.unreadable.zh and result.unreadable.en
    else:
        assert result.unreadable is None


@pytest.mark.parametrize("name", sorted(UNREADABLE))
def test_extract_unreadable_exits_2_without_output(bad_inputs: dict[str, Path], name: str,
                                                 tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = runner.invoke(app, ["extract", str(bad_inputs[name]), "--out", str(out)])
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    assert not out.exists() or not any(out.iterdir())


def test_extract_readable_bad_inputs_write_valid_json(bad_inputs: dict[str, Path], tmp_path: Path) -> None:
    readable = [str(p) for n, p in bad_inputs.items() if n not in UNREADABLE]
    result = runner.invoke(app, ["extract", *readable, "--out", str(tmp_path / "o")])
    assert result.exit_code == 0, result.output
    for path in (tmp_path / "o").iterdir():
        data = json.loads(path.read_text(encoding="utf-8"))
        assert set(data) >= {"project_self_evaluations", "final_accounts"}


def test_gbk_text_is_decoded(bad_inputs: dict[str, Path]) -> None:
    from jixiao.sources.registry import load

    sheet = load("gbk_encoded.txt", bad_inputs["gbk_encoded.txt"].read_bytes())
    assert sheet.encoding == "gb18030"
    assert "项目支出绩效自评表" in sheet.text


def test_oversized_file_is_refused(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    line = "项目名称\t某项目\n".encode()
    big.write_bytes(line * (50 * 1024 * 1024 // len(line)))  # a 50 MB file
    assert big.stat().st_size > MAX_BYTES
    result = run(big)
    assert result.unreadable is not None and "过大" in result.unreadable.zh


def test_missing_file_is_a_message(tmp_path: Path) -> None:
    result = runner.invoke(app, ["extract", str(tmp_path / "nope.txt")])
    assert result.exit_code == 2
    assert "无法打开" in result.output
