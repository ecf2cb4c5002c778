"""fal's queue and sync protocols through FalClient / AsyncFalClient (each test runs for both twins).

Exact requests (URL, method, auth header, body, option headers), every status shape, the SSE stream
and its polling fallback, results, cancel, typed resources, and input that never leaves the machine.
"""

from __future__ import annotations

import base64
import json
from pathlib import Path
from typing import Any

import httpx
import pytest
import respx

from ideogram_clients import (
    APIResponseValidationError,
    AsyncFalClient,
    Completed,
    IdeogramV2EditOutput,
    IdeogramV3Output,
    InProgress,
    InvalidInputError,
    JobFailedError,
    NotFoundError,
    Queued,
    UnprocessableEntityError,
    WaitTimeoutError,
)

pytest.register_assert_rewrite("tests.clients_support")
from tests.clients_support import (  # noqa: E402 (after the rewrite hook)
    DONE,
    FAILED,
    FAL_KEY,
    IMAGE,
    MASK,
    NEXT,
    OUT_URL,
    QUEUE,
    QUEUED,
    REQUESTS,
    RUN,
    RUNNING,
    V2,
    V2_ARGS,
    V2_OUTPUT,
    V3,
    BrokenStream,
    FakeTime,
    assert_refused,
    call,
    collect,
    fal_job,
    patched,
    png,
    sent_json,
    sse,
)

pytest_plugins = ("tests.clients_support",)

# ------------------------------------------------------------------------------------------ submit


async def test_submit_sends_exactly_the_set_fields_with_the_key(fal: Any, router: respx.MockRouter) -> None:
    job = fal_job(router)
    handle = await call(fal.submit(V2, {**V2_ARGS, "seed": 7, "style": "design"}))

    assert handle.request_id == "req-1"
    assert job.submit.call_count == 1
    request = job.submit.calls.last.request
    assert request.method == "POST"
    assert str(request.url) == f"{QUEUE}/{V2}"
    assert request.headers["authorization"] == f"Key {FAL_KEY}"
    assert request.headers["content-type"] == "application/json"
    assert int(request.headers["content-length"]) == len(request.content)
    assert json.loads(request.content) == {**V2_ARGS, "seed": 7, "style": "design"}
    assert b"null" not in request.content


async def test_submit_with_a_webhook_passes_it_as_the_fal_webhook_query(fal: Any, router: respx.MockRouter) -> None:
    job = fal_job(router)
    hook = "https://hooks.example.com/fal?user=1&kind=done"
    await call(fal.submit(V2, V2_ARGS, webhook_url=hook))

    url = job.submit.calls.last.request.url
    assert url.path == f"/{V2}"
    assert dict(url.params) == {"fal_webhook": hook}
    assert "x-fal-webhook" not in {name.lower() for name in job.submit.calls.last.request.headers}


async def test_option_headers_are_sent(fal: Any, router: respx.MockRouter) -> None:
    job = fal_job(router)
    await call(fal.submit(V2, V2_ARGS, request_timeout=30, priority="low", no_retry=True, runner_hint="gpu-a100"))
    headers = job.submit.calls.last.request.headers
    assert headers["x-fal-request-timeout"] == "30"
    assert headers["x-fal-queue-priority"] == "low"
    assert headers["x-fal-no-retry"] == "1"
    assert headers["x-fal-runner-hint"] == "gpu-a100"

    await call(fal.submit(V2, V2_ARGS, request_timeout=2.5, priority="normal", no_retry=False))
    headers = job.submit.calls.last.request.headers
    assert headers["x-fal-request-timeout"] == "2.5"
    assert headers["x-fal-queue-priority"] == "normal"
    assert "x-fal-no-retry" not in headers
    assert "x-fal-runner-hint" not in headers


