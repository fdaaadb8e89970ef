"""Dynamic batching: concurrent requests gathered into one engine call.

A :class:`Batcher` owns a queue. :meth:`Batcher.submit` adds a job and awaits
its result; one worker task takes the oldest job, then keeps taking jobs for
up to ``max_wait`` seconds or until ``max_tokens`` (the sum of the jobs'
costs) is reached, and runs them all in one call of ``run`` in a thread. Each
job's result goes back to its own caller, in the order ``run`` returned them.

The wait window opens only under load (when the last batch held more than one
job): a lone request is run at once, so one client sees no added latency. Under
load the window lasts ``max_wait`` or a fifth of the last batch's time, whichever
is longer (at most ten times ``max_wait``); each job that comes in keeps it open ``max_wait`` longer, within the
same cap, so clients slow to come back one after another are still waited for. It closes as soon as the batch
holds the callers of the last batch (they send their next request once answered) and those that queued meanwhile:
clients that wait for each answer then share one batch instead of splitting into
two groups that alternate in half-size batches.

A caller that goes away (its task is cancelled) leaves the batch undisturbed:
a job cancelled before its batch starts is skipped, one cancelled during its
batch is computed with the others and its result dropped. When more than
``max_pending`` jobs wait, :meth:`submit` raises :class:`QueueFull` at once.

>>> import asyncio
>>> async def demo():
...     batcher = Batcher(lambda jobs: [j.upper() for j in jobs], max_tokens=100, max_wait=0.01)
...     results = await asyncio.gather(*(batcher.submit(w, cost=1) for w in ("a", "b", "c")))
...     await batcher.close()
...     return results, batcher.batches
>>> asyncio.run(demo())
(['A', 'B', 'C'], 1)
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import Callable, Sequence
from concurrent.futures import Executor
from dataclasses import dataclass, field
from typing import Generic, TypeVar

__all__ = ["Batcher", "QueueFull"]

WAIT_SHARE = 0.2  # under load, the wait window may last this share of the last batch's time

Job = TypeVar("Job")
Result = TypeVar("Result")


class QueueFull(Exception):
    """The queue holds ``max_pending`` jobs already; ``retry_after`` is a guess, in seconds, of when to retry."""

    def __init__(self, retry_after: int) -> None:
        super().__init__(f"queue full, retry in {retry_after} s")
        self.retry_after = retry_after


@dataclass
class _Entry(Generic[Job, Result]):
    job: Job
    cost: int
    future: asyncio.Future[Result] = field(repr=False)


class Batcher(Generic[Job, Result]):
    """Gathers jobs into batches for ``run`` (a blocking function: jobs in, one result per job out, in order).

    ``run`` runs in ``executor`` (a one-thread executor keeps a model, or a database connection, on one
    thread), or in asyncio's default executor. ``on_batch(costs, seconds)`` is called after every batch
    (for metrics) with the cost of each job.
    """

    def __init__(
        self,
        run: Callable[[list[Job]], Sequence[Result]],
        *,
        max_tokens: int = 4096,
        max_wait: float = 0.03,
        max_pending: int = 256,
        executor: Executor | None = None,
        on_batch: Callable[[list[int], float], None] | None = None,
    ) -> None:
        self.run, self.max_tokens, self.max_wait, self.max_pending = run, max_tokens, max_wait, max_pending
        self.executor, self.on_batch = executor, on_batch
        self.batches = 0
        self._queue: asyncio.Queue[_Entry[Job, Result]] = asyncio.Queue()
        self._worker: asyncio.Task[None] | None = None
        self._carry: _Entry[Job, Result] | None = None  # the job that did not fit the last batch: first of the next
        self._seconds_per_batch = 0.0
        self._last_size = 0
        self.busy = False

    @property
    def pending(self) -> int:
        """Jobs waiting for a batch (not counting the batch running now)."""
        return self._queue.qsize() + (self._carry is not None)

    async def submit(self, job: Job, *, cost: int) -> Result:
        """Queue ``job`` and wait for its result; raises :class:`QueueFull` when too many jobs wait."""
        if self.pending >= self.max_pending:
            raise QueueFull(self.retry_after())
        if self._worker is None:
            self._worker = asyncio.get_running_loop().create_task(self._work())
        future: asyncio.Future[Result] = asyncio.get_running_loop().create_future()
        self._queue.put_nowait(_Entry(job, cost, future))
        return await future

    def retry_after(self) -> int:
        """Seconds until the queue has likely drained by a batch (at least 1)."""
        return max(1, round(self._seconds_per_batch * (1 + self.pending / max(1, self.max_pending))))

    async def close(self) -> None:
        """Stop the worker once the queue is empty (jobs already queued are still served)."""
        if self._worker is None:
            return
        while self.pending or self.busy:
            await asyncio.sleep(0.01)
        self._worker.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await self._worker

    async def _work(self) -> None:
        while True:
            batch = await self._gather()
            if not batch:
                continue
            self.busy = True
            started = time.perf_counter()
            try:
                jobs = [e.job for e in batch]
                results = await asyncio.get_running_loop().run_in_executor(self.executor, self.run, jobs)
            except Exception as err:  # noqa: BLE001 - the error belongs to the callers, not to the worker
                for entry in batch:
                    if not entry.future.done():
                        entry.future.set_exception(err)
            else:
                for entry, result in zip(batch, results, strict=True):
                    if not entry.future.done():  # a cancelled caller's result is dropped
                        entry.future.set_result(result)
            finally:
                self.busy = False
            seconds = time.perf_counter() - started
            self.batches += 1
            self._last_size = len(batch)
            self._seconds_per_batch = 0.8 * self._seconds_per_batch + 0.2 * seconds if self.batches > 1 else seconds
            if self.on_batch:
                self.on_batch([e.cost for e in batch], seconds)

    def _window(self) -> float:
        """The wait window under load: ``max_wait``, or longer for long batches (at most ten times ``max_wait``)."""
        return min(10 * self.max_wait, max(self.max_wait, WAIT_SHARE * self._seconds_per_batch))

    async def _gather(self) -> list[_Entry[Job, Result]]:
        """The oldest live job and those that follow within the wait window and the token budget.

        Under load, each job that comes in keeps the window open ``max_wait`` longer (up to ten times ``max_wait``
        from the start): clients still coming back one after another are waited for, a lull closes the batch.
        """
        loop = asyncio.get_running_loop()
        expected = self._last_size + self.pending  # the last batch's callers coming back, and those queued
        first, self._carry = self._carry or await self._queue.get(), None
        batch = [first] if not first.future.done() else []
        tokens = first.cost if batch else 0
        under_load, opened = self._last_size > 1, loop.time()
        deadline = opened + (self._window() if under_load else 0.0)
        while tokens < self.max_tokens:
            if self._queue.empty():
                if len(batch) >= expected:  # everyone expected is in: no reason to wait
                    break
                remaining = deadline - loop.time()
                if remaining <= 0:
                    break
                try:
                    entry = await asyncio.wait_for(self._queue.get(), remaining)
                except asyncio.TimeoutError:
                    break
            else:
                entry = self._queue.get_nowait()
            if entry.future.done():  # cancelled while queued
                continue
            if batch and tokens + entry.cost > self.max_tokens:
                self._carry = entry
                break
            batch.append(entry)
            tokens += entry.cost
            if under_load:
                deadline = max(deadline, min(opened + 10 * self.max_wait, loop.time() + self.max_wait))
        return batch
