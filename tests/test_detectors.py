"""Each detector's reasons, on text from several publishers."""

from __future__ import annotations

import pytest

import cleaner
from cleaner.config import Config
from cleaner.detectors.boilerplate import ends_beyond_initialisms, figure_kind, in_prose
from cleaner.detectors.captions import CaptionDetector, GluedCaptionDetector
from cleaner.detectors.datelines import DatelineDetector
from cleaner.detectors.widgets import WidgetDetector

PARAGRAPH = ("The regional council approved the new transport budget on Monday after a long debate "
             "about schools, roads and the future of the city's bus network.")
PARAGRAPH_3 = ("Transport officials said the first new buses would arrive in the autumn, with the rest of "
               "the fleet replaced by the end of the following year.")
PARAGRAPH_2 = ("Opposition members said the plan ignored rural areas and promised to challenge it when "
               "the assembly meets again in the spring to review the figures.")


@pytest.mark.parametrize("text, reason", [
    ("-", "no_letters"), ("20", "no_letters"), ("|", "no_letters"), ("• • •", "no_letters"),
    ("TT", "short_token"), ("Aa", "short_token"), ("A+", "short_token"),
    ("Share Save", "ui_words"), ("Facebook Twitter Email", "ui_words"),
    ("Copy Link", "ui_words"), ("Teilen Drucken", "ui_words"), ("Поделиться", "ui_words"),
    ("010030090900000000000000011105701129981476", "no_letters"),  # a tracking widget's id
])
def test_widget_reasons(text, reason):
    assert WidgetDetector().judge(text) == reason


@pytest.mark.parametrize("text", [
    "NORTH KOREANS", "Yes.", "Part 2", "Moscow praises heroism of North Korean troops", PARAGRAPH,
    "Share prices fell sharply", "Email from the minister",
    "9780141439518", "+44 20 7946 0958 / 020 7946 0959",  # an ISBN, phone numbers: no id
])
def test_widgets_keep_prose_and_subheadings(text):
    assert WidgetDetector().judge(text) is None


@pytest.mark.parametrize("text, reason", [
    ("Putin during a videoconference meeting on Saturday, April 26, 2025. (AP)", "trailing_credit"),
    ("Rescue workers search the rubble in Hatay. (EPA/Alexander Kazakov/Sputnik/Kremlin)", "trailing_credit"),
    ("A man talks by phone in Moscow. (AP Photo/Pavel Bednyakov)", "trailing_credit"),
    ("The mayor speaks to reporters (Photo: Jane Doe)", "trailing_credit"),
    ("Fans gather outside the stadium in Madrid (Reed Saxon / Associated Press)", "trailing_credit"),
    ("Protesters march in Paris on Saturday. Photograph: Thomas Samson/AFP via Getty Images", "getty_credit"),
    ("Russian President Vladimir Putin listens to a report. Sputnik/Pool via REUTE", "truncated_credit"),
    ("© Reuters. Russian President Vladimir Putin listens to a report", "leading_copyright"),
    ("Photo: Reuters", "photo_label"),
    ("Foto: dpa/Michael Kappeler", "photo_label"),
    ("Video: In this talk, a physiologist explains how taste receptors in the gut sense microbes.", "photo_label"),
    ("Vídeo: los bomberos rescatan a un perro atrapado en el río", "photo_label"),
    ("(Walt Disney Co.)", "credit_only"),
    # credit labels in any case, and a web address after the caption's last sentence
    ("The core stage of the rocket after the installation of its four engines. (credit: NASA/Jane Roe)", "trailing_credit"),
    ("Materials from the state's new anti-drug campaign. (campaign-site.org)", "trailing_credit"),
    ("Il presidente durante la conferenza stampa a Roma. (foto: Ansa)", "trailing_credit"),
    # a photographer's credit with a slash, unbracketed, after the caption's last sentence
    ("Mayor John Smith speaks in Springfield, Illinois, U.S., November 19, 2019. REUTERS/Jane Doe", "trailing_credit"),
    ("A view of the plant in Leipzig, Germany, May 5, 2019. REUTERS/Hannibal Hanschke/File Photo", "trailing_credit"),
    ("The mayor speaks to reporters outside city hall on Tuesday. Jane Doe/The Daily Times", "trailing_credit"),
    ("Le président à son arrivée à Berlin. (Crédit photo : AFP)", "trailing_credit"),
    # wire captions whose credit was lost: the weekday and full date after the description
    ("Nurses wearing purple hold signs as they rally outside the Capitol in Sacramento, Calif., Monday, "
     "March 2, 2020, calling for safer staffing levels.", "wire_caption_date"),
    ("Former Gov. Jane Roe, left, speaks with a farmer during a campaign stop, Saturday, Oct. 5, 2019, in Ames, Iowa.",
     "wire_caption_date"),
    ("Firefighters battle a blaze at a warehouse in Houston, Thursday, September 12, 2019.", "wire_caption_date"),
])
def test_caption_reasons(text, reason):
    assert CaptionDetector().judge(text) == reason


@pytest.mark.parametrize("text", [
    PARAGRAPH,
    "MOSCOW (Reuters) - Russian President Vladimir Putin hailed on Saturday what he said was a victory.",
    "The speed limit was lowered to 30 km/h (about 19 mph).",
    "© 2007-2025 - Fusion Media Limited. All Rights Reserved.",
    "Reuters could not independently verify the battlefield assertions of either side.",
    "The full report is available on the agency's website (example.org).",
    "The band played its biggest hits, said the promoter. AC/DC",  # a slash in a name, no credit
    "Sales rose 4 percent in the third quarter, the company said. Input/output costs fell.",
    "Read more about the campaign on its site. (see example.org for the details)",
    # a date stamp is no caption; prose gives the date after "on"; a long paragraph is no caption
    "Updated 3:27 am PST, Wednesday, November 20, 2019",
    "Video games were the best-selling gift: stores said demand doubled.",
    "Photo by photo, the exhibit shows how the city changed over a century.",
    "The council met on Tuesday, Nov. 19, 2019, and approved the budget for the next two years.",
    ("The first public hearing was held in Springfield, Tuesday, Nov. 19, 2019, the first of three on the plan, which the "
     "council had debated for most of the year. Members said the cost of the new roads and the harbour "
     "repairs would be shared with the county, and that the final vote would come before the summer."),
])
def test_captions_keep_prose(text):
    assert CaptionDetector().judge(text) is None


def test_caption_before_a_credit_only_line_goes_too():
    text = "\n".join([PARAGRAPH, "Kevin Mayer, the executive overseeing the service", "(Walt Disney Co.)",
                      PARAGRAPH_2])
    result = cleaner.clean(text)
    reasons = {r.text: r.reason for r in result.removed}
    assert reasons["(Walt Disney Co.)"] == "credit_only"
    assert reasons["Kevin Mayer, the executive overseeing the service"] == "caption_before_credit"
    assert result.text == PARAGRAPH + "\n" + PARAGRAPH_2


@pytest.mark.parametrize("agency", ["(CNN)", "(AP)", "(Reuters)"])
def test_a_wire_agency_alone_under_the_headline_is_a_dateline_and_leaves_the_headline(agency):
    result = cleaner.clean("\n".join(["Council Approves Budget After Long Debate", agency, PARAGRAPH, PARAGRAPH_2]))
    assert result.title == "Council Approves Budget After Long Debate"
    assert result.text == PARAGRAPH + "\n" + PARAGRAPH_2
    assert {r.text: r.reason for r in result.removed}[agency] == "credit_only"


@pytest.mark.parametrize("credit", ["(Getty Images)", "(AP Photo/Jane Doe)", "(Jane Doe/The Daily Times)"])
def test_a_paragraph_above_a_lone_credit_between_paragraphs_stays(credit):
    # a photo printed without its caption: the credit follows a paragraph of the article
    paragraph = ("Critics said the budget relies on optimistic revenue forecasts, while supporters "
                 "argued the investments were long overdue for the growing city.")
    after = "The mayor is expected to sign the measure later this week, a spokesperson said on Tuesday evening."
    result = cleaner.clean("\n".join([PARAGRAPH, PARAGRAPH_2, paragraph, credit, after]))
    assert result.text == "\n".join([PARAGRAPH, PARAGRAPH_2, paragraph, after])
    assert [r.reason for r in result.removed] == ["credit_only"]


@pytest.mark.parametrize("text, caption", [
    ("EPA Russia's army chief made the claims in a video meeting with President Vladimir Putin "
     "Russia's military says it has regained control.",
     "EPA Russia's army chief made the claims in a video meeting with President Vladimir Putin"),
    ("Getty Images Firefighters tackle the blaze near the town of Paradise in California "
     "Officials said the fire had destroyed more than 6,000 homes.",
     "Getty Images Firefighters tackle the blaze near the town of Paradise in California"),
])
def test_glued_caption_end(text, caption):
    end = GluedCaptionDetector().caption_end(text)
    assert end is not None and text[:end].strip() == caption


def test_glued_caption_needs_a_credit_and_no_sentence_end():
    detector = GluedCaptionDetector()
    assert detector.caption_end("Reuters could not verify the claims. Officials in Kyiv said nothing.") is None
    assert detector.caption_end("Officials said the fire destroyed homes in Paradise California yesterday") is None


def test_duplicates_exact_and_near():
    caption = "Firefighters tackle the blaze near the town of Paradise, California, on Thursday"
    near = "Firefighters tackle the blaze near the town of Paradise, California, on Thursday."
    text = "\n".join([PARAGRAPH, caption, PARAGRAPH_2, caption, near, PARAGRAPH_3])
    result = cleaner.clean(text)
    dupes = [(r.text, r.reason) for r in result.removed if r.kind == "duplicate"]
    assert (caption, "exact_repeat") in dupes
    assert len(dupes) == 2
    assert result.text.count("Firefighters") == 1


def test_duplicates_ignore_short_repeats():
    text = "\n".join([PARAGRAPH, "Yes, he said.", PARAGRAPH_2, "Yes, he said."])
    result = cleaner.clean(text)
    assert result.text.count("Yes, he said.") == 2


def test_title_is_the_headline_and_not_in_the_body():
    result = cleaner.clean("\n".join(["Council approves transport budget", PARAGRAPH, PARAGRAPH_2]))
    assert result.title == "Council approves transport budget"
    assert result.removed[0].kind == "title" and result.removed[0].reason == "headline"
    assert result.text == PARAGRAPH + "\n" + PARAGRAPH_2


