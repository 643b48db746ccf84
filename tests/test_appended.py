"""The appended-story detector on a small joined-articles set built from eval-dev
(``scripts/build_appended_set.py``): articles followed by a story from another site, and the
same articles alone."""

from __future__ import annotations

from pathlib import Path

import pytest

import cleaner
from cleaner.appended_eval import load_cases, measure
from cleaner.detectors.appended_story import AppendedStoryDetector
from cleaner.document import Document
from cleaner.engine import cleaner_for
from cleaner.rule_authoring import Case
from cleaner.segment import segment

SET = Path(__file__).parent / "data" / "appended_set.jsonl"


@pytest.fixture(scope="module")
def report():
    return measure(load_cases(SET))


def test_the_set_has_joined_and_single_articles():
    cases = load_cases(SET)
    assert sum(c.appended_start is not None for c in cases) >= 16
    assert sum(c.appended_start is None for c in cases) >= 16


def test_most_appended_stories_are_removed(report):
    assert report.removed_share >= 0.85, report.summary()


def test_no_single_article_is_cut_into(report):
    assert report.wrongly_cut == 0, report.summary()


def test_cuts_before_the_story_take_no_article_text():
    for case in load_cases(SET):
        if case.appended_start is None:
            continue
        article = Case(case.id, case.raw, case.gold)
        for removal in cleaner.clean(case.raw).removed:
            if removal.kind == "appended_story" and removal.start < case.appended_start:
                assert not article.holds_gold_text(removal.text), (case.id, removal.text)


@pytest.mark.parametrize("cohesion, own, signals, reason", [
    (0.05, 0.3, [], "low_cohesion"),
    (0.05, 0.1, [], None),
    (0.12, 0.3, ["repeated"], "headline_repeated"),
    (0.12, 0.3, ["residue", "residue"], "headline_with_residue"),
    (0.12, 0.3, ["dateline"], None),
    (0.05, 0.3, ["dateline"], "headline_with_dateline"),
    (0.2, 0.9, ["repeated"], None),
    # a new story's header (its byline and its date) is a signal strong enough for a story on
    # the article's own subject
    (0.3, 0.9, ["byline", "stamp"], "headline_with_byline"),
    (0.3, 0.9, ["byline", "dated", "residue"], "headline_with_byline"),
    (0.3, 0.9, ["byline"], None),
    (0.3, 0.9, ["byline", "residue"], None),
    (0.3, 0.9, ["stamp", "residue"], None),
    (0.4, 0.9, ["byline", "stamp"], None),
])
def test_verdicts(cohesion, own, signals, reason):
    assert AppendedStoryDetector().verdict(cohesion, own, signals) == reason


def test_interview_turns_are_not_headlines():
    detector = AppendedStoryDetector()
    assert not detector.is_candidate("Q: Where did you grow up?")
    # a glued line: the interview's question run in after the sentence before it
    assert not detector.is_candidate("Ok, now for a little fun. Q: Where did you grow up?")
    assert not detector.is_candidate("I love that they trademarked it. No one will take it https://t.co/XPxUJuyIAC")
    assert detector.is_candidate("Afghans Both Hopeful, Disappointed after Russia's Taliban Recognition")


def test_a_dateline_with_buttons_glued_to_it_is_no_headline():
    detector = AppendedStoryDetector()
    for line in ("Nov 15, 2019 5:45 AM Tweet Share", "19 novembre 2019 Partager Tweeter", "2019-11-15 Share Email"):
        assert not detector.is_candidate(line), line
    assert detector.is_candidate("Voters Head to the Polls on Nov. 5 in Three States")


def test_a_sentence_with_a_heading_glued_after_it_is_no_headline():
    detector = AppendedStoryDetector()
    for line in ("The three previous games between these programs went to overtime. Extra points",
                 "Die Polizei sucht weiter nach Zeugen des Unfalls am Montag. Mehr zum Thema"):
        assert not detector.is_candidate(line), line
    for line in ("It's over. Here's why", "Amnesty. More than 100 protesters killed in Iran unrest",
                 "The Beauty of Korea Revealed at the Daehak-ro Festival! To the Actual Scene!"):
        assert detector.is_candidate(line), line


STANDFIRST = ("I hoped to learn why a beloved writer of science fiction fell into obscurity after his "
              "death, and what his friends remember of him. I did not expect that I would help bring his "
              "work back, nor that it would take me many months.")
