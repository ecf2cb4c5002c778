"""Shared helpers of the client tests: sync/async twins, a fake clock, respx fixtures and fal/Magnific fakes.

Every client test runs twice, ``[sync]`` and ``[async]``: the ``kind`` fixture picks the twin, and
``call`` / ``collect`` let one test body drive either (a sync call returns its value, an async one
an awaitable). ``FakeTime`` replaces the transport's ``sleep`` and ``clock`` so retries, polling
backoff and deadlines are recorded and simulated, never waited for.

The fixtures are a pytest plugin: test modules load them with ``pytest_plugins``.
"""

from __future__ import annotations

import inspect
import io
import json
import ssl
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any

import httpx
import pytest
import respx
from PIL import Image

from ideogram_clients import AsyncFalClient, AsyncMagnificClient, FalClient, InvalidInputError, MagnificClient
from ideogram_clients._http import AsyncHTTP

FAL_KEY = "fal-secret-key-0123456789abcdef"
MAG_KEY = "magnific-secret-key-fedcba9876543210"
QUEUE = "https://queue.fal.run"
RUN = "https://fal.run"
V2 = "fal-ai/ideogram/v2/edit"
V3 = "fal-ai/ideogram/v3"
REQUESTS = f"{QUEUE}/fal-ai/ideogram/requests"
MAGNIFIC = "https://api.magnific.com"
FREEPIK = "https://api.freepik.com"
MAG_ID = "magnific/ideogram-image-edit"
MAG_PATH = "/v1/ai/ideogram-image-edit"
TASK_ID = "046b6c7f-0b8a-43b9-b35d-6489e6daee91"
IMAGE = "https://example.com/in.png"
MASK = "https://example.com/mask.png"
OUT_URL = "https://v3.fal.media/files/out.png"

V2_ARGS: dict[str, Any] = {"prompt": "a red door", "image_url": IMAGE, "mask_url": MASK}
V2_OUTPUT: dict[str, Any] = {"images": [{"url": OUT_URL, "content_type": "image/png"}], "seed": 42}
MAG_ARGS: dict[str, Any] = {"prompt": "a red door", "image": IMAGE, "mask": MASK}

QUEUED: dict[str, Any] = {"status": "IN_QUEUE", "queue_position": 2, "response_url": f"{REQUESTS}/req-1"}
NEXT: dict[str, Any] = {"status": "IN_QUEUE", "queue_position": 0, "response_url": f"{REQUESTS}/req-1"}
RUNNING: dict[str, Any] = {
    "status": "IN_PROGRESS",
    "logs": [{"message": "step 1/30", "level": "INFO", "source": "user", "timestamp": "2025-01-01T00:00:00"}],
}
DONE: dict[str, Any] = {"status": "COMPLETED", "logs": None, "metrics": {"inference_time": 2.5}}
FAILED: dict[str, Any] = {
    "status": "COMPLETED",
    "logs": None,
    "metrics": {},
    "error": "CUDA out of memory",
    "error_type": "runner_error",
}

# Environment variables that would change a client's key or hosts; every test starts without them.
CLIENT_ENV = (
    "FAL_KEY",
    "FAL_KEY_ID",
    "FAL_KEY_SECRET",
    "MAGNIFIC_API_KEY",
    "FREEPIK_API_KEY",
    "FAL_RUN_HOST",
    "FAL_QUEUE_RUN_HOST",
    "IDEOGRAM_CLIENTS_BASE_URL",
)
CLIENT_ENV += ("FAL_QUEUE_RUN_HOST",)

Client = FalClient | AsyncFalClient | MagnificClient | AsyncMagnificClient


# ------------------------------------------------------------------------------------ sync/async


async def call(value: Any) -> Any:
    """The value of a sync call, or the awaited result of an async one."""
    return await value if inspect.isawaitable(value) else value


