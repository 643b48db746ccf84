"""Measure the cleaner on a corpus of cases with gold bodies (``ID.raw.txt`` + ``ID.gold.txt``),
with the metrics of the project's scorer: bag-of-words precision/recall/F1, content kept and
noise removed; and, where the folder has an ``expected.json`` (as ``seeds/``), whether the
snippets it lists for a case (``must_keep``, ``must_remove``) stay in or leave the output."""

from __future__ import annotations

import json
import re
import statistics
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from .config import Config
from .engine import cleaner_for
from .errors import CleanerError
from .rule_authoring import Case, CorpusError, load_corpus, prf, tokens


def noise_and_content(raw: str, output: str, gold: str) -> tuple[float, float]:
    """Share of the raw text's noise tokens (raw minus gold) that the output dropped, and share
    of the gold tokens that the output kept (as eval/score.py defines them)."""
    raw_t, out_t, gold_t = tokens(raw), tokens(output), tokens(gold)
    noise = raw_t - gold_t
    dropped = raw_t - out_t
    removed = sum((noise & dropped).values()) / sum(noise.values()) if noise else 1.0
    kept = sum((out_t & gold_t).values()) / sum(gold_t.values()) if gold_t else 1.0
    return removed, kept


INLINE_SPACES = re.compile(r"[^\S\n]+")
EXPECTED_FILE = "expected.json"


def normalise(text: str) -> str:
    """Lines trimmed, blank ones dropped."""
    return "\n".join(line.strip() for line in text.splitlines() if line.strip())


@dataclass(frozen=True)
class CaseScore:
    """The scores of one case, and which rules removed the most gold tokens from it."""

    name: str
    precision: float
    recall: float
    f1: float
    noise_removed: float
    content_kept: float
    exact: bool
    error: str | None = None
    lost_by: tuple[tuple[str, int], ...] = ()
    keep_checked: int = 0
    """``must_keep`` snippets found in the input (those absent from it are not checked)."""
    keep_missed: tuple[str, ...] = ()
    """``must_keep`` snippets found in the input that the output lost."""
    remove_checked: int = 0
    remove_missed: tuple[str, ...] = ()
    """``must_remove`` snippets found in the input that the output still holds."""


@dataclass(frozen=True)
class Snippets:
    """What a case's output must hold and must not hold (``expected.json``'s lists)."""

    must_keep: tuple[str, ...] = ()
    must_remove: tuple[str, ...] = ()

    def checked(self, raw: str) -> tuple[list[str], list[str]]:
        """The snippets ``raw`` holds (runs of spaces and tabs count as one space; a line break
        in a snippet must be one in the text): only those are checked, as the input may lack a
        snippet written for another rendering of the page."""
        flat = INLINE_SPACES.sub(" ", raw)

        def held(snippets: tuple[str, ...]) -> list[str]:
            return [s for s in (INLINE_SPACES.sub(" ", s) for s in snippets) if s.strip() and s in flat]

        return held(self.must_keep), held(self.must_remove)


@dataclass(frozen=True)
class CorpusScore:
    """The scores of every case of a corpus folder, and their means."""

    folder: str
    cases: tuple[CaseScore, ...] = field(default_factory=tuple)

    def snippet_totals(self) -> tuple[int, int, int, int]:
        """(must-keep checked, kept, must-remove checked, removed) over the cases."""
        keep = sum(c.keep_checked for c in self.cases)
        remove = sum(c.remove_checked for c in self.cases)
        return (keep, keep - sum(len(c.keep_missed) for c in self.cases),
                remove, remove - sum(len(c.remove_missed) for c in self.cases))

    def mean(self, metric: str) -> float:
        """The mean of ``metric`` over the cases."""
        return statistics.fmean(getattr(c, metric) for c in self.cases) if self.cases else 0.0

    @property
    def exact(self) -> int:
        """How many outputs equal their gold body."""
        return sum(c.exact for c in self.cases)


