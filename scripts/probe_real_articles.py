#!/usr/bin/env python3
"""Put residue and cut markers between the paragraphs of real article text and count what the
cleaner loses or keeps.

    python scripts/probe_real_articles.py ../shared/eval-dev [--seed 0]

The articles are the English gold bodies of the corpus's ``region`` folder. Two probes:

- residue: three lines of the residue probe (``tests/data/residue_probe.json``, the English lines
  it puts between paragraphs) at random places of each body of four paragraphs or more, three
  draws a body; counts the lines kept and the bodies that lost a paragraph the body alone keeps;
- cut markers: each of ``CUT_MARKERS`` at a random place of each body of eight paragraphs or more,
  four paragraphs at least after it; counts the bodies that lost a paragraph to it.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import cleaner

PROBE = Path(__file__).resolve().parent.parent / "tests" / "data" / "residue_probe.json"
CUT_MARKERS = ("Comments", "Leave a comment", "Join the conversation", "Most Read", "Trending Now",
               "You may also like", "What do you think? Let us know in the comments below.", "Show comments",
               "12 comments", "Recommended for you",
               "Comments are welcome while open. We reserve the right to close comments at any time.",
               "Most Popular")


def english_bodies(corpus: Path) -> list[list[str]]:
    """The paragraphs of each English gold body of ``corpus/region``."""
    langs = {}
    for line in (corpus / "manifest.jsonl").read_text(encoding="utf-8").splitlines():
        case = json.loads(line)
        if case.get("variant") == "region":
            langs[case["id"]] = case.get("lang")
    bodies = []
    for path in sorted((corpus / "region").glob("*.gold.txt")):
        if langs.get(path.name.split(".")[0]) == "en":
            bodies.append([line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()])
    return bodies


def cleaned_lines(lines: list[str]) -> list[str]:
    """The lines the cleaner keeps of ``lines`` (one block each)."""
    return cleaner.clean("\n".join(lines)).text.splitlines()


def loses_any(alone: list[str], out: list[str]) -> bool:
    """Whether ``out`` lacks a line of ``alone`` (what cleaning the body alone keeps)."""
    kept = set(out)
    return any(line not in kept for line in alone)


def main() -> int:
    """Run both probes and print their counts."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("corpus", type=Path, help="folder with manifest.jsonl and region/")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    residue = [e["text"] for e in json.loads(PROBE.read_text(encoding="utf-8"))["residue"]
               if e["lang"] == "en" and "body" in e["where"]]
    bodies = english_bodies(args.corpus)

    docs = kept = losing = 0
    for body in (b for b in bodies if len(b) >= 4):
        alone = cleaned_lines(body)
        for _ in range(3):
            doc, inserted = list(body), []
            for _ in range(3):
                line = rng.choice(residue)
                doc.insert(rng.randint(2, len(doc) - 1), line)
                inserted.append(line)
            out = cleaned_lines(doc)
            docs += 1
            kept += sum(line in out for line in inserted)
            losing += loses_any(alone, out)
    print(f"residue: {docs} documents, {kept} of {3 * docs} inserted lines kept, "
          f"{losing} documents lost a paragraph")

    docs = losing = 0
    for body in (b for b in bodies if len(b) >= 8):
        alone = cleaned_lines(body)
        for marker in CUT_MARKERS:
            position = rng.randint(2, len(body) - 5)
            docs += 1
            losing += loses_any(alone, cleaned_lines([*body[:position], marker, *body[position:]]))
    print(f"cut markers: {docs} documents, {losing} lost a paragraph to the marker")
    return 0


if __name__ == "__main__":
    sys.exit(main())
