"""The transport under both providers' clients (sync and async twins): keys, hosts, retries, timeouts,
error types, secrecy of the key, client lifetime, and the memory an upload of a 10 MB file costs.
"""

from __future__ import annotations

import base64
import email.utils
import hashlib
import json
import time
import tracemalloc
from pathlib import Path
from typing import Any

import httpx
import pytest
import respx

from ideogram_clients import (
    APIConnectionError,
    APIResponseValidationError,
    APIStatusError,
    APITimeoutError,
    AsyncFalClient,
    AsyncMagnificClient,
    AuthenticationError,
    BadRequestError,
    FalClient,
    IdeogramClientsError,
    InternalServerError,
    InvalidInputError,
    MagnificClient,
    MissingAPIKeyError,
    RateLimitError,
    UnprocessableEntityError,
)

pytest.register_assert_rewrite("tests.clients_support")
from tests.clients_support import (  # noqa: E402 (after the rewrite hook)
    DONE,
    FAL_KEY,
    MAG_ARGS,
    MAG_ID,
    MAG_KEY,
    MAG_PATH,
    MAGNIFIC,
    MASK,
    OUT_URL,
    QUEUE,
    REQUESTS,
    RUN,
    V2,
    V2_ARGS,
    V2_OUTPUT,
    BrokenStream,
    FakeTime,
    call,
    close,
    envelope,
    fal_job,
    make_fal,
    make_magnific,
    png,
    submitted,
    task,
)

pytest_plugins = ("tests.clients_support",)

STATUS = f"{REQUESTS}/req-1/status"
SUBMIT = f"{QUEUE}/{V2}"
TASKS = f"{MAGNIFIC}{MAG_PATH}"


# ------------------------------------------------------------------------------------------- keys


async def test_fal_key_comes_from_the_environment(
    kind: str, router: respx.MockRouter, clean_env: pytest.MonkeyPatch
) -> None:
    route = router.get(STATUS).respond(200, json=DONE)
    clean_env.setenv("FAL_KEY_ID", "key-id")
    clean_env.setenv("FAL_KEY_SECRET", "key-secret")
    clients = [make_fal(kind, api_key=None)]
    await call(clients[-1].get_handle(V2, "req-1").status())
    assert route.calls.last.request.headers["authorization"] == "Key key-id:key-secret"

    clean_env.setenv("FAL_KEY", "env-fal-key")
    clients.append(make_fal(kind, api_key=None))
    await call(clients[-1].get_handle(V2, "req-1").status())
    assert route.calls.last.request.headers["authorization"] == "Key env-fal-key"

    clients.append(make_fal(kind, api_key="explicit-key"))
    await call(clients[-1].get_handle(V2, "req-1").status())
    assert route.calls.last.request.headers["authorization"] == "Key explicit-key"
    for client in clients:
        await close(client)


async def test_magnific_key_comes_from_the_environment(
    kind: str, router: respx.MockRouter, clean_env: pytest.MonkeyPatch
) -> None:
    route = router.get(TASKS).mock(return_value=envelope([]))
    clean_env.setenv("MAGNIFIC_API_KEY", "env-magnific-key")
    clean_env.setenv("FREEPIK_API_KEY", "not-for-magnific")
    from_env, explicit = make_magnific(kind, api_key=None), make_magnific(kind, api_key="explicit-key")
    await call(from_env.list(MAG_ID))
    assert route.calls.last.request.headers["x-magnific-api-key"] == "env-magnific-key"
    await call(explicit.list(MAG_ID))
    assert route.calls.last.request.headers["x-magnific-api-key"] == "explicit-key"
    for client in (from_env, explicit):
        await close(client)


