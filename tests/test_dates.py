"""Dates and times of bylines and stamps as ISO 8601 (``cleaner.dates.to_iso``), in the
languages the rules cover."""

from __future__ import annotations

import pytest
import regex

from cleaner.dates import DATE, MONTH, to_iso


@pytest.mark.parametrize("text, iso", [
    ("Nov. 20, 2019", "2019-11-20"),
    ("Wed 20 Nov 2019 10.35 GMT", "2019-11-20T10:35"),
    ("20. November 2019", "2019-11-20"),
    ("20.11.2019 10:35 Uhr", "2019-11-20T10:35"),
    ("20 März 2019", "2019-03-20"),
    ("20 novembre 2019", "2019-11-20"),  # French and Italian
    ("mercredi 20 novembre 2019 à 10h35", "2019-11-20T10:35"),
    ("3 mai 2019", "2019-05-03"),  # was read as March 1st
    ("1 juillet 2019", "2019-07-01"),  # was read as January 1st
    ("20 de noviembre de 2019", "2019-11-20"),
    ("20 de novembro de 2019 10h35", "2019-11-20T10:35"),
    ("20 set 2019", "2019-09-20"),
    ("20 novembre 2019 alle 10:35", "2019-11-20T10:35"),
    ("20 ноября 2019, 10:35", "2019-11-20T10:35"),
    ("2019년 11월 20일", "2019-11-20"),
    ("2019年11月20日", "2019-11-20"),
    ("4th March 2026", "2026-03-04"),  # a British ordinal day
    ("Posted 3rd of March 2026 at 11:59 pm", "2026-03-03T23:59"),
    ("3 hours ago", None),
    ("no date here", None),
])
def test_dates_in_many_languages(text, iso):
    assert to_iso(text) == iso


def test_every_month_name_the_date_pattern_finds_is_read():
    # the names DATE finds (rules and detectors) and the names to_iso reads stay in step
    words = set(regex.findall(r"[^\W\d_]{3,}", MONTH))
    names = [w for w in words if DATE.fullmatch(f"20 {w} 2019")]
    assert len(names) > 60
    assert [name for name in names if (to_iso(f"20 {name} 2019") or "")[-2:] != "20"] == []


def test_the_date_pattern_takes_a_british_ordinal_day_whole():
    assert DATE.search("Posted 4th March 2026 at 3:50 pm").group() == "4th March 2026"
    assert DATE.search("on the 3rd of March, 2026").group() == "3rd of March, 2026"


@pytest.mark.parametrize("text", ["195.3.222.251", "| 195.3.222[.]251 | ipv4-addr | staging server |",
                                  "Build 10.2.2019.1", "jscrambler 1.12.03.2024", "2019-11-190"])
def test_no_numeric_date_inside_a_longer_number(text):
    # an IP address, a version, a build number: its digits hold no date ("95.3.222" was one)
    assert DATE.search(text) is None


@pytest.mark.parametrize("text, found", [("Updated 12.03.2024.", "12.03.2024"), ("(11/19/2019)", "11/19/2019"),
                                         ("on 2019-11-19T10:00Z, at", "2019-11-19T10:00Z")])
def test_a_numeric_date_ends_at_its_punctuation(text, found):
    assert DATE.search(text).group() == found
