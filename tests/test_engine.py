"""Engine behaviour: where cut rules act, how split lines are put back together."""

from __future__ import annotations

import pytest

import cleaner
from cleaner.config import Config
from cleaner.document import Block
from cleaner.layout import Layout
from cleaner.segment import segment

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


MORE_PROSE = [  # the same story going on: buses, fares, the council, the mayor
    "Bus fares in the city rose twice last year, and the council said the new budget would freeze them until the buses are replaced.",
    "The mayor told the council that rural routes would get new buses first, answering the opposition members who had criticised the plan.",
    "Transport officials expect the new buses to cut journey times on the busiest routes, which the council hopes will win back riders.",
]
UNRELATED = [
    "Astronomers have found water vapour in the atmosphere of a planet that orbits a small star more than a hundred light years away.",
    "The telescope measured starlight passing through the planet's atmosphere during eight transits, the team wrote in their paper.",
    "Whether the planet could hold liquid oceans is unknown, because its mass suggests a thick envelope of hydrogen around a rocky core.",
]


@pytest.mark.parametrize("marker, reason", [
    ("Comments", "ui_words"),  # the widgets detector's word: a button either way
    ("Show comments", "marker_only"), ("Join the conversation", "marker_only"), ("Leave a comment", "marker_only")])
def test_a_comments_button_above_more_of_the_article_cuts_nothing(marker, reason):
    result = cleaner.clean("\n".join([*PROSE, marker, *MORE_PROSE]))
    assert result.text.splitlines() == PROSE + MORE_PROSE  # the button itself goes
    assert [(r.text, r.reason) for r in result.removed] == [(marker, reason)]


THREAD = [  # a blog's comments whose heading the scraper lost: bylines with a time to the minute
    "Vatsala Shukla August 22, 2018 at 5:57 am",
    "When I started out, making the budget public was the scary part, and I still remember it.",
    "Pamela Wilson August 22, 2018 at 2:55 pm Thanks for sharing this, it is always good to hear from readers.",
    "tjedora 2 days ago at 07:51 am",
    "Shouldn't next year be the year of a complete redesign of the bus network?",
]


def test_a_comment_thread_without_its_heading_is_cut_at_the_first_commenters_byline():
    result = cleaner.clean("\n".join([*PROSE, *MORE_PROSE, *THREAD]))
    assert result.text.splitlines() == PROSE + MORE_PROSE
    assert [(r.rule, r.reason) for r in result.removed][:2] == [("comment-byline-cut", ""), ("comment-byline-cut", "after_cut")]
    # a labelled stamp of the article's own is no commenter's byline: it cuts nothing
    stamped = cleaner.clean("\n".join([*PROSE, "Updated August 22, 2018 at 5:57 am", *THREAD[1:2], *MORE_PROSE]))
    assert all(p in stamped.text for p in [*THREAD[1:2], *MORE_PROSE])
    assert not any(r.rule == "comment-byline-cut" for r in stamped.removed)


def test_a_sentence_that_a_markers_pattern_takes_whole_stays_when_it_cuts_nothing():
    sentence = "Leave a comment on the proposal by Friday, the planning department said."
    result = cleaner.clean("\n".join([*PROSE, sentence, *MORE_PROSE]))
    assert result.text.splitlines() == [*PROSE, sentence, *MORE_PROSE]


@pytest.mark.parametrize("after, cut", [
    # fewer paragraphs than cut_refusing_paragraphs: comments, maybe
    (MORE_PROSE[:Config().cut_refusing_paragraphs - 1], True),
    (UNRELATED, True),  # another story under the button: not the article going on
    ([f"Anna: {MORE_PROSE[0]}", *MORE_PROSE[1:]], True),  # a comment after its author's name
    ([f"Anna Lee August 8, 2018 at 3:17 pm {MORE_PROSE[0]}", *MORE_PROSE[1:]], True),  # with its time
    # comments with their authors and times on lines of their own
    (["Anna Lee", "August 8, 2018 at 3:17 pm", MORE_PROSE[0], "Tom Smith", "August 9, 2018 at 9:02 am",
      MORE_PROSE[1]], True),
    (MORE_PROSE, False),
    # the article's subheadings and short lines between its paragraphs: it goes on all the same
    ([MORE_PROSE[0], "What happens next", "Buses and fares", MORE_PROSE[1], MORE_PROSE[2]], False),
    # a timeline's entries: a clock time alone on its line opens the next paragraph
    (["4:14 p.m.", MORE_PROSE[0], "5:02 p.m.", MORE_PROSE[1], MORE_PROSE[2]], False),
    # under a commenter's name, the same time is the comment's
    (["Anna Lee", "3:17 pm", MORE_PROSE[0], "Tom Smith", "9:02 am", MORE_PROSE[1]], True),
    # an interview's turns and a price are no comment's author and time
    ([f"Q: {MORE_PROSE[0]}", f"A: {MORE_PROSE[1]}", MORE_PROSE[2]], False),
    (["Fares rose to $2.50 last year, and the council said the new budget would freeze them until "
      "the buses are replaced.", *MORE_PROSE[1:]], False),
])
def test_a_comments_button_cuts_unless_the_article_goes_on_after_it(after, cut):
    result = cleaner.clean("\n".join([*PROSE, "Show comments", *after]))
    # a commenter's byline under the button is a cut marker of its own: the cut may start there
    cut_away = [r.text for r in result.removed
                if r.rule in ("comments-marker", "comment-byline-cut") and r.text != "Show comments"]
    assert cut_away == (after if cut else [])
    assert result.text.splitlines()[:len(PROSE)] == PROSE


@pytest.mark.parametrize("turns", [
    ["Q: Favorite childhood memory?", "A: Trip to Disney World", "Q: Favorite apps?",
     "A: Bleacher Report, Uber Eats, and ParkMobile"],
    ["P: Qual é o seu livro favorito?", "R: Dom Casmurro, de Machado de Assis.", "P: E o seu filme favorito?",
     "R: Central do Brasil."],
])
def test_an_interviews_short_questions_and_answers_under_a_comments_button_go_on(turns):
    """Whatever their subject (the interviewee's favourite things) and length: no comment section
    prints "Q:" and "A:"; nor do the button and the turns make a link list together."""
    after = [*turns, MORE_PROSE[0]]
    result = cleaner.clean("\n".join([*PROSE, "Show comments", *after]))
    assert result.text.splitlines() == [*PROSE, *after]
    assert [r.text for r in result.removed] == ["Show comments"]


def test_a_comments_button_that_cut_nothing_makes_no_link_list_with_the_short_lines_under_it():
    """The button goes once the passes are done; until then it is no item of a list: four short
    lines of the article under it stay, as they would without it (a list is five)."""
    items = ["Buses to the harbour", "Trams to the airport", "Ferries to the islands", "Night buses downtown"]
    after = [*items, *MORE_PROSE]
    result = cleaner.clean("\n".join([*PROSE, "Show comments", *after]))
    assert result.text.splitlines() == [*PROSE, *after]


