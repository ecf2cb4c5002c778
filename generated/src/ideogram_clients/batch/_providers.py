"""The batch's view of the two providers: submit a job, and wait for a job's output files by its id.

One client per provider for the whole batch (one connection pool, one upload cache), created on
first use so a batch of fal jobs never needs a Magnific key. Every request goes through an httpx
client whose response hook reports 429s to the adaptive limiter, including the ones the client's
own retries absorb. What a failed submit proves (created or not) is read with the same retry
policies the clients use (:mod:`ideogram_clients._retries`).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from typing import Any

import httpx

from ideogram_clients import _errors
from ideogram_clients._async.pool import own_client
from ideogram_clients._clients import AsyncFalClient, AsyncMagnificClient
from ideogram_clients._endpoint import Endpoint
from ideogram_clients._errors import APIConnectionError, APIStatusError, IdeogramClientsError
from ideogram_clients._models import OutputFile
from ideogram_clients._retries import CREATE, MAGNIFIC_CREATE

__all__ = ["Providers", "submit_outcome"]

#: Failures raised before the submit is sent, worth another try: an upload of a local file to fal
#: storage (``UploadError``, which comes with the client's ``files="upload"``; looked up by name so
#: this module works with or without it) creates no job.
_BEFORE_SUBMIT: tuple[type[Exception], ...] = tuple(
    found for found in (getattr(_errors, "UploadError", None),) if isinstance(found, type)
)


class Providers:
    """Lazily built clients, sharing one hooked transport per provider, plus a key-less download client."""

    def __init__(
        self,
        *,
        base_url: str | None,
        connections: int,
        on_429: Callable[[], Awaitable[None]],
        fal_options: Mapping[str, Any] | None = None,
        magnific_options: Mapping[str, Any] | None = None,
    ) -> None:
        self._base_url = base_url
        self._limits = httpx.Limits(max_connections=connections, max_keepalive_connections=20)
        self._on_429 = on_429
        # client options, e.g. fal's files="upload": one client per provider, so its upload cache
        # sends a reference image shared by many jobs once
        self._fal_options = dict(fal_options or {})
        self._magnific_options = dict(magnific_options or {})
        self._fal: AsyncFalClient | None = None
        self._magnific: AsyncMagnificClient | None = None
        self._owned: list[httpx.AsyncClient] = []
        # sharded pools (``own_client``): httpcore's single pool slows with every connection it holds
        self.downloads = own_client(self._limits, timeout=60.0, follow_redirects=True)

    def _transport(self) -> httpx.AsyncClient:
        async def hook(response: httpx.Response) -> None:
            if response.status_code == 429:
                await self._on_429()

        client = own_client(self._limits, event_hooks={"response": [hook]})
        self._owned.append(client)
        return client

    def fal(self) -> AsyncFalClient:
        if self._fal is None:
            self._fal = AsyncFalClient(base_url=self._base_url, http_client=self._transport(), **self._fal_options)
        return self._fal

    def magnific(self) -> AsyncMagnificClient:
        if self._magnific is None:
            self._magnific = AsyncMagnificClient(
                base_url=self._base_url, http_client=self._transport(), **self._magnific_options
            )
        return self._magnific

    async def submit(self, endpoint: Endpoint[Any, Any], arguments: Mapping[str, Any]) -> str:
        """Send the job; its request id (fal) or task id (Magnific)."""
        if endpoint.provider == "fal":
            return (await self.fal().submit(endpoint, dict(arguments))).request_id
        task = await self.magnific().create(endpoint, dict(arguments))
        return str(task.task_id)

    async def outputs(self, endpoint: Endpoint[Any, Any], job_id: str, timeout: float | None) -> list[OutputFile]:
        """Wait for the job to finish; its output files (:class:`JobFailedError` if it failed)."""
        if endpoint.provider == "fal":
            output = await self.fal().get_handle(endpoint.id, job_id).wait(timeout=timeout)
            return list(output.files())
        task = await self.magnific().wait(endpoint, job_id, timeout=timeout)
        return [OutputFile(url=url) for url in task.generated]

    async def close(self) -> None:
        for client in (self._fal, self._magnific):
            if client is not None:
                await client.close()
        for transport in [*self._owned, self.downloads]:
            await transport.aclose()


def submit_outcome(endpoint: Endpoint[Any, Any], error: BaseException) -> str:
    """What a failed submit proves: ``"unsent"`` (no job; may be tried again), ``"refused"`` (no job;
    trying again cannot help) or ``"maybe"`` (the request may have created a job)."""
    policy = CREATE if endpoint.provider == "fal" else MAGNIFIC_CREATE
    if isinstance(error, _BEFORE_SUBMIT):
        return "unsent"
    if isinstance(error, APIStatusError):
        if policy.retry_response(error.response):
            return "unsent"
        return "refused" if error.status_code < 500 else "maybe"
    if isinstance(error, APIConnectionError):
        cause = error.__cause__
        return "unsent" if isinstance(cause, Exception) and policy.retry_exception(cause) else "maybe"
    if isinstance(error, IdeogramClientsError | ValueError | OSError):
        return "refused"  # raised before sending: input, key, a file that went away
    return "maybe"
