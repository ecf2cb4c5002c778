"""Magnific's task API through MagnificClient / AsyncMagnificClient (each test runs for both twins).

create/get/list/run with the ``{"data": ...}`` envelope, polling with backoff and a deadline, error
bodies, the Freepik brand, base64 file encoding, and input that never leaves the machine.
"""

from __future__ import annotations

import base64
from pathlib import Path
from typing import Any

import pytest
import respx

from ideogram_clients import (
    APIResponseValidationError,
    AuthenticationError,
    BadRequestError,
    JobFailedError,
    MagnificIdeogramImageEditOutput,
    WaitTimeoutError,
)

pytest.register_assert_rewrite("tests.clients_support")
from tests.clients_support import (  # noqa: E402 (after the rewrite hook)
    FREEPIK,
    IMAGE,
    MAG_ARGS,
    MAG_ID,
    MAG_KEY,
    MAG_PATH,
    MAGNIFIC,
    MASK,
    TASK_ID,
    FakeTime,
    assert_refused,
    call,
    envelope,
    make_magnific,
    patched,
    png,
    sent_json,
    task,
)

pytest_plugins = ("tests.clients_support",)

TASKS = f"{MAGNIFIC}{MAG_PATH}"
DONE_URLS = ["https://cdn.magnific.com/a.png", "https://cdn.magnific.com/b.png"]


# ----------------------------------------------------------------------------- create, get, list


async def test_create_sends_the_body_with_the_magnific_header(magnific: Any, router: respx.MockRouter) -> None:
    route = router.post(TASKS).mock(return_value=envelope(task("CREATED")))
    created = await call(magnific.create(MAG_ID, {**MAG_ARGS, "seed": 5, "magic_prompt": "OFF"}))

    assert isinstance(created, MagnificIdeogramImageEditOutput)
    assert (created.task_id, created.status, created.generated) == (TASK_ID, "CREATED", [])
    request = route.calls.last.request
    assert request.method == "POST"
    assert request.headers["x-magnific-api-key"] == MAG_KEY
    assert "authorization" not in request.headers
    assert sent_json(route) == {**MAG_ARGS, "seed": 5, "magic_prompt": "OFF"}


async def test_typed_create_sends_only_given_arguments(magnific: Any, router: respx.MockRouter) -> None:
    route = router.post(TASKS).mock(return_value=envelope(task("IN_PROGRESS")))
    created = await call(
        magnific.ideogram_image_edit.create(
            prompt="a red door", image=IMAGE, mask=MASK, color_palette={"name": "EMBER"}, style_type="DESIGN"
        )
    )
    assert created.status == "IN_PROGRESS"
    assert sent_json(route) == {**MAG_ARGS, "color_palette": {"name": "EMBER"}, "style_type": "DESIGN"}


async def test_get_reads_one_task_by_quoted_id(magnific: Any, router: respx.MockRouter) -> None:
    route = router.get(f"{TASKS}/{TASK_ID}").mock(return_value=envelope(task("COMPLETED", DONE_URLS)))
    got = await call(magnific.ideogram_image_edit.get(TASK_ID))
    assert isinstance(got, MagnificIdeogramImageEditOutput)
    assert got.generated == DONE_URLS
    assert route.calls.last.request.headers["x-magnific-api-key"] == MAG_KEY

    odd = router.route(host="api.magnific.com").mock(return_value=envelope(task(task_id="a/b?c")))
    await call(magnific.get(MAG_ID, "a/b?c"))
    assert odd.calls.last.request.url.raw_path == f"{MAG_PATH}/a%2Fb%3Fc".encode()


@pytest.mark.parametrize("bad", ["", "   ", None, 7])
async def test_get_refuses_an_empty_or_non_string_id(magnific: Any, router: respx.MockRouter, bad: Any) -> None:
    anything = router.route().respond(200, json={})
    with pytest.raises(ValueError, match="task_id"):
        await call(magnific.get(MAG_ID, bad))
    assert not anything.called


