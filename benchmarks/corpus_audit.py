"""Issue 7 point 7: do the arithmetic checks agree with what the corpus labels' notes say?

Not a test (the notes are prose, matched by a person): for every corpus document this prints
whether its notes call some arithmetic FAIL, only PASS, or judge nothing, and which
arithmetic findings the audit raised, so that the two can be compared one by one.

    .venv/bin/python benchmarks/corpus_audit.py [CORPUS_DIR]
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter
from pathlib import Path

from jixiao.pipeline import run

# Checks that test an identity of the printed numbers (sums, rates, scores); the judgement
# checks (S005, S009–S023, T001 …) are left out: the notes do not judge them.
ARITHMETIC = frozenset(
    [f"A{n:03d}" for n in (*range(1, 12), 13)] + [f"N{n:03d}" for n in range(1, 7)]
    + [f"S{n:03d}" for n in (1, 2, 3, 4, 6, 7, 8, 24)] + ["T002", "T003"])


# How the labellers wrote down a failed identity (LABELS.md asks for FAIL; some notes say it in words).
_FAILED = re.compile(r"FAIL|Document errors?\b|Document inconsistencies|≠|do(?:es)? not add up|"
                     r"[Uu]nit slip|[Rr]ounding slip")


def verdict(notes: list[str]) -> str:
    """FAIL where any note reports a failed identity, PASS where notes check and all pass."""
    text = " ".join(notes)
    return "FAIL" if _FAILED.search(text) else "PASS" if "PASS" in text else "-"


def main(corpus: Path) -> None:
    tally: Counter[tuple[str, bool]] = Counter()
    for path in sorted(p for p in corpus.glob("*/*") if p.parent.name != "labels" and p.is_file()
                       and p.suffix not in (".md", ".py")):
        label = json.loads((corpus / "labels" / f"{path.stem}.json").read_text(encoding="utf-8"))
        said = verdict([n if isinstance(n, str) else json.dumps(n, ensure_ascii=False) for n in label["notes"]])
        found = sorted({f.code for f in run(path).findings if f.code in ARITHMETIC})
        tally[said, bool(found)] += 1
        print(f"{said:4}  {path.stem:48}  {' '.join(found) or '—'}")
    print()
    for said in ("FAIL", "PASS", "-"):
        print(f"notes {said:4}: {tally[said, True]:3} with arithmetic findings, {tally[said, False]:3} without")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).parents[1] / "tests" / "corpus")
