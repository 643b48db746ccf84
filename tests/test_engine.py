"""Engine behaviour: where cut rules act, how split lines are put back together."""

from __future__ import annotations

import cleaner

PROSE = [
    "The regional council approved the new transport budget on Monday after a long debate about schools and roads.",
    "Opposition members said the plan ignored rural areas and promised to challenge it in the spring session.",
    "Transport officials said the first new buses would arrive in the autumn, with the rest of the fleet replaced soon.",
    "The mayor said the vote showed that the city could still agree on the things that matter most to residents.",
    "Campaigners welcomed the decision but warned that fares would have to fall if the buses were to fill up again.",
]


def test_a_cut_marker_removes_everything_after_it():
    text = "\n".join([*PROSE, "Latest comments", "Great article!", "I disagree with the mayor entirely."])
    result = cleaner.clean(text)
    assert result.text.splitlines() == PROSE
    cut = [r for r in result.removed if r.rule == "comments-marker"]
    assert [r.reason for r in cut] == ["", "after_cut", "after_cut"]


def test_a_cut_marker_before_enough_prose_cuts_nothing():
    text = "\n".join([PROSE[0], "Comments (3)", *PROSE[1:]])
    result = cleaner.clean(text)
    assert all(p in result.text for p in PROSE)


def test_a_cut_marker_inside_a_toolbar_is_a_button():
    text = "\n".join([*PROSE[:4], "Twitter", "Comments", "Print", PROSE[4]])
    result = cleaner.clean(text)
    assert PROSE[4] in result.text
    assert not any(r.rule == "comments-marker" for r in result.removed)


def test_kept_pieces_of_one_line_stay_on_one_line():
    line = ("Council approves budget 3 hours ago Share Save The regional council approved the new transport "
            "budget on Monday after a long debate about schools and roads.")
    result = cleaner.clean("\n".join([line, *PROSE[1:]]))
    assert result.title == "Council approves budget"
    assert result.text.splitlines()[0] == PROSE[0]
    assert {r.rule for r in result.removed} >= {"relative-time-span", "share-bar-span"}


def test_sentence_splitting_judges_residue_glued_to_prose():
    from cleaner.sentences import sentence_cuts

    text = "The U.S. Army agreed on Monday. Mr. Smith said no. Advertisement. The talks went on."
    starts = sentence_cuts(text)
    assert [text[s:s + 3] for s in starts] == ["Mr.", "Adv", "The"]
    glued = " ".join([PROSE[0], "Photo by Jane Doe.", PROSE[1]])
    off = cleaner.clean("\n".join([glued, *PROSE[2:]]))
    on = cleaner.clean("\n".join([glued, *PROSE[2:]]), config=cleaner.Config(split_min_words=30))
    assert "Photo by Jane Doe." in off.text
    assert "Photo by Jane Doe." not in on.text
    assert on.text.splitlines()[:2] == [PROSE[0], PROSE[1]]  # a removal between: two lines


def test_cleaning_runs_to_a_fixed_point():
    article = ("The The The\nAdvertisement\nThe the the the the the the the the. (AP Photo/Jane Doe)\nBy Jane Doe\n"
               "The the the the the the the the the the the the. The the the the the the the the the the the the.\n"
               "The the the the the the the the the the the the. The the the the the the the the the the the the.")
    once = cleaner.clean_text(article)
    assert cleaner.clean_text(once) == once
    one_pass = cleaner.clean_text(article, config=cleaner.Config(max_passes=1))
    assert cleaner.clean_text(one_pass, config=cleaner.Config(max_passes=1)) != one_pass


def test_the_title_is_the_last_headline_like_line_above_the_body():
    lines = ["World News", "Ten things to do this weekend", "Council approves transport budget"]
    result = cleaner.clean("\n".join([*lines, *PROSE]))
    assert result.title == "Council approves transport budget"
    assert {r.text: r.kind for r in result.removed}["Ten things to do this weekend"] == "boilerplate"
    assert cleaner.clean("\n".join(PROSE)).title is None


def test_a_block_measures_once_and_carries_its_measures_to_the_next_pass():
    from cleaner.document import Block, Removal

    calls = []

    def words(text: str, scale: int) -> int:
        calls.append(text)
        return len(text.split()) * scale

    block = Block("three small words", 0, 17)
    assert block.measure("words", words, 2) == 6
    assert block.measure("words", words, 2) == 6
    assert calls == ["three small words"]
    block.removal = Removal("ui", "r", block.text, 0, 17)
    twin = block.carried()
    assert twin.kept and not block.kept
    assert twin.measure("words", words, 2) == 6 and len(calls) == 1


def test_later_passes_do_not_match_the_rules_again_on_unchanged_blocks():
    from cleaner.engine import cleaner_for

    engine = cleaner_for(None)
    article = "\n".join(["Share this article", *PROSE, "Most Popular", "A teaser about something else"])
    seen: list[str] = []
    find = engine.line_rules.find

    def counting(text: str, *args):
        seen.append(text)
        return find(text, *args)

    engine.line_rules.find = counting
    try:
        cleaner.clean_text(article)
    finally:
        del engine.line_rules.find
    assert len(seen) == len(set(seen)), "a block was matched against the line rules twice"
    assert PROSE[0] in seen


def test_a_comment_thread_heading_cuts_the_comments():
    comments = ["Anna", "August 8, 2018 at 3:17 pm", "Great article, thanks for writing it!",
                "Ben", "August 9, 2018 at 9:02 am", "I disagree with the mayor entirely."]
    text = "\n".join([*PROSE, "3 thoughts on “Why the buses are late again”", *comments])
    result = cleaner.clean(text)
    assert result.text.splitlines() == PROSE
    cut = [r for r in result.removed if r.rule == "comment-thread-header-cut"]
    assert [r.reason for r in cut] == ["", *["after_cut"] * len(comments)]


def test_tail_rules_remove_appeals_sources_teasers_and_pitches_after_the_article():
    tail = {"Click here to read our coverage of the election.": "click-prompt-line",
            "Support The Harbour Gazette and make a difference for readers everywhere.": "support-appeal-line",
            "Doe, Jane. “Five Takeaways From the Budget Vote.”": "source-citation-line",
            "The Harbour Gazette. 15 November 2019.": "source-citation-line",
            "Liked this? Sign up for The Morning Memo to get the free daily newsletter.": "newsletter-pitch-line",
            "Wireless headset review: my new favourite [Video]": "media-teaser-line"}
    result = cleaner.clean("\n".join([*PROSE, *tail]))
    assert result.text.splitlines() == PROSE
    assert {r.text: r.rule for r in result.removed} == tail


def test_an_author_bio_after_the_article_goes_and_a_last_paragraph_about_someone_stays():
    bio = "Emma Ruiz joined The Harbour Gazette in March 2016. She has been reporting on transport since 2009."
    result = cleaner.clean("\n".join([*PROSE, "Emma Ruiz", bio]))
    assert result.text.splitlines() == PROSE
    assert {r.text: r.rule for r in result.removed} == {"Emma Ruiz": "boilerplate", bio: "author-bio-line"}
    last = "Council leader Tom Baker joined the authority in 2015 and is expected to stand again next year."
    kept = cleaner.clean("\n".join([*PROSE, last]))
    assert kept.text.splitlines() == [*PROSE, last]
