"""Writing and testing rules: a skeleton for a new rule, and what rules do on a corpus.

``write_skeleton`` starts a rule file with every field and example slots. ``corpus_report``
cleans a corpus of cases with gold bodies (``ID.raw.txt`` + ``ID.gold.txt``, in one folder or in
sub-folders) with and without the rules under test and reports, per rule, the blocks it removes,
those that hold gold article text (false removals) and the change of the mean token F1.
"""

from __future__ import annotations

import collections
import contextlib
import re
import shutil
import statistics
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from .config import Config
from .detectors import DETECTORS
from .engine import Cleaner
from .errors import CleanerError, RuleError
from .rules import KIND_NAME, RULE_ID, RULE_SUFFIXES, Rule, load_folder, load_rules, parse_rule, rule_files
from .rules import _read as read_rule_data  # the loader's own reading of one YAML/TOML file

PLACEHOLDER = "TODO"
CONTEXT_CHARS = 70
LONGEST_SHARED_RUN = 8
"""A removal shares gold text when this many consecutive tokens of it (or all of a shorter
removal) occur in the gold body in the same order."""
MIN_SHARED_TOKENS = 3
"""Removals with fewer tokens count as gold text only when they equal a whole gold line."""

SKELETON = """\
# A cleaner rule (README: "Rule format" and "Adding a rule for a new site").
# Replace every TODO, then check it:  cleaner rules test {path} --corpus DIR
id: {rule_id}
kind: {kind}
# line: the whole block must match | span: only the match goes, the rest of the line stays |
# cut: the matching block and everything after it go
scope: line
# head: only before the first paragraph of prose | tail: only after the last | head_or_body: above the tail | anywhere
where: anywhere
# line and cut rules for short residue: the longest block worth trying (optional; speed only)
# max_chars: 120
languages: [en]
description: >
  TODO: what this removes and on which site, e.g. the "Get breaking news on WhatsApp" line
  of example.com.
# The regex module's syntax; (?i) ignores case. Named groups published, updated, author and
# source fill the metadata; name any other group _like_this.
pattern: '(?i)TODO'
examples:
  # At least two of each, copied from real pages; no_match holds article sentences that look
  # like the residue but must stay.
  match:
    - "TODO: a block this rule must remove"
    - "TODO: another wording of it, from another page"
  no_match:
    - "TODO: an article sentence that resembles it and must stay"
    - "TODO: another one"
"""


class CorpusError(CleanerError):
    """A corpus folder without cases, or a case without its gold body."""

    code = "invalid_corpus"


def known_kinds() -> set[str]:
    """The kinds that the built-in rules and the detectors remove."""
    return {rule.kind for rule in load_rules()} | {d.kind for d in DETECTORS.values()}


def write_skeleton(rules_dir: Path, kind: str, rule_id: str) -> Path:
    """Write ``rules_dir/KIND/ID.yaml``, a rule with every field and example slots to fill in.

    Raises ``RuleError`` for a badly formed kind or id, and when a rule file with that id
    already exists in ``rules_dir`` (nothing is overwritten).
    """
    if not KIND_NAME.fullmatch(kind):
        raise RuleError(f"kind {kind!r}: use lowercase letters and '_' (e.g. ui, advertisement)")
    if not RULE_ID.fullmatch(rule_id):
        raise RuleError(f"id {rule_id!r}: use lowercase letters, digits, '-' and '_', "
                        "starting and ending with a letter or digit")
    if rules_dir.exists():
        existing = [p for p in rule_files(rules_dir) if p.stem == rule_id]
        if existing:
            raise RuleError(f"{existing[0]}: a rule file named {rule_id!r} exists already; not overwritten")
    path = rules_dir / kind / f"{rule_id}.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("x", encoding="utf-8") as out:  # "x": never overwrite, even in a race
        out.write(SKELETON.format(rule_id=rule_id, kind=kind, path=path))
    return path


def load_rule_path(path: Path) -> list[Rule]:
    """The validated rules of one rule file, or of every rule file under a folder."""
    if path.is_dir():
        return load_folder(path)
    if path.suffix not in RULE_SUFFIXES:
        raise RuleError(f"{path}: not a rule file ({', '.join(RULE_SUFFIXES)}) or a folder of them")
    return [parse_rule(read_rule_data(path), path)]


