"""Reading in worker processes, bounded in time and memory, never on the web server's event loop.

The web app and ``jixiao import`` hand each file to a ``ParsePool``: a pool of processes
started by a fork server (so they inherit no database connection or open socket), each with
an address-space limit, dying with their parent. A file that runs past ``Limits.parse_seconds``
has its workers killed and the pool restarted; a file that needs more memory than the limit
gets ``MemoryError`` inside its worker. Either way the file gets a Chinese message, and the
others go on. Every exception at this boundary becomes that file's message.
"""

from __future__ import annotations

import asyncio
import ctypes
import logging
import multiprocessing
import os
import signal
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from typing import Any

from jixiao.limits import Limits, current
from jixiao.pipeline import Result, run_bytes

log = logging.getLogger(__name__)

TIMED_OUT = ("读取超时（超过 {seconds:g} 秒），文件过于复杂，拒绝读取", "reading timed out after {seconds:g} s")
OUT_OF_MEMORY = ("读取所需内存超过上限（{mb:g} MB），文件过于复杂，拒绝读取", "reading needs more than {mb:g} MB")
CRASHED = ("读取失败：文件内容异常，无法读取（{kind}）", "reading failed: {kind}")


@dataclass(frozen=True, slots=True)
class Parsed:
    """One file read in a worker: the pipeline's result, or why it could not be read (zh, en)."""

    name: str
    result: Result | None
    error: str | None = None
    error_en: str | None = None


def parse(name: str, data: bytes, ruleset: str | None = None) -> Parsed:
    """The pipeline on one file; no exception leaves (the unreadable one cannot be pickled)."""
    try:
        result = run_bytes(name, data, ruleset)
    except MemoryError:
        lim = current()
        return Parsed(name, None, OUT_OF_MEMORY[0].format(mb=lim.parse_memory_mb),
                      OUT_OF_MEMORY[1].format(mb=lim.parse_memory_mb))
    except RecursionError:
        return Parsed(name, None, "文件结构嵌套过深，拒绝读取", "nested too deeply")
    except Exception as exc:
        log.info("读取 %s 时出错", name, exc_info=True)
        kind = type(exc).__name__
        return Parsed(name, None, CRASHED[0].format(kind=kind), CRASHED[1].format(kind=kind))
    if result.unreadable is not None:
        return Parsed(name, None, result.unreadable.zh, result.unreadable.en)
    return Parsed(name, result)


def _die_with_owner(owner: int) -> None:
    """A worker must not outlive the process that owns the pool (``kill -9`` of an import).

    Its parent is the fork server, which itself lives as long as any worker does (each worker
    holds its liveness pipe), so the parent-death signal alone would never fire: the worker
    watches the owner itself.
    """
    try:
        libc = ctypes.CDLL("libc.so.6", use_errno=True)
        libc.prctl(1, signal.SIGKILL)      # PR_SET_PDEATHSIG: the fork server gone, go too
    except (OSError, AttributeError):
        pass

    def watch() -> None:
        while _alive(owner):
            time.sleep(0.5)
        os._exit(1)

    threading.Thread(target=watch, daemon=True, name="die-with-owner").start()


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:    # a killed owner not yet reaped is a zombie: dead all the same
        with open(f"/proc/{pid}/stat", encoding="ascii", errors="replace") as stat:
            return stat.read().rsplit(")", 1)[-1].split()[0] != "Z"
    except (OSError, IndexError):
        return True


def _init_worker(memory_bytes: int, owner: int) -> None:
    _die_with_owner(owner)
    try:
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (memory_bytes, memory_bytes))
    except (ImportError, ValueError, OSError):    # not on this platform, or lower already
        log.warning("无法限制读取进程的内存")


Target = Callable[..., Parsed]