@pytest.mark.parametrize("byline", ["By Jane Doe | 2 min read", "Jane Doe | Reporter | 2 min read",
                                    "Jane Doe · Staff Writer"])
def test_a_byline_under_the_headline_is_no_title(byline):
    # left in place, a byline with a reading time or a role reads as a headline, and the
    # headline above it went as boilerplate
    result = cleaner.clean("\n".join(["Council approves transport budget", byline, PARAGRAPH, PARAGRAPH_2]))
    assert result.title == "Council approves transport budget"
    assert result.metadata["author"] == "Jane Doe"
    assert result.text == PARAGRAPH + "\n" + PARAGRAPH_2


@pytest.mark.parametrize("under", ["Staff Reports Online Desk", "Kevin Johnson Metro Desk"])
def test_a_line_under_the_headline_that_no_rule_knows_is_no_title(under):
    # both go as boilerplate from above the article; the headline is the longer of the two
    headline = "Council approves transport budget after a long debate"
    result = cleaner.clean("\n".join([headline, under, PARAGRAPH, PARAGRAPH_2]))
    assert [r.rule for r in result.removed if r.text == under] == ["boilerplate"]
    assert result.title == headline
    assert result.text == PARAGRAPH + "\n" + PARAGRAPH_2


def test_a_lead_of_two_sentences_ending_in_a_question_is_no_title():
    lead = ("Suppose we answer the most important question of existence in the affirmative. There is "
            "then only one question remaining: How shall we live this life?")
    headline = "What a Weasel Knows That We Forget: Annie Dillard on How to Live"
    result = cleaner.clean("\n".join([headline, "By Jane Doe", lead, PARAGRAPH, PARAGRAPH_2]))
    assert result.title == headline
    assert result.text.splitlines() == [lead, PARAGRAPH, PARAGRAPH_2]
    # a headline in two short sentences is still one, and so is one in Title Case quoting a sentence
    for headline in ("It's over. Here's why",
                     "South Dakota Says, 'Meth. We're On It,' and Twitter Asks, Are You Guys OK?"):
        result = cleaner.clean("\n".join([headline, PARAGRAPH, PARAGRAPH_2]))
        assert result.title == headline


def test_no_title_when_the_article_starts_with_prose():
    result = cleaner.clean("\n".join([PARAGRAPH, PARAGRAPH_2]))
    assert result.title is None and result.text == PARAGRAPH + "\n" + PARAGRAPH_2


@pytest.mark.parametrize("text, reason", [
    ("Beijing Chaoyang Hospital, where plague-infected people sought treatmentCredit: EPA", "credit_label"),
    ("Christopher Battin Submitted photo", "credit_label"),
    ("Photo illustration by Slate. Photo by David Dyer-Bennet.", "photo_label"),
    ("Image credit: NASA/JPL-Caltech", "photo_label"),
    ("Photo: The minister arrives at the summit in Brussels on Thursday, where leaders are expected to "
     "agree on a new budget for the next seven years after months of talks", "photo_label"),
    # a credit's label with a paragraph glued after the credit: no caption
    ("Image Credit: WeWork (Reuters) — The New York State Attorney General is investigating WeWork, "
     "according to two people familiar with the matter", None),
    ("Photograph: Tim Robberts The latest wave of tech-based financial startups have a new angle on the "
     "banking sector: they assume that everyone is out of money", None),
    ("Photograph: Tim Robberts", "photo_label"),
    ("Photo illustration: The Daily Times", "photo_label"),
    ("Illustration by Jane Doe", "photo_label"),
    ("Graphic by Jane Doe/The Daily Times", "photo_label"),
    ("Screenshot by Jane Doe/ONE Esports", "photo_label"),
    ("Screengrab via YouTube", "photo_label"),
    ("Illustrations by Maurice Sendak fill the book, which was first published in 1963 and sold "
     "millions of copies around the world", None),
    ("Photo by Jane Doe The council approved the new transport budget on Monday after a long debate "
     "about schools and roads", None),
])
def test_caption_label_reasons(text, reason):
    assert CaptionDetector().judge(text) == reason


@pytest.mark.parametrize("credit", ["Photo: Jane Doe/The Ledger", "Photograph: Jane Doe/Reuters",
                                    "Image: Getty Images", "Photo: AP Photo/Evan Vucci", "Foto: dpa"])
def test_a_labelled_credit_run_into_the_first_paragraph_goes_alone(credit):
    result = cleaner.clean("\n".join(["Council Backs Plan", f"{credit} {PARAGRAPH}", PARAGRAPH_2]))
    assert result.text.splitlines() == [PARAGRAPH, PARAGRAPH_2]
    assert [(r.reason, r.text) for r in result.removed if r.kind == "caption"] == [("credit_before_paragraph", credit)]


@pytest.mark.parametrize("credit", ["(AP)", "(Reuters)"])
def test_a_story_paragraph_ending_in_its_wires_bare_credit_is_no_caption(credit):
    paragraph = f"{PARAGRAPH} {PARAGRAPH_2} {credit}"
    assert CaptionDetector().judge(paragraph) is None
    result = cleaner.clean("\n".join(["Council Backs Plan", PARAGRAPH, PARAGRAPH_2, paragraph]))
    assert result.text.splitlines()[-1] == paragraph


@pytest.mark.parametrize("caption", ["Protesters gather outside the council building on Tuesday. (AP)",
                                     f"{PARAGRAPH} (AP Photo/Jane Doe)", f"{PARAGRAPH} {PARAGRAPH_2} (Reuters/Jane Doe)"])
def test_a_caption_with_a_wire_credit_is_still_a_caption(caption):
    assert CaptionDetector().judge(caption) == "trailing_credit"


@pytest.mark.parametrize("caption", [
    "Photo: Protesters gather outside the council building on Tuesday as the vote on the budget goes ahead.",
    "Photo: AP Photo/Evan Vucci President Donald Trump speaks at a rally in Ohio on Tuesday night.",
    "Photo: Jane Doe/The Ledger",
])
def test_a_labelled_caption_or_credit_alone_is_no_glued_paragraph(caption):
    assert CaptionDetector().credit_before_paragraph(caption) is None
    assert CaptionDetector().judge(caption) == "photo_label"


@pytest.mark.parametrize("text", [
    "Chris Davies - Nov 19, 2019, 10:31 pm CST",
    "Updated Nov 19, 9:41 AM;Posted Nov 18, 8:19 PM",
    "Mon 18 Nov 2019 18.54 GMT Last modified on Mon 18 Nov 2019 18.56 GMT",
    "Published 10:02 AM EST Nov 19, 2019",
    "New Delhi, News Nation Bureau | Updated : 19 November 2019, 09:01 AM",
    "2019-11-19T12:48:14Z",
    "Mittwoch, 20. November 2019, 14:05 Uhr",
])
def test_dateline_lines(text):
    assert DatelineDetector().judge(text) == "dateline"


@pytest.mark.parametrize("text", [
    "On Nov 19, 2019, the council voted to close the library.",
    "May 2019 was the hottest month on record",
    "NORTH KOREANS",
    "The Guardian. 15 November 2019.",
])
def test_dateline_keeps_prose(text):
    assert DatelineDetector().judge(text) is None


def test_dateline_fills_metadata_and_keeps_schedules():
    schedule = ["1a etapa: 10 de março – Interlagos", "2a etapa: 8 de abril – Curitiba",
                "3a etapa: 22 de abril – Velopark", "4a etapa: 6 de maio – Londrina"]
    text = "\n".join(["Chris Davies - Nov 19, 2019, 10:31 pm", PARAGRAPH, *schedule, PARAGRAPH_2])
    result = cleaner.clean(text)
    assert result.metadata["published"] == "2019-11-19T22:31"
    assert [r.reason for r in result.removed] == ["dateline"]
    assert all(line in result.text.splitlines() for line in schedule)


def test_a_schedule_whose_rows_run_together_stays():
    # rows run together on a line: the dated rows between them are a schedule's, not datelines
    schedule = ["1a etapa: 10 de março – Interlagos 2a etapa: 8 de abril – Curitiba",
                "3a etapa: 22 de abril – Velopark",
                "4a etapa: 6 de maio – Londrina 5a etapa: 20 de maio – Santa Cruz do Sul",
                "6a etapa: 5 de agosto – Cascavel"]
    result = cleaner.clean("\n".join([PARAGRAPH, PARAGRAPH_2, PARAGRAPH_3, *schedule]))
    assert all(line in result.text.splitlines() for line in schedule)
    # a date line alone after the article still goes
    result = cleaner.clean("\n".join([PARAGRAPH, PARAGRAPH_2, PARAGRAPH_3, schedule[1]]))
    assert [r.reason for r in result.removed] == ["dateline"]


def test_boilerplate_head_tail_and_link_lists():
    menu = ["Home", "World", "Business", "Sport"]
    links = ["Ten things to do this weekend", "Why the bus fare went up again", "The best parks in the city",
             "How to apply for a parking permit", "Where to eat near the station"]
    text = "\n".join([*menu, PARAGRAPH, PARAGRAPH_2, *links, PARAGRAPH_3, "Weather forecast", "Traffic cameras"])
    result = cleaner.clean(text)
    reasons = {r.text: r.reason for r in result.removed}
    assert all(reasons.get(m) == "head_run" for m in menu[1:])
    assert all(reasons.get(link) == "link_list" for link in links)
    assert reasons.get("Traffic cameras") == "tail_run"
    assert result.text.splitlines() == [PARAGRAPH, PARAGRAPH_2, PARAGRAPH_3]


def test_a_list_the_article_introduces_with_a_colon_stays():
    # the same kind of short lines as a menu, but a paragraph ending in a colon announces them
    lead_in = "For me, the list of things to get done before the move used to look like this:"
    steps = ["Book the van", "Pack the kitchen", "Cancel the gym", "Change the address", "Clean the flat"]
    menu = ["Ten things to do this weekend", "Why the bus fare went up again", "The best parks in the city",
            "How to apply for a parking permit", "Where to eat near the station"]
    kept = cleaner.clean("\n".join([PARAGRAPH, lead_in, *steps, PARAGRAPH_2, PARAGRAPH_3]))
    assert kept.text.splitlines() == [PARAGRAPH, lead_in, *steps, PARAGRAPH_2, PARAGRAPH_3]
    # without the colon the same run is a link list
    cut = cleaner.clean("\n".join([PARAGRAPH, lead_in[:-1] + ".", *menu, PARAGRAPH_2, PARAGRAPH_3]))
    assert cut.text.splitlines() == [PARAGRAPH, lead_in[:-1] + ".", PARAGRAPH_2, PARAGRAPH_3]


