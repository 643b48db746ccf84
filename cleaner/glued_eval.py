"""Glued variants of a corpus: the same pages with their line breaks partly lost, as scrapers
lose them (several blocks run together on one line, a space between them).

eval-dev has few glued pages; gluing the others at random measures how much the cleaner loses
to the layout alone, on the same pages and golds (``scripts/build_glued_set.py``).
"""

from __future__ import annotations

import json
import random
import shutil
from pathlib import Path

# how many blocks one glued line holds, drawn evenly from this list
BLOCKS_PER_LINE = (1, 1, 2, 2, 3, 4)


def glue(text: str, rng: random.Random) -> str:
    """``text`` with its non-blank lines joined in runs of ``BLOCKS_PER_LINE`` blocks, one
    space between the blocks of a run, one line per run."""
    blocks = [line.strip() for line in text.splitlines() if line.strip()]
    lines = []
    start = 0
    while start < len(blocks):
        size = rng.choice(BLOCKS_PER_LINE)
        lines.append(" ".join(blocks[start:start + size]))
        start += size
    return "\n".join(lines) + "\n"


def build(corpus: Path, out: Path, variants: tuple[str, ...] = ("region", "page"), seed: int = 0) -> dict[str, int]:
    """Write a glued copy of each case of ``variants`` (``out/<variant>/ID.raw.txt`` and its
    gold) that the corpus does not already glue; returns how many cases each variant got.
    The same seed and corpus give the same set."""
    counts = dict.fromkeys(variants, 0)
    with open(corpus / "manifest.jsonl", encoding="utf-8") as handle:
        entries = [json.loads(line) for line in handle if line.strip()]
    for variant in variants:
        folder = out / variant
        folder.mkdir(parents=True, exist_ok=True)
        for entry in entries:
            if entry["variant"] != variant or entry.get("style") == "glued":
                continue
            raw = (corpus / variant / f"{entry['id']}.raw.txt").read_text(encoding="utf-8")
            rng = random.Random(f"{seed}:{entry['id']}")
            (folder / f"{entry['id']}.raw.txt").write_text(glue(raw, rng), encoding="utf-8")
            shutil.copyfile(corpus / variant / f"{entry['id']}.gold.txt", folder / f"{entry['id']}.gold.txt")
            counts[variant] += 1
    return counts
