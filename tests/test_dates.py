"""dates: time expressions resolved against the publication date, with a precision; never invented."""

from __future__ import annotations

import datetime as dt

import pytest

from eventdesk.dates import coarsen, find_time_expressions, interval, parse_absolute_date, resolve

TUE = dt.date(2022, 10, 18)  # a Tuesday
WED = dt.date(2022, 10, 5)  # a Wednesday whose previous week straddles September and October


def resolve_text(text: str, anchor: dt.date | None, future: bool = False) -> tuple[str, str] | None:
    """The (date, precision) of the one time expression in `text`."""
    exprs = find_time_expressions(text)
    assert len(exprs) == 1, exprs
    return resolve(exprs[0], anchor, future)


def param(text, anchor=TUE, future=False, expected=None):
    return pytest.param(text, anchor, future, expected, id=f"{text}|{anchor}|{'future' if future else 'past'}")


RESOLVED = [
    # weekdays
    param("Israel rejected the request on Monday", expected=("2022-10-17", "day")),
    param("Monday morning", expected=("2022-10-17", "day")),
    param("the ministers met Tuesday", expected=("2022-10-18", "day")),  # same weekday: the anchor itself
    param("last Wednesday", expected=("2022-10-12", "day")),
    param("last Tuesday", expected=("2022-10-11", "day")),  # 'last' + same weekday: a week back
    param("on Friday", expected=("2022-10-14", "day")),
    param("next Monday", expected=("2022-10-24", "day")),
    param("next Tuesday", expected=("2022-10-25", "day")),
    param("Monday", future=True, expected=("2022-10-24", "day")),  # "will meet Monday"
    param("Last Wednesday, Israel said", anchor=WED, expected=("2022-09-28", "day")),  # capitalised modifier
    param("Next Monday the ministers meet", expected=("2022-10-24", "day")),
    param("last Wednesday", future=True, expected=("2022-10-12", "day")),
    # day and month without a year
    param("on 20 October", expected=("2022-10-20", "day")),
    param("October 20", expected=("2022-10-20", "day")),
    param("the 20th of October", expected=("2022-10-20", "day")),
    param("25 March", expected=("2022-03-25", "day")),  # before the anchor: same year
    param("25 December", expected=("2021-12-25", "day")),  # months after the anchor: previous year
    param("25 March", future=True, expected=("2023-03-25", "day")),
    param("25 December", future=True, expected=("2022-12-25", "day")),
    # month without a year
    param("in April", expected=("2022-04", "month")),
    param("earlier in March", expected=("2022-03", "month")),
    param("in November", expected=("2021-11", "month")),
    param("in October", expected=("2022-10", "month")),
    param("in April", future=True, expected=("2023-04", "month")),
    param("In May, Israel said", expected=("2022-05", "month")),
    param("in December", anchor=dt.date(2023, 1, 10), expected=("2022-12", "month")),
    # absolute
    param("in March 2022", expected=("2022-03", "month")),
    param("February 16, 2023", expected=("2023-02-16", "day")),
    param("16 February 2023", expected=("2023-02-16", "day")),
    param("2023-02-16", expected=("2023-02-16", "day")),
    param("in 2021", expected=("2021", "year")),
    # relative days and spans
    param("yesterday", expected=("2022-10-17", "day")),
    param("Yesterday", expected=("2022-10-17", "day")),
    param("today", expected=("2022-10-18", "day")),
    param("tomorrow", future=True, expected=("2022-10-19", "day")),
    param("last night", expected=("2022-10-17", "day")),
    param("last week", expected=("2022-10", "month")),  # 10-16 October: inside one month
    param("last week", anchor=WED, expected=("2022-09", "month")),  # 26 September - 2 October: the month of most of it
    param("this month", expected=("2022-10", "month")),
    param("last month", expected=("2022-09", "month")),
    param("last month", anchor=dt.date(2022, 1, 10), expected=("2021-12", "month")),
    param("last year", expected=("2021", "year")),
    param("next year", future=True, expected=("2023", "year")),
    param("three days ago", expected=("2022-10-15", "day")),
    param("10 days ago", expected=("2022-10-08", "day")),
    param("two months ago", anchor=dt.date(2022, 1, 10), expected=("2021-11", "month")),
    param("a year ago", expected=("2021", "year")),
]


