from __future__ import annotations

import datetime as dt

import ceasefire
from ceasefire.store import Store
from ceasefire.types import CodedDocument, Document, Event, Evidence, Sentence


def test_package_open_returns_dataframes(tmp_path):
    db = tmp_path / "x.duckdb"
    doc = Document("d1", "Georgian forces shelled Russian positions.", published=dt.date(2008, 8, 8))
    event = Event("e1", "d1", doc.text, "ASSAULT", None, "190", -10.0, 4, None, None,
                  "2008-08-08", "document", None, False, False, None,
                  Evidence(16, 23, "shelled"), "ceasefire.rules.v1/verb", 0.7, 0)
    with Store(db) as store:
        store.add(CodedDocument(doc, [Sentence("d1", 0, 0, len(doc.text), doc.text, True)],
                                [], [event], []))
    frame = ceasefire.open(db).events()
    assert list(frame["event_id"]) == ["e1"]
    assert list(frame["type"]) == ["ASSAULT"]
