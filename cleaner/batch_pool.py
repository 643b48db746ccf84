"""A process pool for batch cleaning: results in input order, bounded memory, and a watchdog.

Why not ``multiprocessing.Pool``: when one of its workers is killed, the task it held is lost
and ``imap`` waits forever. Here each worker has its own task queue and its own result pipe, and
tells the parent (through shared memory) which item it is working on and since when. A worker
busy on one item for longer than ``hard_limit`` seconds, or one that dies, is killed and
replaced; that item gets ``failure(item, code, message)`` as its result and the rest of the
worker's chunks are run again by the new worker. So one pathological input cannot stall a batch,
and no item is ever lost.
"""

from __future__ import annotations

import multiprocessing
import multiprocessing.connection
import os
import queue
import signal
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

PER_WORKER_CHUNKS = 2
"""Chunks queued per worker: one running, one waiting (more would let a slow worker hoard work)."""
PENDING_CHUNKS_PER_WORKER = 4
"""Chunks read but not yet written, per worker: bounds memory, and how far ahead of a slow
chunk the others may run."""
POLL_SECONDS = 0.2
PARENT_CHECK_SECONDS = 1.0
PR_SET_PDEATHSIG = 1
MAX_IDLE_DEATHS = 5
"""Worker deaths in a row not attributable to an item before the pool gives up."""

# Slots of a worker's shared state.
SEQ, INDEX, SINCE = 0, 1, 2


class PoolError(RuntimeError):
    """The worker processes cannot be kept running."""


@dataclass
class _Chunk:
    items: list
    settled: dict[int, Any] = field(default_factory=dict)
    """Results fixed by the parent (items that hung or crashed a worker), by index."""
    worker: _Worker | None = None


class _Worker:
    def __init__(self, context: Any, handler: Callable[[Any], Any]) -> None:
        self.tasks = context.Queue()
        self.results, writer = context.Pipe(duplex=False)
        self.state = context.RawArray("d", 3)
        self.state[SEQ] = -1
        self.process = context.Process(target=_work, args=(handler, self.tasks, writer, self.state),
                                       daemon=True, name="cleaner-batch-worker")
        self.process.start()
        writer.close()  # the parent must not hold the write end, or a dead worker's pipe never ends

    def busy_item(self) -> tuple[int, int, float] | None:
        """``(chunk seq, item index, seconds on it)`` of the item being worked on, if any."""
        index = self.state[INDEX]
        since = self.state[SINCE]
        seq = self.state[SEQ]
        if not since or self.state[INDEX] != index:
            return None
        return int(seq), int(index), time.monotonic() - since

    def kill(self) -> None:
        if self.process.is_alive():
            self.process.kill()
        self.process.join()
        self.discard()

    def discard(self) -> None:
        self.tasks.cancel_join_thread()
        self.tasks.close()
        self.results.close()


