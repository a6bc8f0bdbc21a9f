"""Analysis views over a Store; every function returns JSON-serialisable dicts.

    chronology(store, since, until, actor)  dated, deduplicated, sourced events
    dyads(store)                            per pair and month: quad classes, Goldstein
    network(store)                          actor graph with centralities
    ceasefires(store)                       agreements and what was reported after them
    compare_claims(store)                   where figures of different sources disagree
    mediation(store)                        meetings, talks and mediated agreements
"""

from __future__ import annotations

from ceasefire.analysis.ceasefires import agreements, ceasefires
from ceasefire.analysis.chronology import chronology
from ceasefire.analysis.claims import DISAGREE_RATIO, compare_claims
from ceasefire.analysis.dyads import dyads
from ceasefire.analysis.mediation import mediation
from ceasefire.analysis.network import network
from ceasefire.analysis.overview import overview, places

__all__ = [
    "DISAGREE_RATIO",
    "agreements",
    "ceasefires",
    "chronology",
    "compare_claims",
    "dyads",
    "mediation",
    "network",
    "overview",
    "places",
]
