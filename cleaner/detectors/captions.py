"""Photo captions: descriptions of an image with an agency or photographer credit."""

from __future__ import annotations

import re
from collections.abc import Iterable

import regex

from ..document import Block, Document
from ..layout import SENTENCE_END, Layout, word_count
from ..sentences import WIRE_AGENCIES, sentence_cuts
from ..wordlists import word_list
from .base import BlockDetector, Detector, Finding

NAME = r"\p{Lu}[\p{L}.'&-]*"
NAMES = rf"{NAME}(?:\s+(?:{NAME}|of|de|la|von|van|der|and|&))*"
# "(EPA/Alexander Kazakov/Sputnik)", "(Reed Saxon / Associated Press)": credits with a slash.
SLASH_CREDIT = regex.compile(rf"\(\s*{NAMES}(?:\s*/\s*{NAMES})+\s*\)\s*$")
PHOTO_WORDS = r"(?:Photo(?:graph)?s?|Pictures?|Images?|Foto|Bild|Imagen|Fotografía|Фото|사진|Credits?|Crédits?|Crédito|Courtesy|Handout)"
LABEL_CREDIT = regex.compile(rf"\(\s*(?:(?i:{PHOTO_WORDS})\b[^()]{{0,80}}|[^()]{{0,80}}\b(?:Photo|Foto)s?)\s*\)\s*$")
# "... campaign. (onmeth.com)": a web address in brackets after the caption's last sentence.
SITE_CREDIT = regex.compile(r"[.!?]['\"”’]?\s*\(\s*(?:www\.)?[\p{L}\p{N}-]{2,40}(?:\.[\p{L}\p{N}-]{1,40}){0,2}"
                            r"\.\p{L}{2,6}\s*\)\s*$")
# "... Nov. 19, 2019. REUTERS/Jane Doe/File Photo", "... on Tuesday. Jane Doe/The Daily Times": a
# photographer's credit with its agency or paper, unbracketed, after the caption's last sentence.
UNBRACKETED_SLASH_CREDIT = regex.compile(
    rf"[.!?]['\"”’)]?\s+(?P<credit>(?:{NAME}\s+){{0,3}}{NAME}\s*/\s*{NAMES}(?:\s*/\s*{NAMES}){{0,2}})\s*$")
# a credit names someone: three words at least ("REUTERS/Jane Doe"), not a name with a slash ("AC/DC")
MIN_SLASH_CREDIT_WORDS = 3
# "Photo: Reuters", "Video: In this talk, the professor discusses ...": a caption under its label.
PHOTO_LABEL = regex.compile(rf"^(?:{PHOTO_WORDS}|Videos?|Vídeos?|Видео)(?:\s+(?:credit|by|illustration))?\s*[:：]\s*\S", regex.I)
GETTY_CREDIT = regex.compile(r"(?:[/|]\s*|\bvia\s+|^)Getty\s+Images(?:\s+for\s+[\p{L}\s]+)?\s*\)?\s*$")
TRUNCATED_VIA = regex.compile(r"\bvia\s+\p{Lu}{3,}\s*$")
LEADING_COPYRIGHT = regex.compile(rf"^(?:©|\(c\)|Copyright)\s*{NAME}(?:\s+{NAME}){{0,3}}\.\s+\p{{Lu}}"
                                  rf"|^©\s*\p{{Lu}}\p{{Ll}}+(?:\s+\p{{Lu}}[\p{{L}}.'-]+){{1,2}}\s+\p{{Lu}}\p{{Ll}}+\s+\p{{Ll}}")
# "...sought treatmentCredit: EPA", "... Photo: Jane Doe/Reuters": a credit label closing the block.
TRAILING_CREDIT_LABEL = regex.compile(r"(?:Credit|Photo|Picture|Image|Foto|Bild|Crédit|Crédito)s?\s*:\s*[\p{L}\p{N}][^.:!?]{0,60}$")
# "Photo by David Dyer-Bennet", "Photo illustration by Slate.", "Photograph courtesy of NASA",
# "Screenshot by Jane Doe/ONE Esports"; a
# name, in capitals whatever the case of the label ("Photo by photo, the exhibit ..." is prose).
PHOTO_BY = regex.compile(r"^(?:Photo|Photograph|Image|Picture|Video|Illustration|Graphic|Screenshot|Screen ?grab)s?(?:\s+illustration)?"
                         r"\s+(?:by|courtesy(?:\s+of)?|via)\s+(?:the\s+)?(?-i:\p{Lu})", regex.I)