SHORT_LEAD = [  # 80 words, but too few terms (22) to tell what the article is about
    "Jose Mourinho has agreed a deal to replace Mauricio Pochettino as the manager of the club, hours after he was let go.",
    "Pochettino was sacked on Tuesday evening after five and a half years in charge, the longest spell of any of them.",
    "Talks with the representatives of the new man had gone on for most of the day and were still going on late into the night.",
    "The Portuguese was himself sacked by his last club a year ago.",
]
QUOTES = [  # the same story going on, in words the lead does not use
    "The 56-year-old said after his appointment: \"I am excited to be joining a club with such a great heritage and "
    "such passionate supporters.\"",
    "\"The quality in both the squad and the academy excites me. Working with these players is what has attracted "
    "me here,\" he added in a statement.",
    "\"He is renowned for his tactical prowess and has won a domestic title in a record four different countries,\" "
    "the chairman said on Wednesday.",
]


def test_a_comments_button_under_a_lead_too_short_to_judge_cuts_nothing():
    from cleaner.text_stats import term_list

    assert sum(len(term_list(p)) for p in SHORT_LEAD) < Config().cut_refusing_min_terms
    result = cleaner.clean("\n".join([*SHORT_LEAD, "Join the conversation", *QUOTES]))
    assert all(p in result.text.splitlines() for p in SHORT_LEAD + QUOTES)
    # with the subject judged on so few terms, the article would have been cut
    strict = cleaner.clean("\n".join([*SHORT_LEAD, "Join the conversation", *QUOTES]),
                           config=Config(cut_refusing_min_terms=0))
    assert [r.text for r in strict.removed if r.reason == "after_cut"] == QUOTES


EMBEDS = [
    "— Tottenham Hotspur (@SpursOfficial) November 20, 2019",
    "A post shared by Jane Doe (@janedoe) on Nov 19, 2019 at 4:02pm PST",
]


@pytest.mark.parametrize("signature", EMBEDS)
def test_a_post_the_article_embeds_counts_as_the_article_going_on(signature):
    from cleaner.engine import EMBED_SIGNATURE

    assert EMBED_SIGNATURE.match(signature)
    # one paragraph is too few to refuse the cut; one and the signature of an embedded post
    # (whose clock time is no comment's) are the article going on
    after = ["Bus riders welcomed the vote", signature, MORE_PROSE[0]]
    result = cleaner.clean("\n".join([*PROSE, "Show comments", *after]))
    assert all(line in result.text for line in after)
    alone = cleaner.clean("\n".join([*PROSE, "Show comments", "Bus riders welcomed the vote", MORE_PROSE[0]]))
    assert MORE_PROSE[0] not in alone.text


@pytest.mark.parametrize("line", ["Jane Doe (@janedoe) is a reporter", "— Jane Doe, November 20, 2019",
                                  "Jane Doe (@janedoe) November 20, 2019 at 3:17 pm"])
def test_what_is_no_embedded_posts_signature(line):
    from cleaner.engine import EMBED_SIGNATURE

    assert not EMBED_SIGNATURE.match(line)


def test_after_five_refusals_a_comments_button_cuts_again():
    from cleaner.engine import MAX_REFUSED_CUTS

    # distinct openings and endings, or the duplicates detector would take the sections as copies
    sections = [["Show comments", *(f"Update {n}: {p[:-1]}, it said on day {n}." for p in MORE_PROSE)]
                for n in range(MAX_REFUSED_CUTS + 1)]
    result = cleaner.clean("\n".join([*PROSE, *(line for section in sections for line in section)]))
    cut_at = [r.text for r in result.removed if r.rule == "comments-marker" and r.reason == ""]
    assert cut_at == ["Show comments"] and all(p in result.text for p in sections[-2][1:])
    assert not any(p in result.text for p in sections[-1][1:])


def test_a_disclaimers_marker_cuts_its_legal_paragraphs_however_long():
    legal = ["Trading in financial instruments involves high risks including the risk of losing some, "
             "or all, of your investment amount, and may not be suitable for all investors.",
             "Before deciding to trade in financial instruments you should be fully informed of the risks "
             "and costs associated with trading the financial markets, and seek professional advice.",
             "Prices of financial instruments are extremely volatile and may be affected by external "
             "factors such as financial, regulatory or political events at any time."]
    result = cleaner.clean("\n".join([*PROSE, "Risk Disclosure:", *legal]))
    assert result.text.splitlines() == PROSE
    assert {r.rule for r in result.removed} == {"risk-disclosure-cut"}


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
    glued = " ".join([PROSE[0], "Advertisement", PROSE[1]])
    off = cleaner.clean("\n".join([glued, *PROSE[2:]]), config=cleaner.Config(split_min_words=0))
    on = cleaner.clean("\n".join([glued, *PROSE[2:]]))
    assert "Advertisement" in off.text
    assert "Advertisement" not in on.text
    assert [r.rule for r in on.removed] == ["advertisement-marker"]
    assert on.text.splitlines()[:2] == [PROSE[0], PROSE[1]]  # a removal between: two lines


def test_an_author_box_glued_after_the_last_paragraph_goes_with_the_bio():
    box = "About the Author Jane Doe @janedoe Jane Doe is a senior editor. She covers transport and city hall."
    result = cleaner.clean("\n".join([*PROSE[:4], f"{PROSE[4]} {box}"]))
    assert result.text.splitlines() == PROSE
    cut = [r for r in result.removed if r.rule == "author-box-cut"]
    assert cut[0].text == "About the Author" and cut[0].reason == ""
    assert "".join(r.text for r in cut[1:]).replace(" ", "") == box[len("About the Author"):].replace(" ", "")


def test_a_line_without_glued_furniture_is_not_split():
    # a short sentence inside a paragraph is no residue: only lines with a marker are split
    line = " ".join([PROSE[0], "Photo by Jane Doe.", PROSE[1]])
    result = cleaner.clean("\n".join([line, *PROSE[2:]]))
    assert result.text.splitlines()[0] == line
    assert not result.removed


def test_glued_list_heading_cuts_the_tail_and_keeps_the_prose():
    last = PROSE[4] + " Most Popular 1 Ten things to do this weekend 2 Police close the harbour road"
    result = cleaner.clean("\n".join([*PROSE[:4], last]))
    assert result.text.splitlines() == PROSE
    assert {r.rule for r in result.removed} == {"most-read-cut"}


@pytest.mark.parametrize("heading", ["More Stories Like This One", "POPULAR THIS WEEK", "Recent Articles",
                                     "Related Stories", "Featured Video"])
def test_glued_list_headings_of_several_wordings_cut_the_tail(heading):
    last = f"{PROSE[4]} {heading} Ten things to do this weekend Police close the harbour road"
    result = cleaner.clean("\n".join([*PROSE[:4], last]))
    assert result.text.splitlines() == PROSE, heading
    assert any(r.text == heading for r in result.removed), heading


def test_a_comment_platform_label_cuts_the_comments_also_when_glued():
    comments = ["Jane D. 2 hours ago", "Great piece, thanks for covering the buses.", "Reply"]
    alone = cleaner.clean("\n".join([*PROSE, "comments powered by Disqus", *comments]))
    glued = cleaner.clean("\n".join([*PROSE[:4], f"{PROSE[4]} comments powered by Disqus FIND YOUR NEXT CAR",
                                     *comments]))
    for result in (alone, glued):
        assert result.text.splitlines() == PROSE
        assert "comment-platform-cut" in {r.rule for r in result.removed}


