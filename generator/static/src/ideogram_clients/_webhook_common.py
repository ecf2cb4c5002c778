"""What both webhook verifiers share: the error, the time window and reading headers and bodies."""

from __future__ import annotations

import math
import re
import time
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Final, Literal, TypeAlias

from pydantic import ValidationError

from ideogram_clients import _json
from ideogram_clients._errors import (
    IdeogramClientsError,
)

if TYPE_CHECKING:
    pass


#: Seconds a delivery's timestamp may differ from now, both ways (fal and Standard Webhooks use 5 min).
DEFAULT_TOLERANCE: Final = 300.0

WebhookFailure: TypeAlias = Literal[
    "missing_header", "bad_timestamp", "expired", "bad_signature", "malformed", "no_keys"
]

_TIMESTAMP = re.compile(r"[0-9]{1,15}")  # bounded: int() of a huge digit string is slow or refused


class WebhookVerificationError(IdeogramClientsError):
    """A delivery that must not be trusted, or (``verified=True``) a signed body of the wrong shape.

    ``reason`` is one of :data:`WebhookFailure`; the message never contains a key, secret or header value.
    """

    def __init__(self, message: str, *, reason: WebhookFailure, verified: bool = False) -> None:
        self.reason: WebhookFailure = reason
        self.verified = verified
        super().__init__(message)


def _raw_body(body: object) -> bytes:
    if not isinstance(body, bytes | bytearray | memoryview):
        raise TypeError("body: pass the raw request body as bytes (the exact bytes that were signed)")
    return bytes(body)


def _check_window_arguments(now: float | None, tolerance: float) -> None:
    if now is not None and not math.isfinite(now):
        raise ValueError("now: must be a finite unix time")
    if not tolerance >= 0:
        raise ValueError("tolerance: must be a non-negative number of seconds")


def signed_delivery(
    body: object, headers: Mapping[str, str], names: Sequence[str], timestamp: str, now: float | None, tolerance: float
) -> tuple[bytes, dict[str, str]]:
    """The raw body and the values of the header ``names``, once the ``timestamp`` header is in the window."""
    raw = _raw_body(body)
    _check_window_arguments(now, tolerance)
    values = _read_headers(headers, names)
    _check_timestamp(values[timestamp], timestamp, now, tolerance)
    return raw, values


def _read_headers(headers: Mapping[str, str], names: Sequence[str]) -> dict[str, str]:
    """The values of ``names``, found case-insensitively in any mapping (dicts, httpx/Starlette headers)."""
    if not isinstance(headers, Mapping):
        raise TypeError("headers: expected a mapping of header names to values")
    found: dict[str, str] = {}
    for key, value in headers.items():
        name = _as_text(key)
        if name is None:
            continue
        name = name.strip().lower()
        if name not in names:
            continue
        if name in found:
            raise WebhookVerificationError(f"header {name} is given more than once", reason="malformed")
        text = _as_text(value)
        if text is None:
            raise WebhookVerificationError(f"header {name} is not text", reason="malformed")
        found[name] = text
    for name in names:
        if not found.get(name):
            raise WebhookVerificationError(f"header {name} is missing or empty", reason="missing_header")
    return found


def _as_text(value: object) -> str | None:
    """A header name or value as text; None when it is neither text nor bytes, or not encodable."""
    if isinstance(value, bytes):
        return value.decode("latin-1")  # raw HTTP header bytes, as ASGI servers hand them over
    if not isinstance(value, str):
        return None
    try:
        value.encode("utf-8")  # lone surrogates cannot be part of a signed message
    except UnicodeEncodeError:
        return None
    return value


def _check_timestamp(value: str, header: str, now: float | None, tolerance: float) -> None:
    if not _TIMESTAMP.fullmatch(value):
        raise WebhookVerificationError(f"{header} is not an integer number of seconds", reason="bad_timestamp")
    skew = int(value) - (time.time() if now is None else now)
    if abs(skew) > tolerance:
        when = "in the future" if skew > 0 else "old"
        raise WebhookVerificationError(
            f"{header} is {abs(skew):.0f} s {when}, outside the ±{tolerance:g} s window (a replay or a bad clock)",
            reason="expired",
        )


def _load_json(body: bytes) -> object:
    try:
        return _json.loads(body)
    except ValueError:
        raise WebhookVerificationError("the signed body is not JSON", reason="malformed", verified=True) from None


def _malformed(what: str, exc: ValidationError) -> WebhookVerificationError:
    problems = "; ".join(
        f"{'.'.join(str(part) for part in error['loc']) or '(body)'}: {error['msg']}"
        for error in exc.errors(include_url=False, include_input=False)[:5]
    )
    return WebhookVerificationError(
        f"the signed body is not a {what} webhook of the documented shape: {problems}",
        reason="malformed",
        verified=True,
    )
