#!/usr/bin/env python3
"""Put residue and cut markers between the paragraphs of real article text and count what the
cleaner loses or keeps.

    python scripts/probe_real_articles.py ../shared/eval-dev [--seed 0]

The articles are the English gold bodies of the corpus's ``region`` folder. Two probes:

- residue: three lines of the residue probe (``tests/data/residue_probe.json``, the English lines
  it puts between paragraphs, less its known failures there) at random places of each body of four paragraphs or more, three
  draws a body; counts the lines kept and the bodies that lost a paragraph the body alone keeps;
- cut markers: each of ``CUT_MARKERS`` at a random place of each body of eight paragraphs or more,
  four paragraphs at least after it; counts the bodies that lost a paragraph to it;
- another story after a comments button (the other side of refusing a cut): each such body cut at
  a random place (four paragraphs at least before it), one of ``BUTTONS``, then the first eight
  paragraphs of another body: a random one, and the one nearest in terms (another story on the
  same subject), and that one again under its head as its page prints it (the lines of its raw
  region text above its first paragraph: headline, byline, date, buttons; an infinite-scroll
  page appends whole stories); counts the documents that keep a line of eight words or more of
  the other story.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import cleaner
from cleaner.text_stats import content_terms, cosine

PROBE = Path(__file__).resolve().parent.parent / "tests" / "data" / "residue_probe.json"
CUT_MARKERS = ("Comments", "Leave a comment", "Join the conversation", "Most Read", "Trending Now",
               "You may also like", "What do you think? Let us know in the comments below.", "Show comments",
               "12 comments", "Recommended for you",
               "Comments are welcome while open. We reserve the right to close comments at any time.",
               "Most Popular")


BUTTONS = ("Show comments", "Join the conversation", "Leave a comment")
HEAD_LINES = 12


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


def story_heads(corpus: Path, bodies: list[list[str]]) -> list[list[str]]:
    """For each body, the lines of its raw region text above its first paragraph (at most
    ``HEAD_LINES``): its headline, byline, date and buttons as its page prints them."""
    heads = []
    raws = {}
    for path in sorted((corpus / "region").glob("*.gold.txt")):
        first = next((line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()), "")
        raw = path.with_name(path.name.replace(".gold.txt", ".raw.txt"))
        if raw.exists():
            raws.setdefault(first, raw)
    for body in bodies:
        head: list[str] = []
        raw = raws.get(body[0])
        if raw is not None:
            for line in raw.read_text(encoding="utf-8").splitlines():
                if body[0][:40] in line:
                    break
                if line.strip():
                    head.append(line.strip())
        heads.append(head[-HEAD_LINES:])
    return heads


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
               if e["lang"] == "en" and "body" in e["where"] and "body" not in e.get("known_failures", ())]
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

    long_bodies = [b for b in bodies if len(b) >= 8]
    heads = story_heads(args.corpus, long_bodies)
    terms = [content_terms("\n".join(b)) for b in long_bodies]
    counts = {"random": [0, 0], "nearest": [0, 0], "nearest with its head": [0, 0]}
    for i, body in enumerate(long_bodies):
        others = [j for j in range(len(long_bodies)) if j != i]
        if not others:
            break
        nearest = max(others, key=lambda j: cosine(terms[i], terms[j]))
        for kind, j in (("random", rng.choice(others)), ("nearest", nearest), ("nearest with its head", nearest)):
            story = long_bodies[j][:8]
            head = heads[j] if kind == "nearest with its head" else []
            if kind != "nearest with its head":  # which takes the nearest story's place: a pair
                position = rng.randint(4, len(body))
            for button in BUTTONS:
                out = set(cleaned_lines([*body[:position], button, *head, *story]))
                counts[kind][0] += 1
                counts[kind][1] += any(line in out for line in story if len(line.split()) >= 8)
    print("another story after a comments button: "
          + ", ".join(f"{kind} story kept in {kept} of {n} documents" for kind, (n, kept) in counts.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
