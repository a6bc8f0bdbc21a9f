"""Validate the hand-annotated gold files (stdlib only).

Usage::

    python tests/gold/check_gold.py [FILE.jsonl ...] [--root SHARED_DIR] [--quiet]

Without files it checks ``dev.jsonl`` and ``holdout.jsonl`` next to this script.
Items that point at a seed document (``doc``/``start``/``end``) are resolved against
``--root`` (default: ``$CEASEFIRE_SHARED``, else the ``shared`` directory beside the
repository, i.e. ``/work/shared`` in the project layout).

Every line is checked for: valid JSON object, known keys, unique ``id`` across all
files, ``published`` as an ISO day, events (PLOVER type, actor TOP codes, at least one
actor, date format and not after ``published``, boolean ``negated``, no duplicate
event tuple), claims (kind, integer values with low <= best <= high, ``about`` code,
category), seed references (file under ``seeds/``, offsets inside the file, slice
starting at a sentence start and ending after sentence-final punctuation, no
paragraph break inside), and for written items that no run of 8 words is copied
from a seed document. Exit status 0 when every line is valid, 1 otherwise; a
summary of counts is printed.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import re
import sys
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

_PLOVER_TEXT = (
    "AGREE CONSULT SUPPORT CONCEDE COOPERATE AID RETREAT REQUEST ACCUSE REJECT "
    "THREATEN PROTEST SANCTION MOBILIZE COERCE ASSAULT"
)
PLOVER_TYPES = frozenset(_PLOVER_TEXT.split())
SYMMETRIC_TYPES = frozenset({"AGREE", "CONSULT", "COOPERATE"})
ORG_CODES = frozenset({"OSCE", "UN", "EU", "NATO", "CSTO", "CIS", "NKR"})
# ISO 3166-1 alpha-3 (249 codes, as listed by pycountry).
_ISO3_TEXT = """
ABW AFG AGO AIA ALA ALB AND ARE ARG ARM ASM ATA ATF ATG AUS AUT AZE BDI BEL BEN BES BFA BGD
BGR BHR BHS BIH BLM BLR BLZ BMU BOL BRA BRB BRN BTN BVT BWA CAF CAN CCK CHE CHL CHN CIV CMR
COD COG COK COL COM CPV CRI CUB CUW CXR CYM CYP CZE DEU DJI DMA DNK DOM DZA ECU EGY ERI ESH
ESP EST ETH FIN FJI FLK FRA FRO FSM GAB GBR GEO GGY GHA GIB GIN GLP GMB GNB GNQ GRC GRD GRL
GTM GUF GUM GUY HKG HMD HND HRV HTI HUN IDN IMN IND IOT IRL IRN IRQ ISL ISR ITA JAM JEY JOR
JPN KAZ KEN KGZ KHM KIR KNA KOR KWT LAO LBN LBR LBY LCA LIE LKA LSO LTU LUX LVA MAC MAF MAR
MCO MDA MDG MDV MEX MHL MKD MLI MLT MMR MNE MNG MNP MOZ MRT MSR MTQ MUS MWI MYS MYT NAM NCL
NER NFK NGA NIC NIU NLD NOR NPL NRU NZL OMN PAK PAN PCN PER PHL PLW PNG POL PRI PRK PRT PRY
PSE PYF QAT REU ROU RUS RWA SAU SDN SEN SGP SGS SHN SJM SLB SLE SLV SMR SOM SPM SRB SSD STP
SUR SVK SVN SWE SWZ SXM SYC SYR TCA TCD TGO THA TJK TKL TKM TLS TON TTO TUN TUR TUV TWN TZA
UGA UMI UKR URY USA UZB VAT VCT VEN VGB VIR VNM VUT WLF WSM YEM ZAF ZMB ZWE
"""
ISO3 = frozenset(_ISO3_TEXT.split())
ACTOR_CODES = ISO3 | ORG_CODES
CLAIM_KINDS = frozenset({"fatalities", "wounded", "troops", "money", "equipment", "displaced"})
CLAIM_CATEGORIES = frozenset({"military", "civilian", "total"})

ITEM_KEYS = frozenset(
    {"id", "text", "doc", "start", "end", "published", "events", "claims", "comment"}
)
EVENT_KEYS = frozenset({"type", "source", "target", "date", "negated", "mode", "comment"})
CLAIM_KEYS = frozenset({"kind", "best", "low", "high", "about", "category", "unit", "comment"})

DATE_RE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
SENTENCE_END_RE = re.compile(r"[.!?][\"”’)]*$")
OPENERS = '"“‘(*'
NGRAM = 8


@dataclass
class Report:
    """Errors found and counts gathered over all checked files."""

    errors: list[str] = field(default_factory=list)
    items: Counter[str] = field(default_factory=Counter)
    types: Counter[str] = field(default_factory=Counter)
    claim_kinds: Counter[str] = field(default_factory=Counter)
    counts: Counter[str] = field(default_factory=Counter)

    def error(self, where: str, message: str) -> None:
        self.errors.append(f"{where}: {message}")


def _parse_date(value: str) -> dt.date | None:
    """Return the first day of a YYYY[-MM[-DD]] string, or None when invalid."""
    if not DATE_RE.match(value):
        return None
    parts = [int(p) for p in value.split("-")]
    while len(parts) < 3:
        parts.append(1)
    try:
        return dt.date(parts[0], parts[1], parts[2])
    except ValueError:
        return None


def _check_code(value: Any, where: str, what: str, report: Report) -> None:
    if value is None:
        return
    if not isinstance(value, str) or value not in ACTOR_CODES:
        report.error(
            where,
            f"{what} {value!r} is not a known TOP code; use an ISO 3166 alpha-3 code "
            f"or one of {sorted(ORG_CODES)}, or null",
        )


def check_event(ev: Any, where: str, published: dt.date | None, report: Report) -> tuple[Any, ...]:
    """Check one event object; return its identity tuple for duplicate detection."""
    if not isinstance(ev, dict):
        report.error(where, f"event must be an object, got {type(ev).__name__}")
        return ()
    extra = set(ev) - EVENT_KEYS
    if extra:
        report.error(where, f"unknown event keys {sorted(extra)}; allowed {sorted(EVENT_KEYS)}")
    typ = ev.get("type")
    if typ not in PLOVER_TYPES:
        report.error(where, f"type {typ!r} is not one of the 16 PLOVER types")
    source, target = ev.get("source"), ev.get("target")
    _check_code(source, where, "source", report)
    _check_code(target, where, "target", report)
    if source is None and target is None:
        report.error(where, "event needs at least one of source and target")
    date = ev.get("date")
    if date is not None:
        day = _parse_date(date) if isinstance(date, str) else None
        if day is None:
            report.error(where, f"date {date!r} must be YYYY, YYYY-MM or YYYY-MM-DD")
        elif published is not None and day > published:
            report.error(where, f"date {date} is after the item's published date {published}")
    negated = ev.get("negated", False)
    if not isinstance(negated, bool):
        report.error(where, f"negated must be true or false, got {negated!r}")
    pair: tuple[Any, ...] = (source, target)
    if typ in SYMMETRIC_TYPES:
        pair = tuple(sorted((source or "", target or "")))
    return (typ, *pair, date, bool(negated))


def check_claim(claim: Any, where: str, report: Report) -> None:
    """Check one claim object."""
    if not isinstance(claim, dict):
        report.error(where, f"claim must be an object, got {type(claim).__name__}")
        return
    extra = set(claim) - CLAIM_KEYS
    if extra:
        report.error(where, f"unknown claim keys {sorted(extra)}; allowed {sorted(CLAIM_KEYS)}")
    kind = claim.get("kind")
    if kind not in CLAIM_KINDS:
        report.error(where, f"kind {kind!r} is not one of {sorted(CLAIM_KINDS)}")
    values: dict[str, int] = {}
    for key in ("low", "best", "high"):
        value = claim.get(key)
        if value is None:
            continue
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            report.error(where, f"{key} must be a non-negative integer, got {value!r}")
        else:
            values[key] = value
    if not values:
        report.error(where, "claim needs at least one of best, low, high")
    ordered = [values[k] for k in ("low", "best", "high") if k in values]
    if ordered != sorted(ordered):
        report.error(where, f"claim values must satisfy low <= best <= high, got {values}")
    _check_code(claim.get("about"), where, "about", report)
    category = claim.get("category")
    if category is not None and category not in CLAIM_CATEGORIES:
        report.error(where, f"category {category!r} is not one of {sorted(CLAIM_CATEGORIES)}")


def check_slice(text: str, start: int, end: int, where: str, report: Report) -> None:
    """Check that text[start:end] is one or more whole sentences of one paragraph."""
    if not (0 <= start < end <= len(text)):
        report.error(where, f"offsets {start}:{end} are outside the document (0:{len(text)})")
        return
    span = text[start:end]
    if span != span.strip():
        report.error(where, "slice starts or ends with whitespace; trim the offsets")
    if "\n" in span:
        report.error(where, "slice crosses a line break; a gold item is one paragraph's sentences")
    first = span[0]
    if not (first.isupper() or first.isdigit() or first in OPENERS):
        report.error(where, f"slice starts with {first!r}, not at a sentence start")
    before = text[:start]
    stripped = before.rstrip(" \t")
    at_sentence_start = (
        not stripped
        or stripped.endswith("\n")
        or SENTENCE_END_RE.search(stripped) is not None
        or stripped.endswith("</sup>")
        or re.search(r"^#+$|\*\*$|:$", stripped.splitlines()[-1] if stripped else "") is not None
    )
    if not at_sentence_start:
        report.error(
            where, f"text before the slice ends with {stripped[-20:]!r}: not a sentence edge"
        )
    if SENTENCE_END_RE.search(span) is None:
        report.error(where, f"slice ends with {span[-20:]!r}, not after sentence-final punctuation")
    after = text[end : end + 1]
    if after and not (after.isspace() or after == "<" or after.isupper()):
        report.error(where, f"slice is followed by {after!r}: the sentence continues")


def _ngrams(text: str) -> set[tuple[str, ...]]:
    words = re.findall(r"\w+", text.lower())
    return {tuple(words[i : i + NGRAM]) for i in range(len(words) - NGRAM + 1)}


def check_file(
    path: Path,
    root: Path | None,
    report: Report,
    seen_ids: set[str],
    seed_ngrams: set[tuple[str, ...]],
) -> None:
    """Check every line of one gold file, adding errors and counts to ``report``."""
    docs: dict[str, str] = {}
    with path.open(encoding="utf-8") as handle:
        lines = handle.read().splitlines()
    for lineno, line in enumerate(lines, 1):
        where = f"{path.name}:{lineno}"
        if not line.strip():
            report.error(where, "blank line; remove it")
            continue
        try:
            item = json.loads(line)
        except json.JSONDecodeError as exc:
            report.error(where, f"invalid JSON ({exc.msg} at column {exc.colno})")
            continue
        if not isinstance(item, dict):
            report.error(where, "line must be a JSON object")
            continue
        item_id = item.get("id")
        where = f"{path.name}:{lineno} ({item_id})"
        if not isinstance(item_id, str) or not item_id:
            report.error(where, "id must be a non-empty string")
        elif item_id in seen_ids:
            report.error(where, f"duplicate id {item_id!r}")
        else:
            seen_ids.add(item_id)
        extra = set(item) - ITEM_KEYS
        if extra:
            report.error(where, f"unknown item keys {sorted(extra)}; allowed {sorted(ITEM_KEYS)}")
        report.items[path.name] += 1

        published: dt.date | None = None
        pub = item.get("published")
        if pub is not None:
            try:
                published = dt.date.fromisoformat(pub) if isinstance(pub, str) else None
            except ValueError:
                published = None
            if published is None or len(pub) != 10:
                report.error(where, f"published {pub!r} must be YYYY-MM-DD or null")

        has_text, has_doc = "text" in item, "doc" in item
        if has_text == has_doc:
            report.error(where, "give exactly one of text (written item) or doc/start/end (seed)")
        elif has_text:
            report.counts["written items"] += 1
            text = item["text"]
            if not isinstance(text, str) or not text.strip():
                report.error(where, "text must be a non-empty string")
            elif seed_ngrams and _ngrams(text) & seed_ngrams:
                report.error(where, f"text shares a run of {NGRAM} words with a seed document")
        else:
            report.counts["seed items"] += 1
            doc, start, end = item.get("doc"), item.get("start"), item.get("end")
            if not isinstance(doc, str) or not doc.startswith("seeds/") or ".." in doc:
                report.error(where, f"doc {doc!r} must be a path like 'seeds/NAME.txt'")
            elif not all(isinstance(v, int) and not isinstance(v, bool) for v in (start, end)):
                report.error(where, "start and end must be integers")
            elif root is not None:
                if doc not in docs:
                    doc_path = root / doc
                    if not doc_path.is_file():
                        report.error(where, f"seed file {doc_path} not found")
                        continue
                    docs[doc] = doc_path.read_text(encoding="utf-8")
                assert isinstance(start, int) and isinstance(end, int)
                check_slice(docs[doc], start, end, where, report)

        events = item.get("events")
        if not isinstance(events, list):
            report.error(where, "events must be a list (use [] for an item without events)")
            events = []
        if not events:
            report.counts["items without events"] += 1
        tuples: set[tuple[Any, ...]] = set()
        for index, ev in enumerate(events):
            ident = check_event(ev, f"{where} event {index}", published, report)
            if ident in tuples:
                report.error(f"{where} event {index}", f"duplicate event {ident}")
            tuples.add(ident)
            if isinstance(ev, dict):
                report.types[str(ev.get("type"))] += 1
                report.counts["events"] += 1
                if ev.get("negated"):
                    report.counts["negated events"] += 1
                if ev.get("date"):
                    report.counts["dated events"] += 1
        if any(isinstance(e, dict) and e.get("negated") for e in events):
            report.counts["items with negated events"] += 1
        claims = item.get("claims") or []
        if not isinstance(claims, list):
            report.error(where, "claims must be a list or null")
            claims = []
        if claims:
            report.counts["items with claims"] += 1
        for index, claim in enumerate(claims):
            check_claim(claim, f"{where} claim {index}", report)
            if isinstance(claim, dict):
                report.claim_kinds[str(claim.get("kind"))] += 1


def default_root() -> Path | None:
    env = os.environ.get("CEASEFIRE_SHARED")
    if env:
        return Path(env)
    candidate = Path(__file__).resolve().parents[3] / "shared"
    return candidate if (candidate / "seeds").is_dir() else None


def seed_ngrams_of(root: Path | None) -> set[tuple[str, ...]]:
    if root is None or not (root / "seeds").is_dir():
        return set()
    grams: set[tuple[str, ...]] = set()
    for path in sorted((root / "seeds").glob("*.txt")):
        grams |= _ngrams(path.read_text(encoding="utf-8"))
    return grams


def check_files(paths: Iterable[Path], root: Path | None) -> Report:
    """Check the given gold files and return the report."""
    report = Report()
    seen: set[str] = set()
    grams = seed_ngrams_of(root)
    for path in paths:
        check_file(path, root, report, seen, grams)
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("files", nargs="*", type=Path)
    parser.add_argument("--root", type=Path, default=None, help="directory holding seeds/")
    parser.add_argument("--quiet", action="store_true", help="print errors only")
    args = parser.parse_args(argv)
    here = Path(__file__).resolve().parent
    files = args.files or [here / "dev.jsonl", here / "holdout.jsonl"]
    root = args.root or default_root()
    if root is None:
        print("error: seed root not found; pass --root /path/to/shared or set CEASEFIRE_SHARED")
        return 1
    report = check_files(files, root)
    for message in report.errors:
        print(message)
    if not args.quiet:
        total = sum(report.items.values())
        print(f"items: {total} " + " ".join(f"{k}={v}" for k, v in sorted(report.items.items())))
        for key in sorted(report.counts):
            print(f"{key}: {report.counts[key]}")
        per_type = ", ".join(f"{t}={report.types[t]}" for t in sorted(PLOVER_TYPES))
        per_kind = ", ".join(f"{k}={v}" for k, v in sorted(report.claim_kinds.items()))
        print(f"events per type: {per_type}")
        print(f"claims per kind: {per_kind}")
        print(f"errors: {len(report.errors)}")
    return 1 if report.errors else 0


if __name__ == "__main__":
    sys.exit(main())
