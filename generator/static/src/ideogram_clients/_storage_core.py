"""fal storage, the I/O-free half: tokens, lifetimes, request shapes, part plans and the upload cache.

The protocol (PROTOCOLS.md, "fal storage"): a storage token from ``POST {rest}/storage/auth/token``
(the only request that carries the fal key), then the bytes to the CDN the token names with
``Authorization: <token_type> <token>`` — one ``POST /files/upload`` up to :data:`MULTIPART_THRESHOLD`,
above it a multipart upload in :data:`PART_SIZE` parts. When the token endpoint is unavailable the
older repository (``/storage/upload/initiate`` + ``PUT``) is used instead, as fal-client does.
The sending half is :class:`~ideogram_clients._async.storage.AsyncStorage` and its sync twin.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal

import httpx

from ideogram_clients._config import Secret, check_base_url
from ideogram_clients._errors import APIError, APIResponseValidationError, APIStatusError, UploadError
from ideogram_clients._responses import json_body

__all__ = [
    "MULTIPART_THRESHOLD",
    "PART_SIZE",
    "Expiry",
    "StorageToken",
    "UploadCache",
    "UploadError",
    "expiry_seconds",
]

REST_URL = "https://rest.fal.ai"
TOKEN_PATH = "/storage/auth/token?storage_type=fal-cdn-v3"  # noqa: S105 - a URL path, not a secret
LEGACY_PATH = "/storage/upload/initiate?storage_type=gcs"
#: fal-client's boundary: one request up to this size, multipart above it.
MULTIPART_THRESHOLD = 100 << 20
PART_SIZE = 10 << 20
#: Parts in flight at once (each streams from disk, so memory stays ~ this many read slices).
PART_CONCURRENCY = 4
#: A token this close to its expiry is replaced before use, not sent to fail (a short-lived token:
#: at half its lifetime, so it is never fetched for every request).
TOKEN_MARGIN = 60.0
#: Statuses of the token endpoint that mean "not available here": use the older repository.
_TOKEN_UNAVAILABLE = frozenset({404, 405, 410, 501, 502, 503, 504})

Expiry = Literal["never", "immediate", "1h", "1d", "7d", "30d", "1y"] | int
_NAMED_EXPIRY: dict[str, int | None] = {
    "never": None,
    "immediate": 60,  # fal treats 0 as "no expiry"; fal-client uses a minute
    "1h": 3600,
    "1d": 86400,
    "7d": 604800,
    "30d": 2592000,
    "1y": 31536000,
}


def expiry_seconds(expires_in: Expiry | None) -> int | None:
    """Seconds for ``X-Fal-Object-Lifecycle-Preference``; None keeps fal's default retention."""
    if expires_in is None:
        return None
    if isinstance(expires_in, bool) or not isinstance(expires_in, int | str):
        raise ValueError(f"expires_in: expected seconds > 0 or one of {', '.join(_NAMED_EXPIRY)}, got {expires_in!r}")
    if isinstance(expires_in, int):
        if expires_in <= 0:
            raise ValueError(f"expires_in: seconds must be > 0, got {expires_in!r}")
        return expires_in
    if expires_in not in _NAMED_EXPIRY:
        raise ValueError(f"expires_in: expected seconds > 0 or one of {', '.join(_NAMED_EXPIRY)}, got {expires_in!r}")
    return _NAMED_EXPIRY[expires_in]


def lifecycle_headers(seconds: int | None) -> dict[str, str]:
    if seconds is None:
        return {}
    value = json.dumps({"expiration_duration_seconds": seconds})
    # the CDN reads X-Fal-Object-Lifecycle, the older repository the -Preference form (fal-client sends both)
    return {"X-Fal-Object-Lifecycle": value, "X-Fal-Object-Lifecycle-Preference": value}


@dataclass(frozen=True)
class StorageToken:
    """A CDN upload token; ``secret`` never shows itself in a repr."""

    secret: Secret
    token_type: str
    base_url: str
    renew_at: float  # seconds since the epoch

    def usable(self, now: float) -> bool:
        return now < self.renew_at

    def header(self) -> dict[str, str]:
        return {"Authorization": f"{self.token_type} {self.secret.reveal()}"}


