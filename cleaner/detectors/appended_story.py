"""An unrelated story appended after the article (infinite-scroll pages)."""

from __future__ import annotations

import itertools
from collections.abc import Iterable

import regex

from ..document import Block, Document
from ..layout import CJK_SCRIPTS, SENTENCE_END, Layout, word_count
from ..sentences import WIRE_DATELINE, sentence_cuts
from ..text_stats import TermVector, block_terms, cosine, is_headline, terms_of
from .base import Detector, Finding
from .boilerplate import TRAILING_CLOSERS
from .datelines import DATE, DIGIT, TIME, DatelineDetector

# "MOSCOW (Reuters) -", "WASHINGTON —", "By Jane Doe": how a new story opens (and a wire
# story's "(Reuters) —": ``sentences.WIRE_DATELINE``).
DATELINE = regex.compile(r"^(?:\p{Lu}[\p{Lu}\p{M} .'-]{2,40}(?:,\s*[\p{L} .]{2,30})?\s*(?:\([\p{L} .]{2,30}\))?\s*[—–-]|By\s+\p{Lu}\p{Ll}+\s+\p{Lu})")
# A new story's byline, on a line of its own: "By Jane Doe", "By JANE DOE and John Smith -
# Reuters", and a wire story's "Jane Doe, AP Auto Writer", "Jane Doe and John Smith, Associated
# Press", "Jane Doe, Staff Writer".
NAME = r"\p{Lu}[\p{L}.'’-]+(?:\s+\p{Lu}[\p{L}.'’-]+){1,2}"
ROLE = r"(?:[\p{L}-]+\s+){0,2}(?i:writer|correspondent|reporter|editor|staff)"
BYLINE = regex.compile(
    rf"^(?:(?:By|BY)\s+\p{{Lu}}[\p{{L}}.'’-]*(?:\s+\S+){{0,10}}"
    rf"|{NAME}(?:(?:,|\s+and)\s+{NAME})*,\s+(?:(?i:the\s+)?(?i:associated\s+press|ap|reuters|afp|bloomberg|dpa|upi)"
    rf"(?:\s+{ROLE})?|{ROLE}))$")
# "Q: ...", "A: ...", "F: ...": the turns of an interview are not headlines.
INTERVIEW_TURN = regex.compile(r"\p{L}{1,2}\s*[:.]\s")
# Embedded posts ("... no one's going to take your slogan. https://t.co/x") are no headlines.
LINK = regex.compile(r"https?://|www\.|\bpic\.twitter\.com/")
RESIDUE_KINDS = frozenset({"caption", "duplicate", "ui", "metadata", "advertisement"})
# a word of a script that writes words in one to three characters ("통화", "时政"): a short token
# the widgets detector took is a menu's entry or a table's cell there, no widget's residue
SHORT_WORD_SCRIPT = regex.compile(rf"[\p{{Hangul}}{CJK_SCRIPTS}]+")
CLOSING_BRACKETS = {"[": "]", "(": ")", "{": "}", "<": ">"}
# the number that opens an item of a numbered list ("5 Are bossware apps tracking you?", "5.
# The river path")
ITEM_NUMBER = regex.compile(r"(\d{1,2})[.)]?\s+\S")


