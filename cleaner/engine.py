"""The cleaning pipeline: decode, extract HTML, segment, apply rules, run detectors, assemble."""

from __future__ import annotations

import itertools
from collections.abc import Iterable

import regex

from . import decode, extract
from .clock import Clock, call_before_deadline
from .config import DEFAULT_CONFIG, Config
from .dates import to_iso
from .detectors import build_detectors
from .detectors.base import Finding
from .document import MISSING, Block, Cleaned, Document, Removal
from .errors import InputTooLargeError, TimeBudgetExceeded
from .layout import REGIONS, Layout, word_count
from .literals import Gate
from .matcher import CombinedRules
from .rules import Rule, load_rules
from .segment import excise, segment, split_block
from .sentences import sentence_cuts, split_sentences
from .text_stats import INTERVIEW_ANSWER, INTERVIEW_QUESTION, block_terms, cosine, is_label, terms_of

DATE_FIELDS = ("published", "updated")
# "Jane Doe: I agree ...", "@jdoe: ...": a comment printed after its author's name, which is
# written in lower case after its capital (an interview's "Q:", an advice column's "DEAR ABBY:"
# and an "UPDATE:" are the article's).
COMMENT_HEAD = regex.compile(r"[\p{Lu}@]\p{Ll}[\p{L}\p{N}._'’-]*(?:\s+\p{Lu}[\p{L}.'’-]*){0,3}\s*:\s")
# A comment's clock time ("7:07 pm", "19:07", "7 p.m."); not a price, a percentage or a dotted
# date ("$9.99", "16.057%", "2018.04.05"), which the article's paragraphs hold.
MERIDIEM = r"[AaPp]\.?\s?[Mm]\.?"
COMMENT_TIME = regex.compile(rf"(?<![\d.,$€£])(?:\d{{1,2}}:\d{{2}}(?!\d)|\d{{1,2}}(?:[:.]\d{{2}})?\s*{MERIDIEM}(?!\p{{L}}))")
# The signature under a post the article embeds ("— Jane Doe (@jdoe) November 19, 2019",
# "A post shared by Jane Doe (@jdoe) on Nov 19, 2019 at 4:02pm PST"): the article's, never a
# comment's; after a comments button it counts as a paragraph of the article going on.
EMBED_SIGNATURE = regex.compile(
    r"(?:[—–―-]\s*|(?i:a (?:post|video|photo) shared by)\s+)[^\n()]{1,80}\(@\w{1,30}\)\s*(?:on\s+)?"
    r"\p{L}{3,9}\.?\s+\d{1,2},\s+\d{4}\b")
# A clock time alone on its line ("4:14 p.m.", "10:32 GMT"): a live blog's or a timeline's entry,
# not a comment's stamp, which comes with its date or under its author's name.
TIMELINE_TIME = regex.compile(
    rf"\s*(?:\d{{1,2}}:\d{{2}}|\d{{1,2}}(?::\d{{2}})?\s*{MERIDIEM})(?:\s*{MERIDIEM})?"
    r"(?:\s+(?:GMT|UTC|BST|CET|CEST|[ECMP][SD]T|ET|PT|local time))?\s*")
# How far into a block a comment's time stamp may sit ("Jane Doe August 8, 2018 at 7:07 pm ...").
COMMENT_STAMP_CHARS = 100
# How many kept blocks before a cut marker stand for the article when its subject is compared.
COHESION_BLOCKS = 60
# An article has a stray comments button or two; a page of thousands of them followed by text is
# an attack on the time budget: after this many refusals a marker cuts as any other.
MAX_REFUSED_CUTS = 5
# a ui marker of at most so many words that cuts nothing is removed alone ("Show comments",
# "Leave a comment below"); a longer one may be a sentence of the article
MARKER_ONLY_MAX_WORDS = 6
# the endings of a paragraph that line rules are tried on (``apply_line_rules_to_endings``)
ENDING_MAX_SENTENCES = 2
ENDING_MAX_WORDS = 20
ENDING_MAX_CHARS = 250
COPYRIGHT_SIGN = regex.compile(r"(?<=[.!?]\s+)[©ⓒ]")


