"""Score the coder against a gold set (the format and scores fixed in DESIGN.md)."""

from __future__ import annotations

import datetime as dt
import json
import os
from collections import Counter
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from ceasefire.errors import BadInput
from ceasefire.events.ontology import SYMMETRIC_TYPES

__all__ = ["find_shared_root", "load_gold", "score"]


def find_shared_root(gold_path: Path, root: Path | None = None) -> Path | None:
    """Where items' ``doc`` paths are relative to: --root, $CEASEFIRE_SHARED, or a ``shared``
    directory beside one of the gold file's parent directories."""
    if root is not None:
        return root
    env = os.environ.get("CEASEFIRE_SHARED")
    if env:
        return Path(env)
    for parent in gold_path.resolve().parents:
        cand = parent.parent / "shared"
        if (cand / "seeds").is_dir():
            return cand
        cand = parent / "shared"
        if (cand / "seeds").is_dir():
            return cand
    return None


def load_gold(path: Path, root: Path | None = None) -> list[dict[str, Any]]:
    if not path.is_file():
        raise BadInput(f"gold file {path} does not exist; give a JSONL file of gold items")
    shared = find_shared_root(path, root)
    cache: dict[str, str] = {}
    items = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
        except json.JSONDecodeError as exc:
            raise BadInput(f"{path}:{n}: invalid JSON ({exc.msg}); fix the line") from exc
        if "text" not in item:
            if "doc" not in item or "start" not in item or "end" not in item:
                raise BadInput(f"{path}:{n}: an item needs 'text', or 'doc' with 'start' and "
                               "'end'")
            if shared is None:
                raise BadInput(f"{path}:{n}: item points at {item['doc']!r} but the shared "
                               "folder was not found; pass --root DIR or set CEASEFIRE_SHARED")
            doc_path = shared / item["doc"]
            if str(doc_path) not in cache:
                if not doc_path.is_file():
                    raise BadInput(f"{path}:{n}: {doc_path} does not exist; check --root")
                cache[str(doc_path)] = doc_path.read_text(encoding="utf-8")
            item["text"] = cache[str(doc_path)][item["start"]:item["end"]]
        items.append(item)
    return items


def _top(code: Any) -> str | None:
    if code is None:
        return None
    if isinstance(code, dict):
        code = code.get("id")
    return str(code).split(".")[0] if code else None


def _key(e: dict[str, Any]) -> tuple[str, Any]:
    s, t = _top(e.get("source")), _top(e.get("target"))
    pair: Any = (s, t)
    if e["type"] in SYMMETRIC_TYPES:
        pair = frozenset([s, t]) if s != t else (s, t)
    return e["type"], pair


def _date_match(gold: str, pred: str | None) -> bool:
    return pred is not None and pred[: len(gold)] == gold and len(pred) >= len(gold)


def _claim_match(g: dict[str, Any], p: dict[str, Any]) -> bool:
    if g["kind"] != p["kind"] or _top(g.get("about")) != _top(p.get("about")):
        return False
    if g.get("low") is not None or g.get("high") is not None:
        return g.get("low") == p.get("low") and g.get("high") == p.get("high") and (
            g.get("best") is None or g.get("best") == p.get("best"))
    return g.get("best") == p.get("best")


def _brief(e: dict[str, Any]) -> str:
    """One event as ``TYPE SRC->TGT date [negated] (rule)`` for error listings."""
    text = f"{e['type']} {_top(e.get('source'))}->{_top(e.get('target'))}"
    if e.get("date"):
        text += f" {e['date']}"
    if e.get("negated"):
        text += " negated"
    if e.get("rule"):
        text += f" ({e['rule']})"
    return text


def score(items: Iterable[dict[str, Any]],
          code: Callable[[str, dt.date | None], dict[str, Any]]) -> dict[str, Any]:
    tp = fp = fn = 0
    type_tp = type_fp = type_fn = 0
    date_total = date_ok = 0
    neg_total = neg_ok = 0
    c_tp = c_fp = c_fn = 0
    n = 0
    per_item = []
    for item in items:
        n += 1
        pub = dt.date.fromisoformat(item["published"]) if item.get("published") else None
        out = code(item["text"], pub)
        # hypothetical events (conditionals, questions) are not asserted: gold does not code them
        pred = [e for e in out["events"] if (e.get("source") or e.get("target"))
                and not e.get("hypothetical")]
        gold = []
        seen = set()
        for g in item.get("events") or []:
            k = (g["type"], _top(g.get("source")), _top(g.get("target")), g.get("date"),
                 bool(g.get("negated")))
            if k not in seen:
                seen.add(k)
                gold.append(g)
        # types
        gt = Counter(g["type"] for g in gold)
        pt = Counter(e["type"] for e in {(*_key(e), e["negated"]): e for e in pred}.values())
        inter = sum((gt & pt).values())
        type_tp += inter
        type_fp += sum(pt.values()) - inter
        type_fn += sum(gt.values()) - inter
        # events
        unmatched = list({(*_key(e), e["negated"]): e for e in pred}.values())
        matched_here = 0
        missed: list[dict[str, Any]] = []
        for g in gold:
            gk = _key(g)
            hit = None
            for cand in unmatched:
                if _key(cand) == gk and bool(cand["negated"]) == bool(g.get("negated")):
                    hit = cand
                    break
            if hit is None:
                for cand in unmatched:
                    if _key(cand) == gk:
                        hit = cand
                        break
            if hit is None:
                fn += 1
                missed.append(g)
                continue
            unmatched.remove(hit)
            tp += 1
            matched_here += 1
            neg_total += 1
            neg_ok += bool(hit["negated"]) == bool(g.get("negated"))
            if g.get("date"):
                date_total += 1
                date_ok += _date_match(g["date"], hit.get("date"))
        fp += len(unmatched)
        # claims
        gc = list(item.get("claims") or [])
        pc = list(out.get("claims") or [])
        gc_missed = []
        for g in gc:
            hit = next((p for p in pc if _claim_match(g, p)), None)
            if hit is None:
                c_fn += 1
                gc_missed.append(g)
            else:
                pc.remove(hit)
                c_tp += 1
        c_fp += len(pc)
        per_item.append({"id": item.get("id"), "gold": len(gold), "matched": matched_here,
                         "predicted": len(pred), "text": item["text"],
                         "missed": [_brief(g) for g in missed],
                         "extra": [_brief(e) for e in unmatched],
                         "claims_missed": gc_missed, "claims_extra": pc})

    def f1(t: int, p: int, n_: int) -> tuple[float, float, float]:
        prec = t / (t + p) if t + p else 1.0
        rec = t / (t + n_) if t + n_ else 1.0
        return prec, rec, (2 * prec * rec / (prec + rec) if prec + rec else 0.0)

    ep, er, ef = f1(tp, fp, fn)
    _, _, tf = f1(type_tp, type_fp, type_fn)
    _, _, cf = f1(c_tp, c_fp, c_fn)
    return {
        "items": n, "event_precision": round(ep, 4), "event_recall": round(er, 4),
        "event_f1": round(ef, 4), "type_f1": round(tf, 4),
        "date_accuracy": round(date_ok / date_total, 4) if date_total else None,
        "negation_accuracy": round(neg_ok / neg_total, 4) if neg_total else None,
        "claim_f1": round(cf, 4),
        "counts": {"events_gold": tp + fn, "events_predicted": tp + fp, "events_matched": tp,
                   "claims_gold": c_tp + c_fn, "claims_predicted": c_tp + c_fp,
                   "claims_matched": c_tp},
        "per_item": per_item,
    }