async def test_a_missing_key_fails_at_the_first_request_and_sends_nothing(
    kind: str, router: respx.MockRouter, clean_env: pytest.MonkeyPatch
) -> None:
    anything = router.route().respond(200, json={})
    clean_env.setenv("FAL_KEY_ID", "only-the-id")  # half a pair is no key
    fal, magnific = make_fal(kind, api_key=None), make_magnific(kind, api_key=None)
    handle = fal.get_handle(V2, "req-1")
    attempts = {
        "submit": lambda: fal.submit(V2, V2_ARGS),
        "subscribe": lambda: fal.subscribe(V2, V2_ARGS),
        "run": lambda: fal.run(V2, V2_ARGS),
        "status": handle.status,
        "result": handle.result,
        "cancel": handle.cancel,
        "wait": handle.wait,
        "create": lambda: magnific.create(MAG_ID, MAG_ARGS),
        "list": lambda: magnific.list(MAG_ID),
    }
    for name, attempt in attempts.items():
        with pytest.raises(MissingAPIKeyError) as caught:
            await call(attempt())
        expected = "MAGNIFIC_API_KEY" if name in ("create", "list") else "FAL_KEY"
        assert expected in str(caught.value), name
    with pytest.raises(InvalidInputError):  # input is still checked first, without any key
        await call(fal.submit(V2, {"prompt": 1}))
    assert not anything.called
    for client in (fal, magnific):
        await close(client)


def _key_parts(*keys: str) -> list[str]:
    return [part for key in keys for part in (key, *key.split(":")) if len(part) >= 6]


async def test_the_key_never_shows_in_reprs_or_errors(kind: str, router: respx.MockRouter, clock: FakeTime) -> None:
    fal_key, mag_key = "fal-id-123456:fal-secret-abcdef", MAG_KEY
    fal, magnific = make_fal(kind, api_key=fal_key), make_magnific(kind)
    clock.install(fal)
    clock.install(magnific)
    handle = fal.get_handle(V2, "req-1")
    shown = [repr(fal), str(fal), repr(magnific), repr(handle), repr(fal.v2_edit), repr(magnific.ideogram_image_edit)]

    # servers that echo the credentials they were sent
    echo, mag_echo = f"invalid credentials: Key {fal_key}", f"invalid key {mag_key}"
    router.get(STATUS).respond(401, json={"detail": echo})
    router.get(f"{REQUESTS}/req-1").respond(200, text=f"<html>{echo}</html>")
    router.put(f"{REQUESTS}/req-1/cancel").respond(200, json={"status": echo})
    router.post(f"{RUN}/{V2}").mock(side_effect=httpx.ConnectError(echo))
    router.post(SUBMIT).mock(side_effect=httpx.ReadTimeout(echo))
    router.post(TASKS).respond(
        400, json={"message": mag_echo, "invalid_params": [{"name": "image", "reason": mag_echo}]}
    )
    router.get(TASKS).respond(500, text=mag_echo)
    attempts = [
        handle.status,
        handle.result,
        handle.cancel,
        lambda: fal.submit(V2, V2_ARGS),
        lambda: fal.run(V2, V2_ARGS),
        lambda: magnific.create(MAG_ID, MAG_ARGS),
        lambda: magnific.list(MAG_ID),
    ]
    for attempt in attempts:
        with pytest.raises(IdeogramClientsError) as caught:
            await call(attempt())
        shown += [str(caught.value), repr(caught.value)]
    for text in shown:
        for part in _key_parts(fal_key, mag_key):
            assert part not in text, text
    for client in (fal, magnific):
        await close(client)


async def test_the_key_is_only_sent_to_the_api_hosts(kind: str, fal: Any, router: respx.MockRouter) -> None:
    fal_job(router)
    elsewhere = router.get("https://evil.example.com/x").respond(200, json={})
    cdn = router.get(OUT_URL).respond(200, content=b"png bytes")

    await call(fal._http.request("GET", "https://evil.example.com/x"))
    assert "authorization" not in elsewhere.calls.last.request.headers

    output = await call(fal.subscribe(V2, V2_ARGS))
    image = output.images[0]
    injected = fal._http.client  # the SDK's own httpx client: still no key for the CDN
    data = await call(image.read(http_client=injected) if kind == "sync" else image.aread(http_client=injected))
    assert data == b"png bytes"
    assert "authorization" not in cdn.calls.last.request.headers


