"""Hostile answers end in typed errors within the configured bounds: no hang, no unbounded memory, no key.

Malformed JSON, wrong types, missing fields and unknown status values become
``APIResponseValidationError``; an endless keep-alive stream cannot outlast ``subscribe(timeout=)``;
a stream or body that never ends is cut at its byte cap; a server that never answers times out.
Each error message is checked for the API key.
"""

from __future__ import annotations

import json
import logging
import socket
import threading
from collections.abc import AsyncIterator, Iterator
from typing import Any

import httpx
import pytest
import respx

from ideogram_clients import (
    APIResponseValidationError,
    APITimeoutError,
    AsyncFalClient,
    FalClient,
    IdeogramClientsError,
    MagnificClient,
    WaitTimeoutError,
)
from tests.clients_support import (
    DONE,
    FAL_KEY,
    MAG_ARGS,
    MAG_ID,
    MAG_KEY,
    MAGNIFIC,
    QUEUE,
    REQUESTS,
    RUNNING,
    V2,
    V2_ARGS,
    V2_OUTPUT,
    FakeTime,
    call,
    fal_job,
    submitted,
    task,
)

pytest_plugins = ("tests.clients_support",)


class EndlessStream(httpx.SyncByteStream, httpx.AsyncByteStream):
    """A body that never ends: ``chunk`` forever, each one moving the fake clock ``tick`` seconds."""

    def __init__(self, chunk: bytes, clock: FakeTime | None = None, tick: float = 0.0, first: bytes = b"") -> None:
        self.first = first
        self.chunk = chunk
        self.clock = clock
        self.tick = tick
        self.sent = 0

    def _next(self) -> bytes:
        if self.clock is not None:
            self.clock.now += self.tick
        self.sent += len(self.chunk)
        return self.chunk

    def __iter__(self) -> Iterator[bytes]:
        if self.first:
            yield self.first
        while True:
            yield self._next()

    async def __aiter__(self) -> AsyncIterator[bytes]:
        if self.first:
            yield self.first
        while True:
            yield self._next()


def no_key(error: BaseException) -> None:
    text = f"{error} {error!r}"
    assert FAL_KEY not in text and MAG_KEY not in text


def streaming(body: EndlessStream, content_type: str = "text/event-stream") -> httpx.Response:
    return httpx.Response(200, headers={"content-type": content_type}, stream=body)


async def test_endless_keepalive_stream_cannot_outlast_the_wait(
    router: respx.MockRouter, fal: Any, clock: FakeTime
) -> None:
    pings = EndlessStream(b": ping\n\n", clock, tick=1.0)
    fal_job(router, stream=streaming(pings), status=RUNNING)
    with pytest.raises(WaitTimeoutError) as caught:
        await call(fal.subscribe(V2, V2_ARGS, timeout=30))
    assert caught.value.request_id == "req-1"
    assert 30 <= pings.sent / len(b": ping\n\n") <= 32  # stopped at the deadline, not later
    no_key(caught.value)


@pytest.mark.parametrize(
    ("chunk", "tick", "most"),
    [
        pytest.param(b": ping\n\n" * 512, 0.0, (64 << 10) + 4096, id="bytes-bound"),
        pytest.param(b": ping\n\n", 0.25, 8 * 5, id="time-bound"),
    ],
)
async def test_a_stream_that_goes_on_after_completed_is_cut_off(
    router: respx.MockRouter, fal: Any, clock: FakeTime, chunk: bytes, tick: float, most: int
) -> None:
    """After COMPLETED the rest of the stream is read (to reuse its connection), but only 64 KiB or 1 s of it."""
    done = f"data: {json.dumps(DONE)}\n\n".encode()
    after = EndlessStream(chunk, clock, tick=tick, first=done)
    job = fal_job(router, stream=streaming(after), status=RUNNING)
    output = await call(fal.subscribe(V2, V2_ARGS))
    assert output.seed == V2_OUTPUT["seed"]
    assert 0 < after.sent <= most
    assert job.status.call_count == 0 and job.result.call_count == 1