# "Christopher Battin Submitted photo", "A file photo of the dam. File photo".
PHOTO_NOUNS = ("photo", "image", "picture")
KIND_OF_PHOTO = regex.compile(rf"\b(?:Submitted|File|Contributed|Courtesy|Handout|Stock|Staff)\s+(?:{'|'.join(PHOTO_NOUNS)})s?\.?$", regex.I)
# the block endings KIND_OF_PHOTO needs (a cheap check before the pattern)
PHOTO_ENDINGS = tuple(noun + plural for noun in PHOTO_NOUNS for plural in ("", "s"))
# "Image credit:", "Photo credits :", "Crédito:", "Photograph:": the label of a credit, not of a caption
CREDIT_LABEL = regex.compile(r"^(?:(?:(?:Photo|Image|Picture|Foto)\s+)?(?:Credits?|Crédits?|Crédito)|Photographs?)\s*[:：]", regex.I)
# "(AP)", "(Reuters)": a wire's bare credit closing a paragraph of its story
BARE_AGENCY_CREDIT = regex.compile(rf"\(\s*(?:{WIRE_AGENCIES}|REUTERS)\s*\)\s*$")
CREDIT_ONLY = regex.compile(rf"^\(\s*{NAMES}(?:\s*/\s*{NAMES})*\s*\)$")
# "... rally at the Statehouse in Indianapolis, Tuesday, Nov. 19, 2019, calling for ...": the
# weekday and full date set off by commas, as wire photo captions give them (wire prose says
# "on Tuesday" and leaves the year out), so the caption stands even when its credit was lost.
# the English month names and their wire abbreviations, and the weekdays, as captions print them
MONTHS = (r"(?:January|February|March|April|May|June|July|August|September|October|November|December|"
          r"Jan\.|Feb\.|Aug\.|Sept?\.|Oct\.|Nov\.|Dec\.)")
WEEKDAY = r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day"
WIRE_CAPTION_DATE = regex.compile(rf", {WEEKDAY}, {MONTHS} \d{{1,2}}, \d{{4}}\b")


# the reasons whose credit closes the caption: a caption glued after prose keeps them
CREDIT_AT_END = frozenset({"trailing_credit", "getty_credit", "truncated_credit", "credit_label"})
# what a block's end must hold before a long block is searched for a glued caption
CREDIT_HINTS = ("Getty", "via", "Credit", "Photo", "Foto", "Image", "Picture", "Bild")


def agency_pattern(names: Iterable[str]) -> regex.Pattern:
    """One alternation of the agency names, longest first, as whole words."""
    alternatives = "|".join(regex.escape(n) for n in sorted(names, key=len, reverse=True))
    return regex.compile(rf"(?:{alternatives})")


