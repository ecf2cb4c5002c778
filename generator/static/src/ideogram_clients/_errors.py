"""The exception tree. Every error the package raises on purpose is an :class:`IdeogramClientsError`::

    IdeogramClientsError
    ├── InvalidInputError (ValueError)      refused before anything was sent: .errors names each field
    ├── MissingAPIKeyError                  no key in the arguments or the environment
    ├── JobFailedError                      the provider ran the job and reports it failed
    ├── WaitTimeoutError                    a wait (subscribe / run) passed its deadline; the job may still finish
    └── APIError                            something went wrong talking to the provider
        ├── APIConnectionError              no usable HTTP response (DNS, refused, reset, TLS)
        │   └── APITimeoutError             the request timed out
        ├── APIResponseValidationError      a 2xx answer that does not fit the documented shape
        └── APIStatusError                  a non-2xx answer: .status_code, .detail, .request_id
            ├── BadRequestError (400)       ├── AuthenticationError (401)
            ├── PermissionDeniedError (403) ├── NotFoundError (404)
            ├── ConflictError (409)         ├── UnprocessableEntityError (422)
            ├── RateLimitError (429)        └── InternalServerError (>= 500)

Messages never contain an API key: clients build them from status, detail and request id only.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import httpx

__all__ = [
    "APIConnectionError",
    "APIError",
    "APIResponseValidationError",
    "APIStatusError",
    "APITimeoutError",
    "AuthenticationError",
    "BadRequestError",
    "ConflictError",
    "ErrorDetail",
    "IdeogramClientsError",
    "InputErrorDetail",
    "InternalServerError",
    "InvalidInputError",
    "JobFailedError",
    "MissingAPIKeyError",
    "NotFoundError",
    "PermissionDeniedError",
    "RateLimitError",
    "UnprocessableEntityError",
    "WaitTimeoutError",
]

_MAX_SHOWN_VALUE = 80


class IdeogramClientsError(Exception):
    """Base of every error this package raises on purpose."""


@dataclass(frozen=True)
class InputErrorDetail:
    """One refused input: where (``loc``), what was given (``value``) and the broken rule (``message``)."""

    loc: tuple[str | int, ...]
    value: Any
    message: str
    type: str

    @property
    def field(self) -> str:
        return ".".join(str(part) for part in self.loc) or "(input)"

    def __str__(self) -> str:
        if self.type in ("missing", "rule"):
            return f"{self.field}: {self.message}"
        return f"{self.field}: {self.message} (got {short_repr(self.value)})"


class InvalidInputError(IdeogramClientsError, ValueError):
    """Input that breaks a documented constraint; raised before any request is sent."""

    def __init__(self, target: str, errors: Sequence[InputErrorDetail]) -> None:
        self.target = target
        self.errors = tuple(errors)
        count = len(self.errors)
        lines = "\n".join(f"  {error}" for error in self.errors)
        super().__init__(f"invalid input for {target} ({count} error{'s' if count != 1 else ''}):\n{lines}")


class MissingAPIKeyError(IdeogramClientsError):
    """No API key was passed and the documented environment variable is not set."""


class JobFailedError(IdeogramClientsError):
    """The provider accepted the job but reports that it failed."""

    def __init__(self, message: str, *, request_id: str | None = None, body: object = None) -> None:
        self.request_id = request_id
        self.body = body
        super().__init__(message)


class WaitTimeoutError(IdeogramClientsError, TimeoutError):
    """Waiting for a job passed its deadline. The job was not cancelled and may still finish."""

    def __init__(self, message: str, *, request_id: str | None = None) -> None:
        self.request_id = request_id
        super().__init__(message)


class APIError(IdeogramClientsError):
    """A failure talking to the provider; ``request`` is the request that failed."""

    def __init__(self, message: str, *, request: httpx.Request | None = None) -> None:
        self.request = request
        super().__init__(message)


class APIConnectionError(APIError):
    """The request got no usable HTTP response."""


class APITimeoutError(APIConnectionError, TimeoutError):
    """The request timed out (connect, read, write or pool)."""


class APIResponseValidationError(APIError):
    """A successful response whose body does not have the documented shape."""

    def __init__(self, message: str, *, response: httpx.Response, body: object = None) -> None:
        self.response = response
        self.status_code = response.status_code
        self.body = body
        super().__init__(message, request=response.request)


@dataclass(frozen=True)
class ErrorDetail:
    """One problem the provider reported: fal ``detail[]`` (loc/msg/type), Magnific ``invalid_params``."""

    loc: tuple[str | int, ...]
    message: str
    type: str | None = None

    def __str__(self) -> str:
        where = ".".join(str(part) for part in self.loc)
        return f"{where}: {self.message}" if where else self.message


class APIStatusError(APIError):
    """The provider answered with a non-success status."""

    def __init__(
        self,
        message: str,
        *,
        response: httpx.Response,
        body: object = None,
        details: Sequence[ErrorDetail] = (),
        request_id: str | None = None,
    ) -> None:
        self.response = response
        self.status_code = response.status_code
        self.body = body
        self.details = tuple(details)
        self.request_id = request_id
        super().__init__(message, request=response.request)


class BadRequestError(APIStatusError):
    """400."""


class AuthenticationError(APIStatusError):
    """401: the key is missing or wrong."""


class PermissionDeniedError(APIStatusError):
    """403."""


class NotFoundError(APIStatusError):
    """404."""


class ConflictError(APIStatusError):
    """409."""


class UnprocessableEntityError(APIStatusError):
    """422: the provider refused the input (fal's validation errors)."""


class RateLimitError(APIStatusError):
    """429."""


class InternalServerError(APIStatusError):
    """5xx."""


_STATUS_ERRORS: dict[int, type[APIStatusError]] = {
    400: BadRequestError,
    401: AuthenticationError,
    403: PermissionDeniedError,
    404: NotFoundError,
    409: ConflictError,
    422: UnprocessableEntityError,
    429: RateLimitError,
}


def status_error_class(status_code: int) -> type[APIStatusError]:
    """The most specific :class:`APIStatusError` subclass for ``status_code``."""
    if status_code >= 500:
        return InternalServerError
    return _STATUS_ERRORS.get(status_code, APIStatusError)


def short_repr(value: object) -> str:
    """``repr`` cut to a readable length: a 10 MB bytes value must not flood a message."""
    if isinstance(value, bytes | bytearray):
        return f"<{len(value)} bytes>"
    text = repr(value)
    return text if len(text) <= _MAX_SHOWN_VALUE else f"{text[: _MAX_SHOWN_VALUE - 3]}..."
