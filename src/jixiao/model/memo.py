"""Memoise a function of one model object by identity, not by value.

Checks and the final-accounts views read the same judgements of one document again; hashing a whole frozen
model by value to find them again costs more than the judgement itself.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable
from typing import TypeVar

A = TypeVar("A")
R = TypeVar("R")


def by_identity(maxsize: int = 16) -> Callable[[Callable[[A], R]], Callable[[A], R]]:
    """Cache ``fn(obj)`` per object; the entry keeps ``obj`` alive so its id stays its own."""

    def wrap(fn: Callable[[A], R]) -> Callable[[A], R]:
        store: OrderedDict[int, tuple[A, R]] = OrderedDict()

        def cached(obj: A) -> R:
            hit = store.get(id(obj))
            if hit is not None and hit[0] is obj:
                return hit[1]
            value = fn(obj)
            store[id(obj)] = (obj, value)
            if len(store) > maxsize:
                store.popitem(last=False)
            return value

        cached.__doc__ = fn.__doc__
        cached.__wrapped__ = fn  # type: ignore[attr-defined]
        return cached

    return wrap
