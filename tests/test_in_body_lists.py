"""Lists of short items inside an article's body, with no paragraph ending in a colon before
them, stay; link lists between paragraphs (menus, related headlines, share buttons, tags) go.
The articles are invented (tests/list_cases.py)."""

from __future__ import annotations

import pytest
from list_cases import ARTICLE_LISTS, LINK_LISTS, article

import cleaner
from cleaner.detectors.boilerplate import BoilerplateDetector
from cleaner.document import Document
from cleaner.engine import cleaner_for
from cleaner.segment import segment


@pytest.mark.parametrize("case", ARTICLE_LISTS, ids=lambda c: c[0])
def test_a_list_of_the_article_stays(case):
    _, before, items, after = case
    assert cleaner.clean(article(case)).text.splitlines() == [*before, *items, *after]


def test_a_cast_list_is_told_by_its_credits_not_by_the_article_s_words(monkeypatch):
    from cleaner.document import Block

    cast = next(items for name, _, items, _ in ARTICLE_LISTS if name == "cast")
    detector = BoilerplateDetector()
    assert detector.cast_list([Block(t, 0, len(t)) for t in cast])
    staff = ["Jane Doe", "John Smith, Editor", "Ann Lee as of March", "Contact us", "Careers"]
    assert not detector.cast_list([Block(t, 0, len(t)) for t in staff])
    # without the credits' check, the cast shares no word with the prose and goes as a menu
    case = next(c for c in ARTICLE_LISTS if c[0] == "cast")
    monkeypatch.setattr(BoilerplateDetector, "cast_list", lambda self, items: False)
    assert cleaner.clean(article(case)).text.splitlines() == [*case[1], *case[3]]


def test_a_review_s_pros_and_cons_are_told_by_their_headings(monkeypatch):
    from cleaner.document import Block

    detector = BoilerplateDetector()
    for items in (["Vorteile:", "Niedriger Preis", "Nachteile:", "Schwaches Licht"],
                  ["Avantages", "Prix bas", "Inconvénients", "Lumière faible"], ["Pros", "Cheap", "Cons", "Heavy"]):
        assert detector.pros_and_cons([Block(t, 0, len(t)) for t in items])
    # cons before pros, or one heading alone, is no review's list
    for items in (["Nachteile", "Schwaches Licht", "Vorteile", "Niedriger Preis"], ["Pros", "Cheap", "Heavy"]):
        assert not detector.pros_and_cons([Block(t, 0, len(t)) for t in items])
    # without the headings' check, the German items (capitalised nouns) go as a menu
    case = next(c for c in ARTICLE_LISTS if c[0] == "pros and cons in German")
    monkeypatch.setattr(BoilerplateDetector, "pros_and_cons", staticmethod(lambda items: False))
    assert cleaner.clean(article(case)).text.splitlines() == [*case[1], *case[3]]


@pytest.mark.parametrize("case", LINK_LISTS, ids=lambda c: c[0])
def test_a_link_list_between_paragraphs_still_goes(case):
    _, before, _, after = case
    result = cleaner.clean(article(case))
    assert result.text.splitlines() == [*before, *after]
    assert "link_list" in {r.reason for r in result.removed} or case[0] == "share buttons"


def test_a_related_box_on_the_article_s_subject_under_its_heading_still_goes():
    # headlines in sentence case that share the article's words are a teaser list under a heading
    _, before, _, after = ARTICLE_LISTS[1]
    teasers = ["River levels expected to fall by the weekend", "Residents count the cost of flood damage",
               "Insurers warn of more flood claims this winter", "Volunteers fill sandbags through the night",
               "Schools in the valley shut as the river bursts its banks"]
    result = cleaner.clean("\n".join([before[0], "Read more", *teasers, *after]))
    assert result.text.splitlines() == [before[0], *after]


def detect(detector: BoilerplateDetector, text: str) -> dict[str, str]:
    doc = Document(text, segment(text))
    return {doc.blocks[f.index].text: f.reason for f in detector.find(doc, cleaner_for(None).layout(doc.blocks))}


def test_the_discriminator_s_thresholds_are_arguments():
    ingredients = ARTICLE_LISTS[0]
    # items that share the article's words need not be half of the list: the list goes
    strict = BoilerplateDetector(min_article_item_share=1.01)
    assert detect(strict, article(ingredients)).get("A knob of butter") == "link_list"
    assert "A knob of butter" not in detect(BoilerplateDetector(), article(ingredients))
    # a count in the paragraph before the list: "The six writers ..." over six names
    names = ARTICLE_LISTS[2]
    assert "Maria Okafor" not in detect(BoilerplateDetector(), article(names))
    assert detect(BoilerplateDetector(count_words={}), article(names)).get("Maria Okafor") == "link_list"