def record_metadata(doc: Document, groups: dict[str, str | None]) -> None:
    """Fill ``doc.metadata`` from a match's named groups; the first value found wins."""
    for name, value in groups.items():
        if not value or name.startswith("_") or name in doc.metadata:
            continue
        value = " ".join(value.split())
        if name in DATE_FIELDS:
            value = to_iso(value)
        if value:
            doc.metadata[name] = value


class Cleaner:
    """A configured cleaner: rules compiled and detectors built once, reused for every call."""

    def __init__(self, config: Config | None = None) -> None:
        self.config = config or DEFAULT_CONFIG
        rules = [r for r in load_rules(self.config.rules_dirs, self.config.use_builtin_rules)
                 if not self.config.is_disabled(r.id, r.kind)]
        self.rules: tuple[Rule, ...] = tuple(rules)
        # one gate over all rules: one Aho-Corasick pass per block says which rules to try
        self.gate = Gate(r.gate for r in rules)
        self.span_rules = tuple(r for r in rules if r.scope == "span")
        self.span_bits = tuple(1 << i for i, r in enumerate(rules) if r.scope == "span")
        # per bit, its span rule; per (in head, in tail), the bits of the span rules allowed there
        self.span_rule_of_bit = dict(zip(self.span_bits, self.span_rules, strict=True))
        self.span_mask = {position: sum(bit for bit, rule in self.span_rule_of_bit.items() if rule.where in allowed)
                          for position, allowed in REGIONS.items()}
        self.line_rules = self.combined(rules, "line", "fullmatch")
        self.cut_rules = self.combined(rules, "cut", "match")
        self.detectors = tuple(d for d in build_detectors(self.config)
                               if not self.config.is_disabled(d.name, d.kind))

    def combined(self, rules: list[Rule], scope: str, method: str) -> CombinedRules:
        """The rules of one scope matched together, sharing this cleaner's gate."""
        chosen = [(i, r) for i, r in enumerate(rules) if r.scope == scope]
        return CombinedRules([r for _, r in chosen], method, self.gate, [i for i, _ in chosen])

    def possible(self, block: Block) -> int:
        """The gate's mask for the block: which rules can match it; computed once per block."""
        mask = block.memo.get(self.gate)  # Block.measure, without its call: asked for per block and scope
        if mask is None:
            mask = block.memo[self.gate] = gate_mask(block.text, self.gate)
        return mask

    # -- public -----------------------------------------------------------------------------
    def clean(self, data: str | bytes) -> Cleaned:
        """Clean one article (text or HTML, ``str`` or ``bytes``)."""
        clock = Clock(self.config.time_budget)
        text = decode.to_text(data)
        if len(text) > self.config.max_input_chars:
            raise InputTooLargeError(
                f"input has {len(text):,} characters; the limit is {self.config.max_input_chars:,}")
        decode.require_text(text)
        input_format, html_meta, code = "text", {}, []
        if extract.is_html(text, self.config.html_mode):
            input_format = "html"
            text, html_meta, code = extract.html_to_text(text)
            decode.require_text(text, what="the text extracted from the HTML")
        blocks = segment(text)
        if code:
            mark_preformatted(blocks, code)
        if len(blocks) > self.config.max_blocks:
            raise InputTooLargeError(
                f"input has {len(blocks):,} lines; the limit is {self.config.max_blocks:,}")
        try:
            # the engine checks the clock between steps; the alarm also ends a step that runs
            # long (a detector gone quadratic on some input) at the deadline
            doc = call_before_deadline(clock, lambda: self.run_to_fixed_point(Document(text, blocks), clock))
        except TimeoutError:  # a regex call ran out of its share of the budget
            raise TimeBudgetExceeded(
                f"cleaning took longer than the time budget of {self.config.time_budget:g} s") from None
        title = doc.title or html_meta.pop("title", None)
        metadata = {**{k: v for k, v in html_meta.items() if v}, **doc.metadata}
        return Cleaned(text=assemble(doc.blocks), title=title, metadata=metadata,
                       removed=doc.removals(), source=text, input_format=input_format)

    def run_to_fixed_point(self, doc: Document, clock: Clock) -> Document:
        """Run, then run again on what was kept until nothing more is removed (at most
        ``Config.max_passes`` runs), so that cleaning a cleaned body changes nothing: with the
        residue above it gone, a block can newly look like a headline or a byline."""
        given = [(b.start, b.end) for b in doc.blocks]
        doc = self.run(doc, clock)
        removed = [b for b in doc.blocks if not b.kept]
        if not removed and [(b.start, b.end) for b in doc.blocks] == given:
            return remove_refused_markers(doc, doc.refused_markers)  # the next pass would see what this one saw
        last = doc
        for _ in range(self.config.max_passes - 1):
            again = last = Document(doc.source, [b.carried() for b in doc.blocks if b.kept],
                                    metadata=doc.metadata, title=doc.title)
            again = self.run(again, clock)
            newly_removed = [b for b in again.blocks if not b.kept]
            if not newly_removed:
                break
            removed.extend(newly_removed)
            doc = again
        kept = [b for b in doc.blocks if b.kept]
        doc.blocks = sorted(removed + kept, key=lambda b: (b.start, b.end))
        # markers left standing are removed only now: a later pass, with more residue gone,
        # may still find that one cuts
        return remove_refused_markers(doc, last.refused_markers)

    def run(self, doc: Document, clock: Clock) -> Document:
        """Apply the rules and the detectors to ``doc``, in place; returns it."""
        self.apply_span_rules(doc, clock)
        self.split_long_blocks(doc)
        self.apply_line_rules(doc, clock)
        self.apply_cut_rules(doc, clock)
        layout = self.layout(doc.blocks)
        for detector in self.detectors:
            clock.check()
            findings = list(detector.find(doc, layout))
            if findings:
                self.apply_findings(doc, detector.name, detector.kind, findings)
                layout = self.layout(doc.blocks)
        self.apply_line_rules_to_endings(doc, layout, clock)
        return doc

    def layout(self, blocks: list[Block]) -> Layout:
        """The head/tail layout of ``blocks`` under this config."""
        c = self.config
        return Layout.of(blocks, min_words=c.prose_min_words, head_blocks=c.head_blocks,
                         tail_blocks=c.tail_blocks, lead_words=c.body_lead_words)

    def split_long_blocks(self, doc: Document) -> None:
        """Split glued lines of ``split_min_words`` words or more (see ``sentences.glued_cuts``)
        into pieces of their line, joined again in the output when kept, so that residue glued
        to prose can be judged on its own."""
        if not self.config.split_min_words:
            return
        out: list[Block] = []
        min_words = self.config.split_min_words
        for block in doc.blocks:
            if block.removal is None and block.word_count >= min_words and not block.preformatted:
                out.extend(split_sentences(block, self.config.split_max_pieces))
            else:
                out.append(block)
        doc.blocks = out

    # -- rules ------------------------------------------------------------------------------
    def apply_span_rules(self, doc: Document, clock: Clock) -> None:
        """Remove the spans that ``span`` rules match, splitting their blocks into pieces (an
        ``inline`` rule's span is cut out of its block instead, which stays one block)."""
        if not self.span_rules:
            return
        layout = self.layout(doc.blocks)
        out: list[Block] = []
        for index, block in enumerate(doc.blocks):
            if block.preformatted:
                out.append(block)
                continue
            key = ("span", (index <= layout.head_end, index >= layout.tail_start))
            spans = block.memo.get(key, MISSING)  # Block.measure, without the gate asked on a hit
            if spans is MISSING:
                spans = block.memo[key] = self.find_spans(block.text, layout, index, clock, self.possible(block))
            if not spans:
                out.append(block)
                continue
            for match in (m for _, _, _, m in spans):
                record_metadata(doc, match.groupdict())
            chosen = non_overlapping([(a, b, rule) for a, b, rule, _ in spans])
            inline = [(a, b, rule) for a, b, rule in chosen if rule.inline and is_inside(block.text, a, b)]
            if inline:
                # the sentence stays one block; the other spans are looked for again in it
                block = excise(block, [(a, b, r.kind, r.id) for a, b, r in inline], doc.source)
                chosen = non_overlapping([(a, b, rule) for a, b, rule, _ in self.find_spans(
                    block.text, layout, index, clock, self.possible(block)) if not rule.inline])
                if not chosen:
                    out.append(block)
                    continue
            for piece, is_cut in split_block(block, [(a, b) for a, b, _ in chosen]):
                if is_cut:
                    rule = _rule_for(piece, block, chosen)
                    piece.removal = Removal(rule.kind, rule.id, piece.text, piece.start, piece.end)
                out.append(piece)
        doc.blocks = out

    def find_spans(self, text: str, layout: Layout, index: int, clock: Clock,
                   possible: int) -> list[tuple[int, int, Rule, object]]:
        """The non-empty matches of the span rules in ``text``, a block at ``index``;
        ``possible``: the gate's mask for it."""
        spans = []
        timeout = clock.regex_timeout()
        wanted = possible & self.span_mask[layout.in_head(index), layout.in_tail(index)]
        while wanted:  # the rules the gate and the layout allow, lowest bit (first rule) first
            bit = wanted & -wanted
            wanted ^= bit
            rule = self.span_rule_of_bit[bit]
            found = rule.pattern.finditer(text) if timeout is None else rule.pattern.finditer(text, timeout=timeout)
            spans.extend((m.start(), m.end(), rule, m) for m in found if m.end() > m.start())
        return spans

    def first_match(self, rules: CombinedRules, scope: str, block: Block, layout: Layout, index: int,
                    clock: Clock) -> tuple[Rule, object] | None:
        """The first of ``rules`` (one scope's) that matches the block at ``index``, and its
        match; memoised per block and position (head, tail)."""
        head, tail = index <= layout.head_end, index >= layout.tail_start
        key = (scope, head, tail)
        found = block.memo.get(key, MISSING)  # Block.measure, without the gate and clock asked on a hit
        if found is MISSING:
            found = block.memo[key] = rules.find(block.text, head, tail, clock.regex_timeout(), self.possible(block))
        return found

    def apply_line_rules(self, doc: Document, clock: Clock) -> None:
        """Remove each block that a ``line`` rule matches whole."""
        layout = self.layout(doc.blocks)
        limit = self.config.max_block_chars
        line_rules = self.line_rules
        for index, block in enumerate(doc.blocks):
            if block.removal is not None or len(block.text) > limit or block.preformatted:
                continue
            found = self.first_match(line_rules, "line", block, layout, index, clock)
            if found:
                rule, match = found
                record_metadata(doc, match.groupdict())
                doc.remove(index, rule.kind, rule.id)

    def apply_line_rules_to_endings(self, doc: Document, layout: Layout, clock: Clock) -> None:
        """Take off a kept block's last sentences (one to ``ENDING_MAX_SENTENCES``, of
        ``ENDING_MAX_WORDS`` words at most) when a ``line`` rule matches them whole: residue a
        scraper ran into the end of a paragraph ("... become available. Copyright 2019 The
        Ledger. All rights reserved.", "... he said. Follow us on Twitter"). The longest such
        ending goes; the paragraph stays. ``layout``: the blocks' layout as the detectors left it."""
        if not self.config.split_min_words:
            return
        limit = self.config.max_block_chars
        min_words = self.config.split_min_words
        out: list[Block] = []
        for index, block in enumerate(doc.blocks):
            ending = None
            if (block.removal is None and block.word_count >= min_words and len(block.text) <= limit
                    and not block.preformatted):
                key = ("ending", index <= layout.head_end, index >= layout.tail_start)
                ending = block.memo.get(key, MISSING)  # Block.measure, without the clock asked on a hit
                if ending is MISSING:
                    ending = block.memo[key] = self.residue_ending(block.text, key[1], key[2], clock.regex_timeout())
            if ending is None:
                out.append(block)
                continue
            start, rule, match = ending
            record_metadata(doc, match.groupdict())
            for piece, is_cut in split_block(block, [(start, len(block.text))]):
                if is_cut:
                    piece.removal = Removal(rule.kind, rule.id, piece.text, piece.start, piece.end)
                out.append(piece)
        doc.blocks = out

    def residue_ending(self, text: str, head: bool, tail: bool,
                       timeout: float | None) -> tuple[int, Rule, object] | None:
        """Where the longest ending of ``text`` that a line rule matches whole starts, the rule
        and its match; None when no ending is residue."""
        # only the end can hold the endings tried: no need to find the sentences before it
        window = max(0, len(text) - ENDING_MAX_CHARS)
        end = text[window:]
        starts = [window + s for s in sentence_cuts(end) if window + s > 0][-ENDING_MAX_SENTENCES:]
        # a copyright notice opens with its sign, which no sentence start sees
        signs = ([window + m.start() for m in COPYRIGHT_SIGN.finditer(end) if window + m.start() > 0]
                 if "©" in end or "ⓒ" in end else [])
        starts = sorted(set(starts) | set(signs[-1:]))
        for start in starts:
            ending = text[start:].strip()
            if word_count(ending) > ENDING_MAX_WORDS:
                continue
            found = self.line_rules.find(ending, head, tail, timeout)
            if found is not None:
                return start, found[0], found[1]
        return None

    def apply_cut_rules(self, doc: Document, clock: Clock) -> None:
        """From the first block after the body's start that a ``cut`` rule matches, remove
        everything; a later block that matches another cut rule is recorded under that rule.
        A marker among widget residue is a button, not a section, and cuts nothing; nor does a
        page furniture marker (kind ``ui``: "Comments", "Join the conversation") above more of
        the article (``article_goes_on``). A ``ui`` marker of ``MARKER_ONLY_MAX_WORDS`` words at
        most that cuts nothing (refused, above the body, among widgets) goes alone once the
        passes are done, when it is its whole block (reason ``marker_only``). A disclaimer's marker heads paragraphs of legal prose
        and cuts them."""
        if not self.cut_rules.rules:
            return
        layout = self.layout(doc.blocks)
        limit = self.config.max_block_chars
        min_words = self.config.cut_min_prose_words
        doc.refused_markers.clear()
        current: Rule | None = None
        prose_words = 0
        refused = 0  # markers that article_goes_on kept from cutting
        prose_min_words = self.config.prose_min_words
        cut_rules = self.cut_rules
        for index, block in enumerate(doc.blocks):
            kept = block.removal is None
            if current is None and kept and block.is_prose(prose_min_words):
                prose_words += block.word_count
            found = None
            if kept and len(block.text) <= limit and not block.preformatted:
                found = self.first_match(cut_rules, "cut", block, layout, index, clock)
            if found:
                rule, match = found
                cuts = index > layout.first_prose and prose_words >= min_words and not in_toolbar(doc.blocks, index)
                if (cuts and current is None and rule.kind == "ui" and refused < MAX_REFUSED_CUTS
                        and self.article_goes_on(doc.blocks, index)):
                    refused += 1
                    cuts = False
                if cuts:
                    current = rule
                    doc.remove(index, rule.kind, rule.id)
                elif (current is None and rule.kind == "ui" and match.end() >= len(block.text.rstrip())
                      and block.word_count <= MARKER_ONLY_MAX_WORDS):
                    # a button or heading that cuts nothing here is page furniture all the same
                    # (a sentence that a marker's pattern takes whole may be the article's)
                    doc.refused_markers[block.start, block.end] = (rule.kind, rule.id)
            if current is not None:
                doc.remove(index, current.kind, current.id, "after_cut")

    def article_goes_on(self, blocks: list[Block], index: int) -> bool:
        """Whether the article goes on after the marker at block ``index``: among the next
        ``cut_refusing_window`` kept blocks, ``cut_refusing_paragraphs`` or more are paragraphs
        of prose of ``cut_refusing_words`` words or more (a subheading, a list or a short line
        between them is the article's too), no block of the window holds a clock time near its
        start (a comment's "August 8, 2018 at 7:07 pm" line, or "Jane Doe August 8, 2018 at 7:07
        pm Thanks ..."), none of the paragraphs opens with a commenter's name ("Jane Doe: ..."),
        and the paragraphs are on the article's subject (their terms' cosine with the kept text before the marker at least
        ``cut_refusing_cohesion``, unless that text has fewer than ``cut_refusing_min_terms``
        terms): the article's text, which a marker above it must not cut. The signature of an
        embedded post counts as a paragraph, and its time as no comment's; nor is a clock time
        alone on its line (a timeline's "4:14 p.m.") unless a name-like line is above it. An
        interview's question and answer in the window ("Q: ...", "A: ...") go on whatever
        their length and subject (``interview_goes_on``)."""
        wanted = self.config.cut_refusing_paragraphs
        if not wanted:
            return False
        line = blocks[index].line  # the rest of the marker's own line is not what follows it
        window = list(itertools.islice(
            (b for b in itertools.islice(blocks, index + 1, None) if b.kept and not (b.piece and b.line == line)),
            max(wanted, self.config.cut_refusing_window)))
        if interview_goes_on(window):
            return True
        embeds = [EMBED_SIGNATURE.match(b.text) is not None for b in window]
        if any(COMMENT_TIME.search(b.text[:COMMENT_STAMP_CHARS]) and not embed
               and not (TIMELINE_TIME.fullmatch(b.text) and not names_before(window, position))
               for position, (b, embed) in enumerate(zip(window, embeds, strict=True))):
            return False
        following = [b for b, embed in zip(window, embeds, strict=True) if embed or (
            b.word_count >= self.config.cut_refusing_words and b.is_prose(self.config.prose_min_words))]
        if len(following) < wanted or any(COMMENT_HEAD.match(b.text) for b in following):
            return False
        # on the article's subject: another story appended under the button is no continuation;
        # the text before is read back COHESION_BLOCKS kept blocks at most (a page of thousands
        # of such markers must not make this quadratic)
        earlier = (blocks[j] for j in range(index - 1, -1, -1) if blocks[j].kept)
        before = terms_of(block_terms(b) for b in itertools.islice(earlier, COHESION_BLOCKS))
        if before.total() < self.config.cut_refusing_min_terms:
            return True  # too little article above to tell its subject: the paragraphs decide
        return cosine(before, terms_of(block_terms(b) for b in following)) >= self.config.cut_refusing_cohesion

    # -- detectors --------------------------------------------------------------------------
    @staticmethod
    def apply_findings(doc: Document, name: str, kind: str, findings: Iterable[Finding]) -> None:
        """Apply one detector's findings: removals, removed spans, cuts and the title."""
        for finding in sorted(findings, key=lambda f: f.index, reverse=True):
            block = doc.blocks[finding.index]
            if block.preformatted:
                continue  # a line of code is no headline and opens no cut; it goes only after one
            found_kind = finding.kind or kind
            if found_kind == "title":  # may reclaim a block another detector removed
                doc.title = block.text
                block.removal = Removal(found_kind, name, block.text, block.start, block.end, finding.reason)
                continue
            if not block.kept:
                continue
            if finding.span is not None:
                pieces = split_block(block, [finding.span])
                for piece, is_cut in pieces:
                    if is_cut:
                        piece.removal = Removal(found_kind, name, piece.text, piece.start,
                                                piece.end, finding.reason)
                doc.blocks[finding.index:finding.index + 1] = [p for p, _ in pieces]
                continue
            if finding.cut:
                for index in range(finding.index, len(doc.blocks)):
                    doc.remove(index, found_kind, name,
                               finding.reason if index == finding.index else "after_cut")
                continue
            doc.remove(finding.index, found_kind, name, finding.reason)


