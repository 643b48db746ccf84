"""The per-document time budget, and a deadline for code that cannot check a clock itself."""

from __future__ import annotations

import contextlib
import contextvars
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterator
from typing import TypeVar

from .errors import TimeBudgetExceeded

MIN_REGEX_TIMEOUT = 0.001
REPEAT_ALARM = 0.05

T = TypeVar("T")

_CURRENT: contextvars.ContextVar[Clock | None] = contextvars.ContextVar("cleaner_clock", default=None)


class Clock:
    """Counts down one document's time budget.

    Creating a clock makes it the current one of this thread/context (``current_clock``), so
    that steps the engine does not hand it to (HTML extraction) can still honour the budget.
    """

    __slots__ = ("budget", "deadline", "timed")

    def __init__(self, budget: float) -> None:
        self.budget = budget
        self.deadline = time.monotonic() + budget
        self.timed = False  # while a timer set to the deadline guards the code (_call_with_alarm)
        _CURRENT.set(self)

    def remaining(self) -> float:
        """Seconds left; raises ``TimeBudgetExceeded`` when none are."""
        left = self.deadline - time.monotonic()
        if left <= 0:
            raise self.exceeded()
        return max(left, MIN_REGEX_TIMEOUT)

    check = remaining

    def regex_timeout(self) -> float | None:
        """The ``timeout`` to give a regex call: None while a timer guards the deadline (its
        signal ends a regex match too, and a timeout costs each call about 1.7 µs, several times
        what a failing match of a rule costs), else the seconds left (see ``remaining``)."""
        return None if self.timed else self.remaining()

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
    """SIGALRM is usable only in the main thread, and only if nobody else uses it (our own
    handler, left behind when an interruption cut its restoring short, counts as free)."""
    if not hasattr(signal, "setitimer") or threading.current_thread() is not threading.main_thread():
        return False
    return signal.getsignal(signal.SIGALRM) in (signal.SIG_DFL, signal.SIG_IGN, None, _raise_expired) \
        and signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)


def _call_with_alarm(clock: Clock, call: Callable[[], T]) -> T:
    """``call()`` under a SIGALRM timer set to ``clock``'s deadline.

    The timer may fire at any point, also while ``call`` is already unwinding from the engine's
    own check of the same deadline, or while the handler is being restored: every place the
    handler is installed lies inside the ``try`` that turns ``_Expired`` into
    ``TimeBudgetExceeded``, and the timer is cancelled on every way out."""
    previous = signal.signal(signal.SIGALRM, _raise_expired)
    try:
        try:
            # Re-armed every REPEAT_ALARM s: a library may swallow one interruption in a bare except.
            signal.setitimer(signal.ITIMER_REAL, clock.remaining(), REPEAT_ALARM)
            clock.timed = True
            return call()
        finally:
            clock.timed = False
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)
    except _Expired:
        clock.timed = False
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
        raise clock.exceeded() from None


def _call_with_tracer(clock: Clock, call: Callable[[], T]) -> T:
    """``call()`` with a trace function that raises at each Python function call past
    ``clock``'s deadline (about 20 % slower: no per-line tracing)."""
    deadline, now = clock.deadline, time.monotonic

    def check_deadline(frame: object, event: str, arg: object) -> None:
        if now() > deadline:
            raise _Expired

    try:
        sys.settrace(check_deadline)
        try:
            return call()
        finally:
            sys.settrace(None)
    except _Expired:
        sys.settrace(None)
        raise clock.exceeded() from None


def call_before_deadline(clock: Clock, call: Callable[[], T]) -> T:
    """``call()``, ended at ``clock``'s deadline (``TimeBudgetExceeded``) where a timer can: in
    the main thread of a Unix process whose SIGALRM is free (a sync gunicorn worker, the CLI,
    batch workers, most library callers). Elsewhere it runs to its end and its own clock checks
    apply (the engine checks between its steps)."""
    if not _can_use_alarm():
        return call()
    return _call_with_alarm(clock, call)


def interrupt_after(clock: Clock | None, call: Callable[[], T]) -> T:
    """``call()`` with ``clock``'s remaining time as a hard deadline, then ``TimeBudgetExceeded``
    if it is over. For library code that cannot take a timeout (trafilatura's extractor):

    - in the main thread of a Unix process whose SIGALRM is free, a timer interrupts it;
    - in other threads (gunicorn's gthread workers), a trace function checks the deadline at
      each Python function call (unless a debugger or coverage already traces the thread);
    - otherwise it runs to its end and the budget is checked after it.
    """
    if clock is None:
        return call()
    clock.check()
    if _can_use_alarm():
        result = _call_with_alarm(clock, call)
    elif sys.gettrace() is None:
        result = _call_with_tracer(clock, call)
    else:
        result = call()
    clock.check()
    return result
