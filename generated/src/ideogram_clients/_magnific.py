"""Magnific's task API: :class:`SyncMagnificClient` and :class:`AsyncMagnificClient`.

``create`` posts the body and answers ``{"data": task}``; ``get`` reads one task and ``list`` all of
them; ``run`` creates and then polls ``get`` with backoff (the API has no stream) until the task is
``COMPLETED`` (returned) or ``FAILED`` (:class:`JobFailedError`), or the deadline passes
(:class:`WaitTimeoutError`). The same API answers under its former brand, Freepik: pass
``brand="freepik"`` for its host and header. Paths, envelope and statuses come from the spec.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from typing import Any, Literal, Self, TypeVar
from urllib.parse import quote

import httpx
from pydantic import ValidationError

from ideogram_clients._config import check_base_url, magnific_key, origin
from ideogram_clients._endpoint import Endpoint, MagnificProtocol
from ideogram_clients._errors import APIResponseValidationError, JobFailedError, WaitTimeoutError
from ideogram_clients._http import DEFAULT_TIMEOUT, AsyncHTTP, Auth, SyncHTTP
from ideogram_clients._lookup import endpoint_for
from ideogram_clients._models import OutputModel
from ideogram_clients._responses import json_body
from ideogram_clients._retries import MAGNIFIC_CREATE

__all__ = ["AsyncMagnificClient", "Brand", "SyncMagnificClient"]

OutputT = TypeVar("OutputT", bound=OutputModel)
Brand = Literal["magnific", "freepik"]

#: Polling while a task runs: first wait, growth factor and cap, in seconds.
POLL_INITIAL, POLL_FACTOR, POLL_MAX = 1.0, 1.5, 5.0
_ENV_KEYS: dict[str, tuple[str, ...]] = {
    "magnific": ("MAGNIFIC_API_KEY",),
    "freepik": ("FREEPIK_API_KEY", "MAGNIFIC_API_KEY"),
}


def _protocol(endpoint: Endpoint[Any, Any]) -> MagnificProtocol:
    assert isinstance(endpoint.protocol, MagnificProtocol)
    return endpoint.protocol


def _unwrap(endpoint: Endpoint[Any, OutputT], response: httpx.Response, *, many: bool = False) -> Any:
    body = json_body(response)
    envelope = _protocol(endpoint).envelope
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
            problem = exc.errors(include_url=False)[0]
            where = ".".join(str(part) for part in problem["loc"])
            raise APIResponseValidationError(
                f"{endpoint.id}: task does not match the documented shape: {where}: {problem['msg']}",
                response=response,
                body=body,
            ) from None
    return tasks if many else tasks[0]


def _task_id(task_id: object) -> str:
    if not isinstance(task_id, str) or not task_id.strip():
        raise ValueError(f"task_id: expected a non-empty string, got {task_id!r}")
    return quote(task_id, safe="")


def _finished(endpoint: Endpoint[Any, Any], task: Any) -> bool:
    status = getattr(task, "status", None)
    if status == "FAILED":
        raise JobFailedError(f"{endpoint.id} task {task.task_id} FAILED", request_id=task.task_id, body=task)
    return bool(status == "COMPLETED")


class _MagnificConfig:
    def _configure(self, api_key: str | None, base_url: str | None, brand: Brand) -> Auth:
        if brand not in _ENV_KEYS:
            raise ValueError(f"brand: must be 'magnific' or 'freepik', got {brand!r}")
        protocol = _protocol(next(e for e in _magnific_endpoints()))
        default_url, header = (
            (protocol.base_url, protocol.auth_header)
            if brand == "magnific"
            else (protocol.alt_base_url, protocol.alt_auth_header)
        )
        self.base_url = check_base_url(base_url or default_url, "base_url")
        self.brand = brand
        return Auth(
            header=header,
            key=magnific_key(api_key, _ENV_KEYS[brand]),
            missing_hint=" or ".join(_ENV_KEYS[brand]),
            origins=frozenset({origin(self.base_url)}),
        )

    def _url(self, endpoint: Endpoint[Any, Any], which: Literal["create", "get", "list"], task_id: str = "") -> str:
        path = getattr(_protocol(endpoint), which).path.replace("{task_id}", task_id)
        return f"{self.base_url}{path}"

    def __repr__(self) -> str:
        return f"{type(self).__name__}(base_url={self.base_url!r}, brand={self.brand!r})"


def _magnific_endpoints() -> list[Endpoint[Any, Any]]:
    from ideogram_clients._endpoints import ENDPOINTS

    return [endpoint for endpoint in ENDPOINTS.values() if endpoint.provider == "magnific"]


def _endpoint(endpoint_id: str | Endpoint[Any, Any]) -> Endpoint[Any, Any]:
    return endpoint_id if isinstance(endpoint_id, Endpoint) else endpoint_for(endpoint_id, "magnific")


def _wait_timeout(endpoint: Endpoint[Any, Any], task_id: str, timeout: float) -> WaitTimeoutError:
    return WaitTimeoutError(
        f"{endpoint.id} task {task_id} did not complete within {timeout:g} s (it keeps running server-side)",
        request_id=task_id,
    )


class SyncMagnificClient(_MagnificConfig):
    """Blocking Magnific client (the generated ``MagnificClient`` adds one attribute per endpoint)."""

    def __init__(
        self,
        api_key: str | None = None,
        *,
        base_url: str | None = None,
        brand: Brand = "magnific",
        timeout: httpx.Timeout | float | None = DEFAULT_TIMEOUT,
        max_retries: int = 2,
        http_client: httpx.Client | None = None,
        default_headers: Mapping[str, str] | None = None,
    ) -> None:
        auth = self._configure(api_key, base_url, brand)
        self._http = SyncHTTP(
            auth, timeout=timeout, max_retries=max_retries, http_client=http_client, default_headers=default_headers
        )

    def create(self, endpoint_id: str | Endpoint[Any, Any], arguments: object) -> Any:
        """Validate ``arguments`` and create a task (nothing is sent if invalid)."""
        endpoint = _endpoint(endpoint_id)
        payload = endpoint.build_payload(arguments)
        response = self._http.request("POST", self._url(endpoint, "create"), payload=payload, policy=MAGNIFIC_CREATE)
        return _unwrap(endpoint, response)

    def get(self, endpoint_id: str | Endpoint[Any, Any], task_id: str) -> Any:
        """The task's current state."""
        endpoint = _endpoint(endpoint_id)
        return _unwrap(endpoint, self._http.request("GET", self._url(endpoint, "get", _task_id(task_id))))

    def list(self, endpoint_id: str | Endpoint[Any, Any]) -> Any:
        """Every task of this endpoint the API lists for the key."""
        endpoint = _endpoint(endpoint_id)
        return _unwrap(endpoint, self._http.request("GET", self._url(endpoint, "list")), many=True)

    def run(
        self,
        endpoint_id: str | Endpoint[Any, Any],
        arguments: object,
        *,
        timeout: float | None = None,
        on_update: Callable[[Any], object] | None = None,
    ) -> Any:
        """Create the task, then poll with backoff until it is COMPLETED (returned) or FAILED (raised)."""
        endpoint = _endpoint(endpoint_id)
        task = self.create(endpoint, arguments)
        return self.wait(endpoint, task, timeout=timeout, on_update=on_update)

    def wait(
        self,
        endpoint_id: str | Endpoint[Any, Any],
        task: Any,
        *,
        timeout: float | None = None,
        on_update: Callable[[Any], object] | None = None,
    ) -> Any:
        """Poll ``task`` (a task or its id) until it finishes."""
        endpoint = _endpoint(endpoint_id)
        http = self._http
        deadline = None if timeout is None else http.clock() + timeout
        task = self.get(endpoint, task) if isinstance(task, str) else task
        delay = POLL_INITIAL
        while True:
            if on_update is not None:
                on_update(task)
            if _finished(endpoint, task):
                return task
            if deadline is not None and http.clock() + delay > deadline:
                assert timeout is not None
                raise _wait_timeout(endpoint, task.task_id, timeout)
            http.sleep(delay)
            delay = min(delay * POLL_FACTOR, POLL_MAX)
            task = self.get(endpoint, task.task_id)

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


