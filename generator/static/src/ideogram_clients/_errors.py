"""The exception tree. Every error the package raises on purpose is an :class:`IdeogramClientsError`::

    IdeogramClientsError
    ├── InvalidInputError (ValueError)      refused before anything was sent: .errors names each field
    ├── MissingAPIKeyError                  no key in the arguments or the environment
    ├── InvalidAPIKeyError (ValueError)     a key no HTTP header can carry (control or non-ASCII characters)
    ├── JobFailedError                      the provider ran the job and reports it failed
    ├── WaitTimeoutError                    a wait (subscribe / run) passed its deadline; the job may still finish
    ├── InvalidOutputError (ValueError)     an output file that cannot be decoded (bad data: URI)
    ├── OutputExistsError (FileExistsError) saving would replace a file; pass overwrite=True
    └── APIError                            something went wrong talking to the provider
        ├── APIConnectionError              no usable HTTP response (DNS, refused, reset, TLS)
        │   └── APITimeoutError             the request timed out
        ├── APIResponseValidationError      a 2xx answer that does not fit the documented shape
        ├── UploadError                     a file could not be uploaded to fal storage: .field, .file
        └── APIStatusError                  a non-2xx answer: .status_code, .detail, .request_id
            ├── BadRequestError (400)       ├── AuthenticationError (401)
            ├── PermissionDeniedError (403) ├── NotFoundError (404)
            ├── ConflictError (409)         ├── UnprocessableEntityError (422)
            ├── RateLimitError (429)        └── InternalServerError (>= 500)

Messages never contain an API key: clients build them from status, detail and request id only.
"""

from __future__ import annotations

import reprlib
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

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
    "InvalidAPIKeyError",
    "InvalidInputError",
    "InvalidOutputError",
    "JobFailedError",
    "MissingAPIKeyError",
    "NotFoundError",
    "OutputExistsError",
    "PermissionDeniedError",
    "RateLimitError",
    "UnprocessableEntityError",
    "UploadError",
    "WaitTimeoutError",
    "redact_credentials",
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


class InvalidAPIKeyError(IdeogramClientsError, ValueError):
    """A key with a control or non-ASCII character inside; the message never shows the key."""


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


class InvalidOutputError(IdeogramClientsError, ValueError):
    """An output file whose content cannot be read (a malformed or empty ``data:`` URI)."""


class OutputExistsError(IdeogramClientsError, FileExistsError):
    """Saving an output would replace an existing file; nothing is overwritten without ``overwrite=True``."""


class APIError(IdeogramClientsError):
    """A failure talking to the provider; ``request`` is the request that failed.

    The message never shows the credentials the request carried, even when a server echoes them
    back in an error body: they are masked here, where every API error is made.
    """

    def __init__(self, message: str, *, request: httpx.Request | None = None) -> None:
        self.request = request
        super().__init__(redact_credentials(message, request))


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


class UploadError(APIError):
    """A local file could not be uploaded to fal storage; ``field`` and ``file`` say which, the
    ``__cause__`` why. Raised before the job's submit: an input that cannot be uploaded creates no job."""

    def __init__(self, message: str, *, field: str | None, file: str, request: httpx.Request | None = None) -> None:
        self.field = field
        self.file = file
        super().__init__(message, request=request)


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


class _ShortRepr(reprlib.Repr):
    """A ``repr`` that never renders a large value in full, even inside a list or a dict."""

    def repr_bytes(self, value: bytes, level: int) -> str:
        return f"<{len(value)} bytes>"

    repr_bytearray = repr_bytes


_SHORT = _ShortRepr()  # keyword arguments only from Python 3.12
_SHORT.maxlevel, _SHORT.maxlist, _SHORT.maxtuple, _SHORT.maxdict = 3, 4, 4, 4
_SHORT.maxstring = _SHORT.maxother = _MAX_SHOWN_VALUE


def short_repr(value: object) -> str:
    """``repr`` cut to a readable length: a 10 MB bytes value (or a list of them) must not flood a
    message, nor be rendered in full only to be cut."""
    text = _SHORT.repr(value)
    return text if len(text) <= _MAX_SHOWN_VALUE else f"{text[: _MAX_SHOWN_VALUE - 3]}..."


_REDACTED = "**********"
#: Credentials shorter than this are not searched for (they would mask ordinary words).
_MIN_SECRET = 8


def _spellings(secret: str) -> tuple[str, ...]:
    raw = secret.encode("utf-8", "surrogateescape")
    return (repr(raw)[2:-1], repr(secret)[1:-1], quote(secret, safe=""))


def redact_credentials(text: str, request: httpx.Request | None) -> str:
    """``text`` with the credential headers of ``request`` masked: the whole value, the token after
    an auth scheme (``Key <token>``) and each half of an ``id:secret`` token."""
    if request is None:
        return text
    secrets: set[str] = set()
    for name, value in request.headers.items():
        lowered = name.lower()
        if lowered not in ("authorization", "proxy-authorization") and "api-key" not in lowered:
            continue
        token = value.partition(" ")[2] if " " in value else value
        secrets.update((value, token, *token.split(":")))
    # the same text as an error may spell it: repr'd bytes (b'Key abc\n') and percent-encoded
    secrets.update(form for secret in list(secrets) for form in _spellings(secret))
    for secret in sorted(secrets, key=len, reverse=True):
        if len(secret) >= _MIN_SECRET:
            text = text.replace(secret, _REDACTED)
    return text