async def test_redirects_are_not_followed_to_another_host(kind: str, router: respx.MockRouter) -> None:
    router.get(f"{REQUESTS}/req-1").respond(302, headers={"location": "https://evil.example.com/steal"})
    router.get(TASKS).respond(307, headers={"location": "https://evil.example.com/steal"})
    evil = router.get("https://evil.example.com/steal").respond(200, json=V2_OUTPUT)
    # even through an injected client that follows redirects (httpx would keep x-magnific-api-key)
    http = httpx.Client(follow_redirects=True) if kind == "sync" else httpx.AsyncClient(follow_redirects=True)
    fal, magnific = make_fal(kind, http_client=http), make_magnific(kind, http_client=http)
    for attempt in (fal.get_handle(V2, "req-1").result, lambda: magnific.list(MAG_ID)):
        with pytest.raises(APIStatusError) as caught:
            await call(attempt())
        assert caught.value.status_code in (302, 307)
    assert not evil.called
    await close(fal)


# ---------------------------------------------------------------------------------------- retries


async def test_retries_honour_retry_after(fal: Any, router: respx.MockRouter, clock: FakeTime) -> None:
    route = router.get(STATUS).mock(
        side_effect=[
            httpx.Response(503, headers={"retry-after": "3"}),
            httpx.Response(429, headers={"retry-after-ms": "1500"}),
            httpx.Response(200, json=DONE),
        ]
    )
    status = await call(fal.get_handle(V2, "req-1").status())
    assert status.status == "COMPLETED"
    assert route.call_count == 3
    assert clock.delays == [3.0, 1.5]


async def test_retry_after_as_a_date_and_an_unreasonable_one(
    fal: Any, router: respx.MockRouter, clock: FakeTime
) -> None:
    in_30s = email.utils.formatdate(time.time() + 30, usegmt=True)
    fal._http.max_retries = 3
    router.get(STATUS).mock(
        side_effect=[
            httpx.Response(503, headers={"retry-after": in_30s}),
            httpx.Response(503, headers={"retry-after": "86400"}),
            httpx.Response(503, headers={"retry-after": "soon, please"}),
            httpx.Response(200, json=DONE),
        ]
    )
    await call(fal.get_handle(V2, "req-1").status())
    date_delay, capped, garbled = clock.delays
    assert 25 < date_delay <= 30
    assert capped <= 1.0  # a day is not waited for: own backoff instead
    assert 1.5 <= garbled <= 2.0  # unreadable: own backoff for the third attempt


async def test_backoff_grows_exponentially_with_jitter(fal: Any, router: respx.MockRouter, clock: FakeTime) -> None:
    fal._http.max_retries = 4
    router.get(STATUS).mock(side_effect=[httpx.Response(502)] * 4 + [httpx.Response(200, json=DONE)])
    await call(fal.get_handle(V2, "req-1").status())
    assert len(clock.delays) == 4
    for attempt, delay in enumerate(clock.delays):
        base = 0.5 * 2**attempt
        assert 0.75 * base <= delay <= base


@pytest.mark.parametrize(
    ("answer", "error", "status"),
    [
        (httpx.Response(503, json={"detail": "runner_scheduling_failure"}), InternalServerError, 503),
        (httpx.Response(429, json={"detail": "slow down"}), RateLimitError, 429),
        (httpx.Response(504), InternalServerError, 504),
        (httpx.ConnectError("refused"), APIConnectionError, None),
        (httpx.ReadTimeout("slow"), APITimeoutError, None),
    ],
    ids=["503", "429", "504", "connect-error", "read-timeout"],
)
async def test_exhausted_retries_raise_the_right_error(
    fal: Any, router: respx.MockRouter, clock: FakeTime, answer: Any, error: type[Exception], status: int | None
) -> None:
    route = router.get(STATUS).mock(side_effect=answer) if isinstance(answer, Exception) else router.get(STATUS)
    if not isinstance(answer, Exception):
        route.mock(return_value=answer)
    with pytest.raises(error) as caught:
        await call(fal.get_handle(V2, "req-1").status())
    assert route.call_count == 3  # max_retries=2 by default
    assert len(clock.delays) == 2
    assert getattr(caught.value, "status_code", None) == status
    if error is APIConnectionError:
        assert not isinstance(caught.value, APITimeoutError)
    if error is APITimeoutError:
        assert isinstance(caught.value, TimeoutError)
    assert "/fal-ai/ideogram/requests/req-1/status" in str(caught.value)


