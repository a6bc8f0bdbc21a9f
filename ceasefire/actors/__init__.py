"""Actors: knowledge-pack loading and resolution of mentions to actors, with tenures."""

from __future__ import annotations

from ceasefire.actors.pack import (
    ActorEntry,
    KnowledgePack,
    Period,
    PersonEntry,
    PlaceEntry,
    SectorTerm,
    Tenure,
)
from ceasefire.actors.resolve import ActorResolver

__all__ = [
    "ActorEntry",
    "ActorResolver",
    "KnowledgePack",
    "Period",
    "PersonEntry",
    "PlaceEntry",
    "SectorTerm",
    "Tenure",
]
