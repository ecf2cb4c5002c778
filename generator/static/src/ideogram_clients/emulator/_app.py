"""The ASGI app: every route on one port, behind the counting/fault edge.

``/v1/ai/…`` is Magnific, ``/fal-run/…`` fal's sync API, ``/storage/…`` and ``POST``/``PUT`` under
``/files/…`` fal storage, everything else fal's queue API, plus ``GET /files/{name}`` (outputs and
uploads, no key needed, like a CDN),
``/.well-known/jwks.json`` (the fal webhook test key) and ``/_emulator/stats`` (counters).
Unknown paths answer 404 in the shape of the provider whose prefix they carry; a known path asked
with a method it does not serve answers 405 with ``Allow`` (a fal submit path only for a known
endpoint id, since its route takes any path).
"""

from __future__ import annotations

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Match, Route
from starlette.types import ASGIApp

from ideogram_clients._endpoints import ENDPOINTS
from ideogram_clients.emulator._edge import EdgeMiddleware
from ideogram_clients.emulator._fal import FalRoutes
from ideogram_clients.emulator._magnific import MagnificRoutes
from ideogram_clients.emulator._state import EmulatorState
from ideogram_clients.emulator._storage import StorageRoutes

__all__ = ["build_app"]


def build_app(state: EmulatorState) -> ASGIApp:
    async def file(request: Request) -> Response:
        data = state.files.get(request.path_params["name"])
        if data is None:
            return JSONResponse({"detail": "File not found"}, status_code=404)
        media_type = state.files.content_type(request.path_params["name"])
        return Response(data, media_type=media_type, headers={"cache-control": "public, max-age=31536000, immutable"})

    async def jwks(request: Request) -> Response:
        return JSONResponse(state.webhooks.jwks())

    async def stats(request: Request) -> Response:
        return JSONResponse(state.stats.snapshot())

    async def not_found(request: Request) -> Response:
        allowed = _allowed(routes[:-1], request)
        if allowed:
            raise HTTPException(405, "Method Not Allowed", headers={"Allow": ", ".join(sorted(allowed))})
        raise HTTPException(404, "Not Found")

    async def http_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, HTTPException)
        key = "message" if request.url.path.startswith("/v1/") else "detail"
        return JSONResponse({key: exc.detail}, status_code=exc.status_code, headers=exc.headers)

    routes: list[BaseRoute] = [
        Route("/_emulator/stats", stats, methods=["GET"]),
        Route("/.well-known/jwks.json", jwks, methods=["GET"]),
        *StorageRoutes(state).routes(),
        Route("/files/{name}", file, methods=["GET"]),
        *MagnificRoutes(state).routes(),
        *FalRoutes(state).routes(),
        Route("/{path:path}", not_found, methods=["GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE"]),
    ]
    inner = Starlette(routes=routes, exception_handlers={HTTPException: http_error})
    return EdgeMiddleware(inner, state)


def _allowed(routes: list[BaseRoute], request: Request) -> set[str]:
    """The methods served at the request's path by other routes (empty: an unknown path)."""
    found: set[str] = set()
    for route in routes:
        if not isinstance(route, Route):
            continue
        match, child = route.matches(request.scope)
        if match is not Match.PARTIAL:
            continue
        endpoint_id = child.get("path_params", {}).get("endpoint_id")
        if endpoint_id is not None:  # a catch-all submit route: only a real fal endpoint is a path
            endpoint = ENDPOINTS.get(str(endpoint_id).strip("/"))
            if endpoint is None or endpoint.provider != "fal":
                continue
        found |= (route.methods or set()) - {"HEAD"}  # HEAD comes free with GET; Allow lists what is declared
    return found
