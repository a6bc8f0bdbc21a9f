from __future__ import annotations

import datetime as dt

import pytest

from ceasefire.actors import ActorResolver, KnowledgePack
from ceasefire.claims import extract_claims, parse_number


@pytest.fixture(scope="module")
def resolver() -> ActorResolver:
    return ActorResolver(KnowledgePack.load())


def _claims(resolver, text, published=None):
    return [
        (c.kind, c.low, c.best, c.high, c.about.top if c.about else None, c.category)
        for c in extract_claims(text, offset=0, resolver=resolver, published=published)
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Georgia's ministry reported 120 military and 15 Georgian civilian deaths.",
         [("fatalities", None, 120, None, "GEO", "military"),
          ("fatalities", None, 15, None, "GEO", "civilian")]),
        ("Over 6,000 military casualties were recorded.",
         [("fatalities", 6000, 6000, None, None, "military")]),
        ("Nearly 300 people lost their lives.",
         [("fatalities", None, 300, 300, None, "total")]),
        ("Between 100 and 150 soldiers were killed.",
         [("fatalities", 100, None, 150, None, "military")]),
        ("Russia deployed about 2,000 peacekeepers.",
         [("troops", None, 2000, None, "RUS", "military")]),
        ("More than 100,000 people were displaced.",
         [("displaced", 100000, 100000, None, None, None)]),
    ],
)
def test_claims_shapes(resolver, text, expected):
    assert _claims(resolver, text) == expected


def test_claims_attribution_and_as_of(resolver):
    [c] = extract_claims("According to Azerbaijan's defence ministry, 50 soldiers were killed "
                         "as of 20 September.", offset=0, resolver=resolver,
                         published=dt.date(2022, 9, 21))
    assert c.attributed_to is not None and c.attributed_to.top == "AZE"
    assert c.as_of == "2022-09-20"


def test_claims_years_are_not_figures(resolver):
    assert _claims(resolver, "In 2020 the war killed many.") == []


@pytest.mark.parametrize(("text", "value"), [("6,000", 6000), ("1.2 million", 1200000),
                                             ("12", 12), ("abc", None)])
def test_claims_parse_number(text, value):
    assert parse_number(text) == value


def test_claims_vague_plurals_are_not_figures(resolver):
    # "thousands of" states no number
    assert _claims(resolver, "The war left thousands of civilian deaths and dozens of villages "
                   "in ruins.") == []
    assert _claims(resolver, "Some 40 soldiers and thousands of civilians died.") != []
