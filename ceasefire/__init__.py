"""ceasefire: a source-linked database of who did what to whom, when and where."""

from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["__version__"]
