"""The bounded fault run: 200 fal jobs against a loopback emulator injecting ~10 % faults.

Every job must come back with its correct result (the same PNG bytes as a fault-free run of the same
arguments), the emulator must see exactly one job per submission (none lost, none duplicated), and
the figures (faults by kind, client retries, HTTP requests per job) are printed and written to
``build/fault-run.json`` for the issue note.

The fault mix, and why:

* status, stream and result requests (which never create a job) get every request fault: 503 from
  the edge (no ``x-fal-request-id``), 500 from the app (with one), 429 with ``Retry-After: 1``,
  dropped connections and slow answers; 10 % of status streams are also cut after their first event.
* job-creating requests (queue submit, sync run) get only faults that prove no job was created: edge
  503, 429 and slow answers (``create_faults``). A 500 from the app or a connection lost after the
  body was sent may follow job creation, so the client must not retry them (fal-client does not
  either): such a submission is *refused*, not lost, and resubmitting would risk a second job.
  ``test_faults_after_which_a_job_may_exist_are_not_retried`` shows that separately.
* a 500 on status/result (with the request id) is not retried by the client either (fal-client
  never retries 500); the application asks again through the same handle: the job exists, its id is
  known, and asking costs no new job. These re-asks are counted apart from the client's retries.

The client's waits are shortened (its injectable ``sleep`` waits at most 20 ms) and recorded, so the
run also shows every 429's ``Retry-After`` was asked for.
"""

from __future__ import annotations

import asyncio
import json
import time
from collections import Counter
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import pytest

from ideogram_clients import AsyncFalClient
from ideogram_clients._errors import APIConnectionError, InternalServerError
from ideogram_clients.emulator import Emulator, FaultRates
from ideogram_clients.emulator._edge import classify
from tests.conftest import ROOT

pytest.register_assert_rewrite("tests.e2e_support")
from tests.e2e_support import (  # noqa: E402 (after the rewrite hook)
    DIVISOR,
    FAL_IDS,
    KEY,
    TLS,
    Images,
    has_field,
    make_images,
    minimal_arguments,
)

JOBS = 200
CONCURRENCY = 16
SEED = 20240607
#: Requests that never create a job: 10 % get a fault.
FAULTS = FaultRates(error_503=0.025, error_500=0.02, rate_limit=0.025, drop=0.02, slow=0.01, stream_drop=0.10)
#: Job-creating requests: 10 % get a fault, only of the kinds that prove no job was created.
CREATE_FAULTS = FaultRates(error_503=0.04, rate_limit=0.04, slow=0.02)
RETRY_AFTER = 1
MAX_WAIT = 0.02
REPORT = ROOT / "build" / "fault-run.json"


@dataclass
class Job:
    index: int
    endpoint_id: str
    mode: str  # "queue" (submit + status stream + result) or "sync" (the sync host)
    arguments: dict[str, Any]

    @property
    def count(self) -> int:
        value = self.arguments.get("num_images", 1)
        assert isinstance(value, int)
        return value


@dataclass
class Outcome:
    job: Job
    images: list[bytes] = field(default_factory=list)
    seed: int | None = None
    error: BaseException | None = None


def plan(images: Images) -> list[Job]:
    """200 jobs over every fal endpoint; one in four on the sync host; explicit seeds so a fault-free
    run of the same arguments draws the same pixels; one or two images where the endpoint allows."""
    jobs = []
    for index in range(JOBS):
        endpoint_id = FAL_IDS[index % len(FAL_IDS)]
        arguments = minimal_arguments(endpoint_id, images, f"fault run job {index:03d}")
        assert has_field(endpoint_id, "seed")
        arguments["seed"] = 1000 + index
        if has_field(endpoint_id, "num_images"):
            arguments["num_images"] = 1 + index % 2
        jobs.append(Job(index, endpoint_id, "sync" if index % 4 == 3 else "queue", arguments))
    return jobs


def count_logical_requests(client: AsyncFalClient, counts: Counter[str]) -> None:
    """Count each request the client means to make (once, however often it is retried) by route."""
    http: Any = client._http
    send = http._send

    async def counted(method: str, url: str, *args: Any, **kwargs: Any) -> httpx.Response:
        counts[classify(method, httpx.URL(url).path)[0]] += 1
        response: httpx.Response = await send(method, url, *args, **kwargs)
        return response

    http._send = counted


def short_waits(client: AsyncFalClient, delays: list[float]) -> None:
    """Record every wait the client asks for (backoff, Retry-After, polling) and wait at most MAX_WAIT."""

    async def sleep(seconds: float) -> None:
        delays.append(seconds)
        await asyncio.sleep(min(seconds, MAX_WAIT))

    client._http.sleep = sleep