def test_list_heading_words_inside_a_sentence_do_not_split_it():
    from cleaner.sentences import glued_cuts

    for line in ("The band played songs popular this week on the radio, the organisers said.",
                 "Officials said recent articles had misquoted the mayor on the budget."):
        assert glued_cuts(line) == [], line


def test_a_most_read_box_between_paragraphs_goes_and_the_article_after_it_stays():
    box = ["Most read in World News", "Ten things to do this weekend", "Police close the harbour road",
           "Why the river path will stay closed"]
    result = cleaner.clean("\n".join([*PROSE[:3], *box, *PROSE[3:]]))
    assert result.text.splitlines() == PROSE
    assert {r.text: r.rule for r in result.removed}["Most read in World News"] == "related-header-line"
    for heading in ("Most Popular", "Trending Now", "Meistgelesen"):
        result = cleaner.clean("\n".join([*PROSE[:3], heading, *box[1:], *PROSE[3:]]))
        assert result.text.splitlines() == PROSE, heading
        assert {r.text: r.rule for r in result.removed}[heading] == "most-read-header-line", heading


@pytest.mark.parametrize("label", ["Sponsored Links by Taboola", "Recommended by Outbrain", "Ads by Revcontent"])
def test_a_recommendation_widget_between_paragraphs_goes_with_its_links(label):
    widget = [label, "You won't believe what this old coin is worth", "Doctors stunned by this simple trick"]
    result = cleaner.clean("\n".join([*PROSE[:3], *widget, *PROSE[3:]]))
    assert result.text.splitlines() == PROSE
    assert {r.text: r.rule for r in result.removed}[label] == "related-header-line"


def test_a_most_read_heading_after_the_article_still_cuts_the_tail():
    result = cleaner.clean("\n".join([*PROSE, "Most Popular", "Ten things to do this weekend",
                                       "Our newsletter brings the day's stories to your inbox every morning."]))
    assert result.text.splitlines() == PROSE
    assert {r.rule for r in result.removed} == {"most-read-cut"}


def test_a_glued_related_link_ends_with_its_headline():
    line = (PROSE[1] + " Related: The Ten Oldest Bridges in the Region The engineers said the bridge "
            "would need new cables before the winter.")
    result = cleaner.clean("\n".join([PROSE[0], line, *PROSE[2:]]))
    assert "Related: The Ten Oldest Bridges in the Region" not in result.text
    assert "The engineers said the bridge would need new cables before the winter." in result.text
    assert PROSE[1] in result.text
    assert any(r.rule == "read-more-line" for r in result.removed)


def test_a_related_link_at_the_start_of_a_line_is_cut_from_the_sentence_after_it():
    line = "Related: From Rails to Roads: How the City Moves TNG50 buses will run on the new lanes from May."
    result = cleaner.clean("\n".join([*PROSE[:2], line, *PROSE[2:]]))
    assert "TNG50 buses will run on the new lanes from May." in result.text
    assert any(r.rule == "read-more-line" and r.text == "Related: From Rails to Roads: How the City Moves"
               for r in result.removed)
    # a headline in sentence case (German, French...) has no such end: the line is not split
    from cleaner.sentences import glued_cuts

    assert glued_cuts("Related: Die zehn ältesten Brücken der Region Die Ingenieure sagten, die Brücke brauche neue Seile.") == []


def test_a_marker_at_the_start_of_a_glued_line_is_cut_from_the_sentence_after_it():
    for marker in ("Advertisement", "ADVERTISEMENT", "Anzeige", "Publicidad"):
        line = f"{marker} {PROSE[2]}"
        result = cleaner.clean("\n".join([*PROSE[:2], line, *PROSE[3:]]))
        assert result.text.splitlines() == PROSE, marker
        assert {r.text: r.rule for r in result.removed} == {marker: "advertisement-marker"}
    # a list heading followed by its first item: the heading cuts the tail from there
    result = cleaner.clean("\n".join([*PROSE, "Most Viewed 1 Ten things to do in the city this weekend"]))
    assert result.text.splitlines() == PROSE
    assert "most-read-cut" in {r.rule for r in result.removed}
    # a heading going on in title case, or a sentence going on in lower case, is not split
    from cleaner.sentences import glued_cuts

    assert glued_cuts("Most Popular Recipes of the Year") == []
    assert glued_cuts("Advertisement revenue fell by a third in the first half of the year.") == []


@pytest.mark.parametrize("heading", ["12 Comments", "Comments", "Comments (4)", "3 Kommentare", "Commentaires"])
def test_a_comments_heading_glued_at_the_end_of_a_line_cuts_the_comments(heading):
    comments = ["Great piece, thank you for writing it.", "I disagree with the mayor entirely, as usual."]
    tail = f"Posted in City news | Permalink | {heading}"
    result = cleaner.clean("\n".join([*PROSE, tail, *comments]))
    assert result.text.splitlines() == PROSE
    cut = [r for r in result.removed if r.rule == "comments-marker"]
    assert cut[0].text == heading and cut[0].reason == ""
    assert {r.text for r in cut if r.reason == "after_cut"} == set(comments)


def test_comments_at_the_end_of_a_sentence_are_no_heading():
    from cleaner.sentences import glued_cuts

    for line in ("The post received 10 comments", "The minister declined to answer Comments.",
                 "Readers left more than 300 comments (12) on the story."):
        assert glued_cuts(line) == [], line
    line = PROSE[4] + " The thread drew 12 Comments"  # capitalised, last in the line: a heading
    result = cleaner.clean("\n".join([*PROSE[:4], line, "Nice one."]))
    assert PROSE[4] in result.text


@pytest.mark.parametrize("heading", ["More Great WIRED Stories", "Related Roundup: MacBook Pro", "Tags Kristi Noem South Dakota",
                                     "Browse The Truth-O-Meter"])
def test_a_heading_glued_after_the_last_sentence_of_a_line_is_cut_from_it(heading):
    from cleaner.sentences import glued_cuts, heading_at_end

    line = f"{PROSE[4]} {heading}"
    assert line[heading_at_end(line):] == heading
    assert len(PROSE[4]) + 1 in glued_cuts(line)
    # cut from the paragraph, the heading is judged on its own; the paragraph is kept whole
    result = cleaner.clean("\n".join([*PROSE[:4], line, *PROSE[5:]]))
    assert PROSE[4] in result.text.splitlines()


@pytest.mark.parametrize("tail", [
    "Photo: John Locher / AP", "Sputnik/Alexander Kazakov/Pool via REUTERS", "Credit: 20th Century Fox",
    'That\'s Pants on Fire," Aug 20, 2019', "The Minister Said So Himself.", "And Then There Were None And Then Some More Words Here"])
def test_a_credit_a_citation_or_a_sentence_at_the_end_of_a_line_is_no_glued_heading(tail):
    from cleaner.sentences import heading_at_end

    assert heading_at_end(f"{PROSE[4]} {tail}") is None


def test_glued_buttons_in_a_short_line_are_split_and_cut():
    result = cleaner.clean("\n".join([*PROSE, "Subscribe Loading comments..."]))
    assert result.text.splitlines() == PROSE
    assert "comments-marker" in {r.rule for r in result.removed}