class AppendedStoryDetector(Detector):
    """Cuts the document at the headline of an appended story (TextTiling-like).

    A candidate is a kept headline-like block (not an interview turn, nor the next item of a
    numbered list the article holds: "5 Are bossware apps tracking you?" after "4 ...") of at least
    ``headline_min_words`` words (``short_headline_min_words`` with a strong signal: "NASCAR
    Standings") and at most ``headline_max_words`` (on a glued page a headline carries its
    byline and time stamp) with at least ``min_prose_words_after`` words of prose after it. Its lexical cohesion is the cosine of
    the content-term vectors of the text before it and of the ``after_window_words`` words
    from it on; the article's own cohesion is
    that of the two halves of the text before it. The document is cut at the first candidate
    whose cohesion is at most ``max_cohesion`` and, unless a strong signal of a new story backs
    it (its headline printed again, or two pieces of caption, widget or byline residue or
    kept date lines right after it), at most ``max_cohesion_ratio`` of the article's own. Under
    a new story's header (a byline, ``BYLINE``, and a date line among the ``signal_window``
    blocks after the headline) the cohesion may reach ``max_cohesion_header``: a story on the
    article's own subject shares its words, and only its header tells it apart (a byline alone
    is a roundup's contribution, a date alone an update's). The article before it
    needs ``min_prose_words_before`` words of prose, or ``min_prose_words_strong`` with a
    strong signal when the prose after the headline is at most ``max_after_ratio_short`` times
    as long (a short text before a much longer story is rather a page's preamble, a teaser or a
    tagline, than an article with another story after it); a cut on cohesion alone (no signal at all) needs
    ``min_prose_words_before_unsignalled`` words of prose before the candidate (a whole article:
    the first section of a sectioned story, "Federal: Health care ..." after a three-paragraph
    lead, shares few words with the lead) and ``min_prose_words_after_unsignalled`` after it, as
    a short last section is often a change of angle, not of story; and the text before it must
    have a measurable cohesion of its own. No cut where the prose before the candidate is a
    grid of teasers (headlines and short blurbs) and a much longer text follows: that text is
    the article (``teasers_only``). Reasons: ``headline_repeated``,
    ``headline_with_byline``, ``headline_with_dateline``, ``headline_with_residue``,
    ``low_cohesion``.
    """

    name = "appended_story"
    kind = "appended_story"

    def __init__(self, min_prose_words_before: int = 100, min_prose_words_strong: int = 60,
                 min_prose_words_after: int = 40, min_prose_words_before_unsignalled: int = 200,
                 min_prose_words_after_unsignalled: int = 150,
                 max_cohesion: float = 0.15,
                 max_cohesion_ratio: float = 0.3, max_cohesion_header: float = 0.35, headline_max_words: int = 25,
                 prose_min_words: int = 12, signal_window: int = 8, after_window_words: int = 400,
                 glued_sentence_words: int = 6, headline_min_words: int = 3,
                 short_headline_min_words: int = 2, max_after_ratio_short: float = 2.0,
                 teaser_blurb_max_words: int = 40, teaser_heading_max_words: int = 15, min_teasers: int = 3,
                 min_teaser_share: float = 0.8, min_story_after_ratio: float = 2.0) -> None:
        self.min_prose_words_before = min_prose_words_before
        self.min_prose_words_strong = min_prose_words_strong
        self.min_prose_words_after = min_prose_words_after
        self.min_prose_words_before_unsignalled = min_prose_words_before_unsignalled
        self.min_prose_words_after_unsignalled = min_prose_words_after_unsignalled
        self.max_cohesion = max_cohesion
        self.max_cohesion_ratio = max_cohesion_ratio
        self.max_cohesion_header = max_cohesion_header
        self.headline_max_words = headline_max_words
        self.prose_min_words = prose_min_words
        self.signal_window = signal_window
        self.after_window_words = after_window_words
        self.glued_sentence_words = glued_sentence_words
        self.headline_min_words = headline_min_words
        self.short_headline_min_words = short_headline_min_words
        self.max_after_ratio_short = max_after_ratio_short
        self.teaser_blurb_max_words = teaser_blurb_max_words
        self.teaser_heading_max_words = teaser_heading_max_words
        self.min_teasers = min_teasers
        self.min_teaser_share = min_teaser_share
        self.min_story_after_ratio = min_story_after_ratio
        self.dateline = DatelineDetector()

    def signals(self, doc: Document, index: int) -> list[str]:
        """The new-story signals after the candidate headline at ``index``: ``repeated``,
        ``residue`` (one per removed block, but for the piece without letters a cut leaves of
        its line: "Sign up for our newsletter" | "." is one piece of residue, and for a short
        token that is a Korean, Chinese or Japanese word: a table's cell), ``stamp`` (one
        per kept date line), ``dated`` (a date line removed as metadata), ``byline`` (a line
        "By Jane Doe" or "Jane Doe, AP Writer", kept or removed) and ``dateline``."""
        found = []
        headline = doc.blocks[index].text.casefold()
        for block in doc.blocks[index + 1:index + 1 + self.signal_window]:
            if block.measure(reads_as_byline, reads_as_byline):
                found.append("byline")
            if block.kept:
                # the story goes on at its first paragraph, or at a block longer than a headline
                # with its byline and date (a paragraph a paywall cut off before its full stop)
                if block.is_prose(self.prose_min_words) or block.word_count > self.headline_max_words:
                    if DATELINE.match(block.text) or WIRE_DATELINE.match(block.text):
                        found.append("dateline")
                    break
                if block.measure((self.name, "stamp"), self.dateline.judge):
                    found.append("stamp")  # a date line the body kept (it had no label)
                continue
            if block.text.casefold() == headline:
                found.append("repeated")
            elif (block.removal is not None and block.removal.kind in RESIDUE_KINDS
                  and not (block.piece and not any(c.isalpha() for c in block.text))
                  and not (block.removal.reason == "short_token" and SHORT_WORD_SCRIPT.fullmatch(block.text.strip()))):
                found.append("residue")
                if block.removal.kind == "metadata" and block.measure((self.name, "stamp"), self.dateline.judge):
                    found.append("dated")  # a date line the rules or the datelines detector took
        return found

    def is_candidate(self, text: str) -> bool:
        """A headline-like block that is neither the turn of an interview (nor holds one after a
        sentence: "Ok, now for a little fun. Q: Where did you grow up?"), nor holds a link, nor
        starts with a date (a dateline, with the share buttons glued to it: "Nov 15, 2019 5:45
        AM Tweet Share"), nor opens a bracket it does not close (the first piece of a bracketed
        aside split at the residue in it: "[Want more news like this?" | "Sign up for our free
        newsletter" | ".]"), nor is one parenthesis (a quotation's source under it: "(Maurice
        Chevalier – French actor and singer)"), nor holds a "©" (a picture's credit)."""
        if not is_headline(text, self.short_headline_min_words, self.headline_max_words):
            return False
        cuts = sentence_cuts(text)
        return (not holds_interview_turn(text, cuts) and not LINK.search(text) and not DATE.match(text)
                and not opens_unclosed_bracket(text) and not is_parenthetical(text) and "©" not in text
                and not self.glued_to_a_sentence(text, cuts))

    def glued_to_a_sentence(self, text: str, cuts: list[int]) -> bool:
        """Whether ``text`` starts with a sentence of ``glued_sentence_words`` words or more that
        words without a sentence end follow: a paragraph's last sentence with the next heading
        glued to it ("The three previous games went to overtime. Extra points"), not a headline
        in two sentences ("It's over. Here's why", "Amnesty. More than 100 protesters killed",
        "The Beauty of Korea Revealed at the Festival! To the Actual Scene!"). ``cuts``: its
        sentence starts."""
        return (bool(cuts) and word_count(text[:cuts[0]]) >= self.glued_sentence_words
                and not text.rstrip(TRAILING_CLOSERS).endswith(("!", "?", "…", ".")))

    def cohesion_limit(self, signals: list[str]) -> float:
        """The highest cohesion at which a candidate can be cut: ``max_cohesion``, or
        ``max_cohesion_header`` under a new story's header (a story on the article's own subject,
        which only its byline and date tell apart)."""
        return self.max_cohesion_header if has_header(signals) else self.max_cohesion

    def verdict(self, cohesion: float, own_cohesion: float, signals: list[str]) -> str | None:
        """The reason to cut at a candidate, or None. Cohesion must be at most
        ``cohesion_limit(signals)``; then a strong signal (the headline printed again, two pieces
        of residue, or a byline and a date) suffices, else cohesion must also be at most
        ``max_cohesion_ratio`` of the article's own."""
        if cohesion > self.cohesion_limit(signals):
            return None
        if not is_strong(signals) and cohesion > self.max_cohesion_ratio * own_cohesion:
            return None
        if "repeated" in signals:
            return "headline_repeated"
        if cohesion > self.max_cohesion:  # only the header allows it
            return "headline_with_byline"
        if "dateline" in signals:
            return "headline_with_dateline"
        if "residue" in signals or "stamp" in signals:
            return "headline_with_residue"
        return "low_cohesion"

    def teasers_only(self, blocks: list[Block], prose_words: list[int], position: int, before: int,
                     after_words: int) -> bool:
        """Whether the prose before ``position`` (``before`` words) is a grid of teasers rather
        than an article, with the article after it: at least ``min_teasers`` blurbs of at most
        ``teaser_blurb_max_words`` words, each under a headline (a short block without a sentence
        end, at most ``teaser_heading_max_words`` words), hold ``min_teaser_share`` of that prose,
        and the prose after it is ``min_story_after_ratio`` times as long. Cutting there would keep
        the teasers and drop the article."""
        if after_words < self.min_story_after_ratio * before:
            return False
        blurbs = [words for p, words in enumerate(prose_words[:position])
                  if 0 < words <= self.teaser_blurb_max_words and p > 0 and prose_words[p - 1] == 0
                  and blocks[p - 1].word_count <= self.teaser_heading_max_words and not blocks[p - 1].ends_sentence]
        return len(blurbs) >= self.min_teasers and sum(blurbs) >= self.min_teaser_share * before

    def window_end(self, blocks: list, position: int) -> int:
        """Where the window after ``position`` ends: the blocks from ``position`` on, up to
        ``after_window_words`` words, so that a long story appended further down does not pull
        the cohesion of every candidate before it down."""
        end = position
        words = 0
        while end < len(blocks) and words < self.after_window_words:
            words += blocks[end].word_count
            end += 1
        return end

    def find(self, doc: Document, layout: Layout) -> Iterable[Finding]:
        """At most one cut: the first candidate headline the cohesion test accepts."""
        kept = doc.kept_indices()
        blocks = [doc.blocks[i] for i in kept]
        prose_words = [b.word_count if b.is_prose(self.prose_min_words) else 0 for b in blocks]
        total_prose = sum(prose_words)
        if total_prose < self.min_prose_words_strong + self.min_prose_words_after:
            return
        terms: list[list[str]] = []  # the blocks' terms, measured only as far as a candidate needs

        def terms_upto(end: int) -> list[list[str]]:
            terms.extend(block_terms(b) for b in blocks[len(terms):end])
            return terms

        before = TermVector()  # the terms of blocks[:merged]; merged when needed
        merged = 0
        prose_before = 0
        item_numbers: set[int] = set()  # the numbers that opened blocks so far
        for position, index in enumerate(kept):
            number = item_number(blocks[position].text)
            if number is not None:
                item_numbers.add(number)
                if number - 1 in item_numbers:  # the article's numbered list goes on
                    prose_before += prose_words[position]
                    continue
            if (prose_before >= self.min_prose_words_strong
                    and total_prose - prose_before - prose_words[position] >= self.min_prose_words_after
                    and blocks[position].measure(self.name, self.is_candidate)):
                signals = self.signals(doc, index)
                short = blocks[position].word_count < self.headline_min_words
                after_words = total_prose - prose_before - prose_words[position]
                long_enough = prose_before >= self.min_prose_words_before
                if ((long_enough and not short)
                        or (is_strong(signals)
                            and (long_enough or after_words <= self.max_after_ratio_short * prose_before))):
                    end = self.window_end(blocks, position)
                    terms_upto(end)
                    before.add(itertools.chain.from_iterable(terms[merged:position]))
                    merged = position
                    cohesion = before.cosine(terms_of(terms[position:end]))
                    if cohesion <= self.cohesion_limit(signals):
                        half = position // 2
                        # the article's own cohesion matters only without a strong signal
                        own = (0.0 if is_strong(signals)
                               else cosine(terms_of(terms[:half]), terms_of(terms[half:position])))
                        reason = self.verdict(cohesion, own, signals)
                        if reason == "low_cohesion" and (
                                own == 0.0 or prose_before < self.min_prose_words_before_unsignalled
                                or after_words < self.min_prose_words_after_unsignalled):
                            reason = None
                        if reason and not self.teasers_only(blocks, prose_words, position, prose_before, after_words):
                            yield Finding(index, reason, cut=True)
                            return
            prose_before += prose_words[position]


