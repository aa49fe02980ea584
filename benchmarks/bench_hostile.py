"""Other clients' latency and the server's memory while a hostile or heavy upload is read
(a benchmark, not a test; issue 10's figures).

The app is served by uvicorn on 127.0.0.1 (a subprocess, one process, a temporary SQLite
store, the default ``Limits``). An admin's bearer token is made with the store's functions.
Two runs:

* ``big``: a valid text document of about 20 MB (one self-evaluation table copied under
  distinct project names) is uploaded while 16 clients read ``/api/documents`` and ``/`` in a
  loop; p50/p95/max latency of their requests while the upload is in flight;
* ``bomb``: an XLSX of ~150 KB whose one shared string is 150 MB, shown by 1 000 cells (the
  issue's bomb), uploaded likewise.

For each: the upload's status and message, the reading clients' latency, and the peak RSS
(sampled every 50 ms from /proc) of the server process alone and of the server with its
reading workers.

    .venv/bin/python benchmarks/bench_hostile.py [--clients 16] [--mb 20]
"""

from __future__ import annotations

import argparse
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

SECRET = "bench-hostile-secret-not-for-production-0123"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def rss_kb(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def descendants(pid: int) -> list[int]:
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(ppid, []).append(int(entry.name))
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        for c in children.get(p, []):
            out.append(c)
            todo.append(c)
    return out


class Sampler(threading.Thread):
    """Peak RSS of the server alone and of its whole process tree."""

    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.pid, self.peak_server, self.peak_tree, self.stop = pid, 0, 0, False

    def run(self) -> None:
        while not self.stop:
            own = rss_kb(self.pid)
            tree = own + sum(rss_kb(p) for p in descendants(self.pid))
            self.peak_server, self.peak_tree = max(self.peak_server, own), max(self.peak_tree, tree)
            time.sleep(0.05)


def big_document(mb: float) -> bytes:
    from tests.web.web_fixtures import DEFAULT_PROJECT, make_doc

    one = len(make_doc())
    count = max(1, int(mb * 1024 * 1024 / one))
    projects = [DEFAULT_PROJECT | {"name": f"项目{n:06d}"} for n in range(count)]
    return make_doc(projects=projects)


def serve(db: Path, port: int) -> subprocess.Popen[bytes]:
    code = ("import uvicorn; from jixiao.web.app import create_app; "
            f"uvicorn.run(create_app('sqlite:///{db}'), host='127.0.0.1', port={port}, log_level='warning')")
    env = dict(os.environ, JIXIAO_SECRET_KEY=SECRET, PYTHONPATH=str(ROOT / "src"))
    return subprocess.Popen([sys.executable, "-c", code], env=env, cwd=ROOT)


def run(name: str, base: str, token: str, filename: str, data: bytes, clients: int, pid: int) -> dict[str, Any]:
    import httpx

    latencies: list[float] = []
    errors = 0
    done = threading.Event()
    lock = threading.Lock()

    def reader() -> None:
        nonlocal errors
        with httpx.Client(base_url=base, timeout=60) as c:
            n = 0
            while not done.is_set():
                start = time.perf_counter()
                r = c.get("/api/documents" if n % 2 else "/")
                elapsed = time.perf_counter() - start
                with lock:
                    latencies.append(elapsed)
                    errors += r.status_code >= 500
                n += 1

    sampler = Sampler(pid)
    sampler.start()
    threads = [threading.Thread(target=reader, daemon=True) for _ in range(clients)]
    for t in threads:
        t.start()
    time.sleep(1.0)
    with lock:
        latencies.clear()          # only the requests made while the upload is in flight
    start = time.perf_counter()
    with httpx.Client(base_url=base, timeout=600) as c:
        r = c.post("/api/documents", files={"file": (filename, data)}, headers={"Authorization": f"Bearer {token}"})
    upload_s = time.perf_counter() - start
    with lock:
        during = sorted(latencies)
    done.set()
    for t in threads:
        t.join(30)
    sampler.stop = True
    sampler.join()
    body = r.json()
    message = body.get("error", {}).get("message") or f"文档 {body.get('document', {}).get('id')}"
    q = statistics.quantiles(during, n=100) if len(during) > 1 else [0.0] * 99
    return {"run": name, "size_mb": len(data) / 1048576, "status": r.status_code, "message": message[:60],
            "upload_s": upload_s, "requests": len(during), "p50_ms": q[49] * 1000, "p95_ms": q[94] * 1000,
            "max_ms": (during[-1] if during else 0) * 1000, "server_5xx": errors,
            "peak_server_mb": sampler.peak_server / 1024, "peak_tree_mb": sampler.peak_tree / 1024}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--mb", type=float, default=19.5)
    parser.add_argument("--bomb-mb", type=int, default=150)
    args = parser.parse_args()

    from jixiao.store.db import make_engine, session_factory, transaction, upgrade
    from jixiao.store.users import add_user, new_token
    from tests.security import bombs

    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "bench.db"
        engine = make_engine(f"sqlite:///{db}")
        upgrade(engine)
        with transaction(session_factory(engine)) as s:
            add_user(s, "bench", "admin", password="bench-hostile-passphrase-1")
            token = new_token(s, "bench")
        engine.dispose()
        port = free_port()
        server = serve(db, port)
        base = f"http://127.0.0.1:{port}"
        try:
            import httpx

            deadline = time.monotonic() + 60
            while time.monotonic() < deadline:
                try:
                    if httpx.get(base + "/api/documents", timeout=2).status_code == 200:
                        break
                except httpx.HTTPError:
                    time.sleep(0.2)
            rows = [run("big", base, token, "big.txt", big_document(args.mb), args.clients, server.pid),
                    run("bomb", base, token, "bomb.xlsx", bombs.xlsx_shared_string(args.bomb_mb * 1048576),
                        args.clients, server.pid)]
        finally:
            server.terminate()
            server.wait(30)
    keys = list(rows[0])
    print("\t".join(keys))
    for row in rows:
        print("\t".join(f"{row[k]:.1f}" if isinstance(row[k], float) else str(row[k]) for k in keys))


if __name__ == "__main__":
    main()
