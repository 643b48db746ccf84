"""Measure the appended-story detector on joined articles: article A followed by article B of
the same language (B is what an infinite-scroll page appends), and on single articles."""

from __future__ import annotations

import json
import random
from dataclasses import dataclass
from pathlib import Path

from .config import Config
from .engine import cleaner_for
from .rule_authoring import Case
from .text_stats import content_terms, cosine

APPENDED_KIND = "appended_story"
MIN_STORY_REMOVED = 0.9


@dataclass(frozen=True)
class JoinedCase:
    """One test case: ``raw`` (an article alone, or followed by a story), the article's gold."""

    id: str
    raw: str
    gold: str
    appended_start: int | None
    """Where the appended story starts in ``raw`` (None for a single article)."""

    def as_json(self) -> str:
        """The case as one JSON line."""
        return json.dumps({"id": self.id, "raw": self.raw, "gold": self.gold,
                           "appended_start": self.appended_start}, ensure_ascii=False)


def load_cases(path: Path) -> list[JoinedCase]:
    """The cases of a JSONL file written by ``scripts/build_appended_set.py``."""
    with open(path, encoding="utf-8") as handle:
        return [JoinedCase(**json.loads(line)) for line in handle if line.strip()]


def join_cases(articles: list[tuple[str, str, str, str]], stories: list[tuple[str, str, str]],
               pairs: int, seed: int = 7) -> list[JoinedCase]:
    """``pairs`` joined cases and one single case per article.

    ``articles`` holds (id, language, raw, gold) of single articles; ``stories`` holds (id,
    language, text) of appended stories: a headline and the text that follows it, as an
    infinite-scroll page appends them. A joined case is an article followed by a story of the
    same language taken from another article."""
    rng = random.Random(seed)
    candidates = [(a, b) for a in articles for b in stories
                  if a[1] == b[1] and a[0] != b[0] and not b[2].rstrip().endswith(a[2].strip()[-200:])]
    rng.shuffle(candidates)
    joined = [JoinedCase(f"{a[0]}+{b[0]}", f"{a[2].rstrip()}\n\n{b[2].lstrip()}", a[3], len(a[2].rstrip()) + 2)
              for a, b in candidates[:pairs]]
    singles = [JoinedCase(a[0], a[2], a[3], None) for a in articles]
    return joined + singles


def join_nearest(articles: list[tuple[str, str, str, str]], stories: list[tuple[str, str, str]],
                 max_similarity: float = 0.8) -> list[JoinedCase]:
    """Each article followed by the story of its language nearest to it in terms (cosine of the
    article's gold and the story's text): another story on the same subject, as an infinite-scroll
    page of one section appends it; the hard case for a detector of topic shifts. A story more
    similar than ``max_similarity`` is the article itself, printed on another page, and is passed
    over. Only joined cases: the singles are ``join_cases``'."""
    story_terms = [content_terms(text) for _, _, text in stories]
    joined = []
    for article_id, language, raw, gold in articles:
        terms = content_terms(gold)
        scored = [(cosine(terms, story_terms[k]), k) for k, (story_id, story_language, _) in enumerate(stories)
                  if story_language == language and story_id != article_id]
        scored = [(similarity, k) for similarity, k in scored if similarity <= max_similarity]
        if scored:
            story_id, _, text = stories[max(scored)[1]]
            joined.append(JoinedCase(f"{article_id}+{story_id}", f"{raw.rstrip()}\n\n{text.lstrip()}", gold,
                                     len(raw.rstrip()) + 2))
    return joined


@dataclass(frozen=True)
class AppendedReport:
    """Share of appended stories removed, and of single articles wrongly cut."""

    joined: int
    removed: int
    singles: int
    wrongly_cut: int
    wrongly_cut_ids: tuple[str, ...]

    @property
    def removed_share(self) -> float:
        """Appended stories of which at least 90% of the text was removed."""
        return self.removed / self.joined if self.joined else 1.0

    @property
    def wrongly_cut_share(self) -> float:
        """Single articles the detector cut into: a block it removed as an appended story holds
        article text (a gold line, or a run of its words); a cut that only takes related links,
        bios or comments from the end is right, not wrong."""
        return self.wrongly_cut / self.singles if self.singles else 0.0

    def summary(self) -> str:
        """One line with both figures."""
        return (f"appended stories removed {self.removed}/{self.joined} ({self.removed_share:.1%}); "
                f"single articles wrongly cut {self.wrongly_cut}/{self.singles} ({self.wrongly_cut_share:.1%})")


def measure(cases: list[JoinedCase], config: Config | None = None) -> AppendedReport:
    """Run the cleaner on every case and count removed appended stories and wrong cuts."""
    cleaner = cleaner_for(config)
    removed = joined = singles = 0
    wrong: list[str] = []
    for case in cases:
        result = cleaner.clean(case.raw)
        if case.appended_start is None:
            singles += 1
            gold = Case(case.id, case.raw, case.gold)
            if any(r.kind == APPENDED_KIND and gold.holds_gold_text(r.text) for r in result.removed):
                wrong.append(case.id)
            continue
        joined += 1
        story_chars = sum(len(line.strip()) for line in case.raw[case.appended_start:].splitlines())
        gone = sum(len(r.text) for r in result.removed if r.start >= case.appended_start)
        if gone >= MIN_STORY_REMOVED * story_chars:
            removed += 1
    return AppendedReport(joined, removed, singles, len(wrong), tuple(wrong))
