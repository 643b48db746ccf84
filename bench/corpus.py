"""Benchmark corpora: folders of ``ID.raw.txt`` inputs with their ``ID.gold.txt`` bodies."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
DEFAULT_CORPORA = (ROOT / "seeds", SHARED / "eval-dev" / "region", SHARED / "eval-dev" / "page",
                   SHARED / "eval-dev" / "appended")


@dataclass(frozen=True)
class Case:
    """One benchmark document: its id, the raw text a scraper produced and the gold body."""

    id: str
    raw: str
    gold: str


def load_cases(folder: Path, limit: int | None = None) -> list[Case]:
    """The cases of ``folder`` sorted by id (the first ``limit`` of them if given).

    Raises ``FileNotFoundError`` if the folder or a raw file's gold file is missing and
    ``ValueError`` if the folder holds no ``*.raw.txt`` file.
    """
    folder = Path(folder)
    if not folder.is_dir():
        raise FileNotFoundError(f"corpus folder not found: {folder}")
    raws = sorted(folder.glob("*.raw.txt"))[:limit]
    if not raws:
        raise ValueError(f"no *.raw.txt files in {folder}")
    cases = []
    for raw_path in raws:
        case_id = raw_path.name[: -len(".raw.txt")]
        gold_path = folder / f"{case_id}.gold.txt"
        cases.append(Case(case_id, raw_path.read_text(encoding="utf-8"), gold_path.read_text(encoding="utf-8")))
    return cases
