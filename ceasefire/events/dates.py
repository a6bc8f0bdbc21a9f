"""Find date expressions in a sentence and resolve them against the document date.

Pure functions over text: ``find_dates`` returns every expression with its
character span, resolved value ("2020-10-17", "2020-10", "2020") and precision
("day", "month", "year"). Expressions without a year take the year of the
document date (the year before, when that would put the day more than a
month after publication); weekdays ("on Monday") are the last such day on or
before the publication date; "last week", "earlier this month", "yesterday"
are relative to it. Nothing is resolved against today's date.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

__all__ = ["DateMention", "find_dates", "format_date"]

MONTHS = {
    m: i + 1
    for i, names in enumerate(
        [
            ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"),
            ("may",), ("june", "jun"), ("july", "jul"), ("august", "aug"),
            ("september", "sep", "sept"), ("october", "oct"), ("november", "nov"),
            ("december", "dec"),
        ]
    )
    for m in names
}
WEEKDAYS = {
    d: i
    for i, d in enumerate(
        ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
    )
}

_MON = (
    r"(?P<mon>January|February|March|April|May|June|July|August|September|October|November|"
    r"December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?"
)
_MON2 = _MON.replace("?P<mon>", "?P<mon2>")
_YEAR = r"(?P<year>1[89]\d\d|20\d\d)"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_DAY2 = r"(?P<day2>[0-3]?\d)(?:st|nd|rd|th)?"

_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("iso", re.compile(r"\b(?P<year>1[89]\d\d|20\d\d)-(?P<m>[01]\d)-(?P<d>[0-3]\d)\b")),
    # 17 October 2020, 17 Oct, 9-10 November 2020 (first day kept)
    ("dmy", re.compile(
        rf"\b{_DAY}(?:\s*(?:-|–|/|and)\s*{_DAY2})?(?:\s+of)?\s+{_MON}(?:,?\s+{_YEAR})?\b"
    )),
    # October 17, 2020 / October 17
    ("mdy", re.compile(rf"\b{_MON}\s+{_DAY}(?:\s*(?:-|–)\s*{_DAY2})?\b(?:,?\s+{_YEAR})?(?!\d)")),
    # September 2020 / in September
    ("my", re.compile(rf"\b{_MON}(?:\s+(?:of\s+)?{_YEAR})?\b")),
    ("decade", re.compile(r"\b(?:the\s+)?(?:early\s+|mid-?|late\s+)?(?P<dec>1[89]\d0|20\d0)s\b")),
    ("year", re.compile(r"\b(?:in|since|by|of|from|until|till|to|during|early|late|mid-?|"
                        r"throughout|after|before|around|the)?\s*(?P<year>1[89]\d\d|20[0-4]\d)\b"
                        r"(?![-–]\d|\s*(?:km|people|troops|soldiers|%|,\d))")),
    ("weekday", re.compile(r"\b(?:on\s+|last\s+|this\s+|late\s+|early\s+)?(?P<wd>Monday|Tuesday|"
                           r"Wednesday|Thursday|Friday|Saturday|Sunday)\b")),
    ("relative", re.compile(
        r"\b(?P<rel>yesterday|today|last\s+week|last\s+month|last\s+year|earlier\s+this\s+"
        r"(?:week|month|year)|this\s+(?:week|month|year)|next\s+(?:week|month|year)|"
        r"tomorrow|last\s+night|overnight)\b",
        re.I,
    )),
]

# Words before a number that make it a count, not a year ("1994 soldiers")
_NOT_YEAR_AFTER = re.compile(r"^\s*(?:people|troops|soldiers|civilians|men|deaths|km|kilometres|"
                             r"dead|killed|were|was|of\s+them|casualties)\b", re.I)
_NOT_YEAR_BEFORE = re.compile(r"(?:\$|€|£|resolutions?|No\.?|number|#|page|pp?\.)\s*$", re.I)


@dataclass(frozen=True)
class DateMention:
    start: int
    end: int
    text: str
    value: str
    precision: str  # day | month | year
    since: bool = False  # "since 1994": the start of a state, not an event date


def format_date(d: dt.date, precision: str) -> str:
    if precision == "day":
        return d.isoformat()
    if precision == "month":
        return f"{d.year:04d}-{d.month:02d}"
    return f"{d.year:04d}"


def _infer_year(month: int, day: int | None, ref: dt.date | None) -> int | None:
    if ref is None:
        return None
    year = ref.year
    try:
        candidate = dt.date(year, month, day or 1)
    except ValueError:
        return None
    if candidate - ref > dt.timedelta(days=31):
        year -= 1
    return year


_RANGE_YEAR = re.compile(
    r"^\s*(?:-|–|to|until|till|and|through)\s+[^.;]{0,25}?\b(1[89]\d\d|20\d\d)\b"
)


def _range_year(text: str, end: int) -> int | None:
    """The year of the end of a range, for its yearless start ("27 September to 10 November 2020")."""
    m = _RANGE_YEAR.match(text[end:end + 45])
    return int(m.group(1)) if m else None


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _overlaps(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(s < end and start < e for s, e in spans)


def find_dates(text: str, ref: dt.date | None = None) -> list[DateMention]:
    """Every date expression in ``text``, resolved against ``ref`` (the document date)."""
    found: list[DateMention] = []
    taken: list[tuple[int, int]] = []
    for kind, pattern in _PATTERNS:
        for m in pattern.finditer(text):
            start, end = m.span()
            # strip leading preposition-like words and whitespace from the span
            lead = len(m.group(0)) - len(m.group(0).lstrip())
            start += lead
            if _overlaps(taken, start, end):
                continue
            mention = _resolve(kind, m, text, start, end, ref)
            if mention is not None:
                found.append(mention)
                taken.append((start, end))
    found.sort(key=lambda d: d.start)
    return found


def _resolve(
    kind: str, m: re.Match[str], text: str, start: int, end: int, ref: dt.date | None
) -> DateMention | None:
    g = m.groupdict()
    surface = text[start:end]
    before = text[max(0, start - 8):start].lower()
    since = bool(re.search(r"\bsince\s*$", before)) or surface.lower().startswith("since")
    if kind == "iso":
        d = _safe_date(int(g["year"]), int(g["m"]), int(g["d"]))
        return DateMention(start, end, surface, d.isoformat(), "day", since) if d else None
    if kind in ("dmy", "mdy"):
        month = MONTHS[g["mon"].lower().rstrip(".")]
        day = int(g["day"])
        if not 1 <= day <= 31:
            return None
        year = (
            int(g["year"]) if g.get("year")
            else _range_year(text, end) or _infer_year(month, day, ref)
        )
        if year is None:
            return None
        d = _safe_date(year, month, day)
        return DateMention(start, end, surface, d.isoformat(), "day", since) if d else None
    if kind == "my":
        mon = g["mon"]
        if mon == "May" and not g.get("year"):
            # "may" as a modal verb is lower-case; capitalised "May" alone mid-sentence
            # without a year or day is ambiguous: accept only after "in"/"since"/"of"
            if not re.search(r"\b(?:in|since|of|early|late|mid-?)\s*$", text[:start], re.I):
                return None
        if len(mon.rstrip(".")) <= 4 and mon.rstrip(".").lower() not in ("may", "june", "july"):
            if not g.get("year"):
                return None
        month = MONTHS[mon.lower().rstrip(".")]
        year = (
            int(g["year"]) if g.get("year")
            else _range_year(text, end) or _infer_year(month, None, ref)
        )
        if year is None:
            return None
        return DateMention(start, end, surface, f"{year:04d}-{month:02d}", "month", since)
    if kind == "decade":
        return DateMention(start, end, surface, g["dec"][:3] + "0", "year", since)
    if kind == "year":
        year_start = m.start("year")
        if _NOT_YEAR_BEFORE.search(text[:year_start]) or _NOT_YEAR_AFTER.match(text[m.end():]):
            return None
        # a number in a list of figures ("1,994") is excluded by the pattern's look-ahead
        if year_start > 0 and text[year_start - 1] in ",.$":
            return None
        return DateMention(year_start, m.end(), text[year_start:m.end()], g["year"], "year",
                           since)
    if kind == "weekday":
        if ref is None:
            return None
        wd = WEEKDAYS[g["wd"].lower()]
        back = (ref.weekday() - wd) % 7
        d = ref - dt.timedelta(days=back)
        return DateMention(start, end, surface, d.isoformat(), "day", since)
    if kind == "relative":
        if ref is None:
            return None
        rel = re.sub(r"\s+", " ", g["rel"].lower())
        if rel in ("yesterday", "last night", "overnight"):
            d = ref - dt.timedelta(days=1)
            return DateMention(start, end, surface, d.isoformat(), "day", since)
        if rel in ("today",):
            return DateMention(start, end, surface, ref.isoformat(), "day", since)
        if rel == "tomorrow":
            d = ref + dt.timedelta(days=1)
            return DateMention(start, end, surface, d.isoformat(), "day", since)
        if rel in ("last week",):
            d = ref - dt.timedelta(days=7)
            return DateMention(start, end, surface, format_date(d, "month"), "month", since)
        if rel in ("earlier this week", "this week"):
            return DateMention(start, end, surface, format_date(ref, "month"), "month", since)
        if rel in ("earlier this month", "this month"):
            return DateMention(start, end, surface, format_date(ref, "month"), "month", since)
        if rel == "last month":
            first = ref.replace(day=1) - dt.timedelta(days=1)
            return DateMention(start, end, surface, format_date(first, "month"), "month", since)
        if rel in ("earlier this year", "this year"):
            return DateMention(start, end, surface, f"{ref.year:04d}", "year", since)
        if rel == "last year":
            return DateMention(start, end, surface, f"{ref.year - 1:04d}", "year", since)
        return None
    return None
