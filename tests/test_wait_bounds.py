"""A wait's deadline bounds everything it waits on; a server body nested too deep is a typed error.

``subscribe(timeout=)``, ``wait(timeout=)`` and Magnific's ``run(timeout=)`` end with
:class:`WaitTimeoutError` by the deadline, whatever the server does: a poll that never answers, a
``Retry-After`` longer than the wait, a backoff that would sleep past it. Every JSON body a server
sends (answers, error bodies, SSE data) goes through one decoder, so 100,000 nested brackets give
the caller's usual typed error, never a ``RecursionError``. Sync and async twins alike.
"""

from __future__ import annotations

import asyncio
import json
import threading
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import httpx
import pytest
import respx

from ideogram_clients import (
    APIResponseValidationError,
    APIStatusError,
    UnprocessableEntityError,
    WaitTimeoutError,
)

pytest.register_assert_rewrite("tests.clients_support")
from tests.clients_support import (  # noqa: E402 (after the rewrite hook)
    DONE,
    MAG_ARGS,
    MAG_ID,
    MAG_PATH,
    MAGNIFIC,
    QUEUE,
    RUNNING,
    V2,
    V2_ARGS,
    V2_OUTPUT,
    FakeTime,
    call,
    envelope,
    fal_job,
    make_fal,
    make_magnific,
    task,
)

pytest_plugins = ("tests.clients_support",)

DEEP = b"[" * 100_000
#: A hang guard for the loopback tests, far above what any of them takes (not a speed check).
HANG_GUARD = 20.0


# --------------------------------------------------------------------------- deadline, fake time


async def test_fal_wait_refuses_a_retry_after_past_its_deadline(
    router: respx.MockRouter, fal: Any, clock: FakeTime
) -> None:
    job = fal_job(router, stream=httpx.Response(500, json={"detail": "x"}))
    job.status.mock(return_value=httpx.Response(503, headers={"Retry-After": "30"}, json={"detail": "busy"}))
    start = clock.now
    with pytest.raises(WaitTimeoutError) as caught:
        await call(fal.subscribe(V2, V2_ARGS, timeout=5))
    assert caught.value.request_id == "req-1"
    assert clock.now <= start + 5
    assert 30 not in clock.delays
    assert job.result.call_count == 0


async def test_fal_polling_never_sleeps_past_the_deadline(router: respx.MockRouter, fal: Any, clock: FakeTime) -> None:
    job = fal_job(router, stream=httpx.Response(500, json={"detail": "x"}), status=RUNNING)
    start = clock.now
    with pytest.raises(WaitTimeoutError):
        await call(fal.subscribe(V2, V2_ARGS, timeout=3))
    assert clock.now == start + 3  # the last pause was cut to what was left
    assert job.status.call_count == len(clock.delays)


async def test_magnific_run_refuses_a_retry_after_past_its_deadline(
    router: respx.MockRouter, magnific: Any, clock: FakeTime
) -> None:
    router.post(f"{MAGNIFIC}{MAG_PATH}").mock(return_value=envelope(task("CREATED")))
    get = router.get(url__regex=rf"{MAGNIFIC}{MAG_PATH}/.+").mock(
        return_value=httpx.Response(503, headers={"Retry-After": "30"}, json={"message": "busy"})
    )
    start = clock.now
    with pytest.raises(WaitTimeoutError):
        await call(magnific.run(MAG_ID, MAG_ARGS, timeout=5))
    assert clock.now <= start + 5
    assert 30 not in clock.delays
    assert get.call_count >= 1


async def test_without_a_deadline_a_failing_poll_still_raises_its_own_error(router: respx.MockRouter, fal: Any) -> None:
    job = fal_job(router, stream=httpx.Response(500, json={"detail": "x"}))
    job.status.mock(return_value=httpx.Response(503, json={"detail": "busy"}))
    with pytest.raises(APIStatusError) as caught:
        await call(fal.subscribe(V2, V2_ARGS))
    assert caught.value.status_code == 503
    assert job.status.call_count == 3  # the first try and max_retries=2


