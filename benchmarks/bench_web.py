"""Latency and throughput of the web app over a store of N documents (a benchmark, not a test).

The app (``jixiao.web.app:create_app``) is served by uvicorn on 127.0.0.1 (a free port, one
process, in a subprocess) over each store, and loaded with wrk (Debian ``wrk``; bounded:
``-d 15s -c 8 -t 2`` by default) or, where wrk is missing, an asyncio + httpx load generator
bounded in time and in requests. Pages measured:

* ``project``: the HTML page of one project self-evaluation (``/projects/{id}``), public;
* ``findings``: the findings list, first page (``/findings``), public and as a reviewer
  (signed session cookie);
* ``api/findings``: ``/api/findings?limit=50``, public and with a reviewer's bearer token.

The reviewer and the token are created with the store's own functions (``users.add_user``,
``users.new_token``). Prints p50/p95/p99 latency (ms), requests/s, non-2xx responses and the
CPU the server used (share of one core).

    .venv/bin/python benchmarks/bench_web.py [--sqlite PATH] [--pg URL] [--duration 15]
        [--connections 8] [--threads 2]

Without ``--sqlite``/``--pg`` the stores are built first (``bench_store.py``'s copies, imported
with 2 workers: a few minutes) and removed afterwards; ``bench_store.py --keep DIR`` leaves
stores to pass here (``--sqlite DIR/bench.db --pg postgresql://…/jixiao_bench_store``).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))
import bench_store  # noqa: E402

SECRET = "bench-web-secret-not-for-production-0123456789"
WRK_LUA = r"""
done = function(summary, latency, requests)
  io.write(string.format(
    '{"requests": %d, "duration_us": %d, "p50_us": %d, "p95_us": %d, "p99_us": %d, "max_us": %d, '
    .. '"status_errors": %d, "socket_errors": %d}\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(95),
    latency:percentile(99), latency.max, summary.errors.status,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def prepare(url: str) -> dict[str, Any]:
    """A reviewer with a token, and the project page to load (a self-evaluation mid-store)."""
    from itsdangerous import URLSafeTimedSerializer
    from sqlalchemy import func, select

    from jixiao.store import users
    from jixiao.store.db import make_engine, session_factory, transaction, upgrade
    from jixiao.store.schema import IndicatorRow, Project, User

    engine = make_engine(url)
    upgrade(engine)
    factory = session_factory(engine)
    name = f"bench_reviewer_{os.getpid()}"
    with transaction(factory) as session:
        user = session.scalar(select(User).where(User.name == name)) or users.add_user(
            session, name, "reviewer")
        uid = user.id
        token = users.new_token(session, name)
        ids = list(session.scalars(select(Project.id).where(Project.kind == "project_self_evaluation")
                                   .order_by(Project.id)))
        if not ids:
            raise SystemExit(f"no project self-evaluation in {url}")
        project_id = ids[len(ids) // 2]
        indicators = session.scalar(select(func.count()).select_from(IndicatorRow)
                                    .where(IndicatorRow.project_id == project_id))
    engine.dispose()
    cookie = URLSafeTimedSerializer(SECRET, salt="jixiao-session").dumps({"uid": uid, "csrf": "bench"})
    return {"token": token, "cookie": f"jixiao_session={cookie}", "project_id": project_id,
            "indicators": indicators, "user": name}


def cleanup_user(url: str, name: str) -> None:
    from sqlalchemy import delete, select

    from jixiao.store.db import make_engine, session_factory, transaction
    from jixiao.store.schema import ApiToken, User

    engine = make_engine(url)
    with transaction(session_factory(engine)) as session:
        uid = session.scalar(select(User.id).where(User.name == name))
        if uid is not None:
            session.execute(delete(ApiToken).where(ApiToken.user_id == uid))
            session.execute(delete(User).where(User.id == uid))
    engine.dispose()


class Server:
    """uvicorn serving ``create_app`` over ``url`` on a free loopback port."""

    def __init__(self, url: str) -> None:
        self.url, self.port = url, free_port()
        self.base = f"http://127.0.0.1:{self.port}"

    def __enter__(self) -> Server:
        import httpx

        env = os.environ | {"JIXIAO_DATABASE_URL": self.url, "JIXIAO_SECRET_KEY": SECRET}
        self.log = tempfile.TemporaryFile()
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "uvicorn", "jixiao.web.app:create_app", "--factory",
             "--host", "127.0.0.1", "--port", str(self.port), "--log-level", "warning", "--no-access-log"],
            env=env, stdout=self.log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                break
            try:
                if httpx.get(self.base + "/api/findings?limit=1", timeout=5).status_code == 200:
                    return self
            except httpx.HTTPError:
                pass
            time.sleep(0.3)
        self.__exit__()
        raise SystemExit("the server did not start")

    def cpu_seconds(self) -> float:
        with open(f"/proc/{self.proc.pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def __exit__(self, *exc: Any) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        if self.proc.returncode not in (0, -15, None) and exc and exc[0] is None:
            self.log.seek(0)
            print(self.log.read()[-2000:].decode(errors="replace"), file=sys.stderr)
        self.log.close()


def wrk(url: str, headers: dict[str, str], duration: float, connections: int, threads: int,
        lua: Path) -> dict[str, float]:
    cmd = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{duration:.0f}s", "--timeout", "10s",
           "-s", str(lua)]
    for k, v in headers.items():
        cmd += ["-H", f"{k}: {v}"]
    out = subprocess.run(cmd + [url], capture_output=True, text=True, timeout=duration + 30, check=True)
    line = next(x for x in out.stdout.splitlines() if x.startswith("{"))
    r = json.loads(line)
    seconds = r["duration_us"] / 1e6
    return {"requests": r["requests"], "rps": r["requests"] / seconds, "p50": r["p50_us"] / 1000,
            "p95": r["p95_us"] / 1000, "p99": r["p99_us"] / 1000, "max": r["max_us"] / 1000,
            "non2xx": r["status_errors"], "socket_errors": r["socket_errors"], "seconds": seconds}


def httpx_load(url: str, headers: dict[str, str], duration: float, connections: int,
               max_requests: int = 20000) -> dict[str, float]:
    """The fallback: ``connections`` clients in a loop, until ``duration`` or ``max_requests``."""
    import httpx

    latencies: list[float] = []
    bad = 0

    async def client(http: httpx.AsyncClient, stop: float) -> None:
        nonlocal bad
        while time.perf_counter() < stop and len(latencies) < max_requests:
            t = time.perf_counter()
            r = await http.get(url, headers=headers)
            latencies.append(time.perf_counter() - t)
            bad += not 200 <= r.status_code < 400

    async def run() -> float:
        limits = httpx.Limits(max_connections=connections)
        async with httpx.AsyncClient(limits=limits, timeout=10) as http:
            start = time.perf_counter()
            await asyncio.gather(*(client(http, start + duration) for _ in range(connections)))
            return time.perf_counter() - start

    seconds = asyncio.run(run())
    q = statistics.quantiles(latencies, n=100, method="inclusive")
    return {"requests": len(latencies), "rps": len(latencies) / seconds, "p50": q[49] * 1000,
            "p95": q[94] * 1000, "p99": q[98] * 1000, "max": max(latencies) * 1000, "non2xx": bad,
            "socket_errors": 0, "seconds": seconds}


def bench(label: str, url: str, args: argparse.Namespace, lua: Path) -> None:
    import httpx

    info = prepare(url)
    try:
        with Server(url) as server:
            reviewer_cookie = {"Cookie": info["cookie"], "Accept": "text/html"}
            html = {"Accept": "text/html"}
            cases = [
                ("project page (public)", f"/projects/{info['project_id']}", html),
                ("findings page (public)", "/findings", html),
                ("findings page (reviewer)", "/findings", reviewer_cookie),
                ("api/findings (public)", "/api/findings?limit=50", {}),
                ("api/findings (token)", "/api/findings?limit=50",
                 {"Authorization": f"Bearer {info['token']}"}),
            ]
            print(f"\n{label}: {url}  (project {info['project_id']}, {info['indicators']} rows)")
            print(f"{'page':26s} {'KB':>5s} {'req':>6s} {'req/s':>7s} {'p50 ms':>7s} {'p95 ms':>7s} "
                  f"{'p99 ms':>7s} {'max ms':>7s} {'non2xx':>6s} {'srv CPU':>7s}")
            for name, path, headers in cases:
                first = httpx.get(server.base + path, headers=headers, timeout=30)
                if first.status_code != 200:
                    raise SystemExit(f"{path}: {first.status_code} {first.text[:300]}")
                if "reviewer" in name and "bench_reviewer" not in first.text:
                    raise SystemExit(f"{path}: the reviewer is not signed in")
                for _ in range(5):   # warm caches, the pool and the templates
                    httpx.get(server.base + path, headers=headers, timeout=30)
                cpu = server.cpu_seconds()
                if shutil.which("wrk") and not args.httpx:
                    m = wrk(server.base + path, headers, args.duration, args.connections, args.threads, lua)
                else:
                    m = httpx_load(server.base + path, headers, args.duration, args.connections)
                share = (server.cpu_seconds() - cpu) / m["seconds"]
                print(f"{name:26s} {len(first.content) / 1024:5.0f} {m['requests']:6.0f} {m['rps']:7.1f} "
                      f"{m['p50']:7.1f} {m['p95']:7.1f} {m['p99']:7.1f} {m['max']:7.1f} "
                      f"{m['non2xx'] + m['socket_errors']:6.0f} {share:7.2f}", flush=True)
    finally:
        cleanup_user(url, info["user"])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("seeds", nargs="?", type=Path, default=bench_store.DEFAULT_SEEDS)
    parser.add_argument("--sqlite", help="an SQLite file already filled (else one is built)")
    parser.add_argument("--pg", help="a PostgreSQL URL already filled (else one is built)")
    parser.add_argument("--pg-admin", default=os.environ.get("JIXIAO_BENCH_PG", bench_store.DEFAULT_PG),
                        help="where to create the PostgreSQL store when --pg is not given")
    parser.add_argument("--backends", default="sqlite,postgresql")
    parser.add_argument("--documents", type=int, default=1000)
    parser.add_argument("--duration", type=float, default=15)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--httpx", action="store_true", help="use the httpx load generator, not wrk")
    args = parser.parse_args()
    args.duration = min(args.duration, 60)
    print(f"{os.cpu_count()} CPUs; load: {'httpx' if args.httpx or not shutil.which('wrk') else 'wrk'} "
          f"-t{args.threads} -c{args.connections} -d{args.duration:.0f}s")
    with tempfile.TemporaryDirectory(prefix="jixiao-bench-web-") as tmp:
        work = Path(tmp)
        lua = work / "report.lua"
        lua.write_text(WRK_LUA)
        for backend in args.backends.split(","):
            given = args.sqlite if backend == "sqlite" else args.pg
            if given:
                url = given if "://" in given else f"sqlite:///{Path(given).resolve()}"
                bench(backend, url, args, lua)
                continue
            copies = work / "copies"
            if not copies.exists():
                bench_store.write_copies(bench_store.seeds(args.seeds), args.documents, copies)
            with bench_store.Store(backend, work, args.pg_admin, f"web_{backend}") as store:
                bench_store.run_import(copies, store.url, 2, 1800)
                bench(backend, store.url, args, lua)


if __name__ == "__main__":
    main()
