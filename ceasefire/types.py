"""Typed records that flow between the pipeline stages.

Every stage reads and writes these records only; their ``to_json`` methods
produce the JSON shapes fixed in the design (event JSON, claim JSON).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass(frozen=True)
class ActorRef:
    """A resolved actor: ``id`` is ``TOP[.SECTOR]``."""

    id: str
    name: str
    country: str | None = None
    sector: str | None = None

    @property
    def top(self) -> str:
        return self.id.split(".", 1)[0]

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "name": self.name, "country": self.country, "sector": self.sector}


@dataclass(frozen=True)
class Place:
    name: str
    country: str | None
    lat: float | None
    lon: float | None

    def to_json(self) -> dict[str, Any]:
        return {"name": self.name, "country": self.country, "lat": self.lat, "lon": self.lon}


@dataclass(frozen=True)
class Evidence:
    start: int
    end: int
    text: str

    def to_json(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text}


@dataclass
class Document:
    """One ingested document. ``doc_id`` is a hash of the normalised text."""

    doc_id: str
    text: str
    title: str | None = None
    author: str | None = None
    publisher: str | None = None
    published: dt.date | None = None
    published_source: str | None = None  # "cli" | "metadata" | "text" | None
    path: str | None = None
    url: str | None = None
    fmt: str | None = None

    @property
    def dateless(self) -> bool:
        return self.published is None


@dataclass(frozen=True)
class Sentence:
    doc_id: str
    index: int
    start: int
    end: int
    text: str
    parsed: bool = False


@dataclass(frozen=True)
class Mention:
    doc_id: str
    sentence_index: int
    start: int
    end: int
    text: str
    actor: ActorRef | None
    kind: str  # "actor" | "place" | "unknown"


@dataclass
class Event:
    event_id: str
    doc_id: str | None
    sentence: str
    type: str
    mode: str | None
    cameo: str | None
    goldstein: float | None
    quad_class: int | None
    source: ActorRef | None
    target: ActorRef | None
    date: str | None
    date_precision: str | None
    location: Place | None
    negated: bool
    hypothetical: bool
    attributed_to: ActorRef | None
    evidence: Evidence
    rule: str
    confidence: float
    sentence_index: int | None = None
    agreement_id: str | None = None
    explain: dict[str, Any] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {
            "event_id": self.event_id,
            "doc_id": self.doc_id,
            "sentence": self.sentence,
            "type": self.type,
            "mode": self.mode,
            "cameo": self.cameo,
            "goldstein": self.goldstein,
            "quad_class": self.quad_class,
            "source": self.source.to_json() if self.source else None,
            "target": self.target.to_json() if self.target else None,
            "date": self.date,
            "date_precision": self.date_precision,
            "location": self.location.to_json() if self.location else None,
            "negated": self.negated,
            "hypothetical": self.hypothetical,
            "attributed_to": self.attributed_to.to_json() if self.attributed_to else None,
            "evidence": self.evidence.to_json(),
            "rule": self.rule,
            "confidence": self.confidence,
            "agreement_id": self.agreement_id,
        }


@dataclass
class Claim:
    claim_id: str
    kind: str  # fatalities | wounded | troops | money | equipment | displaced
    low: int | None
    best: int | None
    high: int | None
    unit: str | None
    about: ActorRef | None
    category: str | None  # military | civilian | total
    as_of: str | None
    attributed_to: ActorRef | None
    sentence: str
    evidence: Evidence
    doc_id: str | None = None
    sentence_index: int | None = None
    rule: str = "ceasefire.claims.v1"

    def to_json(self) -> dict[str, Any]:
        return {
            "claim_id": self.claim_id,
            "doc_id": self.doc_id,
            "kind": self.kind,
            "low": self.low,
            "best": self.best,
            "high": self.high,
            "unit": self.unit,
            "about": self.about.to_json() if self.about else None,
            "category": self.category,
            "as_of": self.as_of,
            "attributed_to": self.attributed_to.to_json() if self.attributed_to else None,
            "sentence": self.sentence,
            "evidence": self.evidence.to_json(),
            "rule": self.rule,
        }


@dataclass
class Agreement:
    agreement_id: str
    name: str
    date: str | None
    kind: str | None = None  # ceasefire | protocol | statement | treaty | declaration
    parties: list[str] = field(default_factory=list)
    brokers: list[str] = field(default_factory=list)
    place: str | None = None
    origin: str = "pack"  # "pack" | "coded"
    doc_id: str | None = None
    aliases: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class CodedDocument:
    """Everything the coder produced for one document."""

    doc: Document
    sentences: list[Sentence]
    mentions: list[Mention]
    events: list[Event]
    claims: list[Claim]
    agreements: list[Agreement] = field(default_factory=list)


@dataclass(frozen=True)
class Skipped:
    """A file or record that could not be ingested, and why."""

    path: str
    reason: str
