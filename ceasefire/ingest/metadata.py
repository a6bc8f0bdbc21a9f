"""Find a document's title and the publication date the document itself states.

Dates are read strictly: only full dates (day, month and year) in places
where a publication date is written — a ``Published:`` label, a dateline or
a date line at the top, a "To cite this article" line, or the
"Received/Accepted/Published online" history of an academic paper. A year
that happens to appear in the body is never taken for a publication date, and
neither is a date in the future.
"""

from __future__ import annotations

import datetime as dt
import re

from ceasefire.ingest.cleaning import is_boilerplate, strip_inline_markup

__all__ = ["find_published", "find_title", "parse_date", "parse_metadata_date"]

_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
_MON = (
    r"\b(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_DAY = r"(?<!\d)(?:[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?:1[89]\d{2}|20\d{2})"
_WEEKDAY = r"(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?\.?,?\s+)"

# Each pattern has the groups d, m, y (y optional in the *_NOYEAR ones).
_MDY = rf"(?P<m>{_MON})\s+(?P<d>{_DAY}),?\s+(?P<y>{_YEAR})"
_DMY = rf"(?P<d>{_DAY})\s+(?:of\s+)?(?P<m>{_MON}),?\s+(?P<y>{_YEAR})"
_ISO = r"(?P<y>(?:1[89]|20)\d{2})-(?P<mm>[01]\d)-(?P<d>[0-3]\d)(?:[T ][0-9:.+\-Z]{0,20})?"
_DATE_PATTERNS = tuple(re.compile(p, re.I) for p in (_ISO, _MDY, _DMY))
_DATE_ANY = (
    rf"(?:{_WEEKDAY}?(?:{_MON}\s+{_DAY},?\s+{_YEAR}|{_DAY}\s+(?:of\s+)?{_MON},?\s+{_YEAR})"
    r"|(?:1[89]|20)\d{2}-[01]\d-[0-3]\d)"
)
_DATE_ANY_RX = re.compile(_DATE_ANY, re.I)

_TIME = (
    r"(?:\s*(?:,|\||at|-|–|—)?\s*\d{1,2}[:.]\d{2}(?:[:.]\d{2})?\s*(?:am|pm|a\.m\.|p\.m\.)?"
    r"\s*(?:[A-Z]{2,5}|GMT|UTC)?(?:[+-]\d{1,2}(?::?\d{2})?)?)?"
)
_LABEL = re.compile(
    r"^\W*(?:published|publication date|date of publication|date published|first published"
    r"|posted|posted on|released|issued|date)\s*(?:on|:|-|–)?\s*:?\s*"
    rf"(?P<date>{_DATE_ANY}){_TIME}\W*$",
    re.I,
)
_STANDALONE = re.compile(
    rf"^\W*(?P<date>{_DATE_ANY}){_TIME}(?:\s*[,|]\s*[A-Z][A-Za-z .'\-]{{1,40}})?\W*$", re.I
)
_CITY = r"[^\W\d_][^\W\d_.'’\-]*(?:[ .'’\-]+[^\W\d_]+){0,3}\.?"
_DATELINE = re.compile(
    rf"^\W*(?:{_CITY})(?:\s*/\s*{_CITY}){{0,3}}(?:\s*\([^()]{{1,30}}\))?\s*,\s*"
    rf"(?P<date>{_WEEKDAY}?(?:{_MON}\s+{_DAY}(?:,?\s+{_YEAR})?|{_DAY}\s+{_MON}(?:,?\s+{_YEAR})?"
    rf"|(?:1[89]|20)\d{{2}}-[01]\d-[0-3]\d))"
    r"(?:\s*\((?:reuters|ap|afp|tass|xinhua|dpa|efe|ansa|apa|anadolu|bloomberg|upi|ria|"
    r"interfax|armenpress|azertac|trend|news\.az|[A-Za-z .]{2,20})\))?\s*(?:[-–—:]|$)",
    re.I,
)
_CITE = re.compile(
    r"^\W*(?:to cite this|cite this|how to cite|please cite|recommended citation)", re.I
)
_ACCESSED = re.compile(
    rf"\b(?:accessed|retrieved|viewed)\b(?:\s+on)?\s*:?\s*(?P<date>{_DATE_ANY})", re.I
)
_YEAR_RX = re.compile(rf"(?<![\d/-])(?P<y>{_YEAR})(?![\d/-])")
_MONTH_DAY = re.compile(
    rf"(?:(?P<m>{_MON})\s+(?P<d>{_DAY})\b|\b(?P<d2>{_DAY})\s+(?P<m2>{_MON}))", re.I
)
_HISTORY = re.compile(
    r"^\W*(?:article history\W*)?(?:received|submitted|revised|accepted|published|available online"
    r"|first published|published online)\b",
    re.I,
)
_HISTORY_ITEM = re.compile(
    rf"\b(?P<what>received|submitted|revised|accepted(?: for publication)?|published online"
    rf"|first published(?: online)?|available online|published)\b\s*(?:on|in)?\s*[:\-–]?\s*"
    rf"(?P<date>{_DATE_ANY})",
    re.I,
)
_HISTORY_RANK = {"published": 0, "available": 0, "first": 0, "accepted": 1}

_LINE_MARKERS = re.compile(r"^(?:#{1,6}\s+|>\s*|[-*+•]\s+)+")
_TITLE_MAX_CHARS = 400
_TITLE_MAX_WORDS = 60
_TITLE_FINAL = ".!?;:,…"
_HEAD_LINES = 15
_HEAD_CHARS = 4000
_LINE_CAP = 400  # only this much of a line is searched, so a 2 MB line costs nothing


def _today() -> dt.date:
    return dt.date.today()


def _plausible(date: dt.date, *, not_after: dt.date | None = None) -> bool:
    latest = min(_today(), not_after) if not_after else _today()
    return dt.date(1800, 1, 1) <= date <= latest


def _make_date(year: str | int, month: int, day: str | int) -> dt.date | None:
    try:
        return dt.date(int(year), month, int(re.sub(r"\D", "", str(day))))
    except ValueError:
        return None


def _month_number(name: str) -> int:
    return _MONTHS[name.lower().rstrip(".")[:3]]


def parse_date(text: str) -> dt.date | None:
    """The first full date (day, month, year) in ``text``; None when there is none.

    Accepts ``2020-10-19``, ``October 19, 2020``, ``Oct. 19 2020``,
    ``19 October 2020``, ``19th of October, 2020``. Ambiguous numeric forms
    (``10/11/2020``) are refused.
    """
    best: tuple[int, dt.date] | None = None
    for rx in _DATE_PATTERNS:
        m = rx.search(text)
        if not m:
            continue
        month = int(m.group("mm")) if "mm" in m.groupdict() else _month_number(m.group("m"))
        date = _make_date(m.group("y"), month, m.group("d"))
        if date is not None and (best is None or m.start() < best[0]):
            best = (m.start(), date)
    return best[1] if best else None


def parse_metadata_date(value: object) -> dt.date | None:
    """A date from a metadata field (ISO string, datetime, or a written-out date)."""
    if isinstance(value, dt.datetime):
        date = value.date()
    elif isinstance(value, dt.date):
        date = value
    elif isinstance(value, str) and value.strip():
        date = parse_date(value.strip()[:100])
    else:
        return None
    return date if date is not None and _plausible(date) else None


def _head_lines(text: str, *, whole: bool = False) -> list[str]:
    """The first non-empty lines of ``text``, markup stripped and capped in length.

    With ``whole`` a line longer than the cap is left out instead of cut.
    """
    out: list[str] = []
    start = 0
    while len(out) < _HEAD_LINES and start < min(len(text), _HEAD_CHARS * 4):
        end = text.find("\n", start)
        if end < 0:
            end = len(text)
        line = text[start : min(end, start + _LINE_CAP)].strip()
        too_long = end - start > _LINE_CAP
        start = end + 1
        if whole and too_long:
            out.append("\x00")  # a placeholder that no rule accepts
            continue
        if line:
            line = strip_inline_markup(_LINE_MARKERS.sub("", line))
            if line:
                out.append(line)
    return out


def _from_head(text: str) -> dt.date | None:
    lines = _head_lines(text)
    for line in lines:  # an explicit label wins
        m = _LABEL.match(line)
        if m:
            date = parse_date(m.group("date"))
            if date and _plausible(date):
                return date
    for line in lines[:8]:
        m = _STANDALONE.match(line) or _DATELINE.match(line)
        if m:
            date = parse_date(m.group("date"))
            if date and _plausible(date):
                return date
    return None


def _from_citation(line: str) -> dt.date | None:
    """Publication date in a "To cite this article" line.

    Websites often print the year of access as the citation year; a
    candidate later than the stated access date is therefore refused and the
    next year in the line is tried.
    """
    accessed = None
    body = line
    acc = _ACCESSED.search(line)
    if acc:
        accessed = parse_date(acc.group("date"))
        body = line[: acc.start()]
    full = parse_date(body)
    if full and _plausible(full, not_after=accessed):
        return full
    md = None
    for m in _MONTH_DAY.finditer(body):
        md = m
    if md is None:
        return None
    month = _month_number(md.group("m") or md.group("m2"))
    day = md.group("d") or md.group("d2")
    for ym in _YEAR_RX.finditer(body):
        date = _make_date(ym.group("y"), month, day)
        if date and _plausible(date, not_after=accessed):
            return date
    return None


def _from_history(line: str) -> dt.date | None:
    best: tuple[int, dt.date] | None = None
    for m in _HISTORY_ITEM.finditer(line):
        rank = _HISTORY_RANK.get(m.group("what").split()[0].lower())
        if rank is None:
            continue
        date = parse_date(m.group("date"))
        if date and _plausible(date) and (best is None or rank < best[0]):
            best = (rank, date)
    return best[1] if best else None


def find_published(text: str) -> dt.date | None:
    """The publication date the document states about itself, or None.

    In order: a ``Published:``-style label near the top; a dateline
    (``BAKU, 5 October 2020 —``) or a date on a line of its own near the top;
    a "To cite this article" line; the publication or acceptance date in the
    "Received … Accepted …" history of an academic paper. Never a date after
    today, never a date guessed from a year in the body.
    """
    date = _from_head(text)
    if date:
        return date
    history: dt.date | None = None
    for raw in text.split("\n"):
        if len(raw) > 3000:
            continue
        line = raw.strip()
        if not line or not (line[:1].isalpha() or line[:1] in "*_#<[("):
            continue
        low = line[:40].lower()
        if "cite" in low or "citation" in low:
            clean = strip_inline_markup(line)
            if _CITE.match(clean):
                date = _from_citation(clean)
                if date:
                    return date
        elif history is None and any(
            w in low for w in ("received", "accepted", "published", "available online", "history")
        ):
            clean = strip_inline_markup(line)
            if _HISTORY.match(clean):
                history = _from_history(clean)
    return history


def find_title(text: str) -> str | None:
    """The first short line without final punctuation among the first lines, or None."""
    lines = [ln for ln in _head_lines(text, whole=True)[:6] if not is_boilerplate(ln)]
    for line in lines[:3]:
        if len(line) > _TITLE_MAX_CHARS or len(line.split()) > _TITLE_MAX_WORDS:
            continue
        if line[-1] in _TITLE_FINAL:
            continue
        if _LABEL.match(line) or _STANDALONE.match(line) or _DATELINE.match(line):
            continue
        if sum(ch.isalpha() for ch in line) < 3:
            continue
        return line
    return None
