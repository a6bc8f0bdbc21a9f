from __future__ import annotations

from ceasefire.evaluate import score


def _coder(events, claims=()):
    return lambda text, pub: {"events": list(events), "claims": list(claims)}


def _e(type_, s, t, date=None, negated=False):
    return {"type": type_, "source": {"id": s} if s else None, "target": {"id": t} if t else None,
            "date": date, "negated": negated}


def test_evaluate_symmetric_types_match_unordered():
    items = [{"text": "x", "events": [{"type": "AGREE", "source": "ARM", "target": "AZE"}]}]
    result = score(items, _coder([_e("AGREE", "AZE.GOV", "ARM")]))
    assert result["event_f1"] == 1.0


def test_evaluate_directed_types_match_ordered_only():
    items = [{"text": "x", "events": [{"type": "ASSAULT", "source": "ARM", "target": "AZE"}]}]
    result = score(items, _coder([_e("ASSAULT", "AZE", "ARM")]))
    assert result["event_f1"] == 0.0 and result["type_f1"] == 1.0


def test_evaluate_date_at_gold_precision_and_negation():
    items = [{"text": "x", "events": [{"type": "ASSAULT", "source": "ARM", "target": "AZE",
                                        "date": "2020-10", "negated": True}]}]
    result = score(items, _coder([_e("ASSAULT", "ARM", "AZE", "2020-10-04", False)]))
    assert result["date_accuracy"] == 1.0 and result["negation_accuracy"] == 0.0


def test_evaluate_claims_match_on_kind_value_and_side():
    items = [{"text": "x", "events": [], "claims": [
        {"kind": "fatalities", "best": 729, "about": "ARM"}]}]
    good = score(items, _coder([], [{"kind": "fatalities", "best": 729,
                                     "about": {"id": "ARM.MIL"}}]))
    bad = score(items, _coder([], [{"kind": "fatalities", "best": 72, "about": {"id": "ARM"}}]))
    assert good["claim_f1"] == 1.0 and bad["claim_f1"] == 0.0


def test_evaluate_empty_item_penalises_predictions():
    result = score([{"text": "x", "events": []}], _coder([_e("ASSAULT", "ARM", None)]))
    assert result["event_precision"] == 0.0