def test_glued_markers_in_other_languages():
    from cleaner.sentences import glued_cuts

    for line, piece in [
        ("Le conseil a voté le budget lundi soir. Lire aussi : Les bus arrivent à l'automne", "Lire aussi"),
        ("Der Rat stimmte am Montag zu. Meistgelesen 1 Neue Busse für die Stadt", "Meistgelesen"),
        ("El consejo aprobó el presupuesto. Lo más leído 1 Nuevos autobuses para la ciudad", "Lo más leído"),
    ]:
        cuts = glued_cuts(line)
        assert any(line[c:].startswith(piece) for c in cuts), line
    # a capital is needed: words of a sentence are no marker
    assert glued_cuts("The council said the most popular route would close and more in spring.") == []


def test_cleaning_runs_to_a_fixed_point():
    # The long caption starts the body until the captions detector removes it; only then is
    # the byline under it in the head, where byline-by takes it: a second pass is needed.
    caption = " ".join(["Officials in the city inspect the damaged bridge after the storm."] * 6) + " (AP Photo/Jane Doe)"
    article = "\n".join([
        "Storm damage closes the river bridge",
        "The city council met on Monday to discuss the repairs.",
        caption, "By Jane Doe, Reuters.", PROSE[0], PROSE[1], PROSE[2]])
    once = cleaner.clean_text(article)
    assert "Jane Doe" not in once and cleaner.clean_text(once) == once
    one_pass = cleaner.clean_text(article, config=cleaner.Config(max_passes=1))
    assert "By Jane Doe, Reuters." in one_pass
    assert cleaner.clean_text(one_pass, config=cleaner.Config(max_passes=1)) != one_pass


def test_a_pass_that_removes_and_splits_nothing_is_the_last(monkeypatch):
    from cleaner.engine import Cleaner

    runs: list[int] = []
    original = Cleaner.run

    def counting_run(self, doc, clock):
        runs.append(len(doc.blocks))
        return original(self, doc, clock)

    monkeypatch.setattr(Cleaner, "run", counting_run)
    clean_article = "\n".join(PROSE)
    assert cleaner.clean_text(clean_article, config=cleaner.Config(max_passes=3)) == clean_article
    assert len(runs) == 1
    runs.clear()
    noisy = "\n".join(["Advertisement", *PROSE, "Share this article"])
    assert cleaner.clean_text(noisy, config=cleaner.Config(max_passes=3)) == clean_article
    assert len(runs) >= 2  # something went: the rest is judged again without it


def test_the_title_is_the_longest_headline_like_line_above_the_body():
    # a teaser above the headline and a byline no rule knows under it go as boilerplate
    lines = ["World News", "Ten things to do", "Council approves transport budget after long debate",
             "Staff Reports Online Desk"]
    result = cleaner.clean("\n".join([*lines, *PROSE]))
    assert result.title == "Council approves transport budget after long debate"
    kinds = {r.text: r.kind for r in result.removed}
    assert kinds["Ten things to do"] == kinds["Staff Reports Online Desk"] == "boilerplate"
    assert cleaner.clean("\n".join(PROSE)).title is None


@pytest.mark.parametrize("byline", ["By Jane Doe", "By Jane Doe November 19, 2019, 07:47 PM EST", "Jane Doe, USA TODAY",
                                    "Jane Doe | Staff writer"])
def test_the_headline_above_the_byline_wins_over_a_longer_line_above_it(byline):
    # a menu of sections and a teaser, longer than the headline, are removed above the body too
    menu = "Applications OS Channel Programs Cloud Components Data Center Internet of Things Managed Services"
    teaser = "Ten things to do this weekend in the city before the holiday crowds arrive"
    lines = ["World News", menu, teaser, "Council approves transport budget", byline]
    result = cleaner.clean("\n".join([*lines, *PROSE]))
    assert result.title == "Council approves transport budget"
    assert result.text.splitlines() == PROSE
    # without a byline under any of them, the longest stays the choice (see the xfail below)
    assert cleaner.clean("\n".join([*lines[:-1], *PROSE])).title != "Council approves transport budget"


def test_the_title_detectors_byline_rules_are_built_in_rules_that_capture_an_author():
    from cleaner.detectors.title import BYLINE_RULES
    rules = {r.id: r for r in cleaner.engine.cleaner_for(None).rules}
    assert all(rules[rule_id].kind == "metadata" and "author" in rules[rule_id].pattern.groupindex
               for rule_id in BYLINE_RULES)


@pytest.mark.xfail(strict=True, reason="a teaser above the headline that is longer than it is taken for the title")
def test_a_longer_teaser_above_the_headline_is_no_title():
    lines = ["World News", "Ten things to do this weekend in the city", "Council approves transport budget"]
    assert cleaner.clean("\n".join([*lines, *PROSE])).title == "Council approves transport budget"


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


APPEALS = {  # a publisher's appeal after the article, its heading and the paragraphs under it
    "A Word to Our Loyal Readers": [
        "Most of our assignments begin when readers ask us whether something is true, and those tips send our team across a vast range of topics.",
        "We do this work every day at no cost to you, but it is far from free to produce, and to keep going we need your financial support."],
    "Since you’re here …": [
        "… we have a small favour to ask. More people are reading and supporting our independent journalism than ever before.",
        "Our editorial independence means we set our own agenda. Support us from as little as $1 – it only takes a minute. Thank you."],
    "It's Another Showdown — And We Need Your Help": [
        "We are committed to keeping our journalism free for everyone, and we rely on readers like you to fund the work we do.",
        "Would you help us reach our goal of 20,000 supporters by the end of the year? Every contribution goes to our newsroom."],
}


@pytest.mark.parametrize("heading", list(APPEALS))
def test_a_publishers_appeal_after_the_article_goes_with_its_paragraphs(heading):
    result = cleaner.clean("\n".join([*PROSE, heading, *APPEALS[heading]]))
    assert result.text.splitlines() == PROSE
    assert [(r.rule, r.reason) for r in result.removed] == [("support-appeal-cut", "")] + [
        ("support-appeal-cut", "after_cut")] * len(APPEALS[heading])


def test_an_appeals_heading_above_more_of_the_article_cuts_nothing():
    result = cleaner.clean("\n".join([*PROSE, "A Word to Our Loyal Readers", *MORE_PROSE]))
    assert result.text.splitlines() == PROSE + MORE_PROSE
    assert [(r.rule, r.reason) for r in result.removed] == [("support-appeal-cut", "marker_only")]


def test_a_market_data_notice_goes_wherever_it_is_and_prose_about_delayed_data_stays():
    notice = "Quotes delayed at least 15 minutes. Market data provided by Interactive Data."
    prose = ("The exchange said its market data was delayed by 15 minutes on Tuesday after a network "
             "fault, and that quotes would be corrected overnight.")
    result = cleaner.clean("\n".join([notice, PROSE[0], prose, *PROSE[1:]]))
    assert result.text.splitlines() == [PROSE[0], prose, *PROSE[1:]]
    assert [(r.text, r.rule) for r in result.removed] == [(notice, "market-data-notice")]


