"""Ingest: read files into documents — readers, cleaning, metadata, de-duplication.

iter_documents(paths)      files and directories -> Document | Skipped
work_units(paths)          the input cut into pieces a worker reads alone (read_unit)
document_from_text(text)   one text -> Document (cleaned, dated, with its id)
clean_text(raw)            markup, notes and boilerplate removed
doc_id_for(text)           hash of the normalised text
find_title(text), find_published(text)
"""

from __future__ import annotations

from ceasefire.ingest.cleaning import clean_text
from ceasefire.ingest.dedupe import doc_id_for
from ceasefire.ingest.metadata import find_published, find_title
from ceasefire.ingest.readers import (
    FORMATS,
    Unreadable,
    WorkUnit,
    document_from_text,
    iter_documents,
    read_unit,
    work_units,
)

__all__ = [
    "FORMATS",
    "Unreadable",
    "WorkUnit",
    "clean_text",
    "doc_id_for",
    "document_from_text",
    "find_published",
    "find_title",
    "iter_documents",
    "read_unit",
    "work_units",
]
