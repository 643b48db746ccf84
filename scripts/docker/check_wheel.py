"""Fail (exit 1) unless a built wheel carries every rule file, byte for byte.

Usage: python3 check_wheel.py WHEEL RULES_DIR

pyproject.toml maps the repository's ``rules/`` folder into the package as
``cleaner/rules_data`` (hatch force-include); a wheel without it would load no rules.
Standard library only: this runs inside the Docker build stage.
"""

from __future__ import annotations

import sys
import zipfile
from pathlib import Path

PACKAGED_RULES = "cleaner/rules_data"


def missing_rule_files(wheel: Path, rules_dir: Path) -> tuple[list[str], int]:
    """The rule files absent from (or different in) ``wheel``, and how many rule files there are."""
    rule_files = sorted(p for p in rules_dir.rglob("*") if p.is_file())
    problems = []
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        for path in rule_files:
            member = f"{PACKAGED_RULES}/{path.relative_to(rules_dir).as_posix()}"
            if member not in names:
                problems.append(f"missing: {member}")
            elif archive.read(member) != path.read_bytes():
                problems.append(f"differs: {member}")
    return problems, len(rule_files)


def main(argv: list[str]) -> int:
    """Check the wheel named in ``argv``; print the verdict; 0 when every rule is packaged."""
    if len(argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    wheel, rules_dir = Path(argv[0]), Path(argv[1])
    problems, count = missing_rule_files(wheel, rules_dir)
    if count == 0:
        print(f"check_wheel: no rule files under {rules_dir}", file=sys.stderr)
        return 1
    if problems:
        print(f"check_wheel: {wheel.name} lacks {len(problems)} of {count} rule files:", file=sys.stderr)
        print("\n".join(problems), file=sys.stderr)
        return 1
    print(f"check_wheel: {wheel.name} carries all {count} rule files in {PACKAGED_RULES}/")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