@pytest.mark.parametrize(
    ("answer", "retried"),
    [
        (httpx.Response(500, json={"detail": "Internal Server Error"}), False),
        (httpx.Response(503, headers={"x-fal-request-id": "req-app"}), False),
        (httpx.Response(504, headers={"x-fal-request-id": "req-app"}), False),
        (httpx.Response(503), True),
        (httpx.Response(502), True),
        (httpx.Response(429), True),
        (httpx.Response(408), True),
        (httpx.ConnectError("refused"), True),
        (httpx.ConnectTimeout("no answer"), True),
        (httpx.ReadTimeout("job may exist"), False),
        (httpx.RemoteProtocolError("closed mid-answer"), False),
        (httpx.Response(422, json={"detail": []}), False),
    ],
    ids=[
        "500",
        "app-503",
        "app-504",
        "edge-503",
        "edge-502",
        "429",
        "408",
        "connect-error",
        "connect-timeout",
        "read-timeout",
        "protocol-error",
        "422",
    ],
)
@pytest.mark.parametrize("host", ["queue", "run"])
async def test_a_creating_request_is_retried_only_when_no_job_can_exist(
    fal: Any, router: respx.MockRouter, clock: FakeTime, answer: Any, retried: bool, host: str
) -> None:
    url = SUBMIT if host == "queue" else f"{RUN}/{V2}"
    success = submitted() if host == "queue" else httpx.Response(200, json=V2_OUTPUT)
    route = router.post(url).mock(side_effect=[answer, success])
    invoke = fal.submit if host == "queue" else fal.run
    if retried:
        await call(invoke(V2, V2_ARGS))
        assert route.call_count == 2
        assert len(clock.delays) == 1
        assert route.calls[0].request.content == route.calls[1].request.content  # the body is rebuilt in full
    else:
        with pytest.raises(IdeogramClientsError):
            await call(invoke(V2, V2_ARGS))
        assert route.call_count == 1
        assert clock.delays == []


async def test_a_body_lost_mid_read_is_retried_for_reads_only(
    fal: Any, router: respx.MockRouter, clock: FakeTime
) -> None:
    def cut() -> httpx.Response:
        return httpx.Response(200, headers={"content-type": "application/json"}, stream=BrokenStream(b'{"sta'))

    status = router.get(STATUS).mock(side_effect=[cut(), httpx.Response(200, json=DONE)])
    assert (await call(fal.get_handle(V2, "req-1").status())).status == "COMPLETED"
    assert status.call_count == 2
    assert len(clock.delays) == 1

    submit = router.post(SUBMIT).mock(side_effect=[cut(), submitted()])
    with pytest.raises(APIConnectionError, match="ReadError"):  # the job exists: a second submit would bill twice
        await call(fal.submit(V2, V2_ARGS))
    assert submit.call_count == 1


async def test_reads_are_retried_after_a_read_timeout(fal: Any, router: respx.MockRouter, clock: FakeTime) -> None:
    route = router.get(STATUS).mock(side_effect=[httpx.ReadTimeout("slow"), httpx.Response(200, json=DONE)])
    assert (await call(fal.get_handle(V2, "req-1").status())).status == "COMPLETED"
    assert route.call_count == 2
    assert len(clock.delays) == 1


@pytest.mark.parametrize(
    ("answer", "error"),
    [(422, UnprocessableEntityError), (400, BadRequestError), (401, AuthenticationError)],
)
async def test_client_errors_are_not_retried(
    fal: Any, router: respx.MockRouter, clock: FakeTime, answer: int, error: type[Exception]
) -> None:
    route = router.get(STATUS).respond(answer, json={"detail": "no"})
    with pytest.raises(error):
        await call(fal.get_handle(V2, "req-1").status())
    assert route.call_count == 1
    assert clock.delays == []


