"""Jixiao (绩效): read, score, audit and publish budget performance documents."""

from jixiao.pipeline import Result, read_document, run, run_bytes

__all__ = ["Result", "read_document", "run", "run_bytes"]
__version__ = "0.1.0"
