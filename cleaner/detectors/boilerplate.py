"""Block classification beyond rules: a jusText-like judgement of each block from its length,
sentence ends and share of stopwords, and from its neighbours."""

from __future__ import annotations

from collections.abc import Iterable

import regex

from ..document import Document
from ..layout import SENTENCE_END, Layout, word_count
from ..text_stats import content_terms, cosine
from ..wordlists import stopwords
from .base import Detector, Finding

WORD = regex.compile(r"\p{L}[\p{L}\p{M}'’-]*")
DIGIT = regex.compile(r"\d")
INVISIBLE = regex.compile(r"[\p{Cf}\p{Z}\s]+")


class BoilerplateDetector(Detector):
    """Removes the runs of short, non-prose blocks around and between the article's prose.

    A block is *good* when it has at least ``good_min_words`` words, a sentence end and (in a
    language with a stoplist, judged over the whole document) at least
    ``min_stopword_density`` stopwords among its words. Every other block is *short*.
    Reasons: ``head_run`` (short blocks before the first good block: navigation, kickers,
    bylines), ``tail_run`` (short blocks after the last good block: related links, footers)
    and ``link_list`` (a run of at least ``min_list_run`` short blocks between good blocks,
    each at most ``list_item_max_words`` words and without a sentence end: a menu or a list of
    links; shorter runs are subheadings and stay; a removed line of zero-width characters is a
    blank line and no item). Short sentences next to good blocks count
    as good, and runs that look like a table or a data list (most blocks hold a digit) stay.
    ``outlying_prose``: a cluster of good blocks set apart from the article (see
    ``outlying_clusters``), such as teasers, author bios and promotions.
    """

    name = "boilerplate"
    kind = "boilerplate"

    def __init__(self, good_min_words: int = 10, min_stopword_density: float = 0.15,
                 doc_min_stopword_density: float = 0.08, min_list_run: int = 5,
                 list_item_max_words: int = 12, absorb_after_min_words: int = 2,
                 absorb_before_min_words: int = 6, min_table_run: int = 4,
                 min_table_digit_share: float = 0.6, max_gap: int = 3,
                 max_outlier_share: float = 0.15, max_outlier_cohesion: float = 0.2) -> None:
        self.good_min_words = good_min_words
        self.min_stopword_density = min_stopword_density
        self.doc_min_stopword_density = doc_min_stopword_density
        self.min_list_run = min_list_run
        self.list_item_max_words = list_item_max_words
        self.absorb_after_min_words = absorb_after_min_words
        self.absorb_before_min_words = absorb_before_min_words
        self.min_table_run = min_table_run
        self.min_table_digit_share = min_table_digit_share
        self.max_gap = max_gap
        self.max_outlier_share = max_outlier_share
        self.max_outlier_cohesion = max_outlier_cohesion
        self.stop = stopwords()

    def stopword_density(self, text: str) -> float:
        """Share of the words of ``text`` that are stopwords."""
        words = WORD.findall(text.lower())
        return sum(w in self.stop for w in words) / len(words) if words else 0.0

    def classify(self, texts: list[str]) -> list[bool]:
        """For each block, whether it is good (prose of the article)."""
        whole = " ".join(texts)
        use_stopwords = self.stopword_density(whole) >= self.doc_min_stopword_density
        good = []
        for text in texts:
            ok = word_count(text) >= self.good_min_words and SENTENCE_END.search(text) is not None
            if ok and use_stopwords:
                ok = self.stopword_density(text) >= self.min_stopword_density
            good.append(ok)
        return good

    def absorb_neighbours(self, texts: list[str], good: list[bool]) -> list[bool]:
        """Short sentences next to good blocks are good too: forwards (a short last paragraph)
        from ``absorb_after_min_words`` words, backwards (a short lead) from
        ``absorb_before_min_words``."""
        good = list(good)
        for position in range(1, len(texts)):
            if not good[position] and good[position - 1] and self.is_sentence(texts[position], self.absorb_after_min_words):
                good[position] = True
        for position in range(len(texts) - 2, -1, -1):
            if not good[position] and good[position + 1] and self.is_sentence(texts[position], self.absorb_before_min_words):
                good[position] = True
        return good

    def is_sentence(self, text: str, min_words: int) -> bool:
        """A block of at least ``min_words`` words that ends a sentence."""
        return word_count(text) >= min_words and SENTENCE_END.search(text) is not None

    def data_runs(self, texts: list[str], positions: list[int]) -> set[int]:
        """The positions (of ``positions``, consecutive ones forming runs) that belong to a
        table or data list: a window of at least ``min_table_run`` consecutive blocks of which
        at least ``min_table_digit_share`` hold a digit."""
        protected: set[int] = set()
        runs: list[list[int]] = []
        for p in positions:
            if runs and runs[-1][-1] == p - 1:
                runs[-1].append(p)
            else:
                runs.append([p])
        for run in runs:
            if len(run) < self.min_table_run:
                continue
            has_digit = [DIGIT.search(texts[p]) is not None for p in run]
            for start in range(len(run) - self.min_table_run + 1):
                window = has_digit[start:start + self.min_table_run]
                if sum(window) >= self.min_table_digit_share * len(window):
                    protected.update(run[start:start + self.min_table_run])
        return protected

    def find(self, doc: Document, layout: Layout) -> Iterable[Finding]:
        """The short blocks at the head and tail, link lists and outlying prose; tables and
        data lists stay. Blocks already removed by rules still count in runs and gaps (a menu
        whose "Share" item a rule took is still a menu), but only kept blocks are reported."""
        blocks = doc.blocks
        kept = [i for i, b in enumerate(blocks) if b.kept]
        kept_texts = [blocks[i].text for i in kept]
        kept_good = self.absorb_neighbours(kept_texts, self.classify(kept_texts))
        if not any(kept_good):
            return
        good = [False] * len(blocks)
        for index, is_good in zip(kept, kept_good, strict=True):
            good[index] = is_good
        outlying = self.outlying_clusters([b.text for b in blocks], good, [b.kept for b in blocks])
        for index in outlying:
            good[index] = False
        first = good.index(True)
        last = len(good) - 1 - good[::-1].index(True)
        verdicts: dict[int, str] = {}
        for index in kept:
            if index < first:
                verdicts[index] = "head_run"
            elif index > last:
                verdicts[index] = "tail_run"
        run: list[int] = []
        for index in range(first, last + 2):
            block = blocks[index] if index <= last else None
            if block is not None and not block.kept and INVISIBLE.fullmatch(block.text):
                continue  # a line of zero-width characters is a blank line: no list item
            if block is not None and not good[index] and (not block.kept or self.is_list_item(block.text)):
                run.append(index)
                continue
            if len(run) >= self.min_list_run:
                verdicts.update((i, "link_list") for i in run if blocks[i].kept)
            run = []
        verdicts.update((i, "outlying_prose") for i in outlying)
        rank = {index: position for position, index in enumerate(kept)}
        protected = {kept[p] for p in self.data_runs(kept_texts, sorted(rank[i] for i in verdicts))}
        for index, reason in sorted(verdicts.items()):
            if index not in protected:
                yield Finding(index, reason)

    def outlying_clusters(self, texts: list[str], good: list[bool], kept: list[bool]) -> list[int]:
        """The good blocks of prose clusters apart from the article: clusters are runs of good
        blocks with at most ``max_gap`` other kept blocks between neighbours (what rules
        removed, such as captions between the lead and the body, does not count); the article is the
        cluster with the most words. A cluster is apart when it has under
        ``max_outlier_share`` of the article's words and its vocabulary is unlike the
        article's (cosine under ``max_outlier_cohesion``): teasers, bios, comments, promos."""
        clusters: list[list[int]] = []
        gap = None
        for position, is_good in enumerate(good):
            if not is_good:
                if gap is not None and kept[position]:
                    gap += 1
                continue
            if gap is not None and gap <= self.max_gap:
                clusters[-1].append(position)
            else:
                clusters.append([position])
            gap = 0
        if len(clusters) < 2:
            return []
        words = [sum(word_count(texts[p]) for p in cluster) for cluster in clusters]
        core = max(range(len(clusters)), key=words.__getitem__)
        core_terms = content_terms(" ".join(texts[p] for p in clusters[core]))
        outlying = []
        for number, cluster in enumerate(clusters):
            if number == core or words[number] >= self.max_outlier_share * words[core]:
                continue
            terms = content_terms(" ".join(texts[p] for p in cluster))
            if cosine(terms, core_terms) < self.max_outlier_cohesion:
                outlying.extend(cluster)
        return outlying

    def is_list_item(self, text: str) -> bool:
        """A short block without a sentence end, like a menu entry or a link."""
        return word_count(text) <= self.list_item_max_words and SENTENCE_END.search(text) is None