@pytest.mark.parametrize(
    ("method", "code", "retried"),
    [("POST", 503, True), ("POST", 429, True), ("POST", 500, False), ("POST", 502, False), ("GET", 502, True)],
)
async def test_magnific_retry_policy(
    magnific: Any, router: respx.MockRouter, clock: FakeTime, method: str, code: int, retried: bool
) -> None:
    route = router.route(method=method, url=TASKS).mock(
        side_effect=[
            httpx.Response(code, json={"message": "busy"}),
            envelope(task()) if method == "POST" else envelope([]),
        ]
    )
    invoke = (lambda: magnific.create(MAG_ID, MAG_ARGS)) if method == "POST" else (lambda: magnific.list(MAG_ID))
    if retried:
        await call(invoke())
    else:
        with pytest.raises(APIStatusError, match="busy"):
            await call(invoke())
    assert route.call_count == (2 if retried else 1)
    assert len(clock.delays) == route.call_count - 1


async def test_max_retries_zero_sends_once(kind: str, router: respx.MockRouter, clock: FakeTime) -> None:
    client = make_fal(kind, max_retries=0)
    clock.install(client)
    route = router.get(STATUS).respond(503)
    with pytest.raises(InternalServerError):
        await call(client.get_handle(V2, "req-1").status())
    assert route.call_count == 1
    assert clock.delays == []
    await close(client)
    for bad in (-1, True, "2", 1.5):
        with pytest.raises(ValueError, match="max_retries"):
            make_fal(kind, max_retries=bad)


# ------------------------------------------------------------------------------- timeouts, sizes


async def test_the_timeout_option_reaches_every_request(kind: str, router: respx.MockRouter) -> None:
    route = router.get(STATUS).respond(200, json=DONE)
    client = make_fal(kind, timeout=7.5)
    await call(client.get_handle(V2, "req-1").status())
    assert route.calls.last.request.extensions["timeout"] == {"connect": 7.5, "read": 7.5, "write": 7.5, "pool": 7.5}
    await close(client)


async def test_a_timed_out_submit_is_an_api_timeout_error(fal: Any, router: respx.MockRouter) -> None:
    router.post(SUBMIT).mock(side_effect=httpx.WriteTimeout("stuck"))
    fal._http.max_retries = 0
    with pytest.raises(APITimeoutError, match="timed out") as caught:
        await call(fal.submit(V2, V2_ARGS))
    assert isinstance(caught.value, APIConnectionError | TimeoutError)
    assert caught.value.request is not None


async def test_an_oversized_answer_is_refused(fal: Any, router: respx.MockRouter) -> None:
    fal._http.max_response_bytes = 1000
    router.get(f"{REQUESTS}/req-1").respond(200, json={**V2_OUTPUT, "padding": "x" * 2000})
    with pytest.raises(APIResponseValidationError, match="larger than 1000 bytes"):
        await call(fal.get_handle(V2, "req-1").result())
    router.get(STATUS).respond(500, text="e" * 5000)
    with pytest.raises(APIResponseValidationError, match="larger than 1000 bytes"):
        await call(fal.get_handle(V2, "req-1").status())


async def test_large_text_with_quotes_and_unicode_is_sent_intact(fal: Any, router: respx.MockRouter) -> None:
    job = fal_job(router)
    prompt = ('a "quoted" café ☕ \\ back\nslash \u0001 ' * 4000)[:150_000]
    await call(fal.submit(V2, {**V2_ARGS, "prompt": prompt}))
    request = job.submit.calls.last.request
    assert int(request.headers["content-length"]) == len(request.content)
    assert json.loads(request.content) == {**V2_ARGS, "prompt": prompt}


# -------------------------------------------------------------------------------------- lifetime


