"""Block measures: words, content terms, cohesion."""

from __future__ import annotations

from cleaner.document import Block
from cleaner.text_stats import block_terms, content_terms, cosine, term_list, words_of


def test_terms_are_words_up_to_their_last_letter_without_stopwords():
    text = "The co-op's naïve café-- sold rock-’n’-roll records' to them, l'été."
    assert words_of(text)[:3] == ["the", "co-op's", "naïve"]
    terms = term_list(text)
    assert {"co-op's", "naïve", "café", "rock-’n’-roll", "l'été"} <= set(terms)  # "café--" ends at "é"
    assert not {"the", "to", "them"} & set(terms)


def test_a_block_computes_its_terms_once_from_its_words():
    block = Block("Parliament approves the transport budget", 0, 40)
    assert block_terms(block) == term_list(block.text) and "budget" in block_terms(block)
    block.memo[term_list] = ["cached"]
    assert block_terms(block) == ["cached"]


def test_cosine_of_term_counts():
    a, b = content_terms("budget council budget transport"), content_terms("budget transport ferry")
    assert cosine(a, a) > 0.999
    assert 0 < cosine(a, b) < 1
    assert cosine(a, content_terms("weather football")) == 0.0
