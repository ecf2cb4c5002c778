# generated from generator/static/src/ideogram_clients/_async/storage.py by the unasync step, do not edit
"""Uploads to fal storage: :class:`SyncStorage`, used by :class:`~ideogram_clients.SyncFalClient`.

One storage token per client, fetched with the fal key on first use and reused until shortly before
it expires (fetched again once when the CDN answers 401); the key itself never travels to the CDN.
Bytes stream from their source in slices: one request up to 100 MiB, a multipart upload of 10 MiB
parts, a few in flight at a time, above it. Identical content is uploaded once per client while its
URL is valid. Every request is retried like the client's others (nothing is billed, so also on 500).
"""

from __future__ import annotations

import logging
import threading
import time
import weakref
from collections.abc import Callable
from pathlib import Path
from typing import Any, BinaryIO

import httpx

from ideogram_clients._body import SourceBody
from ideogram_clients._errors import APIError, AuthenticationError
from ideogram_clients._file_policy import PendingUpload
from ideogram_clients._io import Lock, map_bounded, run_blocking
from ideogram_clients._retries import UPLOAD
from ideogram_clients._storage_core import (
    LEGACY_PATH,
    MULTIPART_THRESHOLD,
    PART_CONCURRENCY,
    PART_SIZE,
    TOKEN_PATH,
    Expiry,
    StorageToken,
    UploadCache,
    UploadError,
    access_url,
    expiry_seconds,
    legacy_urls,
    lifecycle_headers,
    multipart_start,
    parse_token,
    part_etag,
    part_plan,
    token_unavailable,
)
from ideogram_clients._sync.http import SyncHTTP
from ideogram_clients._upload_source import UploadSource, source_of

__all__ = ["SyncStorage"]

logger = logging.getLogger("ideogram_clients")

#: After the token endpoint proved unavailable, the older repository is used this long without asking again.
LEGACY_SECONDS = 300.0
#: Sources at least this big are hashed off the event loop.
_HASH_IN_THREAD = 1 << 20

CacheKey = tuple[str, str, int | None]


