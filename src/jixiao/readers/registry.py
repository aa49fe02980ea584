"""The one list of readers, in the order they read.

Readers of one printing come first; the general form readers (``general = True``) then
read, each in turn, what no reader before them claimed.
"""

from __future__ import annotations

from importlib import import_module

from jixiao.readers.base import Reader

READERS: list[Reader] = []
ORDER = ("accounts", "selfeval_cells", "targets_spaced", "targets_prose", "targets_form", "selfeval_frame",
         "selfeval_form", "selfeval_aligned")


def register(reader: Reader) -> Reader:
    """Add a reader (used at import time by each reader module)."""
    if any(r.name == reader.name for r in READERS):
        raise ValueError(f"reader {reader.name} registered twice")
    READERS.append(reader)
    return reader


def all_readers() -> tuple[Reader, ...]:
    """Every reader, in ``ORDER`` (importing a module registers its reader)."""
    modules = [import_module(f"jixiao.readers.{name}") for name in ORDER]
    rank = {m.__name__.rsplit(".", 1)[1]: i for i, m in enumerate(modules)}
    return tuple(sorted(READERS, key=lambda r: rank.get(type(r).__module__.rsplit(".", 1)[1], len(rank))))