class ParsePool:
    """A pool of reading workers with the time and memory limits of ``limits``."""

    def __init__(self, limits: Limits | None = None, workers: int | None = None,
                 target: Target = parse) -> None:
        self.limits = limits or current()
        self.workers = workers or self.limits.workers
        self.target = target
        self._lock = threading.Lock()
        self._executor: ProcessPoolExecutor | None = None

    def _pool(self) -> ProcessPoolExecutor:
        with self._lock:
            if self._executor is None:
                context = multiprocessing.get_context("forkserver")
                # The fork server imports the pipeline once; never the program's __main__.
                context.set_forkserver_preload(["jixiao.workers"])
                self._executor = ProcessPoolExecutor(
                    max_workers=self.workers, mp_context=context, initializer=_init_worker,
                    initargs=(self.limits.parse_memory_bytes, os.getpid()), max_tasks_per_child=20)
            return self._executor

    def submit(self, name: str, data: bytes, *args: Any) -> Future[Parsed]:
        try:
            return self._pool().submit(self.target, name, data, *args)
        except (BrokenProcessPool, RuntimeError):
            self.restart()
            return self._pool().submit(self.target, name, data, *args)

    def _failed(self, name: str, exc: BaseException) -> Parsed:
        """The message of a file whose worker ran out of time, died, or could not run."""
        if isinstance(exc, TimeoutError):
            s = self.limits.parse_seconds
            return Parsed(name, None, TIMED_OUT[0].format(seconds=s), TIMED_OUT[1].format(seconds=s))
        if isinstance(exc, BrokenProcessPool):
            mb = self.limits.parse_memory_mb
            return Parsed(name, None, OUT_OF_MEMORY[0].format(mb=mb), OUT_OF_MEMORY[1].format(mb=mb))
        kind = type(exc).__name__
        return Parsed(name, None, CRASHED[0].format(kind=kind), CRASHED[1].format(kind=kind))

    def wait(self, name: str, future: Future[Parsed], timeout: float | None = None) -> Parsed:
        """The worker's answer (blocking: the CLI), bounded by the time limit."""
        try:
            return future.result(timeout=timeout or self.limits.parse_seconds)
        except Exception as exc:
            if isinstance(exc, (TimeoutError, BrokenProcessPool)):
                self.restart()
            return self._failed(name, exc)

    async def parse(self, name: str, data: bytes, *args: Any) -> Parsed:
        """The worker's answer without blocking the event loop, bounded by the time limit.

        A pool broken under this file (another file's worker killed for its time, say) is
        restarted and the file tried once more; a second break is this file's own doing.
        """
        for attempt in (1, 2):
            future = self.submit(name, data, *args)
            try:
                return await asyncio.wait_for(asyncio.wrap_future(future), self.limits.parse_seconds)
            except BrokenProcessPool as exc:
                self.restart()
                if attempt == 2:
                    return self._failed(name, exc)
            except Exception as exc:
                if isinstance(exc, TimeoutError):
                    self.restart()
                return self._failed(name, exc)
        raise AssertionError("unreachable")

    def restart(self) -> None:
        """Kill the workers (one is stuck or dead) and start afresh on the next file."""
        with self._lock:
            executor, self._executor = self._executor, None
        if executor is None:
            return
        processes = dict(getattr(executor, "_processes", None) or {})
        for process in processes.values():
            try:
                process.kill()
            except (OSError, ValueError, AttributeError):
                pass
        executor.shutdown(wait=False, cancel_futures=True)

    def close(self) -> None:
        with self._lock:
            executor, self._executor = self._executor, None
        if executor is not None:
            executor.shutdown(wait=True, cancel_futures=True)


_shared: dict[tuple[Limits, int], ParsePool] = {}
_shared_lock = threading.Lock()


def shared_pool(limits: Limits | None = None) -> ParsePool:
    """One pool per set of limits in this process (the web app's)."""
    limits = limits or current()
    with _shared_lock:
        key = (limits, limits.workers)
        if key not in _shared:
            _shared[key] = ParsePool(limits)
        return _shared[key]