@pytest.mark.parametrize("lede", ["It was a rout.", "The mayor resigned on Monday.", '"We will rebuild," she said.'])
def test_a_short_first_paragraph_stays_with_the_article(lede):
    # a lede of four words or more that ends a sentence goes with the paragraph after it, not
    # with the menu above the body; two or three words alone ("Not anymore.") are no lede to tell
    result = cleaner.clean("\n".join(["Home", "World", "Business", lede, PARAGRAPH, PARAGRAPH_2]))
    assert result.text.splitlines() == [lede, PARAGRAPH, PARAGRAPH_2]
    assert cleaner.clean("\n".join(["Home", "World", "Not anymore.", PARAGRAPH, PARAGRAPH_2])).text.splitlines() == [
        PARAGRAPH, PARAGRAPH_2]


def test_boilerplate_keeps_subheadings_short_endings_and_tables():
    table = ["Kyle Busch", "5040", "5", "Martin Truex Jr.", "5035", "7"]
    text = "\n".join([PARAGRAPH, "What happens next", PARAGRAPH_2, *table, PARAGRAPH_3, "Officials declined to comment."])
    result = cleaner.clean(text)
    for line in ["What happens next", *table, "Officials declined to comment."]:
        assert line in result.text.splitlines()


def test_dated_teasers_between_paragraphs_are_no_table():
    # a list of other stories, each with its date or time, is a link list: a date written with a
    # month's name or a clock time is no figure of a table
    teasers = ["Ferry fares rise again as fuel costs climb November 19, 2019 Transport",
               "Police close the harbour road for repairs 10:08 AM Local news",
               "Museum reopens after two years of repairs 18 novembre 2019 Culture",
               "New cycle lanes planned for the city centre 14:35 Transport",
               "Mayor visits the flood-hit villages in the north Nov. 18, 2019 Politics"]
    result = cleaner.clean("\n".join([PARAGRAPH, PARAGRAPH_2, *teasers, PARAGRAPH_3]))
    assert result.text.splitlines() == [PARAGRAPH, PARAGRAPH_2, PARAGRAPH_3]
    assert "link_list" in {r.reason for r in result.removed}


def test_a_menu_of_names_with_numbers_is_no_table():
    # model and version names end in a small number: a menu, unless bare numbers stand beside them
    menu = ["Apple Watch Series 4", "Apple Watch Series 3", "watchOS 6", "watchOS 5", "iPad", "Apple TV 4K",
            "tvOS 13", "tvOS 12"]
    result = cleaner.clean("\n".join([PARAGRAPH, PARAGRAPH_2, *menu, PARAGRAPH_3]))
    assert result.text.splitlines() == [PARAGRAPH, PARAGRAPH_2, PARAGRAPH_3]
    table = ["Driver", "Points", "Wins", "Top 5", "Top 10", "1", "Kyle Busch", "5040", "5", "17", "27"]
    result = cleaner.clean("\n".join([PARAGRAPH, PARAGRAPH_2, *table, PARAGRAPH_3]))
    assert all(cell in result.text.splitlines() for cell in ["Top 5", "Top 10", "5040", "27"])


def test_an_archive_of_years_is_no_table_but_a_column_of_years_is():
    archive = ["Archives", "2019", "2018", "2017", "2016", "2015", "2014"]
    result = cleaner.clean("\n".join([PARAGRAPH, PARAGRAPH_2, *archive, PARAGRAPH_3]))
    assert result.text.splitlines() == [PARAGRAPH, PARAGRAPH_2, PARAGRAPH_3]
    # years beside other figures are a table's column
    table = ["Year", "Riders", "2019", "1,204", "2018", "1,187", "2017", "1,090"]
    result = cleaner.clean("\n".join([PARAGRAPH, PARAGRAPH_2, *table, PARAGRAPH_3]))
    assert all(cell in result.text.splitlines() for cell in ["2019", "1,204", "2017", "1,090"])


def test_a_sidebar_of_categories_with_their_counts_is_no_table():
    # a label with its number of posts in brackets is a category list's entry, not a cell
    categories = ["Allgemein (2)", "Konzerte (7)", "Jay Chou (51)", "이벤트 (51)", "Security News (2801)"]
    result = cleaner.clean("\n".join([PARAGRAPH, PARAGRAPH_2, *categories, PARAGRAPH_3]))
    assert result.text.splitlines() == [PARAGRAPH, PARAGRAPH_2, PARAGRAPH_3]
    # the same labels beside other figures are a table's rows
    table = ["Party", "Seats", "Labour (12)", "202 seats", "Conservatives (9)", "365 seats", "Greens (3)", "1 seat"]
    result = cleaner.clean("\n".join([PARAGRAPH, PARAGRAPH_2, *table, PARAGRAPH_3]))
    assert all(cell in result.text.splitlines() for cell in table[2:])


def test_a_pager_above_the_article_is_no_table():
    # a gallery's pager in the page's head: page numbers one after the other
    pager = ["<<", "<", *[str(n) for n in range(1, 15)], ">", ">>"]
    result = cleaner.clean("\n".join([*pager, PARAGRAPH, PARAGRAPH_2, PARAGRAPH_3]))
    assert result.text.splitlines() == [PARAGRAPH, PARAGRAPH_2, PARAGRAPH_3]
    # a table above the first paragraph stays: its figures do not count one after the other
    table = ["Driver", "Points", "Kyle Busch", "5040", "5", "Martin Truex Jr.", "5035", "7"]
    result = cleaner.clean("\n".join([*table, PARAGRAPH, PARAGRAPH_2, PARAGRAPH_3]))
    assert all(cell in result.text.splitlines() for cell in ["5040", "5", "Martin Truex Jr.", "5035", "7"])


def test_a_short_section_under_its_heading_after_the_last_paragraph_stays():
    # a report's last section: a heading and one short statement, after a heading and a paragraph
    section = ["Technical Analysis", "The compromised version ships two malicious files under dist/."]
    text = "\n".join([PARAGRAPH, PARAGRAPH_2, "Impact", PARAGRAPH_3, *section, "Privacy Policy", "Careers"])
    kept = cleaner.clean(text).text.splitlines()
    assert section[1] in kept
    assert "Careers" not in kept
    # a teaser's truncated line under a box's heading is no section
    teaser = ["Editor's pick", "Read another exciting story from our archive here …"]
    kept = cleaner.clean("\n".join([PARAGRAPH, PARAGRAPH_2, "Impact", PARAGRAPH_3, *teaser, "Careers"])).text.splitlines()
    assert teaser[1] not in kept


@pytest.mark.parametrize("heading", ["Key takeaways", "Executive Summary", "TL;DR", "Background:", "At a glance",
                                     "Das Wichtigste in Kürze", "Einleitung", "はじめに"])
def test_the_heading_of_the_articles_first_section_stays_and_is_no_headline(heading):
    head = ["Home", "News", "Sport", "Weather", "Council approves the new transport budget", "By Jane Doe"]
    result = cleaner.clean("\n".join([*head, heading, PARAGRAPH, PARAGRAPH_2, PARAGRAPH_3]))
    assert result.text.splitlines()[0] == heading
    assert result.title == "Council approves the new transport budget"
    # any other short line there is the page's head
    result = cleaner.clean("\n".join([*head, "Latest stories", PARAGRAPH, PARAGRAPH_2, PARAGRAPH_3]))
    assert result.text.splitlines()[0] == PARAGRAPH


def test_a_tour_schedule_stays_a_table():
    # a date with a month's name and a few words: a row of a schedule, not a stamped teaser
    schedule = ["March 3 – Berlin, Mercedes-Benz Arena", "March 5 – Paris, Accor Arena", "March 8 – London, The O2",
                "March 10 – Madrid, WiZink Center", "March 12 – Milan, Mediolanum Forum"]
    result = cleaner.clean("\n".join([PARAGRAPH, PARAGRAPH_2, *schedule, PARAGRAPH_3]))
    assert result.text.splitlines() == [PARAGRAPH, PARAGRAPH_2, *schedule, PARAGRAPH_3]


def test_teasers_whose_blurbs_hold_a_figure_are_no_table():
    # a figure among a dozen words or more is a sentence's, not a cell's
    teasers = ["Previous Auto News", "2020 hot hatch is a 300HP monster",
               "The most powerful hatch to come out of the plant has 306 HP and a huge rear wing",
               "2020 electric crossover goes on sale",
               "The second electric model from the brand arrives in 2020 with a range of about 400 km",
               "Related Stories"]
    result = cleaner.clean("\n".join([PARAGRAPH, PARAGRAPH_2, PARAGRAPH_3, *teasers]))
    assert result.text.splitlines() == [PARAGRAPH, PARAGRAPH_2, PARAGRAPH_3]
    # rows of a schedule run together hold a figure in every few words: still a table
    glued_rows = ["1a etapa: 10 de março – Interlagos 2a etapa: 8 de abril – Curitiba 3a etapa: 22 de abril – Velopark "
                  "4a etapa: 06 de maio – Londrina", "5a etapa: 20 de maio – Santa Cruz do Sul 6a etapa: 5 de agosto "
                  "– Corrida do Milhão 7a etapa: 19 de agosto – Cascavel", "8a etapa: 9 de setembro – Velo Città",
                  "9a etapa: 21 de outubro – Tarumã 10a etapa: 4 de novembro – Goiânia"]
    assert [in_prose(row) for row in glued_rows] == [False] * 4
    assert in_prose(teasers[2]) and not in_prose(teasers[1]) and not in_prose("Kyle Busch 5040 5 1 17 27")


