"""Import throughput of the store: the seeds replicated to N documents (a benchmark, not a test).

Each copy is a distinct file (the store keeps one document per SHA-256): copy k of a seed is
the seed followed by a line of k spaces, a blank line to every reader, so that every copy
yields the same tables and findings (checked on the first and the last copy of each seed,
and again on the counts stored). The copies are imported with the code of ``jixiao import``
(``jixiao.cli.app``, ``import DIR --workers W --database URL``), each run in a fresh process,
into a temporary SQLite file and into a fresh PostgreSQL database (created, then dropped).
Prints wall time, documents/s, MB/s, peak RSS of the importing process (``RUSAGE_SELF``) and
of its worker processes (``RUSAGE_CHILDREN``), the RSS of the importing process sampled
along the run (memory growing with the count would show), and the size of the database.

    .venv/bin/python benchmarks/bench_store.py [SEEDS_DIR] [--documents 1000] [--workers 1,2]
        [--backends sqlite,postgresql] [--pg postgresql://postgres@127.0.0.1:5432/test]
        [--keep DIR]   # keep the stores (DIR/bench.db, database jixiao_bench_store) for bench_web.py

Bounded: every import runs under ``--timeout`` seconds (default 900) and is killed past it.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

DEFAULT_SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"
DEFAULT_PG = "postgresql://postgres@127.0.0.1:5432/test"
KEEP_PG_DATABASE = "jixiao_bench_store"


# --- the copies ----------------------------------------------------------------------------


def seeds(directory: Path) -> list[tuple[str, bytes]]:
    files = [(p.name, p.read_bytes()) for p in sorted(directory.glob("*.txt"))]
    if not files:
        raise SystemExit(f"no seeds in {directory}")
    return files


def copy_bytes(data: bytes, k: int) -> bytes:
    """Copy ``k`` (1, 2, …) of a seed: distinct bytes, the same text to every reader."""
    return data + b"\n" + b" " * k + b"\n"


def write_copies(files: list[tuple[str, bytes]], documents: int, directory: Path) -> tuple[int, int]:
    """``documents`` files in ``directory`` (seeds round-robin); returns (count, bytes)."""
    directory.mkdir(parents=True, exist_ok=True)
    total = 0
    for i in range(documents):
        name, data = files[i % len(files)]
        copy = copy_bytes(data, i // len(files) + 1)
        (directory / f"c{i:05d}_{name}").write_bytes(copy)
        total += len(copy)
    return documents, total


def signature(name: str, data: bytes) -> tuple[str, list[tuple[Any, ...]], int]:
    from jixiao.pipeline import run_bytes
    from jixiao.render.interchange import to_interchange

    r = run_bytes(name, data)
    return (json.dumps(to_interchange(r.document), sort_keys=True, ensure_ascii=False, default=str),
            sorted((f.code, f.severity.value, f.where.line) for f in r.findings), r.document.table_count)


def check_copies(files: list[tuple[str, bytes]], documents: int) -> dict[str, tuple[int, int, int]]:
    """The first and the last copy of each seed read as the seed; returns per seed
    (tables, errors, warnings) of the seed itself."""
    from jixiao.pipeline import run_bytes

    last = (documents - 1) // len(files) + 1
    expected = {}
    for name, data in files:
        base = signature(name, data)
        for k in sorted({1, last}):
            if signature(name, copy_bytes(data, k)) != base:
                raise SystemExit(f"copy {k} of {name} does not read as the seed")
        r = run_bytes(name, data)
        expected[name] = (r.document.table_count,
                          sum(1 for f in r.findings if f.severity.value == "error"),
                          sum(1 for f in r.findings if f.severity.value == "warning"))
    return expected


# --- one import, in a fresh process ----------------------------------------------------------


def _rss_mb() -> float:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 1048576


def child(directory: str, url: str, workers: int) -> None:
    """Run ``jixiao import DIR --workers W --database URL``; print one JSON line of figures."""
    import click

    from jixiao.cli import app

    samples: list[tuple[float, float]] = []
    done = threading.Event()
    start = time.perf_counter()

    def sample() -> None:
        while not done.wait(0.5):
            samples.append((time.perf_counter() - start, _rss_mb()))

    threading.Thread(target=sample, daemon=True).start()
    code: Any = 0
    try:
        code = app(["import", directory, "--workers", str(workers), "--database", url],
                   standalone_mode=False)
    except (SystemExit, click.exceptions.Exit) as exc:
        code = getattr(exc, "exit_code", getattr(exc, "code", None))
    seconds = time.perf_counter() - start
    done.set()
    self_ = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    print(json.dumps({"exit": code, "seconds": seconds, "rss_self_MB": self_.ru_maxrss / 1024,
                      "rss_children_MB": children.ru_maxrss / 1024,
                      "cpu_self_s": self_.ru_utime + self_.ru_stime,
                      "cpu_children_s": children.ru_utime + children.ru_stime,
                      "samples": samples}))


def run_import(directory: Path, url: str, workers: int, timeout: float) -> dict[str, Any]:
    with tempfile.TemporaryFile("w+") as err:
        proc = subprocess.run([sys.executable, __file__, "--child", str(directory), url, str(workers)],
                              stdout=subprocess.PIPE, stderr=err, text=True, timeout=timeout)
        if proc.returncode != 0:
            err.seek(0)
            raise SystemExit(f"import failed ({proc.returncode}):\n{err.read()[-3000:]}")
    figures: dict[str, Any] = json.loads(proc.stdout.strip().splitlines()[-1])
    return figures


# --- the stores --------------------------------------------------------------------------------


def store_counts(url: str) -> dict[str, Any]:
    from sqlalchemy import func, select

    from jixiao.store.db import make_engine
    from jixiao.store.schema import DocumentRow, FindingRow, IndicatorRow, Project

    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            out = {t.__tablename__: conn.scalar(select(func.count()).select_from(t))
                   for t in (DocumentRow, Project, IndicatorRow, FindingRow)}
            per_seed: dict[str, list[tuple[int, int, int]]] = {}
            for name, tables, errors, warnings in conn.execute(
                    select(DocumentRow.name, DocumentRow.table_count, DocumentRow.error_count,
                           DocumentRow.warning_count)):
                seed = name.split("_", 1)[1]
                per_seed.setdefault(seed, []).append((tables, errors, warnings))
            out["per_seed"] = {k: sorted(set(v)) for k, v in per_seed.items()}
            if engine.dialect.name == "postgresql":
                out["size_MB"] = conn.scalar(select(func.pg_database_size(func.current_database()))) / 1e6
    finally:
        engine.dispose()
    if url.startswith("sqlite:///"):
        path = Path(url.removeprefix("sqlite:///"))
        out["size_MB"] = sum(p.stat().st_size for p in path.parent.glob(path.name + "*")) / 1e6
    return out


def pg_admin(base: str, sql: str) -> None:
    import psycopg

    dsn = base.replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(dsn, autocommit=True) as conn:
        conn.execute(sql)


def pg_url(base: str, database: str) -> str:
    return base.rsplit("/", 1)[0] + "/" + database


class Store:
    """A fresh empty store of one backend; removed on exit unless ``keep``."""

    def __init__(self, backend: str, workdir: Path, pg: str, tag: str, keep: bool = False) -> None:
        self.backend, self.pg, self.keep = backend, pg, keep
        if backend == "sqlite":
            self.path = workdir / f"{tag}.db"
            self.url = f"sqlite:///{self.path}"
        else:
            self.database = KEEP_PG_DATABASE if keep else f"jixiao_bench_{os.getpid()}_{tag}"
            self.url = pg_url(pg, self.database)

    def __enter__(self) -> Store:
        if self.backend == "sqlite":
            for p in self.path.parent.glob(self.path.name + "*"):
                p.unlink()
        else:
            pg_admin(self.pg, f'DROP DATABASE IF EXISTS "{self.database}" WITH (FORCE)')
            pg_admin(self.pg, f'CREATE DATABASE "{self.database}"')
        return self

    def __exit__(self, *exc: Any) -> None:
        if self.keep:
            return
        if self.backend == "sqlite":
            for p in self.path.parent.glob(self.path.name + "*"):
                p.unlink()
        else:
            pg_admin(self.pg, f'DROP DATABASE IF EXISTS "{self.database}" WITH (FORCE)')


def growth(samples: list[list[float]]) -> str:
    """RSS of the importing process at 10 %, 50 % and 100 % of the run."""
    if not samples:
        return "-"
    end = samples[-1][0]
    picks = []
    for share in (0.1, 0.5, 1.0):
        picks.append(next(rss for t, rss in samples if t >= share * end))
    return "/".join(f"{x:.0f}" for x in picks)


def main() -> None:
    if len(sys.argv) == 5 and sys.argv[1] == "--child":
        child(sys.argv[2], sys.argv[3], int(sys.argv[4]))
        return
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("seeds", nargs="?", type=Path, default=DEFAULT_SEEDS)
    parser.add_argument("--documents", type=int, default=1000)
    parser.add_argument("--workers", default="1,2")
    parser.add_argument("--backends", default="sqlite,postgresql")
    parser.add_argument("--pg", default=os.environ.get("JIXIAO_BENCH_PG", DEFAULT_PG),
                        help="a PostgreSQL URL whose user may CREATE DATABASE")
    parser.add_argument("--keep", type=Path, default=None,
                        help="keep the last store of each backend for bench_web.py "
                             f"(DIR/bench.db, database {KEEP_PG_DATABASE})")
    parser.add_argument("--timeout", type=float, default=900, help="seconds per import at most")
    args = parser.parse_args()

    files = seeds(args.seeds)
    expected = check_copies(files, args.documents)
    workers = [int(w) for w in args.workers.split(",")]
    backends = args.backends.split(",")
    print(f"{os.cpu_count()} CPUs; {args.documents} documents from {len(files)} seeds")
    header = (f"{'backend':10s} {'w':>2s} {'s':>7s} {'docs/s':>7s} {'MB/s':>6s} {'RSS main':>8s} "
              f"{'RSS wkr':>7s} {'RSS 10/50/100% MB':>17s} {'CPU main':>8s} {'CPU wkr':>7s} {'DB MB':>6s} "
              f"{'docs':>5s} {'findings':>8s}")
    with tempfile.TemporaryDirectory(prefix="jixiao-bench-") as tmp:
        work = Path(tmp)
        count, size = write_copies(files, args.documents, work / "copies")
        print(f"input: {count} files, {size / 1e6:.1f} MB")
        print(header)
        for backend in backends:
            for w in workers:
                keep = args.keep is not None and w == workers[-1]
                where = args.keep if keep and backend == "sqlite" else work
                if where is not None:
                    where.mkdir(parents=True, exist_ok=True)
                tag = "bench" if keep else f"{backend}_w{w}"
                with Store(backend, where, args.pg, tag, keep) as store:
                    m = run_import(work / "copies", store.url, w, args.timeout)
                    c = store_counts(store.url)
                for name, triple in expected.items():
                    if c["per_seed"].get(name) != [list(triple)] and c["per_seed"].get(name) != [triple]:
                        raise SystemExit(f"{backend}: copies of {name} stored as {c['per_seed'].get(name)}, "
                                         f"expected {triple}")
                if c["documents"] != count:
                    raise SystemExit(f"{backend}: {c['documents']} documents stored, {count} expected")
                s = m["seconds"]
                print(f"{backend:10s} {w:2d} {s:7.1f} {count / s:7.2f} {size / 1e6 / s:6.3f} "
                      f"{m['rss_self_MB']:8.0f} {m['rss_children_MB']:7.0f} {growth(m['samples']):>17s} "
                      f"{m['cpu_self_s']:8.1f} {m['cpu_children_s']:7.1f} {c['size_MB']:6.1f} "
                      f"{c['documents']:5d} {c['findings']:8d}", flush=True)
                if keep:
                    print(f"  kept: {store.url}")
        print(f"rows of the last store: projects {c['projects']}, indicators {c['indicators']}")


if __name__ == "__main__":
    main()