async def test_list_reads_every_task(magnific: Any, router: respx.MockRouter) -> None:
    route = router.get(TASKS).mock(
        side_effect=[envelope([task("COMPLETED", DONE_URLS), task("FAILED", task_id="t-2")]), envelope([])]
    )
    tasks = await call(magnific.ideogram_image_edit.list())
    assert [(t.task_id, t.status) for t in tasks] == [(TASK_ID, "COMPLETED"), ("t-2", "FAILED")]
    assert all(isinstance(t, MagnificIdeogramImageEditOutput) for t in tasks)
    assert await call(magnific.list(MAG_ID)) == []
    assert route.call_count == 2


@pytest.mark.parametrize(
    ("operation", "body", "message"),
    [
        ("create", task(), 'expected {"data": task}'),
        ("create", {"data": "nope"}, 'expected {"data": task}'),
        ("create", {"data": {"task_id": TASK_ID, "status": "QUEUED", "generated": []}}, "status"),
        ("get", {"data": {"task_id": TASK_ID, "status": "CREATED"}}, "generated"),
        ("list", {"data": task()}, 'expected {"data": [task, ...]}'),
        ("list", {"tasks": []}, 'expected {"data": [task, ...]}'),
    ],
    ids=["no-envelope", "data-not-object", "unknown-status", "missing-field", "list-not-list", "list-no-data"],
)
async def test_answers_outside_the_envelope_are_response_errors(
    magnific: Any, router: respx.MockRouter, operation: str, body: Any, message: str
) -> None:
    router.route(host="api.magnific.com").respond(200, json=body)
    invoke = {
        "create": lambda: magnific.create(MAG_ID, MAG_ARGS),
        "get": lambda: magnific.get(MAG_ID, TASK_ID),
        "list": lambda: magnific.list(MAG_ID),
    }[operation]
    with pytest.raises(APIResponseValidationError, match=message.replace("[", r"\[").replace("{", r"\{")):
        await call(invoke())


# ------------------------------------------------------------------------------------------- run


async def test_run_polls_with_growing_delays_until_completed(
    magnific: Any, router: respx.MockRouter, clock: FakeTime
) -> None:
    create = router.post(TASKS).mock(return_value=envelope(task("CREATED")))
    polls = [task("IN_PROGRESS")] * 6 + [task("COMPLETED", DONE_URLS)]
    get = router.get(f"{TASKS}/{TASK_ID}").mock(side_effect=[envelope(t) for t in polls])
    seen: list[str] = []

    done = await call(magnific.ideogram_image_edit.run(**MAG_ARGS, on_update=lambda t: seen.append(t.status)))

    assert isinstance(done, MagnificIdeogramImageEditOutput)
    assert done.status == "COMPLETED"
    assert done.generated == DONE_URLS
    assert create.call_count == 1
    assert get.call_count == 7
    assert seen == ["CREATED"] + ["IN_PROGRESS"] * 6 + ["COMPLETED"]
    assert len(clock.delays) == 7
    assert clock.delays[0] == 1.0
    assert all(later >= earlier for earlier, later in zip(clock.delays, clock.delays[1:], strict=False))
    assert clock.delays[-1] > clock.delays[0]
    assert max(clock.delays) == 5.0


async def test_run_raises_job_failed_for_a_failed_task(magnific: Any, router: respx.MockRouter) -> None:
    router.post(TASKS).mock(return_value=envelope(task("CREATED")))
    router.get(f"{TASKS}/{TASK_ID}").mock(side_effect=[envelope(task("IN_PROGRESS")), envelope(task("FAILED"))])
    with pytest.raises(JobFailedError, match="FAILED") as caught:
        await call(magnific.run(MAG_ID, MAG_ARGS))
    assert caught.value.request_id == TASK_ID
    assert TASK_ID in str(caught.value)