MORE_STANDFIRST = ("Along the way I met a painter, a retired engineer and a choir of singers who still "
                   "quote him by heart.")
STORY = [
    "The novelist wrote nineteen books in thirty years, most of them for a small press in Ohio that closed in 2006.",
    "His editor kept the manuscripts in a storage unit, where the heat of three summers curled the paper into scrolls.",
    "When the rights reverted to his sister, she refused every offer, saying the family wanted no more strangers in his life.",
    "It took two years of letters and one long dinner before she agreed that the books could be printed again next spring.",
    "The first reprint sold out in a week, and the publisher has ordered a second run for the holidays and the schools.",
]


def appended_cuts(before: list[str], candidate: str) -> list[int]:
    """Where the detector cuts a page of ``before``, then ``candidate`` with two captions removed
    under it, then ``STORY`` (words unlike the page's before it)."""
    text = "\n".join([*before, candidate, "Photo illustration by the Courier.", "Photo by Jane Doe/Reuters.", *STORY])
    doc = Document(text, segment(text))
    for index in (len(before) + 1, len(before) + 2):
        doc.remove(index, "caption", "captions")
    return [f.index for f in AppendedStoryDetector().find(doc, cleaner_for(None).layout(doc.blocks))]


def test_a_glued_dateline_with_residue_under_it_does_not_cut_the_article():
    # a page glued by its scraper: the dateline (date and time run together, as printed) and the
    # share buttons are one line, and two captions follow it, as they would follow the headline
    # of an appended story
    before = [STANDFIRST, MORE_STANDFIRST]
    assert appended_cuts(before, "Nov 15, 20195:45 AM Tweet Share") == []
    # a headline in its place is cut at: the guard, not the rest of the page, keeps the article
    assert appended_cuts(before, "Why a Beloved Writer Vanished") == [2]


def test_the_next_item_of_the_articles_numbered_list_is_no_new_story():
    # a newsletter's roundup: numbered items, each with its sources' credits under it
    before = ["4 Why the council wants the bridge reopened by spring", STANDFIRST, MORE_STANDFIRST]
    assert appended_cuts(before, "5 Are bossware apps tracking you?") == []
    # the same line without the list before it is a headline like any other
    assert appended_cuts(before[1:], "5 Are bossware apps tracking you?") == [2]


def test_a_strong_signal_needs_sixty_words_of_prose_before_it():
    # on a page, the prose before a menu line can be glued menus and captions: under
    # min_prose_words_strong words, two pieces of residue after a headline-like line cut nothing
    assert appended_cuts([STANDFIRST], "Why a Beloved Writer Vanished") == []  # 44 words
    assert appended_cuts([STANDFIRST, MORE_STANDFIRST], "Why a Beloved Writer Vanished") == [2]  # 65 words


def cuts_with(before: list[str], candidate: str, under: list[tuple[str, bool]],
              detector: AppendedStoryDetector | None = None) -> list[int]:
    """Where the detector cuts ``before``, ``candidate``, the blocks ``under`` it (each with
    whether a rule removed it as widget residue), then ``STORY``."""
    text = "\n".join([*before, candidate, *(line for line, _ in under), *STORY])
    doc = Document(text, segment(text))
    for offset, (_, removed) in enumerate(under, start=len(before) + 1):
        if removed:
            doc.remove(offset, "ui", "share-prompt-line")
    detector = detector or AppendedStoryDetector()
    return [f.index for f in detector.find(doc, cleaner_for(None).layout(doc.blocks))]


def test_a_date_line_under_a_headline_is_a_signal_of_a_new_story():
    # a date line in the body has no label, so it stays; under a candidate headline it still says
    # that a story starts there, as a second piece of residue would
    before = [STANDFIRST, MORE_STANDFIRST]
    share = ("Share this on WhatsApp", True)
    for stamp in ("Friday, 22 October 2010 20:13", "sexta-feira, 22 de outubro de 2010 às 20:13", "Nov 15, 2019"):
        assert cuts_with(before, "Why a Beloved Writer Vanished", [(stamp, False), share]) == [2], stamp
    assert cuts_with(before, "Why a Beloved Writer Vanished", [share]) == []
    assert cuts_with(before, "Why a Beloved Writer Vanished", [("The first of three parts", False), share]) == []


MEMORIES = ("Friends remember long walks by the river, a garden full of roses, a dog called Pepper, "
            "and letters signed with a small drawing of an owl that he sent to every child he knew.")


