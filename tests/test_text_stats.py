"""Block measures: words, content terms, cohesion."""

from __future__ import annotations

from collections import Counter

import pytest

import cleaner
from cleaner.document import Block
from cleaner.text_stats import TermVector, block_terms, content_terms, cosine, is_headline, term_list, words_of


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


@pytest.mark.parametrize("repeat", [1, 3, 700])  # 700 x 2 adds pushes counts past the weight table
def test_a_growing_term_vector_has_the_cosine_of_its_counts(repeat):
    pieces = [["budget", "council"] * repeat, ["budget", "ferry"] * repeat, ["transport"], []]
    other = Counter({"budget": 2, "transport": 1, "weather": 5})
    vector, seen = TermVector(), Counter()
    for piece in pieces:
        vector.add(piece)
        seen.update(piece)
        assert vector.counts == seen
        assert vector.cosine(other) == pytest.approx(cosine(seen, other), abs=1e-12)
    assert vector.cosine(Counter()) == 0.0 and TermVector().cosine(other) == 0.0
    assert TermVector(["budget"]).cosine(Counter({"ferry": 1})) == 0.0


@pytest.mark.parametrize("text, words", [
    ("The council approved the budget.", 5),
    ("  spaced   out  ", 2),
    ("東京都は火曜日に新しい予算を承認した", 9),  # no spaces: one word per two CJK characters
    ("", 0),
])
def test_word_count_is_the_same_from_its_memo(text, words):
    from cleaner import layout

    layout._COUNTED.clear()
    assert layout.word_count(text) == words  # counted
    assert layout.word_count(text) == words  # from the memo
    assert layout._COUNTED.get(text) == words


def test_word_count_keeps_no_long_text_nor_more_than_its_entries():
    from cleaner import layout

    long_text = "word " * 1000
    assert layout.word_count(long_text) == 1000 and long_text not in layout._COUNTED
    for n in range(layout.COUNTED_MAX_ENTRIES + 10):
        layout.word_count(f"line {n}")
    assert len(layout._COUNTED) <= layout.COUNTED_MAX_ENTRIES


def test_plain_patterns_agree_with_the_regex_ones_on_plain_text():
    """The stdlib fast paths of ``words_of`` and ``duplicates.block_key`` see every character
    a plain text can hold as the ``regex`` patterns do."""
    import regex

    from cleaner.detectors.duplicates import KEY_TOKEN
    from cleaner.text_stats import PLAIN_KEY_TOKEN, PLAIN_WORD, TYPOGRAPHIC, WORD, is_plain

    alphabet = [chr(c) for c in range(128)] + list(TYPOGRAPHIC)
    assert all(is_plain(c) for c in alphabet) and not is_plain("é") and not is_plain("a\u200bb")
    word_start, word_rest = regex.compile(r"\p{L}"), regex.compile(r"[\p{L}\p{M}'’-]")
    for c in alphabet:
        lowered = c.lower()
        assert bool(PLAIN_KEY_TOKEN.fullmatch(c)) == bool(KEY_TOKEN.fullmatch(c)), repr(c)
        assert bool(PLAIN_WORD.fullmatch(lowered)) == bool(word_start.fullmatch(lowered)), repr(c)
        assert bool(regex.fullmatch(r"a[a-z'’-]", "a" + lowered)) == bool(word_rest.fullmatch(lowered)), repr(c)
        assert PLAIN_WORD.findall("x" + lowered + "y") == WORD.findall("x" + lowered + "y"), repr(c)


def test_plain_sentence_boundary_agrees_with_the_regex_one_on_plain_text():
    """``sentences.PLAIN_BOUNDARY`` differs from ``BOUNDARY`` only in how it spells its
    spaces and its capital or digit, which mean the same on plain text."""
    import re

    import regex

    from cleaner.sentences import BOUNDARY, PLAIN_BOUNDARY
    from cleaner.text_stats import TYPOGRAPHIC

    assert BOUNDARY.pattern.replace(r"\s", r"[\t\n\x0b\x0c\r \xa0]").replace(
        r"[\p{Lu}\p{N}]", "[A-Z0-9]") == PLAIN_BOUNDARY.pattern
    for c in [chr(c) for c in range(128)] + list(TYPOGRAPHIC):
        assert bool(regex.fullmatch(r"\s", c)) == bool(re.fullmatch(r"[\t\n\x0b\x0c\r \xa0]", c)), repr(c)
        assert bool(regex.fullmatch(r"[\p{Lu}\p{N}]", c)) == bool(re.fullmatch("[A-Z0-9]", c)), repr(c)
    text = "He left.  “Then what?” she asked. (It rained.) 2 more. Mr. Smith came. U.S. troops."
    assert [m.span() for m in PLAIN_BOUNDARY.finditer(text)] == [m.span() for m in BOUNDARY.finditer(text)]