def test_a_menu_with_an_initialism_is_no_prose():
    # the dots of "U.S." or "D.C." inside a menu end no sentence; a paragraph ending in one does
    menu = "Login Log Out Arab Israeli Conflict Israel News Opinion Middle East Diaspora U.S. Politics WORLD NEWS"
    head = ["Conference Digital Library", menu, "Login Log Out Elections Gaza News Health & Science Business & Tech",
            "BREAKING NEWS Council approves the transport budget"]
    result = cleaner.clean("\n".join([*head, PARAGRAPH, PARAGRAPH_2, PARAGRAPH_3]))
    assert result.text.splitlines() == [PARAGRAPH, PARAGRAPH_2, PARAGRAPH_3]
    assert not ends_beyond_initialisms(menu)
    assert ends_beyond_initialisms("The firm said it would open forty new stores across the U.S.")
    assert ends_beyond_initialisms("Sales rose. More details are expected in the spring")


def test_a_programme_of_hours_ages_and_prices_stays_a_table():
    # hours without a colon, ages and prices are figures
    programme = ["Tue – Sat 4PM (Closed on Sun & Mon)", "Viewing age of 48 months and above",
                 "VIP : 60,000₩", "R : 50,000₩", "STAFF"]
    result = cleaner.clean("\n".join([PARAGRAPH, PARAGRAPH_2, *programme, PARAGRAPH_3]))
    assert result.text.splitlines() == [PARAGRAPH, PARAGRAPH_2, *programme, PARAGRAPH_3]


def test_boilerplate_removes_an_outlying_promo_but_not_the_article():
    article = [PARAGRAPH, PARAGRAPH_2, PARAGRAPH_3] * 1
    article += [f"{p} Officials repeated the council budget plan for buses and roads." for p in article]
    promo = ("Our photographers won three national prizes this year, and our cooking podcast topped "
             "the charts in twelve countries.")
    text = "\n".join([*article, "Crosswords", "Shop", "Jobs", "Travel deals", promo, "Weather", "Traffic"])
    result = cleaner.clean(text)
    assert [r.reason for r in result.removed if r.text == promo] == ["outlying_prose"]
    assert result.text.splitlines() == article


EXCERPT_CARDS = [
    "Choir sings with two rock legends at a festival",
    "The good folks at the choir are still doing their thing, and now they have included two rock "
    "legends to sing along with hundreds of strangers at a festival of music and democracy […]",
    "READ THE REST",
    "A graphic novel about talent and loyalty for young readers",
    "The author is several kinds of excellent comics person, from her debut novel to her award-winning "
    "fairy tale and the comic she adapted for middle-grade readers in […]",
    "READ THE REST",
    "A podcast on the families that rule a country",
    "The latest podcast from the network looks into the scandals and backroom deals of the great "
    "families, where wealth and political power have gathered into a few hands.",
    "READ THE REST",
    "How to build your own website this weekend",
    "Want to build your own website? Even for a modest personal site, you once had to wait for days "
    "for a developer, and the bill could easily be [...]",
]


def test_a_short_post_before_a_blogs_excerpts_of_other_posts_is_the_article():
    # the excerpts, ending in WordPress's "[…]", outweigh the post: they are still not the article
    post = ("A cartoonist got a spot on the news for his scathing critique of the narrative of the lazy, "
            "narcissistic young generation. Click through for the whole thing.")
    page = ["Hating the young - the prejudice you may boast about", post, "(via a friendly blog)",
            "Comics / demographics / economics", "Posted in Culture", "From the archive"]
    result = cleaner.clean("\n".join([*page, *EXCERPT_CARDS]))
    assert post in result.text.splitlines()
    assert not any(card in result.text for card in EXCERPT_CARDS[1::3])
    # when excerpts do not count as such, the cards stay: the longer cluster is taken for the article
    blind = Config(detector_options={"boilerplate": {"min_excerpts": len(EXCERPT_CARDS)}})
    assert EXCERPT_CARDS[1] in cleaner.clean("\n".join([*page, *EXCERPT_CARDS]), config=blind).text


TEASERS = ["Council to vote on new parking charges next month",
           "Why the river path will stay closed until spring",
           "Ferry timetable changes: what you need to know",
           "School meals price rise blocked?"]
SHORT_PARAGRAPH = "The vote is expected to pass."


def test_boilerplate_removes_the_headlines_under_a_related_heading_and_keeps_the_article():
    text = "\n".join([PARAGRAPH, "More from Politics", *TEASERS, SHORT_PARAGRAPH, PARAGRAPH_2, PARAGRAPH_3])
    result = cleaner.clean(text)
    by_text = {r.text: (r.rule, r.reason) for r in result.removed}
    assert by_text["More from Politics"] == ("related-header-line", "")
    assert all(by_text[t] == ("boilerplate", "teaser_list") for t in TEASERS)
    assert result.text.splitlines() == [PARAGRAPH, SHORT_PARAGRAPH, PARAGRAPH_2, PARAGRAPH_3]


@pytest.mark.parametrize("heading", ["Você pode gostar...", "Leia também", "Читайте также:", "Ti potrebbe interessare"])
def test_a_you_may_like_heading_in_other_languages_takes_its_teasers_along(heading):
    text = "\n".join([PARAGRAPH, PARAGRAPH_2, heading, *TEASERS, SHORT_PARAGRAPH, PARAGRAPH_3])
    result = cleaner.clean(text)
    by_text = {r.text: (r.rule, r.reason) for r in result.removed}
    assert by_text[heading][0] in ("related-header-line", "read-more-line")
    assert all(by_text[t] == ("boilerplate", "teaser_list") for t in TEASERS)
    assert result.text.splitlines() == [PARAGRAPH, PARAGRAPH_2, SHORT_PARAGRAPH, PARAGRAPH_3]


def test_a_blog_archive_widget_goes_and_prose_about_archives_stays():
    archive = ["Blog Archive", "► November 2019 (113)", "Outubro (217)", "septiembre de 2019 (15)", "▼ 2018 (245)"]
    prose = "The archives were opened to researchers in November 2019 (113 boxes in all)."
    result = cleaner.clean("\n".join([PARAGRAPH, prose, PARAGRAPH_2, PARAGRAPH_3, *archive]))
    rules = {r.text: r.rule for r in result.removed}
    assert all(rules.get(line) in ("blog-archive-line", "widgets") for line in archive), rules
    assert result.text.splitlines() == [PARAGRAPH, prose, PARAGRAPH_2, PARAGRAPH_3]


def test_a_numbered_most_read_box_above_the_article_goes():
    # Sidebar text before the body: a "most read" heading and numbered headlines (a run of
    # lines with digits, which would otherwise be kept as a table).
    numbered = [f"{headline} {n}" for n, headline in enumerate(TEASERS, start=2)]
    text = "\n".join(["Most Popular Today", "1", *numbered, PARAGRAPH, PARAGRAPH_2, PARAGRAPH_3])
    result = cleaner.clean(text)
    by_text = {r.text: (r.rule, r.reason) for r in result.removed}
    assert by_text["Most Popular Today"] == ("most-read-header-line", "")
    assert all(by_text[t] == ("boilerplate", "teaser_list") for t in numbered)
    assert result.text.splitlines() == [PARAGRAPH, PARAGRAPH_2, PARAGRAPH_3]


@pytest.mark.parametrize("text, expected, following", [
    ("1 This zip code ranks as the most expensive in the country 2", None, 3),
    ("Witness cheered for correcting two congressmen 3", 3, 4),
    ("For years, people pinned dollar bills to the ceiling. Why they took them down 4 A guide 5 Fares", 4, 6),
    ("11 Burks scores 29 as Warriors end skid", 11, 12),
    ("The council approved the budget on Monday.", 4, None),
    ("Fares rise by $5 from 2:15 today", 5, None),  # "$5" and "2:15" are no list numbers
    ("The 5 routes will close", 5, None),  # a number in a sentence
    ("The council met in 2019. 5 People were hurt in the floods that year.", 5, None),
])
def test_numbering_of_a_list(text, expected, following):
    from cleaner.detectors.boilerplate import numbering

    assert numbering(text, expected) == following


def test_a_numbered_list_glued_into_long_lines_goes_whole_after_its_heading():
    # "Most Popular" glued after the last paragraph, its numbered headlines run together
    lines = [f"{PARAGRAPH_3} Most Popular 1 {TEASERS[0]} 2", f"{TEASERS[1]} 3",
             f"For years, people pinned dollar bills to the ceiling of a bar. Why they took them down 4 {TEASERS[2]} 5",
             f"6 {TEASERS[3]}", f"7 {TEASERS[0]} 8 {TEASERS[1]} 9"]
    result = cleaner.clean("\n".join([PARAGRAPH, PARAGRAPH_2, *lines]))
    assert result.text.splitlines() == [PARAGRAPH, PARAGRAPH_2, PARAGRAPH_3]
    # between paragraphs, the numbering ends the list: the paragraph after it stays
    result = cleaner.clean("\n".join([PARAGRAPH, "Most Popular", f"1 {TEASERS[0]} 2", f"{TEASERS[1]} 3",
                                       f"Why they took them down 4 {TEASERS[2]} 5", PARAGRAPH_2, PARAGRAPH_3]))
    assert result.text.splitlines() == [PARAGRAPH, PARAGRAPH_2, PARAGRAPH_3]


def test_boilerplate_removes_teasers_with_blurbs_but_not_the_paragraph_after_them():
    blurbs = ["The plan would double the price of a day ticket in the centre.",
              "Engineers found more damage than expected after the floods.",
              "Three routes will run less often in the winter."]
    teasers = [*(x for pair in zip(TEASERS, blurbs, strict=False) for x in pair), TEASERS[3]]
    text = "\n".join([PARAGRAPH, PARAGRAPH_2, "Weitere Artikel", *teasers, SHORT_PARAGRAPH, PARAGRAPH_3])
    result = cleaner.clean(text)
    assert [r.reason for r in result.removed if r.text in teasers] == ["teaser_list"] * len(teasers)
    assert result.text.splitlines() == [PARAGRAPH, PARAGRAPH_2, SHORT_PARAGRAPH, PARAGRAPH_3]


def test_boilerplate_keeps_a_list_under_an_article_subheading_and_a_single_link_after_a_heading():
    findings = ["Bus fares rise by 5 percent", "Two new routes to the airport", "Night buses every 30 minutes"]
    text = "\n".join([PARAGRAPH, "Key points of the plan", *findings, PARAGRAPH_2,
                      "Related: Ferry timetable changes", TEASERS[0], PARAGRAPH_3])
    result = cleaner.clean(text)
    for line in ["Key points of the plan", *findings, TEASERS[0], PARAGRAPH_3]:
        assert line in result.text.splitlines()
    assert not any(r.reason == "teaser_list" for r in result.removed)


