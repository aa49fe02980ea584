"""The one list of readers. A new layout is a new small module added here."""

from __future__ import annotations

from jixiao.readers.base import Reader

READERS: list[Reader] = []


def register(reader: Reader) -> Reader:
    """Add a reader (used at import time by each reader module)."""
    if any(r.name == reader.name for r in READERS):
        raise ValueError(f"reader {reader.name} registered twice")
    READERS.append(reader)
    return reader


def all_readers() -> tuple[Reader, ...]:
    # Importing the modules registers their readers, in this order.
    from jixiao.readers import (  # noqa: F401
        accounts,
        selfeval_cells,
        selfeval_form,
        selfeval_tabbed,
        targets_form,
        targets_spaced,
    )

    return tuple(READERS)