@contextlib.contextmanager
def staged(paths: Iterable[Path]) -> Iterator[Path]:
    """A temporary folder holding copies of the rule files ``paths``.

    The engine loads rules by folder and caches each folder's rules for the process; a fresh
    folder per test run means an edited rule file is always read again.
    """
    with tempfile.TemporaryDirectory(prefix="cleaner-rules-") as tmp:
        for number, path in enumerate(paths):
            shutil.copyfile(path, Path(tmp) / f"{number}-{Path(path).name}")
        yield Path(tmp)


def placeholder_problems(rules: Iterable[Rule]) -> list[str]:
    """A problem for each rule that still holds the skeleton's TODO placeholders."""
    problems = []
    for rule in rules:
        fields = {"description": [rule.description], "pattern": [rule.pattern.pattern],
                  "examples": [*rule.match_examples, *rule.no_match_examples]}
        left = [name for name, values in fields.items() if any(PLACEHOLDER in v for v in values)]
        if left:
            problems.append(f"{rule.path}: rule '{rule.id}' still has {PLACEHOLDER} placeholders in: {', '.join(left)}")
    return problems


# -- scoring: the definitions of ../shared/eval/score.py, repeated here because that folder is
#    not shipped with the package (users of ``cleaner rules test`` do not have it) -------------
TOKEN = re.compile(r"\w+", re.UNICODE)


def tokens(text: str) -> collections.Counter:
    """The bag of tokens (maximal runs of letters/digits, case-sensitive) of ``text``."""
    return collections.Counter(TOKEN.findall(text))


def prf(output: str, gold: str) -> tuple[float, float, float]:
    """Token precision, recall and F1 of ``output`` against ``gold`` (as eval/score.py)."""
    out, ref = tokens(output), tokens(gold)
    shared = sum((out & ref).values())
    p = shared / sum(out.values()) if out else (1.0 if not ref else 0.0)
    r = shared / sum(ref.values()) if ref else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


# -- the corpus ---------------------------------------------------------------------------------
@dataclass(frozen=True)
class Case:
    """One corpus case: the raw text and the gold body."""

    name: str
    raw: str
    gold: str

    @cached_property
    def gold_lines(self) -> set[str]:
        """The gold body's lines, whitespace collapsed."""
        return {" ".join(line.split()) for line in self.gold.splitlines() if line.strip()}

    @cached_property
    def gold_tokens(self) -> list[str]:
        """The gold body's tokens in order."""
        return TOKEN.findall(self.gold)

    def gold_runs(self, length: int) -> set[tuple[str, ...]]:
        """Every run of ``length`` consecutive gold tokens."""
        words = self.gold_tokens
        return {tuple(words[i:i + length]) for i in range(len(words) - length + 1)}

    def holds_gold_text(self, text: str) -> bool:
        """Whether removed ``text`` holds article text of the gold body: it is a whole gold line,
        or it shares ``LONGEST_SHARED_RUN`` consecutive tokens (all of them, if it has fewer but
        at least ``MIN_SHARED_TOKENS``) with the gold body."""
        if " ".join(text.split()) in self.gold_lines:
            return True
        words = TOKEN.findall(text)
        if len(words) < MIN_SHARED_TOKENS:
            return False
        length = min(len(words), LONGEST_SHARED_RUN)
        runs = self.gold_runs(length)
        return any(tuple(words[i:i + length]) in runs for i in range(len(words) - length + 1))


def load_corpus(folder: Path) -> list[Case]:
    """The cases under ``folder``: every ``ID.raw.txt`` (in it or its sub-folders) with the
    ``ID.gold.txt`` beside it. Raises ``CorpusError`` when there is none or a gold is missing."""
    if not folder.is_dir():
        raise CorpusError(f"{folder}: not a folder of ID.raw.txt / ID.gold.txt cases")
    cases = []
    for raw_path in sorted(folder.rglob("*.raw.txt")):
        stem = raw_path.name[: -len(".raw.txt")]
        gold_path = raw_path.with_name(f"{stem}.gold.txt")
        if not gold_path.is_file():
            raise CorpusError(f"{raw_path}: no gold body {gold_path.name} beside it")
        try:
            raw, gold = raw_path.read_text(encoding="utf-8"), gold_path.read_text(encoding="utf-8")
        except UnicodeDecodeError as error:
            raise CorpusError(f"{raw_path.parent}: case {stem} is not UTF-8 text: {error}") from None
        cases.append(Case(str(raw_path.relative_to(folder).parent / stem), raw, gold))
    if not cases:
        raise CorpusError(f"{folder}: no cases (ID.raw.txt with ID.gold.txt) in it")
    return cases


