"""Analysis views on the hand-built fixture database, with literal expected rows."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fixtures_db import build_store

from ceasefire import analysis
from ceasefire.store import Store


@pytest.fixture(scope="module")
def store() -> Iterator[Store]:
    s = build_store()
    yield s
    s.close()


def test_analysis_chronology_merges_reports_of_one_event(store: Store) -> None:
    rows = [r for r in analysis.chronology(store) if r["location"] == "Ganja"]
    assert len(rows) == 1
    row = rows[0]
    assert (row["date"], row["type"], row["source"], row["target"]) == (
        "2020-10-11", "ASSAULT", "ARM", "AZE")
    assert row["n_sources"] == 2
    assert [(s["doc_id"], s["event_id"]) for s in row["sources"]] == [
        ("doc-ganja", "e-gj-ganja"), ("doc-shelling", "e-sh-ganja")]


def test_analysis_chronology_is_in_date_order(store: Store) -> None:
    dates = [r["date"] for r in analysis.chronology(store)]
    assert dates == sorted(dates)
    assert dates[0] == "2016-04-02" and dates[-1] == "2022-09-13"
    assert len(dates) == 16  # 17 events, two of them one strike


def test_analysis_chronology_filters_actor_and_period(store: Store) -> None:
    rows = analysis.chronology(store, since="2020-11", until="2020-12", actor="RUS")
    assert [(r["date"], r["type"], r["source"], r["target"]) for r in rows] == [
        ("2020-11-09", "CONSULT", "RUS", "ARM")]


def test_analysis_dyads_counts_quad_classes_and_skips_negated(store: Store) -> None:
    rows = {(r["source"], r["target"], r["month"]): r for r in analysis.dyads(store)}
    assert rows[("ARM", "AZE", "2020-10")] == {
        "source": "ARM", "source_name": "Armenia", "target": "AZE",
        "target_name": "Azerbaijan", "month": "2020-10", "events": 4,
        "q1": 1, "q2": 0, "q3": 1, "q4": 2, "goldstein": -14.0,
    }
    assert len(rows) == 11


def test_analysis_network_edges_and_centrality(store: Store) -> None:
    net = analysis.network(store)
    edges = {(e["source"], e["target"]): (e["weight"], e["goldstein"]) for e in net["edges"]}
    assert edges == {
        ("ARM", "AZE"): (6, -1.333), ("AZE", "ARM"): (3, -1.333), ("AZE", "NKR"): (3, -10.0),
        ("NKR", "AZE"): (1, -2.0), ("RUS", "ARM"): (2, 1.0), ("RUS", "AZE"): (1, 1.0),
    }
    nodes = {n["id"]: n for n in net["nodes"]}
    assert nodes["AZE"]["betweenness"] == 0.6667
    assert nodes["AZE"]["degree"] == 1.0
    assert nodes["NKR"]["events"] == 4


def test_analysis_ceasefires_reports_first_violation(store: Store) -> None:
    rows = {r["agreement_id"]: r for r in analysis.ceasefires(store)}
    moscow = rows["2020-10-10-moscow"]
    assert moscow["window_end"] == "2020-10-17"
    assert [v["event_id"] for v in moscow["accusations"]] == ["e-sh-accuse"]
    assert sorted(v["event_id"] for v in moscow["assaults"]) == ["e-gj-ganja", "e-sh-ganja"]
    assert moscow["days_to_first_violation"] == 1
    assert moscow["reported_by"] == ["e-mos-agree"]


def test_analysis_ceasefires_ignores_negated_assault(store: Store) -> None:
    second = next(r for r in analysis.ceasefires(store)
                  if r["agreement_id"] == "2020-10-17-truce")
    assert second["n_assaults"] == 0
    assert [v["event_id"] for v in second["accusations"]] == ["e-2nd-accuse"]


def test_analysis_ceasefires_window_runs_to_next_agreement(store: Store) -> None:
    rows = {r["agreement_id"]: r for r in analysis.ceasefires(store)}
    assert rows["1994-bishkek"]["next_agreement"] == "2020-10-10-moscow"
    assert rows["1994-bishkek"]["days_to_first_violation"] == 8003
    assert rows["2020-11-10-statement"]["window_end"] is None
    assert rows["2020-11-10-statement"]["first_violation"] == "2022-09-13"
    assert rows["2020-11-10-statement"]["days_to_first_violation"] == 672


def test_analysis_compare_claims_flags_disagreement(store: Store) -> None:
    groups = {(g["kind"], g["about"], g["category"], g["period"]): g
              for g in analysis.compare_claims(store)}
    losses = groups[("fatalities", "NKR", "military", "2020-10")]
    assert (losses["min"], losses["max"], losses["spread_pct"], losses["disagree"]) == (
        729, 850, 16.6, True)
    assert [(s["publisher"], s["attributed_to"], s["value"]) for s in losses["sources"]] == [
        ("Highland Monitor", "NKR", 729), ("Regional Desk", "AZE.GOV", 850)]
    wounded = groups[("wounded", "AZE", "civilian", "2020-10")]
    assert (wounded["min"], wounded["max"], wounded["disagree"]) == (40, 42, False)


def test_analysis_mediation_finds_trilateral_meeting(store: Store) -> None:
    rows = analysis.mediation(store)
    meeting = next(r for r in rows if r["type"] == "CONSULT" and r["date"] == "2020-10-10")
    assert meeting["participants"] == ["ARM", "AZE", "RUS"]
    assert meeting["mediators"] == ["RUS"]
    assert (meeting["format"], meeting["channel"], meeting["location"]) == (
        "trilateral", "third-party", "Moscow")
    phone = next(r for r in rows if r["channel"] == "phone")
    assert (phone["format"], phone["mediators"]) == ("bilateral", [])


def test_analysis_mediation_keeps_agreements_with_a_broker_only(store: Store) -> None:
    agreed = [(r["date"], r["mediators"]) for r in analysis.mediation(store)
              if r["type"] == "AGREE"]
    assert agreed == [("2020-10-10", ["RUS"]), ("2020-10-17", ["FRA", "RUS", "USA"])]