async def test_with_closes_the_client_it_owns(router: respx.MockRouter) -> None:
    router.get(STATUS).respond(200, json=DONE)
    with FalClient(FAL_KEY) as fal, MagnificClient(MAG_KEY) as magnific:
        fal.get_handle(V2, "req-1").status()
        owned = [fal._http.client, magnific._http.client]
        assert not any(client.is_closed for client in owned)
    assert all(client.is_closed for client in owned)

    async with AsyncFalClient(FAL_KEY) as afal, AsyncMagnificClient(MAG_KEY) as amagnific:
        await afal.get_handle(V2, "req-1").status()
        aowned = [afal._http.client, amagnific._http.client]
        assert not any(client.is_closed for client in aowned)
    assert all(client.is_closed for client in aowned)


async def test_an_injected_http_client_is_left_open(kind: str, router: respx.MockRouter) -> None:
    route = router.get(STATUS).respond(200, json=DONE)
    http = httpx.Client() if kind == "sync" else httpx.AsyncClient()
    for make in (make_fal, make_magnific):
        client = make(kind, http_client=http)
        assert client._http.client is http
        if kind == "sync":
            with client:
                pass
        else:
            async with client:
                pass
        assert not http.is_closed
    await call(http.get(STATUS))  # still usable
    assert route.call_count == 1
    await call(http.close() if kind == "sync" else http.aclose())


# ------------------------------------------------------------------------------------------ hosts


@pytest.mark.parametrize(
    "option", [{"queue_url": "http://queue.fal.run"}, {"run_url": "http://fal.run"}, {"queue_url": "ftp://q.example"}]
)
def test_plain_http_is_refused_for_remote_fal_hosts(kind: str, clean_env: Any, option: dict[str, str]) -> None:
    with pytest.raises(ValueError, match=r"queue_url|run_url"):
        make_fal(kind, **option)


@pytest.mark.parametrize("base_url", ["http://api.magnific.com", "https://api.magnific.com/?x=1", "api.magnific.com"])
def test_bad_magnific_base_urls_are_refused(kind: str, clean_env: Any, base_url: str) -> None:
    with pytest.raises(ValueError, match="base_url"):
        make_magnific(kind, base_url=base_url)


@pytest.mark.parametrize("base", ["http://127.0.0.1:8000", "http://localhost:9000/", "http://[::1]:8080"])
async def test_plain_http_is_allowed_for_loopback(kind: str, router: respx.MockRouter, base: str) -> None:
    base = base.rstrip("/")
    fal = make_fal(kind, queue_url=base, run_url=base)
    magnific = make_magnific(kind, base_url=base)
    submit = router.post(f"{base}/{V2}").mock(return_value=submitted())
    create = router.post(f"{base}{MAG_PATH}").mock(return_value=envelope(task()))
    await call(fal.submit(V2, V2_ARGS))
    await call(magnific.create(MAG_ID, MAG_ARGS))
    assert submit.calls.last.request.headers["authorization"] == f"Key {FAL_KEY}"
    assert create.calls.last.request.headers["x-magnific-api-key"] == MAG_KEY
    for client in (fal, magnific):
        await close(client)


async def test_fal_hosts_come_from_the_environment(
    kind: str, router: respx.MockRouter, clean_env: pytest.MonkeyPatch
) -> None:
    clean_env.setenv("FAL_RUN_HOST", "fal.example.test")
    derived = make_fal(kind)
    assert (derived.queue_url, derived.run_url) == ("https://queue.fal.example.test", "https://fal.example.test")

    clean_env.setenv("FAL_QUEUE_RUN_HOST", "q.example.test")
    fal = make_fal(kind)
    assert (fal.queue_url, fal.run_url) == ("https://q.example.test", "https://fal.example.test")
    submit = router.post(f"https://q.example.test/{V2}").mock(return_value=submitted())
    run = router.post(f"https://fal.example.test/{V2}").respond(200, json=V2_OUTPUT)
    await call(fal.submit(V2, V2_ARGS))
    await call(fal.run(V2, V2_ARGS))
    assert submit.calls.last.request.headers["authorization"] == f"Key {FAL_KEY}"
    assert run.calls.last.request.headers["authorization"] == f"Key {FAL_KEY}"

    explicit = make_fal(kind, queue_url="https://queue.fal.run", run_url="https://fal.run")
    assert (explicit.queue_url, explicit.run_url) == (QUEUE, RUN)
    for client in (derived, fal, explicit):
        await close(client)


