"""fal queue status objects: what ``status()``, ``iter_status()`` and ``on_update`` hand you.

The three documented shapes (``IN_QUEUE`` with its position, ``IN_PROGRESS`` with logs,
``COMPLETED`` with logs, metrics and, for a failed run, ``error``) as typed models, told apart by
``status``. An unknown status value is a malformed answer, never silently treated as "still going".
"""

from __future__ import annotations

from typing import Annotated, Any, Literal, TypeAlias

import httpx
from pydantic import Field, TypeAdapter, ValidationError

from ideogram_clients._errors import APIResponseValidationError
from ideogram_clients._models import OutputModel
from ideogram_clients._responses import first_problem

__all__ = ["CancelStatus", "Completed", "InProgress", "LogEntry", "Queued", "Status", "parse_status"]

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


class InProgress(OutputModel):
    """Running; ``logs`` only when asked for with ``logs=True``."""

    status: Literal["IN_PROGRESS"]
    logs: list[LogEntry] | None = None
    response_url: str | None = None


class Completed(OutputModel):
    """Done. ``error`` is set when the run failed (then ``result()`` raises)."""

    status: Literal["COMPLETED"]
    logs: list[LogEntry] | None = None
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
