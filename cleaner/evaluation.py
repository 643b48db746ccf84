"""Measure the cleaner on a corpus of cases with gold bodies (``ID.raw.txt`` + ``ID.gold.txt``),
with the metrics of the project's scorer: bag-of-words precision/recall/F1, content kept and
noise removed."""

from __future__ import annotations

import statistics
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from .config import Config
from .engine import cleaner_for
from .errors import CleanerError
from .rule_authoring import Case, load_corpus, prf, tokens


def noise_and_content(raw: str, output: str, gold: str) -> tuple[float, float]:
    """Share of the raw text's noise tokens (raw minus gold) that the output dropped, and share
    of the gold tokens that the output kept (as eval/score.py defines them)."""
    raw_t, out_t, gold_t = tokens(raw), tokens(output), tokens(gold)
    noise = raw_t - gold_t
    dropped = raw_t - out_t
    removed = sum((noise & dropped).values()) / sum(noise.values()) if noise else 1.0
    kept = sum((out_t & gold_t).values()) / sum(gold_t.values()) if gold_t else 1.0
    return removed, kept


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


@dataclass(frozen=True)
class CorpusScore:
    """The scores of every case of a corpus folder, and their means."""

    folder: str
    cases: tuple[CaseScore, ...] = field(default_factory=tuple)

    def mean(self, metric: str) -> float:
        """The mean of ``metric`` over the cases."""
        return statistics.fmean(getattr(c, metric) for c in self.cases) if self.cases else 0.0

    @property
    def exact(self) -> int:
        """How many outputs equal their gold body."""
        return sum(c.exact for c in self.cases)


def score_case(case: Case, config: Config | None = None) -> CaseScore:
    """Clean one case and score it; a cleaning error scores zero and is reported."""
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
    return CaseScore(case.name, p, r, f, removed, kept, normalise(result.text) == normalise(case.gold),
                     lost_by=tuple(lost.most_common(3)))


def score_corpus(folder: Path, config: Config | None = None) -> CorpusScore:
    """Score every case under ``folder``."""
    return CorpusScore(str(folder), tuple(score_case(case, config) for case in load_corpus(folder)))


def format_table(scores: list[CorpusScore]) -> str:
    """A Markdown table: one row per corpus folder."""
    lines = ["| corpus | cases | F1 mean | precision | recall | content kept | noise removed | exact |",
             "|---|---|---|---|---|---|---|---|"]
    for s in scores:
        lines.append(f"| {Path(s.folder).name} | {len(s.cases)} | {s.mean('f1'):.3f} | {s.mean('precision'):.3f} "
                     f"| {s.mean('recall'):.3f} | {s.mean('content_kept'):.3f} | {s.mean('noise_removed'):.3f} "
                     f"| {s.exact} |")
    return "\n".join(lines)


def format_worst(score: CorpusScore, count: int) -> str:
    """The ``count`` cases with the lowest content kept, and what removed their gold text."""
    worst = sorted(score.cases, key=lambda c: c.content_kept)[:count]
    rows = [f"lowest content kept in {Path(score.folder).name}:"]
    for case in worst:
        why = case.error or ", ".join(f"{rule} ({n} tokens)" for rule, n in case.lost_by) or "-"
        rows.append(f"  {case.name:40} kept {case.content_kept:.3f}  F1 {case.f1:.3f}  lost to: {why}")
    return "\n".join(rows)
