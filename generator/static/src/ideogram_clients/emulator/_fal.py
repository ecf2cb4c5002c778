"""fal's queue API (at the root) and sync API (under ``/fal-run``), as PROTOCOLS.md describes them.

Answers where fal's documentation gives no HTTP code (chosen here, stable, documented):

* status: 200 for every status shape (IN_QUEUE, IN_PROGRESS, COMPLETED);
* result: 200 with the output; 400 ``{"detail": "Request is still in progress"}`` before the end;
  500 ``{"detail", "error_type"}`` (with ``x-fal-request-id``) for a failed job; 400 with
  ``error_type: "request_cancelled"`` for a cancelled one; 404 for an unknown id;
* cancel: 200 ``OK`` (removed from the queue), 202 ``CANCELLATION_REQUESTED`` (it was running; the
  emulated runner stops at once), 400 ``ALREADY_COMPLETED``, 404 ``NOT_FOUND``. A cancelled job
  reports COMPLETED with ``error``; its webhook, if any, is sent with ``status: "ERROR"``;
* auth: 401 ``{"detail": …}`` without ``Authorization: Key <key>`` or with a key not in ``api_keys``;
* unknown endpoint: 404. Input is validated at submit (fal validates later, in the runner), so a
  bad request never becomes a job: 422 ``detail[]`` right away.

Request URLs may name the app (``owner/alias``) or the full endpoint id; both find the job.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from typing import Any
from urllib.parse import urlsplit

from starlette.requests import Request
from starlette.responses import JSONResponse, Response, StreamingResponse
from starlette.routing import Route

from ideogram_clients._endpoint import Endpoint
from ideogram_clients._endpoints import ENDPOINTS
from ideogram_clients.emulator._faults import ConnectionDropped
from ideogram_clients.emulator._intake import accept, read_json
from ideogram_clients.emulator._jobs import Job, Phase
from ideogram_clients.emulator._net import is_loopback_url
from ideogram_clients.emulator._replies import Problem, Refused, fal_guarded
from ideogram_clients.emulator._state import EmulatorState

__all__ = ["FalRoutes"]

_CANCELLED_TYPE = "request_cancelled"
_FAILED_TYPE = "internal_server_error"


class FalRoutes:
    """The fal routes of one emulator."""

    def __init__(self, state: EmulatorState) -> None:
        self.state = state

    def routes(self) -> list[Route]:
        requests = "/{app:path}/requests/{request_id}"
        return [
            Route("/fal-run/{endpoint_id:path}", fal_guarded(self.run), methods=["POST"]),
            Route(requests + "/status/stream", fal_guarded(self.stream), methods=["GET"]),
            Route(requests + "/status", fal_guarded(self.status), methods=["GET"]),
            Route(requests + "/cancel", fal_guarded(self.cancel), methods=["PUT"]),
            Route(requests, fal_guarded(self.result), methods=["GET"]),
            Route("/{endpoint_id:path}", fal_guarded(self.submit), methods=["POST"]),
        ]

    # -- shared ------------------------------------------------------------------------------------

    def _authenticate(self, request: Request) -> None:
        header = request.headers.get("authorization", "")
        scheme, _, key = header.partition(" ")
        if not header:
            raise Refused("Missing Authorization header: send 'Authorization: Key <FAL_KEY>'", status=401)
        if scheme != "Key" or not self.state.key_accepted(key.strip()):
            raise Refused("No user found for Key ID and Secret", status=401)

    @staticmethod
    def _endpoint(endpoint_id: str) -> Endpoint[Any, Any]:
        endpoint = ENDPOINTS.get(endpoint_id.strip("/"))
        if endpoint is None or endpoint.provider != "fal":
            raise Refused(f"Application {endpoint_id!r} not found", status=404)
        return endpoint

    def _job(self, request: Request) -> Job:
        job = self.state.jobs.get(request.path_params["request_id"])
        app = "/".join(request.path_params["app"].strip("/").split("/")[:2])
        if job is None or job.endpoint.provider != "fal" or job.app != app:
            raise Refused("Request not found", status=404)
        return job

    def _urls(self, job: Job) -> dict[str, str]:
        base = f"{job.base_url}/{job.app}/requests/{job.id}"
        return {"response_url": base, "status_url": f"{base}/status", "cancel_url": f"{base}/cancel"}

    async def _create(self, request: Request, endpoint_id: str, *, queued: bool) -> Job:
        self._authenticate(request)
        endpoint = self._endpoint(endpoint_id)
        webhook = request.query_params.get("fal_webhook") if queued else None
        if webhook is not None:
            self._check_webhook(webhook)
        base_url = self.state.base_url(request)
        data = await read_json(request, self.state.options.max_body_bytes)
        model, _ = await accept(self.state, endpoint, data, base_url)
        fails = self.state.faults.job_failure()
        job = self.state.jobs.create(
            endpoint, model, base_url=base_url, fails=fails, webhook_url=webhook, queued=queued
        )
        self.state.stats.job_created(endpoint.id, data)
        return job

    def _check_webhook(self, url: str) -> None:
        try:
            parts = urlsplit(url)
            parts.port  # noqa: B018 - raises ValueError for a port out of range or not a number
        except ValueError:
            parts = None
        message = None
        if parts is None or parts.scheme not in ("http", "https") or not parts.hostname:
            message = "fal_webhook must be an absolute http(s) URL"
        elif not (self.state.options.allow_remote_webhooks or is_loopback_url(url)):
            message = "the emulator delivers webhooks to loopback hosts only (start it with allow_remote_webhooks)"
        if message:
            raise Refused("Invalid webhook URL", problems=[Problem(("fal_webhook",), message, "url", where="query")])

    # -- queue -------------------------------------------------------------------------------------

    async def submit(self, request: Request) -> Response:
        job = await self._create(request, request.path_params["endpoint_id"], queued=True)
        position = self.state.jobs.queue_position(job, self.state.now())
        # fal's QueueStatus: status is required (the job was just queued), like the real submit reply
        body: dict[str, Any] = {
            "status": "IN_QUEUE",
            "request_id": job.id,
            "queue_position": position,
            **self._urls(job),
        }
        if job.webhook_url is not None:
            body["gateway_request_id"] = job.id
            self.state.webhooks.spawn(self._deliver(job))
        return JSONResponse(body, headers={"x-fal-request-id": job.id})

    def status_body(self, job: Job, now: float, logs: bool) -> dict[str, Any]:
        """One of fal's three status shapes for ``job`` at ``now`` (fal's QueueStatus requires
        ``request_id``). ``logs`` is ``null`` unless asked for, as fal answers: fal-client reads
        ``data["logs"]`` of every IN_PROGRESS and COMPLETED status unconditionally."""
        phase = job.phase(now)
        response_url = self._urls(job)["response_url"]
        head: dict[str, Any] = {"request_id": job.id, "response_url": response_url}
        if phase is Phase.QUEUED:
            position = self.state.jobs.queue_position(job, now)
            return {"status": "IN_QUEUE", "queue_position": position, **head}
        shown = {"logs": job.logs(now) if logs else None}
        if phase is Phase.RUNNING:
            return {"status": "IN_PROGRESS", **shown, **head}
        body: dict[str, Any] = {
            "status": "COMPLETED",
            **shown,
            "metrics": {"inference_time": round(max(0.0, job.finished_at - job.start), 3)},
            **head,
        }
        if job.error is not None:
            body["error"] = job.error
            body["error_type"] = _CANCELLED_TYPE if job.cancelled else _FAILED_TYPE
        return body

    async def status(self, request: Request) -> Response:
        self._authenticate(request)
        job = self._job(request)
        body = self.status_body(job, self.state.now(), _flag(request.query_params.get("logs")))
        return JSONResponse(body, headers={"x-fal-request-id": job.id})

    async def stream(self, request: Request) -> Response:
        self._authenticate(request)
        job = self._job(request)
        logs = _flag(request.query_params.get("logs"))
        drop = self.state.faults.stream_drop()
        headers = {"cache-control": "no-cache", "x-accel-buffering": "no", "x-fal-request-id": job.id}
        body = self.status_body(job, self.state.now(), logs)
        if body["status"] == "COMPLETED":  # a finished job's stream is its one last event: sent whole
            return Response(_event(body), media_type="text/event-stream", headers=headers)
        return StreamingResponse(self._events(job, logs, drop), media_type="text/event-stream", headers=headers)

    async def _events(self, job: Job, logs: bool, drop: bool) -> AsyncIterator[str]:
        """``data:`` events on every status change, ``: ping`` while idle; ends after COMPLETED."""
        options = self.state.options
        last: dict[str, Any] | None = None
        now = self.state.now()
        next_ping = now + options.ping_interval
        while True:
            now = self.state.now()
            body = self.status_body(job, now, logs)
            if body != last:
                yield _event(body)
                if body["status"] == "COMPLETED":
                    return
                if drop and last is None:
                    self.state.stats.fault("stream_drop")
                    raise ConnectionDropped("status stream cut by fault injection")
                last = body
            elif now >= next_ping:
                yield ": ping\n\n"
                next_ping = now + options.ping_interval
            wake = min(job.next_change(now, options.step, options.queue_depth), next_ping, now + 0.1)
            await asyncio.sleep(max(0.002, wake - now))

    async def result(self, request: Request) -> Response:
        self._authenticate(request)
        job = self._job(request)
        if job.phase(self.state.now()) is not Phase.DONE:
            raise Refused("Request is still in progress", status=400)
        headers = {"x-fal-request-id": job.id}
        if job.cancelled:
            raise Refused(job.error or "", status=400, headers={**headers, "x-fal-error-type": _CANCELLED_TYPE})
        if job.fails:
            raise Refused(job.error or "", status=500, headers={**headers, "x-fal-error-type": _FAILED_TYPE})
        return JSONResponse(await self.state.result(job), headers=headers)

    async def cancel(self, request: Request) -> Response:
        self._authenticate(request)
        try:
            job = self._job(request)
        except Refused:
            return JSONResponse({"status": "NOT_FOUND"}, status_code=404)
        phase = self.state.jobs.cancel(job, self.state.now())
        if phase is Phase.QUEUED:
            return JSONResponse({"status": "OK"}, status_code=200)
        if phase is Phase.RUNNING:
            return JSONResponse({"status": "CANCELLATION_REQUESTED"}, status_code=202)
        return JSONResponse({"status": "ALREADY_COMPLETED"}, status_code=400)

    async def _deliver(self, job: Job) -> None:
        """Wait for the job's end (which a cancel may move earlier), then send its webhook."""
        await self.state.wait_until(lambda: job.finished_at)
        body: dict[str, Any] = {"request_id": job.id, "gateway_request_id": job.id}
        if job.error is None:
            body |= {"status": "OK", "payload": await self.state.result(job)}
        else:
            code = 400 if job.cancelled else 500
            body |= {"status": "ERROR", "payload": {"detail": job.error}, "error": f"Invalid status code: {code}"}
        assert job.webhook_url is not None
        await self.state.webhooks.send_fal(job.webhook_url, job.id, body)

    # -- sync --------------------------------------------------------------------------------------

    async def run(self, request: Request) -> Response:
        job = await self._create(request, request.path_params["endpoint_id"], queued=False)
        await asyncio.sleep(max(0.0, job.end - self.state.now()))
        headers = {"x-fal-request-id": job.id}
        if job.fails:
            raise Refused(job.error or "", status=500, headers={**headers, "x-fal-error-type": _FAILED_TYPE})
        return JSONResponse(await self.state.result(job), headers=headers)


def _flag(value: str | None) -> bool:
    return value is not None and value.lower() in ("1", "true", "yes")


def _event(body: dict[str, Any]) -> str:
    """One SSE ``data:`` event carrying a status body."""
    return f"data: {json.dumps(body, separators=(',', ':'))}\n\n"
