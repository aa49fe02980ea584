"""Stand-ins for a reader gone wrong, run in the worker pool (importable by the workers)."""

from __future__ import annotations

import os
import time

from jixiao.workers import Parsed


def slow(name: str, data: bytes) -> Parsed:
    time.sleep(float(data or b"30"))
    return Parsed(name, None, "slept")


def hog(name: str, data: bytes) -> Parsed:
    """Asks for more memory than the worker may have: MemoryError, inside the worker."""
    try:
        block = bytearray(int(data))
    except MemoryError:
        return Parsed(name, None, "内存不足")
    return Parsed(name, None, f"allocated {len(block)}")


def die(name: str, data: bytes) -> Parsed:
    os._exit(9)


def echo(name: str, data: bytes) -> Parsed:
    return Parsed(name, None, f"pid {os.getpid()}")