async def test_stream_without_newlines_is_cut_at_its_cap_then_polling_finishes(
    router: respx.MockRouter, fal: Any
) -> None:
    garbage = EndlessStream(b"x" * (1 << 20))
    job = fal_job(router, stream=streaming(garbage), status=DONE)
    output = await call(fal.subscribe(V2, V2_ARGS))
    assert output.seed == V2_OUTPUT["seed"]
    assert garbage.sent <= (16 << 20) + (1 << 20)  # the 16 MB stream cap, one chunk of slack
    assert job.status.call_count == 1


async def test_endless_result_body_is_refused_at_the_response_cap(router: respx.MockRouter, kind: str) -> None:
    client = (FalClient if kind == "sync" else AsyncFalClient)(FAL_KEY)
    client._http.max_response_bytes = 8 << 20
    body = EndlessStream(b"{" * (1 << 20))
    router.get(f"{REQUESTS}/req-1").mock(return_value=httpx.Response(200, stream=body))
    handle = client.get_handle(V2, "req-1")
    with pytest.raises(APIResponseValidationError) as caught:
        await call(handle.result())
    assert "larger than" in str(caught.value) or "passed" in str(caught.value)
    assert body.sent <= (9 << 20)
    no_key(caught.value)
    await call(client.close())


@pytest.mark.parametrize(
    ("answer", "words"),
    [
        (httpx.Response(200, content=b"<html>oops</html>"), "expected a JSON body"),
        (httpx.Response(200, json={"images": "not a list", "seed": 1}), "images"),
        (httpx.Response(200, json={"images": [{"url": 5}], "seed": 1}), "images.0.url"),
        (httpx.Response(200, json={"seed": 1}), "images"),
        (httpx.Response(200, json=["a", "list"]), "documented output"),
        (httpx.Response(200, content=b"\xff\xfe\x00garbage"), "expected a JSON body"),
    ],
    ids=["html", "wrong-type", "nested-wrong-type", "missing-field", "not-an-object", "binary"],
)
async def test_malformed_results_are_typed_errors(
    router: respx.MockRouter, fal: Any, answer: httpx.Response, words: str
) -> None:
    fal_job(router, result=answer)
    with pytest.raises(APIResponseValidationError) as caught:
        await call(fal.subscribe(V2, V2_ARGS))
    assert words in str(caught.value)
    no_key(caught.value)


@pytest.mark.parametrize(
    "status",
    [{"status": "EXPLODED"}, {"status": None}, {"queue_position": 3}, {"status": "IN_QUEUE", "queue_position": "3rd"}],
    ids=["unknown-value", "null", "missing", "wrong-type"],
)
async def test_undocumented_status_answers_are_typed_errors(
    router: respx.MockRouter, fal: Any, status: dict[str, Any]
) -> None:
    router.get(f"{REQUESTS}/req-1/status").respond(200, json=status)
    with pytest.raises(APIResponseValidationError):
        await call(fal.get_handle(V2, "req-1").status())


async def test_garbage_events_on_the_stream_fall_back_to_polling(router: respx.MockRouter, fal: Any) -> None:
    garbage = httpx.Response(200, headers={"content-type": "text/event-stream"}, content=b"data: {not json\n\n")
    job = fal_job(router, stream=garbage, status=DONE)
    assert (await call(fal.subscribe(V2, V2_ARGS))).seed == V2_OUTPUT["seed"]
    assert job.status.call_count == 1


@pytest.mark.parametrize(
    "body",
    [{"request_id": 7}, {"request_id": ""}, {}, "just text"],
    ids=["int-id", "empty-id", "no-id", "not-json-object"],
)
async def test_submit_answers_without_a_request_id_are_typed_errors(
    router: respx.MockRouter, fal: Any, body: object
) -> None:
    router.post(f"{QUEUE}/{V2}").respond(200, json=body)
    with pytest.raises(APIResponseValidationError):
        await call(fal.submit(V2, V2_ARGS))