# ----------------------------------------------------------------------------------------- memory

TEN_MB = 10 * 1024 * 1024


def _big_png() -> bytes:
    head = png(64, 64)
    return head + b"\0" * (TEN_MB - 1024 - len(head))  # trailing bytes after IEND: still a 64x64 PNG


class StreamingServer(httpx.BaseTransport, httpx.AsyncBaseTransport):
    """A transport that reads the upload chunk by chunk, as a socket would, keeping only its hash
    (``httpx.MockTransport`` reads the whole body into memory first, which is what is measured here)."""

    def __init__(self, answer: dict[str, Any]) -> None:
        self.answer = answer
        self.digest = hashlib.sha256()
        self.size = 0

    def _take(self, chunk: bytes) -> None:
        self.digest.update(chunk)
        self.size += len(chunk)

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        for chunk in request.stream:  # type: ignore[union-attr]
            self._take(chunk)
        return httpx.Response(200, json=self.answer)

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        async for chunk in request.stream:  # type: ignore[union-attr]
            self._take(chunk)
        return httpx.Response(200, json=self.answer)


@pytest.mark.parametrize("provider", ["fal", "magnific"])
async def test_a_10mb_upload_costs_less_than_3x_its_size(
    kind: str, clean_env: Any, tmp_path: Path, provider: str
) -> None:
    data = _big_png()
    path = tmp_path / "big.png"
    path.write_bytes(data)
    encoded = base64.b64encode(data).decode()
    if provider == "fal":
        expected = f'{{"prompt":"p","image_url":"data:image/png;base64,{encoded}","mask_url":"{MASK}"}}'
        arguments: dict[str, Any] = {"prompt": "p", "image_url": path, "mask_url": MASK}
        answer: dict[str, Any] = {"request_id": "req-1"}
    else:
        expected = f'{{"prompt":"p","image":"{encoded}","mask":"{MASK}"}}'
        arguments, answer = {"prompt": "p", "image": data, "mask": MASK}, {"data": task()}
    expected_digest = hashlib.sha256(expected.encode()).hexdigest()
    del encoded, expected
    server = StreamingServer(answer)
    http = httpx.Client(transport=server) if kind == "sync" else httpx.AsyncClient(transport=server)
    client = (
        make_fal(kind, http_client=http, files="inline") if provider == "fal" else make_magnific(kind, http_client=http)
    )

    tracemalloc.start()
    try:
        if provider == "fal":
            await call(client.submit(V2, arguments))
        else:
            await call(client.create(MAG_ID, arguments))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()

    assert server.digest.hexdigest() == expected_digest
    assert server.size > len(data) * 4 // 3
    assert peak < 3 * len(data), f"peak {peak / len(data):.2f}x the file size"
    await close(client)


async def test_one_base_url_derives_both_fal_hosts(kind: str, router: respx.MockRouter) -> None:
    base = "http://127.0.0.1:8765"
    fal = make_fal(kind, base_url=base + "/")
    assert (fal.queue_url, fal.run_url) == (base, f"{base}/fal-run")
    submit = router.post(f"{base}/{V2}").mock(return_value=submitted())
    run = router.post(f"{base}/fal-run/{V2}").respond(200, json=V2_OUTPUT)
    await call(fal.submit(V2, V2_ARGS))
    await call(fal.run(V2, V2_ARGS))
    assert submit.called and run.called
    assert make_fal(kind, base_url=base, run_url="https://run.example").run_url == "https://run.example"
    await close(fal)