def test_a_two_word_headline_needs_a_strong_signal():
    before = [STANDFIRST, MORE_STANDFIRST, MEMORIES]  # 104 words
    share = ("Share this on WhatsApp", True)
    assert cuts_with(before, "NASCAR Standings", [("Nov 15, 2019", False), share]) == [3]
    assert cuts_with(before, "NASCAR Standings", [share]) == []
    # two words are not enough for a headline unless the detector is told so
    only_longer = AppendedStoryDetector(short_headline_min_words=3)
    assert cuts_with(before, "NASCAR Standings", [("Nov 15, 2019", False), share], only_longer) == []


def test_a_headline_glued_to_its_byline_and_date_is_a_candidate():
    # on a glued page the headline carries its byline and time stamp: up to 25 words
    glued = ("Physicists Just Created the Most Detailed Simulation of the Universe in History By Tim "
             "Childers - Live Science Contributor 2019-11-19T12:48:14Z Space")
    assert AppendedStoryDetector().is_candidate(glued)
    assert not AppendedStoryDetector(headline_max_words=20).is_candidate(glued)
    share = ("Share this on WhatsApp", True)
    before = [STANDFIRST, MORE_STANDFIRST]
    assert cuts_with(before, glued, [share, ("Tweet Email", True)]) == [2]


ARTICLE = [
    "The city council voted on Tuesday to approve a new budget that increases spending on schools and roads, officials said after the meeting.",
    "Members debated the plan for more than four hours before the final vote, which passed by a narrow margin of five to four.",
    "Critics said the budget relies on optimistic revenue forecasts, while supporters argued the investments were long overdue for the growing city.",
    "The mayor is expected to sign the measure later this week, according to a spokesperson who declined to give further details.",
    "Residents who attended the meeting voiced concerns about property taxes and the pace of construction in older neighborhoods.",
    "The budget takes effect on July 1 and will be reviewed again in the spring, when updated revenue figures become available.",
]


@pytest.mark.parametrize("pitch", [
    # the aside's first piece ("[Want more news like this?") looks like a headline with residue
    # after it, but a headline does not open a bracket it never closes
    "[Want more news like this? Sign up for our free newsletter.]",
    "(Want more stories like this? Subscribe to our newsletter.)",
    # the question looks like a headline, then the residue and the final "." it leaves: pieces
    # of one line, the "." no second piece of residue, so no strong signal of a new story
    "Want more stories like this? Sign up for our newsletter.",
    "Enjoyed this story? Share it on Facebook and Twitter.",
])
def test_a_pitch_split_at_its_residue_is_no_appended_story(pitch):
    result = cleaner.clean("\n".join([*ARTICLE[:3], pitch, *ARTICLE[3:]]))
    assert all(paragraph in result.text for paragraph in ARTICLE)
    assert not any(r.rule == "appended_story" for r in result.removed)


def test_a_closed_bracket_opens_a_label_not_an_aside():
    assert AppendedStoryDetector().is_candidate("[Video] Council approves the budget")


SAME_SUBJECT = [  # another story on the council and its budget, as an infinite-scroll page appends it
    "Council members clash over school funding as budget vote nears",
    "By Jane Doe",
    "Nov 15, 2019",
    "Council members clashed on Monday over how much of the new budget should go to schools, with two "
    "members threatening to vote against the plan.",
    "The budget debate has split the council for weeks, and supporters of the schools plan said they would "
    "not back down before the vote on Tuesday.",
    "The mayor has urged members to agree on the budget quickly, saying the city cannot afford another "
    "delay on roads and schools.",
]


def test_a_story_on_the_same_subject_under_its_byline_and_date_is_cut():
    from cleaner.text_stats import content_terms, cosine

    detector = AppendedStoryDetector()
    # too close in subject for a cut on the other signals
    assert cosine(content_terms(" ".join(ARTICLE)), content_terms(" ".join(SAME_SUBJECT))) > detector.max_cohesion
    result = cleaner.clean("\n".join([*ARTICLE, *SAME_SUBJECT]))
    assert result.text.splitlines() == ARTICLE
    cut = [r for r in result.removed if r.kind == "appended_story"]
    assert cut[0].text == SAME_SUBJECT[0] and cut[0].reason == "headline_with_byline"
    assert all(line in result.text for line in ARTICLE)


