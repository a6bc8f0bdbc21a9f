"""Tokenising and normalising the short strings the actor resolver works on.

Surface forms of the pack and the phrases to resolve go through the same ``tokens`` function,
so that a form and a phrase match when their word tokens match: hyphens are not part of the
key ("Nagorno-Karabakh" = "Nagorno Karabakh") but are remembered on the token that follows
them, so that "Russian-brokered" can be told from "Russian forces".
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

_TOKEN = re.compile(r"(?:[^\W\d_]\.){2,}|[^\W_]+|['’]s\b|[-‐‑–—,&;/()]")
_FOLD_EXTRA = str.maketrans({"ı": "i", "ə": "e", "Ə": "E", "ø": "o", "Ø": "O", "ß": "ss",
                             "’": "'", "‘": "'", "ʼ": "'"})
PUNCT = frozenset({"-", "‐", "‑", "–", "—", ",", "&", ";", "/", "(", ")"})
HYPHENS = frozenset({"-", "‐", "‑"})


@dataclass(frozen=True)
class Token:
    text: str  # folded form as written (accents removed, case kept)
    low: str  # folded, lower case
    hyphen_before: bool  # joined to the previous token by a hyphen ("Russian-brokered")
    start: int
    end: int

    @property
    def is_word(self) -> bool:
        return self.text not in PUNCT and self.low != "'s"

    @property
    def capitalised(self) -> bool:
        return self.text[:1].isupper()


def fold(text: str) -> str:
    """Remove accents and unify apostrophes: "Erdoğan" -> "Erdogan", "Çavuşoğlu" -> "Cavusoglu"."""
    text = text.translate(_FOLD_EXTRA)
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def tokens(text: str) -> list[Token]:
    """Split ``text`` into word, possessive ("'s") and punctuation tokens (folded)."""
    folded = fold(text)
    out: list[Token] = []
    hyphen = False
    for m in _TOKEN.finditer(folded):
        tok = m.group()
        if tok in HYPHENS and out and m.start() == out[-1].end:
            hyphen = True
            continue
        if tok.lower() in ("'s",):
            tok = "'s"
        out.append(Token(tok, tok.lower(), hyphen and bool(out) and m.start() == out[-1].end + 1,
                         m.start(), m.end()))
        hyphen = False
    return out


def word_key(text: str, drop_article: bool = True) -> tuple[str, ...]:
    """The case-kept key of a surface form: its word tokens, leading "the" dropped."""
    words = [t.text for t in tokens(text) if t.is_word]
    if drop_article and len(words) > 1 and words[0].lower() == "the":
        words = words[1:]
    return tuple(words)


def lower_key(text: str, drop_article: bool = True) -> tuple[str, ...]:
    return tuple(w.lower() for w in word_key(text, drop_article))


def singulars(word: str) -> list[str]:
    """Candidate singulars of a lower-case English noun ("ministries" -> "ministry")."""
    out: list[str] = []
    if len(word) > 4 and word.endswith("ies"):
        out.append(word[:-3] + "y")
    if len(word) > 3 and word.endswith("es"):
        out.append(word[:-2])
    if len(word) > 2 and word.endswith("s") and not word.endswith("ss"):
        out.append(word[:-1])
    if word.endswith("men"):
        out.append(word[:-3] + "man")
    return out
