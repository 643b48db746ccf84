#!/usr/bin/env python3
"""How often the title the cleaner finds matches the page's URL slug: a proxy for title accuracy
on a corpus in eval-dev's layout, which has no gold titles but keeps each page's URL.

    python scripts/title_vs_slug.py ../shared/eval-dev [--variant region page appended] [--misses]

A case counts when its URL has a slug of three words or more (the path segment with the most
hyphens or underscores; words of three characters or more); its title matches when it holds
at least half of the slug's words. Slugs are often shortened or reworded, so the figure is a
floor: compare runs, not against 100 %.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import regex

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import cleaner

WORD = regex.compile(r"[\p{L}\p{N}]+")
SEPARATOR = regex.compile(r"[-_]")


def words(text: str) -> set[str]:
    """The lowercased words of ``text`` of three characters or more."""
    return {w for w in WORD.findall(text.lower()) if len(w) > 2}


def slug_words(url: str) -> set[str]:
    """The words of the URL's path segment with the most hyphens or underscores."""
    segments = url.split("?")[0].split("#")[0].rstrip("/").split("/")[3:]
    if not segments:
        return set()
    return words(max(segments, key=lambda s: len(SEPARATOR.findall(s))))


def matches(title: str | None, slug: set[str]) -> bool:
    """Whether ``title`` holds at least half of the slug's words."""
    return len(slug & words(title or "")) * 2 >= len(slug)


def main() -> int:
    """Print, per variant, the cases whose title matches their slug."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("corpus", type=Path, help="folder with manifest.jsonl and one folder per variant")
    parser.add_argument("--variant", nargs="+", default=["region", "page", "appended"])
    parser.add_argument("--misses", action="store_true", help="list the titles that miss")
    args = parser.parse_args()
    counts = {variant: [0, 0] for variant in args.variant}
    for line in (args.corpus / "manifest.jsonl").read_text(encoding="utf-8").splitlines():
        case = json.loads(line)
        variant = case.get("variant")
        slug = slug_words(case.get("url", ""))
        path = args.corpus / str(variant) / f"{case['id']}.raw.txt"
        if variant not in counts or len(slug) < 3 or not path.exists():
            continue
        title = cleaner.clean(path.read_text(encoding="utf-8")).title
        hit = matches(title, slug)
        counts[variant][0] += 1
        counts[variant][1] += hit
        if args.misses and not hit:
            print(f"  miss {variant}/{case['id']}: {title!r}")
    for variant, (cases, hits) in counts.items():
        print(f"{variant}: {hits} of {cases} titles hold half of their URL slug's words")
    return 0


if __name__ == "__main__":
    sys.exit(main())