@dataclass(frozen=True)
class FalseRemoval:
    """A block a rule removed that holds gold article text, with the input around it."""

    case: str
    rule: str
    text: str
    before: str
    after: str


@dataclass(frozen=True)
class RuleOnCorpus:
    """What one rule does on the corpus, within the whole cleaner."""

    rule: Rule
    blocks: int
    """Removals recorded under the rule (blocks, pieces of lines, blocks after a cut)."""
    cases: int
    """Cases in which it removed anything."""
    false_removals: tuple[FalseRemoval, ...]
    f1_with: float
    f1_without: float
    """Mean F1 of the cleaner with only this rule disabled."""

    @property
    def f1_change(self) -> float:
        """What the rule adds to the mean F1 (negative: it makes the cleaner worse)."""
        return self.f1_with - self.f1_without


@dataclass(frozen=True)
class CorpusReport:
    """The rules under test on a corpus: each rule's effect and the whole cleaner's F1."""

    cases: int
    f1_with: float
    f1_without: float
    """Mean F1 with every rule under test disabled."""
    rules: tuple[RuleOnCorpus, ...]
    failures: tuple[str, ...] = field(default=())
    """``case: error`` for each case the cleaner failed on (scored as an empty output)."""

    @property
    def f1_change(self) -> float:
        """What the rules together add to the mean F1."""
        return self.f1_with - self.f1_without

    @property
    def flagged(self) -> tuple[RuleOnCorpus, ...]:
        """The rules that remove gold article text."""
        return tuple(r for r in self.rules if r.false_removals)


@dataclass
class _Run:
    f1: float
    outputs: list  # Cleaned or None per case
    failures: list[str]


def _run(cases: Sequence[Case], config: Config) -> _Run:
    cleaner = Cleaner(config)
    scores, outputs, failures = [], [], []
    for case in cases:
        try:
            result = cleaner.clean(case.raw)
        except CleanerError as error:  # scored as an empty output, like eval/score.py does
            result = None
            failures.append(f"{case.name}: {error}")
        outputs.append(result)
        scores.append(prf(result.text if result else "", case.gold)[2])
    return _Run(statistics.fmean(scores), outputs, failures)


def _context(source: str, start: int, end: int) -> tuple[str, str]:
    """Up to ``CONTEXT_CHARS`` of the input either side of a removal, cut at whole words."""
    before = source[max(0, start - CONTEXT_CHARS):start]
    after = source[end:end + CONTEXT_CHARS]
    before_words, after_words = before.split(), after.split()
    if start > CONTEXT_CHARS and not source[start - CONTEXT_CHARS - 1].isspace():
        before_words = before_words[1:]  # the first word is cut
    if end + CONTEXT_CHARS < len(source) and not source[end + CONTEXT_CHARS].isspace():
        after_words = after_words[:-1]  # the last word is cut
    return " ".join(before_words), " ".join(after_words)


def corpus_report(rules: Sequence[Rule], cases: Sequence[Case], base: Config | None = None) -> CorpusReport:
    """Clean ``cases`` with ``rules`` added to the cleaner (``base`` config, default the
    built-in rules) and with them disabled, and report what each rule removes and its F1 change.

    "Without" disables the rule ids; a rule that replaces a built-in rule of the same id is
    compared with neither of the two.
    """
    base = base or Config()
    ids = frozenset(rule.id for rule in rules)
    with staged([Path(rule.path) for rule in rules]) as folder:
        with_config = base.replace(rules_dirs=(*base.rules_dirs, folder))
        with_rules = _run(cases, with_config)
        without_all = _run(cases, with_config.replace(disabled_rules=base.disabled_rules | ids))
        per_rule = []
        for rule in rules:
            if len(rules) == 1:
                without_f1 = without_all.f1
            else:
                without_f1 = _run(cases, with_config.replace(disabled_rules=base.disabled_rules | {rule.id})).f1
            blocks, touched, false = 0, 0, []
            for case, result in zip(cases, with_rules.outputs, strict=True):
                mine = [r for r in (result.removed if result else ()) if r.rule == rule.id]
                blocks += len(mine)
                touched += bool(mine)
                for removal in mine:
                    if case.holds_gold_text(removal.text):
                        before, after = _context(result.source, removal.start, removal.end)
                        false.append(FalseRemoval(case.name, rule.id, removal.text, before, after))
            per_rule.append(RuleOnCorpus(rule, blocks, touched, tuple(false), with_rules.f1, without_f1))
    return CorpusReport(len(cases), with_rules.f1, without_all.f1, tuple(per_rule),
                        tuple(with_rules.failures))
