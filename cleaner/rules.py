"""Rules are data: load, validate and compile the YAML/TOML files under ``rules/``.

A rule file holds one rule (see README, "Rule format"). The loader checks every field, compiles
each pattern once with the ``regex`` module and raises ``RuleError`` naming the file and the
field at the first problem.
"""

from __future__ import annotations

import functools
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import regex
import yaml

from . import literals, redos
from .errors import RuleError

SCOPES = ("line", "span", "cut")
WHERES = ("head", "tail", "head_or_body", "anywhere")
METADATA_FIELDS = ("published", "updated", "author", "source")
REQUIRED_KEYS = ("id", "kind", "scope", "pattern", "description", "examples")
OPTIONAL_KEYS = ("where", "languages", "notes", "requires", "max_chars", "inline")
RULE_ID = regex.compile(r"[a-z0-9][a-z0-9_-]*[a-z0-9]")
KIND_NAME = regex.compile(r"[a-z][a-z_]*")
RULE_SUFFIXES = (".yaml", ".yml", ".toml")
MIN_EXAMPLES = 2


def builtin_rules_dir() -> Path:
    """The folder of the rules shipped with the package (inside the wheel, or the repo's)."""
    packaged = Path(__file__).parent / "rules_data"
    return packaged if packaged.is_dir() else Path(__file__).parent.parent / "rules"


@dataclass(frozen=True)
class Rule:
    """One compiled rule."""

    id: str
    kind: str
    scope: str
    where: str
    pattern: regex.Pattern
    description: str
    languages: tuple[str, ...]
    match_examples: tuple[str, ...]
    no_match_examples: tuple[str, ...]
    path: str
    requires: tuple[str, ...] = ()
    """Lowercase words, one of which must occur in a block for the rule to be tried (a speed
    hint for patterns whose required words the engine cannot find itself)."""
    gate: frozenset[str] | None = None
    """Case-folded strings one of which occurs in every block the rule matches: ``requires``,
    else what ``literals.required_literals`` finds in the pattern; None: try every block."""
    starts: frozenset[str] | None = None
    """For line and cut rules (which match at the start of a block): the case-folded characters
    a block they match can begin with (``literals.first_characters``); None: any."""
    max_chars: int | None = None
    """For line and cut rules: the longest block (in characters, spaces around it stripped) the
    rule may match; longer ones are never tried (short residue, such as a gallery counter, is
    not looked for in paragraphs). None: any length."""
    inline: bool = False
    """For span rules: the text on both sides of a match is one sentence, so the match is cut
    out of the block and the block stays whole (instead of being split into pieces that are
    judged on their own)."""

    def may_match(self, folded: str) -> bool:
        """Whether the rule can match a block whose case-folded text is ``folded``."""
        return literals.meets(self.gate, folded)

    def find(self, text: str, timeout: float | None = None) -> regex.Match | None:
        """The match of this rule in one block's text, with the scope's semantics.

        ``line``: the whole block must match; ``cut``: the block must start with a match;
        ``span``: the first match anywhere in the block.
        """
        if self.max_chars is not None and len(text) > self.max_chars:
            return None  # checked first: the cheapest test, and it spares case-folding a paragraph
        if not self.may_match(text.casefold()) or not literals.starts_well(self.starts, text[:1].casefold()[:1]):
            return None
        if self.scope == "line":
            return self.pattern.fullmatch(text, timeout=timeout)
        if self.scope == "cut":
            return self.pattern.match(text, timeout=timeout)
        return self.pattern.search(text, timeout=timeout)

    def matches(self, text: str) -> bool:
        """Whether ``text`` (one block) is matched by the rule, as the engine would match it."""
        found = self.find(text.strip())
        return found is not None and found.end() > found.start()

    def summary(self) -> dict[str, Any]:
        """The public description of the rule (id, kind, scope, where, description)."""
        return {"id": self.id, "kind": self.kind, "scope": self.scope, "where": self.where,
                "languages": list(self.languages), "description": self.description}


def _fail(path: Path | str, field: str, problem: str) -> RuleError:
    return RuleError(f"{path}: field '{field}': {problem}")


