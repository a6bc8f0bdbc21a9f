"""A Python API that returns pandas DataFrames.

    >>> from ceasefire.interfaces import frame
    >>> db = frame.open("ceasefire.duckdb")
    >>> db.events(actor="AZE").groupby("type").size()
"""

from __future__ import annotations

import builtins
from pathlib import Path
from typing import Any

import pandas as pd

from ceasefire import analysis
from ceasefire.interfaces.export import flatten
from ceasefire.store import Store

__all__ = ["Database", "open"]


class Database:
    """Read-only access to a ceasefire database as DataFrames."""

    def __init__(self, path: str | Path) -> None:
        self.store = Store(path, read_only=True)

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> Database:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _table(self, sql: str, params: builtins.list[Any] | None = None) -> pd.DataFrame:
        return self.store.con.execute(sql, params or []).df()

    def events(self, actor: str | None = None, type: str | None = None,
               since: str | None = None, until: str | None = None,
               doc_id: str | None = None) -> pd.DataFrame:
        """Events, one row each, flat columns (``source_id``, ``target_name``, ``lat`` ...)."""
        rows = self.store.events(actor=actor, type=type, since=since, until=until,
                                 doc_id=doc_id)
        return pd.DataFrame([flatten(r) for r in rows])

    def claims(self) -> pd.DataFrame:
        return self._table(
            "SELECT * EXCLUDE (coder_version) FROM claims "
            "ORDER BY as_of NULLS LAST, doc_id, sentence_idx, ev_start")

    def documents(self, text: bool = False) -> pd.DataFrame:
        cols = "*" if text else "* EXCLUDE (text)"
        return self._table(f"SELECT {cols} FROM documents ORDER BY published NULLS LAST, doc_id")

    def actors(self) -> pd.DataFrame:
        return self._table("SELECT * FROM actors ORDER BY actor_id")

    def agreements(self) -> pd.DataFrame:
        return self._table("SELECT * FROM agreements ORDER BY date NULLS LAST, agreement_id")

    def chronology(self, **kwargs: Any) -> pd.DataFrame:
        return pd.DataFrame(analysis.chronology(self.store, **kwargs))

    def dyads(self) -> pd.DataFrame:
        return pd.DataFrame(analysis.dyads(self.store))

    def ceasefires(self) -> pd.DataFrame:
        return pd.DataFrame(analysis.ceasefires(self.store))

    def compare_claims(self) -> pd.DataFrame:
        return pd.DataFrame(analysis.compare_claims(self.store))


def open(path: str | Path = "ceasefire.duckdb") -> Database:
    """Open a database read-only for analysis in pandas."""
    return Database(path)