def _work(handler: Callable[[Any], Any], tasks: Any, results: Any, state: Any) -> None:
    """A worker's loop: take a chunk, run ``handler`` on each item, send the results back."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C and stops us
    parent = os.getppid()
    _die_with_parent()
    if os.getppid() != parent:
        return
    while (task := _next_task(tasks, parent)) is not None:
        seq, items, settled = task
        state[SEQ] = seq
        outcomes = []
        for index, item in enumerate(items):
            if index in settled:
                outcomes.append(settled[index])
                continue
            state[INDEX] = index
            state[SINCE] = time.monotonic()
            outcomes.append(handler(item))
            state[SINCE] = 0.0
        results.send((seq, outcomes))
    results.close()


class _Prefetch:
    """Reads an iterator in a thread into a bounded queue; ``take`` never blocks. Each item (and
    the end) is signalled on the ``wakeup`` file descriptor, for ``connection.wait``."""

    def __init__(self, items: Iterable, size: int) -> None:
        self.queue: queue.Queue = queue.Queue(maxsize=size)
        self.wakeup, self._notify = os.pipe()
        os.set_blocking(self._notify, False)
        self.done = False
        self.error: BaseException | None = None
        self._closed = threading.Event()
        self._thread = threading.Thread(target=self._read, args=(iter(items),), daemon=True,
                                        name="cleaner-batch-reader")
        self._thread.start()

    def _read(self, items: Iterator) -> None:
        try:
            for item in items:
                if not self._put(item):
                    return
        except BaseException as error:  # handed to the main thread, raised there
            self._put(_Failed(error))
            return
        self._put(_END)

    def _put(self, item: object) -> bool:
        while not self._closed.is_set():
            try:
                self.queue.put(item, timeout=0.5)
            except queue.Full:
                continue
            try:
                os.write(self._notify, b".")
            except (BlockingIOError, OSError):
                pass  # the pipe is full of wake-ups already, or closed
            return True
        return False

    def take(self) -> list | None:
        """The next item, or None when none is ready or the input is done (see ``done``)."""
        if self.done:
            return None
        try:
            item = self.queue.get_nowait()
        except queue.Empty:
            return None
        if item is _END or isinstance(item, _Failed):
            self.done = True
            self.error = item.error if isinstance(item, _Failed) else None
            return None
        return item

    def close(self) -> None:
        """Stop the thread (one blocked reading a pipe stays so; it is a daemon thread)."""
        self._closed.set()
        self._thread.join(timeout=1.0)
        if not self._thread.is_alive():  # else the thread may still write: leave its pipe open
            os.close(self.wakeup)
            os.close(self._notify)


class _Failed:
    def __init__(self, error: BaseException) -> None:
        self.error = error


_END = object()


def _die_with_parent() -> None:
    """Ask Linux to kill this process when its parent dies (even by SIGKILL); elsewhere the
    worker notices within ``PARENT_CHECK_SECONDS`` when it next waits for a task."""
    try:
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):
        pass


def _next_task(tasks: Any, parent: int) -> Any:
    """The next task, or None when the parent has gone (killed without stopping us)."""
    while True:
        try:
            return tasks.get(timeout=PARENT_CHECK_SECONDS)
        except queue.Empty:
            if os.getppid() != parent:
                return None


class OrderedPool:
    """Runs ``handler`` over chunks of items in ``jobs`` worker processes; ``map`` yields each
    chunk's results in input order.

    ``handler`` must not raise (it turns bad items into error results). Workers are forked, so
    whatever ``handler`` needs (a built ``Cleaner``) is built once in the parent and shared.
    """

    def __init__(self, handler: Callable[[Any], Any], failure: Callable[[Any, str, str], Any], *,
                 jobs: int, hard_limit: float) -> None:
        if jobs < 1:
            raise ValueError("jobs must be at least 1")
        self.handler = handler
        self.failure = failure
        self.jobs = jobs
        self.hard_limit = hard_limit
        self.max_pending = jobs * PENDING_CHUNKS_PER_WORKER
        methods = multiprocessing.get_all_start_methods()
        self.context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
        self.workers: list[_Worker] = []
        self.restarts = 0

    def map(self, chunks: Iterable[list]) -> Iterator[list]:
        """Each chunk's results, in the order of ``chunks``. An error raised while reading
        ``chunks`` is raised after the chunks read before it have been yielded.

        ``chunks`` is read by a thread, so that a slow input (a pipe) never holds back the
        results already done, nor the watchdog."""
        self.workers = [_Worker(self.context, self.handler) for _ in range(self.jobs)]
        reader = _Prefetch(chunks, self.max_pending)
        finished_normally = False
        try:
            yield from self._run(reader)
            finished_normally = True
        finally:
            reader.close()
            self._stop(gracefully=finished_normally)

    # -- the parent's loop ---------------------------------------------------------------------
    def _run(self, reader: _Prefetch) -> Iterator[list]:
        pending: dict[int, _Chunk] = {}
        finished: dict[int, list] = {}
        next_seq = next_out = 0
        idle_deaths = 0
        while True:
            while next_out in finished:
                yield finished.pop(next_out)
                next_out += 1
            while next_seq - next_out < self.max_pending:
                worker = self._least_loaded(pending)
                if worker is None:
                    break
                items = reader.take()
                if items is None:
                    break
                self._send(next_seq, _Chunk(list(items)), worker, pending)
                next_seq += 1
            if reader.done and next_out == next_seq:
                break
            deaths = self._collect(pending, finished, reader.wakeup)
            self._watch(pending)
            idle_deaths = idle_deaths + deaths if deaths else 0
            if idle_deaths > MAX_IDLE_DEATHS:
                raise PoolError("the worker processes keep dying; is the machine out of memory?")
        if reader.error is not None:
            raise reader.error

    def _least_loaded(self, pending: dict[int, _Chunk]) -> _Worker | None:
        load = {id(w): 0 for w in self.workers}
        for chunk in pending.values():
            if chunk.worker is not None:
                load[id(chunk.worker)] += 1
        worker = min(self.workers, key=lambda w: load[id(w)])
        return worker if load[id(worker)] < PER_WORKER_CHUNKS else None

    @staticmethod
    def _send(seq: int, chunk: _Chunk, worker: _Worker, pending: dict[int, _Chunk]) -> None:
        chunk.worker = worker
        pending[seq] = chunk
        worker.tasks.put((seq, chunk.items, chunk.settled))

    def _collect(self, pending: dict[int, _Chunk], finished: dict[int, list], wakeup: int) -> int:
        """Take the results that are ready (waiting up to ``POLL_SECONDS``); replace workers
        that died. Returns how many died without an item to blame."""
        by_handle: dict[Any, _Worker] = {}
        for worker in self.workers:
            by_handle[worker.results] = worker
            by_handle[worker.process.sentinel] = worker
        idle_deaths = 0
        for handle in multiprocessing.connection.wait([*by_handle, wakeup], timeout=POLL_SECONDS):
            if handle == wakeup:
                os.read(wakeup, 4096)
                continue
            worker = by_handle[handle]
            if worker not in self.workers:
                continue  # already replaced in this round
            if handle is worker.results and self._receive(worker, pending, finished):
                continue
            self._drain(worker, pending, finished)
            exitcode = worker.process.exitcode if not worker.process.is_alive() else None
            blamed = self._replace(worker, pending, "worker_crashed",
                                   f"the worker process died (exit status {exitcode}) while cleaning this record")
            idle_deaths += not blamed
        return idle_deaths

    def _receive(self, worker: _Worker, pending: dict[int, _Chunk], finished: dict[int, list]) -> bool:
        """Take one result from ``worker``; False when its pipe is broken (it died)."""
        try:
            seq, outcomes = worker.results.recv()
        except (EOFError, OSError):
            return False
        chunk = pending.get(seq)
        if chunk is not None and chunk.worker is worker:
            del pending[seq]
            finished[seq] = outcomes
        return True

    def _drain(self, worker: _Worker, pending: dict[int, _Chunk], finished: dict[int, list]) -> None:
        """Take the results a dead worker sent before it died."""
        try:
            while worker.results.poll() and self._receive(worker, pending, finished):
                pass
        except (EOFError, OSError):
            pass

    def _watch(self, pending: dict[int, _Chunk]) -> None:
        """Kill and replace each worker stuck on one item for longer than ``hard_limit``."""
        for worker in list(self.workers):
            busy = worker.busy_item()
            if busy is not None and busy[2] > self.hard_limit:
                self._replace(worker, pending, "time_budget_exceeded",
                              f"stopped after {self.hard_limit:g} s (the hard time limit per record)")

    def _replace(self, worker: _Worker, pending: dict[int, _Chunk], code: str, message: str) -> bool:
        """Kill ``worker``, start a new one in its place and give it the dead one's chunks; the
        item it was working on gets a failure result. Returns whether there was such an item."""
        busy = worker.busy_item()
        worker.kill()
        self.restarts += 1
        fresh = _Worker(self.context, self.handler)
        self.workers[self.workers.index(worker)] = fresh
        blamed = False
        for seq, chunk in sorted(pending.items()):
            if chunk.worker is not worker:
                continue
            if busy is not None and busy[0] == seq:
                chunk.settled[busy[1]] = self.failure(chunk.items[busy[1]], code, message)
                blamed = True
            self._send(seq, chunk, fresh, pending)
        return blamed

    def _stop(self, *, gracefully: bool) -> None:
        for worker in self.workers:
            if gracefully:
                try:
                    worker.tasks.put(None)
                except (OSError, ValueError):
                    pass
        deadline = time.monotonic() + 5
        for worker in self.workers:
            if gracefully:
                worker.process.join(max(0.0, deadline - time.monotonic()))
            worker.kill()
        self.workers = []