@pytest.mark.parametrize(("text", "headline"), [
    ("Council approves transport budget after long debate", True),
    ("Why the bus fare went up again?", True),
    ("Council approves transport budget.", False),   # a sentence
    ("By admin / In News /", False),                  # a meta line whose last field was cut off
    ("Share to LinkedIn |", False),
    ("Stocks fall - and bonds too", True),            # a dash inside is no trailing separator
])
def test_a_headline_ends_neither_a_sentence_nor_with_a_separator(text, headline):
    assert is_headline(text) is headline


@pytest.mark.parametrize("text, ends", [
    ("政府は繰り返し主張しているが、あるアナリストは指摘している。(c)AFP/Aminu ABUBAKAR", True),  # no space after 。
    ("民主党此前计划在星期三对梁振英提出不信任动议。", True),
    ("प्रधानमंत्री ने आज संसद में नई योजना की घोषणा की। विपक्ष ने इसका विरोध किया", True),  # danda
    # Thai prints no full stop: a long clause is a sentence's, a short phrase (a link) is not
    ("เป็นนักเคลื่อนไหวทางการเมือง และเป็นผู้ลี้ภัยจากเหตุการณ์รัฐประหาร 2557 "
     "ไปยังประเทศเพื่อนบ้านได้หายออกจากที่พักในประเทศเพื่อนบ้านโดยที่ไม่มีใครสามารถติดต่อได้", True),
    ("ลืออุ้ม อ.สุรชัย ผู้ลี้ภัยหายจากที่พัก 12 วันแล้ว", False),
    ("梁振英就违建问题道歉", False),
    ("Council approves the budget", False),
])
def test_sentence_ends_in_scripts_without_spaced_full_stops(text, ends):
    assert Block(text, 0, len(text)).ends_sentence is ends


def test_an_articles_last_paragraph_with_a_credit_glued_to_its_full_stop_stays():
    paragraphs = [
        "ナイジェリア北東部で２日、自爆攻撃があり、少なくとも３０人が死亡した。地元当局者が明らかにした。",
        "攻撃はボルノ州の市場で起きた。目撃者によると、爆発は買い物客で混雑する時間帯に起きたという。",
        "政府はボコ・ハラムが劣勢にあると繰り返し主張しているが、あるアナリストは「ボコ・ハラムは攻撃を行う意図と"
        "作戦能力を維持している」と指摘している。(c)AFP/Aminu ABUBAKAR",
    ]
    result = cleaner.clean("\n".join(paragraphs))
    assert result.text.splitlines() == paragraphs


def test_words_of_scripts_written_without_spaces_are_estimated():
    from cleaner.layout import word_count

    thai = ("เป็นนักเคลื่อนไหวทางการเมือง และเป็นผู้ลี้ภัยจากเหตุการณ์รัฐประหาร 2557 "
            "ไปยังประเทศเพื่อนบ้านได้หายออกจากที่พักในประเทศเพื่อนบ้านโดยที่ไม่มีใครสามารถติดต่อได้")
    assert len(thai.split()) == 4
    assert word_count(thai) >= 25  # a paragraph, not a four-word link
    assert word_count("ลืออุ้ม อ.สุรชัย ผู้ลี้ภัยหายจากที่พัก 12 วันแล้ว") == 5  # spaced phrases: as split


def test_a_burmese_full_stop_ends_a_sentence_for_the_boilerplate_detector():
    from cleaner.detectors.boilerplate import ends_beyond_initialisms

    assert ends_beyond_initialisms("သူတို့ သုံးဦးလုံးကို တရားစွဲဆိုခံခဲ့ရတာဖြစ်ပါတယ်။")
    assert not ends_beyond_initialisms("BBC News မြန်မာ")


@pytest.mark.parametrize("text, ends", [
    ("Ich wünsche euch allen einen schönen Sonntag <3", True),
    ("this is a creative Korean dance where you can feel the beauty of Korean tunes 🙂", True),
    ("Rosegold kombiniert mit längeren Ohrringen (:", True),
    ("Thanks for reading, see you next week :-)", True),
    ("Jeder hat so seine Schwächen 😀", True),
    ("(via Geeks Are Sexy)", False),  # a closing parenthesis is no smile
    ("The generation we love to dump on", False),
    ("🙂", False),  # an emoji alone closes no sentence
    ("Tickets ➜", False),  # an arrow is no emoji
])
def test_an_emoticon_or_emoji_after_a_word_ends_a_blogger_s_sentence(text, ends):
    from cleaner.layout import ends_a_sentence

    assert ends_a_sentence(text) is ends


@pytest.mark.parametrize("text, ends", [
    ("„ICH DARF DAS!“", True),  # German quotes close with “
    ("Er sagte nur: „Das war’s.“", True),
    ("Sie rief: ‚Halt!‘", True),
    ("Han sagde: »Det er slut.«", True),  # Danish and Swedish quote »like this«
    ("„Die Zeit der Ausreden ist vorbei“", False),  # a quoted headline ends no sentence
    ("Read “The Guide”", False),
])
def test_a_sentence_ends_before_the_closing_quotes_of_other_languages(text, ends):
    from cleaner.layout import ends_a_sentence

    assert ends_a_sentence(text) is ends