class CaptionDetector(BlockDetector):
    """Removes photo captions that carry a credit.

    Reasons: ``trailing_credit`` (ends in ``(AP)``, ``(EPA/...)``, ``(Photo: ...)``,
    ``(credit: NASA)``, or a web address after the last sentence: ``... campaign. (example.com)``;
    or a photographer's credit with a slash after it: ``... 2019. REUTERS/Jane Doe``),
    ``getty_credit`` (``/Getty Images``), ``truncated_credit`` (``via REUTE``),
    ``leading_copyright`` (``© Reuters. ...``), ``photo_label`` (``Photo: ...``, ``Photo by
    ...``), ``credit_label`` (ends in ``Credit: EPA`` or ``Submitted photo``) and
    ``credit_only`` (a block that is only a credit, ``(Walt Disney Co.)``; the short block just
    before it, the caption it credits, goes too: ``caption_before_credit``, but not above a wire
    agency alone, ``(CNN)``, a dateline cut from its first paragraph under the headline; between paragraphs
    only a caption without a sentence end or of ``max_body_caption_words`` words at most, as a
    credit under a photo without a caption follows a paragraph of the article) and
    ``wire_caption_date`` (no credit, but the wire caption's ", Tuesday, Nov. 19, 2019," after
    its description; one caption, at most ``max_wire_caption_words`` words). A caption with
    its credit at the end glued after prose goes alone (``caption_at_end``), and so does a
    labelled credit that a paragraph was run into (``credit_before_paragraph``: "Photo: Jane
    Doe/The Ledger The city council voted ..."). A paragraph of the story that ends in its
    wire's bare credit ("... two sentences. (AP)") is no caption (``story_with_wire_credit``).
    """

    name = "captions"
    kind = "caption"

    def __init__(self, max_words: int = 80, max_caption_before_credit_words: int = 45,
                 max_chars: int = 1_000, max_wire_caption_words: int = 50, min_words_before_date: int = 5,
                 min_caption_words: int = 5, min_prose_before_caption: int = 30,
                 max_credit_words: int = 15, max_body_caption_words: int = 15,
                 min_story_words_before_credit: int = 30) -> None:
        self.min_story_words_before_credit = min_story_words_before_credit
        self.max_body_caption_words = max_body_caption_words
        self.max_credit_words = max_credit_words
        self.min_caption_words = min_caption_words
        self.min_prose_before_caption = min_prose_before_caption
        self.max_wire_caption_words = max_wire_caption_words
        self.min_words_before_date = min_words_before_date
        self.max_words = max_words
        self.max_chars = max_chars
        self.max_caption_before_credit_words = max_caption_before_credit_words
        agencies = agency_pattern(word_list("agencies")).pattern
        self.agency_credit = regex.compile(rf"\(\s*{agencies}(?:\s+Photos?)?(?:\s*[/,]\s*[^()]{{1,80}})?\s*\)\s*$")
        # "Photo: Jane Doe/The Ledger The city council ...", "Image: Getty Images The council ...":
        # a labelled credit (a name with its paper, or an agency) and the capitalised words after it
        self.labelled_credit = regex.compile(
            rf"^(?i:{PHOTO_WORDS})(?i:\s+(?:credit|by))?\s*[:：]\s*"
            rf"(?:(?:{NAME}\s+){{0,3}}{NAME}\s*/\s*{NAME}|{agencies}(?:\s*/\s*{NAME})?)(?P<after>(?:\s+{NAME})+)")

    def is_wire_caption(self, text: str) -> bool:
        """Whether ``text`` is one wire photo caption: at most ``max_wire_caption_words`` words,
        the weekday and full date after a description (not an "Updated 3:27 am PST" stamp)."""
        if word_count(text) > self.max_wire_caption_words:
            return False
        date = WIRE_CAPTION_DATE.search(text)
        return date is not None and word_count(text[:date.start()]) >= self.min_words_before_date

    def judge(self, text: str) -> str | None:
        """The reason ``text`` is a credited caption, or None."""
        if len(text) > self.max_chars or word_count(text) > self.max_words:
            return None
        if CREDIT_ONLY.match(text) and word_count(text) <= 8:
            return "credit_only"
        # Cheap checks first (the text must end in a bracket, hold "Getty", ...): the patterns
        # anchored at the end would otherwise be tried from every position of every block.
        if text.rstrip().endswith(")") and (
                self.agency_credit.search(text) or SLASH_CREDIT.search(text) or LABEL_CREDIT.search(text)
                or SITE_CREDIT.search(text)):
            return None if self.story_with_wire_credit(text) else "trailing_credit"
        if "/" in text[-80:] and self.unbracketed_slash_credit(text):
            return "trailing_credit"
        if "Getty" in text and GETTY_CREDIT.search(text):
            return "getty_credit"
        if "via" in text and TRUNCATED_VIA.search(text):
            return "truncated_credit"
        if LEADING_COPYRIGHT.match(text):
            return "leading_copyright"
        if "day, " in text and self.is_wire_caption(text):
            return "wire_caption_date"
        if ((PHOTO_LABEL.match(text) or PHOTO_BY.match(text)) and not self.glued_after_credit(text)
                and self.credit_before_paragraph(text) is None):
            return "photo_label"
        if (":" in text and TRAILING_CREDIT_LABEL.search(text)) or (
                text[-16:].casefold().removesuffix(".").endswith(PHOTO_ENDINGS) and KIND_OF_PHOTO.search(text)):
            return "credit_label"
        return None

    def story_with_wire_credit(self, text: str) -> bool:
        """Whether ``text`` is a paragraph of the story that ends in its wire's bare credit
        ("... figures become available. (AP)"), not a caption: two sentences at least before
        the credit, ``min_story_words_before_credit`` words or more, and only the agency's name
        in the brackets (a photo credit names the photo or its photographer: "(AP Photo/Jane
        Doe)", "(Reuters/Jane Doe)")."""
        found = BARE_AGENCY_CREDIT.search(text)
        if found is None:
            return False
        before = text[:found.start()]
        return (word_count(before) >= self.min_story_words_before_credit
                and len(SENTENCE_END.findall(before)) >= 2)

    def credits_caption(self, block: Block, in_body: bool) -> bool:
        """Whether ``block``, the block right above a credit-only line, is the caption it
        credits: ``max_caption_before_credit_words`` words at most; in the body (after the first
        paragraph) also no sentence at all or ``max_body_caption_words`` words at most ("Kevin
        Mayer, the Disney executive who is overseeing the service" | "(Walt Disney Co.)"), not a
        paragraph of the article above the credit of a photo printed without its caption."""
        words = block.word_count
        if words > self.max_caption_before_credit_words:
            return False
        return not in_body or words <= self.max_body_caption_words or not block.ends_sentence

    @staticmethod
    def unbracketed_slash_credit(text: str) -> bool:
        """Whether ``text`` ends, after a sentence, in a credit such as "REUTERS/Jane Doe"."""
        found = UNBRACKETED_SLASH_CREDIT.search(text)
        return found is not None and len(found.group("credit").replace("/", " ").split()) >= MIN_SLASH_CREDIT_WORDS

    def glued_after_credit(self, text: str) -> bool:
        """Whether ``text`` starts with a credit's own label ("Image credit:", "Photo by") and
        runs past ``max_credit_words`` words: a credit is a few words, so the rest is a
        paragraph that a scraper glued after it."""
        return (CREDIT_LABEL.match(text) is not None or PHOTO_BY.match(text) is not None) \
            and word_count(text) > self.max_credit_words

    def credit_before_paragraph(self, text: str) -> int | None:
        """Where the paragraph starts that a scraper ran in after a labelled credit ("Photo: Jane
        Doe/The Ledger | The city council voted ..."): at the last of the capitalised words after
        the credit when a lowercase word follows them, and only when what follows has more than
        ``max_credit_words`` words and ends a sentence; else None (the label's caption, or a
        credit alone)."""
        credit = self.labelled_credit.match(text)
        if credit is None or not text[credit.end():credit.end() + 2].strip()[:1].islower():
            return None
        start = credit.end() - len(credit.group("after").split()[-1])
        rest = text[start:]
        if word_count(rest) <= self.max_credit_words or not ENDS_SENTENCE.search(rest):
            return None
        return start

    def caption_at_end(self, text: str) -> tuple[int, str] | None:
        """Where a credited caption glued after prose starts in ``text``, and its reason: the
        last sentence of at least ``min_caption_words`` words, when ``judge`` finds its credit
        at its end and ``min_prose_before_caption`` words or more come before it (a paragraph
        that a scraper ran into the caption under it); else None."""
        tail = text[-200:]
        if not (tail.rstrip().endswith(")") or any(hint in tail for hint in CREDIT_HINTS)
                or tail[-16:].casefold().removesuffix(".").endswith(PHOTO_ENDINGS)):
            return None
        # a credit in brackets reads as a sentence of its own: the caption starts before it
        start = next((cut for cut in reversed(sentence_cuts(text))
                      if text[cut] not in "([" and word_count(text[cut:]) >= self.min_caption_words), None)
        if start is None or word_count(text[:start]) < self.min_prose_before_caption:
            return None
        reason = self.judge(text[start:])
        return (start, reason) if reason in CREDIT_AT_END else None

    def find(self, doc: Document, layout: Layout) -> Iterable[Finding]:
        """Credited captions (only the caption when prose was glued before it), and the
        caption line just before a credit-only line."""
        previous_kept: int | None = None
        for index, block in enumerate(doc.blocks):
            if block.removal is not None:
                continue
            reason = self.verdict(block)
            glued = (block.measure((self.name, "glued"), self.caption_at_end)
                     if reason in CREDIT_AT_END or (reason is None and block.word_count > self.max_words) else None)
            lead = (block.measure((self.name, "lead"), self.credit_before_paragraph)
                    if reason is None and block.word_count > self.max_credit_words else None)
            if glued is not None:
                yield Finding(index, glued[1], span=(glued[0], len(block.text)))
            elif lead is not None:
                yield Finding(index, "credit_before_paragraph", span=(0, lead))
            elif reason:
                yield Finding(index, reason)
                if (reason == "credit_only" and previous_kept is not None
                        and not BARE_AGENCY_CREDIT.match(block.text)
                        and self.credits_caption(doc.blocks[previous_kept], previous_kept > layout.first_prose)):
                    yield Finding(previous_kept, "caption_before_credit")
            previous_kept = index


