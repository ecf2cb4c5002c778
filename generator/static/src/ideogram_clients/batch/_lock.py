"""One batch at a time per output folder: two processes sharing a journal would both submit its pending jobs.

An exclusive ``flock`` on ``DIR/batch-journal.sqlite3.lock`` for the run's duration. The kernel drops
it when the process dies, however it dies (SIGKILL included), so a crash never leaves a stale lock.
On systems without ``fcntl`` (Windows) the guard is skipped.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Iterator
from pathlib import Path

from ideogram_clients._errors import IdeogramClientsError

__all__ = ["BatchLockedError", "folder_lock"]


class BatchLockedError(IdeogramClientsError, RuntimeError):
    """Another batch is running on the same output folder."""


@contextlib.contextmanager
def folder_lock(journal: Path) -> Iterator[None]:
    if sys.platform == "win32":  # pragma: no cover - no fcntl
        yield
        return
    import fcntl

    handle = os.open(f"{journal}.lock", os.O_CREAT | os.O_RDWR, 0o644)
    try:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise BatchLockedError(
                f"another batch is running on {journal.parent} (its journal is locked); wait for it to end"
            ) from None
        yield
    finally:
        os.close(handle)
