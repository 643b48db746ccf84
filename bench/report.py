"""The benchmark's results as a Markdown table, with the cleaner's speed ratios and targets."""

from __future__ import annotations

from collections.abc import Iterable

REFERENCE = "cleaner"
TARGET_CORPUS = "region"
TARGET_DOCS_PER_S = 2000
TARGET_VS_TRAFILATURA = 20
TARGET_VS_FLOOR = 10

COLUMNS = ("corpus", "peer", "docs", "docs/s", "MB/s", "p50 ms", "p99 ms", "peak RSS MB", "F1",
           "cleaner vs peer", "wall docs/s", "CPU share")


def ratio(results: list[dict], corpus: str, peer: str) -> float | None:
    """The cleaner's docs/s over ``peer``'s on ``corpus`` (above 1: the cleaner is faster)."""
    speed = {r["peer"]: r["docs_per_s"] for r in results if r["corpus"] == corpus}
    if REFERENCE not in speed or peer not in speed:
        return None
    return speed[REFERENCE] / speed[peer]


def describe_ratio(value: float | None) -> str:
    """``12.3× faster`` / ``4.5× slower`` / ``-``."""
    if value is None:
        return "-"
    if value >= 1:
        return f"{value:.1f}× faster"
    return f"{1 / value:.1f}× slower"


def _cells(result: dict, results: list[dict]) -> tuple[str, ...]:
    peer = result["peer"]
    versus = "-" if peer == REFERENCE else describe_ratio(ratio(results, result["corpus"], peer))
    errors = f" ({result['errors']} errors)" if result["errors"] else ""
    return (result["corpus"], f"{peer} {result['version']}".rstrip(" -"), str(result["docs"]),
            f"{result['docs_per_s']:,.0f}", f"{result['mb_per_s']:.2f}", f"{result['p50_ms']:.2f}",
            f"{result['p99_ms']:.2f}", f"{result['peak_rss_mb']:.0f}", f"{result['f1']:.3f}{errors}",
            versus, f"{result['wall_docs_per_s']:,.0f}", f"{result['cpu_share']:.0%}")


def table(results: Iterable[dict]) -> str:
    """The results as a Markdown table, one row per corpus and peer."""
    results = list(results)
    lines = ["| " + " | ".join(COLUMNS) + " |", "|" + "|".join("---" for _ in COLUMNS) + "|"]
    lines += ["| " + " | ".join(_cells(r, results)) + " |" for r in results]
    return "\n".join(lines)


def targets(results: list[dict]) -> list[tuple[str, bool | None, str]]:
    """The issue's one-core targets on the ``region`` corpus: (target, met?, measured value);
    ``met`` is ``None`` when this run did not measure what the target needs."""
    speed = {r["peer"]: r["docs_per_s"] for r in results if r["corpus"] == TARGET_CORPUS}
    checks: list[tuple[str, bool | None, str]] = []
    own = speed.get(REFERENCE)
    checks.append((f"cleaner >= {TARGET_DOCS_PER_S:,} docs/s on {TARGET_CORPUS}",
                   None if own is None else own >= TARGET_DOCS_PER_S,
                   "not measured" if own is None else f"{own:,.0f} docs/s"))
    versus = ratio(results, TARGET_CORPUS, "trafilatura")
    checks.append((f"cleaner >= {TARGET_VS_TRAFILATURA}× trafilatura on {TARGET_CORPUS}",
                   None if versus is None else versus >= TARGET_VS_TRAFILATURA,
                   "not measured" if versus is None else f"{versus:.1f}×"))
    versus = ratio(results, TARGET_CORPUS, "floor")
    checks.append((f"cleaner within {TARGET_VS_FLOOR}× of the floor on {TARGET_CORPUS}",
                   None if versus is None else 1 / versus <= TARGET_VS_FLOOR,
                   "not measured" if versus is None else f"floor is {1 / versus:.1f}× faster"))
    return checks


def targets_markdown(results: list[dict]) -> str:
    """The targets as a Markdown list."""
    mark = {True: "met", False: "**missed**", None: "not measured"}
    return "\n".join(f"- {name}: {mark[met]} ({value})" for name, met, value in targets(results))