async def test_run_stops_at_its_deadline(magnific: Any, router: respx.MockRouter, clock: FakeTime) -> None:
    router.post(TASKS).mock(return_value=envelope(task("CREATED")))
    get = router.get(f"{TASKS}/{TASK_ID}").mock(return_value=envelope(task("IN_PROGRESS")))
    with pytest.raises(WaitTimeoutError) as caught:
        await call(magnific.ideogram_image_edit.run(**MAG_ARGS, timeout=20))
    assert isinstance(caught.value, TimeoutError)
    assert caught.value.request_id == TASK_ID
    assert "20 s" in str(caught.value)
    assert sum(clock.delays) <= 20
    assert get.call_count == len(clock.delays)
    assert clock.delays == sorted(clock.delays)
    assert clock.delays[-1] > clock.delays[0]


async def test_wait_accepts_a_task_id(magnific: Any, router: respx.MockRouter) -> None:
    router.get(f"{TASKS}/{TASK_ID}").mock(
        side_effect=[envelope(task("IN_PROGRESS")), envelope(task("COMPLETED", DONE_URLS))]
    )
    done = await call(magnific.ideogram_image_edit.wait(TASK_ID))
    assert done.generated == DONE_URLS


# ---------------------------------------------------------------------------------------- errors


async def test_400_invalid_params_are_parsed(magnific: Any, router: respx.MockRouter) -> None:
    body = {
        "message": "Your request has invalid parameters",
        "invalid_params": [{"name": "seed", "reason": "must be at most 2147483647"}, {"name": "mask", "reason": "bad"}],
    }
    route = router.post(TASKS).respond(400, json=body, headers={"x-request-id": "rq-400"})
    with pytest.raises(BadRequestError) as caught:
        await call(magnific.create(MAG_ID, MAG_ARGS))
    error = caught.value
    assert route.call_count == 1
    assert error.status_code == 400
    assert error.request_id == "rq-400"
    assert [(d.loc, d.message) for d in error.details] == [
        (("seed",), "must be at most 2147483647"),
        (("mask",), "bad"),
    ]
    assert "Your request has invalid parameters" in str(error)
    assert "seed: must be at most 2147483647" in str(error)


async def test_problem_json_nested_under_problem_is_parsed(magnific: Any, router: respx.MockRouter) -> None:
    body = {"problem": {"message": "Invalid image", "invalid_params": [{"name": "image", "reason": "not base64"}]}}
    router.post(TASKS).respond(400, json=body, headers={"content-type": "application/problem+json"})
    with pytest.raises(BadRequestError) as caught:
        await call(magnific.create(MAG_ID, MAG_ARGS))
    assert [(d.loc, d.message) for d in caught.value.details] == [(("image",), "not base64")]
    assert "Invalid image" in str(caught.value)
    assert "image: not base64" in str(caught.value)


async def test_401_is_an_authentication_error(magnific: Any, router: respx.MockRouter) -> None:
    router.get(TASKS).respond(401, json={"message": "Invalid API key"})
    with pytest.raises(AuthenticationError, match="Invalid API key") as caught:
        await call(magnific.list(MAG_ID))
    assert caught.value.status_code == 401


# ---------------------------------------------------------------------------------------- brands


async def test_freepik_brand_uses_its_host_header_and_variable(
    kind: str, router: respx.MockRouter, clean_env: pytest.MonkeyPatch
) -> None:
    route = router.get(f"{FREEPIK}{MAG_PATH}").mock(return_value=envelope([]))
    clean_env.setenv("FREEPIK_API_KEY", "freepik-env-key")
    clean_env.setenv("MAGNIFIC_API_KEY", "magnific-env-key")
    client = make_magnific(kind, api_key=None, brand="freepik")
    assert client.base_url == FREEPIK
    await call(client.list(MAG_ID))
    headers = route.calls.last.request.headers
    assert headers["x-freepik-api-key"] == "freepik-env-key"
    assert "x-magnific-api-key" not in headers

    clean_env.delenv("FREEPIK_API_KEY")
    fallback = make_magnific(kind, api_key=None, brand="freepik")
    await call(fallback.list(MAG_ID))
    assert route.calls.last.request.headers["x-freepik-api-key"] == "magnific-env-key"
    for client_ in (client, fallback):
        await call(client_.close())


