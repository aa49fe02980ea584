"""The reading workers: a time limit, a memory limit, a crash, and death with their parent."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from jixiao.limits import Limits
from jixiao.workers import ParsePool
from tests.security import targets

ROOT = Path(__file__).resolve().parents[2]


def test_a_file_past_the_time_limit_is_refused_and_the_pool_goes_on() -> None:
    pool = ParsePool(Limits(parse_seconds=3, workers=1), target=targets.slow)
    try:
        start = time.monotonic()
        parsed = asyncio.run(pool.parse("slow.txt", b"60"))
        assert parsed.result is None and parsed.error and "读取超时" in parsed.error
        assert time.monotonic() - start < 30
        assert pool.wait("quick.txt", pool.submit("quick.txt", b"0")).error == "slept"
    finally:
        pool.close()


def test_a_file_past_the_memory_limit_gets_memory_error_in_its_worker() -> None:
    pool = ParsePool(Limits(parse_memory_mb=512, workers=1), target=targets.hog)
    try:
        assert pool.wait("hog", pool.submit("hog", str(3 * 1024**3).encode())).error == "内存不足"
        assert pool.wait("ok", pool.submit("ok", str(1024).encode())).error == "allocated 1024"
    finally:
        pool.close()


def test_a_worker_that_dies_is_that_files_message() -> None:
    pool = ParsePool(Limits(workers=1), target=targets.die)
    try:
        parsed = pool.wait("dead", pool.submit("dead", b""))
        assert parsed.result is None and parsed.error and "内存" in parsed.error
    finally:
        pool.close()
    pool = ParsePool(Limits(workers=1), target=targets.echo)
    try:
        assert (pool.wait("x", pool.submit("x", b"")).error or "").startswith("pid ")
    finally:
        pool.close()


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="process listing through /proc")
def test_workers_die_with_their_parent() -> None:
    """``kill -9`` of an import must not leave workers holding anything (the rerun used to hang)."""
    script = textwrap.dedent("""
        import sys, time
        from jixiao.limits import Limits
        from jixiao.workers import ParsePool
        from tests.security import targets
        pool = ParsePool(Limits(workers=2), target=targets.slow)
        futures = [pool.submit("a", b"120"), pool.submit("b", b"120")]
        time.sleep(3)
        print(" ".join(str(p) for p in pool._executor._processes), flush=True)
        time.sleep(120)
    """)
    parent = subprocess.Popen([sys.executable, "-c", script], cwd=ROOT, stdout=subprocess.PIPE, text=True)
    try:
        assert parent.stdout is not None
        pids = [int(p) for p in parent.stdout.readline().split()]
        assert len(pids) == 2 and all(Path(f"/proc/{p}").exists() for p in pids)
    finally:
        os.kill(parent.pid, signal.SIGKILL)
        parent.wait()
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline and any(_alive(p) for p in pids):
        time.sleep(0.2)
    assert not any(_alive(p) for p in pids)


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().split(")")[-1].split()[0]
    except OSError:
        return False
    return state != "Z"


def test_reading_an_upload_never_blocks_other_requests(app: object, users: dict[str, str]) -> None:
    """While one upload is being read (here: a reader that takes 4 s), other requests are
    answered: they finish before the upload does (it used to stall every client)."""
    import httpx

    from tests.web.web_fixtures import bearer

    app.state.parser = ParsePool(app.state.limits, workers=1, target=targets.slow)  # type: ignore[attr-defined]

    async def scenario() -> tuple[list[float], float, int]:
        loop = asyncio.get_running_loop()
        transport = httpx.ASGITransport(app=app)  # type: ignore[arg-type]
        async with httpx.AsyncClient(transport=transport, base_url="http://test", timeout=60) as c:
            upload = asyncio.create_task(c.post("/api/documents", files={"file": ("slow.txt", b"4")},
                                                headers=bearer(users["admin"])))
            await asyncio.sleep(0.5)
            answered = []
            for _ in range(5):
                r = await c.get("/api/documents")
                assert r.status_code == 200
                answered.append(loop.time())
            response = await upload
            return answered, loop.time(), response.status_code

    try:
        answered, uploaded, status = asyncio.run(scenario())
    finally:
        app.state.parser.close()  # type: ignore[attr-defined]
    assert status == 400                      # the stand-in reader refuses the file, after 4 s
    assert all(t < uploaded for t in answered)