def test_a_count_word_means_its_number_whatever_the_run_length():
    # "six" announces six items, whether runs count from five lines (the default) or from four
    names = ARTICLE_LISTS[2]
    assert names[0] == "names" and len(names[2]) == 6 and " six " in article(names)
    assert "Maria Okafor" not in detect(BoilerplateDetector(min_list_run=4), article(names))
    assert detect(BoilerplateDetector(min_list_run=4, count_words={"six": 7}), article(names)).get("Maria Okafor") == "link_list"


GERMAN_BEFORE = [
    "Eine akute Entzündung des Euters kostet den Betrieb viel Geld, und oft bleiben weitere Fälle in der "
    "Herde lange unerkannt, bis die Milchleistung der Tiere deutlich sinkt.",
    "Deshalb wurden in den vergangenen Jahren verschiedene Verfahren entwickelt, die dem Landwirt eine "
    "sichere Entscheidung über die Behandlung der Tiere ermöglichen sollen.",
]
GERMAN_LIST = [
    "Stoffwechsel überwachen",
    "Zur Beurteilung der Stoffwechselleistung der Milchkühe kann der Landwirt verschiedene Indikatoren nutzen:",
    "Fett-Eiweiß-Verhältnis und Harnstoffgehalt aus der Milchleistungsprüfung,",
    "Body Condition Score oder Rückenfettdicken-Messung,",
    "regelmäßige Gewichtsermittlung,",
    "Futteraufnahme im Zusammenhang mit Gemelksmenge und Aktivität,",
]
GERMAN_AFTER = [
    "Wiederkauverhalten und Kotkonsistenz.",
    "Bereits die monatlichen Auswertungen der Milchinhaltsstoffe bieten dem Landwirt eine Grundlage zur "
    "Überwachung seiner Fütterungsstrategie, und regelmäßige Beurteilungen der Körperkondition ergänzen sie.",
]


def test_a_lead_in_under_a_subheading_introduces_the_list_after_it():
    # the lead-in follows a subheading, not a paragraph, and capitalises its nouns (German): it
    # still ends the run of short blocks before it and introduces the list after it
    lines = [*GERMAN_BEFORE, *GERMAN_LIST, *GERMAN_AFTER]
    assert cleaner.clean("\n".join(lines)).text.splitlines() == lines
    detector = BoilerplateDetector()
    assert detector.is_lead_in(GERMAN_LIST[1])
    assert not detector.is_lead_in("PrevPrevious Presentation at Israel AdTech 2018:")  # a title


TAIL_PROSE = [
    "We spent the summer walking the coast with the dog, and the new collection kept us dry on the "
    "windiest days by the sea.",
    "The jacket packs into its own pocket, which made it easy to carry on the longer walks we took.",
    "These are our favourite spots by the water in the north, for anyone planning a trip this year:",
]
TAIL_LIST = [
    "The harbour café in Geesthacht",
    "The jetties on the Dove Elbe",
    "The dog beach at Stein on the Baltic (with a stop at the Hawaii kiosk or a sunset at the beach bar)",
    "The lodges in Glücksburg",
]


def test_a_list_the_last_paragraph_introduces_ends_the_article():
    from cleaner.config import Config

    text = "\n".join([*TAIL_PROSE, *TAIL_LIST])
    assert cleaner.clean(text).text.splitlines() == [*TAIL_PROSE, *TAIL_LIST]
    # without it, the list after the last paragraph goes as the page's tail
    no_tail_lists = Config(detector_options={"boilerplate": {"max_tail_list_items": 0}})
    assert cleaner.clean(text, config=no_tail_lists).text.splitlines() == TAIL_PROSE


@pytest.mark.parametrize("after", [
    ["Home", "News"],  # no colon closes the last paragraph: a menu
    ["Advertisement", "The harbour café in Geesthacht"],  # a rule's removal first: no list of the article's
])
def test_what_follows_the_article_without_its_lead_in_still_goes(after):
    prose = [*TAIL_PROSE[:2], TAIL_PROSE[2].replace("this year:", "this year.")] if after[0] == "Home" else TAIL_PROSE
    assert cleaner.clean("\n".join([*prose, *after])).text.splitlines() == prose


def test_one_line_after_a_colon_is_no_list():
    assert cleaner.clean("\n".join([*TAIL_PROSE, "News"])).text.splitlines() == TAIL_PROSE