NON_SPACE = regex.compile(r"\S+")
# "Travelers wait in security lines at Reagan National Airport on November 26.", "Passengers wait
# for a bus ... on Wednesday, November 27, in New York. A wall of storms ...": a photo's
# description whose first sentence ends with the day the photo was taken (and where), as the
# captions of a gallery print one after another
DATED_DESCRIPTION = regex.compile(
    rf"^(?P<description>[^.!?\n]{{10,300}}?)\s(?:on\s+)?(?:{WEEKDAY},?\s+)?"
    rf"{MONTHS}\s+\d{{1,2}}(?:,\s+\d{{4}})?(?:,?\s+(?:in|at|near|outside)\s+[^.!?\n]{{1,80}})?\.(?:\s|$)")
# the cheap test before DATED_DESCRIPTION (stdlib re: faster on a plain alternation): a month
# and a day
MONTH_DAY = re.compile(MONTHS + r"\s+\d")
# what a story's sentence has and a photo's description has not: reported speech, quotes, the past
REPORTED = regex.compile(r"\b(?:said|say|says|told|tells|according)\b|[\"“”]")
PAST_TENSE = regex.compile(r"\b(?:was|were|had|did|\p{Ll}{3,}ed)\b")
ENDS_SENTENCE = regex.compile(r"[.!?]['\"”’]?$")