BAD_OPTIONS = [
    ({"request_timeout": 1}, ValueError, "request_timeout"),
    ({"request_timeout": 0.5}, ValueError, "request_timeout"),
    ({"request_timeout": "30"}, ValueError, "request_timeout"),
    ({"request_timeout": True}, ValueError, "request_timeout"),
    ({"request_timeout": float("nan")}, ValueError, "request_timeout"),
    ({"request_timeout": float("inf")}, ValueError, "request_timeout"),
    ({"priority": "high"}, ValueError, "priority"),
    ({"priority": "LOW"}, ValueError, "priority"),
    ({"no_retry": "yes"}, ValueError, "no_retry"),
    ({"no_retry": 1}, ValueError, "no_retry"),
    ({"runner_hint": ""}, ValueError, "runner_hint"),
    ({"runner_hint": 5}, ValueError, "runner_hint"),
    ({"runner_hint": "a\r\nX-Injected: 1"}, ValueError, "runner_hint"),
    ({"priorty": "low"}, TypeError, "priorty"),
]


@pytest.mark.parametrize(("options", "error", "name"), BAD_OPTIONS, ids=[repr(case[0]) for case in BAD_OPTIONS])
async def test_invalid_options_are_refused_before_sending(
    fal: Any, router: respx.MockRouter, options: dict[str, Any], error: type[Exception], name: str
) -> None:
    anything = router.route().respond(200, json={})
    entries = (
        lambda: fal.submit(V2, V2_ARGS, **options),
        lambda: fal.subscribe(V2, V2_ARGS, **options),
        lambda: fal.run(V2, V2_ARGS, **options),
        lambda: fal.v2_edit.submit(**V2_ARGS, **options),
    )
    for invoke in entries:
        with pytest.raises(error, match=name):
            await call(invoke())
    assert not anything.called


@pytest.mark.parametrize("hook", ["ftp://hooks.example.com/x", "/relative/path", "https://", 42])
async def test_invalid_webhook_url_is_refused_before_sending(fal: Any, router: respx.MockRouter, hook: Any) -> None:
    anything = router.route().respond(200, json={})
    with pytest.raises(ValueError, match="webhook_url"):
        await call(fal.submit(V2, V2_ARGS, webhook_url=hook))
    assert not anything.called


async def test_submit_answer_without_request_id_is_a_response_error(fal: Any, router: respx.MockRouter) -> None:
    router.post(f"{QUEUE}/{V2}").respond(200, json={"status": "IN_QUEUE"})
    with pytest.raises(APIResponseValidationError, match="request_id"):
        await call(fal.submit(V2, V2_ARGS))


# ------------------------------------------------------------------------------------------ status


@pytest.mark.parametrize(
    ("body", "model"),
    [(QUEUED, Queued), (RUNNING, InProgress), (DONE, Completed)],
    ids=["IN_QUEUE", "IN_PROGRESS", "COMPLETED"],
)
async def test_each_status_shape_is_typed(fal: Any, router: respx.MockRouter, body: Any, model: type) -> None:
    job = fal_job(router, status=[body, body])
    handle = fal.get_handle(V2, "req-1")

    status = await call(handle.status())
    assert type(status) is model
    assert status.status == body["status"]
    assert "logs" not in job.status.calls.last.request.url.params
    await call(handle.status(logs=True))
    assert job.status.calls.last.request.url.params["logs"] == "1"
    assert job.status.calls.last.request.headers["authorization"] == f"Key {FAL_KEY}"

    if model is Queued:
        assert status.queue_position == 2
    elif model is InProgress:
        assert status.logs is not None
        assert [entry.message for entry in status.logs] == ["step 1/30"]
    else:
        assert status.metrics == {"inference_time": 2.5}
        assert status.error is None


async def test_an_undocumented_status_is_a_response_error(fal: Any, router: respx.MockRouter) -> None:
    fal_job(router, status={"status": "SLEEPING"})
    with pytest.raises(APIResponseValidationError, match="status"):
        await call(fal.get_handle(V2, "req-1").status())


# ------------------------------------------------------------------------ stream, polling fallback