@pytest.mark.parametrize("drop", ["By Jane Doe", "Nov 15, 2019"])
def test_a_byline_or_a_date_alone_under_a_heading_is_no_new_story(drop):
    # a roundup's contributions carry their bylines; a date line alone is an update's
    lines = [*ARTICLE, *(line for line in SAME_SUBJECT if line != drop)]
    result = cleaner.clean("\n".join(lines))
    assert not any(r.kind == "appended_story" for r in result.removed)
    assert all(line in result.text for line in SAME_SUBJECT[3:])


def test_join_nearest_pairs_each_article_with_the_story_closest_in_subject():
    from cleaner.appended_eval import join_nearest

    council = "\n".join(ARTICLE)
    articles = [("a", "en", council, council), ("b", "de", "Der Rat tagte.", "Der Rat tagte.")]
    stories = [
        ("s1", "en", "\n".join(STORY)),                    # another subject
        ("s2", "en", "\n".join(SAME_SUBJECT)),             # the council's budget again
        ("s3", "en", council),                             # the article itself, printed elsewhere
        ("a", "en", "\n".join(SAME_SUBJECT)),              # the article's own page
        ("s4", "fr", "\n".join(SAME_SUBJECT)),             # another language
    ]
    joined = join_nearest(articles, stories)
    assert [case.id for case in joined] == ["a+s2"]  # no German story: no case for "b"
    case = joined[0]
    assert case.raw[case.appended_start:] == "\n".join(SAME_SUBJECT) and case.gold == council
    assert [c.id for c in join_nearest(articles, stories, max_similarity=1.0)] == ["a+s3"]


@pytest.mark.parametrize("line, byline", [
    ("By Jane Doe", True),
    ("By JANE DOE and John Smith - Reuters", True),
    ("Tom Krisher, AP Auto Writer", True),
    ("Meg Kinnard and Errin Haines, Associated Press", True),
    ("Jane Doe, Staff Writer", True),
    ("Jane Doe, Getty Images", False),  # a photo credit
    ("New York, Reuters said", False),
    ("Angela Merkel, Chancellor", False),
    ("By the end of the year the council had agreed.", False),
])
def test_what_reads_as_a_new_storys_byline(line, byline):
    from cleaner.detectors.appended_story import BYLINE

    assert bool(BYLINE.match(line)) == byline


def test_a_same_subject_story_under_a_wire_byline_and_date_is_cut():
    story = [SAME_SUBJECT[0], "Jane Doe and John Smith, Associated Press", "Updated 12:24 am EST, Wednesday, November 20, 2019",
             *SAME_SUBJECT[3:]]
    result = cleaner.clean("\n".join([*ARTICLE, *story]))
    assert result.text.splitlines() == ARTICLE
    assert next(r.reason for r in result.removed if r.kind == "appended_story") == "headline_with_byline"


@pytest.mark.parametrize("byline", ["By Jane Doe, Nov. 15, 2019 at 10:04 a.m.",
                                    "By Louis Jacobson on Friday, November 15th, 2019 at 11:04 a.m.",
                                    "BY JANE DOE | Nov. 15, 2019 | 10:04 AM"])
def test_a_same_subject_story_under_a_dated_byline_is_cut(byline):
    # the byline carries the date on its line, and the dots of "Nov." and "a.m." end no sentence
    story = [SAME_SUBJECT[0], byline, *SAME_SUBJECT[3:]]
    result = cleaner.clean("\n".join([*ARTICLE, *story]))
    assert result.text.splitlines() == ARTICLE
    assert next(r.reason for r in result.removed if r.kind == "appended_story") == "headline_with_byline"


@pytest.mark.parametrize("opening", ["(Reuters) — The council voted on Tuesday to approve a new budget for the schools.",
                                     "WASHINGTON (AP) — The council voted on Tuesday to approve a new budget for the schools.",
                                     "By Jane Doe The council voted on Tuesday to approve a new budget for the schools."])
def test_a_wire_dateline_under_a_headline_is_a_new_story_signal(opening):
    text = "\n".join(["Council approves budget for schools", opening])
    doc = Document(text, segment(text))
    assert AppendedStoryDetector().signals(doc, 0) == ["dateline"]
    plain = "\n".join(["Council approves budget for schools", "The council voted on Tuesday to approve a new budget."])
    assert AppendedStoryDetector().signals(Document(plain, segment(plain)), 0) == []