def _read(path: Path) -> Any:
    try:
        text = path.read_text(encoding="utf-8")
        if path.suffix == ".toml":
            return tomllib.loads(text)
        return yaml.safe_load(text)
    except (yaml.YAMLError, tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise RuleError(f"{path}: not valid {path.suffix[1:].upper()}: {error}") from None


def _string_list(path: Path, field: str, value: Any) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        raise _fail(path, field, "must be a list of non-empty strings")
    return tuple(value)


def parse_rule(data: Any, path: Path, vet: bool = False) -> Rule:
    """Validate one rule's data (as read from ``path``) and compile it. ``vet``: also attack the
    pattern for catastrophic backtracking (``redos.quick_check``)."""
    if not isinstance(data, dict):
        raise RuleError(f"{path}: a rule file must hold one mapping of fields")
    unknown = sorted(set(data) - set(REQUIRED_KEYS) - set(OPTIONAL_KEYS))
    if unknown:
        raise _fail(path, unknown[0], f"unknown field (allowed: {', '.join(REQUIRED_KEYS + OPTIONAL_KEYS)})")
    for key in REQUIRED_KEYS:
        if key not in data:
            raise _fail(path, key, "missing")
    for key in ("id", "kind", "scope", "pattern", "description"):
        if not isinstance(data[key], str) or not data[key].strip():
            raise _fail(path, key, "must be a non-empty string")
    if not RULE_ID.fullmatch(data["id"]):
        raise _fail(path, "id", "use lowercase letters, digits, '-' and '_'")
    if not KIND_NAME.fullmatch(data["kind"]):
        raise _fail(path, "kind", "use lowercase letters and '_'")
    if data["scope"] not in SCOPES:
        raise _fail(path, "scope", f"must be one of {', '.join(SCOPES)}")
    where = data.get("where", "anywhere")
    if where not in WHERES:
        raise _fail(path, "where", f"must be one of {', '.join(WHERES)}")
    languages = _string_list(path, "languages", data["languages"]) if "languages" in data else ()
    requires = tuple(w.casefold() for w in _string_list(path, "requires", data["requires"])) if "requires" in data else ()
    max_chars = data.get("max_chars")
    if max_chars is not None and (isinstance(max_chars, bool) or not isinstance(max_chars, int) or max_chars < 1):
        raise _fail(path, "max_chars", "must be a positive whole number of characters")
    if max_chars is not None and data["scope"] == "span":
        raise _fail(path, "max_chars", "only line and cut rules match whole blocks; a span rule has no block length")
    inline = data.get("inline", False)
    if not isinstance(inline, bool):
        raise _fail(path, "inline", "must be true or false")
    if inline and data["scope"] != "span":
        raise _fail(path, "inline", "only span rules cut from inside a block")
    examples = data["examples"]
    if not isinstance(examples, dict) or set(examples) - {"match", "no_match"}:
        raise _fail(path, "examples", "must be a mapping with 'match' and 'no_match' lists")
    for key in ("match", "no_match"):
        found = _string_list(path, f"examples.{key}", examples.get(key))
        if len(found) < MIN_EXAMPLES:
            raise _fail(path, f"examples.{key}", f"needs at least {MIN_EXAMPLES} examples")
    try:
        pattern = regex.compile(data["pattern"], regex.V0)
    except (regex.error, ValueError) as error:
        raise _fail(path, "pattern", f"does not compile: {error}") from None
    for group in pattern.groupindex:
        if group not in METADATA_FIELDS and not group.startswith("_"):
            raise _fail(path, "pattern", f"named group '{group}' is not a metadata field "
                                         f"({', '.join(METADATA_FIELDS)}); prefix private groups with '_'")
    if vet:
        problem = redos.quick_check(pattern.pattern, pattern.flags, data["scope"], tuple(examples["match"]))
        if problem:
            raise _fail(path, "pattern", f"rule '{data['id']}': {problem}")
    gate = frozenset(requires) if requires else literals.required_literals(pattern.pattern)
    starts = literals.first_characters(pattern.pattern) if data["scope"] != "span" else None
    # a safety net for what the prefilter reads from the pattern: every match example must
    # pass it, or the rule is tried on every block (``requires`` errors are the author's and
    # show in the examples check)
    folded = [example.strip().casefold() for example in examples["match"]]
    if not requires and gate is not None and not all(literals.meets(gate, f) for f in folded):
        gate = None
    if starts is not None and not all(literals.starts_well(starts, f[:1]) for f in folded):
        starts = None
    return Rule(id=data["id"], kind=data["kind"], scope=data["scope"], where=where,
                pattern=pattern, description=data["description"].strip(), languages=languages,
                match_examples=tuple(examples["match"]),
                no_match_examples=tuple(examples["no_match"]), path=str(path), requires=requires,
                gate=gate, starts=starts, max_chars=max_chars, inline=inline)


def rule_files(folder: Path) -> list[Path]:
    """The rule files under ``folder`` (recursively), sorted."""
    if not folder.is_dir():
        raise RuleError(f"{folder}: not a folder of rules")
    return sorted(p for p in folder.rglob("*") if p.suffix in RULE_SUFFIXES and p.is_file())


def load_folder(folder: Path, vet: bool = False) -> list[Rule]:
    """Load and validate every rule under ``folder``; ids must be unique within it."""
    rules: list[Rule] = []
    seen: dict[str, str] = {}
    for path in rule_files(folder):
        rule = parse_rule(_read(path), path, vet)
        if rule.id in seen:
            raise _fail(path, "id", f"duplicate id '{rule.id}' (also in {seen[rule.id]})")
        seen[rule.id] = str(path)
        rules.append(rule)
    return rules


def merge(*groups: Iterable[Rule]) -> tuple[Rule, ...]:
    """Later groups add rules or replace earlier rules that have the same id."""
    merged: dict[str, Rule] = {}
    for group in groups:
        for rule in group:
            merged[rule.id] = rule
    return tuple(merged.values())


@functools.lru_cache(maxsize=32)
def load_rules(extra_dirs: tuple[Path, ...] = (), use_builtin: bool = True) -> tuple[Rule, ...]:
    """The built-in rules (unless ``use_builtin`` is false) merged with each extra folder's.

    Cached: each set of folders is read and compiled once per process.
    """
    groups = [load_folder(builtin_rules_dir())] if use_builtin else []
    # Extra folders are the user's: vetted for catastrophic backtracking at load (cheap, cached).
    # The built-in rules are vetted thoroughly by the test suite (tests/test_redos.py) instead.
    groups += [load_folder(Path(d), vet=True) for d in extra_dirs]
    return merge(*groups)


def check_examples(rules: Iterable[Rule]) -> list[str]:
    """Every example that its rule gets wrong, as readable problems (empty when all pass)."""
    problems = []
    for rule in rules:
        for text in rule.match_examples:
            if not rule.matches(text):
                problems.append(f"{rule.path}: rule '{rule.id}' does not match its example {text!r}")
        for text in rule.no_match_examples:
            if rule.matches(text):
                problems.append(f"{rule.path}: rule '{rule.id}' matches its no_match example {text!r}")
    return problems