async def test_subscribe_follows_the_stream_in_three_requests(
    fal: Any, router: respx.MockRouter, clock: FakeTime
) -> None:
    job = fal_job(router, stream=sse(QUEUED, NEXT, RUNNING, DONE))
    seen: list[Any] = []

    output = await call(fal.subscribe(V2, V2_ARGS, on_update=seen.append, logs=True))

    assert isinstance(output, IdeogramV2EditOutput)
    assert output.images[0].url == OUT_URL
    assert output.seed == 42
    assert len(router.calls) == 3
    assert (job.submit.call_count, job.stream.call_count, job.result.call_count) == (1, 1, 1)
    assert not job.status.called
    assert [type(status) for status in seen] == [Queued, Queued, InProgress, Completed]
    assert [getattr(status, "queue_position", None) for status in seen[:2]] == [2, 0]
    stream_request = job.stream.calls.last.request
    assert stream_request.headers["accept"] == "text/event-stream"
    assert stream_request.url.params["logs"] == "1"
    assert stream_request.headers["authorization"] == f"Key {FAL_KEY}"
    assert clock.delays == []


async def test_iter_status_yields_every_streamed_status(fal: Any, router: respx.MockRouter) -> None:
    job = fal_job(router)
    statuses = await collect(fal.get_handle(V2, "req-1").iter_status())
    assert [status.status for status in statuses] == ["IN_QUEUE", "IN_PROGRESS", "COMPLETED"]
    assert "logs" not in job.stream.calls.last.request.url.params


def _event_stream(content: bytes = b"", stream: Any = None) -> httpx.Response:
    return httpx.Response(200, headers={"content-type": "text/event-stream"}, content=content or None, stream=stream)


BROKEN_STREAMS = {
    "ends-before-completed": lambda: sse(QUEUED, RUNNING),
    "server-error": lambda: httpx.Response(500, json={"detail": "boom"}),
    "not-found": lambda: httpx.Response(404),
    "not-json": lambda: _event_stream(b"data: <html>oops</html>\n\n"),
    "not-sse": lambda: httpx.Response(200, json=DONE),
    "undocumented-status": lambda: sse({"status": "PAUSED"}),
    "connection-reset": lambda: _event_stream(stream=BrokenStream(f"data: {json.dumps(QUEUED)}\n\n".encode())),
}


@pytest.mark.parametrize("broken", list(BROKEN_STREAMS))
async def test_a_broken_stream_falls_back_to_polling(
    fal: Any, router: respx.MockRouter, clock: FakeTime, broken: str
) -> None:
    job = fal_job(router, stream=BROKEN_STREAMS[broken](), status=[RUNNING, RUNNING, DONE])
    seen: list[Any] = []

    output = await call(fal.subscribe(V2, V2_ARGS, on_update=seen.append, logs=True))

    assert isinstance(output, IdeogramV2EditOutput)
    assert output.images[0].url == OUT_URL
    assert job.stream.call_count == 1
    assert job.status.call_count == 3
    assert all(call_.request.url.params["logs"] == "1" for call_ in job.status.calls)
    assert job.result.call_count == 1
    assert isinstance(seen[-1], Completed)
    assert [type(status) for status in seen[-3:]] == [InProgress, InProgress, Completed]
    assert clock.delays == [0.25, 0.375]


async def test_polling_backs_off_up_to_its_cap(fal: Any, router: respx.MockRouter, clock: FakeTime) -> None:
    job = fal_job(router, stream=httpx.Response(500), status=[QUEUED] * 9 + [DONE])
    await call(fal.subscribe(V2, V2_ARGS))
    assert job.status.call_count == 10
    assert len(clock.delays) == 9
    assert all(later >= earlier for earlier, later in zip(clock.delays, clock.delays[1:], strict=False))
    assert clock.delays[0] == 0.25
    assert max(clock.delays) == clock.delays[-1] == 2.0


async def test_a_failed_run_raises_job_failed_without_fetching_the_result(fal: Any, router: respx.MockRouter) -> None:
    job = fal_job(router, stream=sse(RUNNING, FAILED))
    with pytest.raises(JobFailedError) as caught:
        await call(fal.subscribe(V2, V2_ARGS))
    assert caught.value.request_id == "req-1"
    assert "CUDA out of memory" in str(caught.value)
    assert "runner_error" in str(caught.value)
    assert not job.result.called


