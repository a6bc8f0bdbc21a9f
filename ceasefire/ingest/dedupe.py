"""Document ids from normalised text, and de-duplication within a batch."""

from __future__ import annotations

import hashlib
import re
import unicodedata

__all__ = ["Deduper", "doc_id_for", "normalise_for_id"]

# Every character str.split() treats as whitespace becomes a plain space.
_WHITESPACE = (
    "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f\x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005"
    "\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
)
_TO_SPACE = dict.fromkeys(map(ord, _WHITESPACE), " ")
_RUNS = re.compile(r" {2,}")


def normalise_for_id(text: str) -> str:
    """NFC, whitespace collapsed to single spaces, stripped, lower-cased."""
    spaced = unicodedata.normalize("NFC", text).translate(_TO_SPACE)
    return _RUNS.sub(" ", spaced).strip(" ").lower()


def doc_id_for(text: str) -> str:
    """First 16 hex characters of the SHA-256 of the normalised text."""
    return hashlib.sha256(normalise_for_id(text).encode("utf-8")).hexdigest()[:16]


class Deduper:
    """Remembers the doc ids seen in one batch and where each was first seen."""

    def __init__(self) -> None:
        self._first: dict[str, str] = {}

    def first_seen(self, doc_id: str, where: str) -> str | None:
        """Return where ``doc_id`` was seen before, or record ``where`` and return None."""
        previous = self._first.get(doc_id)
        if previous is None:
            self._first[doc_id] = where
        return previous
