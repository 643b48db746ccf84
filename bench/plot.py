"""Plot the benchmark: docs/s (log scale) and F1 per corpus for each peer (needs matplotlib,
the ``bench`` extra)::

    python -m bench.plot bench/results/speed.json docs/bench.png
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # after choosing the non-interactive backend

from .report import TARGET_CORPUS, TARGET_DOCS_PER_S

COLOURS = {"cleaner": "#1f77b4", "trafilatura": "#ff7f0e", "justext": "#2ca02c", "floor": "#7f7f7f"}


def plot(results: list[dict], path: Path) -> None:
    """Two grouped bar charts side by side, docs/s (log) and F1, one group per corpus."""
    corpora = list(dict.fromkeys(r["corpus"] for r in results))
    peers = list(dict.fromkeys(r["peer"] for r in results))
    by_key = {(r["corpus"], r["peer"]): r for r in results}
    width = 0.8 / len(peers)
    figure, (speed_axes, f1_axes) = plt.subplots(1, 2, figsize=(12, 4.5))
    for offset, peer in enumerate(peers):
        xs = [i + (offset - (len(peers) - 1) / 2) * width for i in range(len(corpora))]
        rows = [by_key.get((corpus, peer)) for corpus in corpora]
        colour = COLOURS.get(peer)
        speed_axes.bar(xs, [r["docs_per_s"] if r else 0 for r in rows], width, label=peer, color=colour)
        f1_axes.bar(xs, [r["f1"] if r else 0 for r in rows], width, label=peer, color=colour)
    for axes, title in ((speed_axes, "documents per second, one core (log scale)"), (f1_axes, "F1 (bag of words, score.py)")):
        axes.set_xticks(range(len(corpora)), corpora)
        axes.set_title(title)
        axes.grid(axis="y", alpha=0.3)
    speed_axes.set_yscale("log")
    speed_axes.axhline(TARGET_DOCS_PER_S, color="#d62728", linestyle="--", linewidth=1)
    speed_axes.annotate(f"target {TARGET_DOCS_PER_S:,} docs/s ({TARGET_CORPUS})", (0.01, TARGET_DOCS_PER_S),
                        xycoords=("axes fraction", "data"), textcoords="offset points", xytext=(0, 3),
                        color="#d62728", fontsize=8)
    f1_axes.set_ylim(0, 1)
    handles, labels = f1_axes.get_legend_handles_labels()
    figure.legend(handles, labels, loc="upper center", ncol=len(peers), frameon=False)
    figure.tight_layout(rect=(0, 0, 1, 0.93))
    path.parent.mkdir(parents=True, exist_ok=True)
    figure.savefig(path, dpi=100)
    plt.close(figure)


def main(argv: list[str] | None = None) -> int:
    """Plot a ``speed.json`` written by ``bench.speed``."""
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("results", type=Path, help="speed.json")
    ap.add_argument("png", type=Path)
    args = ap.parse_args(argv)
    plot(json.loads(args.results.read_text(encoding="utf-8"))["results"], args.png)
    return 0


if __name__ == "__main__":
    sys.exit(main())