def test_a_teaser_the_site_cut_short_goes_alone_under_its_heading():
    # a "Read next" box with one story, its headline cut mid-word; a paragraph ending in a
    # quote that trails off, and a short line ending in an ellipsis in the article, stay
    trailing = 'Asked whether the buses would run on time, the mayor only said: "We will see..."'
    teaser = "Pensioner stranded for hours after night bus skips rural sto..."
    text = "\n".join([PARAGRAPH, trailing, PARAGRAPH_2, "And then the lights went out...", PARAGRAPH_3,
                      "Read Next", teaser])
    result = cleaner.clean(text)
    assert [(r.rule, r.reason) for r in result.removed if r.text == teaser] == [("boilerplate", "teaser_list")]
    assert result.text.splitlines() == [PARAGRAPH, trailing, PARAGRAPH_2, "And then the lights went out...", PARAGRAPH_3]


def test_a_teasers_blurb_cut_after_a_comma_goes_and_the_article_below_stays():
    # "See also" and a teaser's blurb cut after a comma (its headline was an image link),
    # between the lead and the rest of the article
    dek = "Two ferries were cancelled on Monday after engineers found cracks in the hull,..."
    text = "\n".join([PARAGRAPH, "See also", dek, PARAGRAPH_2, PARAGRAPH_3])
    result = cleaner.clean(text)
    assert dek not in result.text
    assert result.text.splitlines()[-2:] == [PARAGRAPH_2, PARAGRAPH_3]
    # a headline printed whole under the same heading is one link, as Reuters' "Related Coverage"
    # prints one story between paragraphs: it goes too (a short subheading would stay: see
    # test_an_articles_subheading_under_a_stray_heading_stays)
    result = cleaner.clean("\n".join([PARAGRAPH, PARAGRAPH_2, "Read Next", TEASERS[0], PARAGRAPH_3]))
    assert result.text.splitlines() == [PARAGRAPH, PARAGRAPH_2, PARAGRAPH_3]


def test_boilerplate_keeps_a_closing_lead_in_and_an_embedded_posts_signature():
    lead_in = "Residents on social media were not convinced by the plan:"
    post = "Buses every ten minutes? I will believe it when I see it."
    signature = "— Jane Roe (@janeroe_bus) November 18, 2019"
    text = "\n".join([PARAGRAPH, PARAGRAPH_2, PARAGRAPH_3, lead_in, post, signature,
                      "Jane Doe may be reached at jdoe@example.com. Follow her on Twitter @janedoe."])
    result = cleaner.clean(text)
    assert result.text.splitlines() == [PARAGRAPH, PARAGRAPH_2, PARAGRAPH_3, lead_in, post, signature]
    assert [r.rule for r in result.removed] == ["author-contact-line"]


def test_a_standfirst_printed_again_in_the_body_goes_from_the_head():
    standfirst = "The veteran manager had been out of work since leaving his last club in December."
    text = "\n".join([standfirst, "By Jane Doe", PARAGRAPH, PARAGRAPH_2, standfirst, PARAGRAPH_3])
    result = cleaner.clean(text)
    removed = [(r.text, r.rule, r.reason) for r in result.removed if r.kind == "duplicate"]
    assert removed == [(standfirst, "duplicates", "repeated_in_head")]
    assert result.text.splitlines() == [PARAGRAPH, PARAGRAPH_2, standfirst, PARAGRAPH_3]


def test_a_teaser_printed_twice_around_the_byline_keeps_its_later_copy():
    # a page prints its dek under the headline and again as the body's first paragraph: one copy
    # is the article's text (a newsletter's "This is today's edition of ...", a news site's lead)
    teaser = "The singer is feuding with a private equity firm over her old recordings, of all things."
    text = "\n".join([teaser, "Author:", "Jane Doe", teaser, PARAGRAPH, PARAGRAPH_2])
    result = cleaner.clean(text)
    reasons = [r.reason for r in result.removed if r.text == teaser]
    assert reasons == ["repeated_in_head"]
    assert result.text.splitlines() == [teaser, PARAGRAPH, PARAGRAPH_2]


def test_a_caption_printed_three_times_keeps_its_first_copy_rule():
    # Three or more copies are a caption, not a standfirst: the later copies go, as before.
    caption = "The former governor speaks with a business owner during a campaign stop on Tuesday."
    text = "\n".join([caption, caption, PARAGRAPH, PARAGRAPH_2, caption, PARAGRAPH_3])
    result = cleaner.clean(text)
    assert [r.reason for r in result.removed if r.text == caption] == ["exact_repeat", "exact_repeat"]


def test_lines_of_zero_width_spaces_do_not_make_a_link_list():
    # Three short lines of the article with zero-width spacer lines between them: the spacers
    # go (widgets) but are blank lines, not items of a menu, so the short lines stay.
    short = ["2018 Theatre Tradition Series", "<The Palace>", "Opening night at the park"]
    lines = [PARAGRAPH, short[0], "\u200b", short[1], "\u200b", short[2], "\u200b", PARAGRAPH_2, PARAGRAPH_3]
    result = cleaner.clean("\n".join(lines))
    assert {r.rule for r in result.removed} == {"widgets"}
    assert result.text.splitlines() == [PARAGRAPH, *short, PARAGRAPH_2, PARAGRAPH_3]


def test_rows_of_a_table_that_end_alike_are_not_near_copies():
    rows = ["31 Joey Gase 130 0 0 0 0", "32 Reed Sorenson 118 0 0 0 0", "33 Quin Houff 77 0 0 0 0",
            "34 Jamie McMurray 19 0 0 0 0"]
    result = cleaner.clean("\n".join([PARAGRAPH, *rows, PARAGRAPH_2, PARAGRAPH_3]))
    assert not [r for r in result.removed if r.rule == "duplicates"]
    assert result.text.splitlines() == [PARAGRAPH, *rows, PARAGRAPH_2, PARAGRAPH_3]


def test_a_caption_printed_again_with_a_word_changed_is_a_near_repeat():
    caption = ("Rescue workers search through the rubble of a collapsed building after a powerful earthquake "
               "struck the coastal city early on Tuesday morning, killing at least twelve people, officials said")
    again = caption.replace("twelve", "thirteen")
    result = cleaner.clean("\n".join([PARAGRAPH, caption, PARAGRAPH_2, again, PARAGRAPH_3]))
    assert [(r.text, r.reason) for r in result.removed if r.kind == "duplicate"] == [(again, "near_repeat")]
    # two points of a list that share most words but say different things are no copies
    points = ["The council will spend two million pounds on roads in the north of the county next year",
              "The council will spend three million pounds on schools in the south of the county next year"]
    kept = cleaner.clean("\n".join([PARAGRAPH, *points, PARAGRAPH_2, PARAGRAPH_3]))
    assert not [r for r in kept.removed if r.kind == "duplicate"]



def test_near_copies_are_sought_among_the_first_blocks_that_share_an_anchor():
    # Every caption ends alike ("..., according to officials"): a later near copy is compared with the
    # first max_anchor_blocks of them only, which bounds the work on long documents.
    from cleaner.detectors.duplicates import DuplicateDetector
    from cleaner.document import Block, Document
    from cleaner.layout import Layout

    captions = ["Rescue workers search the rubble of a collapsed school after the earthquake struck the "
                "coastal city early on Tuesday morning, according to officials",
                "Families wait outside the main hospital for news of relatives injured when the old bridge "
                "collapsed during the storm on Monday night, according to officials",
                "Soldiers hand out bottled water and blankets to residents of the flooded northern district "
                "near the river after heavy rain on Sunday, according to officials"]
    early_copy = captions[0].replace("Rescue", "Emergency")  # a new first word: only the ending is shared
    late_copy = captions[2].replace("Soldiers", "Troops")
    texts = [*captions, early_copy, late_copy]
    blocks, start = [], 0
    for text in texts:
        blocks.append(Block(text, start, start + len(text)))
        start += len(text) + 1
    doc = Document("\n".join(texts), blocks)
    layout = Layout.of(blocks, min_words=12, head_blocks=0, tail_blocks=0)
    found = [(f.index, f.reason) for f in DuplicateDetector(max_anchor_blocks=2).find(doc, layout)]
    assert found == [(3, "near_repeat")]  # the copy of the third caption is not compared any more
    found = [(f.index, f.reason) for f in DuplicateDetector().find(doc, layout)]
    assert found == [(3, "near_repeat"), (4, "near_repeat")]

CARD_HEADLINES = ["Ferry timetable changes: what you need to know", "Why the river path will stay closed until spring",
                  "Council to vote on new parking charges next month", "School meals price rise blocked by councillors"]
CARD_BLURBS = ["Three routes will run less often in the winter, the operator says",
               "Engineers found more damage than expected after the floods",
               "The plan would double the price of a day ticket in the centre",
               "Parents had warned that families could not afford the increase"]
# an article of more than 150 words, and a paragraph of the site's footer after the cards (so
# that the cards are no tail run for the boilerplate detector)
LONG_ARTICLE = [PARAGRAPH, PARAGRAPH_2, PARAGRAPH_3,
                "The budget also sets aside money for new cycle lanes along the river and for repairs "
                "to the old tram depot, which has stood empty for more than a decade.",
                "Business groups welcomed the decision but warned that the works would disrupt trade "
                "in the city centre for much of next year unless they were carefully planned.",
                "The council will publish a detailed timetable for the works in January, after talks "
                "with the bus operators, the police and the groups that represent disabled passengers."]
FOOTER = ("The Harbour Gazette has covered the city and its people since 1882, and is published by "
          "Harbour Media Group from its offices on Quay Street.")


def cards_of(*fields: list[str]) -> list[str]:
    """The lines of teaser cards, one card per index of the field lists."""
    return [line for card in zip(*fields, strict=True) for line in card]


def test_teaser_cards_with_an_author_and_a_section_label_go():
    # blurbs that are sentences: no link list, which the boilerplate detector would take first
    cards = cards_of(CARD_HEADLINES, [b + "." for b in CARD_BLURBS], ["Jane Roe"] * 4, ["LOCAL NEWS"] * 4)
    result = cleaner.clean("\n".join([*LONG_ARTICLE, *cards, FOOTER]))
    assert result.text.splitlines()[:len(LONG_ARTICLE)] == LONG_ARTICLE
    assert [r.text for r in result.removed if r.reason == "teaser_cards"] == cards


