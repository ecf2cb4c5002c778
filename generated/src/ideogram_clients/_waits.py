"""Checking a wait's ``timeout`` before anything is sent, and turning it into a deadline.

A paid job must not be submitted when the wait that follows cannot work: ``"5"`` (a string), ``-1``,
``0``, ``nan`` and ``inf`` are refused up front with the rule, so ``subscribe``/``run`` send nothing.
"""

from __future__ import annotations

import math
from collections.abc import Callable

from ideogram_clients._errors import InputErrorDetail, InvalidInputError

__all__ = ["check_timeout", "deadline_after"]

RULE = "must be a finite number of seconds greater than 0, or None to wait without a limit"


def check_timeout(timeout: object, where: str = "the wait") -> float | None:
    """``timeout`` as seconds, or None; anything else is an :class:`InvalidInputError` naming the rule."""
    if timeout is None:
        return None
    if isinstance(timeout, int | float) and not isinstance(timeout, bool) and math.isfinite(timeout) and timeout > 0:
        return float(timeout)
    detail = InputErrorDetail(loc=("timeout",), value=timeout, message=RULE, type="wait")
    raise InvalidInputError(where, [detail])


def deadline_after(timeout: object, clock: Callable[[], float]) -> float | None:
    """The clock reading at which a wait of ``timeout`` seconds ends (None: no deadline)."""
    seconds = check_timeout(timeout)
    return None if seconds is None else clock() + seconds
