"""The shared watchdog behind the sync stall bound: due actions run, cancelled ones never do."""

from __future__ import annotations

import threading

from ideogram_clients._watchdog import Watchdog

GUARD = 10.0  # hang guard, far above the delays used (not a speed check)


def test_a_due_action_runs_after_earlier_cancelled_ones() -> None:
    dog = Watchdog()
    ran: list[str] = []
    done = threading.Event()
    for _ in range(50):
        dog.cancel(dog.schedule(0.0, lambda: ran.append("cancelled")))
    dog.schedule(0.01, lambda: (ran.append("due"), done.set()))
    assert done.wait(GUARD)
    assert "due" in ran


def test_a_cancelled_action_never_runs_and_a_failing_one_does_not_stop_the_thread() -> None:
    dog = Watchdog()
    ran: list[str] = []
    done = threading.Event()
    key = dog.schedule(0.05, lambda: ran.append("cancelled"))
    dog.cancel(key)
    dog.schedule(0.01, lambda: 1 / 0)
    dog.schedule(0.1, done.set)  # due after the cancelled one would have been
    assert done.wait(GUARD)
    assert ran == []