def item_number(text: str) -> int | None:
    """The number that opens ``text`` as an item of a numbered list, or None."""
    if not text[:1].isdigit():
        return None
    match = ITEM_NUMBER.match(text)
    return int(match.group(1)) if match else None


def holds_interview_turn(text: str, cuts: list[int]) -> bool:
    """Whether ``text`` is an interview's turn ("Q: ...") or has one start at one of its sentence
    starts ``cuts``."""
    return INTERVIEW_TURN.match(text) is not None or any(INTERVIEW_TURN.match(text, cut) for cut in cuts)


def reads_as_byline(text: str) -> bool:
    """A line that is a new story's byline (``BYLINE``), not a sentence that starts with "By"."""
    if BYLINE.match(text) is None:
        return False
    # the dots of its date and time end no sentence ("By Jane Doe, Nov. 19, 2019 10:04 a.m.")
    return SENTENCE_END.search(TIME.sub(" ", DATE.sub(" ", text)) if DIGIT.search(text) else text) is None


def is_parenthetical(text: str) -> bool:
    """Whether ``text`` is one parenthesis: "(...)" with no bracket closed before its end."""
    return text.startswith("(") and text.endswith(")") and text.find(")") == len(text) - 1


def opens_unclosed_bracket(text: str) -> bool:
    """Whether ``text`` starts with an opening bracket that it does not close."""
    closing = CLOSING_BRACKETS.get(text[:1])
    return closing is not None and closing not in text


def is_strong(signals: list[str]) -> bool:
    """The headline printed again, at least two pieces of residue or date lines after it, or a
    new story's header (``has_header``)."""
    return ("repeated" in signals or signals.count("residue") + signals.count("stamp") >= 2
            or has_header(signals))


def has_header(signals: list[str]) -> bool:
    """A new story's header after the headline: its byline and its date (a date line, kept or
    removed as residue)."""
    return "byline" in signals and ("stamp" in signals or "dated" in signals)
