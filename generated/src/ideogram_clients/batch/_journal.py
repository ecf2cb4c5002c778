"""The batch journal: one SQLite row per job, written before and after every step that costs money.

States: ``pending`` → ``submitting`` → ``submitted`` (request id known) → ``done`` | ``failed``, and
``unknown`` for a job whose submit was sent but never answered (a crash in between, or a reply lost
on the way): it may exist and be billed, and no provider API can tell us, so it is not resubmitted
unless the user asks. ``submitting`` is committed *before* the request leaves, the request id as soon
as it is known, so after a crash at any point the journal says which jobs may exist.

SQLite in WAL mode: every commit survives the process being killed; the ``submitting`` mark is also
fsynced (``synchronous=FULL`` for that commit) so a power cut after a submit cannot forget it. Other
commits skip the fsync (``NORMAL``): losing one to a power cut only moves a job back a step
(``submitted`` → ``submitting``, which then reads as ``unknown``; ``done`` → ``submitted``, which
re-attaches), never towards a second submit. Readers (a second terminal, the tests) never block the
writer. All calls run on one dedicated thread, off the event loop.
"""

from __future__ import annotations

import asyncio
import json
import sqlite3
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any, TypeVar

__all__ = ["JOURNAL_NAME", "Journal", "Row", "State", "read_journal"]

JOURNAL_NAME = "batch-journal.sqlite3"
_SCHEMA = """
CREATE TABLE IF NOT EXISTS jobs (
    key TEXT PRIMARY KEY,
    line INTEGER NOT NULL,
    digest TEXT NOT NULL,
    endpoint TEXT NOT NULL,
    state TEXT NOT NULL,
    request_id TEXT,
    attempts INTEGER NOT NULL DEFAULT 0,
    error TEXT,
    outputs TEXT NOT NULL DEFAULT '[]',
    updated REAL NOT NULL
)
"""
_COLUMNS = "key, line, digest, endpoint, state, request_id, attempts, error, outputs"
T = TypeVar("T")


class State(StrEnum):
    PENDING = "pending"
    SUBMITTING = "submitting"
    SUBMITTED = "submitted"
    DONE = "done"
    FAILED = "failed"
    UNKNOWN = "unknown"


@dataclass(frozen=True)
class Row:
    """One job as the journal last recorded it. ``attempts`` counts submit requests sent."""

    key: str
    line: int
    digest: str
    endpoint: str
    state: State
    request_id: str | None
    attempts: int
    error: str | None
    outputs: tuple[str, ...]

    @classmethod
    def from_sql(cls, values: tuple[Any, ...]) -> Row:
        key, line, digest, endpoint, state, request_id, attempts, error, outputs = values
        return cls(key, line, digest, endpoint, State(state), request_id, attempts, error, tuple(json.loads(outputs)))


def _connect(path: Path) -> sqlite3.Connection:
    connection = sqlite3.connect(path, isolation_level=None, timeout=30)
    connection.execute("PRAGMA journal_mode=WAL")
    connection.execute("PRAGMA synchronous=NORMAL")
    connection.execute(_SCHEMA)
    return connection


def read_journal(path: Path) -> dict[str, Row]:
    """Every row of the journal at ``path`` (read-only; safe while a batch is writing it)."""
    connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=30)
    try:
        if connection.execute("SELECT 1 FROM sqlite_master WHERE name = 'jobs'").fetchone() is None:
            return {}  # a journal a batch is just creating
        return {row.key: row for row in map(Row.from_sql, connection.execute(f"SELECT {_COLUMNS} FROM jobs"))}  # noqa: S608
    finally:
        connection.close()


class Journal:
    """The journal of one output folder; every method commits before it returns."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="batch-journal")
        self._connection: sqlite3.Connection | None = None

    async def _call(self, function: Callable[..., T], *args: Any) -> T:
        return await asyncio.get_running_loop().run_in_executor(self._executor, function, *args)

    def _db(self) -> sqlite3.Connection:
        if self._connection is None:
            self._connection = _connect(self.path)
        return self._connection

    async def open(self) -> dict[str, Row]:
        """Create the journal if needed; every row it holds."""
        return await self._call(self._rows)

    def _rows(self) -> dict[str, Row]:
        cursor = self._db().execute(f"SELECT {_COLUMNS} FROM jobs")  # noqa: S608 - constant columns
        return {row.key: row for row in map(Row.from_sql, cursor)}

    async def add(self, jobs: list[tuple[str, int, str, str]]) -> None:
        """New jobs ``(key, line, digest, endpoint)``, ``pending`` (an unsent job whose line changed is
        replaced), in one transaction."""
        sql = (
            "INSERT INTO jobs (key, line, digest, endpoint, state, updated) VALUES (?, ?, ?, ?, 'pending', ?) "
            "ON CONFLICT(key) DO UPDATE SET line=excluded.line, digest=excluded.digest, "
            "endpoint=excluded.endpoint, state='pending', error=NULL, updated=excluded.updated"
        )
        now = time.time()
        await self._call(self._execute_many, sql, [(*job, now) for job in jobs])

    async def set(
        self,
        key: str,
        state: State,
        *,
        request_id: str | None = None,
        error: str | None = None,
        outputs: list[str] | None = None,
        sent: bool = False,
    ) -> None:
        """Move a job to ``state``; ``sent`` counts one more submit request. ``None`` keeps a field."""
        sql = (
            "UPDATE jobs SET state=?, request_id=COALESCE(?, request_id), error=?, "
            "outputs=COALESCE(?, outputs), attempts=attempts+?, updated=? WHERE key=?"
        )
        shown_outputs = None if outputs is None else json.dumps(outputs)
        values = (str(state), request_id, error, shown_outputs, int(sent), time.time(), key)
        await self._call(self._execute, sql, values, state is State.SUBMITTING)

    def _execute(self, sql: str, values: tuple[Any, ...], durable: bool = False) -> None:
        db = self._db()
        if durable:
            db.execute("PRAGMA synchronous=FULL")
        try:
            db.execute(sql, values)
        finally:
            if durable:
                db.execute("PRAGMA synchronous=NORMAL")

    def _execute_many(self, sql: str, rows: list[tuple[Any, ...]]) -> None:
        db = self._db()
        with db:  # one transaction
            db.execute("BEGIN")
            db.executemany(sql, rows)

    async def close(self) -> None:
        def close() -> None:
            if self._connection is not None:
                self._connection.close()
                self._connection = None

        try:
            await self._call(close)
        finally:
            self._executor.shutdown(wait=True)