async def run_jobs(
    client: AsyncFalClient, http: httpx.AsyncClient, jobs: list[Job], on_500: Callable[[], None] | None = None
) -> list[Outcome]:
    semaphore = asyncio.Semaphore(CONCURRENCY)

    async def wait(handle: Any) -> Any:
        for _ in range(5):
            try:
                return await handle.wait()
            except InternalServerError:
                # a 500 from the app on status/result: the job exists, ask again through its handle
                if on_500 is None:
                    raise
                on_500()
        return await handle.wait()

    async def one(job: Job) -> Outcome:
        outcome = Outcome(job)
        async with semaphore:
            try:
                if job.mode == "sync":
                    output = await client.run(job.endpoint_id, job.arguments)
                else:
                    output = await wait(await client.submit(job.endpoint_id, job.arguments))
                outcome.seed = output.seed
                outcome.images = [await image.aread(http_client=http) for image in output.images]
            except Exception as exc:  # counted as lost below, with the reason shown
                outcome.error = exc
        return outcome

    return list(await asyncio.gather(*(one(job) for job in jobs)))


async def with_client(
    url: str,
    transport: httpx.AsyncBaseTransport | None,
    work: Callable[[AsyncFalClient, httpx.AsyncClient], Awaitable[Any]],
) -> Any:
    limits = httpx.Limits(max_connections=CONCURRENCY, max_keepalive_connections=CONCURRENCY)
    async with httpx.AsyncClient(verify=TLS, timeout=10, limits=limits, transport=transport) as http:
        client = AsyncFalClient(KEY, queue_url=url, run_url=url + "/fal-run", max_retries=8, http_client=http)
        return await work(client, http)


def reference_images(jobs: list[Job]) -> dict[int, list[bytes]]:
    """The PNGs of a fault-free, in-process (ASGI) emulator for the same arguments, through the sync host."""
    reference = Emulator(job_duration=0, size_divisor=DIVISOR, seed=SEED, workers=CONCURRENCY)

    async def work(client: AsyncFalClient, http: httpx.AsyncClient) -> list[Outcome]:
        sync_jobs = [Job(job.index, job.endpoint_id, "sync", job.arguments) for job in jobs]
        return await run_jobs(client, http, sync_jobs)

    transport = httpx.ASGITransport(app=reference.app)
    outcomes = asyncio.run(with_client("http://127.0.0.1:9", transport, work))
    assert all(outcome.error is None for outcome in outcomes), [o.error for o in outcomes if o.error]
    assert reference.stats.total_faults == 0
    return {outcome.job.index: outcome.images for outcome in outcomes}


