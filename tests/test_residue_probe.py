"""Residue from many publishers, each line put where pages print it (under the headline,
between paragraphs, after the article) into a short article in its language: the line goes and
every paragraph stays. The lines are kinds of residue, not the development corpus's (which has
most of them nowhere between paragraphs); tests/data/residue_probe.json holds them, with the
places the cleaner misses today as strict xfails. And the other way round: lines of article
text that look like residue (a subheading, a list item, a quoted imperative such as "Subscribe
to the city's newsletter for updates, the mayor urged residents.") stay where they are."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import cleaner

PROBE = json.loads((Path(__file__).parent / "data" / "residue_probe.json").read_text(encoding="utf-8"))


def document(lang: str, line: str, where: str) -> list[str]:
    """The article in ``lang`` with ``line`` under its headline, between its paragraphs or after it."""
    prose = PROBE["articles"][lang]
    if where == "head":
        return [PROBE["titles"][lang], line, *prose]
    if where == "body":
        return [*prose[:3], line, *prose[3:]]
    return [*prose, line]


def case(entry: dict, place: str, case_id: str):
    """One probe case: the entry's language, text and ``place``; a strict xfail where the entry
    lists the place among its known failures."""
    marks = [pytest.mark.xfail(strict=True, reason="kept today")] if place in entry.get("known_failures", ()) else []
    return pytest.param(entry["lang"], entry["text"], place, marks=marks, id=case_id)


def cases() -> list:
    return [case(entry, where, f"{entry['lang']}-{where}-{entry['text'][:40]}")
            for entry in PROBE["residue"] for where in entry["where"]]


@pytest.mark.parametrize("lang, line, where", cases())
def test_residue_goes_and_the_article_stays(lang, line, where):
    result = cleaner.clean("\n".join(document(lang, line, where)))
    kept = result.text.splitlines()
    assert all(paragraph in kept for paragraph in PROBE["articles"][lang])
    assert line not in kept
    assert any(line in removal.text or removal.text in line for removal in result.removed)
    if where == "head":  # removed as residue, not taken for the headline, which the title is
        assert result.title == PROBE["titles"][lang]


def test_the_probe_covers_each_language_and_place():
    places = {(entry["lang"], where) for entry in PROBE["residue"] for where in entry["where"]}
    assert {lang for lang, _ in places} == set(PROBE["articles"]) and {w for _, w in places} == {"head", "body", "tail"}
    assert all(len(PROBE["articles"][lang]) >= 6 for lang in PROBE["articles"])


@pytest.mark.parametrize("lang, line", [(lang, line) for lang, lines in PROBE["article_lines"].items() for line in lines],
                         ids=lambda value: str(value)[:40])
def test_article_text_that_looks_like_residue_stays(lang, line):
    result = cleaner.clean("\n".join(document(lang, line, "body")))
    assert result.text.splitlines() == document(lang, line, "body")


def glued_cases() -> list:
    cases = []
    for entry in PROBE["glued_first_line"]:
        for form in ("after_headline", "line_start"):
            param = case(entry, form, f"{form}-{entry['text'][:40]}-{entry.get('first_line', '')[:20]}")
            cases.append(pytest.param(*param.values, entry.get("first_line"), marks=param.marks, id=param.id))
    return cases


@pytest.mark.parametrize("lang, stamp, form, first_line", glued_cases())
def test_a_byline_or_stamp_glued_into_the_first_line_goes(lang, stamp, form, first_line):
    """The stamp glued before the article's first paragraph, or before the entry's own first line
    (a sentence that opens with a name or a number) put in the first paragraph's place."""
    prose = [first_line or PROBE["articles"][lang][0], *PROBE["articles"][lang][1:]]
    first = f"{PROBE['titles'][lang]} {stamp} {prose[0]}" if form == "after_headline" else f"{stamp} {prose[0]}"
    result = cleaner.clean("\n".join([first, *prose[1:]]))
    assert all(paragraph in result.text for paragraph in prose)
    assert stamp not in result.text


@pytest.mark.parametrize("lang, line, glued", [(lang, line, glued) for lang, lines in PROBE["glued_article_lines"].items()
                                               for line in lines for glued in (False, True)],
                         ids=lambda value: str(value)[:40])
def test_an_article_first_line_that_opens_like_a_byline_or_date_stays(lang, line, glued):
    """An article's first line that opens like a byline or a stamp ("By Tuesday the river had
    risen ...", "November 20, 2019 will be remembered ..."), under the headline or glued after
    it, stays whole, and so does every paragraph."""
    title, prose = PROBE["titles"][lang], PROBE["articles"][lang]
    head = [f"{title} {line}"] if glued else [title, line]
    result = cleaner.clean("\n".join([*head, *prose]))
    assert line in result.text
    assert all(paragraph in result.text.splitlines() for paragraph in prose)


@pytest.mark.parametrize("lang, dateline, first_line, form",
                         [(e["lang"], e["text"], e.get("first_line"), form) for e in PROBE["wire_datelines"]
                          for form in ("after_headline", "line_start")],
                         ids=lambda value: str(value)[:40])
def test_a_wire_dateline_stays_with_its_paragraph(lang, dateline, first_line, form):
    """A dateline ("WASHINGTON (AP) —", "(CNN)") is the first paragraph's opening, not residue
    (the gold bodies keep it): glued after the headline or at the line's start, it stays, joined
    to the paragraph as printed, and so does every paragraph."""
    prose = [first_line or PROBE["articles"][lang][0], *PROBE["articles"][lang][1:]]
    first = f"{PROBE['titles'][lang]} {dateline} {prose[0]}" if form == "after_headline" else f"{dateline} {prose[0]}"
    result = cleaner.clean("\n".join([first, *prose[1:]]))
    assert f"{dateline} {prose[0]}" in result.text
    assert all(paragraph in result.text for paragraph in prose)