async def collect(items: Any) -> list[Any]:
    """Every item of a sync or async iterator."""
    if hasattr(items, "__aiter__"):
        return [item async for item in items]
    return list(items)


class FakeTime:
    """A clock that only moves when the client sleeps (or a test says so); every sleep is recorded."""

    def __init__(self) -> None:
        self.now = 1000.0
        self.delays: list[float] = []

    def clock(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.delays.append(seconds)
        self.now += seconds

    async def asleep(self, seconds: float) -> None:
        self.sleep(seconds)

    def install(self, client: Client) -> None:
        http: Any = client._http
        http.clock = self.clock
        http.sleep = self.asleep if isinstance(http, AsyncHTTP) else self.sleep


#: One TLS context for every test client: building httpx's default one costs ~30 ms a client.
_TLS = ssl.create_default_context()


def _http_client(kind: str, kwargs: dict[str, Any]) -> dict[str, Any]:
    """``kwargs`` with a cheap injected httpx client unless the test passes its own (or ``http_client=None``)."""
    if "http_client" not in kwargs:
        kwargs["http_client"] = (httpx.Client if kind == "sync" else httpx.AsyncClient)(verify=_TLS)
    return kwargs


def make_fal(kind: str, api_key: str | None = FAL_KEY, **kwargs: Any) -> FalClient | AsyncFalClient:
    return (FalClient if kind == "sync" else AsyncFalClient)(api_key, **_http_client(kind, kwargs))


def make_magnific(kind: str, api_key: str | None = MAG_KEY, **kwargs: Any) -> MagnificClient | AsyncMagnificClient:
    return (MagnificClient if kind == "sync" else AsyncMagnificClient)(api_key, **_http_client(kind, kwargs))


async def close(client: Client) -> None:
    """Close the client and the httpx client under it (an injected one stays open otherwise)."""
    await call(client.close())
    http: Any = client._http.client
    await call(http.close() if isinstance(http, httpx.Client) else http.aclose())


# --------------------------------------------------------------------------------------- fixtures


@pytest.fixture
def clean_env(monkeypatch: pytest.MonkeyPatch) -> pytest.MonkeyPatch:
    """No key or host variables from the caller's environment (tests set what they need)."""
    for name in CLIENT_ENV:
        monkeypatch.delenv(name, raising=False)
    return monkeypatch


@pytest.fixture
def router(clean_env: pytest.MonkeyPatch) -> Iterator[respx.MockRouter]:
    """respx over every httpx transport, in a clean environment: an unmocked request fails the test."""
    with respx.mock(assert_all_called=False, assert_all_mocked=True) as mock:
        yield mock


@pytest.fixture(params=["sync", "async"])
def kind(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def clock() -> FakeTime:
    return FakeTime()


@asynccontextmanager
async def on_fake_time(client: Client, clock: FakeTime) -> AsyncIterator[Any]:
    """``client`` sleeping and telling time with ``clock``, closed afterwards."""
    clock.install(client)
    try:
        yield client
    finally:
        await close(client)


@pytest.fixture
async def fal(kind: str, clock: FakeTime) -> AsyncIterator[Any]:
    async with on_fake_time(make_fal(kind), clock) as client:
        yield client


@pytest.fixture
async def magnific(kind: str, clock: FakeTime) -> AsyncIterator[Any]:
    async with on_fake_time(make_magnific(kind), clock) as client:
        yield client


# ------------------------------------------------------------------------------------------ fakes


def png(width: int = 8, height: int = 8, fmt: str = "PNG") -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), (200, 30, 30)).save(buffer, fmt)
    return buffer.getvalue()


def sse(*statuses: dict[str, Any]) -> httpx.Response:
    """An SSE status stream: a keep-alive comment, then one ``data:`` event per status."""
    text = ": ping\n\n" + "".join(f"data: {json.dumps(status)}\n\n" for status in statuses)
    return httpx.Response(200, headers={"content-type": "text/event-stream"}, content=text.encode())