async def test_subscribe_timeout_while_polling(fal: Any, router: respx.MockRouter, clock: FakeTime) -> None:
    job = fal_job(router, stream=httpx.Response(503), status={"status": "IN_PROGRESS", "logs": None})
    fal._http.max_retries = 0
    with pytest.raises(WaitTimeoutError) as caught:
        await call(fal.subscribe(V2, V2_ARGS, timeout=5))
    assert isinstance(caught.value, TimeoutError)
    assert caught.value.request_id == "req-1"
    assert "5 s" in str(caught.value)
    assert 5 <= sum(clock.delays) < 5 + 2.0
    assert not job.result.called
    assert not job.cancel.called


async def test_subscribe_timeout_is_honoured_while_the_stream_keeps_talking(
    fal: Any, router: respx.MockRouter, clock: FakeTime
) -> None:
    job = fal_job(router, stream=sse(*[RUNNING] * 10, DONE))
    seen: list[Any] = []

    def tick(status: Any) -> None:
        seen.append(status)
        clock.now += 1.0

    with pytest.raises(WaitTimeoutError):
        await call(fal.subscribe(V2, V2_ARGS, on_update=tick, timeout=3))
    assert len(seen) == 3
    assert not job.result.called


async def test_async_on_update_may_be_a_coroutine(router: respx.MockRouter) -> None:
    fal_job(router)
    seen: list[str] = []

    async def on_update(status: Any) -> None:
        seen.append(status.status)

    async with AsyncFalClient(FAL_KEY) as client:
        await client.subscribe(V2, V2_ARGS, on_update=on_update)
    assert seen == ["IN_QUEUE", "IN_PROGRESS", "COMPLETED"]


# ------------------------------------------------------------------------------------------ result


async def test_result_is_the_typed_output_and_keeps_unknown_fields(fal: Any, router: respx.MockRouter) -> None:
    job = fal_job(router, result={**V2_OUTPUT, "has_nsfw_concepts": [False]})
    output = await call(fal.get_handle(V2, "req-1").result())
    assert isinstance(output, IdeogramV2EditOutput)
    assert output.images[0].content_type == "image/png"
    assert output.model_extra == {"has_nsfw_concepts": [False]}
    request = job.result.calls.last.request
    assert (request.method, str(request.url)) == ("GET", f"{REQUESTS}/req-1")


@pytest.mark.parametrize(
    ("answer", "message"),
    [
        (httpx.Response(200, json={"images": "nope", "seed": 1}), "images"),
        (httpx.Response(200, json={"images": []}), "seed"),
        (httpx.Response(200, text="<html>gateway</html>"), "expected a JSON body"),
    ],
    ids=["wrong-type", "missing-field", "not-json"],
)
async def test_a_wrong_result_shape_is_a_response_error(
    fal: Any, router: respx.MockRouter, answer: httpx.Response, message: str
) -> None:
    fal_job(router, result=answer)
    with pytest.raises(APIResponseValidationError, match=message) as caught:
        await call(fal.get_handle(V2, "req-1").result())
    assert caught.value.status_code == 200


# ------------------------------------------------------------------------------------------ cancel


@pytest.mark.parametrize(
    ("code", "answer"),
    [(202, "CANCELLATION_REQUESTED"), (400, "ALREADY_COMPLETED"), (404, "NOT_FOUND"), (200, "OK")],
)
async def test_cancel_returns_each_documented_answer(
    fal: Any, router: respx.MockRouter, code: int, answer: str
) -> None:
    job = fal_job(router)
    job.cancel.respond(code, json={"status": answer})
    assert await call(fal.get_handle(V2, "req-1").cancel()) == answer
    request = job.cancel.calls.last.request
    assert (request.method, str(request.url)) == ("PUT", f"{REQUESTS}/req-1/cancel")
    assert request.headers["authorization"] == f"Key {FAL_KEY}"
    assert job.cancel.call_count == 1