LONGER_STORY = [*STORY,
                "Teachers in three counties have put the novels on their reading lists for the autumn term.",
                "A film studio has asked about the rights to the second book, the sister said, but she has not answered.",
                "The painter who drew the covers of the first editions has agreed to draw the covers of the reprints.",
                "Booksellers say the readers are mostly young people who had never heard of him before this year.",
                "A museum in his home town is planning a small show of his letters and drawings for next summer."]


def test_a_short_text_before_a_much_longer_story_is_a_preamble_not_an_article():
    # on a page, what survives above the article can be a teaser or a tagline of 60-100 words;
    # the "story" after it is then the article itself, and a strong signal does not cut it off
    before = [STANDFIRST, MORE_STANDFIRST]  # 65 words
    share = [("Share this on WhatsApp", True), ("Tweet Email", True)]
    candidate = "Why a Beloved Writer Vanished"
    text_words = sum(len(line.split()) for line in LONGER_STORY)
    assert text_words > 2 * 65
    assert cuts_with(before, candidate, share) == [2]  # STORY: not twice as long as the text before it
    longer = [*share, *((line, False) for line in LONGER_STORY[len(STORY):])]
    assert cuts_with(before, candidate, longer) == []
    assert cuts_with(before, candidate, longer, AppendedStoryDetector(max_after_ratio_short=10)) == [2]
    # with a whole article's prose before it, the strong signal cuts whatever follows
    assert cuts_with([STANDFIRST, MORE_STANDFIRST, MEMORIES], candidate, longer) == [3]


LAWS_LEAD = [
    "Not everyone makes a resolution for the new year, but everyone will have to follow the new laws "
    "that take effect across the country on the first of January of the new year.",
    "Some forty thousand new laws range from sweeping national laws to local laws on dogs, fireworks "
    "and the hours that shops may open, and the new laws reach every corner of the country.",
    "Although many of the new laws were disputed, the laws made it through parliaments, referendums and "
    "city councils, and the new laws show how the views of voters across the country keep shifting.",
    "Here is a look at the new laws of the new year that will matter most to voters, from the capital "
    "to the smallest villages of the country.",
]
LAWS_SECTIONS = [
    "National: Pensions, of course, and vending machines",
    "The biggest change comes at the national level with a new pension contribution for the self-employed, "
    "who will pay a share of their income into the public fund from March.",
    "Thousands of companies will have to print calorie counts on the snacks sold in vending machines, in "
    "offices, stations and hospitals alike.",
    "Regional: Hunting, shark fins and drones",
    "Hunters in the north may no longer use lead shot near rivers, a rule that anglers and bird watchers "
    "had demanded for years before the assembly agreed to it.",
    "On the coast, restaurants can no longer sell soup made from shark fins, and fishermen caught landing "
    "fins face fines of up to ten thousand euros.",
    "Two provinces have limited the use of drones over farms and forests, and the police now need a warrant "
    "to fly one over private land.",
    "Wages and voting",
    "Workers in thirteen provinces will see higher minimum wages, though most of the increases amount to "
    "less than fifteen cents an hour.",
    "Voters in the capital must now show a card with their photograph at the polling station, a change the "
    "opposition called an obstacle for the elderly.",
]


def test_a_sectioned_story_is_not_cut_after_its_short_lead():
    # the first section of a story in sections shares few words with a three-paragraph lead: with
    # no sign of a new story, cohesion alone cuts only after a whole article's prose
    text = "\n".join([*LAWS_LEAD, *LAWS_SECTIONS])
    doc = Document(text, segment(text))
    layout = cleaner_for(None).layout(doc.blocks)
    assert list(AppendedStoryDetector().find(doc, layout)) == []
    eager = AppendedStoryDetector(min_prose_words_before_unsignalled=60)
    assert [f.reason for f in eager.find(doc, layout)] == ["low_cohesion"]
    result = cleaner.clean(text)
    assert all(line in result.text for line in LAWS_SECTIONS)


CHINESE_ARTICLE = [
    "香港特区行政长官梁振英今天在立法会答问大会上就其住宅的违建问题再次道歉，并表示会全面配合调查。",
    "梁振英说，他在竞选期间已经发现住宅有违建，当时没有全面公开，是他的疏忽，他愿意承担责任。",
    "多名立法会议员在会上质疑梁振英的诚信，要求他交代违建的详情以及何时完成清拆工作。",
    "梁振英强调承诺将在两周内解决其住宅的违建问题。",
    "民主党此前计划在星期三对梁振英提出不信任动议，但动议预计难以获得足够票数通过。",
    "有议员表示，违建问题反映行政长官的诚信问题，市民对特区政府的信任已经受到影响。",
]