def score_case(case: Case, config: Config | None = None, snippets: Snippets | None = None) -> CaseScore:
    """Clean one case and score it (and check its ``snippets``); a cleaning error scores zero
    and is reported."""
    try:
        result = cleaner_for(config).clean(case.raw)
    except CleanerError as error:
        return CaseScore(case.name, 0.0, 0.0, 0.0, 0.0, 0.0, False, error=f"{error.code}: {error}")
    p, r, f = prf(result.text, case.gold)
    removed, kept = noise_and_content(case.raw, result.text, case.gold)
    gold_t = tokens(case.gold)
    lost: Counter[str] = Counter()
    for removal in result.removed:
        shared = sum((tokens(removal.text) & gold_t).values())
        if shared and case.holds_gold_text(removal.text):
            lost[f"{removal.rule}/{removal.reason}" if removal.reason else removal.rule] += shared
    keep, remove = snippets.checked(case.raw) if snippets else ([], [])
    output = INLINE_SPACES.sub(" ", result.text)
    return CaseScore(case.name, p, r, f, removed, kept, normalise(result.text) == normalise(case.gold),
                     lost_by=tuple(lost.most_common(3)),
                     keep_checked=len(keep), keep_missed=tuple(s for s in keep if s not in output),
                     remove_checked=len(remove), remove_missed=tuple(s for s in remove if s in output))


def load_snippets(folder: Path) -> dict[str, Snippets]:
    """The snippets of ``folder/expected.json`` by case name (none when there is no such file).
    Raises ``CorpusError`` when the file is not a JSON object of objects."""
    path = folder / EXPECTED_FILE
    if not path.is_file():
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return {name: Snippets(tuple(entry.get("must_keep", ())), tuple(entry.get("must_remove", ())))
                for name, entry in data.items()}
    except (ValueError, AttributeError, TypeError) as error:
        raise CorpusError(f"{path}: not a JSON object of cases with must_keep / must_remove lists: {error}") from None


def score_corpus(folder: Path, config: Config | None = None) -> CorpusScore:
    """Score every case under ``folder`` (and check the snippets of its ``expected.json``)."""
    snippets = load_snippets(folder)
    return CorpusScore(str(folder), tuple(score_case(case, config, snippets.get(case.name))
                                          for case in load_corpus(folder)))


def format_table(scores: list[CorpusScore]) -> str:
    """A Markdown table: one row per corpus folder."""
    lines = ["| corpus | cases | F1 mean | precision | recall | content kept | noise removed | exact |",
             "|---|---|---|---|---|---|---|---|"]
    for s in scores:
        lines.append(f"| {Path(s.folder).name} | {len(s.cases)} | {s.mean('f1'):.3f} | {s.mean('precision'):.3f} "
                     f"| {s.mean('recall'):.3f} | {s.mean('content_kept'):.3f} | {s.mean('noise_removed'):.3f} "
                     f"| {s.exact} |")
    return "\n".join(lines)


def format_snippet_table(scores: list[CorpusScore]) -> str:
    """A Markdown table of the snippet checks, one row per corpus folder that has any ("" if none)."""
    rows = []
    for s in scores:
        keep, kept, remove, removed = s.snippet_totals()
        if keep or remove:
            failing = sum(bool(c.keep_missed or c.remove_missed) for c in s.cases)
            rows.append(f"| {Path(s.folder).name} | {kept}/{keep} ({kept / keep if keep else 1:.3f}) "
                        f"| {removed}/{remove} ({removed / remove if remove else 1:.3f}) | {failing} |")
    if not rows:
        return ""
    return "\n".join(["| corpus | must-keep snippets kept | must-remove snippets removed | cases failing |",
                      "|---|---|---|---|", *rows])


def format_snippet_misses(score: CorpusScore) -> str:
    """Each case's snippets that failed their check ("" if none did)."""
    rows = []
    for case in score.cases:
        rows.extend(f"  {case.name:40} lost: {s[:80]!r}" for s in case.keep_missed)
        rows.extend(f"  {case.name:40} left in: {s[:80]!r}" for s in case.remove_missed)
    return "\n".join([f"snippet checks failing in {Path(score.folder).name}:", *rows]) if rows else ""


def format_worst(score: CorpusScore, count: int) -> str:
    """The ``count`` cases with the lowest content kept, and what removed their gold text."""
    worst = sorted(score.cases, key=lambda c: c.content_kept)[:count]
    rows = [f"lowest content kept in {Path(score.folder).name}:"]
    for case in worst:
        why = case.error or ", ".join(f"{rule} ({n} tokens)" for rule, n in case.lost_by) or "-"
        rows.append(f"  {case.name:40} kept {case.content_kept:.3f}  F1 {case.f1:.3f}  lost to: {why}")
    return "\n".join(rows)