async def test_cancel_errors_without_a_documented_body_stay_errors(fal: Any, router: respx.MockRouter) -> None:
    job = fal_job(router)
    handle = fal.get_handle(V2, "req-1")
    job.cancel.respond(404, json={"detail": "Not Found"})
    with pytest.raises(NotFoundError):
        await call(handle.cancel())
    job.cancel.respond(200, json={"status": "MAYBE"})
    with pytest.raises(APIResponseValidationError, match="MAYBE"):
        await call(handle.cancel())


# ------------------------------------------------------------------------------------- sync run


async def test_run_posts_to_the_sync_host(fal: Any, router: respx.MockRouter) -> None:
    route = router.post(f"{RUN}/{V2}").respond(200, json=V2_OUTPUT)
    output = await call(fal.run(V2, V2_ARGS, request_timeout=60))
    assert isinstance(output, IdeogramV2EditOutput)
    assert output.seed == 42
    assert len(router.calls) == 1
    request = route.calls.last.request
    assert request.headers["authorization"] == f"Key {FAL_KEY}"
    assert request.headers["x-fal-request-timeout"] == "60"
    assert json.loads(request.content) == V2_ARGS
    assert not request.url.params


# ------------------------------------------------------------------------------------ URLs, ids


async def test_status_result_cancel_use_owner_and_alias_only(fal: Any, router: respx.MockRouter) -> None:
    job = fal_job(router, endpoint="fal-ai/ideogram/v3/edit", request_id="r-9")
    job.cancel.respond(202, json={"status": "CANCELLATION_REQUESTED"})
    handle = await call(fal.submit("fal-ai/ideogram/v3/edit", V2_ARGS))
    await call(handle.status())
    await call(handle.result())
    await call(handle.cancel())
    paths = [call_.request.url.path for call_ in router.calls]
    assert paths == [
        "/fal-ai/ideogram/v3/edit",
        "/fal-ai/ideogram/requests/r-9/status",
        "/fal-ai/ideogram/requests/r-9",
        "/fal-ai/ideogram/requests/r-9/cancel",
    ]


async def test_request_ids_are_url_quoted(fal: Any, router: respx.MockRouter) -> None:
    route = router.route(host="queue.fal.run").respond(200, json=DONE)
    handle = fal.get_handle(V2, "a/b c?d#e")
    await call(handle.status())
    assert route.calls.last.request.url.raw_path == b"/fal-ai/ideogram/requests/a%2Fb%20c%3Fd%23e/status"


async def test_get_handle_follows_a_request_from_elsewhere(fal: Any, router: respx.MockRouter) -> None:
    job = fal_job(router, request_id="older")
    handle = fal.get_handle(V3, "older")
    assert handle.request_id == "older"
    output = await call(handle.wait())
    assert isinstance(output, IdeogramV3Output)
    assert not job.submit.called
    for bad in ("magnific/ideogram-image-edit", "fal-ai/flux/dev"):
        with pytest.raises(ValueError, match="unknown fal endpoint"):
            fal.get_handle(bad, "x")


# ------------------------------------------------------------------------------- typed resources


async def test_typed_resources_send_only_given_arguments(fal: Any, router: respx.MockRouter) -> None:
    job = fal_job(router)
    run = router.post(f"{RUN}/{V2}").respond(200, json=V2_OUTPUT)

    handle = await call(fal.v2_edit.submit(prompt="a red door", image_url=IMAGE, mask_url=MASK, priority="low"))
    assert handle.request_id == "req-1"
    assert sent_json(job.submit) == V2_ARGS
    assert job.submit.calls.last.request.headers["x-fal-queue-priority"] == "low"

    output = await call(fal.v2_edit.subscribe(prompt="a red door", image_url=IMAGE, mask_url=MASK, seed=3))
    assert isinstance(output, IdeogramV2EditOutput)
    assert sent_json(job.submit) == {**V2_ARGS, "seed": 3}

    output = await call(fal.v2_edit.run(prompt="a red door", image_url=IMAGE, mask_url=MASK, style="anime"))
    assert isinstance(output, IdeogramV2EditOutput)
    assert sent_json(run) == {**V2_ARGS, "style": "anime"}


