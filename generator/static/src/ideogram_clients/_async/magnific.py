"""Magnific's task API: :class:`AsyncMagnificClient`.

``create`` posts the body and answers ``{"data": task}``; ``get`` reads one task and ``list`` all of
them; ``run`` creates and then polls ``get`` with backoff (the API has no stream) until the task is
``COMPLETED`` (returned) or ``FAILED`` (:class:`JobFailedError`), or the deadline passes
(:class:`WaitTimeoutError`; the deadline bounds every poll, retry and pause). The same API answers
under its former brand, Freepik: pass ``brand="freepik"`` for its host and header. Paths, envelope
and statuses come from the spec.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import httpx

from ideogram_clients._async.client import AsyncClientBase
from ideogram_clients._endpoint import Endpoint
from ideogram_clients._http_core import DEFAULT_TIMEOUT, DeadlineExceededError
from ideogram_clients._io import anotify
from ideogram_clients._magnific_core import (
    POLL_FACTOR,
    POLL_INITIAL,
    POLL_MAX,
    Brand,
    MagnificConfig,
    finished,
    magnific_endpoint,
    quoted_task_id,
    unwrap,
    wait_timeout,
)
from ideogram_clients._retries import MAGNIFIC_CREATE
from ideogram_clients._waits import check_timeout, deadline_after

__all__ = ["AsyncMagnificClient"]


class AsyncMagnificClient(MagnificConfig, AsyncClientBase):
    """The Magnific client the generated ones stand on (they add one attribute per endpoint)."""

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
        self._connect(self._configure(api_key, base_url, brand), timeout, max_retries, http_client, default_headers)

    async def create(self, endpoint_id: str | Endpoint[Any, Any], arguments: object) -> Any:
        """Validate ``arguments`` and create a task (nothing is sent if invalid)."""
        endpoint = magnific_endpoint(endpoint_id)
        payload = endpoint.build_payload(arguments)
        response = await self._http.request(
            "POST", self._url(endpoint, "create"), payload=payload, policy=MAGNIFIC_CREATE
        )
        return unwrap(endpoint, response)

    async def get(self, endpoint_id: str | Endpoint[Any, Any], task_id: str) -> Any:
        """The task's current state."""
        return await self._get(magnific_endpoint(endpoint_id), task_id, None)

    async def list(self, endpoint_id: str | Endpoint[Any, Any]) -> Any:
        """Every task of this endpoint the API lists for the key."""
        endpoint = magnific_endpoint(endpoint_id)
        return unwrap(endpoint, await self._http.request("GET", self._url(endpoint, "list")), many=True)

    async def run(
        self,
        endpoint_id: str | Endpoint[Any, Any],
        arguments: object,
        *,
        timeout: float | None = None,
        on_update: Callable[[Any], object] | None = None,
    ) -> Any:
        """Create the task, then poll with backoff until it is COMPLETED (returned) or FAILED (raised)."""
        endpoint = magnific_endpoint(endpoint_id)
        check_timeout(timeout)  # before the paid create: a wait that cannot work sends nothing
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
        """Poll ``task`` (a task or its id) until it finishes."""
        endpoint = magnific_endpoint(endpoint_id)
        http = self._http
        deadline = deadline_after(timeout, http.clock)
        task_id = task if isinstance(task, str) else task.task_id
        try:
            task = await self._get(endpoint, task, deadline) if isinstance(task, str) else task
            delay = POLL_INITIAL
            while True:
                if on_update is not None:
                    await anotify(on_update, task)
                if finished(endpoint, task):
                    return task
                if deadline is not None and http.clock() + delay > deadline:
                    break
                await http.sleep(delay)
                delay = min(delay * POLL_FACTOR, POLL_MAX)
                task = await self._get(endpoint, task.task_id, deadline)
        except DeadlineExceededError:
            pass
        assert timeout is not None  # only a deadline ends the loop without a task
        raise wait_timeout(endpoint, task_id, timeout)

    async def _get(self, endpoint: Endpoint[Any, Any], task_id: str, deadline: float | None) -> Any:
        url = self._url(endpoint, "get", quoted_task_id(task_id))
        return unwrap(endpoint, await self._http.request("GET", url, deadline=deadline))
