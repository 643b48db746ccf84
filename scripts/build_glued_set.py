#!/usr/bin/env python3
"""Build glued variants of a corpus in eval-dev's layout: the same pages with several blocks
run together on each line, their golds unchanged.

    python scripts/build_glued_set.py ../shared/eval-dev OUT [--variants region page] [--seed 0]
    cleaner eval OUT/region OUT/page

Cases the corpus already glues are left out. See ``cleaner.glued_eval``.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from cleaner.glued_eval import build


def main() -> int:
    """Write the set and say how many cases each variant got."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("corpus", type=Path, help="folder with manifest.jsonl and the variants' folders")
    parser.add_argument("out", type=Path, help="folder to write (one subfolder per variant)")
    parser.add_argument("--variants", nargs="+", default=["region", "page"])
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    counts = build(args.corpus, args.out, tuple(args.variants), args.seed)
    for variant, count in counts.items():
        print(f"{variant}: {count} glued cases in {args.out / variant}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
