"""Error answers in each provider's shape, so clients parse the emulator like the real hosts.

Handlers raise :class:`Refused` without caring about the provider; the route turns it into fal's
``{"detail": …}`` (422 ``detail[]`` with ``loc: ["body", …]`` for bad input, plus
``x-fal-retryable: false``) or Magnific's ``{"message": …}`` (400 with ``invalid_params[]`` of
``{name: dotted loc, reason}`` for bad input).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from ideogram_clients._errors import InvalidInputError

__all__ = ["Handler", "Problem", "Refused", "fal_error", "fal_guarded", "magnific_error", "problems_of"]


@dataclass(frozen=True)
class Problem:
    """One refused input field: where, why, and a machine-readable type."""

    loc: tuple[str | int, ...]
    message: str
    type: str
    where: str = "body"


class Refused(Exception):  # noqa: N818 - a refusal is an answer, not a crash
    """A request the emulator answers with an error. ``status`` None means "invalid input"."""

    def __init__(
        self,
        message: str,
        status: int | None = None,
        problems: Sequence[Problem] = (),
        headers: Mapping[str, str] | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.status = status
        self.problems = tuple(problems)
        self.headers = dict(headers or {})


def problems_of(error: InvalidInputError) -> list[Problem]:
    """The model's validation errors as problems."""
    return [Problem(detail.loc, detail.message, detail.type) for detail in error.errors]


def fal_error(refused: Refused) -> JSONResponse:
    """fal's shape: 422 ``{"detail": [{loc, msg, type}]}`` for input, else ``{"detail": message}``.

    ``loc`` starts with ``"body"`` (or ``"query"`` for the ``fal_webhook`` parameter), like FastAPI,
    which fal's apps are built on.
    """
    headers = dict(refused.headers)
    if refused.status is None:
        detail = [
            {"loc": [problem.where, *problem.loc], "msg": problem.message, "type": problem.type}
            for problem in refused.problems
        ]
        headers.setdefault("x-fal-retryable", "false")
        return JSONResponse({"detail": detail}, status_code=422, headers=headers)
    body: dict[str, Any] = {"detail": refused.message}
    if "x-fal-error-type" in headers:
        body["error_type"] = headers["x-fal-error-type"]
    return JSONResponse(body, status_code=refused.status, headers=headers)


def magnific_error(refused: Refused) -> JSONResponse:
    """Magnific's shape: 400 ``{"message", "invalid_params": [{name, reason}]}`` for input, else ``{"message"}``."""
    if refused.status is None:
        params = [
            {"name": ".".join(str(part) for part in problem.loc) or "body", "reason": problem.message}
            for problem in refused.problems
        ]
        body = {"message": refused.message, "invalid_params": params}
        return JSONResponse(body, status_code=400, headers=dict(refused.headers))
    return JSONResponse({"message": refused.message}, status_code=refused.status, headers=dict(refused.headers))


Handler = Callable[[Request], Awaitable[Response]]


def fal_guarded(handler: Handler) -> Handler:
    """``handler`` with a :class:`Refused` it raises answered in fal's error shape."""

    async def run(request: Request) -> Response:
        try:
            return await handler(request)
        except Refused as refused:
            return fal_error(refused)

    return run