def mark_preformatted(blocks: list[Block], code: list[tuple[int, int]]) -> None:
    """Mark the blocks at the offsets ``code`` (the lines of HTML input's code blocks, in
    order) as ``preformatted``."""
    lines = iter(code)
    line = next(lines, None)
    for block in blocks:
        while line is not None and line[1] <= block.start:  # lines before this block
            line = next(lines, None)
        if line is None:
            return
        if line == (block.start, block.end):
            block.preformatted = True


def remove_refused_markers(doc: Document, markers: dict[tuple[int, int], tuple[str, str]]) -> Document:
    """Remove the kept blocks at ``markers``' offsets under their rules (reason
    ``marker_only``); returns ``doc``."""
    for index, block in enumerate(doc.blocks):
        found = markers.get((block.start, block.end))
        if found is not None:
            doc.remove(index, *found, "marker_only")
    return doc


def gate_mask(text: str, gate: Gate) -> int:
    """``gate``'s mask for ``text`` (case-folded first, as gates compare)."""
    return gate.mask(text.casefold())


def _rule_for(piece: Block, block: Block, chosen: list[tuple[int, int, Rule]]) -> Rule:
    offset = piece.start - block.start
    for a, b, rule in chosen:
        if a <= offset < b:
            return rule
    return chosen[0][2]


