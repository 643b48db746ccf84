"""What the HTTP service does, without HTTP: clean one document or a batch, list the rules.

Each call answers a JSON-ready dict and counts what it did in ``cleaner.metrics``.
"""

from __future__ import annotations

import time
from typing import Any

from . import metrics
from .api_input import BatchItem, DocumentRequest, RequestProblem, invalid
from .config import Config
from .detectors import DETECTORS
from .engine import Cleaner, cleaner_for
from .errors import CleanerError
from .rules import load_rules
from .service_config import ServiceConfig

# Cleaned once at start so that the first request does not pay for lazy set-up (imports, caches).
WARM_UP_TEXT = ("Breaking News\nBy Staff Reporter\nThe council approved the new budget on Tuesday after a long "
                "debate about schools and roads, members said.\nShare this article\nAdvertisement\n")


class CleanService:
    """The cleaner configured for the service: rules are loaded once, at construction.

    If the rules cannot be loaded, ``load_error`` says why and ``ready`` is false (the app stays
    up so that ``/readyz`` can tell).
    """

    def __init__(self, config: ServiceConfig) -> None:
        self.config = config
        self.base: Cleaner | None = None
        self.load_error: str | None = None
        try:
            self.base = cleaner_for(config.cleaner)
            # Everything a request may disable: any loaded rule or detector, by id or kind.
            every_rule = load_rules(config.cleaner.rules_dirs, config.cleaner.use_builtin_rules)
            self.known_names = frozenset(
                {r.id for r in every_rule} | {r.kind for r in every_rule}
                | set(DETECTORS) | {d.kind for d in DETECTORS.values()})
            self.base.clean(WARM_UP_TEXT)
        except (CleanerError, ValueError, OSError) as error:
            self.load_error = str(error)
            self.known_names = frozenset()

    @property
    def ready(self) -> bool:
        """Whether the rules are loaded and documents can be cleaned."""
        return self.base is not None and bool(self.base.rules)

    def require_ready(self) -> Cleaner:
        """The base cleaner, or a 503 ``not_ready``."""
        if self.base is None:
            raise RequestProblem(503, "not_ready", f"the rules could not be loaded: {self.load_error}")
        return self.base

    def config_for(self, document: DocumentRequest) -> Config:
        """The cleaner config of one document: the service's, with its options applied."""
        base = self.require_ready().config
        unknown = sorted(document.options.disable - self.known_names)
        if unknown:
            raise invalid(f"'options.disable': no rule, detector or kind named '{unknown[0]}' (see GET /v1/rules)")
        changes: dict[str, Any] = {}
        if document.options.disable:
            changes["disabled_rules"] = base.disabled_rules | document.options.disable
            changes["disabled_kinds"] = base.disabled_kinds | document.options.disable
        if document.is_html:
            changes["html_mode"] = "always"
        return base.replace(**changes) if changes else base

    def clean(self, document: DocumentRequest) -> dict[str, Any]:
        """The result of one document (``text``, ``title``, ``metadata``, ``removed``, ``stats``,
        ``source`` if asked); raises ``CleanerError`` or ``RequestProblem``, counted by code."""
        try:
            config = self.config_for(document)
            started = time.perf_counter()
            result = cleaner_for(config).clean(document.content)
            seconds = time.perf_counter() - started
        except (CleanerError, RequestProblem) as error:
            metrics.observe_document_error(error.code)
            raise
        metrics.observe_document(result.input_format, (r.kind for r in result.removed))
        answer = result.as_dict(include_removed=document.options.include_removed)
        answer["stats"] = {"chars_in": len(document.content), "chars_out": len(result.text),
                           "seconds": round(seconds, 6)}
        if document.options.include_source:
            answer["source"] = result.source
        return answer

    def clean_batch(self, items: list[BatchItem]) -> list[dict[str, Any]]:
        """One result or one error per item, in order. Items left when the batch time budget is
        spent get the error ``batch_time_budget_exceeded``."""
        if len(items) > self.config.max_batch_documents:
            raise RequestProblem(413, "batch_too_large",
                                 f"{len(items)} documents; a batch may hold {self.config.max_batch_documents}")
        self.require_ready()
        deadline = time.monotonic() + self.config.batch_time_budget
        answers = []
        for item in items:
            head = {"index": item.index, "id": item.id}
            problem = item.problem
            if problem is None and time.monotonic() > deadline:
                problem = RequestProblem(503, "batch_time_budget_exceeded",
                                         f"the batch ran out of its {self.config.batch_time_budget:g} s before this document")
            if problem is not None:
                metrics.observe_document_error(problem.code)
                answers.append({**head, "ok": False, "error": {"code": problem.code, "message": problem.message}})
                continue
            try:
                answers.append({**head, "ok": True, **self.clean(item.document)})
            except (CleanerError, RequestProblem) as error:
                answers.append({**head, "ok": False, "error": {"code": error.code, "message": str(error)}})
        return answers

    def rules(self) -> dict[str, Any]:
        """The loaded rules and detectors, and every kind they remove."""
        base = self.require_ready()
        rules = sorted((r.summary() for r in base.rules), key=lambda r: (r["kind"], r["id"]))
        detectors = [{"id": d.name, "kind": d.kind, "description": _first_line(type(d).__doc__)}
                     for d in base.detectors]
        kinds = sorted({r["kind"] for r in rules} | {d["kind"] for d in detectors})
        return {"rules": rules, "detectors": detectors, "kinds": kinds}


def _first_line(text: str | None) -> str:
    return " ".join((text or "").strip().split("\n\n")[0].split())
