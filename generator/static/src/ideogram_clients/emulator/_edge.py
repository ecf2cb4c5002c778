"""The outermost layer, standing where the providers' edge proxies stand: counts and faults.

Every request is counted under a route name before anything else runs. API requests (not files,
JWKS or stats) may then get an injected fault, decided before the route sees them, so a faulted
job-creating request never creates a job. Fault answers mimic each provider: fal's 503 comes
without ``x-fal-request-id`` (the edge, retryable), its 500 with one (a runner, not retryable).
A dropped connection starts a response and then aborts it (see :class:`ConnectionDropped`).
"""

from __future__ import annotations

import asyncio
import re
import uuid

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ideogram_clients.emulator._faults import ConnectionDropped, Fault
from ideogram_clients.emulator._replies import Refused, fal_error, magnific_error
from ideogram_clients.emulator._state import EmulatorState

__all__ = ["CREATE_ROUTES", "EdgeMiddleware", "classify"]

_REQUEST = re.compile(r"^/.+/requests/(?P<id>[^/]+)(?P<rest>/status/stream|/status|/cancel)?/?$")
_FAL_ROUTES = {"/status/stream": "fal.stream", "/status": "fal.status", "/cancel": "fal.cancel", "": "fal.result"}
#: Routes whose requests create a job (their faults are drawn against ``create_faults``).
CREATE_ROUTES = frozenset({"fal.submit", "fal.run", "magnific.create"})


def classify(method: str, path: str) -> tuple[str, str | None]:
    """``(route name, provider or None)``; the provider marks the request as an API call."""
    if path == "/_emulator/stats":
        return "stats", None
    if path == "/.well-known/jwks.json":
        return "jwks", None
    if path.startswith("/files/") and method in ("GET", "HEAD"):
        return "files", None
    if path.startswith(("/storage/", "/files/")):
        return _storage_route(path), "fal"
    if path.startswith("/v1/"):
        if method == "POST":
            return "magnific.create", "magnific"
        return ("magnific.get" if path.rstrip("/").count("/") > 3 else "magnific.list"), "magnific"
    if path.startswith("/fal-run/"):
        return "fal.run", "fal"
    match = _REQUEST.match(path)
    if match is not None:
        return _FAL_ROUTES[match.group("rest") or ""], "fal"
    return ("fal.submit", "fal") if method == "POST" else ("other", None)


def _storage_route(path: str) -> str:
    fixed = {"/storage/auth/token": "storage.token", "/storage/upload/initiate": "storage.initiate",
             "/files/upload": "storage.upload", "/files/upload/multipart": "storage.multipart"}  # fmt: skip
    if path in fixed:
        return fixed[path]
    if path.startswith("/storage/upload/"):
        return "storage.put"
    return "storage.complete" if path.endswith("/complete") else "storage.part"


class EdgeMiddleware:
    """ASGI middleware wrapping the routes of one emulator."""

    def __init__(self, app: ASGIApp, state: EmulatorState) -> None:
        self.app = app
        self.state = state

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        route, provider = classify(scope["method"], scope["path"])
        self.state.stats.request(route)
        fault = self.state.faults.request_fault(route in CREATE_ROUTES) if provider is not None else None
        if fault is not None:
            self.state.stats.fault(fault.value)
            if fault is Fault.SLOW:
                await asyncio.sleep(self.state.options.slow_seconds)
            elif fault is Fault.DROP:
                # read the request first: closing with unread bytes in the socket makes the close a TCP
                # reset (the client sees a ReadError) instead of a response cut short
                await _drain(receive)
                await send({"type": "http.response.start", "status": 200, "headers": [(b"content-length", b"2")]})
                raise ConnectionDropped(f"{route}: connection dropped by fault injection")
            elif fault is Fault.LOST_REPLY:
                await self.app(scope, receive, _swallow)  # handled for real (a submit creates its job) ...
                await send({"type": "http.response.start", "status": 200, "headers": [(b"content-length", b"2")]})
                raise ConnectionDropped(f"{route}: reply lost by fault injection")  # ... and the answer lost
            else:
                response = self._fault_response(fault, provider or "fal", scope["path"])
                await response(scope, receive, send)
                return
        await self.app(scope, receive, send)

    def _fault_response(self, fault: Fault, provider: str, path: str) -> ASGIApp:
        headers: dict[str, str] = {}
        if fault is Fault.RATE_LIMIT:
            status, fal_text, magnific_text = 429, "Rate limit exceeded", "Too Many Requests"
            headers["retry-after"] = str(self.state.options.retry_after)
        elif fault is Fault.ERROR_503:
            status, fal_text, magnific_text = 503, "Runner scheduling failure", "Service Unavailable"
            if provider == "fal":
                headers["x-fal-error-type"] = "runner_scheduling_failure"
        else:
            status, fal_text, magnific_text = 500, "Internal Server Error", "Internal Server Error"
            if provider == "fal":
                match = _REQUEST.match(path)
                headers["x-fal-request-id"] = match.group("id") if match else str(uuid.uuid4())
        if provider == "magnific":
            return magnific_error(Refused(magnific_text, status=status, headers=headers))
        return fal_error(Refused(fal_text, status=status, headers=headers))


async def _swallow(message: Message) -> None:
    """A ``send`` that loses the answer (the lost-reply fault)."""


async def _drain(receive: Receive) -> None:
    """Read the request body to its end (or the client's disconnect)."""
    while True:
        message = await receive()
        if message["type"] != "http.request" or not message.get("more_body", False):
            return
