"""Rule sets judged on real documents: the share of printed scores each reproduces (issue 11).

For every document of the corpus (tests/corpus) and of the seeds that reads and prints
scores: the rule set chosen from the document, the share of its printed scores that rule
set reproduces within printed precision (or the table's scoring step, or the qualitative
tier), and the rule set that would reproduce the most. Then, per rule set, its totals over
all documents and over the documents it is chosen for.

    .venv/bin/python benchmarks/rulesets.py [FOLDER …] [--write]

``--write`` also stores the tables in ``src/jixiao/score/rulesets/MEASURED.md``, from which
``jixiao docs`` puts them into docs/rulesets.md.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from jixiao.pipeline import read_document
from jixiao.score.measure import Judged, Tally, judge
from jixiao.score.ruleset import list_rulesets
from jixiao.sources.sheet import UnreadableInput

ROOT = Path(__file__).resolve().parents[1]
DEFAULT = [ROOT / "tests" / "corpus", ROOT.parent / "shared" / "seeds"]
MEASURED = ROOT / "src" / "jixiao" / "score" / "rulesets" / "MEASURED.md"


def documents(folders: list[Path]) -> list[Path]:
    out: list[Path] = []
    for folder in folders:
        if folder.is_file():
            out.append(folder)
        elif folder.is_dir():
            out.extend(sorted(p for p in folder.rglob("*") if p.is_file() and p.parent.name != "labels"
                              and p.suffix in (".txt", ".md", ".html", ".htm", ".docx", ".xlsx", ".pdf")))
    return out


def judged(paths: list[Path]) -> list[Judged]:
    out = []
    for path in paths:
        try:
            document, _ = read_document(path.name, path.read_bytes())
        except UnreadableInput:
            continue
        result = judge(document)
        if result is not None:
            out.append(result)
    return out


def pct(t: Tally) -> str:
    return "—" if t.share is None else f"{t.share * 100:.0f}%"


def tables(results: list[Judged]) -> str:
    lines = ["### 逐文件", "",
             "| 文件 | 选用规则集 | 印制得分 | 可比 | 选用规则复现 | 全国通用复现 | 复现最多的规则集 |",
             "| --- | --- | --- | --- | --- | --- | --- |"]
    for r in results:
        c, n, b = r.chosen, r.of("national-2020"), r.best
        lines.append(f"| {r.source} | `{c.ruleset}` | {c.printed} | {c.comparable} | {c.reproduced}（{pct(c)}） "
                     f"| {n.reproduced}（{pct(n)}） | `{b.ruleset}` {b.reproduced}（{pct(b)}） |")
    lines += ["", "### 逐规则集", "",
              "| 规则集 | 选用于（文件数） | 在选用文件上复现 / 可比 | 在全部文件上复现 / 可比 |",
              "| --- | --- | --- | --- |"]
    for rs in list_rulesets():
        own = [r for r in results if r.chosen.ruleset == rs.name]
        mine = [r.of(rs.name) for r in own]
        every = [r.of(rs.name) for r in results]
        def frac(ts: list[Tally]) -> str:
            rep, com = sum(t.reproduced for t in ts), sum(t.comparable for t in ts)
            return f"{rep} / {com}（{rep / com * 100:.0f}%）" if com else "—"
        lines.append(f"| `{rs.name}` | {len(own)} | {frac(mine)} | {frac(every)} |")
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folders", nargs="*", type=Path, default=DEFAULT)
    parser.add_argument("--write", action="store_true", help="store the tables for docs/rulesets.md")
    args = parser.parse_args()
    results = judged(documents(args.folders))
    text = tables(results)
    print(text)
    if args.write:
        MEASURED.write_text("## 实测：各规则集复现印制得分的比例\n\n"
                            "由 `benchmarks/rulesets.py --write` 在语料（tests/corpus）与种子文件上测得："
                            "印制得分在印制精度、表内计分步长或定性档次之内与规则一致即为复现；“可比”为规则给出分数或档次的印制得分。\n\n"
                            + text, encoding="utf-8")


if __name__ == "__main__":
    main()