def test_teaser_cards_with_a_date_and_a_label_before_the_blurb_go():
    dates = ["12 November 2019", "8 October 2019", "1 November 2019", "14 November 2019"]
    cards = cards_of(CARD_HEADLINES, dates, ["Fact Check"] * 4, [b + "." for b in CARD_BLURBS])
    result = cleaner.clean("\n".join([*LONG_ARTICLE, *cards, FOOTER]))
    assert result.text.splitlines()[:len(LONG_ARTICLE)] == LONG_ARTICLE
    assert not any(line in result.text.splitlines() for line in cards)
    assert "teaser_cards" in {r.reason for r in result.removed}


def test_repeated_labels_inside_the_article_or_with_long_paragraphs_are_no_cards():
    from cleaner.detectors.teaser_cards import TeaserCardDetector
    from cleaner.document import Document
    from cleaner.segment import segment

    detector = TeaserCardDetector()

    def found(lines: list[str]) -> list[str]:
        text = "\n".join(lines)
        doc = Document(text, segment(text))
        return [doc.blocks[f.index].text for f in detector.find(doc, None)]

    labels = ["Jane Roe"] * 4, ["LOCAL NEWS"] * 4
    cards = cards_of(CARD_HEADLINES, *labels)
    assert found([*LONG_ARTICLE, *cards, FOOTER]) == cards
    assert found([*LONG_ARTICLE, *cards[:6], FOOTER]) == []  # two cards are no grid
    assert found([*cards, *LONG_ARTICLE, FOOTER]) == []  # before the article's prose
    paragraphs = [f"{a} {b}" for a, b in ((PARAGRAPH, PARAGRAPH_2), (PARAGRAPH_2, PARAGRAPH_3), (PARAGRAPH_3, PARAGRAPH))]
    sections = cards_of(CARD_HEADLINES[:3], ["Key points"] * 3, paragraphs)
    assert found([*LONG_ARTICLE, *sections, FOOTER]) == []  # paragraphs under repeated subheadings
    products = ["Harbour Air 13 laptop", "Quayside Pro 15 laptop", "Tidewater Book 14 laptop"]
    verdicts = ["Light and fast. The battery lasts a full working day.", "Bright screen. The keyboard is cramped.",
                "Cheap and sturdy. The speakers are weak."]
    review = cards_of(products, ["Our verdict"] * 3, verdicts)
    assert found([*LONG_ARTICLE, *review, FOOTER]) == []  # a review's sections: more than a blurb each


def test_a_block_printed_twice_in_one_line_goes_and_prose_with_a_repeated_phrase_stays():
    doubled = "The best Black Friday TV deals of 2019 The best Black Friday TV deals of 2019"
    repeated = ("Officials said the plan would work, and the mayor said the plan would work, "
                "but residents were not convinced.")
    result = cleaner.clean("\n".join([PARAGRAPH, doubled, PARAGRAPH_2, repeated, PARAGRAPH_3]))
    assert [(r.rule, r.reason) for r in result.removed] == [("duplicates", "doubled_in_line")]
    assert result.text.splitlines() == [PARAGRAPH, PARAGRAPH_2, repeated, PARAGRAPH_3]


def test_a_story_linked_inside_the_body_goes_with_its_label_and_a_headline_above_the_body_stays():
    teaser = ["Business", "Harbour ferry operator renames itself as its dispute with the council continues",
              "Business", "Harbour ferry operator renames itself as its dispute with the council continues"]
    result = cleaner.clean("\n".join([*LONG_ARTICLE[:3], *teaser, *LONG_ARTICLE[3:]]))
    assert result.text.splitlines() == LONG_ARTICLE
    assert {r.reason for r in result.removed} == {"embedded_teaser", "exact_repeat"}
    headline = "Council approves the harbour budget after a long debate"
    result = cleaner.clean("\n".join([headline, headline, PARAGRAPH, PARAGRAPH_2, PARAGRAPH_3]))
    assert result.title == headline
    assert not any(r.reason == "embedded_teaser" for r in result.removed)


GLUED_PARAGRAPH = ("The mayor said the bridge would stay closed until the engineers had checked every cable, "
                   "and that the ferry would run every half hour in the meantime, free of charge for residents.")


@pytest.mark.parametrize("caption, reason", [
    ("Workers inspect the cables of the bridge on Monday. (AP Photo/Jane Doe)", "trailing_credit"),
    ("Workers inspect the cables of the bridge on Monday. Photograph: Jane Doe/Getty Images", "getty_credit"),
    ("Arbeiter prüfen die Seile der Brücke am Montag. Foto: Max Muster", "credit_label"),
])
def test_a_caption_glued_after_a_paragraph_goes_alone(caption, reason):
    # a scraper ran the paragraph and the caption under it into one line: only the caption goes
    result = cleaner.clean("\n".join([PARAGRAPH, f"{GLUED_PARAGRAPH} {caption}", PARAGRAPH_2]))
    assert result.text.splitlines() == [PARAGRAPH, GLUED_PARAGRAPH, PARAGRAPH_2]
    assert [(r.reason, r.text) for r in result.removed] == [(reason, caption)]


def test_a_long_line_ending_in_a_glued_caption_loses_the_caption_only():
    # over the longest caption (80 words), the line is still searched for a caption at its end
    long_line = f"{GLUED_PARAGRAPH} {PARAGRAPH_3} {GLUED_PARAGRAPH}"
    caption = "Workers inspect the cables of the bridge on Monday. (Reed Saxon / Associated Press)"
    result = cleaner.clean("\n".join([PARAGRAPH, f"{long_line} {caption}", PARAGRAPH_2]))
    assert result.text.splitlines() == [PARAGRAPH, long_line, PARAGRAPH_2]


def test_a_caption_of_several_sentences_goes_whole():
    # what comes before the caption's last sentence is short: the caption's own first sentences
    caption = ("Workers inspect the cables of the bridge. The bridge has been closed since the storm. "
               "(AP Photo/Jane Doe)")
    assert CaptionDetector().caption_at_end(caption) is None
    result = cleaner.clean("\n".join([PARAGRAPH, caption, PARAGRAPH_2]))
    assert result.text.splitlines() == [PARAGRAPH, PARAGRAPH_2]
    # a credit in brackets is no sentence of the caption: the caption starts before it
    glued = f"{GLUED_PARAGRAPH} Workers inspect the cables. (Image credit: City of Springfield)"
    assert glued[CaptionDetector().caption_at_end(glued)[0]:] == "Workers inspect the cables. (Image credit: City of Springfield)"


GALLERY = [
    "Police officers adjust a barricade along the route of the parade on Thursday, November 28, in New York.",
    "Passengers wait for a bus to arrive during a light rain on Wednesday, November 27, in New York. "
    "A wall of storms threatened travel plans.",
    "Travelers wait in security lines at Reagan National Airport on November 26.",
    "A pedestrian walks through snow showers in Pittsburgh on November 26.",
]
STORY = [
    "The storm brought heavy snow to the mountains of Colorado and New Mexico over the weekend, and "
    "forecasters expect it to reach the East Coast before the holiday.",
    "Airlines said they were watching the forecast closely and would waive change fees for travellers "
    "booked through the worst-hit airports.",
]


def test_a_run_of_gallery_captions_goes():
    from cleaner.detectors.captions import GalleryCaptionDetector

    result = cleaner.clean("\n".join([*GALLERY, *STORY]))
    assert result.text.splitlines() == STORY
    assert [r.reason for r in result.removed if r.rule == GalleryCaptionDetector.name] == ["gallery"] * len(GALLERY)


@pytest.mark.parametrize("lines", [
    GALLERY[:2],  # two captions are no gallery
    # a chronology of the story, told in the past
    ["The company filed for bankruptcy protection on May 3, 2019.",
     "Its chief executive resigned on May 10, 2019, in New York.",
     "A judge approved the sale of its stores on June 2, 2019."],
    # quoted or reported, it is the story's
    ["Officials say the bridge reopens to traffic on November 26.",
     "\u201cWe will be ready on December 1,\u201d the mayor promises on Monday, November 25.",
     "The council tells residents to expect delays on November 27."],
])
def test_dated_lines_that_are_no_gallery_stay(lines):
    assert cleaner.clean("\n".join([*lines, *STORY])).text.splitlines() == [*lines, *STORY]


@pytest.mark.parametrize("header, items", [
    ("Most read", ["1 Floods cover most of Venice", "2 Nurse admits killing a hundred patients",
                   "3 Refugees expected to return next month"]),
    ("အဖတ်အများဆုံး", ["1 အီတလီက ဗင်းနစ်မြို့ရဲ့ နေရာတော်တော်များများမှာ ရေမြုပ်",
                       "2 ဦးအောင်ဆန်းဦးက အမှတ် ၅၄ ခြံကို လေလံပစ်ပြီး",
                       "3 လူနာ အယောက် ၁ဝဝ ကို သတ်ခဲ့ကြောင်း ဂျာမန်သူနာပြု ဝန်ခံ"]),
])
def test_a_numbered_most_read_box_ends_with_its_numbers(header, items):
    prose = ["The council approved the new budget on Monday after a long debate about roads and schools.",
             "Critics said the plan relies on optimistic forecasts of revenue from the new tax on sales."]
    menu = ["Home", "News", "Sport", "Business", "Culture", "Travel", "Weather", "Video", "Audio", "Opinion",
            "Science", "Health", "Technology", "Politics", "World", "Europe", "Asia", "Africa", "Markets",
            "Property", "Motoring", "Puzzles"]  # a long menu right after the box
    result = cleaner.clean("\n".join([prose[0], header, *items, *menu, prose[1]]))
    lines = result.text.splitlines()
    assert lines[0] == prose[0] and lines[-1] == prose[1] and not set(items) & set(lines)
    reasons = {r.text: r.reason for r in result.removed}
    assert [reasons[item] for item in items] == ["teaser_list"] * len(items)


