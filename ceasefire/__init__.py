"""ceasefire: a source-linked database of who did what to whom, when and where."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

__version__ = "0.1.0"

__all__ = ["__version__", "open"]

if TYPE_CHECKING:
    from ceasefire.interfaces.frame import Database


def open(path: str | Path = "ceasefire.duckdb") -> Database:
    """Open a ceasefire database for reading as pandas DataFrames (``.events()``, ...)."""
    from ceasefire.interfaces.frame import open as open_frame

    return open_frame(path)