def test_ideogram_clients_base_url_points_both_providers_elsewhere(kind: str, clean_env: pytest.MonkeyPatch) -> None:
    clean_env.setenv("IDEOGRAM_CLIENTS_BASE_URL", "http://127.0.0.1:9000")
    fal, magnific = make_fal(kind), make_magnific(kind)
    assert (fal.queue_url, fal.run_url) == ("http://127.0.0.1:9000", "http://127.0.0.1:9000/fal-run")
    assert magnific.base_url == "http://127.0.0.1:9000"
    # an argument beats the variable; fal's own variables beat the shared one
    assert make_magnific(kind, base_url="https://m.example").base_url == "https://m.example"
    assert make_fal(kind, base_url="https://b.example").run_url == "https://b.example/fal-run"
    clean_env.setenv("FAL_RUN_HOST", "fal.example.test")
    assert make_fal(kind).queue_url == "https://queue.fal.example.test"


def test_a_bad_shared_base_url_is_named_in_the_error(kind: str, clean_env: pytest.MonkeyPatch) -> None:
    clean_env.setenv("IDEOGRAM_CLIENTS_BASE_URL", "http://remote.example")
    with pytest.raises(ValueError, match="IDEOGRAM_CLIENTS_BASE_URL: https is required"):
        make_fal(kind)
    with pytest.raises(ValueError, match="IDEOGRAM_CLIENTS_BASE_URL: https is required"):
        make_magnific(kind)


async def test_a_changed_http_client_header_or_param_reaches_the_next_request(kind: str, clean_env: Any) -> None:
    seen: list[httpx.Request] = []

    def answer(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, json={"request_id": "r"})

    transport = httpx.MockTransport(answer)
    http = httpx.Client(transport=transport) if kind == "sync" else httpx.AsyncClient(transport=transport)
    client = make_fal(kind, http_client=http)
    arguments = V2_ARGS
    await call(client.submit(V2, arguments))
    http.headers["X-Trace"] = "one"
    http.params = {"tenant": "a"}
    await call(client.submit(V2, arguments))
    http.headers["X-Trace"] = "two"
    await call(client.submit(V2, arguments))
    await call(client.submit(V2, arguments, webhook_url="https://example.com/hook"))
    assert [request.headers.get("x-trace") for request in seen] == [None, "one", "two", "two"]
    assert [request.url.params.get("tenant") for request in seen] == [None, "a", "a", "a"]  # merged, not replaced
    assert seen[-1].url.params.get("fal_webhook") == "https://example.com/hook"
    assert all(request.headers["authorization"] == f"Key {FAL_KEY}" for request in seen)
    await close(client)


async def test_requests_carry_the_headers_httpx_would_add(kind: str, clean_env: Any) -> None:
    """Requests are built with a ready body stream, so Host and Content-Length are ours to set."""
    seen: list[httpx.Request] = []

    def answer(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        if request.method == "PUT":
            return httpx.Response(200, json={"status": "CANCELLATION_REQUESTED"})
        if request.url.path.endswith("/status"):
            return httpx.Response(200, json={"status": "IN_QUEUE", "queue_position": 0})
        return httpx.Response(200, json={"request_id": "r"})

    transport = httpx.MockTransport(answer)
    http = httpx.Client(transport=transport) if kind == "sync" else httpx.AsyncClient(transport=transport)
    client = make_fal(kind, http_client=http, queue_url="https://queue.example:8443")
    handle = await call(client.submit(V2, V2_ARGS))
    await call(handle.status())
    await call(handle.cancel())
    submit, status, cancel = seen
    expected = json.dumps(V2_ARGS, separators=(",", ":")).encode()
    assert json.loads(submit.content) == json.loads(expected)
    assert submit.headers["host"] == "queue.example:8443"
    assert submit.headers["content-length"] == str(len(submit.content))
    assert submit.headers["content-type"] == "application/json"
    assert status.headers["host"] == "queue.example:8443"
    assert "content-length" not in status.headers and status.content == b""
    assert cancel.headers["content-length"] == "0" and cancel.content == b""  # what httpx gives a bodiless PUT
    assert all(len(request.headers.get_list("host")) == 1 for request in seen)

    seen.clear()
    http.headers["Host"] = "front.example"  # a client's own Host header wins, as with httpx
    await call(client.submit(V2, V2_ARGS))
    assert seen[0].headers.get_list("host") == ["front.example"]
    await close(client)