def test_an_article_in_a_language_without_a_stoplist_stays_under_a_menu_in_english():
    # the menu's English stopwords must not make the stoplist judge the Thai paragraphs
    menu = ["Skip to the main content", "About us and the team", "Write for us", "Support us",
            "Terms of use and privacy", "Join us on the weekend", "News in English"]
    paragraphs = [
        "เป็นนักเคลื่อนไหวทางการเมือง และเป็นผู้ลี้ภัยจากเหตุการณ์รัฐประหาร 2557 "
        "ไปยังประเทศเพื่อนบ้านได้หายออกจากที่พักในประเทศเพื่อนบ้านโดยที่ไม่มีใครสามารถติดต่อได้",
        "เมื่อวันที่ 21 ม.ค. เวลาประมาณ 12.00 น. ผู้สื่อข่าวได้รับแจ้งจากญาติของผู้ลี้ภัยว่า "
        "ได้รับการยืนยันผลการตรวจดีเอ็นเอจากเจ้าหน้าที่ตำรวจ ว่าศพที่ลอยมาติดริมแม่น้ำโขงเป็นคนสนิทของ อ.สุรชัย",
        "ภรรยาของนักเคลื่อนไหวกล่าวว่า ได้ทราบข่าวจากสื่อมวลชนเมื่อเวลา 16.00 น. และยังไม่เชื่อว่าสามีของตนเสียชีวิตแล้ว "
        "จนกว่าจะได้รับการยืนยันจากเจ้าหน้าที่อย่างเป็นทางการ",
    ]
    result = cleaner.clean("\n".join(menu + paragraphs + ["Contact us", "Follow us on the web"]))
    assert result.text.splitlines() == paragraphs


def test_a_table_between_the_lead_and_the_body_does_not_set_the_lead_apart():
    lead = ("Our testers examined eighteen child seats for safety, handling, ergonomics and pollutants, "
            "and this page gathers every result together with useful buying tips.")
    table = ["The results", "Model | Price | Grade", "Britax Baby-Safe 2 | 370 € | 1.7", "Joie i-Level | 300 € | 1.7", "Maxi-Cosi Cabriofix | 140 € | 2.1",
             "Hauck Comfort Fix | 120 € | 2.4", "Osann Fox | 189 € | 5.5"]
    body = [
        "Four models were rated poor because the laboratory found flame retardants in their covers at levels "
        "well above the limits that the club considers acceptable for products that touch the skin of infants.",
        "The manufacturer of the cheapest model said it would change the fabric supplier and offer a free "
        "replacement cover to every customer who bought the seat during the last twelve months.",
        "In the frontal crash the dummy's head moved further forward than in any model of the previous year, "
        "which engineers traced to a loose harness guide on the left side of the shell.",
        "Parents who already own one of the failed seats do not need to stop using it at once, according to "
        "the engineers, but they should contact the retailer about the recall in the coming weeks.",
        "The next round will cover booster cushions for older children, which many families still use "
        "although the club has advised against them since the rules were changed in the spring.",
    ]
    result = cleaner.clean("\n".join(["Home", "Tests", "Cars", lead, *table, *body]))
    assert lead in result.text.splitlines()
    assert all(paragraph in result.text for paragraph in body)


def test_a_pagers_numbers_are_no_table_when_clusters_are_measured():
    from cleaner.detectors.boilerplate import BoilerplateDetector
    from cleaner.document import Block

    detector = BoilerplateDetector()
    pager = [Block(str(n), 0, len(str(n))) for n in range(1, 8)]
    cells = [Block(text, 0, len(text)) for text in ("12", "7", "31", "4", "19")]
    assert detector.data_runs(pager, list(range(7)), pagers=False) == set()
    assert detector.data_runs(pager, list(range(7))) == set(range(7))  # a column of numbers stays
    assert detector.data_runs(cells, list(range(5)), pagers=False) == set(range(5))


def test_a_related_box_with_one_story_between_paragraphs_goes():
    box = ["Related Coverage", "Factbox: Key winners at the 2020 Screen Actors Guild Awards"]
    result = cleaner.clean("\n".join([PARAGRAPH, *box, PARAGRAPH_2, PARAGRAPH_3]))
    assert result.text.splitlines() == [PARAGRAPH, PARAGRAPH_2, PARAGRAPH_3]
    assert {r.text: r.reason for r in result.removed}[box[1]] == "teaser_list"


def test_a_lone_headline_under_a_related_heading_above_the_article_stays():
    # "Latest News" heads the blog's page; the line under it is the article's own headline
    headline = "The Beauty of Korea Revealed at the Welcome Daehak-ro Festival"
    result = cleaner.clean("\n".join(["Blog", "Latest News", headline, PARAGRAPH, PARAGRAPH_2]))
    assert not any(r.text == headline and r.reason == "teaser_list" for r in result.removed)


POEM = ["Time", "is divided", "into two rivers:", "the first", "flows backward, devouring", "life already lived;",
        "the other", "moves forward with you", "exposing", "your life.", "Time is joy."]


def test_a_poem_quoted_at_the_end_of_an_article_stays():
    lead_in = ("The poet answered the question in a short poem that he wrote for a friend in the last years "
               "of his life, and it is worth reading slowly:")
    result = cleaner.clean("\n".join([PARAGRAPH, PARAGRAPH_2, lead_in, *POEM, "Share this:", "Twitter", "Facebook"]))
    assert result.text.splitlines() == [PARAGRAPH, PARAGRAPH_2, lead_in, *POEM]


def test_a_sidebar_of_links_and_one_broken_sentence_is_no_poem():
    sidebar = ["Menu and widgets", "My home page", "My papers", "My software",
               "You can subscribe to this blog by email.", "Where to find me?", "You can also find me on",
               "Twitter as @someone,", "on GitHub,", "and on LinkedIn."]
    result = cleaner.clean("\n".join([PARAGRAPH, PARAGRAPH_2, PARAGRAPH_3, *sidebar]))
    assert result.text.splitlines() == [PARAGRAPH, PARAGRAPH_2, PARAGRAPH_3]


@pytest.mark.parametrize("heading, line", [
    ("Most Read", "Apple’s latest 12.9-inch iPad Pro drops to $799"),  # a "most read" box lists several
    ("Related Coverage", "The al-Tanf base"),  # an article's subheading is short
    ("Related Coverage", "3. Get support for the scary stuff to strengthen your mindset"),  # the article's list
])
def test_an_articles_subheading_under_a_stray_heading_stays(heading, line):
    result = cleaner.clean("\n".join([PARAGRAPH, heading, line, PARAGRAPH_2, PARAGRAPH_3]))
    assert line in result.text.splitlines()


def test_a_paragraph_introducing_a_picture_stays_above_its_caption():
    lead_in = ("On a fresh installation of the browser, right-clicking an image while some text on the page "
               "is highlighted looks like so:")
    caption = "Freshly installed browser, right-clicking"
    result = cleaner.clean("\n".join(["Home", "Blog", "About", lead_in, caption, PARAGRAPH, PARAGRAPH_2]))
    assert result.text.splitlines()[0] == lead_in
    assert result.text.splitlines()[-2:] == [PARAGRAPH, PARAGRAPH_2]


def test_a_trust_label_glued_between_a_caption_and_a_paragraph_keeps_the_paragraph():
    glued = ("Image: Jose Mourinho has agreed a deal to become manager of Tottenham Hotspur Why you can "
             "trust Sky News " + PARAGRAPH)
    result = cleaner.clean("\n".join([glued, PARAGRAPH_2, PARAGRAPH_3]))
    assert PARAGRAPH in result.text and "Image: Jose Mourinho" not in result.text
    # alone on its line the label goes
    result = cleaner.clean("\n".join([PARAGRAPH, "Why you can trust Sky News", PARAGRAPH_2]))
    assert result.text.splitlines() == [PARAGRAPH, PARAGRAPH_2]


def test_a_quotations_source_under_it_stays():
    quote = ("Shock! Shock! I learned yesterday that an open problem I had been working on for several weeks "
             "had just been solved, and it is a joy to celebrate this advance in automatic deduction.")
    source = "— Donald Knuth, Claude's Cycles"
    result = cleaner.clean("\n".join([PARAGRAPH, quote, source, "Recent articles", "Share", "Subscribe"]))
    assert result.text.splitlines() == [PARAGRAPH, quote, source]


def test_in_prose_reads_a_file_hash_as_one_number_not_as_words():
    # the hex of a hash splits into twenty runs of letters; the token holds digits: a figure
    assert not in_prose("8a81ae6b6e9d57e5a8488ff0e1531fd86434ea93dd3bc6d2d5b03be96b5f90fe")
    assert in_prose("The malware, first seen in 2023, installs itself under three names on each phone.")


def test_figure_kind_counts_a_technical_identifier_alone_but_not_a_word_or_an_address():
    assert figure_kind("com.example.loader", 6) == "figure"
    assert figure_kind("loader.js", 6) == "figure"
    assert figure_kind("update-server[.]net", 6) == "figure"
    assert figure_kind("- com.example.loader", 6) == "figure"  # an item of a list extracted from HTML
    assert figure_kind("infos@krysegroupllc[.]online", 6) == "figure"  # a defanged sender address
    assert figure_kind("jscrambler@8.14.0", 6) == "figure"  # a package at its version
    assert figure_kind("Privacy Policy", 6) is None
    assert figure_kind("press@example.com", 6) is None


def test_a_security_reports_indicators_of_compromise_stay_after_its_last_paragraph():
    # hashes and package names under the report's heading are its data, not a footer's links
    hashes = ["8a81ae6b6e9d57e5a8488ff0e1531fd86434ea93dd3bc6d2d5b03be96b5f90fe",
              "3ddd867f47ab3b822690fdf56e2159ee5315b0990a4a5758f032373139fcb1a9",
              "0278ecf7616cdf0970a755027ea95ba6295f34e778d741c52c4fe9cae5c541b1",
              "9a34f00048c729359c006f3e486cc0f1ba373a5eb01ee6c62de4baef6ed4af8c"]
    packages = ["com.flashlight.helper", "health.karl.authority", "com.gem.holidays", "insta.pro.prints"]
    text = "\n".join([PARAGRAPH, PARAGRAPH_2, PARAGRAPH_3, "Indicators of Compromise", *packages,
                      "List of hashes:", *hashes, "Privacy Policy", "Terms of Use", "Contact", "Careers"])
    kept = cleaner.clean(text).text.splitlines()
    assert all(item in kept for item in packages + hashes)
    assert "Privacy Policy" not in kept and "Careers" not in kept