def parse_token(response: httpx.Response, now: float) -> StorageToken:
    """The token in the token endpoint's answer, or an :class:`APIResponseValidationError` (never showing it)."""
    body = json_body(response)
    fields = body if isinstance(body, dict) else {}
    token, kind, base, expires = (fields.get(name) for name in ("token", "token_type", "base_url", "expires_at"))
    problem = None
    if not (isinstance(token, str) and token and isinstance(kind, str) and kind and isinstance(base, str)):
        problem = "lacks token, token_type or base_url"
    elif not (token + kind).isascii() or not (token + kind).isprintable() or not _usable_base(base):
        problem = "has an unusable token or base_url (https required except for loopback hosts)"
    expires_at = _epoch(expires)
    if problem is None and expires_at is None:
        problem = "has no valid expires_at"
    if problem is not None:
        raise APIResponseValidationError(f"storage token answer {problem}", response=response)
    assert isinstance(token, str) and isinstance(kind, str) and isinstance(base, str) and expires_at is not None
    lifetime = max(0.0, expires_at - now)
    return StorageToken(Secret(token), kind, base.rstrip("/"), now + lifetime - min(TOKEN_MARGIN, lifetime / 2))


def _usable_base(url: str) -> bool:
    try:
        check_base_url(url, "base_url")
        httpx.URL(url)
    except (ValueError, httpx.InvalidURL):
        return False
    return True


def _epoch(value: Any) -> float | None:
    if not isinstance(value, str):
        return None
    try:
        moment = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return moment.timestamp()


def token_unavailable(exc: APIError) -> bool:
    """Whether a failed token request means "use the older repository" rather than "fail"."""
    if isinstance(exc, APIStatusError):
        return exc.status_code in _TOKEN_UNAVAILABLE
    return not isinstance(exc, APIResponseValidationError)  # the host could not be reached


def part_plan(size: int, part_size: int = PART_SIZE) -> list[tuple[int, int, int]]:
    """``(part number, offset, length)`` for each multipart part, numbered from 1."""
    count = max(1, math.ceil(size / part_size))
    return [(n + 1, n * part_size, min(part_size, size - n * part_size)) for n in range(count)]


def access_url(response: httpx.Response, key: str = "access_url") -> str:
    body = json_body(response)
    url = body.get(key) if isinstance(body, dict) else None
    if not isinstance(url, str) or not url.startswith(("https://", "http://")):
        raise APIResponseValidationError(f"upload answer has no {key}", response=response, body=body)
    return url


def multipart_start(response: httpx.Response) -> tuple[str, str]:
    body = json_body(response)
    upload_id = body.get("uploadId") if isinstance(body, dict) else None
    if not isinstance(upload_id, str) or not upload_id or "/" in upload_id:
        raise APIResponseValidationError("multipart answer has no uploadId", response=response, body=body)
    return access_url(response), upload_id


def part_etag(response: httpx.Response, number: int) -> dict[str, Any]:
    etag = response.headers.get("etag")
    if not etag:
        raise APIResponseValidationError(f"multipart part {number} answer has no ETag", response=response)
    return {"partNumber": number, "etag": etag}


def legacy_urls(response: httpx.Response) -> tuple[str, str]:
    return access_url(response, "upload_url"), access_url(response, "file_url")


#: How long a URL uploaded without a lifetime is reused, and how many URLs a client remembers.
DEFAULT_REUSE_SECONDS = 6 * 3600
MAX_ENTRIES = 4096


@dataclass(frozen=True)
class _Cached:
    url: str
    valid_until: float


class UploadCache:
    """Uploaded URLs by content: identical bytes are sent once while their URL is valid.

    Keyed by (SHA-256, content type, lifetime). A URL with a lifetime is reused until a margin
    before it ends; one without (fal's default retention, which fal does not state) for at most
    :data:`DEFAULT_REUSE_SECONDS`. The newest :data:`MAX_ENTRIES` are kept. Thread-safe; one per client.
    """

    def __init__(self, clock: Callable[[], float] = time.monotonic, margin: float = 300.0) -> None:
        self._clock = clock
        self._margin = margin
        self._urls: OrderedDict[tuple[str, str, int | None], _Cached] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: tuple[str, str, int | None]) -> str | None:
        with self._lock:
            cached = self._urls.get(key)
            if cached is None:
                return None
            if self._clock() >= cached.valid_until:
                del self._urls[key]
                return None
            return cached.url

    def put(self, key: tuple[str, str, int | None], url: str, started: float) -> None:
        seconds = DEFAULT_REUSE_SECONDS if key[2] is None else key[2]
        valid_until = started + max(0.0, seconds - self._margin)
        with self._lock:
            self._urls[key] = _Cached(url, valid_until)
            self._urls.move_to_end(key)
            while len(self._urls) > MAX_ENTRIES:
                self._urls.popitem(last=False)

    def __len__(self) -> int:
        with self._lock:
            return len(self._urls)