def interview_goes_on(window: list[Block]) -> bool:
    """Whether ``window`` (the kept blocks after a marker) holds an interview's question and its
    answer ("Q: ..." and "A: ..."): the article goes on."""
    return (any(INTERVIEW_QUESTION.match(b.text) for b in window)
            and any(INTERVIEW_ANSWER.match(b.text) for b in window))


def names_before(window: list[Block], position: int) -> bool:
    """Whether the block before ``window[position]`` is a short line that can be a commenter's
    name ("Jane Doe" above "3:17 pm"): at most four words, a capital, no sentence end."""
    if position == 0:
        return False
    before = window[position - 1]
    return is_label(before, 4) and before.text[:1].isupper()


def in_toolbar(blocks: list[Block], index: int) -> bool:
    """Whether the block sits among widget residue (a "Comments" button in a share bar is no
    comments section): the blocks on both sides were removed as ``ui``."""
    return all(0 <= j < len(blocks) and blocks[j].removal is not None and blocks[j].removal.kind == "ui"
               for j in (index - 1, index + 1))


def is_inside(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` has words on both sides of it."""
    return bool(text[:start].strip()) and bool(text[end:].strip())


def non_overlapping(spans: list[tuple[int, int, Rule]]) -> list[tuple[int, int, Rule]]:
    """The spans sorted by start, dropping any that overlaps one already taken."""
    chosen: list[tuple[int, int, Rule]] = []
    for a, b, rule in sorted(spans, key=lambda s: (s[0], -s[1])):
        if not chosen or a >= chosen[-1][1]:
            chosen.append((a, b, rule))
    return chosen


def assemble(blocks: list[Block]) -> str:
    """The kept blocks, one paragraph per line. Kept pieces of one input line that were next
    to each other (sentences of a split block) stay on one line; pieces with a removal between
    them go on lines of their own, so every line is a piece of the input."""
    lines: list[str] = []
    previous: Block | None = None
    for block in blocks:
        if block.kept:
            if previous is not None and previous.kept and block.piece and block.line == previous.line:
                lines[-1] += " " + block.text
            else:
                lines.append(block.text)
        previous = block
    return "\n".join(lines)


_CLEANERS: dict[str, Cleaner] = {}


def cleaner_for(config: Config | None) -> Cleaner:
    """A cached ``Cleaner`` for ``config`` (rules are compiled once per distinct config)."""
    key = repr(config or DEFAULT_CONFIG)
    found = _CLEANERS.get(key)
    if found is None:
        if len(_CLEANERS) >= 16:
            _CLEANERS.clear()
        found = _CLEANERS[key] = Cleaner(config)
    return found
