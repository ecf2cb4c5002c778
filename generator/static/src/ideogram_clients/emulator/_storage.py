"""fal storage, emulated: the token endpoint, single and multipart uploads, and the older repository.

As PROTOCOLS.md ("fal storage") describes it: ``POST /storage/auth/token`` takes the fal key and
returns a short-lived bearer token whose ``base_url`` is this emulator; uploads carry only that
token. Uploaded files are kept with the outputs and served at ``/files/{name}``, so a job whose
input URL points here reads them back without any network. Answers where fal documents no code:
401 for a missing or unknown token, 400 for a multipart completion whose parts or ETags do not
match what was sent (any order), 404 for an unknown upload id. Every route takes the edge's fault injection.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
import threading
from dataclasses import dataclass, field

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from ideogram_clients import _json
from ideogram_clients._files import EXTENSIONS
from ideogram_clients.emulator._replies import Refused, fal_guarded
from ideogram_clients.emulator._state import EmulatorState

__all__ = ["StorageRoutes"]

#: Lifetime of an emulated storage token.
TOKEN_SECONDS = 3600


@dataclass
class _Multipart:
    name: str
    content_type: str
    parts: dict[int, tuple[str, bytes]] = field(default_factory=dict)


class StorageRoutes:
    """The storage routes of one emulator; tokens and unfinished uploads live here."""

    def __init__(self, state: EmulatorState) -> None:
        self.state = state
        self._lock = threading.Lock()
        self._tokens: dict[str, float] = {}
        self._multipart: dict[str, _Multipart] = {}
        self._legacy: dict[str, tuple[str, str]] = {}

    def routes(self) -> list[Route]:
        part = "/files/{name}/multipart/{upload_id}"
        return [
            Route("/storage/auth/token", fal_guarded(self.token), methods=["POST"]),
            Route("/storage/upload/initiate", fal_guarded(self.initiate), methods=["POST"]),
            Route("/storage/upload/{upload_id}", fal_guarded(self.legacy_put), methods=["PUT"]),
            Route("/files/upload", fal_guarded(self.upload), methods=["POST"]),
            Route("/files/upload/multipart", fal_guarded(self.multipart_start), methods=["POST"]),
            Route(part + "/complete", fal_guarded(self.multipart_complete), methods=["POST"]),
            Route(part + "/{number:int}", fal_guarded(self.multipart_part), methods=["PUT"]),
        ]

    # -- credentials -------------------------------------------------------------------------------

    def _fal_key(self, request: Request) -> None:
        scheme, _, key = request.headers.get("authorization", "").partition(" ")
        if scheme != "Key" or not self.state.key_accepted(key.strip()):
            raise Refused("No user found for Key ID and Secret", status=401)

    def _token(self, request: Request) -> None:
        scheme, _, token = request.headers.get("authorization", "").partition(" ")
        with self._lock:
            expires = self._tokens.get(token) if scheme == "Bearer" else None
        if expires is None or expires <= dt.datetime.now(dt.UTC).timestamp():
            raise Refused("Invalid or expired storage token", status=401)

    async def token(self, request: Request) -> Response:
        self._fal_key(request)
        token = secrets.token_urlsafe(24)
        expires = dt.datetime.now(dt.UTC) + dt.timedelta(seconds=TOKEN_SECONDS)
        with self._lock:
            self._tokens[token] = expires.timestamp()
        base = self.state.base_url(request)
        body = {"token": token, "token_type": "Bearer", "base_url": base, "expires_at": expires.isoformat()}
        return JSONResponse(body)

    # -- single upload -----------------------------------------------------------------------------

    async def upload(self, request: Request) -> Response:
        self._token(request)
        data = await self._body(request)
        name = self._new_name(request)
        self._store(name, data, request.headers.get("content-type"))
        return JSONResponse({"access_url": self.state.files.url(self.state.base_url(request), name)})

    # -- multipart ---------------------------------------------------------------------------------

    async def multipart_start(self, request: Request) -> Response:
        self._token(request)
        name = self._new_name(request)
        upload_id = secrets.token_hex(8)
        with self._lock:
            self._multipart[upload_id] = _Multipart(name, request.headers.get("content-type") or "")
        url = self.state.files.url(self.state.base_url(request), name)
        return JSONResponse({"access_url": url, "uploadId": upload_id})

    async def multipart_part(self, request: Request) -> Response:
        self._token(request)
        upload = self._upload(request)
        data = await self._body(request)
        etag = f'"{hashlib.md5(data, usedforsecurity=False).hexdigest()}"'
        with self._lock:
            upload.parts[request.path_params["number"]] = (etag, data)
        return Response(status_code=200, headers={"etag": etag})

    async def multipart_complete(self, request: Request) -> Response:
        self._token(request)
        upload = self._upload(request)
        raw = await request.body()
        try:
            listed = _json.loads(raw) if raw else None
        except ValueError:
            listed = None
        parts = listed.get("parts") if isinstance(listed, dict) else None
        if not isinstance(parts, list) or not parts:
            raise Refused("complete needs a non-empty 'parts' list", status=400)
        numbers = [part.get("partNumber") if isinstance(part, dict) else None for part in parts]
        # any order (fal-client lists parts as they finish), but each part sent exactly once, none missing
        expected = list(range(1, len(upload.parts) + 1))
        given = [number for number in numbers if type(number) is int]
        if len(given) != len(numbers) or sorted(given) != expected or sorted(upload.parts) != expected:
            raise Refused(f"parts must be 1..{len(upload.parts)}, each once, got {numbers}", status=400)
        for part in parts:
            if upload.parts[part["partNumber"]][0] != part.get("etag"):
                raise Refused(f"ETag of part {part['partNumber']} does not match", status=400)
        with self._lock:  # a second complete of the same upload, racing this one, finds nothing
            if self._multipart.pop(request.path_params["upload_id"], None) is None:
                raise Refused("Upload not found", status=404)
        data = b"".join(upload.parts[number][1] for number in sorted(upload.parts))
        self._store(upload.name, data, upload.content_type)
        return JSONResponse({"access_url": self.state.files.url(self.state.base_url(request), upload.name)})

    def _upload(self, request: Request) -> _Multipart:
        with self._lock:
            upload = self._multipart.get(request.path_params["upload_id"])
        if upload is None or upload.name != request.path_params["name"]:
            raise Refused("Upload not found", status=404)
        return upload

    # -- the older repository ----------------------------------------------------------------------

    async def initiate(self, request: Request) -> Response:
        self._fal_key(request)
        try:
            data = _json.loads(await request.body() or b"{}")
        except ValueError:
            raise Refused("initiate needs a JSON body with file_name and content_type", status=422) from None
        content_type = data.get("content_type") if isinstance(data, dict) else None
        name = self._new_name(request, content_type if isinstance(content_type, str) else None)
        upload_id = secrets.token_hex(8)
        with self._lock:
            self._legacy[upload_id] = (name, content_type or "application/octet-stream")
        base = self.state.base_url(request)
        return JSONResponse(
            {"upload_url": f"{base}/storage/upload/{upload_id}", "file_url": self.state.files.url(base, name)}
        )

    async def legacy_put(self, request: Request) -> Response:
        with self._lock:
            target = self._legacy.pop(request.path_params["upload_id"], None)
        if target is None:
            raise Refused("Upload not found", status=404)
        self._store(target[0], await self._body(request), target[1])
        return Response(status_code=200)

    # -- helpers -----------------------------------------------------------------------------------

    def _store(self, name: str, data: bytes, content_type: str | None) -> None:
        self.state.files.put(name, data, content_type)
        self.state.stats.file_uploaded(len(data))

    async def _body(self, request: Request) -> bytes:
        limit = self.state.options.max_upload_bytes
        chunks, total = [], 0
        async for chunk in request.stream():
            total += len(chunk)
            if total > limit:
                raise Refused(f"upload larger than {limit} bytes", status=413)
            chunks.append(chunk)
        return b"".join(chunks)

    @staticmethod
    def _new_name(request: Request, content_type: str | None = None) -> str:
        kind = content_type or request.headers.get("content-type") or ""
        return f"upload-{secrets.token_hex(8)}{EXTENSIONS.get(kind, '.bin')}"
