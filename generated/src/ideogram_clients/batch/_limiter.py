"""Adaptive concurrency: at most ``limit`` jobs in flight, halved on a 429, grown back one at a time.

Additive increase, multiplicative decrease (TCP's rule): a provider that says "too many requests"
gets half the load at once, then one more job in flight after every ``limit`` jobs that finish
without a 429, up to the ``--concurrency`` the user chose. A burst of 429s from the jobs already in
flight halves the limit once, not once per answer: after a cut, further 429s within ``cooldown``
seconds are the same overload.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable

__all__ = ["AdaptiveLimiter"]


class AdaptiveLimiter:
    """A semaphore whose size moves between 1 and ``maximum``."""

    def __init__(self, maximum: int, *, cooldown: float = 1.0, clock: Callable[[], float] = time.monotonic) -> None:
        if maximum < 1:
            raise ValueError(f"concurrency must be at least 1, got {maximum}")
        self.maximum = maximum
        self.limit = maximum
        self.active = 0
        self.cuts = 0
        self._cooldown = cooldown
        self._clock = clock
        self._cut_at: float | None = None
        self._good = 0
        self._changed = asyncio.Condition()

    async def acquire(self) -> None:
        async with self._changed:
            await self._changed.wait_for(lambda: self.active < self.limit)
            self.active += 1

    async def release(self) -> None:
        async with self._changed:
            self.active -= 1
            self._changed.notify(1)  # one slot: wake one waiter, not the whole queue

    async def throttled(self) -> None:
        """A 429 was answered: halve the limit (once per cooldown)."""
        now = self._clock()
        if self._cut_at is not None and now - self._cut_at < self._cooldown:
            return
        self._cut_at = now
        self._good = 0
        self.limit = max(1, self.limit // 2)
        self.cuts += 1

    async def succeeded(self) -> None:
        """A job finished without trouble: after ``limit`` of them, allow one more in flight."""
        if self.limit >= self.maximum:
            return
        self._good += 1
        if self._good >= self.limit:
            self._good = 0
            async with self._changed:
                self.limit += 1
                self._changed.notify(1)
