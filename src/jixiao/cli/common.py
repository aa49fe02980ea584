"""Options and helpers shared by the commands: exit codes, atomic writes, error messages."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from rich.console import Console

EXIT_CLEAN = 0      # no error found
EXIT_FINDINGS = 1   # at least one error-level finding
EXIT_UNREADABLE = 2  # an input could not be read

console = Console(stderr=True)


def write_atomic(path: Path, text: str) -> None:
    """Write through a temporary file and rename: never a half-written output file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def report_unreadable(name: str, zh: str, en: str) -> None:
    console.print(f"[red]无法读取[/red] {name}：{zh}  [dim]({en})[/dim]")


def expand_inputs(paths: list[Path]) -> list[Path]:
    """Files as given; folders expanded to the files they hold (sorted)."""
    out: list[Path] = []
    for p in paths:
        if p.is_dir():
            out.extend(sorted(q for q in p.rglob("*") if q.is_file() and not q.name.startswith(".")))
        else:
            out.append(p)
    return out