async def test_422_detail_is_parsed(fal: Any, router: respx.MockRouter) -> None:
    detail = [
        {"loc": ["body", "image_url"], "msg": "Could not download the image", "type": "image_download_error"},
        {"loc": ["body", "seed"], "msg": "must be positive", "type": "value_error"},
    ]
    route = router.post(f"{QUEUE}/{V2}").respond(
        422, json={"detail": detail}, headers={"x-fal-request-id": "req-422", "x-fal-retryable": "false"}
    )
    with pytest.raises(UnprocessableEntityError) as caught:
        await call(fal.submit(V2, V2_ARGS))
    error = caught.value
    assert route.call_count == 1
    assert error.status_code == 422
    assert error.request_id == "req-422"
    assert [(d.loc, d.message, d.type) for d in error.details] == [
        (("image_url",), "Could not download the image", "image_download_error"),
        (("seed",), "must be positive", "value_error"),
    ]
    text = str(error)
    assert "422" in text
    assert "image_url: Could not download the image" in text
    assert "seed: must be positive" in text
    assert "req-422" in text


# --------------------------------------------------------------------------------- invalid input

DIFFERENT = {"image_url": png(16, 8), "mask_url": png(8, 8)}
INVALID: list[tuple[str, dict[str, Any], str]] = [
    ("range", {"seed": -1}, "seed"),
    ("range-high", {"seed": 2**31}, "seed"),
    ("enum", {"style": "cartoon"}, "style"),
    ("type-str", {"seed": "7"}, "seed"),
    ("type-float", {"seed": 7.0}, "seed"),
    ("type-bool", {"expand_prompt": 1}, "expand_prompt"),
    ("extra-key", {"colour": "red"}, "colour"),
    ("none", {"style": None}, "style"),  # v2 style is not nullable (seed is: None means unset)
    ("none-required", {"prompt": None}, "prompt"),
    ("missing", {"prompt": ...}, "prompt"),
    ("rule-dimensions", DIFFERENT, "image_url"),
    ("not-an-image", {"image_url": b"definitely not an image"}, "image_url"),
    ("gif", {"mask_url": png(fmt="GIF")}, "mask_url"),
    ("missing-file", {"image_url": Path("/nonexistent/image.png")}, "image_url"),
    ("bad-scheme", {"image_url": "ftp://example.com/a.png"}, "image_url"),
    ("bad-data-uri", {"image_url": "data:image/png;base64,@@@"}, "image_url"),
]
KWARG_ONLY_CASES = {"extra-key", "missing"}  # for typed resources these are Python's TypeError (tested below)


@pytest.mark.parametrize(("case", "patch", "field"), INVALID, ids=[case[0] for case in INVALID])
async def test_invalid_input_is_refused_before_any_request(
    fal: Any, router: respx.MockRouter, case: str, patch: dict[str, Any], field: str
) -> None:
    arguments = patched(V2_ARGS, patch)
    entries = {method: lambda m=method: getattr(fal, m)(V2, arguments) for method in ("submit", "subscribe", "run")}
    if case not in KWARG_ONLY_CASES:
        for method in ("submit", "subscribe", "run"):
            entries[f"v2_edit.{method}"] = lambda m=method: getattr(fal.v2_edit, m)(**arguments)
    await assert_refused(router, entries, field)


async def test_typed_resources_refuse_unknown_and_missing_keywords(fal: Any, router: respx.MockRouter) -> None:
    anything = router.route().respond(200, json={})
    with pytest.raises(TypeError, match="colour"):
        await call(fal.v2_edit.submit(prompt="p", image_url=IMAGE, mask_url=MASK, colour="red"))
    with pytest.raises(TypeError, match="mask_url"):
        await call(fal.v2_edit.submit(prompt="p", image_url=IMAGE))
    with pytest.raises(InvalidInputError, match="arguments must be a mapping"):
        await call(fal.submit(V2, ["prompt", "p"]))
    with pytest.raises(ValueError, match="unknown fal endpoint"):
        await call(fal.submit("fal-ai/flux/dev", V2_ARGS))
    assert not anything.called


