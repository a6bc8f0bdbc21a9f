"""The event ontology: PLOVER types and modes, CAMEO codes, Goldstein scores.

Loaded from the package's data files (``data/ontology``), derived from the
reference tables of the PLOVER and CAMEO projects:

- ``cameo.tsv``: CAMEO code, description, Goldstein score (the GDELT table) and
  the PLOVER type/mode/context of the CAMEO→PLOVER crosswalk;
- ``plover_scores.tsv``: the intensity score per PLOVER type and mode;
- ``triggers.yaml``: the coder's lexicon of trigger words.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

from ceasefire.errors import ConfigError

__all__ = ["PLOVER_TYPES", "QUAD_CLASS", "SYMMETRIC_TYPES", "Ontology", "Sense", "load_ontology"]

PLOVER_TYPES = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)
# 1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict
QUAD_CLASS = {
    "AGREE": 1, "CONSULT": 1, "SUPPORT": 1, "CONCEDE": 1,
    "COOPERATE": 2, "AID": 2, "RETREAT": 2,
    "REQUEST": 3, "ACCUSE": 3, "REJECT": 3, "THREATEN": 3,
    "PROTEST": 4, "SANCTION": 4, "MOBILIZE": 4, "COERCE": 4, "ASSAULT": 4,
}
SYMMETRIC_TYPES = frozenset({"AGREE", "CONSULT", "COOPERATE"})
DEFAULT_CAMEO = {
    "AGREE": "030", "CONSULT": "040", "SUPPORT": "051", "CONCEDE": "080", "COOPERATE": "060",
    "AID": "070", "RETREAT": "080", "REQUEST": "020", "ACCUSE": "112", "REJECT": "120",
    "THREATEN": "130", "PROTEST": "140", "SANCTION": "160", "MOBILIZE": "150", "COERCE": "170",
    "ASSAULT": "190",
}


@dataclass(frozen=True)
class Sense:
    """One meaning of a trigger word."""

    lemma: str
    type: str
    mode: str | None
    cameo: str | None
    obj: tuple[str, ...] | None = None  # required object lemmas (light verbs)
    prep: tuple[str, ...] | None = None  # required particle/preposition
    targets: tuple[str, ...] = ()
    control: str | None = None
    role: str | None = None
    agreement: str | None = None


@dataclass(frozen=True)
class Ontology:
    cameo_goldstein: dict[str, float]
    cameo_description: dict[str, str]
    verbs: dict[str, tuple[Sense, ...]]
    nouns: dict[str, Sense]
    control: dict[str, str]  # lemma -> control class
    stop: frozenset[str]

    def goldstein(self, cameo: str | None) -> float | None:
        if cameo is None:
            return None
        code = cameo
        while code:
            if code in self.cameo_goldstein:
                return self.cameo_goldstein[code]
            code = code[:-1]
        return None

    def describe(self, type_: str, mode: str | None, cameo: str | None) -> dict[str, Any]:
        code = cameo or DEFAULT_CAMEO[type_]
        return {
            "cameo": code,
            "goldstein": self.goldstein(code),
            "quad_class": QUAD_CLASS[type_],
        }


def _read_text(name: str) -> str:
    try:
        return resources.files("ceasefire.data.ontology").joinpath(name).read_text("utf-8")
    except FileNotFoundError as exc:
        raise ConfigError(
            f"ontology data file {name!r} is missing from the package; reinstall ceasefire"
        ) from exc


def _sense(lemma: str, raw: dict[str, Any], where: str) -> Sense:
    type_ = raw.get("type")
    if type_ not in QUAD_CLASS:
        raise ConfigError(
            f"{where}: trigger {lemma!r} has type {type_!r}, which is not a PLOVER type; "
            f"use one of {', '.join(PLOVER_TYPES)}"
        )
    obj = raw.get("obj")
    prep = raw.get("prep")
    return Sense(
        lemma=lemma,
        type=type_,
        mode=raw.get("mode"),
        cameo=str(raw["cameo"]) if raw.get("cameo") is not None else None,
        obj=tuple(obj) if obj else None,
        prep=tuple(prep) if prep else None,
        targets=tuple(raw.get("targets") or ()),
        control=raw.get("control"),
        role=raw.get("role"),
        agreement=raw.get("agreement"),
    )


@lru_cache(maxsize=1)
def load_ontology() -> Ontology:
    gold: dict[str, float] = {}
    desc: dict[str, str] = {}
    rows = csv.DictReader(_read_text("cameo.tsv").splitlines(), delimiter="\t")
    for row in rows:
        if row["goldstein"]:
            gold[row["cameo"]] = float(row["goldstein"])
        desc[row["cameo"]] = row["description"]
    raw = yaml.safe_load(_read_text("triggers.yaml"))
    where = "ceasefire/data/ontology/triggers.yaml"
    verbs = {
        lemma: tuple(_sense(lemma, s, where) for s in senses)
        for lemma, senses in (raw.get("verbs") or {}).items()
    }
    nouns = {lemma: _sense(lemma, s, where) for lemma, s in (raw.get("nouns") or {}).items()}
    control: dict[str, str] = {}
    for klass, lemmas in (raw.get("control") or {}).items():
        for lemma in lemmas:
            control.setdefault(lemma, klass)
    return Ontology(gold, desc, verbs, nouns, control, frozenset(raw.get("stop") or ()))