def test_chinese_text_has_terms_and_its_sentences_are_no_headlines():
    from cleaner.text_stats import content_terms, cosine, is_headline

    # a clause of Chinese is one run of letters: its terms are its letter pairs, so that two
    # paragraphs on one subject share terms and the article's own cohesion can be measured
    first, second = " ".join(CHINESE_ARTICLE[:3]), " ".join(CHINESE_ARTICLE[3:])
    assert cosine(content_terms(first), content_terms(second)) > 0.15
    # a sentence that ends with a Chinese full stop is no headline, and no appended story starts there
    assert not is_headline(CHINESE_ARTICLE[3])
    assert is_headline("香港特区行政长官梁振英就住宅违建问题再次公开道歉")
    result = cleaner.clean("\n".join(CHINESE_ARTICLE))
    assert result.text.splitlines() == CHINESE_ARTICLE


@pytest.mark.parametrize("line, candidate", [
    ("(Maurice Chevalier – French actor and singer)", False),  # a quotation's source
    ("Coal power station © Ruth Roeder / Clipdealer", False),  # a picture's credit
    ("(Video) Council approves the budget", True),              # a label, then a headline
    ("Council approves the budget (again)", True),
])
def test_a_parenthesis_or_a_credit_is_no_headline(line, candidate):
    assert AppendedStoryDetector().is_candidate(line) is candidate


def test_a_paragraph_cut_off_before_its_full_stop_ends_the_search_for_signals():
    # a paywall cut the section's paragraph before its full stop: the page's widgets after it are
    # not under the subheading, and no new story starts there
    before = [STANDFIRST, MORE_STANDFIRST, MEMORIES]
    cut_off = ("It was not only about money, the statement said, but about transparency, fairness and the "
               "variety of a culture in which the most played artists receive a generous bonus on top of")
    widgets = [("Share this on WhatsApp", True), ("Tweet Email", True)]
    assert cuts_with(before, "Not only money in mind", [(cut_off, False), *widgets]) == []
    assert cuts_with(before, "Not only money in mind", widgets) == [3]


def test_a_korean_table_cell_taken_as_a_short_token_is_no_residue_signal():
    # a one-word cell ("통화", call) under a section heading is the article's table, not a widget
    text = "\n".join(["코드 분석 - 기능 설명", "통화", "통화 강제 종료", "문자", "전송", "Share", "TT"])
    doc = Document(text, segment(text))
    for index in (1, 3, 4):
        doc.remove(index, "ui", "widgets", "short_token")
    doc.remove(5, "ui", "article-tools-line")
    doc.remove(6, "ui", "widgets", "short_token")
    assert AppendedStoryDetector().signals(doc, 0) == ["residue", "residue"]


TEASER_GRID = [
    "The doctor who walked away",
    "After twenty years in the emergency room, a surgeon opened a bakery in her village and now rises at four "
    "to bake bread for the neighbours.",
    "A rose from Kenya",
    "Picked in Holland, grown in Kenya, sold in Germany: a reportage on the long journey of one flower before "
    "it wilts in a vase on a kitchen table.",
    "The man outside the embassy",
    "For more than a thousand days a father has waited for his wife to come home from prison, and he has not "
    "given up hope of seeing her again.",
    "Pensions for the young",
    "What people between eighteen and thirty can expect from the pension system, explained by an economist "
    "who has studied it for three decades.",
]


def test_a_grid_of_teasers_above_the_article_does_not_cut_the_article_off():
    # what is left above the article on a page can be a grid of other stories' teasers, each a
    # headline and a blurb: the article under them, much longer, is no appended story
    teaser_words = sum(len(line.split()) for line in TEASER_GRID[1::2])
    article = [*LONGER_STORY, *ARTICLE, *LAWS_LEAD]
    assert sum(len(line.split()) for line in article) >= 2 * teaser_words
    page = [*TEASER_GRID, "Why a Beloved Writer Vanished", "Share this on WhatsApp", "Tweet Email", *article]
    result = cleaner.clean("\n".join(page))
    assert all(line in result.text.splitlines() for line in article)
    assert not any(r.kind == "appended_story" for r in result.removed)
