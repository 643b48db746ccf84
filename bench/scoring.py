"""Quality with the project's scorer: ``../shared/eval/score.py`` loaded by path, so the
benchmark's F1 is exactly the one the scorer reports (mean over cases of bag-of-words F1)."""

from __future__ import annotations

import importlib.util
import statistics
from pathlib import Path
from types import ModuleType

from .corpus import SHARED

DEFAULT_SCORER = SHARED / "eval" / "score.py"


def load_scorer(path: Path = DEFAULT_SCORER) -> ModuleType:
    """The scorer module at ``path`` (it must define ``prf(output, gold)``)."""
    path = Path(path)
    if not path.is_file():
        raise FileNotFoundError(f"scorer not found: {path} (pass --scorer)")
    spec = importlib.util.spec_from_file_location("bench_scorer", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    if not callable(getattr(module, "prf", None)):
        raise AttributeError(f"{path} has no prf(output, gold) function")
    return module


def mean_quality(scorer: ModuleType, outputs: list[str], golds: list[str]) -> dict[str, float]:
    """Mean precision, recall and F1 of ``outputs`` against ``golds`` (as the scorer prints them)."""
    scores = [scorer.prf(output, gold) for output, gold in zip(outputs, golds, strict=True)]
    return {name: statistics.fmean(s[i] for s in scores) for i, name in enumerate(("precision", "recall", "f1"))}
