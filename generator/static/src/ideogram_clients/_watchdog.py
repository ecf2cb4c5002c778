"""One shared timer thread for the sync stall bound: schedule an action, cancel it, cheaply.

A :class:`threading.Timer` per bounded block costs a thread start (~0.1 ms) on every finished sync
job; here one daemon thread waits on a heap of due times, started on first use (and again in a
forked child, which does not inherit it). An action runs under the lock that :meth:`cancel` takes,
so once ``cancel`` returns its action can no longer run.
"""

from __future__ import annotations

import heapq
import itertools
import os
import threading
import time
from collections.abc import Callable
from contextlib import suppress

__all__ = ["WATCHDOG", "Watchdog"]


class Watchdog:
    def __init__(self) -> None:
        self._reset()

    def _reset(self) -> None:
        self._cond = threading.Condition()
        self._due: list[tuple[float, int, Callable[[], None]]] = []
        self._pending: set[int] = set()
        self._keys = itertools.count()
        self._thread: threading.Thread | None = None

    def schedule(self, seconds: float, action: Callable[[], None]) -> int:
        """Run ``action`` in ``seconds`` unless cancelled; the key to cancel it with."""
        with self._cond:
            key = next(self._keys)
            heapq.heappush(self._due, (time.monotonic() + seconds, key, action))
            self._pending.add(key)
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="ideogram-clients-watchdog", daemon=True)
                self._thread.start()
            self._cond.notify()
        return key

    def cancel(self, key: int) -> None:
        with self._cond:
            self._pending.discard(key)

    def _run(self) -> None:
        with self._cond:
            while True:
                while self._due and self._due[0][1] not in self._pending:
                    heapq.heappop(self._due)
                if not self._due:
                    self._cond.wait()
                    continue
                when, key, action = self._due[0]
                left = when - time.monotonic()
                if left > 0:
                    self._cond.wait(left)
                    continue
                heapq.heappop(self._due)
                self._pending.discard(key)
                with suppress(Exception):  # an action's failure must not stop the watchdog
                    action()


WATCHDOG = Watchdog()
os.register_at_fork(after_in_child=WATCHDOG._reset)