# --------------------------------------------------------------------- loopback: stalled servers


class _Stalling(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, script: Callable[[BaseHTTPRequestHandler], None]) -> None:
        self.release = threading.Event()
        self.cut = threading.Event()  # set once a stalled connection is closed by the client
        self.script = script
        handler = type("Handler", (_Handler,), {})
        super().__init__(("127.0.0.1", 0), handler)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: _Stalling

    def log_message(self, *args: object) -> None:
        pass

    def reply(self, code: int, body: object) -> None:
        data = json.dumps(body).encode()
        self.send_response(code)
        self.send_header("content-type", "application/json")
        self.send_header("content-length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def stall(self) -> None:
        """Say nothing until the client hangs up (or the test ends)."""
        self.connection.settimeout(HANG_GUARD)
        try:
            if self.connection.recv(1) == b"":
                self.server.cut.set()
        except OSError:
            pass
        self.close_connection = True

    def do_POST(self) -> None:
        self.rfile.read(int(self.headers.get("content-length", 0)))
        self.server.script(self)

    def do_GET(self) -> None:
        self.server.script(self)


@pytest.fixture
def stalling(clean_env: pytest.MonkeyPatch) -> Iterator[Callable[[Callable[[Any], None]], _Stalling]]:
    servers: list[_Stalling] = []

    def start(script: Callable[[Any], None]) -> _Stalling:
        server = _Stalling(script)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return server

    yield start
    for server in servers:
        server.release.set()
        server.shutdown()
        server.server_close()


def _finish(kind: str, action: Callable[[Any], Any], client: Any) -> Any:
    """Run ``action(client)`` (sync, or in an event loop) in a thread; its outcome, or a failure if it hangs."""
    outcome: dict[str, Any] = {}

    async def run_async() -> Any:
        async with client:
            return await action(client)

    def target() -> None:
        try:
            if kind == "sync":
                with client:
                    outcome["value"] = action(client)
            else:
                outcome["value"] = asyncio.run(run_async())
        except Exception as exc:
            outcome["error"] = exc

    thread = threading.Thread(target=target, daemon=True)
    thread.start()
    thread.join(HANG_GUARD)
    assert not thread.is_alive(), "the call hung"
    if "error" in outcome:
        raise outcome["error"]
    return outcome["value"]


def _fal_stalled_poll(handler: Any) -> None:
    if handler.command == "POST":
        handler.reply(200, {"request_id": "r1"})
    elif handler.path.endswith("/status/stream"):
        handler.reply(500, {"detail": "stream down"})  # the handle falls back to polling
    else:
        handler.stall()


def test_fal_subscribe_with_a_stalled_poll_ends_at_the_deadline(stalling: Any, kind: str) -> None:
    server = stalling(_fal_stalled_poll)
    client = make_fal(kind, queue_url=server.url, timeout=30, http_client=None)
    with pytest.raises(WaitTimeoutError) as caught:
        _finish(kind, lambda fal: fal.subscribe("fal-ai/ideogram/v3", {"prompt": "x"}, timeout=0.5), client)
    assert caught.value.request_id == "r1"


def _magnific_stalled_poll(handler: Any) -> None:
    if handler.command == "POST":
        handler.reply(200, {"data": task("CREATED")})
    else:
        handler.stall()


def test_magnific_run_with_a_stalled_poll_ends_at_the_deadline(stalling: Any, kind: str) -> None:
    server = stalling(_magnific_stalled_poll)
    client = make_magnific(kind, base_url=server.url, timeout=30, http_client=None)
    with pytest.raises(WaitTimeoutError):
        _finish(kind, lambda mag: mag.run(MAG_ID, MAG_ARGS, timeout=1.5), client)


def _fal_silent_after_completed(handler: Any) -> None:
    if handler.command == "POST":
        handler.reply(200, {"request_id": "req-1"})
    elif handler.path.endswith("/status/stream"):
        handler.send_response(200)
        handler.send_header("content-type", "text/event-stream")
        handler.send_header("transfer-encoding", "chunked")
        handler.end_headers()
        event = f"data: {json.dumps(DONE)}\n\n".encode()
        handler.wfile.write(b"%x\r\n%s\r\n" % (len(event), event))  # COMPLETED, then silence, no end
        handler.wfile.flush()
        handler.stall()
    else:
        handler.reply(200, V2_OUTPUT)


def test_a_stream_silent_after_completed_is_cut_after_the_drain_bound(
    stalling: Any, kind: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The sync twin used to wait on the silent stream for its whole read timeout (30 s)."""
    monkeypatch.setattr(f"ideogram_clients._{kind}.fal.DRAIN_SECONDS", 0.2)
    server = stalling(_fal_silent_after_completed)
    client = make_fal(kind, queue_url=server.url, timeout=60, http_client=None)
    output = _finish(kind, lambda fal: fal.subscribe(V2, V2_ARGS), client)
    assert output.seed == V2_OUTPUT["seed"]
    assert server.cut.wait(HANG_GUARD)  # the client hung up on the silent stream


# ------------------------------------------------------------------------------------- deep JSON


def _deep(status: int = 200) -> httpx.Response:
    return httpx.Response(status, headers={"content-type": "application/json"}, content=DEEP)


async def test_a_deep_submit_answer_is_a_typed_error(router: respx.MockRouter, fal: Any) -> None:
    router.post(f"{QUEUE}/{V2}").mock(return_value=_deep())
    with pytest.raises(APIResponseValidationError, match="expected a JSON body"):
        await call(fal.submit(V2, V2_ARGS))


async def test_a_deep_result_is_a_typed_error(router: respx.MockRouter, fal: Any) -> None:
    fal_job(router, result=_deep())
    with pytest.raises(APIResponseValidationError, match="expected a JSON body"):
        await call(fal.subscribe(V2, V2_ARGS))


async def test_a_deep_error_body_is_kept_as_text(router: respx.MockRouter, fal: Any) -> None:
    router.post(f"{QUEUE}/{V2}").mock(return_value=_deep(422))
    with pytest.raises(UnprocessableEntityError) as caught:
        await call(fal.submit(V2, V2_ARGS))
    assert isinstance(caught.value.body, str) and caught.value.body.startswith("[[[")


async def test_a_deep_cancel_answer_is_a_typed_error(router: respx.MockRouter, fal: Any) -> None:
    job = fal_job(router)
    job.cancel.mock(return_value=_deep(400))
    handle = await call(fal.submit(V2, V2_ARGS))
    with pytest.raises(APIStatusError) as caught:
        await call(handle.cancel())
    assert caught.value.status_code == 400


async def test_deep_sse_data_falls_back_to_polling(router: respx.MockRouter, fal: Any) -> None:
    stream = httpx.Response(200, headers={"content-type": "text/event-stream"}, content=b"data: " + DEEP + b"\n\n")
    job = fal_job(router, stream=stream, status=DONE)
    output = await call(fal.subscribe(V2, V2_ARGS))
    assert output.seed == V2_OUTPUT["seed"]
    assert job.status.call_count == 1


async def test_a_deep_magnific_answer_is_a_typed_error(router: respx.MockRouter, magnific: Any) -> None:
    router.post(f"{MAGNIFIC}{MAG_PATH}").mock(return_value=_deep())
    with pytest.raises(APIResponseValidationError, match="expected a JSON body"):
        await call(magnific.create(MAG_ID, MAG_ARGS))


def test_the_json_decoder_turns_too_deep_into_a_value_error() -> None:
    from ideogram_clients import _json

    assert _json.loads(b"[[1]]") == [[1]]
    with pytest.raises(ValueError, match="nested too deeply"):
        _json.loads(DEEP)