def submitted(request_id: str = "req-1") -> httpx.Response:
    base = f"{REQUESTS}/{request_id}"
    return httpx.Response(
        200,
        json={
            "request_id": request_id,
            "response_url": base,
            "status_url": f"{base}/status",
            "cancel_url": f"{base}/cancel",
        },
    )


class BrokenStream(httpx.SyncByteStream, httpx.AsyncByteStream):
    """A response body that sends its first bytes, then loses the connection."""

    def __init__(self, first: bytes) -> None:
        self.first = first

    def __iter__(self) -> Iterator[bytes]:
        yield self.first
        raise httpx.ReadError("connection reset by peer")

    async def __aiter__(self) -> AsyncIterator[bytes]:
        yield self.first
        raise httpx.ReadError("connection reset by peer")


@dataclass
class FalJob:
    """respx routes of one fal request: submit, status stream, status, result, cancel."""

    submit: respx.Route
    stream: respx.Route
    status: respx.Route
    result: respx.Route
    cancel: respx.Route


def fal_job(
    router: respx.MockRouter,
    *,
    stream: httpx.Response | list[Any] | Exception | None = None,
    status: dict[str, Any] | list[Any] | None = None,
    result: dict[str, Any] | httpx.Response = V2_OUTPUT,
    request_id: str = "req-1",
    endpoint: str = V2,
) -> FalJob:
    """Routes for a job: by default the stream sends QUEUED, RUNNING, DONE and the result is V2_OUTPUT."""
    base = f"{REQUESTS}/{request_id}"
    stream_route = router.get(f"{base}/status/stream")
    if isinstance(stream, list | Exception):
        stream_route.mock(side_effect=stream)
    else:
        stream_route.mock(return_value=stream if stream is not None else sse(QUEUED, RUNNING, DONE))
    status_route = router.get(f"{base}/status")
    if isinstance(status, list):
        status_route.mock(side_effect=[httpx.Response(200, json=item) for item in status])
    else:
        status_route.mock(return_value=httpx.Response(200, json=status if status is not None else DONE))
    result_response = result if isinstance(result, httpx.Response) else httpx.Response(200, json=result)
    return FalJob(
        submit=router.post(f"{QUEUE}/{endpoint}").mock(return_value=submitted(request_id)),
        stream=stream_route,
        status=status_route,
        result=router.get(base).mock(return_value=result_response),
        cancel=router.put(f"{base}/cancel"),
    )


def task(status: str = "CREATED", generated: list[str] | None = None, task_id: str = TASK_ID) -> dict[str, Any]:
    return {"task_id": task_id, "status": status, "generated": generated or []}


def envelope(data: dict[str, Any] | list[dict[str, Any]]) -> httpx.Response:
    """Magnific's answer: ``{"data": task}`` (create, get) or ``{"data": [task, ...]}`` (list)."""
    return httpx.Response(200, json={"data": data})


def sent_json(route: respx.Route, index: int = -1) -> Any:
    """The JSON body of a recorded call."""
    return json.loads(route.calls[index].request.content)


def patched(base: dict[str, Any], patch: dict[str, Any]) -> dict[str, Any]:
    """``base`` updated by ``patch``, where a value of ``...`` removes the key."""
    merged = {**base, **patch}
    return {key: value for key, value in merged.items() if value is not ...}


async def assert_refused(router: respx.MockRouter, entries: dict[str, Any], field: str) -> None:
    """Each ``entries`` value, called, raises an :class:`InvalidInputError` (a ValueError) naming ``field``,
    and nothing at all was sent."""
    anything = router.route().respond(200, json={})
    for name, invoke in entries.items():
        with pytest.raises(InvalidInputError) as caught:
            await call(invoke())
        error = caught.value
        assert isinstance(error, ValueError)
        assert field in [detail.field for detail in error.errors], (name, error.errors)
        assert field in str(error), name
    assert not anything.called
    assert len(router.calls) == 0
