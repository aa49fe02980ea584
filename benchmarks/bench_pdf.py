"""Pages per second and peak memory of the PDF sources, on one core (a measurement, not a
test): born-digital PDF with table recovery (``sources.pdf``), plain pdfplumber text
extraction on the same file for comparison, and OCR of the same pages as a scan.

The file is the official final-accounts form printed by LibreOffice (tests/official),
its pages repeated to ``--pages`` pages; the scan is its first pages rasterised.

    taskset -c 0 .venv/bin/python benchmarks/bench_pdf.py [--pages 200] [--scan-pages 4]
"""

from __future__ import annotations

import argparse
import io
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.official import build  # noqa: E402
from tests.official.forms import FORMS  # noqa: E402


def _long_pdf(pages: int) -> bytes:
    """The final accounts printed to PDF, its pages repeated to ``pages`` pages."""
    import pypdfium2

    form = next(f for f in FORMS if f.name == "final_accounts")
    printed = build.pdf(build.docx(form), "docx")
    if printed is None:
        sys.exit("LibreOffice (soffice) is needed to print the test file")
    source = pypdfium2.PdfDocument(printed)
    out = pypdfium2.PdfDocument.new()
    while len(out) < pages:
        out.import_pages(source, list(range(min(len(source), pages - len(out)))))
    buffer = io.BytesIO()
    out.save(buffer)
    return buffer.getvalue()


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _timed(label: str, pages: int, run: object) -> None:
    start = time.perf_counter()
    before = _peak_mb()
    run()  # type: ignore[operator]
    seconds = time.perf_counter() - start
    print(f"{label:42s} {pages:4d} pages  {seconds:7.1f} s  {pages / seconds:6.2f} pages/s  "
          f"peak RSS {_peak_mb():6.0f} MB (was {before:.0f})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=200)
    parser.add_argument("--scan-pages", type=int, default=4)
    args = parser.parse_args()
    data = _long_pdf(args.pages)

    def plain() -> None:
        import pdfplumber

        with pdfplumber.open(io.BytesIO(data)) as pdf:
            for page in pdf.pages:
                page.extract_text()
                page.flush_cache()

    def tables() -> None:
        from jixiao.sources import pdf

        pdf.load("long.pdf", data)

    def scan() -> None:
        from jixiao.sources import pdf

        pdf.load("scan.pdf", build.scan(_long_pdf(args.scan_pages)))

    _timed("pdfplumber extract_text (plain text)", args.pages, plain)
    _timed("sources.pdf (tables, grid, page order)", args.pages, tables)
    from jixiao.sources import ocr

    if ocr.available():
        _timed("scan: render + OCR + ruled rows", args.scan_pages, scan)
    else:
        print("the OCR extra is not installed: no scan figure")


if __name__ == "__main__":
    main()