def test_200_jobs_at_10_percent_faults_all_return_their_result_none_lost_or_duplicated(tmp_path: Path) -> None:
    jobs = plan(make_images(tmp_path))
    expected = reference_images(jobs)
    emulator = Emulator(
        job_duration=0.1,
        workers=CONCURRENCY,
        size_divisor=DIVISOR,
        seed=SEED,
        faults=FAULTS,
        create_faults=CREATE_FAULTS,
        retry_after=RETRY_AFTER,
        slow_seconds=0.2,
    )
    logical: Counter[str] = Counter()
    delays: list[float] = []
    app_reasks = 0

    def reask() -> None:
        nonlocal app_reasks
        app_reasks += 1

    async def work(client: AsyncFalClient, http: httpx.AsyncClient) -> list[Outcome]:
        count_logical_requests(client, logical)
        short_waits(client, delays)
        return await run_jobs(client, http, jobs, on_500=reask)

    started = time.monotonic()
    with emulator.serve() as url:
        outcomes = asyncio.run(with_client(url, None, work))
    elapsed = time.monotonic() - started

    stats = emulator.stats.snapshot()
    requests: dict[str, int] = stats["requests"]
    api = {route: count for route, count in requests.items() if route.startswith("fal.")}
    retries = {route: api.get(route, 0) - logical[route] for route in sorted(set(api) | set(logical))}
    lost = [outcome for outcome in outcomes if outcome.error is not None]
    wrong = [
        outcome.job.index
        for outcome in outcomes
        if outcome.error is None
        and (
            outcome.images != expected[outcome.job.index]
            or outcome.seed != outcome.job.arguments["seed"]
            or len(outcome.images) != outcome.job.count
        )
    ]
    queue_jobs = sum(job.mode == "queue" for job in jobs)
    figures: dict[str, Any] = {
        "jobs": JOBS,
        "queue_jobs": queue_jobs,
        "sync_jobs": JOBS - queue_jobs,
        "endpoints": len(FAL_IDS),
        "seed": SEED,
        "fault_rates": {"other_requests": vars(FAULTS), "job_creating_requests": vars(CREATE_FAULTS)},
        "faults_injected": stats["faults"],
        "faults_total": stats["total_faults"],
        "api_requests": sum(api.values()),
        "api_requests_by_route": api,
        "client_retries": sum(retries.values()),
        "client_retries_by_route": {route: count for route, count in retries.items() if count},
        "retry_after_honoured": delays.count(float(RETRY_AFTER)),
        "app_reasks_after_500": app_reasks,
        "jobs_created": stats["total_jobs"],
        "lost": len(lost),
        "wrong_result": len(wrong),
        "duplicated": stats["duplicate_jobs"],
        "http_requests_per_job": round(sum(api.values()) / JOBS, 2),
        "http_requests_per_queue_job": round(
            sum(api.get(route, 0) for route in ("fal.submit", "fal.stream", "fal.status", "fal.result")) / queue_jobs,
            2,
        ),
        "http_requests_per_sync_job": round(api.get("fal.run", 0) / (JOBS - queue_jobs), 2),
        "file_downloads": requests.get("files", 0),
        "seconds": round(elapsed, 2),
    }
    REPORT.parent.mkdir(exist_ok=True)
    REPORT.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    print("\nfault run:", json.dumps(figures, indent=2))

    assert not lost, [f"job {o.job.index} ({o.job.endpoint_id}, {o.job.mode}): {o.error!r}" for o in lost[:5]]
    assert not wrong, f"jobs with a result other than the fault-free run's: {wrong}"
    assert stats["total_jobs"] == JOBS and stats["duplicate_jobs"] == 0
    assert api["fal.submit"] + api["fal.run"] - retries.get("fal.submit", 0) - retries.get("fal.run", 0) == JOBS
    # the faults really happened, of every kind, at about the planned rate
    assert set(stats["faults"]) == {"error_500", "error_503", "rate_limit", "drop", "slow", "stream_drop"}
    request_faults = stats["total_faults"] - stats["faults"]["stream_drop"]
    assert 0.05 < request_faults / sum(api.values()) < 0.15
    # each 503/429 was retried once; a drop is retried unless it cut a status stream (that falls back to polling)
    edge = stats["faults"]["error_503"] + stats["faults"]["rate_limit"]
    assert edge <= figures["client_retries"] <= edge + stats["faults"]["drop"]
    assert all(count >= 0 for count in retries.values()), retries
    assert figures["retry_after_honoured"] == stats["faults"]["rate_limit"]
    assert figures["file_downloads"] == sum(job.count for job in jobs)
    assert figures["http_requests_per_queue_job"] < 6 and figures["http_requests_per_sync_job"] < 1.3


@pytest.mark.parametrize(
    ("fault", "error"), [("error_500", InternalServerError), ("drop", APIConnectionError)], ids=["500", "drop"]
)
def test_faults_after_which_a_job_may_exist_are_not_retried(fault: str, error: type[Exception]) -> None:
    """A 500 from the app, or a connection lost after the body was sent, on a submit: the client cannot
    know whether a job exists, so it raises at once (one request) instead of risking a second job."""
    emulator = Emulator(job_duration=0.05, faults=FaultRates(**{fault: 1.0}))

    async def work(client: AsyncFalClient, http: httpx.AsyncClient) -> None:
        with pytest.raises(error):
            await client.submit("fal-ai/ideogram/v3", {"prompt": f"refused by {fault}"})
        with pytest.raises(error):
            await client.run("fal-ai/ideogram/v3", {"prompt": f"refused by {fault} (sync host)"})

    with emulator.serve() as url:
        asyncio.run(with_client(url, None, work))
    assert emulator.stats.snapshot()["requests"] == {"fal.submit": 1, "fal.run": 1}
    assert emulator.stats.total_jobs == 0  # refused, not lost: the emulator faults before any job exists


async def test_create_faults_apply_to_job_creating_requests_only() -> None:
    """``create_faults`` replaces ``faults`` for submit/run/create; every other API request keeps ``faults``."""
    emulator = Emulator(job_duration=0, faults=FaultRates(error_500=1.0), create_faults=FaultRates())
    transport = httpx.ASGITransport(app=emulator.app)
    async with httpx.AsyncClient(transport=transport, base_url="http://emulator.test") as http:
        key = {"Authorization": f"Key {KEY}"}
        submitted = await http.post("/fal-ai/ideogram/v3", json={"prompt": "x"}, headers=key)
        assert submitted.status_code == 200
        status = await http.get(submitted.json()["status_url"], headers=key)
        assert status.status_code == 500 and "x-fal-request-id" in status.headers
        created = await http.post(
            "/v1/ai/ideogram-image-edit", json={"prompt": "x"}, headers={"x-magnific-api-key": KEY}
        )
        assert created.status_code == 400  # reached the handler (invalid input), not faulted
    assert emulator.stats.snapshot()["faults"] == {"error_500": 1}