@pytest.mark.parametrize("text, anchor, future, expected", RESOLVED)
def test_resolve(text, anchor, future, expected):
    assert resolve_text(text, anchor, future) == expected


@pytest.mark.parametrize("text", ["Monday", "last Wednesday", "next Monday", "on 20 October", "25 March",
                                  "in April", "yesterday", "today", "last week", "this month", "last year",
                                  "three days ago"])
def test_without_an_anchor_relative_expressions_give_none(text):
    assert resolve_text(text, None) is None
    assert resolve_text(text, None, future=True) is None


@pytest.mark.parametrize("text, expected", [
    ("in March 2022", ("2022-03", "month")),
    ("February 16, 2023", ("2023-02-16", "day")),
    ("Thursday, October 27, 2022", ("2022-10-27", "day")),
    ("2022-10-27", ("2022-10-27", "day")),
    ("in 2021", ("2021", "year")),
])
def test_without_an_anchor_absolute_expressions_resolve(text, expected):
    assert resolve_text(text, None) == expected


@pytest.mark.parametrize("text", ["Israel may reconsider", "a march through the city", "the 2021 war",
                                  "no time here at all"])
def test_no_time_expression(text):
    assert find_time_expressions(text) == []


@pytest.mark.parametrize("text", ["February 30, 2023", "31 April 2022"])
def test_impossible_dates_do_not_resolve(text):
    assert resolve_text(text, TUE) is None


def test_expressions_are_found_in_order_without_overlap():
    text = "Kyiv said on Monday, a week after the 10 October strikes, that talks held in March 2022 had failed."
    exprs = find_time_expressions(text)
    assert [(e.kind, e.text) for e in exprs] == [("wd", "on Monday"), ("dm", "the 10 October"), ("my", "March 2022")]
    for e in exprs:
        assert text[e.start:e.end] == e.text


# -- byline lines -------------------------------------------------------------------------------------

@pytest.mark.parametrize("line, expected", [
    ("October 27 2022", "2022-10-27"),
    ("October 27, 2022", "2022-10-27"),
    ("Published: October 27, 2022", "2022-10-27"),
    ("Thursday, October 27, 2022", "2022-10-27"),
    ("27 October 2022 10:45 GMT", "2022-10-27"),
    ("Oct. 27, 2022 | 10:45 am", "2022-10-27"),
    ("last updated: 27 Oct 2022 09:15 BST", "2022-10-27"),
    ("Updated 2022-10-27", "2022-10-27"),
    ("October 2022", None),  # a month, not a day
    ("October 27", None),  # no year
    ("February 30, 2023", None),
    ("Israel rejected a request from Ukraine on October 27 2022 after weeks of talks", None),  # a sentence
    ("", None),
])
def test_parse_absolute_date(line, expected):
    assert parse_absolute_date(line) == expected


# -- intervals and precision ------------------------------------------------------------------------

D = dt.date


@pytest.mark.parametrize("date, precision, expected", [
    ("2022-10-18", "day", (D(2022, 10, 18), D(2022, 10, 18))),
    ("2022-10-18", None, (D(2022, 10, 18), D(2022, 10, 18))),
    ("2022-10", "month", (D(2022, 10, 1), D(2022, 10, 31))),
    ("2022-10", None, (D(2022, 10, 1), D(2022, 10, 31))),
    ("2024-02", "month", (D(2024, 2, 1), D(2024, 2, 29))),
    ("2023-02", "month", (D(2023, 2, 1), D(2023, 2, 28))),
    ("2022", "year", (D(2022, 1, 1), D(2022, 12, 31))),
    ("2022-10-18", "month", (D(2022, 10, 1), D(2022, 10, 31))),  # the precision widens a full date
    ("2022-10-18", "year", (D(2022, 1, 1), D(2022, 12, 31))),
    (None, None, None),
    ("", "day", None),
])
def test_interval(date, precision, expected):
    assert interval(date, precision) == expected


