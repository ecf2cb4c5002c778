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
writer. All calls run on one dedicated thread, off the event loop; state changes that arrive while a
commit is under way are committed together in the next one (group commit: one fsync for every
``submitting`` mark waiting, and a job's request id is not queued behind a string of other commits).
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
_UPDATE = (
    "UPDATE jobs SET state=?, request_id=COALESCE(?, request_id), error=?, "
    "outputs=COALESCE(?, outputs), attempts=attempts+?, updated=? WHERE key=?"
)
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
        self._waiting: list[tuple[tuple[Any, ...], bool, asyncio.Future[None]]] = []
        self._flusher: asyncio.Future[None] | None = None

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
        """Move a job to ``state`` (committed when this returns); ``sent`` counts one more submit
        request. ``None`` keeps a field."""
        shown_outputs = None if outputs is None else json.dumps(outputs)
        values = (str(state), request_id, error, shown_outputs, int(sent), time.time(), key)
        done: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self._waiting.append((values, state is State.SUBMITTING, done))
        if self._flusher is None or self._flusher.done():
            self._flusher = asyncio.ensure_future(self._flush())
        await done

    async def _flush(self) -> None:
        """Commit the waiting state changes, in groups, until none is left."""
        while self._waiting:
            group, self._waiting = self._waiting, []
            try:
                await self._call(self._commit, [values for values, _, _ in group], any(d for _, d, _ in group))
            except Exception as error:  # every caller of the group learns that its change is not on disk
                for _, _, done in group:
                    if not done.done():
                        done.set_exception(error)
            else:
                for _, _, done in group:
                    if not done.done():
                        done.set_result(None)

    def _commit(self, rows: list[tuple[Any, ...]], durable: bool) -> None:
        db = self._db()
        if durable:
            db.execute("PRAGMA synchronous=FULL")
        try:
            with db:  # one transaction
                db.execute("BEGIN")
                db.executemany(_UPDATE, rows)
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
            if self._flusher is not None:
                await asyncio.wait([self._flusher])  # the last changes, even when a caller was cancelled
            await self._call(close)
        finally:
            self._executor.shutdown(wait=True)
