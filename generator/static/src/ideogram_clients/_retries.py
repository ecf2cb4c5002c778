"""When to retry a request, and how long to wait first.

Two policies. *Idempotent* requests (status, result, cancel, task look-ups) are retried on
connection errors, timeouts and 408/409/429/502/503/504. *Creating* requests (fal submit and sync
run, Magnific create) are retried only when the failure proves no job was created: the connection
was never made or the body never fully sent, the edge answered 408/429, or a 502/503/504 came from
fal's edge rather than the app (no ``x-fal-request-id``; Magnific documents 503 as retryable). A
read timeout after the body was sent is *not* retried for these: the job may exist, and a second
one would be billed twice.
"""

from __future__ import annotations

import email.utils
import random
import time
from dataclasses import dataclass

import httpx

__all__ = ["CREATE", "IDEMPOTENT", "MAGNIFIC_CREATE", "UPLOAD", "RetryPolicy", "backoff_delay", "retry_after"]

#: Exceptions raised before the request could reach the server's application.
_UNSENT_ERRORS: tuple[type[Exception], ...] = (
    httpx.ConnectError,
    httpx.ConnectTimeout,
    httpx.PoolTimeout,
    httpx.WriteError,
    httpx.WriteTimeout,
    httpx.UnsupportedProtocol,
)
_RETRYABLE_STATUSES = frozenset({408, 409, 429, 502, 503, 504})
_EDGE_STATUSES = frozenset({502, 503, 504})

INITIAL_DELAY = 0.5
MAX_DELAY = 8.0
#: A Retry-After longer than this is not waited for; our own backoff is used instead.
MAX_RETRY_AFTER = 60.0


@dataclass(frozen=True)
class RetryPolicy:
    """Which failures of one kind of request may be retried."""

    creates_job: bool
    #: Status codes that prove the app never saw the request (only consulted when ``creates_job``).
    safe_statuses: frozenset[int] = frozenset({408, 429})
    #: Edge statuses retried for a creating request when the app's request-id header is absent.
    edge_statuses: frozenset[int] = _EDGE_STATUSES
    app_request_id_header: str | None = "x-fal-request-id"
    #: Statuses worth another attempt at all.
    statuses: frozenset[int] = _RETRYABLE_STATUSES

    def retry_exception(self, exc: Exception) -> bool:
        if not isinstance(exc, httpx.TransportError):
            return False
        return isinstance(exc, _UNSENT_ERRORS) or not self.creates_job

    def retry_response(self, response: httpx.Response) -> bool:
        status = response.status_code
        if status not in self.statuses:
            return False
        if not self.creates_job:
            return True
        if status in self.safe_statuses:
            return True
        if status in self.edge_statuses:
            header = self.app_request_id_header
            return header is None or header not in response.headers
        return False


IDEMPOTENT = RetryPolicy(creates_job=False)
#: fal submit / sync run: edge 502/503/504 (no ``x-fal-request-id``) never reached the app.
CREATE = RetryPolicy(creates_job=True)
#: Uploads to fal storage: nothing is billed, so any 5xx is worth another try too.
UPLOAD = RetryPolicy(creates_job=False, statuses=_RETRYABLE_STATUSES | {500})
#: Magnific create: its docs name 503 as the status to retry with backoff.
MAGNIFIC_CREATE = RetryPolicy(
    creates_job=True, safe_statuses=frozenset({408, 429, 503}), edge_statuses=frozenset(), app_request_id_header=None
)


def retry_after(response: httpx.Response, now: float | None = None) -> float | None:
    """Seconds the server asks us to wait (``retry-after-ms``, ``Retry-After`` seconds or date)."""
    millis = response.headers.get("retry-after-ms")
    if millis is not None:
        try:
            return max(0.0, float(millis) / 1000)
        except ValueError:
            pass
    value = response.headers.get("retry-after")
    if value is None:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        parsed = email.utils.parsedate_to_datetime(value) if value.strip() else None
    if parsed is None:
        return None
    return max(0.0, parsed.timestamp() - (time.time() if now is None else now))


def backoff_delay(attempt: int, response: httpx.Response | None = None, rng: random.Random | None = None) -> float:
    """Wait before retry number ``attempt + 1``: the server's Retry-After when sane, else
    exponential backoff (0.5 s doubling to 8 s) with up to 25 % jitter so clients spread out."""
    if response is not None:
        try:
            asked = retry_after(response)
        except (TypeError, ValueError, OverflowError):
            asked = None
        if asked is not None and asked <= MAX_RETRY_AFTER:
            return asked
    base = min(INITIAL_DELAY * (2**attempt), MAX_DELAY)
    draw = rng.random() if rng is not None else random.random()  # noqa: S311 (jitter, not crypto)
    return float(base * (1 - 0.25 * draw))