def test_an_author_bio_after_the_article_goes_and_a_last_paragraph_about_someone_stays():
    bio = "Emma Ruiz joined The Harbour Gazette in March 2016. She has been reporting on transport since 2009."
    result = cleaner.clean("\n".join([*PROSE, "Emma Ruiz", bio]))
    assert result.text.splitlines() == PROSE
    assert {r.text: r.rule for r in result.removed} == {"Emma Ruiz": "boilerplate", bio: "author-bio-line"}
    last = "Council leader Tom Baker joined the authority in 2015 and is expected to stand again next year."
    kept = cleaner.clean("\n".join([*PROSE, last]))
    assert kept.text.splitlines() == [*PROSE, last]


def test_prose_above_the_byline_does_not_start_the_body():
    # A standfirst and a credited caption are prose, but under 60 words of it: the byline and
    # the date line below them are still in the head, where the head rules take them.
    lines = ["The council has backed the plan after months of argument over the cost.",
             "Buses wait at the depot in the city centre on Monday. (credit: City Transport/Jane Roe)",
             "By Jane Doe | City Herald", "Monday, November 18, 2019", *PROSE]
    result = cleaner.clean("\n".join(lines))
    rules = {r.text: r.rule for r in result.removed}
    assert rules["By Jane Doe | City Herald"] == "byline-by"
    assert rules["Monday, November 18, 2019"] in ("date-only-line", "datelines")
    assert rules[lines[1]] == "captions"
    assert result.metadata["author"] == "Jane Doe"
    assert result.text.splitlines() == [lines[0], *PROSE]


def test_the_layout_body_starts_after_enough_prose():
    blocks = segment("\n".join(["A standfirst of a dozen words that ends the way a sentence does.",
                                "By Jane Doe", *PROSE]))
    layout = Layout.of(blocks, min_words=12, head_blocks=0, tail_blocks=0)
    assert layout.first_prose == 2 and layout.in_head(1)
    lead = " ".join(PROSE[:4])  # one long first paragraph: the body starts there
    blocks = segment("\n".join([lead, "By Jane Doe", *PROSE[4:]]))
    assert Layout.of(blocks, min_words=12, head_blocks=0, tail_blocks=0).first_prose == 0


def test_where_the_body_starts_is_a_setting():
    standfirst = "A standfirst of a dozen words that ends the way a sentence does."
    text = "\n".join([standfirst, "Bus fares", *PROSE])  # "Bus fares": a subheading, or a head line?
    engine = cleaner.engine.Cleaner(cleaner.Config(body_lead_words=10))
    assert engine.layout(segment(text)).first_prose == 0       # 13 words of prose suffice
    assert cleaner.engine.Cleaner().layout(segment(text)).first_prose == 2


def test_a_question_headline_above_the_byline_is_the_title():
    headline = "Gift guide: what do you buy for the person who already has the latest gadgets?"
    result = cleaner.clean("\n".join([headline, "Jane Doe", "- Nov. 18th 2019 12:12 pm PT", *PROSE]))
    assert result.title == headline
    assert result.text.splitlines() == PROSE


def test_a_paragraph_ends_the_search_for_the_title():
    # A subheading after the first paragraph is no headline, even when that paragraph is short.
    first = "Monday's best deals include laptops from $700 at the usual stores. Shipping is free."
    lines = [first, "Laptops from $700", *PROSE[:2]]
    result = cleaner.clean("\n".join(lines))
    assert result.title is None and result.text.splitlines() == lines


@pytest.mark.parametrize(("caption", "rule", "prose_alike"), [
    # a dated wire caption goes; a sentence about a photo stays
    ("This March 28, 2017, file photo, provided by the state registry shows the defendant.",
     "wire-photo-caption-line", "This photo of the mayor went viral after it was shared thousands of times on Monday."),
    # a caption credited with "via" goes; a sentence with "via" stays
    ("The new laptop's scissor switch keyboard via iFixit",
     "via-credit-line", "Tickets for the new line are sold via the council's website."),
])
def test_a_caption_rule_takes_the_caption_and_leaves_a_sentence_alike(caption, rule, prose_alike):
    result = cleaner.clean("\n".join([PROSE[0], caption, *PROSE[1:], prose_alike]))
    assert {r.text: r.rule for r in result.removed} == {caption: rule}
    assert result.text.splitlines() == [*PROSE, prose_alike]


def test_a_line_of_share_buttons_is_never_the_title():
    result = cleaner.clean("\n".join(["Council approves transport budget", "Linkedin Reddit Pocket", *PROSE]))
    assert result.title == "Council approves transport budget"
    assert {r.text: r.rule for r in result.removed}["Linkedin Reddit Pocket"] == "widgets"


@pytest.mark.parametrize("phrase", [
    "Most Popular", "Trending Now", "Top Stories", "Latest News", "Editor's Picks", "You May Also Like",
    "Recommended For You", "Share This Story", "Loading comments...", "Advertisement", "Sponsored Content",
    "Sign up for the newsletter", "Subscribe to our newsletter", "Meistgelesen", "Lesen Sie auch",
    "Mehr zum Thema", "Anzeige", "Les plus lus", "À lire aussi", "Voir aussi", "Publicité", "Lo más leído",
    "Lea también", "Publicidad", "I più letti", "Leggi anche", "Pubblicità", "Mais lidas", "Leia também",
    "Publicidade", "Самое читаемое", "Читайте также", "Реклама", "Related:", "Read more:", "See also:",
    "More in Tech", "Next up in Science", "By signing up",
])
def test_every_kind_of_glued_marker_is_found_inside_a_line(phrase):
    # the marker pattern only runs where the first-words scan (MARKER_STARTS) points: both lists
    # must know each marker
    from cleaner.sentences import markers

    found = markers(f"The council approved the plan on Monday. {phrase} Something else follows here")
    assert found and found[0].group().rstrip(" .…:").startswith(phrase.rstrip(" .…:")[:6])


@pytest.mark.parametrize("form", [
    ["Deixe um comentário", "Cancelar resposta", "Salvar meus dados neste navegador para a próxima vez que eu comentar."],
    ["Добавить комментарий", "Комментарий", "Сохранить моё имя, email и адрес сайта в этом браузере для последующих моих комментариев."],
    ["Schreibe einen Kommentar", "Meinen Namen, meine E-Mail-Adresse und meine Website in diesem Browser speichern, bis ich wieder kommentiere."],
])
def test_a_comment_form_in_other_locales_goes_with_all_after_it(form):
    footer = ("The Harbour Gazette has covered the city and its people since 1882, and is published "
              "by Harbour Media Group from its offices on Quay Street.")
    for page in ([*PROSE, *form], [*PROSE, *form, footer]):  # the footer's prose: no longer the tail
        result = cleaner.clean("\n".join(page))
        assert result.text.splitlines() == PROSE
        assert result.removed[0].rule == "join-conversation-cut" and result.removed[0].text == form[0]


def test_social_counters_go_between_paragraphs():
    counters = ["299FollowersFollow", "1FansLike", "This story has been shared 44,976 times. 44,976"]
    result = cleaner.clean("\n".join([PROSE[0], *counters, *PROSE[1:]]))
    assert [r.rule for r in result.removed] == ["social-counter-line"] * 3
    assert result.text.splitlines() == PROSE


