"""F1 of reading the official forms printed as office files (a measurement, not a test).

Builds every form of ``tests/official/forms.py`` as DOCX, XLSX and HTML, and as PDF printed
from the DOCX and from the XLSX when LibreOffice (soffice) is installed; reads each with
``read_document`` and scores the interchange JSON against the hand-made label in
``tests/official/labels`` with ``../shared/tools/score_extraction.py``. Prints F1 per form ×
format, per kind × format, and the first mismatches of each file read below F1 1.

    .venv/bin/python benchmarks/official_forms.py [--out DIR] [--show N] [--formats docx,xlsx]
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from jixiao.pipeline import read_document  # noqa: E402
from jixiao.render.interchange import to_interchange  # noqa: E402
from jixiao.sources import ocr  # noqa: E402
from tests.official import build  # noqa: E402
from tests.official.forms import FORMS, Form  # noqa: E402
from tests.shared import scorer  # noqa: E402

LABELS = ROOT / "tests" / "official" / "labels"
FORMATS = ("text", "docx", "xlsx", "xls", "html", "pdf-docx", "pdf-xlsx", "scan")
MAKERS: dict[str, Callable[[Form], bytes]] = {"docx": build.docx, "xlsx": build.xlsx, "html": build.html,
                                              "text": build.text}


def printed(form: Form, formats: tuple[str, ...]) -> dict[str, tuple[str, bytes]]:
    """Format → (file name, bytes) for one form; PDFs only where soffice exists, the scan
    (the PDF printed from the DOCX, rasterised and turned 0.4°) only with the OCR extra."""
    files = {fmt: (f"{form.name}.{'txt' if fmt == 'text' else fmt}", MAKERS[fmt](form))
             for fmt in ("text", "docx", "xlsx", "html")}
    for fmt in ("docx", "xlsx"):
        if f"pdf-{fmt}" in formats or (fmt == "docx" and "scan" in formats):
            data = build.pdf(files[fmt][1], fmt)
            if data is not None:
                files[f"pdf-{fmt}"] = (f"{form.name}.{fmt}.pdf", data)
    if "xls" in formats and (data := build.xls(files["xlsx"][1])) is not None:
        files["xls"] = (f"{form.name}.xls", data)
    if "scan" in formats and "pdf-docx" in files and ocr.available():
        files["scan"] = (f"{form.name}.scan.pdf", build.scan(files["pdf-docx"][1]))
    return {fmt: files[fmt] for fmt in formats if fmt in files}


def predict(name: str, data: bytes) -> tuple[dict[str, Any], str | None]:
    """The interchange JSON read from one file, or an empty one and the error."""
    try:
        document, _ = read_document(name, data)
        return to_interchange(document), None
    except Exception as exc:  # a measurement: a crash counts as nothing read
        return {}, f"{type(exc).__name__}: {exc}"


def f1_cell(report: dict[str, Any]) -> str:
    return f"{report['overall']['f1']:.3f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, help="write the built files and what was read here")
    parser.add_argument("--show", type=int, default=8, help="mismatches to print per file below F1 1")
    parser.add_argument("--formats", default=",".join(FORMATS))
    parser.add_argument("--forms", default="", help="comma-separated form names (default: all)")
    args = parser.parse_args()
    formats = tuple(f for f in args.formats.split(",") if f)
    chosen = [f for f in FORMS if not args.forms or f.name in args.forms.split(",")]
    if any(f.startswith("pdf") or f in ("scan", "xls") for f in formats) and shutil.which("soffice") is None:
        print("soffice not installed: no PDF, XLS or scan columns")
        formats = tuple(f for f in formats if not (f.startswith("pdf") or f in ("scan", "xls")))
    if "scan" in formats and not ocr.available():
        print("the OCR extra is not installed: no scan column")
        formats = tuple(f for f in formats if f != "scan")
    score = scorer()
    per_format = {fmt: score.Tally() for fmt in formats}
    table: dict[str, dict[str, str]] = {}
    details: list[str] = []
    start = time.perf_counter()
    for form in chosen:
        label = json.loads((LABELS / f"{form.name}.json").read_text(encoding="utf-8"))
        table[form.name] = {}
        for fmt, (name, data) in printed(form, formats).items():
            predicted, error = predict(name, data)
            tally = score.Tally()
            score.score_file(label, predicted, tally, form.name)
            score.score_file(label, predicted, per_format[fmt], form.name)
            report = tally.report(args.show)
            table[form.name][fmt] = f1_cell(report) + ("!" if error else "")
            if args.out:
                args.out.mkdir(parents=True, exist_ok=True)
                (args.out / name).write_bytes(data)
                (args.out / f"{name}.json").write_text(
                    json.dumps(predicted, ensure_ascii=False, indent=1), encoding="utf-8")
            if error:
                details.append(f"{form.name} {fmt}: {error}")
            elif report["overall"]["f1"] < 1:
                details.append(f"{form.name} {fmt}: F1 {report['overall']['f1']:.3f}, "
                               f"{report['mismatch_count']} mismatches")
                details += [f"    {m['where']} | {m['field']} | expected {m['expected']!r} | got {m['got']!r}"
                            for m in report["mismatches"]]
    seconds = time.perf_counter() - start

    columns = "".join(f"{fmt:>10s}" for fmt in formats)
    print("F1 per form × format ('!' = the reader raised)")
    print(f"{'form':28s}{columns}")
    for form_name, row in table.items():
        print(f"{form_name:28s}" + "".join(f"{row.get(fmt, '-'):>10s}" for fmt in formats))
    reports = {fmt: per_format[fmt].report(0) for fmt in formats}
    print(f"{'all forms':28s}" + "".join(f"{f1_cell(reports[fmt]):>10s}" for fmt in formats))
    print()
    print("F1 per kind × format (labelled fields)")
    print(f"{'kind':28s}{columns}")
    kinds = sorted({k for r in reports.values() for k in r["kinds"]})
    for kind in kinds:
        cells = []
        for fmt in formats:
            k = reports[fmt]["kinds"].get(kind)
            cells.append(f"{k['f1']:.3f}" if k else "-")
        labelled = max((reports[fmt]["kinds"].get(kind) or {}).get("labelled_fields", 0) for fmt in formats)
        print(f"{kind:28s}" + "".join(f"{c:>10s}" for c in cells) + f"   ({labelled})")
    print(f"\n{len(chosen)} forms × {len(formats)} formats in {seconds:.1f} s")
    if details:
        print("\nbelow F1 1:")
        print("\n".join(details))


if __name__ == "__main__":
    main()
