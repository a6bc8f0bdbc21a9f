from __future__ import annotations

import datetime as dt

import pytest

from ceasefire.events.dates import find_dates

PUB = dt.date(2022, 11, 1)  # a Tuesday


@pytest.mark.parametrize(
    ("text", "ref", "expected"),
    [
        ("They agreed on October 17 to stop.", dt.date(2020, 10, 19), [("2020-10-17", "day")]),
        ("The leaders met on Monday in Sochi.", PUB, [("2022-10-31", "day")]),
        ("Fighting resumed in September 2020.", None, [("2020-09", "month")]),
        ("The truce has held since 1994.", None, [("1994", "year")]),
        ("It lasted from 27 September to 10 November 2020.", None,
         [("2020-09-27", "day"), ("2020-11-10", "day")]),
        ("Talks were held last week.", PUB, [("2022-10", "month")]),
        ("Talks resumed earlier this month.", PUB, [("2022-11", "month")]),
        ("The 1990s war ended badly.", None, [("1990", "year")]),
        ("A statement of 9 November 2020 ended the war.", None, [("2020-11-09", "day")]),
        ("They met on 2020-10-30.", None, [("2020-10-30", "day")]),
        ("Yesterday the ministers spoke.", PUB, [("2022-10-31", "day")]),
    ],
)
def test_dates_resolve_against_document_date(text, ref, expected):
    assert [(d.value, d.precision) for d in find_dates(text, ref)] == expected


def test_dates_without_year_and_without_document_date_are_not_guessed():
    assert find_dates("They met on 17 October.", None) == []


def test_dates_yearless_day_after_publication_belongs_to_previous_year():
    [d] = find_dates("The clashes of 20 December were the worst.", dt.date(2021, 1, 5))
    assert d.value == "2020-12-20"


def test_dates_since_is_flagged():
    [d] = find_dates("Armenians have governed it since 1994.", None)
    assert d.since is True


@pytest.mark.parametrize("text", ["It killed 1994 soldiers.", "Resolution 822 was passed.",
                                  "You may go."])
def test_dates_numbers_that_are_not_dates(text):
    assert find_dates(text, PUB) == []