@pytest.mark.parametrize("byline", ["Ken Sweet, AP Business Writer", "Lisa Kaczke and Trevor J. Mitchell Sioux Falls Argus Leader"])
def test_a_byline_without_by_is_no_title(byline):
    headline = "Stocks slip as trade talks drag on"
    result = cleaner.clean("\n".join([headline, byline, *PROSE]))
    assert result.title == headline
    assert [r.rule for r in result.removed if r.text == byline] == ["byline-name-outlet"]
    assert result.text.splitlines() == PROSE


def test_a_caption_with_its_fold_button_goes_in_both_forms():
    full = ("Andreas Thurner, left, and Todd George unveil the Karman Vision SC2 concept vehicle at the "
            "Automobility LA Auto Show in Los Angeles Tuesday, Nov. 19, 2019. less")
    cut = "Andreas Thurner, left, and Todd George unveil the Karman Vision SC2 concept vehicle at ... more"
    result = cleaner.clean("\n".join(["Electric cars steal the show", full, cut, *PROSE]))
    assert {r.text: r.rule for r in result.removed}.get(full) == "caption-toggle-line"
    assert {r.text: r.rule for r in result.removed}.get(cut) == "caption-toggle-line"
    assert result.text.splitlines() == PROSE


def test_a_top_rated_comments_heading_cuts_the_comments_after_the_article():
    comments = ["Top Rated Comments", "(View all)", "Woyzeck", "2 days ago at 07:52 am",
                "It is good to see the council finally doing something about the bridges."]
    result = cleaner.clean("\n".join([*PROSE, *comments]))
    assert result.text.splitlines() == PROSE
    assert result.removed[0].rule == "comments-marker" and result.removed[0].text == "Top Rated Comments"


def test_the_publishers_address_block_after_the_article_goes():
    mention = "The council will meet again at 420 Harbour Road, Suite 205, on Monday to hear from residents."
    footer = ["Harbour Gazette", "420 Harbour Road, Suite 205", "Portsmouth, NH 03801", "Main (603) 555-0142",
              "Mailing Address", "P.O. Box 2160"]
    result = cleaner.clean("\n".join([*PROSE, mention, *footer]))
    assert result.text.splitlines() == [*PROSE, mention]
    rules = {r.text: r.rule for r in result.removed}
    assert all(rules[line] == "contact-address-line" for line in footer[1:])


@pytest.mark.parametrize("dateline", ["HAYWARD, Calif. (AP) —", "MOSCOW (Reuters) -", "(AFP) –"])
def test_a_wire_dateline_inside_a_glued_line_splits_it(dateline):
    from cleaner.sentences import inner_marker_cuts

    head = "Council approves the transport budget Updated 10:01 pm PST, Tuesday, November 19, 2019"
    line = f"{head} {dateline} {PROSE[0]}"
    assert [line[c:c + len(dateline)] for c in inner_marker_cuts(line)] == [dateline]
    # the headline and its stamp are judged on their own, and the story's first paragraph stays
    result = cleaner.clean("\n".join([line, *PROSE[1:]]))
    assert result.text.splitlines()[0] == f"{dateline} {PROSE[0]}"
    assert result.text.splitlines()[1:] == PROSE[1:]


def test_a_wire_dateline_at_the_start_of_a_line_or_in_prose_splits_nothing():
    from cleaner.sentences import inner_marker_cuts

    assert inner_marker_cuts(f"MOSCOW (Reuters) - {PROSE[0]}") == []
    assert inner_marker_cuts("The report (AP) said the council approved the budget on Monday.") == []


def glued_pieces(line: str) -> list[str]:
    """The pieces ``glued_cuts`` cuts ``line`` into, stripped."""
    from cleaner.sentences import glued_cuts

    cuts = glued_cuts(line)
    return [line[a:b].strip() for a, b in zip([0, *cuts], [*cuts, len(line)], strict=True)]


@pytest.mark.parametrize("line, pieces", [
    ("Son of former president stabbed in Berlin By JERUSALEM POST STAFF NOVEMBER 20, 2019 10:43 The son of the "
     "former president was stabbed to death, police said.",
     ["Son of former president stabbed in Berlin", "By JERUSALEM POST STAFF NOVEMBER 20, 2019 10:43",
      "The son of the former president was stabbed to death, police said."]),
    ("11/20/2019 01:14 PM Russia: Israeli strikes on Syria wrong move By REUTERS 11/20/2019 10:08 AM",
     ["11/20/2019 01:14 PM", "Russia: Israeli strikes on Syria wrong move", "By REUTERS 11/20/2019 10:08 AM"]),
    ("Apple unveils a thinner laptop By Chris Davies - Nov 19, 2019, 10:31 pm Samsung cuts prices again",
     ["Apple unveils a thinner laptop", "By Chris Davies - Nov 19, 2019, 10:31 pm", "Samsung cuts prices again"]),
    ("Galaxies simulated in detail By Tim Childers - Live Science Contributor 2019-11-19T12:48:14Z The centers "
     "of massive galaxy clusters are hot.",
     ["Galaxies simulated in detail", "By Tim Childers - Live Science Contributor 2019-11-19T12:48:14Z",
      "The centers of massive galaxy clusters are hot."]),
    ("Both parties are to blame for the lack of a government By JERUSALEM POST STAFF",
     ["Both parties are to blame for the lack of a government", "By JERUSALEM POST STAFF"]),
    # a byline with its role after a comma; labelled stamps, one after the other
    ("Council approves the transport budget By Jane Doe, Staff Writer November 20, 2019 The regional council "
     "approved the budget.",
     ["Council approves the transport budget", "By Jane Doe, Staff Writer November 20, 2019",
      "The regional council approved the budget."]),
    ("Council approves the transport budget Published November 20, 2019 Updated November 21, 2019 The regional "
     "council approved the budget.",
     ["Council approves the transport budget", "Published November 20, 2019", "Updated November 21, 2019",
      "The regional council approved the budget."]),
    ("Posted: Nov 20, 2019 / 10:35 AM CST The regional council approved the budget.",
     ["Posted: Nov 20, 2019 / 10:35 AM CST", "The regional council approved the budget."]),
    # the stamp's own line goes on before it ("... Bureau |"): no cut there
    ("New Delhi, News Nation Bureau | Updated : 19 November 2019, 09:01 AM The oxygen bar opened in May.",
     ["New Delhi, News Nation Bureau | Updated : 19 November 2019, 09:01 AM", "The oxygen bar opened in May."]),
])
def test_a_glued_byline_with_its_stamp_is_a_piece_of_its_own(line, pieces):
    assert glued_pieces(line) == pieces


@pytest.mark.parametrize("line", [
    "The firm was bought By Microsoft in 2019 and the deal closed in March.",
    "The deal was signed on November 20, 2019 at 10:43 PM by the two firms, the company said.",
    "By the end of November 20, 2019 the council had approved the budget.",
    "Reporting by Jane Roe; editing by John Doe on November 19, 2019.",
    "The report was published November 20, 2019 and updated twice since, the agency said.",
    "Updated figures will be published November 20, 2019, the agency said.",
])
def test_a_sentence_with_a_date_or_by_is_no_glued_byline(line):
    from cleaner.sentences import stamp_cuts

    assert stamp_cuts(line) == []


