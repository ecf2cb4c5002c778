"""Magnific's task API at its real paths (read from each endpoint's ``protocol`` block).

Create answers ``{"data": {task_id, status: "CREATED", generated: []}}``; get follows the job's
timeline: CREATED while queued, IN_PROGRESS while running, then COMPLETED (``generated`` filled) or
FAILED. List returns every task of the endpoint, oldest first. The key is read from
``x-magnific-api-key`` or, as the former Freepik brand sends it, ``x-freepik-api-key``. Codes where
the docs are silent: 404 ``{"message": "Task not found"}`` for an unknown id, 413 for a body over
the cap, 404 for an unknown path.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from ideogram_clients._endpoint import Endpoint, MagnificProtocol
from ideogram_clients._endpoints import ENDPOINTS
from ideogram_clients.emulator._intake import accept, read_json
from ideogram_clients.emulator._jobs import Job, Phase
from ideogram_clients.emulator._net import is_loopback_url
from ideogram_clients.emulator._replies import Problem, Refused, magnific_error
from ideogram_clients.emulator._runner import magnific_task
from ideogram_clients.emulator._state import EmulatorState

__all__ = ["MagnificRoutes"]

Handler = Callable[[Request], Awaitable[Response]]


class MagnificRoutes:
    """The routes of every Magnific endpoint in ``ENDPOINTS``."""

    def __init__(self, state: EmulatorState) -> None:
        self.state = state

    def routes(self) -> list[Route]:
        found: list[Route] = []
        for endpoint in ENDPOINTS.values():
            protocol = endpoint.protocol
            if endpoint.provider != "magnific" or not isinstance(protocol, MagnificProtocol):
                continue
            found += [
                Route(protocol.create.path, self._bind(self.create, endpoint), methods=[protocol.create.method]),
                Route(protocol.list.path, self._bind(self.list, endpoint), methods=[protocol.list.method]),
                Route(protocol.get.path, self._bind(self.get, endpoint), methods=[protocol.get.method]),
            ]
        return found

    def _bind(
        self, handler: Callable[[Request, Endpoint[Any, Any]], Awaitable[Response]], endpoint: Endpoint[Any, Any]
    ) -> Handler:
        async def run(request: Request) -> Response:
            try:
                self._authenticate(request, endpoint)
                return await handler(request, endpoint)
            except Refused as refused:
                return magnific_error(refused)

        return run

    def _authenticate(self, request: Request, endpoint: Endpoint[Any, Any]) -> None:
        protocol = endpoint.protocol
        assert isinstance(protocol, MagnificProtocol)
        key = request.headers.get(protocol.auth_header) or request.headers.get(protocol.alt_auth_header)
        if not key:
            raise Refused("Missing API key", status=401)
        if not self.state.key_accepted(key):
            raise Refused("Invalid API key", status=401)

    def _status(self, job: Job) -> str:
        phase = job.phase(self.state.now())
        if phase is Phase.QUEUED:
            return "CREATED"
        if phase is Phase.RUNNING:
            return "IN_PROGRESS"
        return "FAILED" if job.error is not None else "COMPLETED"

    async def _task(self, job: Job) -> dict[str, Any]:
        status = self._status(job)
        if status == "COMPLETED":
            await self.state.result(job)
        return magnific_task(job, status)

    async def create(self, request: Request, endpoint: Endpoint[Any, Any]) -> Response:
        base_url = self.state.base_url(request)
        data = await read_json(request, self.state.options.max_body_bytes)
        model, _ = await accept(self.state, endpoint, data, base_url)
        webhook = getattr(model, "webhook_url", None)
        if isinstance(webhook, str) and not (self.state.options.allow_remote_webhooks or is_loopback_url(webhook)):
            reason = "the emulator delivers webhooks to loopback hosts only (start it with allow_remote_webhooks)"
            raise Refused("Invalid request parameters", problems=[Problem(("webhook_url",), reason, "url")])
        job = self.state.jobs.create(
            endpoint,
            model,
            base_url=base_url,
            fails=self.state.faults.job_failure(),
            webhook_url=webhook if isinstance(webhook, str) else None,
        )
        self.state.stats.job_created(endpoint.id, data)
        if job.webhook_url is not None:
            self.state.webhooks.spawn(self._deliver(job))
        return JSONResponse({"data": magnific_task(job, "CREATED")})

    async def get(self, request: Request, endpoint: Endpoint[Any, Any]) -> Response:
        job = self.state.jobs.get(request.path_params["task_id"])
        if job is None or job.endpoint is not endpoint:
            raise Refused("Task not found", status=404)
        return JSONResponse({"data": await self._task(job)})

    async def list(self, request: Request, endpoint: Endpoint[Any, Any]) -> Response:
        return JSONResponse({"data": [await self._task(job) for job in self.state.jobs.of_endpoint(endpoint.id)]})

    async def _deliver(self, job: Job) -> None:
        """One delivery per status change: CREATED now, IN_PROGRESS at start, then the outcome."""
        assert job.webhook_url is not None
        await self.state.webhooks.send_magnific(job.webhook_url, magnific_task(job, "CREATED"))
        for ended, moment in ((False, job.start), (True, job.end)):
            await self.state.wait_until(moment)
            task = await self._task(job) if ended else magnific_task(job, "IN_PROGRESS")
            await self.state.webhooks.send_magnific(job.webhook_url, task)