class AsyncMagnificClient(_MagnificConfig):
    """The async twin of :class:`SyncMagnificClient`."""

    def __init__(
        self,
        api_key: str | None = None,
        *,
        base_url: str | None = None,
        brand: Brand = "magnific",
        timeout: httpx.Timeout | float | None = DEFAULT_TIMEOUT,
        max_retries: int = 2,
        http_client: httpx.AsyncClient | None = None,
        default_headers: Mapping[str, str] | None = None,
    ) -> None:
        auth = self._configure(api_key, base_url, brand)
        self._http = AsyncHTTP(
            auth, timeout=timeout, max_retries=max_retries, http_client=http_client, default_headers=default_headers
        )

    async def create(self, endpoint_id: str | Endpoint[Any, Any], arguments: object) -> Any:
        endpoint = _endpoint(endpoint_id)
        payload = endpoint.build_payload(arguments)
        response = await self._http.request(
            "POST", self._url(endpoint, "create"), payload=payload, policy=MAGNIFIC_CREATE
        )
        return _unwrap(endpoint, response)

    async def get(self, endpoint_id: str | Endpoint[Any, Any], task_id: str) -> Any:
        endpoint = _endpoint(endpoint_id)
        return _unwrap(endpoint, await self._http.request("GET", self._url(endpoint, "get", _task_id(task_id))))

    async def list(self, endpoint_id: str | Endpoint[Any, Any]) -> Any:
        endpoint = _endpoint(endpoint_id)
        return _unwrap(endpoint, await self._http.request("GET", self._url(endpoint, "list")), many=True)

    async def run(
        self,
        endpoint_id: str | Endpoint[Any, Any],
        arguments: object,
        *,
        timeout: float | None = None,
        on_update: Callable[[Any], object] | None = None,
    ) -> Any:
        endpoint = _endpoint(endpoint_id)
        task = await self.create(endpoint, arguments)
        return await self.wait(endpoint, task, timeout=timeout, on_update=on_update)

    async def wait(
        self,
        endpoint_id: str | Endpoint[Any, Any],
        task: Any,
        *,
        timeout: float | None = None,
        on_update: Callable[[Any], object] | None = None,
    ) -> Any:
        endpoint = _endpoint(endpoint_id)
        http = self._http
        deadline = None if timeout is None else http.clock() + timeout
        task = await self.get(endpoint, task) if isinstance(task, str) else task
        delay = POLL_INITIAL
        while True:
            if on_update is not None:
                outcome = on_update(task)
                if isinstance(outcome, Awaitable):
                    await outcome
            if _finished(endpoint, task):
                return task
            if deadline is not None and http.clock() + delay > deadline:
                assert timeout is not None
                raise _wait_timeout(endpoint, task.task_id, timeout)
            await http.sleep(delay)
            delay = min(delay * POLL_FACTOR, POLL_MAX)
            task = await self.get(endpoint, task.task_id)

    async def close(self) -> None:
        await self._http.close()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.close()