class SyncStorage:
    """fal storage through one client's transport (its retries, timeouts and connection pool).

    ``multipart_threshold``, ``part_size`` and ``part_concurrency`` may be tuned per instance.
    """

    multipart_threshold = MULTIPART_THRESHOLD
    part_size = PART_SIZE
    part_concurrency = PART_CONCURRENCY

    def __init__(self, http: SyncHTTP, rest_url: str, *, wall_clock: Callable[[], float] = time.time) -> None:
        self._http = http
        self.rest_url = rest_url
        self._wall_clock = wall_clock
        self._token: StorageToken | None = None
        self._token_lock = Lock()
        # one lock per content while an upload of it may be waited on; dropped when nobody holds it
        self._content_locks: weakref.WeakValueDictionary[CacheKey, Lock] = weakref.WeakValueDictionary()
        self._locks_guard = threading.Lock()  # never held across an await: finding or making a lock
        self._legacy_until = 0.0
        self.cache = UploadCache(clock=http.clock)

    def __repr__(self) -> str:
        return f"{type(self).__name__}(rest_url={self.rest_url!r}, cached={len(self.cache)})"

    def upload(
        self,
        data: bytes | bytearray | memoryview | Path | BinaryIO | str,
        *,
        content_type: str | None = None,
        file_name: str | None = None,
        expires_in: Expiry | None = None,
        on_progress: Callable[[int], object] | None = None,
    ) -> str:
        """Upload ``data`` and return its URL (see :meth:`SyncFalClient.upload`)."""
        seconds = expiry_seconds(expires_in)
        source = source_of(data, content_type=content_type, file_name=file_name)  # local problems raise as such
        source.on_read = on_progress
        return self._upload_source(source, seconds, field=None)

    def upload_input(self, pending: PendingUpload) -> str:
        """Upload one local image of a request's input; an :class:`UploadError` names its field."""
        try:
            source = source_of(pending.value)
        except (OSError, ValueError) as exc:
            message = f"cannot upload {pending.where} ({pending.label}): {exc}"
            raise UploadError(message, field=pending.where, file=pending.label) from None
        return self._upload_source(source, None, field=pending.where)

    def _upload_source(self, source: UploadSource, seconds: int | None, *, field: str | None) -> str:
        try:
            digest = run_blocking(source.digest) if source.size >= _HASH_IN_THREAD else source.digest()
            key = (digest, source.content_type, seconds)
            with self._locks_guard:  # two threads (the sync twin) must not each make a lock for one content
                lock = self._content_locks.get(key)
                if lock is None:
                    lock = self._content_locks[key] = Lock()
            with lock:  # a second upload of the same content waits for the first and reuses its URL
                url = self.cache.get(key)
                if url is not None and source.on_read is not None:
                    source.on_read(source.size)  # already there: all of it, at once
                if url is None:
                    started = self._http.clock()
                    url = self._send(source, seconds)
                    self.cache.put(key, url, started)
            return url
        except (APIError, OSError) as exc:
            where = f"{field} ({source.label})" if field else source.label
            request = exc.request if isinstance(exc, APIError) else None
            raise UploadError(
                f"upload of {where} failed: {exc}", field=field, file=source.label, request=request
            ) from exc

    def _send(self, source: UploadSource, seconds: int | None) -> str:
        if self._http.clock() < self._legacy_until:
            return self._legacy(source, seconds)
        try:
            token = self._current_token()
        except APIError as exc:
            if not token_unavailable(exc):
                raise
            logger.warning("fal storage token unavailable (%s); using the older upload repository", exc)
            self._legacy_until = self._http.clock() + LEGACY_SECONDS
            return self._legacy(source, seconds)
        headers = {"X-Fal-File-Name": source.name, **lifecycle_headers(seconds)}
        if source.size <= self.multipart_threshold:
            body = SourceBody(source, 0, source.size, source.content_type)
            return access_url(self._cdn("POST", f"{token.base_url}/files/upload", content=body, headers=headers))
        return self._multipart(source, token, headers)

    def _multipart(self, source: UploadSource, token: StorageToken, headers: dict[str, str]) -> str:
        started = self._cdn(
            "POST", f"{token.base_url}/files/upload/multipart", headers={**headers, "Content-Type": source.content_type}
        )
        url, upload_id = multipart_start(started)

        def send_part(plan: tuple[int, int, int]) -> dict[str, Any]:
            number, offset, length = plan
            body = SourceBody(source, offset, length, source.content_type)
            part_url = f"{url}/multipart/{upload_id}/{number}"
            response = self._cdn("PUT", part_url, content=body, headers={"Accept-Encoding": "identity"})
            return part_etag(response, number)

        parts = map_bounded(send_part, part_plan(source.size, self.part_size), self.part_concurrency)
        self._cdn("POST", f"{url}/multipart/{upload_id}/complete", payload={"parts": parts})
        return url

    def _legacy(self, source: UploadSource, seconds: int | None) -> str:
        """The older repository: ``initiate`` (with the fal key) names a signed URL to ``PUT`` the bytes to."""
        answer = self._http.request(
            "POST",
            self.rest_url + LEGACY_PATH,
            payload={"file_name": source.name, "content_type": source.content_type},
            headers=lifecycle_headers(seconds),
            policy=UPLOAD,
        )
        upload_url, file_url = legacy_urls(answer)
        body = SourceBody(source, 0, source.size, source.content_type)
        self._http.request("PUT", upload_url, content=body, auth=False, policy=UPLOAD)
        return file_url

    def _cdn(
        self,
        method: str,
        url: str,
        *,
        headers: dict[str, str] | None = None,
        content: SourceBody | None = None,
        payload: Any = None,
    ) -> httpx.Response:
        """A request to the CDN with the storage token (never the fal key); a 401 renews the token once."""
        token = self._current_token()
        for attempt in range(2):
            try:
                return self._http.request(
                    method,
                    url,
                    headers={**(headers or {}), **token.header()},
                    content=content,
                    payload=payload,
                    auth=False,
                    policy=UPLOAD,
                )
            except AuthenticationError:
                if attempt:
                    raise
                token = self._current_token(rejected=token)
        raise AssertionError("unreachable")

    def _current_token(self, rejected: StorageToken | None = None) -> StorageToken:
        """The cached token, fetched once for all concurrent callers when missing, near expiry or rejected."""
        with self._token_lock:
            token = self._token
            if token is None or token is rejected or not token.usable(self._wall_clock()):
                response = self._http.request("POST", self.rest_url + TOKEN_PATH, payload={}, policy=UPLOAD)
                token = self._token = parse_token(response, self._wall_clock())
            return token
