"""Where a value came from: file, line or page, and the raw text it was read from."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Where:
    """A place in a source document (beancount's ``meta``).

    ``line`` is 1-based in the decoded text; ``page`` is set by PDF sources;
    ``column`` is the 0-based cell index within the line's cells, if known.
    """

    file: str
    line: int | None = None
    page: int | None = None
    column: int | None = None

    def __str__(self) -> str:
        parts = [self.file]
        if self.page is not None:
            parts.append(f"第{self.page}页")
        if self.line is not None:
            parts.append(f"第{self.line}行")
        return " ".join(parts)


NOWHERE = Where(file="")


@dataclass(frozen=True, slots=True)
class Derived:
    """How a value was computed rather than read: the rule and what it came from."""

    rule: str
    formula: str
    inputs: tuple[Where, ...] = ()