def test_unknown_brand_is_refused() -> None:
    with pytest.raises(ValueError, match="brand"):
        make_magnific("sync", brand="shutterstock")


# --------------------------------------------------------------------------------- invalid input

LIMIT = 10 * 1024 * 1024
OVER = png() + b"\0" * (LIMIT + 1 - len(png()))
HALF = png() + b"\0" * (LIMIT // 2 - len(png()))
INVALID: list[tuple[str, dict[str, Any], str]] = [
    ("range", {"seed": 2147483648}, "seed"),
    ("enum", {"rendering_speed": "FAST"}, "rendering_speed"),
    ("type", {"seed": "5"}, "seed"),
    ("extra-key", {"num_images": 2}, "num_images"),
    ("none", {"magic_prompt": None}, "magic_prompt"),
    ("missing", {"mask": ...}, "mask"),
    ("rule-exclusive", {"style_codes": ["AB12CD34"], "style_type": "AUTO"}, "style_codes"),
    ("rule-requires", {"character_reference_images": [IMAGE]}, "character_reference_images"),
    ("rule-palette", {"color_palette": {"name": "EMBER", "members": [{"color_hex": "#fff"}]}}, "color_palette"),
    ("rule-dimensions", {"image": png(16, 8), "mask": png(8, 8)}, "image"),
    ("http-url", {"image": "http://example.com/in.png"}, "image"),
    ("not-an-image", {"mask": b"plain bytes"}, "mask"),
    ("gif", {"image": png(fmt="GIF")}, "image"),
    ("too-big", {"image": OVER}, "image"),
    ("aggregate-cap", {"style_reference_images": [HALF, HALF + b"\0"]}, "style_reference_images"),
    ("not-base64", {"mask": "%%%"}, "mask"),
]
KWARG_ONLY_CASES = {"extra-key", "missing"}  # for typed resources these are Python's TypeError


@pytest.mark.parametrize(("case", "patch", "field"), INVALID, ids=[case[0] for case in INVALID])
async def test_invalid_input_is_refused_before_any_request(
    magnific: Any, router: respx.MockRouter, case: str, patch: dict[str, Any], field: str
) -> None:
    arguments = patched(MAG_ARGS, patch)
    entries = {method: lambda m=method: getattr(magnific, m)(MAG_ID, arguments) for method in ("create", "run")}
    if case not in KWARG_ONLY_CASES:
        resource = magnific.ideogram_image_edit
        entries["resource.create"] = lambda: resource.create(**arguments)
        entries["resource.run"] = lambda: resource.run(**arguments)
    await assert_refused(router, entries, field)


# ------------------------------------------------------------------------------------------ files


async def test_local_files_are_sent_as_bare_base64(magnific: Any, router: respx.MockRouter, tmp_path: Path) -> None:
    route = router.post(TASKS).mock(return_value=envelope(task()))
    image = png(16, 16, "JPEG")
    mask = tmp_path / "mask.png"
    mask.write_bytes(png(16, 16))
    style = png(4, 4, "WEBP")
    style_uri = "data:image/webp;base64," + base64.b64encode(style).decode()

    await call(
        magnific.ideogram_image_edit.create(
            prompt="p", image=image, mask=mask, style_reference_images=[style_uri, IMAGE]
        )
    )
    assert sent_json(route) == {
        "prompt": "p",
        "image": base64.b64encode(image).decode(),
        "mask": base64.b64encode(mask.read_bytes()).decode(),
        "style_reference_images": [base64.b64encode(style).decode(), IMAGE],
    }


async def test_a_file_of_exactly_the_limit_is_sent(magnific: Any, router: respx.MockRouter) -> None:
    route = router.post(TASKS).mock(return_value=envelope(task()))
    exact = OVER[:-1]
    await call(magnific.create(MAG_ID, {**MAG_ARGS, "image": exact}))
    assert base64.b64decode(sent_json(route)["image"]) == exact