def test_a_reports_defanged_sender_addresses_between_paragraphs_stay():
    senders = ["infos@krysegroupllc[.]online", "P.POLITIS@BSCL[.]GLOBAL", "ALFRED.KOH@BOURBON-ONLINE[.]COM",
               "8139@shengan-light[.]com.tw", "SYLVIA.XIAO@MACGREGOR[.]COM"]
    kept = cleaner.clean("\n".join([PARAGRAPH, PARAGRAPH_2, *senders, PARAGRAPH_3])).text.splitlines()
    assert all(sender in kept for sender in senders)
    # a footer's contact addresses are no indicators
    contacts = ["press@example.com", "tips@example.com", "jobs@example.com", "ads@example.com", "help@example.com"]
    kept = cleaner.clean("\n".join([PARAGRAPH, PARAGRAPH_2, *contacts, PARAGRAPH_3])).text.splitlines()
    assert not any(contact in kept for contact in contacts)



def test_a_short_list_of_indicators_under_its_heading_ends_the_article():
    # a package at its version, a defanged domain: too few for a table, yet no footer
    # prints them; their heading after the last paragraph stays with them
    indicators = ["- jscrambler@8.14.0", "- update-server[.]net"]
    text = "\n".join([PARAGRAPH, PARAGRAPH_2, PARAGRAPH_3, "Indicators of Compromise", *indicators,
                      "Privacy Policy", "Terms of Use", "Contact", "Careers"])
    kept = cleaner.clean(text).text.splitlines()
    assert "Indicators of Compromise" in kept and all(item in kept for item in indicators)
    assert "Privacy Policy" not in kept and "Careers" not in kept
    # a footer's contact address after the last paragraph is no indicator
    kept = cleaner.clean("\n".join([PARAGRAPH, PARAGRAPH_2, PARAGRAPH_3, "Contact us", "press@example.com",
                                    "Privacy Policy", "Careers"])).text.splitlines()
    assert "press@example.com" not in kept and "Contact us" not in kept

LOADER_SECTION = [
    "Researchers traced the loader to a forum where its author sold access to criminal groups for a monthly fee paid in cryptocurrency.",
    "The same forum account later advertised an updated build that added a crude sandbox check and a second download server.",
    "Investigators linked the payments to wallets that had funded earlier campaigns against hospitals across Europe and Asia.",
    "Several of those campaigns relied on stolen invoices sent to accounting staff, who opened the attachments during busy weeks.",
    "The hospitals restored their systems from backups, but patient appointments were delayed for days in at least two cities.",
    "Regulators asked the affected hospitals to report the incidents and to describe what their backups had allowed them to recover.",
    "The loader itself arrives as a signed installer for a video conferencing tool that employees are told to update urgently.",
    "Once installed, it waits for several hours before contacting its servers, a delay that defeats many automated analysis systems.",
    "The first request carries a fingerprint of the victim's machine, which the operators use to decide whether to continue the attack.",
    "Machines that look like research environments receive a harmless file, while real targets receive the full second stage.",
    "That second stage steals browser passwords and session cookies before it installs a remote access tool for the operators.",
    "The operators then move through the network for weeks, collecting documents before they finally deploy their ransomware.",
]
BEACON_SECTION = [
    "The heartbeat sends telemetry as JSON: processor model, memory, username, privilege level and installed antivirus products.",
    "Commands arrive hashed with djb2, and a switch statement maps each hash to an action.",
]
CLOSING_SECTION = [
    "Defenders should block the listed servers at the firewall and hunt for the scheduled task the loader creates on first run.",
    "Security teams that find the task should isolate the machine, collect its memory and rotate every credential used on it.",
    "The researchers shared their findings with the hosting providers, which took the download servers offline within a week.",
    "They expect the group to return with a new loader soon, as it did twice last year after similar takedowns of its servers.",
]


def test_a_short_technical_section_between_two_large_parts_of_a_report_stays():
    # code blocks around a section split the report into clusters; the section between two
    # large ones shares few words with them, as a technical article's sections do, and stays
    code = ["Import-Module BitsTransfer", "Start-BitsTransfer -Source $url", "Invoke-Expression $payload",
            "Remove-Item $script", "exit"]
    listing = ["VirtualAlloc", "VirtualProtect", "VirtualFree", "LoadLibraryA", "GetProcAddress"]
    text = "\n".join([*LOADER_SECTION, *code, *BEACON_SECTION, *listing, *CLOSING_SECTION])
    kept = cleaner.clean(text).text.splitlines()
    assert all(line in kept for line in BEACON_SECTION)
    # a one-line teaser in the same place is still set apart
    teaser = "Watch: the best travel destinations for a winter break in the sun, picked by our readers"
    text = "\n".join([*LOADER_SECTION, *code, teaser, *listing, *CLOSING_SECTION])
    assert teaser not in cleaner.clean(text).text.splitlines()


def test_a_teaser_list_under_a_seven_word_heading_goes():
    # Reuters prints "Next In Middle East & North Africa" over headlines with one-sentence blurbs
    teasers = ["Kurdish party denounces deal for 'de-escalation zones'",
               "BEIRUT The party rejects a proposal to create de-escalation zones, a spokesman said on Friday.",
               "Troops exchange fire on border, several killed",
               "QUETTA Troops exchanged fire for several hours on Friday along the border, officials said.",
               "Smugglers kill man for baseball hat, rescued migrants say"]
    text = "\n".join([PARAGRAPH, PARAGRAPH_2, PARAGRAPH_3, "Next In Middle East & North Africa", *teasers])
    result = cleaner.clean(text)
    assert result.text.splitlines() == [PARAGRAPH, PARAGRAPH_2, PARAGRAPH_3]
    assert {r.reason for r in result.removed if r.text in teasers} == {"teaser_list"}


def test_a_table_of_contents_goes_and_the_headings_it_lists_stay():
    # the contents list comes first, so the headings were the later copies: both copies went
    headings = ["Infection chain overview", "Detection by our scanners", "What defenders should do"]
    closing = ("Security teams were told to update their filters and to report any message that asks staff "
               "to open an attachment from an unknown sender.")
    text = "\n".join(["Table of Contents", *headings, PARAGRAPH, headings[0], PARAGRAPH_2, headings[1],
                      PARAGRAPH_3, headings[2], closing])
    result = cleaner.clean(text)
    kept = result.text.splitlines()
    assert kept.count(headings[0]) == kept.count(headings[1]) == kept.count(headings[2]) == 1
    assert kept.index(headings[0]) == kept.index(PARAGRAPH) + 1
    assert [r.reason for r in result.removed if r.text in headings] == ["contents_entry"] * 3


def test_one_repeated_heading_is_no_table_of_contents():
    # a single short line printed twice proves nothing: the later copy goes as before
    label = "Infection chain overview"
    text = "\n".join([label, "Share this story", PARAGRAPH, PARAGRAPH_2, label, PARAGRAPH_3])
    result = cleaner.clean(text)
    assert "contents_entry" not in {r.reason for r in result.removed}


def test_a_lead_in_under_a_sections_heading_keeps_its_list():
    items = ["Generic loader signature", "Scheduled task persistence", "Office macro exploit"]
    text = "\n".join([PARAGRAPH, PARAGRAPH_2, "Detection", "The threat has been detected and blocked by these signatures:",
                      *items])
    kept = cleaner.clean(text).text.splitlines()
    assert kept[2:] == ["Detection", "The threat has been detected and blocked by these signatures:", *items]


def test_teaser_cards_with_their_authors_and_dates_go_under_a_related_heading():
    # Ghost's "More like this": headline, blurb, author, date, then the next card
    cards = ["FBI extracts deleted messages from a phone's notification database",
             "The case was the first time authorities used the technique in court, records show.",
             "Joseph Cox", "· Apr 9, 2026",
             "A rave helps people stay safe online",
             "At a party in New York, attendees learned how to become less visible online.",
             "Janus Rose", "· Apr 8, 2026"]
    text = "\n".join([PARAGRAPH, PARAGRAPH_2, PARAGRAPH_3, "More like this", *cards])
    result = cleaner.clean(text)
    assert result.text.splitlines() == [PARAGRAPH, PARAGRAPH_2, PARAGRAPH_3]
    assert {r.reason for r in result.removed if r.text in cards[:3]} == {"teaser_list"}


def test_about_and_a_name_after_the_article_cuts_the_bio_but_not_the_articles_own_section():
    article = [PARAGRAPH, PARAGRAPH_2, PARAGRAPH_3, *CLOSING_SECTION]
    bio = ["About Jane Doe", "Jane Doe writes on cities and their budgets from Toronto, where she lives with two cats.",
           "Read more from this author", "Council approves new bike lanes"]
    result = cleaner.clean("\n".join([*article, *bio]))
    assert result.text.splitlines() == article
    assert {(r.text, r.rule) for r in result.removed if r.text == "About Jane Doe"} == {("About Jane Doe", "author-box-cut")}
    # a section headed "About <name>" with paragraphs on the article's subject after it: no cut
    # (the heading alone goes, as every page-furniture marker that cut nothing: marker_only)
    section = ["About Transport Officials",
               "Transport officials said the new buses would run every ten minutes on the busiest routes of the city.",
               "Transport officials also said the council's budget would pay for new bus shelters and a new depot."]
    text = "\n".join([*article, *section])
    assert cleaner.clean(text).text.splitlines() == [*article, *section[1:]]


def test_an_images_button_placeholder_goes_and_does_not_end_the_articles_closing_list():
    items = ["Generic loader signature", "Scheduled task persistence", "Office macro exploit"]
    text = "\n".join([PARAGRAPH, PARAGRAPH_2, "The threat has been detected and blocked by these signatures:",
                      "Button", "Button", *items])
    result = cleaner.clean(text)
    assert result.text.splitlines() == [PARAGRAPH, PARAGRAPH_2,
                                        "The threat has been detected and blocked by these signatures:", *items]
    assert {(r.text, r.reason) for r in result.removed} == {("Button", "ui_words")}


def test_a_box_of_cards_in_the_middle_of_the_article_leaves_the_next_subheading():
    # LeadDev: "More like this", cards of headline and author, then the article's next section
    cards = ["High-profile outages highlight the risks of AI agents", "Carly Page"]
    subheading = "Agent security versus the identity problem"
    text = "\n".join([PARAGRAPH, PARAGRAPH_2, "More like this", *cards, subheading, PARAGRAPH_3])
    kept = cleaner.clean(text).text.splitlines()
    assert kept == [PARAGRAPH, PARAGRAPH_2, subheading, PARAGRAPH_3]
