"""The per-document time budget."""

from __future__ import annotations

import time

from .errors import TimeBudgetExceeded

MIN_REGEX_TIMEOUT = 0.001


class Clock:
    """Counts down one document's time budget."""

    __slots__ = ("budget", "deadline")

    def __init__(self, budget: float) -> None:
        self.budget = budget
        self.deadline = time.monotonic() + budget

    def remaining(self) -> float:
        """Seconds left; raises ``TimeBudgetExceeded`` when none are."""
        left = self.deadline - time.monotonic()
        if left <= 0:
            raise TimeBudgetExceeded(f"cleaning took longer than the time budget of {self.budget:g} s")
        return max(left, MIN_REGEX_TIMEOUT)

    check = remaining
