"""A fake fal storage on respx for the upload tests: tokens, single and multipart uploads, the older repository.

It records what each request carried (headers, sizes, part numbers) and answers content-addressed
URLs, so a test can say which bytes went where. Failures are scripted per route: ``fail["upload"] =
[503, 200]`` answers 503 once, then normally.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from typing import Any

import httpx
import respx

__all__ = ["CDN", "REST", "STORAGE_TOKEN", "FakeStorage"]

REST = "https://rest.fal.ai"
CDN = "https://v3.fal.media"
STORAGE_TOKEN = "storage-token-abcdef0123456789"


@dataclass
class FakeStorage:
    """fal storage on ``router``: every route records its requests in :attr:`seen`."""

    router: respx.MockRouter
    expires_at: str = "2999-01-01T00:00:00+00:00"
    token_status: int = 200
    fail: dict[str, list[int | Exception]] = field(default_factory=dict)
    seen: dict[str, list[httpx.Request]] = field(default_factory=dict)
    parts: dict[int, int] = field(default_factory=dict)
    #: Part bodies by number, kept only when ``keep_parts`` (a 10 MiB part is not kept by default).
    part_bodies: dict[int, bytes] = field(default_factory=dict)
    keep_parts: bool = False
    tokens_issued: int = 0

    def __post_init__(self) -> None:
        routes = {
            "token": ("POST", rf"^{REST}/storage/auth/token\?", self._token),
            "upload": ("POST", rf"^{CDN}/files/upload$", self._upload),
            "multipart": ("POST", rf"^{CDN}/files/upload/multipart$", self._multipart),
            "initiate": ("POST", rf"^{REST}/storage/upload/initiate\?", self._initiate),
            "put": ("PUT", r"^https://storage\.googleapis\.com/bucket/signed\?", self._put),
        }
        for name, (method, pattern, handler) in routes.items():
            self.router.route(method=method, url__regex=pattern).mock(side_effect=self._recorded(name, handler))
        self.router.route(method="PUT", url__regex=rf"^{CDN}/files/big\.bin/multipart/up-1/\d+$").mock(
            side_effect=self._recorded("part", self._part)
        )
        self.router.route(method="POST", url=f"{CDN}/files/big.bin/multipart/up-1/complete").mock(
            side_effect=self._recorded("complete", lambda request: httpx.Response(200, json={"ok": True}))
        )

    def _recorded(self, name: str, handler: Any) -> Any:
        def respond(request: httpx.Request) -> httpx.Response:
            request.read()
            self.seen.setdefault(name, []).append(request)
            scripted = self.fail.get(name)
            if scripted:
                status = scripted.pop(0)
                if isinstance(status, Exception):
                    raise status
                if status != 200:
                    return httpx.Response(status, json={"detail": f"scripted {status}"})
            return handler(request)  # type: ignore[no-any-return]

        return respond

    def count(self, name: str) -> int:
        return len(self.seen.get(name, []))

    def _token(self, request: httpx.Request) -> httpx.Response:
        if self.token_status != 200:
            return httpx.Response(self.token_status, json={"detail": "unavailable"})
        self.tokens_issued += 1
        token = f"{STORAGE_TOKEN}-{self.tokens_issued}"
        body = {"token": token, "token_type": "Bearer", "base_url": CDN, "expires_at": self.expires_at}
        return httpx.Response(200, json=body)

    def _upload(self, request: httpx.Request) -> httpx.Response:
        digest = hashlib.sha256(request.content).hexdigest()[:16]
        return httpx.Response(200, json={"access_url": f"{CDN}/files/{digest}"})

    def _multipart(self, request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, json={"access_url": f"{CDN}/files/big.bin", "uploadId": "up-1"})

    def _part(self, request: httpx.Request) -> httpx.Response:
        number = int(str(request.url).rsplit("/", 1)[1])
        self.parts[number] = len(request.content)
        if self.keep_parts:
            self.part_bodies[number] = request.content
        return httpx.Response(200, headers={"ETag": f'"etag-{number}"'})

    def _initiate(self, request: httpx.Request) -> httpx.Response:
        body = json.loads(request.content)
        url = f"https://storage.googleapis.com/bucket/signed?name={body['file_name']}"
        return httpx.Response(200, json={"upload_url": url, "file_url": f"{CDN}/legacy/{body['file_name']}"})

    def _put(self, request: httpx.Request) -> httpx.Response:
        return httpx.Response(200)
