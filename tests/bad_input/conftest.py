"""A folder of bad inputs named by defect, made on the fly (nothing binary committed)."""

from __future__ import annotations

from pathlib import Path

import pytest

TRUNCATED = "项目支出绩效自评表\n(2024 年度)\n项目名称\t\t某项目\n主管部门\t\t某局\t\t实施单位\t\t某中心\n项目资金 (万元)\t\t年初预算数\t全年"
NO_SCORES = (
    "项目支出绩效自评表\n(2024 年度)\n项目名称\t\t无得分项目\n主管部门\t\t某局\t\t实施单位\t\t某中心\n"
    "绩效指标\t一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分\t偏差原因分析及改进措施\n"
    "\t产出指标\t数量指标\t培训人数（人）\t≥100\t90\t\t\t\n总分\n"
)

DEFECTS: dict[str, bytes] = {
    "empty.txt": b"",
    "whitespace_only.txt": b"  \n\t\n",
    "binary.txt": bytes(range(256)) * 64,
    "binary_named.pdf": b"\x00\x01garbage" * 100,
    "fake_office.docx": b"PK\x03\x04 not really a zip",
    "fake_workbook.xlsx": b"PK\x03\x04 not really a zip",
    "fake_legacy.xls": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600,
    "blank_image.png": b"\x89PNG\r\n\x1a\n" + b"\x00" * 64,
    "gbk_encoded.txt": TRUNCATED.encode("gbk"),
    "truncated_table.txt": TRUNCATED.encode("utf-8"),
    "no_scores.txt": NO_SCORES.encode("utf-8"),
    "utf16_bom.txt": NO_SCORES.encode("utf-16"),
    "html_markup.txt": "<script>alert(1)</script>\n<p>项目支出绩效自评表</p>\n".encode(),
}
UNREADABLE = {"empty.txt", "whitespace_only.txt", "binary.txt", "binary_named.pdf", "fake_office.docx",
              "fake_workbook.xlsx", "fake_legacy.xls", "blank_image.png"}


@pytest.fixture
def bad_inputs(tmp_path: Path) -> dict[str, Path]:
    folder = tmp_path / "bad"
    folder.mkdir()
    out = {}
    for name, data in DEFECTS.items():
        (folder / name).write_bytes(data)
        out[name] = folder / name
    return out
