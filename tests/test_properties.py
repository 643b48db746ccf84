"""Properties of ``clean`` for any input (hypothesis): only documented errors, output made only
of the input, every character accounted for, and cleaning is stable."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import SEEDS, seed_ids
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import cleaner

EVAL_DEV = Path(__file__).resolve().parent.parent.parent / "shared" / "eval-dev"
FAST = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# -- article-like text -------------------------------------------------------------------------
WORDS = st.sampled_from(
    "the council said on Tuesday that budget schools roads harbour would be reviewed next spring "
    "minister talks Geneva police protesters city officials million percent year report company "
    "shares market election voters president war ceasefire village water".split())
NAMES = st.sampled_from(["Jane Doe", "John Smith", "Meg James", "Ana López", "Ivan Petrov"])
sentences = st.builds(lambda words, end: " ".join(words).capitalize() + end,
                      st.lists(WORDS, min_size=6, max_size=25), st.sampled_from([".", ".", "?", "!", "."]))
paragraphs = st.lists(sentences, min_size=1, max_size=4).map(" ".join)
headlines = st.lists(WORDS, min_size=3, max_size=10).map(lambda ws: " ".join(w.capitalize() for w in ws))
residue = st.one_of(
    st.sampled_from(["Advertisement", "ADVERTISEMENT", "Share Save", "Share", "Tweet Email Print",
                     "Read more", "Sign up for our newsletter", "Comments", "Updated 3 hours ago",
                     "2 hours ago", "Skip to content", "Most read", "Copyright 2024 The Paper. All rights reserved.",
                     "This article is not investment advice."]),
    NAMES.map(lambda n: f"By {n}"),
    st.builds(lambda p, n: f"{p} (AP Photo/{n})", paragraphs, NAMES),
    st.builds(lambda p: f"Photo: {p} (AP)", headlines),
    st.builds(lambda n: f"{n}, Reuters", NAMES),
    # inline residue: cut out of a sentence that stays one block (the block's gaps)
    st.builds(lambda before, n, note, after: (f"{before} Sen. {n}{n}{n.split()[-1]} unveils plan | Council "
                                              f"passes budget MORE (D-Mass.) said{note} {after}"),
              paragraphs, NAMES, st.sampled_from(["", " (opens in a new tab)"]), paragraphs),
)
long_sentences = st.builds(lambda words: " ".join(words).capitalize() + ".", st.lists(WORDS, min_size=12, max_size=25))
prose = st.lists(long_sentences, min_size=2, max_size=4).map(" ".join)
# An article: a headline, head residue before and tail residue after at least two paragraphs of prose. (Residue
# between paragraphs: see test_residue_between_paragraphs_is_stable.)
head_residue = st.one_of(
    st.sampled_from(["Advertisement", "Share Save", "Tweet Email Print", "Updated 3 hours ago", "Skip to content"]),
    NAMES.map(lambda n: f"By {n}"), st.builds(lambda p, n: f"{p} (AP Photo/{n})", paragraphs, NAMES))
tail_residue = st.sampled_from(["Advertisement", "Read more", "Sign up for our newsletter", "Comments", "Most read",
                                "Copyright 2024 The Paper. All rights reserved.", "This article is not investment advice."])
articles = st.builds(
    lambda head, before, body, after, seps: head + "".join(
        sep + block for sep, block in zip(seps, before + body + after, strict=False)),
    headlines,
    st.lists(head_residue, max_size=4),
    st.lists(prose, min_size=2, max_size=6),
    st.lists(tail_residue, max_size=4),
    st.lists(st.sampled_from(["\n", "\n\n", "\r\n", "\n \n"]), min_size=16, max_size=16),
)
any_text = st.one_of(st.text(max_size=600), articles, st.lists(st.one_of(residue, paragraphs), max_size=12).map("\n".join),
                     st.text(alphabet=st.characters(codec="utf-8"), max_size=300).map(lambda t: "<p>" + t))


def clean_or_error(value):
    """The result, or None when ``clean`` raised one of its documented errors."""
    try:
        return cleaner.clean(value)
    except cleaner.CleanerError as error:
        assert error.code in {"empty_input", "undecodable_input", "input_too_large", "time_budget_exceeded"}
        return None


def assert_accounted_for(result: cleaner.Cleaned) -> None:
    """Removals slice the source exactly; every non-whitespace character of the source is in a
    removal or in the text, in order (nothing lost unrecorded, nothing invented)."""
    source = result.source
    removed = bytearray(len(source))
    for removal in result.removed:
        assert source[removal.start:removal.end] == removal.text, removal
        removed[removal.start:removal.end] = b"\x01" * (removal.end - removal.start)
    kept = "".join(c for c, gone in zip(source, removed, strict=True) if not gone and not c.isspace())
    assert kept == "".join(result.text.split())


def assert_made_of_input(result: cleaner.Cleaned) -> None:
    """Every line of the text is a substring of the source after whitespace normalisation, once
    the removed spans are cut out (a ``span`` rule removes the middle of a line and the engine
    keeps the pieces of one input line together on one output line)."""
    pieces, position = [], 0
    for removal in sorted(result.removed, key=lambda r: r.start):
        pieces.append(result.source[position:max(position, removal.start)])
        position = max(position, removal.end)
    pieces.append(result.source[position:])
    flat = " ".join(" ".join(pieces).split())
    for line in result.text.splitlines():
        assert " ".join(line.split()) in flat, line


# -- properties --------------------------------------------------------------------------------
@FAST
@given(st.text())
def test_any_str_gives_a_result_or_a_documented_error(text):
    clean_or_error(text)


@FAST
@given(st.binary())
def test_any_bytes_give_a_result_or_a_documented_error(data):
    result = clean_or_error(data)
    if result is not None:
        assert_accounted_for(result)


@FAST
@given(any_text)
def test_output_is_made_of_the_input_and_accounts_for_all_of_it(text):
    result = clean_or_error(text)
    if result is not None:
        assert_made_of_input(result)
        assert_accounted_for(result)
        if result.input_format == "text":
            assert result.source == text.replace("\x00", " ") or len(result.source) == len(text)


@FAST
@given(articles)
def test_cleaning_a_generated_article_is_stable(article):
    once = cleaner.clean_text(article)
    assert cleaner.clean_text(once) == once


def test_residue_between_paragraphs_is_stable():
    """Found by hypothesis: a byline between two paragraphs used to fall into the head window on
    the second pass, once the residue above it was gone."""
    article = ("The The The\nAdvertisement\nThe the the the the the the the the the the the. The the the the "
               "the the the the the the the the.\nBy Jane Doe\nThe the the the the the the the council council "
               "council council. The the the the council council council council council council council council.")
    once = cleaner.clean_text(article)
    assert cleaner.clean_text(once) == once


def corpus_texts() -> list[tuple[str, Path]]:
    """(id, raw file) of the seeds and of the eval-dev articles (when ../shared is present)."""
    found = [(f"seed-{i}", SEEDS / f"{i}.raw.txt") for i in seed_ids()]
    found += [(f"dev-{p.parent.name}-{p.name[:-8]}", p) for p in sorted(EVAL_DEV.glob("*/*.raw.txt"))]
    return found


def test_eval_dev_is_present_in_ci():
    """CI has ../shared beside the clone; the stability test must not silently shrink to the seeds."""
    assert len(corpus_texts()) > len(seed_ids()), f"no eval-dev articles under {EVAL_DEV}"


@pytest.mark.parametrize(("name", "path"), corpus_texts(), ids=[n for n, _ in corpus_texts()])
def test_corpus_article_output_is_made_of_it_and_accounts_for_it(name, path):
    result = cleaner.clean(path.read_bytes())
    assert_accounted_for(result)
    assert_made_of_input(result)


@pytest.mark.parametrize("seed", seed_ids())
def test_cleaning_a_seed_is_stable(seed):
    once = cleaner.clean_text((SEEDS / f"{seed}.raw.txt").read_bytes())
    assert cleaner.clean_text(once) == once


def unstable_articles() -> list[str]:
    """The eval-dev articles whose cleaned body changes when it is cleaned again."""
    unstable = []
    for name, path in corpus_texts():
        once = cleaner.clean_text(path.read_bytes())
        if cleaner.clean_text(once) != once:
            unstable.append(name)
    return unstable


def test_cleaning_every_eval_dev_article_is_stable():
    assert unstable_articles() == []
