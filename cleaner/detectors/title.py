"""The headline: the headline-like block just above the article's first paragraph."""

from __future__ import annotations

from collections.abc import Iterable

from ..document import Block, Document
from ..layout import SENTENCE_END, Layout
from ..text_stats import WORD, is_headline
from .base import Detector, Finding
from .boilerplate import heading_name, heading_names
from .widgets import only_ui_words, ui_words

# Blocks the boilerplate detector took from above the article may still be its headline.
RECLAIMABLE = frozenset({"boilerplate"})
# the headlines of other stories listed under a "related" or "most read" heading
NOT_RECLAIMABLE_REASONS = frozenset({"teaser_list"})
# the built-in rules that take a byline (an author's name, with or without a date, captured as
# ``author``): a headline above one is the story's own. tests/test_engine.py keeps it in step
# with the rule files; a site's own byline rules are added with the ``byline_rules`` option.
BYLINE_RULES = frozenset({"byline-by", "byline-date-span", "byline-glued-span", "byline-name-outlet",
                          "byline-name-place", "byline-role-handle-line", "byline-special-to",
                          "labelled-byline-line", "reporter-line-ko"})


class TitleDetector(Detector):
    """Takes the title from the blocks above the first kept paragraph of prose: the kept
    headline-like block there when there is exactly one (the first line of the body would
    otherwise read as a headline when the body is cleaned again; several are a list, not a
    headline), else, of the headline-like blocks that the boilerplate detector removed there, the
    longest of those a byline follows (``byline_follows``: a menu of sections, a copyright footer
    or a teaser above the headline is longer than it, but no byline comes under them), or the
    longest of all when no byline is under any (the later one of equal length): a byline or a
    label under the headline that no rule knows ("Max Mustermann, Berlin", "Staff Reports") is
    shorter than the headline it follows. The heading of the article's first section
    (``opening_headings``: "Key takeaways", "At a glance") is never the headline. Runs after the
    other detectors. Reason: ``headline``; the engine sets ``Cleaned.title`` from it."""

    name = "title"
    kind = "title"

    def __init__(self, min_words: int = 3, max_words: int = 25, prose_min_words: int = 12,
                 byline_window: int = 3, byline_rules: Iterable[str] = BYLINE_RULES,
                 two_sentences_min_words: int = 15, opening_headings: Iterable[str] | None = None) -> None:
        self.min_words = min_words
        self.two_sentences_min_words = two_sentences_min_words
        self.max_words = max_words
        self.ui_words = ui_words()
        self.opening_headings = heading_names(opening_headings)  # "At a glance" over the first paragraph is no headline
        self.prose_min_words = prose_min_words
        self.byline_window = byline_window
        self.byline_rules = frozenset(byline_rules)

    def is_ui(self, text: str) -> bool:
        """Whether every word of ``text`` is a word of page furniture ("Linkedin Reddit Pocket")."""
        return only_ui_words(text.lower(), self.ui_words)

    def find(self, doc: Document, layout: Layout) -> Iterable[Finding]:
        """At most one finding: the headline."""
        kept_candidates: list[int] = []
        reclaimed = None
        bylined = None
        for index, block in enumerate(doc.blocks):
            if index >= layout.first_prose:
                break
            headline = (is_headline(block.text, self.min_words, self.max_words) and not self.is_ui(block.text)
                        and not self.is_paragraph(block) and heading_name(block.text) not in self.opening_headings)
            if block.kept and block.is_prose(self.prose_min_words) and not headline:
                break  # a paragraph: what follows it is the article, not its head
            if not headline:
                continue
            if block.kept:
                kept_candidates.append(index)
            elif self.removed_by_boilerplate(block):
                if reclaimed is None or block.word_count >= doc.blocks[reclaimed].word_count:
                    reclaimed = index
                if self.byline_follows(doc, index) and (
                        bylined is None or block.word_count >= doc.blocks[bylined].word_count):
                    bylined = index
        else:
            return  # no prose at all: no headline to speak of
        if len(kept_candidates) > 1:
            return  # a list of headline-like lines (links, a schedule): none is the headline
        chosen = kept_candidates[0] if kept_candidates else bylined if bylined is not None else reclaimed
        if chosen is not None:
            yield Finding(chosen, "headline")

    def is_paragraph(self, block: Block) -> bool:
        """Two sentences or more in ``two_sentences_min_words`` words or more, the last one ended
        ("Suppose we answer the most important question of existence in the affirmative. There
        is then only one question remaining: How shall we live this life?"): a lead paragraph,
        not a headline ("It's over. Here's why" is one; a standfirst without its full
        stop, "The repression has only fuelled the crisis. It is up to them to de-escalate",
        stays a candidate, as the dots of "The VW ID. SPACE VIZZION is ..." do, and so does a
        headline in Title Case that quotes a sentence: "South Dakota says, 'Meth. We're On It,'
        and Twitter Asks, Are You Guys OK?", half its words capitalised)."""
        text = block.text.rstrip()
        if block.word_count < self.two_sentences_min_words or not text.endswith((".", "?", "!")):
            return False
        if not any(m.end() < len(text) for m in SENTENCE_END.finditer(text)):
            return False
        words = WORD.findall(text)
        return sum(w[0].isupper() for w in words) * 2 < len(words)  # prose, not Title Case

    def byline_follows(self, doc: Document, index: int) -> bool:
        """Whether a byline that a rule removed comes within ``byline_window`` blocks after block
        ``index``, with no other candidate for the headline between them: a page prints its
        story's headline just above the byline (a teaser or a menu above the headline is not
        the line nearest the byline), and the headlines of other stories have none under them."""
        for block in doc.blocks[index + 1:index + 1 + self.byline_window]:
            removal = block.removal
            if removal is None:
                continue
            if removal.kind == "metadata" and removal.rule in self.byline_rules:
                return True
            if (self.removed_by_boilerplate(block) and is_headline(block.text, self.min_words, self.max_words)
                    and not self.is_ui(block.text)):
                return False  # another candidate is nearer the byline
        return False

    @staticmethod
    def removed_by_boilerplate(block: Block) -> bool:
        """Whether the boilerplate detector removed ``block``, but not as an item of a list of
        other stories: a headline-like one may still be the headline."""
        removal = block.removal
        return removal is not None and removal.rule in RECLAIMABLE and removal.reason not in NOT_RECLAIMABLE_REASONS