@pytest.mark.parametrize("date, precision, to, expected", [
    ("2022-04-20", "day", "month", ("2022-04", "month")),
    ("2022-04-20", "day", "year", ("2022", "year")),
    ("2022-04", "month", "year", ("2022", "year")),
    ("2022-04", "month", "month", ("2022-04", "month")),
    ("2022-04", "month", "day", ("2022-04", "month")),  # never made finer
    ("2022", "year", "month", ("2022", "year")),
    (None, None, "month", (None, None)),
])
def test_coarsen(date, precision, to, expected):
    assert coarsen(date, precision, to) == expected


@pytest.mark.parametrize("text, anchor, future, expected", [p for p in RESOLVED if p.values[3]])
def test_a_resolved_date_is_the_start_of_its_interval(text, anchor, future, expected):
    """Whatever resolves, resolves to a (date, precision) pair that `interval` understands."""
    date, precision = resolve_text(text, anchor, future)
    start, end = interval(date, precision)
    assert start <= end
    assert start.isoformat().startswith(date)
    assert coarsen(date, precision, "year") == (date[:4], "year")


@pytest.mark.parametrize("text,anchor,want", [
    ("he intends to speak with him within days", dt.date(2022, 10, 18), ("2022-10", "month")),
    ("talks in the coming days", dt.date(2022, 10, 18), ("2022-10", "month")),
    ("talks in the coming days", dt.date(2022, 10, 28), None),  # the next week leaves the month
])
def test_soon_is_the_month_of_publication_when_it_stays_in_it(text, anchor, want):
    (expr,) = find_time_expressions(text)
    assert resolve(expr, anchor, future=True) == want


@pytest.mark.parametrize("text,want", [
    ("A day earlier, the ministry had summoned the ambassador", ("2022-10-17", "day")),
    ("the ministry condemned it the same day", ("2022-10-18", "day")),
    ("later that day he left", ("2022-10-18", "day")),
    ("the previous day", ("2022-10-17", "day")),
    ("The next day the talks resumed", ("2022-10-19", "day")),
    ("two days later, Kyiv replied", ("2022-10-20", "day")),
    ("three days earlier", ("2022-10-15", "day")),
    ("10 days later the talks resumed", ("2022-10-28", "day")),
])
def test_a_day_told_from_the_day_last_spoken_of(text, want):
    """'a day earlier' is resolved against the day the text last fixed (here a Tuesday), not publication."""
    assert resolve_text(text, TUE) == want


@pytest.mark.parametrize("text", ["the day after the attack", "two days before the vote", "a day after Putin spoke"])
def test_a_day_counted_from_another_event_is_no_reference_day(text):
    assert [e.kind for e in find_time_expressions(text)] == []


# -- references, weekends, weeks ago --------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "the first such visit since May 2009",
    "for the first time since 2015",
    "the largest prisoner exchange since March 2022",
    "relations have not been this bad since October",
    "the sanctions stay in force until March 2024",
    "ordered to leave the country by 7 February",
    "talks ahead of the 20 May vote",
    "before the end of 2023",
])
def test_a_since_until_or_before_phrase_is_a_reference_not_a_date(text):
    assert find_time_expressions(text) == []


@pytest.mark.parametrize("text, expected", [
    ("the journalist has been detained since early March", ("2022-03", "month")),  # a state begun then
    ("the border has been closed since 12 October", ("2022-10-12", "day")),
    ("the first visit in March since the war began", ("2022-03", "month")),  # the reference is the war, not March
])
def test_since_without_a_comparison_starts_a_state(text, expected):
    assert resolve_text(text, TUE) == expected


