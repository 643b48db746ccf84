"""The per-document time budget, and a deadline for code that cannot check a clock itself."""

from __future__ import annotations

import contextlib
import contextvars
import signal
import sys
import threading
import time
from collections.abc import Iterator

from .errors import TimeBudgetExceeded

MIN_REGEX_TIMEOUT = 0.001
REPEAT_ALARM = 0.05

_CURRENT: contextvars.ContextVar[Clock | None] = contextvars.ContextVar("cleaner_clock", default=None)


class Clock:
    """Counts down one document's time budget.

    Creating a clock makes it the current one of this thread/context (``current_clock``), so
    that steps the engine does not hand it to (HTML extraction) can still honour the budget.
    """

    __slots__ = ("budget", "deadline")

    def __init__(self, budget: float) -> None:
        self.budget = budget
        self.deadline = time.monotonic() + budget
        _CURRENT.set(self)

    def remaining(self) -> float:
        """Seconds left; raises ``TimeBudgetExceeded`` when none are."""
        left = self.deadline - time.monotonic()
        if left <= 0:
            raise self.exceeded()
        return max(left, MIN_REGEX_TIMEOUT)

    check = remaining

    @contextlib.contextmanager
    def paused(self) -> Iterator[None]:
        """Time spent in the block is not charged to the budget (one-time initialisation)."""
        started = time.monotonic()
        try:
            yield
        finally:
            self.deadline += time.monotonic() - started

    def exceeded(self) -> TimeBudgetExceeded:
        """The error to raise when the budget is spent."""
        return TimeBudgetExceeded(f"cleaning took longer than the time budget of {self.budget:g} s")


def current_clock() -> Clock | None:
    """The clock of the document being cleaned in this thread/context, if any."""
    return _CURRENT.get()


class _Expired(BaseException):
    """Raised by the alarm handler. A BaseException, so that a library's ``except Exception``
    (trafilatura swallows ValueError) cannot hide it."""


def _raise_expired(signum: int, frame: object) -> None:
    raise _Expired


def _can_use_alarm() -> bool:
    """SIGALRM is usable only in the main thread, and only if nobody else uses it."""
    if not hasattr(signal, "setitimer") or threading.current_thread() is not threading.main_thread():
        return False
    return signal.getsignal(signal.SIGALRM) in (signal.SIG_DFL, signal.SIG_IGN, None) \
        and signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)


@contextlib.contextmanager
def _alarm(clock: Clock, left: float) -> Iterator[None]:
    previous = signal.signal(signal.SIGALRM, _raise_expired)
    try:
        # Re-armed every REPEAT_ALARM s: a library may swallow one interruption in a bare except.
        signal.setitimer(signal.ITIMER_REAL, left, REPEAT_ALARM)
        try:
            yield
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
    except _Expired:
        raise clock.exceeded() from None
    finally:
        signal.signal(signal.SIGALRM, previous)


@contextlib.contextmanager
def _call_tracer(clock: Clock) -> Iterator[None]:
    deadline, now = clock.deadline, time.monotonic

    def check_deadline(frame: object, event: str, arg: object) -> None:
        if now() > deadline:
            raise _Expired
        # None: no per-line tracing, only one check per Python function call (~20% slower)

    sys.settrace(check_deadline)
    try:
        yield
    except _Expired:
        raise clock.exceeded() from None
    finally:
        sys.settrace(None)


@contextlib.contextmanager
def alarm_at_deadline(clock: Clock) -> Iterator[None]:
    """Interrupt the block at ``clock``'s deadline (``TimeBudgetExceeded``) where a timer can:
    in the main thread of a Unix process whose SIGALRM is free (a sync gunicorn worker, the
    CLI, most library callers). Elsewhere the block runs on and its own clock checks apply:
    a per-call tracer would cost every document about 20 %."""
    if not _can_use_alarm():
        yield
        return
    with _alarm(clock, clock.remaining()):
        yield


@contextlib.contextmanager
def interrupt_after(clock: Clock | None) -> Iterator[None]:
    """Run the block with ``clock``'s remaining time as a hard deadline, then raise
    ``TimeBudgetExceeded`` if it is over. For library code that cannot take a timeout
    (trafilatura's extractor):

    - in the main thread of a Unix process whose SIGALRM is free, a timer interrupts it;
    - in other threads (gunicorn's gthread workers), a trace function checks the deadline at
      each Python function call (unless a debugger or coverage already traces the thread);
    - otherwise the block runs to its end and the budget is checked after it.
    """
    if clock is None:
        yield
        return
    left = clock.remaining()
    if _can_use_alarm():
        guard = _alarm(clock, left)
    elif sys.gettrace() is None:
        guard = _call_tracer(clock)
    else:
        guard = contextlib.nullcontext()
    with guard:
        yield
    clock.check()
