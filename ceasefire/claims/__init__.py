"""Quantities that sources assert: fatalities, wounded, troops, money, equipment, displaced.

``extract_claims`` reads one sentence: every number (digits, "1.2 million",
ranges "between 100 and 150", "100-150", qualifiers "over", "about",
"nearly") followed, within a few words, by a word that says what was counted.
The side the figure is about comes from an actor named inside the counted
phrase ("37 Armenian civilian deaths", "150 from Armenia"), else from the
side named in the sentence's subject; who claims it from "according to X" or
the subject of a reporting verb; the as-of date from "as of"/"by" dates,
else the document date.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re

from ceasefire.actors import ActorResolver
from ceasefire.events.dates import find_dates
from ceasefire.types import ActorRef, Claim, Evidence

__all__ = ["CLAIMS_NAME", "extract_claims", "parse_number"]

CLAIMS_NAME = "ceasefire.claims.v1"

_WORDNUM = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "hundred": 100, "dozens": 24, "hundreds": 200,
    "thousands": 2000,
}
_WORDS = (r"(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|"
          r"thirty|forty|fifty|hundreds|thousands|dozens)")
_NUM = (rf"(?:\d{{1,3}}(?:,\d{{3}})+|\d+(?:\.\d+)?|{_WORDS})"
        r"(?:\s*(?:hundred|million|billion|thousand))?")
_QUAL = (r"(?P<qual>more\s+than|over|at\s+least|nearly|almost|about|around|approximately|"
         r"roughly|some|an\s+estimated|estimated|up\s+to|fewer\s+than|less\s+than|close\s+to|"
         r"as\s+many\s+as|at\s+most)?")
_FIGURE = re.compile(
    rf"(?:(?P<money>[$€£])\s*)?(?<![-\w.,]){_QUAL}\s*"
    rf"(?:between\s+(?P<lo>{_NUM})\s+and\s+(?P<hi>{_NUM})|(?P<lo2>{_NUM})\s*(?:-|–|to)\s*"
    rf"(?P<hi2>{_NUM})|(?P<n>{_NUM}))"
    r"(?P<rest>(?:\s+(?!\d)[\w'’-]+){0,6})",
    re.I,
)

_KINDS: list[tuple[str, re.Pattern[str]]] = [
    ("wounded", re.compile(r"\b(?:wounded|injured|injuries|hurt)\b", re.I)),
    ("fatalities", re.compile(r"\b(?:deaths?|dead|killed|fatalities|died|lives|casualties|"
                              r"bodies|massacred|perished)\b", re.I)),
    ("displaced", re.compile(r"\b(?:displaced|refugees|fled|evacuated|idps|homeless|exodus)\b",
                             re.I)),
    ("equipment", re.compile(r"\b(?:tanks?|drones?|aircraft|helicopters?|armou?red\s+vehicles?|"
                             r"artillery\s+pieces|rocket\s+launchers?|missiles?|"
                             r"personnel\s+carriers?)\b", re.I)),
    ("troops", re.compile(r"\b(?:troops|peacekeepers|soldiers|servicem[ae]n|personnel)\b", re.I)),
    ("money", re.compile(r"\b(?:dollars|euros|manats?|drams?|roubles|rubles|usd|eur)\b", re.I)),
]
_MILITARY = re.compile(r"\b(?:military|soldiers?|servicem[ae]n|troops|combatants|fighters|"
                       r"army|officers?|personnel)\b", re.I)
_CIVILIAN = re.compile(r"\b(?:civilians?|residents|children|women|non-combatants)\b", re.I)
_PEOPLE = re.compile(r"\b(?:people|persons|individuals)\b", re.I)
_DEPLOY = re.compile(r"\b(?:deploy\w*|station\w*|sen[dt]\w*|mass\w*|contingent|strong|"
                     r"number\w*|consist\w*|army\s+of|troops\s+of)\b", re.I)
_REPORT = re.compile(r"\b(?:reported|said|says|claimed|claims|announced|stated|confirmed|"
                     r"estimated|put\s+the|counted|recorded|puts)\b", re.I)
_ACCORDING = re.compile(r"\baccording\s+to\s+(?P<who>[^,.;]+)", re.I)
_ASOF = re.compile(r"\b(?:as\s+of|by|until|through)\s+$", re.I)
_FROM = re.compile(r"^\s*(?:from|in|of|on)\s+(?:the\s+)?(?P<who>[A-Z][\w'’-]+(?:\s+[A-Z][\w-]+)?)")
_VAGUE = {"dozens", "hundreds", "thousands"}
_DECIMAL = re.compile(r"[0-9]*\.?[0-9]+")
_YEARLIKE = re.compile(r"^(?:1[89]\d\d|20\d\d)$")


def parse_number(text: str) -> int | None:
    """'6,000' → 6000, '1.2 million' → 1200000, 'hundreds' → 200; None if not a number."""
    t = text.strip().lower().replace(",", "")
    mult = 1
    for word, m in (("million", 10**6), ("billion", 10**9), ("thousand", 10**3), ("hundred", 100)):
        if t.endswith(word):
            mult = m
            t = t[: -len(word)].strip()
    if t in _WORDNUM:
        return _WORDNUM[t] * mult
    if not _DECIMAL.fullmatch(t):  # float() would also take 'nan', 'inf', '1e5', '١٢'
        return None
    value = float(t)
    if value > 1e13:
        return None
    return round(value * mult)


def _bounds(qual: str | None, value: int) -> tuple[int | None, int | None, int | None]:
    q = re.sub(r"\s+", " ", (qual or "").lower())
    if q in ("more than", "over", "at least"):
        return value, value, None
    if q in ("nearly", "almost", "fewer than", "less than", "up to", "close to", "at most",
             "as many as"):
        return None, value, value
    return None, value, None


def extract_claims(sentence: str, *, offset: int, resolver: ActorResolver,
                   published: dt.date | None, doc_id: str | None = None,
                   sentence_index: int | None = None) -> list[Claim]:
    """Every claimed figure in one sentence."""
    claims: list[Claim] = []
    attributed = _attribution(sentence, resolver, published)
    dates = find_dates(sentence, published)
    as_of = None
    for d in dates:
        if _ASOF.search(sentence[max(0, d.start - 12):d.start]):
            as_of = d.value
    if as_of is None and published is not None:
        as_of = published.isoformat()
    subject_actor = _subject_side(sentence, resolver, published)
    for m in _FIGURE.finditer(sentence):
        lo_text = m.group("lo") or m.group("lo2")
        hi_text = m.group("hi") or m.group("hi2")
        n_text = m.group("n")
        if n_text and _YEARLIKE.match(n_text.strip()):
            continue
        if n_text and n_text.strip().lower() in _VAGUE and not m.group("qual"):
            # "thousands of civilian deaths" states no figure; "tens of thousands" neither
            continue
        if re.match(r"\s*(?:km|%|percent|per\s+cent|years?|days?|hours?|weeks?|months?|"
                    r"kilomet|miles?|a\.m|p\.m|am\b|pm\b|January|February|March|April|May|June|"
                    r"July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|"
                    r"Aug|Sept?|Oct|Nov|Dec)\b", m.group("rest"), re.I):
            continue
        if lo_text and _YEARLIKE.match(lo_text.strip()):
            continue
        rest = m.group("rest") or ""
        kind = None
        kind_end = None
        for name, pattern in _KINDS:
            km = pattern.search(rest)
            if km and (kind_end is None or km.start() < kind_end):
                kind, kind_end = name, km.start()
        if kind is None and re.match(r"\s*\d", sentence[m.end():m.end() + 3]):
            # "120 military and 15 civilian deaths": the counted noun comes after the next figure
            ahead = sentence[m.end():m.end() + 80]
            for name, pattern in _KINDS:
                km = pattern.search(ahead)
                if km and (kind_end is None or km.start() < kind_end):
                    kind, kind_end = name, None
        if m.group("money") or re.match(r"\s*(?:million|billion)?\s*(?:dollars|euros|usd)", rest,
                                        re.I):
            kind = "money"
        counted = rest[: kind_end] if kind_end is not None else rest
        if kind is None and re.search(r"\b(?:vehicles|carriers|guns|launchers)\b", rest[:30], re.I):
            kind = "equipment"
        split = re.search(r"\s+(?:and|with|including|of\s+whom)\s+\d", counted)
        if split:
            counted = counted[: split.start()]
        after = sentence[m.end():m.end() + 60]
        if kind is None and claims and re.match(r"\s*(?:from|in|of|for|on)\b", rest):
            # "221 deaths, with 150 from Armenia and 71 from Azerbaijan"
            kind = claims[-1].kind
        before_text = sentence[max(0, m.start() - 45):m.start()]
        if kind is None and re.search(r"\b(?:death\s+toll|toll|casualties|killed|dead)\b",
                                      before_text, re.I):
            kind = "fatalities"
            counted = before_text
        if kind is None and (_CIVILIAN.search(rest[:20]) or _MILITARY.search(rest[:20])):
            if re.search(r"\b(?:killed|died|dead|deaths?|lost\s+their\s+lives|fatalities)\b",
                         sentence, re.I):
                kind = "fatalities"
            elif re.search(r"\b(?:wounded|injured)\b", sentence, re.I):
                kind = "wounded"
        if kind is None and _PEOPLE.search(rest[:25]):
            # "300 people lost their lives", "killed 12 people"
            before = sentence[max(0, m.start() - 30):m.start()]
            if re.search(r"\b(?:killed|died|dead|lost\s+their\s+lives|lives)\b", rest + after[:40],
                         re.I) or re.search(r"\bkill\w*\s+$", before, re.I):
                kind = "fatalities"
            elif re.search(r"\b(?:displaced|fled|refugees)\b", rest + after[:40], re.I):
                kind = "displaced"
        if kind == "troops":
            around = sentence[max(0, m.start() - 40):m.end() + 40]
            if re.search(r"\b(?:killed|died|dead|lost|deaths)\b", around, re.I):
                kind = "fatalities"
            elif re.search(r"\b(?:wounded|injured)\b", around, re.I):
                kind = "wounded"
            elif not _DEPLOY.search(around):
                kind = "troops"
        if kind is None:
            continue
        if lo_text and hi_text:
            low, high = parse_number(lo_text), parse_number(hi_text)
            if low is None or high is None:
                continue
            if low > high:
                low, high = high, low
            best = None
        else:
            value = parse_number(n_text or "")
            if value is None:
                continue
            low, best, high = _bounds(m.group("qual"), value)
        category = None
        if _CIVILIAN.search(counted) or (kind in ("fatalities", "wounded") and
                                         _CIVILIAN.search(rest[:30])):
            category = "civilian"
        elif _MILITARY.search(counted) or kind == "troops" or _MILITARY.search(rest[:20]):
            category = "military"
        elif kind in ("fatalities", "wounded"):
            category = "total"
        about = None
        for a in resolver.resolve_all(counted, published):
            if a.top != "UNK":
                about = a
                break
        if about is None:
            fm = _FROM.match(sentence[m.end():])
            if fm:
                about = resolver.resolve(fm.group("who"), published)
        if about is None:
            before = sentence[max(0, m.start() - 40):m.start()]
            bm = re.search(r"([A-Z][\w-]+)['’]s\s+(?:\w+\s+){0,2}$", before)
            if bm:
                about = resolver.resolve(bm.group(1), published)
        if about is None and (kind == "money" or kind in ("troops", "equipment")):
            about = _subject_side(sentence[: m.start()], resolver, published)
        if about is None and kind in ("fatalities", "wounded"):
            rm = _REPORT.search(sentence)
            if rm and rm.start() < m.start():
                about = subject_actor
        start, end = m.start(), m.end()
        if kind_end is not None:
            end = m.start("rest") + kind_end + len(
                re.match(r"[\w'’-]+", rest[kind_end:].lstrip()).group(0)  # type: ignore[union-attr]
            ) + (len(rest[kind_end:]) - len(rest[kind_end:].lstrip()))
        end = min(end, len(sentence))
        unit = "USD" if m.group("money") == "$" else ("EUR" if m.group("money") == "€" else None)
        if kind != "money":
            unit = "people" if kind in ("fatalities", "wounded", "displaced", "troops") else "items"
        ident = hashlib.sha1(f"{doc_id}|{offset}|{start}|{kind}".encode()).hexdigest()[:16]
        claims.append(Claim(
            claim_id=ident, kind=kind, low=low, best=best, high=high, unit=unit,
            about=about, category=category, as_of=as_of, attributed_to=attributed,
            sentence=sentence,
            evidence=Evidence(offset + start, offset + end, sentence[start:end].strip()),
            doc_id=doc_id, sentence_index=sentence_index, rule=CLAIMS_NAME,
        ))
    return claims


def _attribution(sentence: str, resolver: ActorResolver,
                 published: dt.date | None) -> ActorRef | None:
    m = _ACCORDING.search(sentence)
    if m:
        found = resolver.resolve(m.group("who"), published)
        if found:
            return found
    rm = _REPORT.search(sentence)
    if rm:
        found = resolver.resolve(sentence[: rm.start()], published)
        if found:
            return found
    return None


def _subject_side(sentence: str, resolver: ActorResolver,
                  published: dt.date | None) -> ActorRef | None:
    rm = _REPORT.search(sentence)
    head = sentence[: rm.start()] if rm else sentence[:60]
    return resolver.resolve(head, published)