def test_a_glued_tail_of_stamped_teasers_goes_and_the_article_stays():
    teasers = ("Council delays vote on parking fees By METRO STAFF 11/20/2019 10:08 AM Storm closes schools "
               "across the county By REUTERS 11/20/2019 09:39 AM Mayor names new police chief By METRO STAFF "
               "11/20/2019 08:11 AM Bridge repairs to start in spring By AP 11/19/2019 11:40 PM")
    result = cleaner.clean("\n".join([*PROSE, teasers]))
    assert result.text.splitlines() == PROSE
    assert any(r.kind == "metadata" and r.text.startswith("By REUTERS") for r in result.removed)


@pytest.mark.parametrize("line, pieces", [
    ("October 19, 2018 Earlier this year, the council approved the budget.",
     ["October 19, 2018", "Earlier this year, the council approved the budget."]),
    ("Nov 20, 2019 By Jane Doe The council approved the budget.",
     ["Nov 20, 2019", "By Jane Doe The council approved the budget."]),
    # a headline in title case that opens the line, then a byline or a date
    ("Council Approves Budget After Long Debate By Jane Doe The council approved the budget.",
     ["Council Approves Budget After Long Debate", "By Jane Doe The council approved the budget."]),
    ("Council Approves Budget After Long Debate 20 November 2019 The council approved the budget.",
     ["Council Approves Budget After Long Debate", "20 November 2019", "The council approved the budget."]),
    ("The buses could arrive in the spring, officials said. - Next Auto News New hatch is a 300HP monster",
     ["The buses could arrive in the spring, officials said. -", "Next Auto News", "New hatch is a 300HP monster"]),
    ("The council will vote again in March. Previous Article Storm closes schools across the county",
     ["The council will vote again in March.", "Previous Article", "Storm closes schools across the county"]),
    ("New hatch arrives in the Philippines May 15, 2017 CAR REVIEWS 2017 Lexus LC 500",
     ["New hatch arrives in the Philippines", "May 15, 2017", "CAR REVIEWS 2017 Lexus LC 500"]),
    ("Jane Roe Argus Leader Published 10:02 AM EST Nov 19, 2019 SIOUX FALLS, S.D. – Residents gathered on Monday.",
     ["Jane Roe Argus Leader Published 10:02 AM EST Nov 19, 2019", "SIOUX FALLS, S.D. – Residents gathered on Monday."]),
])
def test_a_leading_date_and_a_glued_pager_are_pieces_of_their_own(line, pieces):
    assert glued_pieces(line) == pieces


@pytest.mark.parametrize("line", [
    "October 19, 2018 was the day the council met and approved the budget.",
    "GET THE APP ON THE GO BY CLICKING HERE",  # a button in capitals, not a headline and a byline
    "The Council Approved the Budget By Tuesday, Nov. 19, 2019 the money was spent.",
    "In New York City November 19, 2019 the council met again.",
    "Next week the council will vote on the budget again, members said.",
    "Next, the story moves to the council chamber, where members voted.",
    "The car arrived on May 15, 2017 NASA said, and more followed.",
])
def test_a_sentence_about_a_date_or_what_comes_next_is_not_cut(line):
    from cleaner.sentences import glued_cuts

    assert glued_cuts(line) == []


def test_a_line_that_would_fall_into_too_many_pieces_stays_whole():
    from cleaner.sentences import split_sentences

    line = "Storm closes schools By METRO STAFF 11/20/2019 10:08 AM " * 150
    block = Block(line, 0, len(line))
    assert len(split_sentences(block, max_pieces=1000)) > 200
    assert split_sentences(block, max_pieces=200) == [block]
    assert Config().split_max_pieces == 200


def test_a_marker_in_capitals_before_a_paragraph_is_cut_off_even_before_a_name():
    from cleaner.sentences import glued_cuts

    line = "ADVERTISEMENT Sonya A. Zoghlin, the attorney, told reporters her client meant no harm."
    assert glued_cuts(line) == [len("ADVERTISEMENT")]
    result = cleaner.clean("\n".join([*PROSE[:2], line, *PROSE[2:]]))
    assert line[len("ADVERTISEMENT "):] in result.text.splitlines()
    assert [r.text for r in result.removed] == ["ADVERTISEMENT"]
    # a heading in capitals going on in capitals, or in title case, stays whole
    assert glued_cuts("ADVERTISEMENT FEATURE Sponsored by the bank") == []
    assert glued_cuts("Most Popular Recipes of the Year") == []


HOVER_CARD = ("Sen. Jane WarrenJane Ann WarrenWarren unveils plan to pay for schools | Council "
              "passes budget after long debate MORE")


def assert_removals_slice_the_source(result) -> None:
    for removal in result.removed:
        assert result.source[removal.start:removal.end] == removal.text, removal


def test_an_inline_hover_card_goes_and_its_sentence_stays_one_block():
    first = f"The plan that {HOVER_CARD} (D-Mass.) put forward on Monday would cost the city little."
    result = cleaner.clean("\n".join(["Council backs school plan", first, *PROSE[1:]]))
    assert result.text.splitlines()[0] == (
        "The plan that Sen. Jane Warren (D-Mass.) put forward on Monday would cost the city little.")
    assert result.title == "Council backs school plan"  # the sentence's start is no headline
    [card] = [r for r in result.removed if r.rule == "hover-card-span"]
    assert card.text.startswith("Jane Ann WarrenWarren unveils") and card.text.endswith("MORE")
    assert_removals_slice_the_source(result)


def test_a_block_with_a_gap_that_goes_later_is_recorded_whole():
    paragraph = f"Officials said {HOVER_CARD} (D-Mass.) would meet the council again next week to talk."
    text = "\n".join([PROSE[0], paragraph, *PROSE[1:3], paragraph, *PROSE[3:]])
    result = cleaner.clean(text)
    assert result.text.count("Officials said Sen. Jane Warren (D-Mass.) would meet") == 1
    whole = [r for r in result.removed if r.kind == "duplicate"]
    assert [r.text for r in whole] == [paragraph]  # the copy's card goes with it, once
    assert [r.start for r in result.removed if r.rule == "hover-card-span"] == [text.index(HOVER_CARD) + len("Sen. Jane Warren")]
    assert_removals_slice_the_source(result)


def test_pieces_of_a_block_with_a_gap_keep_their_offsets():
    paragraph = f"The vote that {HOVER_CARD} (D-Mass.) called was close. Advertisement. {PROSE[1]}"
    result = cleaner.clean("\n".join([PROSE[0], paragraph, *PROSE[2:]]))
    rules = [r.rule for r in result.removed]
    assert "hover-card-span" in rules and "advertisement-marker" in rules
    assert "The vote that Sen. Jane Warren (D-Mass.) called was close." in result.text.splitlines()
    assert_removals_slice_the_source(result)


@pytest.mark.parametrize("note", ["(opens in a new tab)", "(link is external)", "(öffnet in neuem Fenster)"])
def test_a_links_screen_reader_note_goes_from_inside_its_sentence(note):
    first = f"Read the full report {note} on the council's website, which the mayor published after the vote."
    result = cleaner.clean("\n".join([first, *PROSE[1:]]))
    assert result.text.splitlines()[0] == first.replace(f" {note}", "")
    assert [r.rule for r in result.removed] == ["new-window-note-span"]
    assert_removals_slice_the_source(result)