async def test_hostile_request_ids_stay_inside_the_app_path(router: respx.MockRouter, fal: Any) -> None:
    router.post(f"{QUEUE}/{V2}").mock(return_value=submitted("../../../admin?x=1#y"))
    status = router.get(url__regex=r".*/status$").respond(200, json=DONE)
    handle = await call(fal.submit(V2, V2_ARGS))
    await call(handle.status())
    assert str(status.calls[0].request.url).startswith(f"{REQUESTS}/..%2F..%2F..%2Fadmin%3Fx%3D1%23y/status")


@pytest.mark.parametrize(
    "body",
    [
        {"data": None},
        {"data": "task"},
        {"task_id": "x"},
        {"data": {"task_id": "x", "status": "DANCING", "generated": []}},
    ],
    ids=["null-data", "string-data", "no-envelope", "unknown-status"],
)
async def test_malformed_magnific_answers_are_typed_errors(
    router: respx.MockRouter, magnific: Any, body: object
) -> None:
    router.post(f"{MAGNIFIC}/v1/ai/ideogram-image-edit").respond(200, json=body)
    with pytest.raises(APIResponseValidationError) as caught:
        await call(magnific.create(MAG_ID, MAG_ARGS))
    no_key(caught.value)


@pytest.fixture
def silent_server() -> Iterator[str]:
    """A loopback server that accepts connections and never answers."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen()
    accepted: list[socket.socket] = []
    stop = threading.Event()

    def accept() -> None:
        server.settimeout(0.1)
        while not stop.is_set():
            try:
                accepted.append(server.accept()[0])
            except OSError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.getsockname()[1]}"
    stop.set()
    thread.join()
    for connection in accepted:
        connection.close()
    server.close()


@pytest.mark.parametrize("provider", ["fal", "magnific"])
def test_a_server_that_never_answers_times_out(silent_server: str, provider: str) -> None:
    if provider == "fal":
        client: Any = FalClient(FAL_KEY, queue_url=silent_server, run_url=silent_server, timeout=0.3, max_retries=1)
        action = lambda: client.get_handle(V2, "req-1").status()  # noqa: E731
    else:
        client = MagnificClient(MAG_KEY, base_url=silent_server, timeout=0.3, max_retries=1)
        action = lambda: client.ideogram_image_edit.get("task-1")  # noqa: E731
    slept: list[float] = []
    client._http.sleep = slept.append
    with client, pytest.raises(APITimeoutError) as caught:
        action()
    assert len(slept) == 1  # one retry of an idempotent read, then the typed error
    assert isinstance(caught.value, IdeogramClientsError)
    no_key(caught.value)


async def test_debug_logs_never_carry_the_key(
    router: respx.MockRouter, fal: Any, magnific: Any, caplog: pytest.LogCaptureFixture
) -> None:
    """Every logger (ours, httpx, httpcore) at DEBUG through a whole job, a 401 and a Magnific task."""
    caplog.set_level(logging.DEBUG)
    fal_job(router)
    await call(fal.subscribe(V2, V2_ARGS, logs=True))
    router.get(f"{REQUESTS}/req-2/status").respond(401, json={"detail": f"bad key {FAL_KEY}"})
    with pytest.raises(IdeogramClientsError) as caught:
        await call(fal.get_handle(V2, "req-2").status())
    no_key(caught.value)
    router.post(f"{MAGNIFIC}/v1/ai/ideogram-image-edit").respond(200, json={"data": task("COMPLETED")})
    await call(magnific.create(MAG_ID, MAG_ARGS))
    assert any(record.name == "ideogram_clients" for record in caplog.records)
    text = "\n".join(f"{record.getMessage()} {record.args!r}" for record in caplog.records)
    assert FAL_KEY not in text and MAG_KEY not in text
