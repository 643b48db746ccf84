"""One settings object with documented defaults; override key by key with ``Config(...)`` or
``config.replace(...)``."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class Config:
    """Settings of one cleaner. Every field has a default; pass only what you change.

    Rules
        rules_dirs: extra rule folders, loaded after the built-in rules; a rule with the id of
            a built-in rule replaces it.
        use_builtin_rules: load the rules shipped with the package.
        disabled_rules / disabled_kinds: rule or detector ids / kinds (``ui``, ``caption``, ...)
            that must not remove anything.
    Limits
        max_input_chars: longer inputs raise ``InputTooLargeError``.
        max_blocks: inputs with more non-blank lines raise ``InputTooLargeError`` (an article
            has hundreds; 100,000 one-character lines are an attack on the time budget).
        time_budget: seconds one document may take; over it, ``TimeBudgetExceeded``.
        max_block_chars: longer blocks are never matched by line/cut rules (cost bound).
    Layout
        head_blocks / tail_blocks: besides the blocks before the first and after the last
            paragraph of prose, how many blocks at each end count as ``head``/``tail``.
        prose_min_words: a block with at least this many words and a sentence end is prose.
        body_lead_words: the body starts at the first block of prose with this many words of
            prose up to it (half as many when more prose follows it), so that a standfirst or a
            caption above the byline leaves the byline in the head.
        split_min_words: glued lines of at least this many words (page furniture such as
            "Share this story", "Most Popular" or "Related: <headline>" after their start;
            text whose line breaks were lost) are split at sentence ends and around that
            furniture before the line rules and detectors judge them (0: never). Lines
            without such a marker are never split.
        split_max_pieces: a line that would fall into more pieces than this stays whole: no
            glued page holds that many blocks on one line (15 at most in the development set),
            while a hostile text of one marker or date repeated would make every piece a block.
        max_passes: the rules and detectors run again on what they kept until nothing more
            goes, at most this many times, so that cleaning a cleaned body changes nothing.
        cut_min_prose_words: a ``cut`` rule acts only after this many words of prose, so a
            marker in the head (a "Comments" button under the headline) never cuts the article.
        cut_refusing_paragraphs / cut_refusing_words / cut_refusing_window: the marker of a
            ``ui`` cut rule (a "Comments" or "Join the conversation" button) with this many
            paragraphs of at least this many words each among the next ``cut_refusing_window``
            blocks cuts nothing: that is the article going on past a stray button (its
            subheadings, lists and short lines between the paragraphs), not comments (which
            come with their authors' names and times: no block of the window may hold a clock
            time near its start, no paragraph open with a name and a colon) nor a list of links
            (0: no such check); when those paragraphs are on the
            article's subject: the cosine of their terms with the text's before the marker is
            at least ``cut_refusing_cohesion`` (another story appended under the button is not).
            The signature of a post the article embeds ("— Jane Doe (@jdoe) November 20, 2019")
            counts as such a paragraph, and its time as no comment's; so is a clock time alone
            on its line (a timeline's "4:14 p.m."), unless a short name-like line is above it.
        cut_refusing_min_terms: with fewer terms than this in the text before the marker (a
            lead of a few short paragraphs), its subject cannot be told and the paragraphs
            alone decide.
    Detectors
        detectors: names of the detectors to run, in order.
        detector_options: per-detector constructor arguments, e.g.
            ``{"duplicates": {"min_chars": 20}}``.
    HTML
        html_mode: ``auto`` (sniff), ``always`` or ``never`` treat the input as HTML.
    """

    rules_dirs: tuple[Path, ...] = ()
    use_builtin_rules: bool = True
    disabled_rules: frozenset[str] = frozenset()
    disabled_kinds: frozenset[str] = frozenset()

    max_input_chars: int = 5_000_000
    max_blocks: int = 20_000
    time_budget: float = 2.0
    max_block_chars: int = 800

    head_blocks: int = 0
    tail_blocks: int = 0
    prose_min_words: int = 12
    body_lead_words: int = 60
    cut_min_prose_words: int = 80
    cut_refusing_paragraphs: int = 2
    cut_refusing_words: int = 15
    cut_refusing_window: int = 6
    cut_refusing_cohesion: float = 0.10
    cut_refusing_min_terms: int = 30
    max_passes: int = 3
    split_min_words: int = 3
    split_max_pieces: int = 200

    detectors: tuple[str, ...] = (
        "glued_caption", "captions", "gallery_captions", "widgets", "datelines", "duplicates", "appended_story",
        "boilerplate", "teaser_cards", "title",
    )
    detector_options: dict = field(default_factory=dict, hash=False, compare=False)

    html_mode: str = "auto"

    def __post_init__(self) -> None:
        object.__setattr__(self, "rules_dirs", tuple(Path(p) for p in self.rules_dirs))
        object.__setattr__(self, "disabled_rules", frozenset(self.disabled_rules))
        object.__setattr__(self, "disabled_kinds", frozenset(self.disabled_kinds))
        if self.html_mode not in ("auto", "always", "never"):
            raise ValueError(f"html_mode must be auto, always or never, not {self.html_mode!r}")
        if self.time_budget <= 0 or self.max_input_chars <= 0:
            raise ValueError("time_budget and max_input_chars must be positive")

    def replace(self, **changes: object) -> Config:
        """A copy of this config with ``changes`` applied."""
        return dataclasses.replace(self, **changes)

    def is_disabled(self, rule_id: str, kind: str) -> bool:
        """Whether a rule or detector with this id and kind is switched off."""
        return rule_id in self.disabled_rules or kind in self.disabled_kinds


DEFAULT_CONFIG = Config()