class GalleryCaptionDetector(Detector):
    """A photo gallery's captions printed as a run of lines: at least ``min_run`` consecutive
    kept blocks of at most ``max_words`` words whose first sentence describes a photo and ends
    with the day it was taken ("... at Reagan National Airport on November 26.",
    ``DATED_DESCRIPTION``), with no reported speech or quote, at least ``min_present_share`` of
    them in the present tense ("People walk in the rain ...": a story's chronology is told in
    the past). Credits name no photographer here, so ``CaptionDetector`` cannot see them.
    Reason: ``gallery``.
    """

    name = "gallery_captions"
    kind = "caption"

    def __init__(self, min_run: int = 3, max_words: int = 60, min_present_share: float = 0.5) -> None:
        self.min_run = min_run
        self.max_words = max_words
        self.min_present_share = min_present_share

    def tense(self, text: str) -> str | None:
        """"present" or "past" for a gallery caption's text, None for any other block."""
        match = DATED_DESCRIPTION.match(text) if MONTH_DAY.search(text) else None
        if match is None or REPORTED.search(match.group()):
            return None
        return "past" if PAST_TENSE.search(match.group("description")) else "present"

    def find(self, doc: Document, layout: Layout) -> Iterable[Finding]:
        """The runs of gallery captions among the kept blocks."""
        run: list[tuple[int, str]] = []
        kept = [(i, b) for i, b in enumerate(doc.blocks) if b.kept]
        for index, block in [*kept, (-1, None)]:
            tense = (block.measure(self.name, self.tense)
                     if block is not None and block.word_count <= self.max_words else None)
            if tense is not None:
                run.append((index, tense))
                continue
            present = sum(t == "present" for _, t in run)
            if len(run) >= self.min_run and present >= self.min_present_share * len(run):
                yield from (Finding(i, "gallery") for i, _ in run)
            run = []


class GluedCaptionDetector(Detector):
    """A caption glued to the first paragraph after a credit, as in
    ``EPA Russia's army chief made the claims in a video meeting with President Vladimir Putin
    Russia's military says it has ...``, on a line already split at widget residue.

    The caption has no end punctuation; it ends before the last capitalised word of the first
    run of capitalised words that a lowercase word follows (``... Putin | Russia's military``).
    Reason: ``credit_then_caption``.
    """

    name = "glued_caption"
    kind = "caption"

    def __init__(self, min_caption_words: int = 4, max_caption_words: int = 40) -> None:
        self.min_caption_words = min_caption_words
        self.max_caption_words = max_caption_words
        agencies = agency_pattern(word_list("agencies")).pattern
        self.leading_credit = regex.compile(rf"(?:{agencies})\s+(?=\p{{Lu}})")

    def caption_end(self, text: str) -> int | None:
        """Where the glued caption at the start of ``text`` ends, or None if there is none."""
        credit = self.leading_credit.match(text)
        if not credit:
            return None
        words = list(NON_SPACE.finditer(text, pos=credit.end()))
        limit = min(len(words), self.max_caption_words + 1)
        for i in range(self.min_caption_words, limit):
            word = words[i].group()
            if ENDS_SENTENCE.search(words[i - 1].group()):
                return None  # a sentence ended first: this is prose, not a caption
            if word[0].islower() and words[i - 1].group()[0].isupper() and words[i - 2].group()[0].isupper():
                return words[i - 1].start()
        return None

    def find(self, doc: Document, layout: Layout) -> Iterable[Finding]:
        """Pieces of split lines in the head that start with a credit and a glued caption."""
        for index, block in enumerate(doc.blocks):
            if block.kept and block.piece and layout.in_head(index):
                end = block.measure(self.name, self.caption_end)
                if end is not None:
                    yield Finding(index, "credit_then_caption", span=(0, end))
