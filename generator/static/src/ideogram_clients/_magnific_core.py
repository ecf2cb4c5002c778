"""What Magnific's sync and async clients share: brands, hosts, auth, paths and reading tasks.

The clients themselves (:class:`~ideogram_clients._async.magnific.AsyncMagnificClient` and its
generated sync twin) only send and poll; everything here is I/O-free and written once.
"""

from __future__ import annotations

from typing import Any, Literal, TypeVar
from urllib.parse import quote

import httpx
from pydantic import ValidationError

from ideogram_clients._config import magnific_host, magnific_key, origin
from ideogram_clients._endpoint import Endpoint, MagnificProtocol
from ideogram_clients._errors import (
    APIResponseValidationError,
    InputErrorDetail,
    InvalidInputError,
    JobFailedError,
    WaitTimeoutError,
)
from ideogram_clients._http_core import Auth
from ideogram_clients._lookup import endpoint_for
from ideogram_clients._models import OutputModel
from ideogram_clients._responses import first_problem, json_body

__all__ = ["Brand", "MagnificConfig", "OutputT"]

OutputT = TypeVar("OutputT", bound=OutputModel)
Brand = Literal["magnific", "freepik"]

#: Polling while a task runs: first wait, growth factor and cap, in seconds.
POLL_INITIAL, POLL_FACTOR, POLL_MAX = 1.0, 1.5, 5.0
_ENV_KEYS: dict[str, tuple[str, ...]] = {
    "magnific": ("MAGNIFIC_API_KEY",),
    "freepik": ("FREEPIK_API_KEY", "MAGNIFIC_API_KEY"),
}


def magnific_protocol(endpoint: Endpoint[Any, Any]) -> MagnificProtocol:
    assert isinstance(endpoint.protocol, MagnificProtocol)
    return endpoint.protocol


def unwrap(endpoint: Endpoint[Any, OutputT], response: httpx.Response, *, many: bool = False) -> Any:
    body = json_body(response)
    envelope = magnific_protocol(endpoint).envelope
    data = body.get(envelope) if isinstance(body, dict) else None
    items = data if many else [data]
    if not isinstance(items, list) or not all(isinstance(item, dict) for item in items):
        expected = f'{{"{envelope}": [task, ...]}}' if many else f'{{"{envelope}": task}}'
        raise APIResponseValidationError(
            f"{endpoint.id}: expected {expected} from {response.request.url}", response=response, body=body
        )
    tasks: list[OutputT] = []
    for item in items:
        try:
            tasks.append(endpoint.parse_output(item))
        except ValidationError as exc:
            problem = first_problem(exc)
            message = f"{endpoint.id}: task does not match the documented shape: {problem}"
            raise APIResponseValidationError(message, response=response, body=body) from None
    return tasks if many else tasks[0]


def quoted_task_id(task_id: object) -> str:
    if not isinstance(task_id, str) or not task_id.strip():
        detail = InputErrorDetail(("task_id",), task_id, "expected a non-empty task id string", "task_id")
        raise InvalidInputError("task_id", [detail])
    return quote(task_id, safe="")


def finished(endpoint: Endpoint[Any, Any], task: Any) -> bool:
    status = getattr(task, "status", None)
    if status == "FAILED":
        raise JobFailedError(f"{endpoint.id} task {task.task_id} FAILED", request_id=task.task_id, body=task)
    return bool(status == "COMPLETED")


class MagnificConfig:
    """What both twins share: brand, host, auth and URLs."""

    def _configure(self, api_key: str | None, base_url: str | None, brand: Brand) -> Auth:
        if brand not in _ENV_KEYS:
            raise ValueError(f"brand: must be 'magnific' or 'freepik', got {brand!r}")
        protocol = magnific_protocol(next(e for e in _magnific_endpoints()))
        default_url, header = (
            (protocol.base_url, protocol.auth_header)
            if brand == "magnific"
            else (protocol.alt_base_url, protocol.alt_auth_header)
        )
        self.base_url = magnific_host(base_url, default_url)
        self.brand = brand
        return Auth(
            header=header,
            key=magnific_key(api_key, _ENV_KEYS[brand]),
            missing_hint=" or ".join(_ENV_KEYS[brand]),
            origins=frozenset({origin(self.base_url)}),
        )

    def _url(self, endpoint: Endpoint[Any, Any], which: Literal["create", "get", "list"], task_id: str = "") -> str:
        path = getattr(magnific_protocol(endpoint), which).path.replace("{task_id}", task_id)
        return f"{self.base_url}{path}"

    def __repr__(self) -> str:
        return f"{type(self).__name__}(base_url={self.base_url!r}, brand={self.brand!r})"


def _magnific_endpoints() -> list[Endpoint[Any, Any]]:
    from ideogram_clients._endpoints import ENDPOINTS

    return [endpoint for endpoint in ENDPOINTS.values() if endpoint.provider == "magnific"]


def magnific_endpoint(endpoint_id: str | Endpoint[Any, Any]) -> Endpoint[Any, Any]:
    return endpoint_id if isinstance(endpoint_id, Endpoint) else endpoint_for(endpoint_id, "magnific")


def wait_timeout(endpoint: Endpoint[Any, Any], task_id: str, timeout: float) -> WaitTimeoutError:
    return WaitTimeoutError(
        f"{endpoint.id} task {task_id} did not complete within {timeout:g} s (it keeps running server-side)",
        request_id=task_id,
    )