# ------------------------------------------------------------------------------------------ files


def _data_uri(data: bytes, mime: str = "image/png") -> str:
    return f"data:{mime};base64,{base64.b64encode(data).decode()}"


async def test_local_files_are_sent_as_data_uris(fal: Any, router: respx.MockRouter, tmp_path: Path) -> None:
    job = fal_job(router)
    image = png(16, 16)
    mask_path = tmp_path / "mask.png"
    mask_path.write_bytes(png(16, 16))

    await call(fal.submit(V2, {"prompt": "p", "image_url": image, "mask_url": mask_path}))
    assert sent_json(job.submit) == {
        "prompt": "p",
        "image_url": _data_uri(image),
        "mask_url": _data_uri(mask_path.read_bytes()),
    }

    jpeg = png(16, 16, "JPEG")
    given_uri = _data_uri(png(16, 16))
    await call(fal.v2_edit.submit(prompt="p", image_url=jpeg, mask_url=given_uri))
    assert sent_json(job.submit) == {"prompt": "p", "image_url": _data_uri(jpeg, "image/jpeg"), "mask_url": given_uri}


async def test_local_images_of_different_sizes_are_refused(fal: Any, router: respx.MockRouter, tmp_path: Path) -> None:
    anything = router.route().respond(200, json={})
    image, mask = tmp_path / "image.png", tmp_path / "mask.webp"
    image.write_bytes(png(32, 16))
    mask.write_bytes(png(16, 32, "WEBP"))
    with pytest.raises(InvalidInputError, match="32x16") as caught:
        await call(fal.v2_edit.subscribe(prompt="p", image_url=image, mask_url=mask))
    assert "16x32" in str(caught.value)
    assert not anything.called


async def test_a_fal_result_image_downloads_without_the_key(fal: Any, router: respx.MockRouter) -> None:
    fal_job(router)
    cdn = router.get(OUT_URL).respond(200, content=b"\x89PNG fake")
    output = await call(fal.subscribe(V2, V2_ARGS))
    data = await call(output.images[0].aread() if isinstance(fal, AsyncFalClient) else output.images[0].read())
    assert data == b"\x89PNG fake"
    request = cdn.calls.last.request
    assert "authorization" not in request.headers
    assert FAL_KEY not in str(request.headers)


def _logged(status: str, *lines: str) -> dict[str, Any]:
    return {"status": status, "logs": [{"message": line} for line in lines]}


async def test_new_logs_hold_each_line_once_on_the_stream_and_when_polling(
    fal: Any, router: respx.MockRouter, clock: FakeTime
) -> None:
    running = [_logged("IN_PROGRESS", "a"), _logged("IN_PROGRESS", "a", "b"), _logged("IN_PROGRESS", "a", "b")]
    done = _logged("COMPLETED", "a", "b", "c")
    fal_job(router, stream=sse(QUEUED, *running, done))
    seen: list[Any] = []
    await call(fal.subscribe(V2, V2_ARGS, on_update=seen.append, logs=True))
    assert [[entry.message for entry in getattr(status, "new_logs", [])] for status in seen] == [
        [],
        ["a"],
        ["b"],
        [],
        ["c"],
    ]
    assert [entry.message for entry in seen[-1].logs] == ["a", "b", "c"]  # logs keep every line

    router.reset()
    polled: list[Any] = []
    fal_job(router, stream=httpx.Response(503), status=[*running, done, done])
    await call(fal.subscribe(V2, V2_ARGS, on_update=polled.append, logs=True))
    assert [[entry.message for entry in status.new_logs] for status in polled] == [["a"], ["b"], [], ["c"]]
    single = await call(fal.get_handle(V2, "req-1").status(logs=True))
    assert [entry.message for entry in single.new_logs] == [entry.message for entry in single.logs]
