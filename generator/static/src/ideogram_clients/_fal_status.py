"""fal queue status objects: what ``status()``, ``iter_status()`` and ``on_update`` hand you.

The three documented shapes (``IN_QUEUE`` with its position, ``IN_PROGRESS`` with logs,
``COMPLETED`` with logs, metrics and, for a failed run, ``error``) as typed models, told apart by
``status``. An unknown status value is a malformed answer, never silently treated as "still going".
"""

from __future__ import annotations

from typing import Annotated, Any, Literal, TypeAlias

import httpx
from pydantic import Field, PrivateAttr, TypeAdapter, ValidationError

from ideogram_clients._errors import APIResponseValidationError
from ideogram_clients._models import OutputModel
from ideogram_clients._responses import first_problem

__all__ = ["CancelStatus", "Completed", "InProgress", "LogEntry", "Queued", "Status", "mark_seen", "parse_status"]

#: fal's documented answers to a cancel request.
CancelStatus: TypeAlias = Literal["OK", "CANCELLATION_REQUESTED", "ALREADY_COMPLETED", "NOT_FOUND"]
CANCEL_STATUSES: frozenset[str] = frozenset({"OK", "CANCELLATION_REQUESTED", "ALREADY_COMPLETED", "NOT_FOUND"})


class LogEntry(OutputModel):
    """One log line of a running request."""

    message: str
    level: str | None = None
    source: str | None = None
    timestamp: str | None = None


class Queued(OutputModel):
    """Waiting in the queue; ``queue_position`` 0 means next."""

    status: Literal["IN_QUEUE"]
    queue_position: int | None = None
    response_url: str | None = None


class _WithLogs(OutputModel):
    """A status that carries the job's logs so far (fal repeats every line in each status)."""

    logs: list[LogEntry] | None = None
    _seen: int = PrivateAttr(default=0)

    @property
    def new_logs(self) -> list[LogEntry]:
        """The lines not in an earlier status of the same wait (``iter_status``/``wait``/``subscribe``
        keep count); a status fetched on its own has only new lines. Print these to show each line once."""
        return (self.logs or [])[self._seen :]


def mark_seen(status: object, seen: int) -> int:
    """Record that ``seen`` log lines came in earlier statuses; the count after this one."""
    if not isinstance(status, _WithLogs):
        return seen
    status._seen = min(seen, len(status.logs or []))
    return max(seen, len(status.logs or []))


class InProgress(_WithLogs):
    """Running; ``logs`` only when asked for with ``logs=True`` (``new_logs``: the lines not seen before)."""

    status: Literal["IN_PROGRESS"]
    response_url: str | None = None


class Completed(_WithLogs):
    """Done. ``error`` is set when the run failed (then ``result()`` raises)."""

    status: Literal["COMPLETED"]
    metrics: dict[str, Any] | None = None
    error: str | None = None
    error_type: str | None = None
    response_url: str | None = None


Status: TypeAlias = Annotated[Queued | InProgress | Completed, Field(discriminator="status")]
_STATUS: TypeAdapter[Queued | InProgress | Completed] = TypeAdapter(Status)


def parse_status(data: object, response: httpx.Response) -> Queued | InProgress | Completed:
    """A typed status, or :class:`APIResponseValidationError` for anything undocumented."""
    try:
        return _STATUS.validate_python(data)
    except ValidationError as exc:
        problem = first_problem(exc, "status")
        message = f"unexpected status answer from {response.request.url.copy_with(query=None)}: {problem}"
        raise APIResponseValidationError(message, response=response, body=data) from None
