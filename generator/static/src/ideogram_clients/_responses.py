"""Reading provider answers: JSON bodies, and non-2xx answers turned into :class:`APIStatusError`.

fal reports validation problems as ``{"detail": [{"loc", "msg", "type"}]}`` and infrastructure ones
as ``{"detail": "...", "error_type": "..."}``; Magnific as ``{"message", "invalid_params": [{"name",
"reason"}]}``, sometimes nested under ``"problem"``. Both become :class:`ErrorDetail` lists, so one
message format fits every error and nobody needs a debugger to read it.
"""

from __future__ import annotations

from typing import Any

import httpx
from pydantic import ValidationError

from ideogram_clients import _json
from ideogram_clients._errors import APIResponseValidationError, APIStatusError, ErrorDetail, status_error_class

__all__ = ["first_problem", "json_body", "request_id_of", "status_error"]

#: Headers that carry the provider's id for a request, most specific first.
REQUEST_ID_HEADERS = ("x-fal-request-id", "x-request-id", "x-magnific-request-id", "x-freepik-request-id")
_MAX_BODY_SHOWN = 300


def request_id_of(response: httpx.Response) -> str | None:
    for name in REQUEST_ID_HEADERS:
        if name in response.headers:
            return response.headers[name]
    return None


def json_body(response: httpx.Response) -> Any:
    """The decoded JSON of a successful response; an :class:`APIResponseValidationError` if it is not JSON."""
    try:
        return _json.loads(response.content)
    except (ValueError, UnicodeDecodeError):
        raise APIResponseValidationError(
            f"{_where(response)}: expected a JSON body, got {_preview(response)}", response=response
        ) from None


def first_problem(exc: ValidationError, whole: str = "") -> str:
    """``where: what`` of the first problem pydantic found in an answer (``whole`` names the top level)."""
    problem = exc.errors(include_url=False)[0]
    where = ".".join(str(part) for part in problem["loc"]) or whole
    return f"{where}: {problem['msg']}"


def status_error(response: httpx.Response) -> APIStatusError:
    """The most specific :class:`APIStatusError` for a non-2xx ``response`` (whose body was read)."""
    try:
        body: Any = _json.loads(response.content) if response.content else None
    except (ValueError, UnicodeDecodeError):
        body = response.text[:_MAX_BODY_SHOWN] if response.content else None
    details = _details(body)
    summary = _summary(body, details)
    request_id = request_id_of(response)
    message = f"{response.status_code} {response.reason_phrase} from {_where(response)}"
    if summary:
        message += f": {summary}"
    if request_id:
        message += f" (request id {request_id})"
    return status_error_class(response.status_code)(
        message, response=response, body=body, details=details, request_id=request_id
    )


def _details(body: Any) -> list[ErrorDetail]:
    if not isinstance(body, dict):
        return []
    if isinstance(body.get("problem"), dict):
        body = body["problem"]
    found: list[ErrorDetail] = []
    detail = body.get("detail")
    if isinstance(detail, list):
        for item in detail:
            if isinstance(item, dict):
                loc = item.get("loc")
                where = tuple(part for part in loc if isinstance(part, str | int)) if isinstance(loc, list) else ()
                if where and where[0] == "body":
                    where = where[1:]
                found.append(ErrorDetail(where, str(item.get("msg", item)), _text(item.get("type"))))
    params = body.get("invalid_params")
    if isinstance(params, list):
        for item in params:
            if isinstance(item, dict):
                name = item.get("name")
                found.append(ErrorDetail((str(name),) if name else (), str(item.get("reason", item))))
    return found


def _summary(body: Any, details: list[ErrorDetail]) -> str:
    parts: list[str] = []
    if isinstance(body, dict):
        inner = body["problem"] if isinstance(body.get("problem"), dict) else body
        for key in ("message", "detail", "error"):
            value = inner.get(key)
            if isinstance(value, str) and value:
                parts.append(value)
                break
        error_type = inner.get("error_type")
        if isinstance(error_type, str):
            parts.append(f"[{error_type}]")
    elif isinstance(body, str) and body:
        parts.append(repr(body[:_MAX_BODY_SHOWN]))
    parts.extend(str(detail) for detail in details)
    return "; ".join(parts)


def _text(value: object) -> str | None:
    return value if isinstance(value, str) else None


def _where(response: httpx.Response) -> str:
    request = response.request
    url = request.url.copy_with(query=None)
    return f"{request.method} {url}"


def _preview(response: httpx.Response) -> str:
    text = response.content[:_MAX_BODY_SHOWN].decode("utf-8", "replace")
    return repr(text) + ("..." if len(response.content) > _MAX_BODY_SHOWN else "")