@pytest.mark.parametrize("stamp, metadata", [
    ("By Jane Doe | Published 3:45 PM EST Nov 20, 2019", {"author": "Jane Doe", "published": "2019-11-20"}),
    ("Updated 10:34 a.m. ET Nov. 20, 2019", {"updated": "2019-11-20"}),
    ("20 November 2019 • 10:30am", {"published": "2019-11-20"}),
    ("Written by Jane Doe Wednesday, 20 November 2019 10:30", {"author": "Jane Doe", "published": "2019-11-20"}),
])
def test_a_stamp_glued_to_the_first_paragraph_goes_and_fills_the_metadata(stamp, metadata):
    result = cleaner.clean("\n".join(["Council backs budget", f"{stamp} {PROSE[0]}", *PROSE[1:]]))
    assert result.text.splitlines()[0] == PROSE[0]
    assert {k: v if k == "author" else v[:10] for k, v in result.metadata.items()} == metadata
    assert [r.text for r in result.removed if r.rule == "stamp-glued-span"] == [stamp]


@pytest.mark.parametrize("stamp, rule, metadata", [
    ("Jane Doe Political correspondent Wed 20 Nov 2019 10.35 GMT", "stamp-glued-wide-span",
     {"author": "Jane Doe", "published": "2019-11-20T10:35"}),
    ("By Jane Doe, CNN Updated 10:35 AM ET, Wed November 20, 2019", "stamp-glued-wide-span",
     {"author": "Jane Doe", "updated": "2019-11-20T10:35"}),
    ("By Jane Doe and John Smith November 20, 2019 — 10.35am", "stamp-glued-wide-span",
     {"author": "Jane Doe and John Smith", "published": "2019-11-20T10:35"}),
    ("Posted on November 20, 2019 by admin", "post-meta-glued-span", {"author": "admin", "published": "2019-11-20"}),
    ("PTI | Updated: Nov 20, 2019, 10:35 IST", "stamp-glued-wide-span", {"source": "PTI", "updated": "2019-11-20T10:35"}),
])
def test_a_byline_with_its_stamp_glued_to_the_first_paragraph_fills_the_metadata(stamp, rule, metadata):
    """The new glued-stamp rules record the writer and the stamp, a clock time with a dot after
    the year too (The Guardian's "10.35 GMT")."""
    result = cleaner.clean("\n".join(["Council backs budget", f"{stamp} {PROSE[0]}", *PROSE[1:]]))
    assert result.text.splitlines()[0] == PROSE[0]
    assert result.metadata == metadata
    assert [(r.rule, r.text) for r in result.removed if r.rule.endswith("span")] == [(rule, stamp)]


@pytest.mark.parametrize("dateline", ["BERLIN, Nov 20 (Reuters) -", "WASHINGTON (AP) —", "(CNN)"])
def test_a_wire_dateline_with_its_date_stays_with_its_paragraph(dateline):
    result = cleaner.clean("\n".join(["Council backs budget", f"{dateline} {PROSE[0]}", *PROSE[1:]]))
    assert result.text.splitlines()[0] == f"{dateline} {PROSE[0]}"


@pytest.mark.parametrize("ending, rule", [
    ("Copyright 2019 The Ledger. All rights reserved.", "copyright-line"),
    ("© 2019 The Ledger. All rights reserved.", "copyright-line"),
    ("Follow us on Twitter", "follow-us-line"),
    ("Tags: budget, council", "tags-label-line"),
    ("Have a news tip? Email us at tips@ledger.com.", "author-contact-line"),
])
def test_residue_run_into_the_end_of_the_last_paragraph_goes_alone(ending, rule):
    result = cleaner.clean("\n".join(["Council backs budget", *PROSE[:-1], f"{PROSE[-1]} {ending}"]))
    assert result.text.splitlines() == PROSE
    assert [(r.rule, r.text) for r in result.removed if r.kind != "title"] == [(rule, ending)]


@pytest.mark.parametrize("ending", ["Comments from residents were mostly positive.",
                                    "Follow the money, one councillor said."])
def test_a_last_sentence_of_prose_is_no_residue_ending(ending):
    last = f"{PROSE[-1]} {ending}"
    result = cleaner.clean("\n".join(["Council backs budget", *PROSE[:-1], last]))
    assert result.text.splitlines()[-1] == last


def test_a_full_stop_run_into_the_next_sentence_still_ends_a_sentence():
    from cleaner.layout import SENTENCE_END

    assert SENTENCE_END.search("figures become available.Reporting by Jane Doe")
    assert not SENTENCE_END.search("see example.com or U.S.Army")
    glued = PROSE[-1] + "Reporting by Jane Doe; Editing by John Smith"
    result = cleaner.clean("\n".join(["Council backs budget", *PROSE[:-1], glued]))
    assert result.text.splitlines()[-1] == glued  # kept as prose, not taken for a menu


def test_an_ending_is_judged_where_its_block_stands():
    ending = "Reporting by Jane Doe; Editing by John Smith"  # wire-credit-line: the tail's only
    in_body = cleaner.clean("\n".join(["Council backs budget", PROSE[0], f"{PROSE[1]} {ending}", *PROSE[2:]]))
    at_end = cleaner.clean("\n".join(["Council backs budget", *PROSE[:-1], f"{PROSE[-1]} {ending}"]))
    assert f"{PROSE[1]} {ending}" in in_body.text.splitlines()
    assert at_end.text.splitlines()[-1] == PROSE[-1]
    assert [r.rule for r in at_end.removed if r.kind != "title"] == ["wire-credit-line"]


@pytest.mark.parametrize("bar", ["Share this article Share", "Share on Facebook Share on Twitter"])
def test_a_share_bar_glued_before_the_first_paragraph_goes_alone(bar):
    result = cleaner.clean("\n".join(["Council backs budget", f"{bar} {PROSE[0]}", *PROSE[1:]]))
    assert result.text.splitlines() == PROSE
    assert [r.rule for r in result.removed if r.kind != "title"] == ["share-bar-span"]


@pytest.mark.parametrize("text, starts", [
    ("Das Fest ist am 3. Oktober. Danach ist Ruhe.", ["Danach ist Ruhe."]),  # a German date's day ends nothing
    ("Freitag | 14. Juni 2019 | 15:49 VON Sina Giebel IN Fashion", []),
    ("He finished in place 5. Then he left.", ["Then he left."]),  # a number's stop before another word does
])
def test_a_german_date_s_day_ends_no_sentence(text, starts):
    from cleaner.sentences import sentence_cuts

    assert [text[i:] for i in sentence_cuts(text)] == starts


def test_a_post_meta_line_with_a_german_date_goes_whole():
    meta = "Freitag | 14. Juni 2019 | 15:49 VON Sina Giebel IN Fashion | 0 COMMENTS"
    prose = ["Der Sommer ist da, die kurzen Kleider werden wieder herausgeholt und die Haare hochgesteckt.",
             "Die perfekte Zeit also, um die Ohrringe zu zeigen, die wir in diesem Frühjahr gefunden haben."]
    result = cleaner.clean("\n".join(["Ear Candy", meta, *prose]))
    assert result.text.splitlines() == prose
