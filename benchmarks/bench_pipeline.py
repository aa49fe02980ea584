"""Throughput of extract + audit over the seeds replicated 1× and 8× (a benchmark, not a test).

Two ways of growing the input: N copies of every file (many documents) and every file
concatenated N times (long documents, where a reader's quadratic step would show).
Prints MB/s, tables/s and peak memory for each, on one core.

    .venv/bin/python benchmarks/bench_pipeline.py [SEEDS_DIR] [--factors 1,8]
"""

from __future__ import annotations

import argparse
import resource
import time
import tracemalloc
from pathlib import Path

from jixiao.model import values
from jixiao.pipeline import run_bytes
from jixiao.render.interchange import to_interchange

DEFAULT_SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"


def cold(name: str, data: bytes) -> tuple[int, int]:
    """One document with the text caches emptied first: copies must not flatter the figure."""
    for cached in (values.normalize_text, values.money, values.decimals_of, values.squeeze):
        cached.cache_clear()
    result = run_bytes(name, data)
    to_interchange(result.document)
    return result.document.table_count, len(result.findings)


def measure(inputs: list[tuple[str, bytes]]) -> dict[str, float]:
    """Time without tracing, then peak traced memory in a second pass (tracemalloc slows Python)."""
    start = time.perf_counter()
    tables = findings = 0
    for name, data in inputs:
        t, f = cold(name, data)
        tables += t
        findings += f
    seconds = time.perf_counter() - start
    tracemalloc.start()
    for name, data in inputs:
        cold(name, data)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    megabytes = sum(len(d) for _, d in inputs) / 1e6
    return {"MB": megabytes, "seconds": seconds, "MB/s": megabytes / seconds,
            "tables": tables, "tables/s": tables / seconds, "findings": findings,
            "peak_traced_MB": peak / 1e6}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("seeds", nargs="?", type=Path, default=DEFAULT_SEEDS)
    parser.add_argument("--factors", default="1,8")
    args = parser.parse_args()
    files = [(p.name, p.read_bytes()) for p in sorted(args.seeds.glob("*.txt"))]
    if not files:
        raise SystemExit(f"no seeds in {args.seeds}")
    run_bytes(*files[0])  # warm imports
    print(f"{'input':28s} {'MB':>7s} {'s':>7s} {'MB/s':>7s} {'tables':>7s} {'tables/s':>9s} {'peak MB':>8s}")
    for factor in (int(f) for f in args.factors.split(",")):
        for label, inputs in (
            (f"{factor}× copies", [(f"{i}_{n}", d) for i in range(factor) for n, d in files]),
            (f"{factor}× concatenated", [(n, b"\n".join([d] * factor)) for n, d in files]),
        ):
            m = measure(inputs)
            print(f"{label:28s} {m['MB']:7.2f} {m['seconds']:7.2f} {m['MB/s']:7.2f} {m['tables']:7.0f} "
                  f"{m['tables/s']:9.1f} {m['peak_traced_MB']:8.1f}")
    print(f"max RSS of this process: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")


if __name__ == "__main__":
    main()