SAT, SUN, MON_MAY = dt.date(2022, 10, 22), dt.date(2022, 10, 23), dt.date(2022, 5, 2)


@pytest.mark.parametrize("text, anchor, future, expected", [
    param("the ministers met over the weekend", expected=("2022-10", "month")),  # 15-16 October
    param("they will meet over the weekend", future=True, expected=("2022-10", "month")),  # 22-23 October
    param("this weekend", future=True, expected=("2022-10", "month")),
    param("at the weekend", anchor=MON_MAY, expected=None),  # 30 April - 1 May: no single month
    param("next weekend", anchor=dt.date(2022, 10, 27), future=True, expected=("2022-10", "month")),
    param("next weekend", anchor=SAT, future=True, expected=("2022-10", "month")),  # 29-30 October
    param("next weekend", anchor=dt.date(2022, 10, 29), future=True, expected=("2022-11", "month")),  # 5-6 Nov
    param("over the weekend", anchor=dt.date(2022, 4, 28), future=True, expected=None),  # 30 April - 1 May
    param("last weekend", anchor=SUN, expected=("2022-10", "month")),  # 15-16 October
    param("last weekend", anchor=dt.date(2022, 10, 2), expected=("2022-09", "month")),  # 24-25 September
    param("three weeks ago", expected=("2022-09", "month")),  # around 27 September
    param("a week ago", expected=("2022-10", "month")),  # around 11 October
    param("two weeks ago", anchor=dt.date(2022, 10, 16), expected=None),  # around 2 October: two months
    param("earlier this month", expected=("2022-10", "month")),
    param("earlier this year", expected=("2022", "year")),
    param("late last year", expected=("2021", "year")),
    param("last month", expected=("2022-09", "month")),
    param("two months ago", expected=("2022-08", "month")),
])
def test_weekends_and_weeks_resolve_with_the_right_precision(text, anchor, future, expected):
    assert resolve_text(text, anchor, future) == expected


@pytest.mark.parametrize("text, anchor, future, expected", [
    param("earlier this week", anchor=dt.date(2022, 10, 4), expected=("2022-10", "month")),  # 3-4 October
    param("this week", anchor=dt.date(2022, 9, 29), future=True, expected=None),  # 29 September - 2 October
    param("this week", anchor=dt.date(2022, 9, 29), expected=("2022-09", "month")),  # 26-29 September
    param("later this week", anchor=dt.date(2022, 10, 4), future=True, expected=("2022-10", "month")),
])
def test_this_week_counts_the_days_on_the_side_of_publication_it_speaks_of(text, anchor, future, expected):
    assert resolve_text(text, anchor, future) == expected


def test_a_weekend_without_an_anchor_stays_undated():
    assert resolve_text("over the weekend", None) is None


@pytest.mark.parametrize("line, expected", [
    ("14:00, November 19, 2025", "2025-11-19"),
    ("2023-08-02 16:39:00", "2023-08-02"),
    ("Published: Wed 28 Aug 2024, 10:14 PM", "2024-08-28"),
])
def test_parse_absolute_date_of_publication_stamps(line, expected):
    assert parse_absolute_date(line) == expected


@pytest.mark.parametrize("text, expected", [
    ("Turkish President Erdogan visited Greece on Thursday, the first such visit since May 2009.",
     ("2023-12-07", "day")),
    ("Erdogan visited Greece, the first such visit since May 2009.", ("2023-12", "month")),  # the month reported
    ("Greek and Turkish ministers will meet over the weekend in Athens.", ("2023-12", "month")),
])
def test_an_event_is_dated_by_its_own_time_phrase_not_by_a_reference(text, expected):
    from eventdesk.pipeline import extract_text

    (mention,) = extract_text(text, "2023-12-09")
    assert (mention.date, mention.date_precision) == expected
