"""The local emulator, exercised with plain httpx (in-process ASGI, plus one loopback server)."""

from __future__ import annotations

import asyncio
import base64
import hashlib
import hmac
import io
import json
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from typing import Any

import httpx
import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from PIL import Image

from ideogram_clients import ENDPOINTS
from ideogram_clients.emulator import ConnectionDropped, Emulator, EmulatorOptions, FaultRates
from ideogram_clients.emulator.__main__ import main as cli_main
from ideogram_clients.emulator.__main__ import options_from, parser

KEY = {"Authorization": "Key test-key"}
MAG = {"x-magnific-api-key": "test-key"}
BASE = "http://emulator.test"


# -- helpers -----------------------------------------------------------------------------------------


def photo(width: int = 48, height: int = 32) -> bytes:
    """A PNG where neighbouring pixels differ, so "unchanged" is a meaningful check."""
    data = bytes(
        (x * 5 + y * 3 + channel * 70) % 256 for y in range(height) for x in range(width) for channel in range(3)
    )
    return png(Image.frombytes("RGB", (width, height), data))


def left_half_mask(width: int = 48, height: int = 32) -> bytes:
    """Black (= edit) on the left half, white (= keep) on the right."""
    mask = Image.new("L", (width, height), 255)
    mask.paste(0, (0, 0, width // 2, height))
    return png(mask)


def png(image: Image.Image) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()


def data_uri(data: bytes) -> str:
    return "data:image/png;base64," + base64.b64encode(data).decode("ascii")


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def decode(data: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(data))
    image.load()
    return image


@asynccontextmanager
async def emulated(**changes: Any) -> AsyncIterator[tuple[Emulator, httpx.AsyncClient]]:
    settings: dict[str, Any] = {"job_duration": 0.05, "size_divisor": 16, **changes}
    emulator = Emulator(**settings)
    transport = httpx.ASGITransport(app=emulator.app)
    async with httpx.AsyncClient(transport=transport, base_url=BASE) as client:
        yield emulator, client


async def wait_done(client: httpx.AsyncClient, status_url: str, timeout: float = 5.0) -> dict[str, Any]:
    async with asyncio.timeout(timeout):
        while True:
            body: dict[str, Any] = (await client.get(status_url, headers=KEY)).json()
            if body["status"] == "COMPLETED":
                return body
            await asyncio.sleep(0.01)


async def fetch(client: httpx.AsyncClient, url: str) -> bytes:
    if url.startswith("data:"):
        return base64.b64decode(url.partition(",")[2])
    response = await client.get(url)
    assert response.status_code == 200
    assert response.headers["content-type"] == "image/png"
    return response.content


async def run_fal(client: httpx.AsyncClient, endpoint_id: str, arguments: dict[str, Any]) -> dict[str, Any]:
    response = await client.post(f"/fal-run/{endpoint_id}", json=arguments, headers=KEY)
    assert response.status_code == 200, response.text
    result: dict[str, Any] = response.json()
    ENDPOINTS[endpoint_id].parse_output(result)
    return result


def sse_events(text: str) -> list[dict[str, Any]]:
    return [json.loads(line[len("data: ") :]) for line in text.splitlines() if line.startswith("data: ")]


# -- fal queue ---------------------------------------------------------------------------------------


async def test_submit_status_shapes_result_and_served_file() -> None:
    async with emulated(job_duration=0.4, queue_depth=2, queue_step=0.05) as (emulator, client):
        reply = await client.post("/fal-ai/ideogram/v3", json={"prompt": "a red fox"}, headers=KEY)
        assert reply.status_code == 200
        submitted = reply.json()
        request_id = submitted["request_id"]
        base = f"{BASE}/fal-ai/ideogram/requests/{request_id}"
        assert submitted == {  # fal's QueueStatus: status and request_id are required
            "status": "IN_QUEUE",
            "request_id": request_id,
            "queue_position": 2,
            "response_url": base,
            "status_url": f"{base}/status",
            "cancel_url": f"{base}/cancel",
        }
        queued = (await client.get(submitted["status_url"], headers=KEY)).json()
        assert queued == {"status": "IN_QUEUE", "queue_position": 2, "request_id": request_id, "response_url": base}
        early = await client.get(submitted["response_url"], headers=KEY)
        assert (early.status_code, early.json()) == (400, {"detail": "Request is still in progress"})

        await asyncio.sleep(0.15)
        running = (await client.get(submitted["status_url"] + "?logs=1", headers=KEY)).json()
        assert running["status"] == "IN_PROGRESS"
        assert running["logs"] and {"message", "level", "source", "timestamp"} <= running["logs"][0].keys()
        quiet = (await client.get(submitted["status_url"], headers=KEY)).json()
        # the key is always there, null unless asked for: fal-client reads data["logs"] unconditionally
        assert quiet["status"] == "IN_PROGRESS" and quiet["logs"] is None

        done = await wait_done(client, submitted["status_url"] + "?logs=1")
        assert done["metrics"]["inference_time"] == pytest.approx(0.4, abs=0.01)
        assert done["logs"][-1]["message"] == "Finished" and "error" not in done
        result = (await client.get(submitted["response_url"], headers=KEY)).json()
        output = ENDPOINTS["fal-ai/ideogram/v3"].parse_output(result)
        assert len(output.images) == 1 and isinstance(result["seed"], int)
        image = decode(await fetch(client, result["images"][0]["url"]))
        assert image.size == (64, 64)  # square_hd 1024 / size_divisor 16
        assert emulator.stats.jobs_created["fal-ai/ideogram/v3"] == 1


async def test_request_urls_accept_full_endpoint_id_but_not_another_app() -> None:
    async with emulated() as (_, client):
        request_id = (await client.post("/fal-ai/ideogram/v3", json={"prompt": "x"}, headers=KEY)).json()["request_id"]
        full = await client.get(f"/fal-ai/ideogram/v3/requests/{request_id}/status", headers=KEY)
        assert full.status_code == 200
        other = await client.get(f"/fal-ai/flux/requests/{request_id}/status", headers=KEY)
        assert (other.status_code, other.json()) == (404, {"detail": "Request not found"})
        unknown = await client.get("/fal-ai/ideogram/requests/nope", headers=KEY)
        assert unknown.status_code == 404
        missing = await client.post("/fal-ai/ideogram/v9", json={"prompt": "x"}, headers=KEY)
        assert missing.status_code == 404 and "not found" in missing.json()["detail"]


async def test_status_stream_yields_positions_then_completed_and_closes() -> None:
    async with emulated(job_duration=0.06, queue_depth=3, queue_step=0.04) as (_, client):
        submitted = (await client.post("/fal-ai/ideogram/v3", json={"prompt": "x"}, headers=KEY)).json()
        reply = await client.get(submitted["status_url"] + "/stream?logs=1", headers=KEY)
        assert reply.headers["content-type"].startswith("text/event-stream")
        events = sse_events(reply.text)
        positions = [event["queue_position"] for event in events if event["status"] == "IN_QUEUE"]
        assert positions[0] == 3 and len(positions) >= 2  # normally [3, 2, 1]; a busy machine may skip one
        assert positions == sorted(set(positions), reverse=True)
        statuses = [event["status"] for event in events]
        assert statuses[len(positions)] == "IN_PROGRESS" and statuses[-1] == "COMPLETED" and "metrics" in events[-1]
        assert all(event != events[-1] for event in events[:-1])  # one event per change


async def test_status_stream_pings_while_nothing_changes() -> None:
    async with emulated(job_duration=0.2, ping_interval=0.04) as (_, client):
        submitted = (await client.post("/fal-ai/ideogram/v3", json={"prompt": "x"}, headers=KEY)).json()
        text = (await client.get(submitted["status_url"] + "/stream", headers=KEY)).text
        assert ": ping" in text
        assert [event["status"] for event in sse_events(text)] == ["IN_PROGRESS", "COMPLETED"]


async def test_a_finished_jobs_stream_is_its_last_event_sent_whole() -> None:
    async with emulated(job_duration=0) as (_, client):
        submitted = (await client.post("/fal-ai/ideogram/v3", json={"prompt": "x"}, headers=KEY)).json()
        await asyncio.sleep(0.01)
        stream = await client.get(submitted["status_url"] + "/stream", headers=KEY)
        status = (await client.get(submitted["status_url"], headers=KEY)).json()
        assert stream.headers["content-type"].startswith("text/event-stream")
        assert stream.headers["content-length"] == str(len(stream.content))
        assert stream.headers["x-fal-request-id"] == submitted["request_id"]
        assert sse_events(stream.text) == [status] and status["status"] == "COMPLETED"


async def test_cancel_answers() -> None:
    async with emulated(job_duration=0.5, workers=1) as (_, client):
        running = (await client.post("/fal-ai/ideogram/v3", json={"prompt": "a"}, headers=KEY)).json()
        queued = (await client.post("/fal-ai/ideogram/v3", json={"prompt": "b"}, headers=KEY)).json()
        assert (await client.get(queued["status_url"], headers=KEY)).json()["queue_position"] == 0

        reply = await client.put(queued["cancel_url"], headers=KEY)
        assert (reply.status_code, reply.json()) == (200, {"status": "OK"})
        reply = await client.put(running["cancel_url"], headers=KEY)
        assert (reply.status_code, reply.json()) == (202, {"status": "CANCELLATION_REQUESTED"})
        status = (await client.get(running["status_url"], headers=KEY)).json()
        assert status["status"] == "COMPLETED" and status["error_type"] == "request_cancelled"
        reply = await client.put(running["cancel_url"], headers=KEY)
        assert (reply.status_code, reply.json()) == (400, {"status": "ALREADY_COMPLETED"})
        result = await client.get(running["response_url"], headers=KEY)
        assert result.status_code == 400 and result.json()["error_type"] == "request_cancelled"
        reply = await client.put("/fal-ai/ideogram/requests/unknown/cancel", headers=KEY)
        assert (reply.status_code, reply.json()) == (404, {"status": "NOT_FOUND"})


async def test_sync_run_answers_the_result_directly() -> None:
    async with emulated() as (emulator, client):
        reply = await client.post("/fal-run/fal-ai/ideogram/v3", json={"prompt": "x", "seed": 7}, headers=KEY)
        assert reply.status_code == 200 and reply.json()["seed"] == 7
        assert reply.headers["x-fal-request-id"]
        assert emulator.stats.jobs_created["fal-ai/ideogram/v3"] == 1
        assert emulator.jobs() == []  # sync requests are not queue requests


# -- validation, auth, limits ------------------------------------------------------------------------


async def test_invalid_input_is_answered_in_each_providers_shape() -> None:
    async with emulated() as (emulator, client):
        reply = await client.post("/fal-ai/ideogram/v3", json={"prompt": 3, "num_images": 9, "bogus": 1}, headers=KEY)
        assert reply.status_code == 422 and reply.headers["x-fal-retryable"] == "false"
        detail = {tuple(item["loc"]): item for item in reply.json()["detail"]}
        assert set(detail) == {("body", "prompt"), ("body", "num_images"), ("body", "bogus")}
        assert detail[("body", "num_images")]["type"] == "less_than_equal" and detail[("body", "num_images")]["msg"]

        body = {"prompt": "x", "image": b64(photo()), "mask": b64(left_half_mask()),
                "color_palette": {"members": [{"color_hex": "red"}]}}  # fmt: skip
        reply = await client.post("/v1/ai/ideogram-image-edit", json=body, headers=MAG)
        assert reply.status_code == 400
        assert reply.json()["invalid_params"][0]["name"] == "color_palette.members.0.color_hex"
        assert reply.json()["message"] and reply.json()["invalid_params"][0]["reason"]

        not_json = await client.post("/fal-ai/ideogram/v3", content=b"{nope", headers=KEY)
        assert not_json.status_code == 422 and not_json.json()["detail"][0]["type"] == "json_invalid"
        not_object = await client.post("/fal-ai/ideogram/v3", json=[1], headers=KEY)
        assert not_object.status_code == 422 and not_object.json()["detail"][0]["loc"] == ["body"]
        reply = await client.post("/v1/ai/ideogram-image-edit", content=b"nope", headers=MAG)
        assert reply.status_code == 400 and reply.json()["invalid_params"][0]["name"] == "body"
        assert emulator.stats.total_jobs == 0


async def test_remote_urls_are_refused_but_own_served_files_are_inputs() -> None:
    async with emulated() as (emulator, client):
        remote = {"prompt": "x", "image_url": "https://example.com/a.png", "mask_url": data_uri(left_half_mask())}
        reply = await client.post("/fal-ai/ideogram/v2/edit", json=remote, headers=KEY)
        assert reply.status_code == 422
        (problem,) = reply.json()["detail"]
        assert problem["loc"] == ["body", "image_url"] and problem["type"] == "file_download_error"
        assert "does not download" in problem["msg"]

        made = await run_fal(client, "fal-ai/ideogram/v3", {"prompt": "x", "image_size": {"width": 48, "height": 32}})
        own = made["images"][0]["url"]
        edited = await run_fal(
            client, "fal-ai/ideogram/v2/edit", {"prompt": "y", "image_url": own, "mask_url": data_uri(left_half_mask())}
        )
        assert decode(await fetch(client, edited["images"][0]["url"])).size == (48, 32)

        wrong_size = {"prompt": "y", "image_url": own, "mask_url": data_uri(left_half_mask(10, 10))}
        reply = await client.post("/fal-ai/ideogram/v2/edit", json=wrong_size, headers=KEY)
        assert reply.status_code == 422 and reply.json()["detail"][0]["type"] == "same_dimensions"
        assert emulator.stats.total_jobs == 2


async def test_auth_is_required_and_checked_against_expected_keys() -> None:
    async with emulated(api_keys=("good",)) as (_, client):
        body = {"prompt": "x"}
        missing = await client.post("/fal-ai/ideogram/v3", json=body)
        assert missing.status_code == 401 and "detail" in missing.json()
        for header in ("Key bad", "Bearer good", "good"):
            assert (
                await client.post("/fal-ai/ideogram/v3", json=body, headers={"Authorization": header})
            ).status_code == 401
        ok = await client.post("/fal-ai/ideogram/v3", json=body, headers={"Authorization": "Key good"})
        assert ok.status_code == 200
        status = await client.get(ok.json()["status_url"])
        assert status.status_code == 401

        path = "/v1/ai/ideogram-image-edit"
        assert (await client.get(path)).json() == {"message": "Missing API key"}
        bad = await client.get(path, headers={"x-magnific-api-key": "bad"})
        assert (bad.status_code, bad.json()) == (401, {"message": "Invalid API key"})
        assert (await client.get(path, headers={"x-magnific-api-key": "good"})).status_code == 200
        assert (await client.get(path, headers={"x-freepik-api-key": "good"})).status_code == 200


async def test_body_over_the_cap_is_413() -> None:
    async with emulated(max_body_bytes=2000) as (emulator, client):
        big = {"prompt": "x" * 5000}
        reply = await client.post("/fal-ai/ideogram/v3", json=big, headers=KEY)
        assert reply.status_code == 413 and "2000" in reply.json()["detail"]
        reply = await client.post("/v1/ai/ideogram-image-edit", json=big, headers=MAG)
        assert reply.status_code == 413 and "message" in reply.json()

        async def chunks() -> AsyncIterator[bytes]:  # no content-length: the cap applies while reading
            yield b'{"prompt": "'
            yield b"y" * 3000
            yield b'"}'

        reply = await client.post("/fal-ai/ideogram/v3", content=chunks(), headers=KEY)
        assert reply.status_code == 413
        assert emulator.stats.total_jobs == 0


# -- outputs -----------------------------------------------------------------------------------------


def assert_edited(source: Image.Image, output: Image.Image) -> None:
    """Right half (white mask) identical pixel for pixel; left half (black mask) repainted."""
    assert output.size == source.size
    width, height = source.size
    keep = (width // 2, 0, width, height)
    edit = (0, 0, width // 2, height)
    assert output.convert("RGB").crop(keep).tobytes() == source.crop(keep).tobytes()
    before, after = source.crop(edit).tobytes(), output.convert("RGB").crop(edit).tobytes()
    changed = sum(1 for i in range(0, len(before), 3) if before[i : i + 3] != after[i : i + 3])
    assert changed > 0.9 * (len(before) // 3)


@pytest.mark.parametrize("endpoint_id", ["fal-ai/ideogram/v2/edit", "fal-ai/ideogram/v3/edit"])
async def test_fal_edit_changes_only_the_black_masked_region_deterministically(endpoint_id: str) -> None:
    source = decode(photo())
    arguments = {"prompt": "a hat", "seed": 11, "image_url": data_uri(photo()), "mask_url": data_uri(left_half_mask())}
    async with emulated() as (_, client):
        first = await fetch(client, (await run_fal(client, endpoint_id, arguments))["images"][0]["url"])
        again = await fetch(client, (await run_fal(client, endpoint_id, arguments))["images"][0]["url"])
        other_seed = await fetch(
            client, (await run_fal(client, endpoint_id, {**arguments, "seed": 12}))["images"][0]["url"]
        )
        other_prompt = await fetch(
            client, (await run_fal(client, endpoint_id, {**arguments, "prompt": "a cat"}))["images"][0]["url"]
        )
    assert_edited(source, decode(first))
    assert decode(first).tobytes() == decode(again).tobytes()
    assert decode(first).tobytes() != decode(other_seed).tobytes()
    assert decode(first).tobytes() != decode(other_prompt).tobytes()
    assert_edited(source, decode(other_seed))


async def test_magnific_task_lifecycle_and_edit_output() -> None:
    async with emulated(job_duration=0.15, queue_depth=1, queue_step=0.1) as (emulator, client):
        body = {"prompt": "a hat", "seed": 5, "image": b64(photo()), "mask": b64(left_half_mask())}
        created = await client.post("/v1/ai/ideogram-image-edit", json=body, headers=MAG)
        assert created.status_code == 200
        task = created.json()["data"]
        assert task["status"] == "CREATED" and task["generated"] == []
        url = f"/v1/ai/ideogram-image-edit/{task['task_id']}"
        seen = []
        async with asyncio.timeout(5):
            while not seen or seen[-1] != "COMPLETED":
                current = (await client.get(url, headers=MAG)).json()["data"]
                if not seen or seen[-1] != current["status"]:
                    seen.append(current["status"])
                await asyncio.sleep(0.01)
        assert seen == ["CREATED", "IN_PROGRESS", "COMPLETED"]
        ENDPOINTS["magnific/ideogram-image-edit"].parse_output(current)
        (image_url,) = current["generated"]
        assert image_url.startswith(f"{BASE}/files/")
        assert_edited(decode(photo()), decode(await fetch(client, image_url)))
        listed = (await client.get("/v1/ai/ideogram-image-edit", headers=MAG)).json()["data"]
        assert listed == [current]
        missing = await client.get("/v1/ai/ideogram-image-edit/nope", headers=MAG)
        assert (missing.status_code, missing.json()) == (404, {"message": "Task not found"})
        assert emulator.stats.jobs_created == {"magnific/ideogram-image-edit": 1}


async def test_sync_mode_num_images_and_sizes() -> None:
    async with emulated() as (_, client):
        result = await run_fal(client, "fal-ai/ideogram/v3", {"prompt": "x", "num_images": 3, "sync_mode": True,
                                                              "image_size": {"width": 40, "height": 24}})  # fmt: skip
        urls = [image["url"] for image in result["images"]]
        assert len(urls) == 3 and all(url.startswith("data:image/png;base64,") for url in urls)
        images = [decode(await fetch(client, url)) for url in urls]
        assert {image.size for image in images} == {(40, 24)}
        assert len({image.tobytes() for image in images}) == 3

        preset = await run_fal(client, "fal-ai/ideogram/v3", {"prompt": "x", "image_size": "portrait_16_9"})
        assert decode(await fetch(client, preset["images"][0]["url"])).size == (36, 64)
        remix = await run_fal(client, "fal-ai/ideogram/v3/remix", {"prompt": "x", "image_url": data_uri(photo()),
                                                                    "image_size": "landscape_4_3"})  # fmt: skip
        assert decode(await fetch(client, remix["images"][0]["url"])).size == (64, 48)
        reframe = await run_fal(client, "fal-ai/ideogram/v3/reframe", {"image_url": data_uri(photo()),
                                                                        "image_size": {"width": 80, "height": 20}})  # fmt: skip
        assert decode(await fetch(client, reframe["images"][0]["url"])).size == (80, 20)
        background = await run_fal(
            client, "fal-ai/ideogram/v3/replace-background", {"prompt": "x", "image_url": data_uri(photo())}
        )
        assert decode(await fetch(client, background["images"][0]["url"])).size == (48, 32)
        too_big = await client.post(
            "/fal-run/fal-ai/ideogram/v3", json={"prompt": "x", "image_size": {"width": 9000, "height": 9}}, headers=KEY
        )
        assert too_big.status_code == 422 and too_big.json()["detail"][0]["loc"] == ["body", "image_size"]


async def test_generation_is_deterministic_per_prompt_and_seed_and_emulator_seed() -> None:
    async def first_image(emulator_seed: int, arguments: dict[str, Any]) -> tuple[int, bytes]:
        async with emulated(seed=emulator_seed) as (_, client):
            result = await run_fal(client, "fal-ai/ideogram/v3", {"sync_mode": True, **arguments})
            return result["seed"], await fetch(client, result["images"][0]["url"])

    assert await first_image(1, {"prompt": "x", "seed": 3}) == await first_image(2, {"prompt": "x", "seed": 3})
    assert await first_image(1, {"prompt": "x"}) == await first_image(1, {"prompt": "x"})
    assert (await first_image(1, {"prompt": "x"}))[0] != (await first_image(2, {"prompt": "x"}))[0]


def minimal_arguments(endpoint_id: str) -> dict[str, Any]:
    """Every required field of an endpoint, filled with something valid."""
    endpoint = ENDPOINTS[endpoint_id]
    fal = endpoint.provider == "fal"
    image = data_uri(photo()) if fal else b64(photo())
    mask = data_uri(left_half_mask()) if fal else b64(left_half_mask())
    arguments: dict[str, Any] = {}
    for name, field in endpoint.input_model.model_fields.items():
        if not field.is_required():
            continue
        if name == "image_size":
            arguments[name] = "square"
        elif "mask" in name:
            arguments[name] = mask
        elif "image" in name:
            arguments[name] = [image] if name.endswith("s") else image
        else:
            arguments[name] = "a prompt"
    return arguments


@pytest.mark.parametrize("endpoint_id", sorted(key for key, value in ENDPOINTS.items() if value.provider == "fal"))
async def test_every_fal_endpoint_answers_output_that_fits_its_model(endpoint_id: str) -> None:
    async with emulated(job_duration=0.0) as (_, client):
        result = await run_fal(client, endpoint_id, minimal_arguments(endpoint_id))
        assert decode(await fetch(client, result["images"][0]["url"])).format == "PNG"


# -- faults ------------------------------------------------------------------------------------------


async def fault_run(seed: int) -> tuple[list[str], Emulator]:
    rates = FaultRates(error_500=0.1, error_503=0.1, rate_limit=0.1, drop=0.1, slow=0.1)
    outcomes: list[str] = []
    async with emulated(seed=seed, faults=rates, slow_seconds=0.001, retry_after=2) as (emulator, client):
        for index in range(40):
            try:
                reply = await client.post("/fal-ai/ideogram/v3", json={"prompt": f"p{index}"}, headers=KEY)
            except ConnectionDropped:
                outcomes.append("drop")
                continue
            outcomes.append(str(reply.status_code))
            if reply.status_code == 503:
                assert "x-fal-request-id" not in reply.headers and reply.json()["error_type"]
            if reply.status_code == 500:
                assert reply.headers["x-fal-request-id"]
            if reply.status_code == 429:
                assert reply.headers["retry-after"] == "2"
    return outcomes, emulator


async def test_faults_are_reproducible_per_seed_counted_and_injected_before_job_creation() -> None:
    outcomes, emulator = await fault_run(seed=3)
    again, _ = await fault_run(seed=3)
    other, _ = await fault_run(seed=4)
    assert outcomes == again and outcomes != other
    assert {"500", "503", "429", "drop"} <= set(outcomes)
    faults = emulator.stats.faults
    assert faults["error_500"] == outcomes.count("500") and faults["error_503"] == outcomes.count("503")
    assert faults["rate_limit"] == outcomes.count("429") and faults["drop"] == outcomes.count("drop")
    assert 0 < faults["slow"] <= outcomes.count("200")  # slow answers still succeed
    assert emulator.stats.total_jobs == outcomes.count("200")  # faulted submits created nothing
    assert emulator.stats.requests["fal.submit"] == 40 and emulator.stats.duplicate_jobs == 0


async def test_magnific_fault_answers_and_stream_drop() -> None:
    async with emulated(faults=FaultRates(error_503=1.0)) as (_, client):
        reply = await client.get("/v1/ai/ideogram-image-edit", headers=MAG)
        assert (reply.status_code, reply.json()) == (503, {"message": "Service Unavailable"})
        assert (await client.get("/_emulator/stats")).status_code == 200  # never faulted
    async with emulated(job_duration=0.1, faults=FaultRates(stream_drop=1.0)) as (emulator, client):
        submitted = (await client.post("/fal-ai/ideogram/v3", json={"prompt": "x"}, headers=KEY)).json()
        with pytest.raises(ConnectionDropped):
            await client.get(submitted["status_url"] + "/stream", headers=KEY)
        assert emulator.stats.faults["stream_drop"] == 1


async def test_job_failure_shows_in_status_result_and_sync() -> None:
    async with emulated(faults=FaultRates(job_failure=1.0)) as (_, client):
        submitted = (await client.post("/fal-ai/ideogram/v3", json={"prompt": "x"}, headers=KEY)).json()
        done = await wait_done(client, submitted["status_url"])
        assert done["error"] and done["error_type"] == "internal_server_error"
        result = await client.get(submitted["response_url"], headers=KEY)
        assert result.status_code == 500 and result.headers["x-fal-request-id"] == submitted["request_id"]
        sync = await client.post("/fal-run/fal-ai/ideogram/v3", json={"prompt": "x"}, headers=KEY)
        assert sync.status_code == 500
        body = {"prompt": "x", "image": b64(photo()), "mask": b64(left_half_mask())}
        task = (await client.post("/v1/ai/ideogram-image-edit", json=body, headers=MAG)).json()["data"]
        await asyncio.sleep(0.1)
        got = (await client.get(f"/v1/ai/ideogram-image-edit/{task['task_id']}", headers=MAG)).json()["data"]
        assert got == {"task_id": task["task_id"], "status": "FAILED", "generated": []}


# -- webhooks ----------------------------------------------------------------------------------------


def recorder(fail_first: int = 0) -> tuple[list[httpx.Request], httpx.MockTransport]:
    received: list[httpx.Request] = []

    def handle(request: httpx.Request) -> httpx.Response:
        received.append(request)
        return httpx.Response(500 if len(received) <= fail_first else 200)

    return received, httpx.MockTransport(handle)


def jwk_key(jwks: dict[str, Any]) -> Ed25519PublicKey:
    (key,) = jwks["keys"]
    assert (key["kty"], key["crv"]) == ("OKP", "Ed25519")
    return Ed25519PublicKey.from_public_bytes(base64.urlsafe_b64decode(key["x"] + "=="))


async def test_fal_webhook_is_delivered_signed_and_verifiable_with_the_served_jwks() -> None:
    received, transport = recorder(fail_first=1)
    async with emulated(webhook_transport=transport, webhook_backoff=0.01) as (emulator, client):
        hook = "http://127.0.0.1:9/hook"
        reply = await client.post(
            "/fal-ai/ideogram/v3", params={"fal_webhook": hook}, json={"prompt": "x"}, headers=KEY
        )
        submitted = reply.json()
        assert submitted["gateway_request_id"] == submitted["request_id"]
        await emulator.drain_webhooks()
        public = jwk_key((await client.get("/.well-known/jwks.json")).json())

        remote = await client.post(
            "/fal-ai/ideogram/v3", params={"fal_webhook": "https://example.com/h"}, json={"prompt": "x"}, headers=KEY
        )
        assert remote.status_code == 422 and remote.json()["detail"][0]["loc"] == ["query", "fal_webhook"]

    assert (
        len(received) == 2
        and emulator.stats.webhooks["delivered"] == 1
        and emulator.stats.webhooks["attempt_failed"] == 1
    )
    delivery = received[-1]
    assert str(delivery.url) == hook
    body = json.loads(delivery.content)
    assert body["request_id"] == submitted["request_id"] and body["status"] == "OK"
    ENDPOINTS["fal-ai/ideogram/v3"].parse_output(body["payload"])
    headers = delivery.headers
    assert headers["x-fal-webhook-request-id"] == submitted["request_id"]
    message = "\n".join([headers["x-fal-webhook-request-id"], headers["x-fal-webhook-user-id"],
                         headers["x-fal-webhook-timestamp"], hashlib.sha256(delivery.content).hexdigest()])  # fmt: skip
    public.verify(bytes.fromhex(headers["x-fal-webhook-signature"]), message.encode())
    assert emulator.fal_public_key.public_bytes_raw() == public.public_bytes_raw()


async def test_fal_webhook_reports_cancellation_as_error() -> None:
    received, transport = recorder()
    async with emulated(job_duration=1.0, webhook_transport=transport) as (emulator, client):
        reply = await client.post(
            "/fal-ai/ideogram/v3?fal_webhook=http://localhost:1/h", json={"prompt": "x"}, headers=KEY
        )
        await client.put(reply.json()["cancel_url"], headers=KEY)
        await emulator.drain_webhooks()
    body = json.loads(received[0].content)
    assert body["status"] == "ERROR" and body["error"] and body["payload"]["detail"]


async def test_magnific_webhook_on_every_status_change_with_standard_webhooks_hmac() -> None:
    received, transport = recorder()
    secret = "s3cret"
    async with emulated(webhook_transport=transport, magnific_webhook_secret=secret) as (emulator, client):
        body = {
            "prompt": "x",
            "image": b64(photo()),
            "mask": b64(left_half_mask()),
            "webhook_url": "http://127.0.0.1:9/m",
        }
        await client.post("/v1/ai/ideogram-image-edit", json=body, headers=MAG)
        await emulator.drain_webhooks()
        remote = await client.post(
            "/v1/ai/ideogram-image-edit", json={**body, "webhook_url": "https://example.com/m"}, headers=MAG
        )
        assert remote.status_code == 400 and remote.json()["invalid_params"][0]["name"] == "webhook_url"
    tasks = [json.loads(request.content) for request in received]
    assert [task["status"] for task in tasks] == ["CREATED", "IN_PROGRESS", "COMPLETED"]
    assert tasks[-1]["generated"] and "data" not in tasks[-1]
    ids = set()
    for request in received:
        webhook_id, stamp = request.headers["webhook-id"], request.headers["webhook-timestamp"]
        ids.add(webhook_id)
        signed = f"{webhook_id}.{stamp}.".encode() + request.content
        expected = base64.b64encode(hmac.new(secret.encode(), signed, hashlib.sha256).digest()).decode()
        assert request.headers["webhook-signature"] == f"v1,{expected}"
    assert len(ids) == 3


# -- real server, options, CLI ----------------------------------------------------------------------


def test_loopback_server_streams_serves_files_and_drops_connections() -> None:
    emulator = Emulator(job_duration=0.1, queue_depth=2, queue_step=0.05, size_divisor=16)
    with emulator.serve() as url, httpx.Client(base_url=url, timeout=5) as client:
        assert url.startswith("http://127.0.0.1:")
        submitted = client.post("/fal-ai/ideogram/v3", json={"prompt": "x"}, headers=KEY).json()
        assert submitted["status_url"].startswith(url + "/fal-ai/ideogram/requests/")
        statuses = []
        with client.stream("GET", submitted["status_url"] + "/stream", headers=KEY) as stream:
            for line in stream.iter_lines():
                if line.startswith("data: "):
                    statuses.append(json.loads(line[6:])["status"])
        assert statuses[0] == "IN_QUEUE" and statuses[-1] == "COMPLETED"
        result = client.get(submitted["response_url"], headers=KEY).json()
        assert decode(client.get(result["images"][0]["url"]).content).size == (64, 64)
        assert client.get("/_emulator/stats").json()["jobs_created"] == {"fal-ai/ideogram/v3": 1}

    dropping = Emulator(faults=FaultRates(drop=1.0))
    with dropping.serve() as url, httpx.Client(base_url=url, timeout=5) as client:
        with pytest.raises(httpx.RemoteProtocolError):
            client.post("/fal-ai/ideogram/v3", json={"prompt": "x"}, headers=KEY)
        assert dropping.stats.total_jobs == 0


def test_options_and_cli_guards(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(ValueError, match="more than 1"):
        FaultRates(error_500=0.6, drop=0.6)
    with pytest.raises(ValueError, match="workers"):
        EmulatorOptions(workers=0)
    with pytest.raises(ValueError, match="loopback"):
        Emulator().serve(host="0.0.0.0").__enter__()
    assert cli_main(["--host", "0.0.0.0", "--port", "0"]) == 2
    assert "loopback" in capsys.readouterr().err
    options = options_from(
        parser().parse_args(["--seed", "9", "--fault-429", "0.2", "--api-key", "a", "--api-key", "b"])
    )
    assert (options.seed, options.faults.rate_limit, options.api_keys) == (9, 0.2, ("a", "b"))
    assert options.create_faults is None  # job creation gets the same faults by default
    rates = ["--fault-500", "0.1", "--fault-503", "0.1", "--fault-429", "0.1", "--fault-drop", "0.1"]
    safe = options_from(parser().parse_args([*rates, "--fault-slow", "0.1", "--safe-create-faults"]))
    assert safe.create_faults == FaultRates(error_503=0.1, rate_limit=0.1, slow=0.1)
    assert (safe.faults.error_500, safe.faults.drop) == (0.1, 0.1)


def test_stats_snapshot_is_json_ready() -> None:
    snapshot: Callable[[], dict[str, Any]] = Emulator().stats.snapshot
    assert json.loads(json.dumps(snapshot()))["total_jobs"] == 0


async def test_a_method_a_known_path_does_not_serve_is_405_with_allow() -> None:
    async with emulated() as (_, client):
        for method in ("GET", "PUT", "DELETE", "PATCH"):
            reply = await client.request(method, "/fal-ai/ideogram/v3", headers=KEY)
            assert (reply.status_code, reply.headers["allow"]) == (405, "POST"), method
        status = await client.delete("/fal-ai/ideogram/requests/abc/status", headers=KEY)
        assert (status.status_code, status.headers["allow"]) == (405, "GET")
        magnific = await client.delete("/v1/ai/ideogram-image-edit", headers={"x-magnific-api-key": "k"})
        assert magnific.status_code == 405 and set(magnific.headers["allow"].split(", ")) >= {"GET", "POST"}
        unknown = await client.get("/not/an/endpoint", headers=KEY)  # an unknown path stays 404
        assert (unknown.status_code, unknown.json()) == (404, {"detail": "Not Found"})


async def test_null_on_a_nullable_field_and_a_partial_rgb_are_accepted() -> None:
    async with emulated() as (_, client):
        body = {"prompt": "a cat", "seed": None, "color_palette": {"members": [{"rgb": {"r": 200}}]}}
        reply = await client.post("/fal-ai/ideogram/v3", json=body, headers=KEY)
        assert reply.status_code == 200 and reply.json()["status"] == "IN_QUEUE"


def test_queue_positions_count_the_real_jobs_still_ahead() -> None:
    """Positions from the backward walk equal a count over every earlier job, cancels included."""
    from ideogram_clients.emulator._jobs import JobStore, Phase

    now = [0.0]
    store = JobStore(EmulatorOptions(job_duration=1.0, workers=2, queue_depth=0), clock=lambda: now[0])
    model = ENDPOINTS["fal-ai/ideogram/v3"].validate({"prompt": "x"})
    jobs = [store.create(ENDPOINTS["fal-ai/ideogram/v3"], model, base_url="http://e", fails=False) for _ in range(9)]

    def counted(job: Any) -> int:
        earlier = jobs[: jobs.index(job)]
        return sum(other.phase(now[0]) is Phase.QUEUED for other in earlier)

    def positions() -> list[int | None]:
        return [store.queue_position(job, now[0]) if job.phase(now[0]) is Phase.QUEUED else None for job in jobs]

    assert positions() == [None, None, 0, 1, 2, 3, 4, 5, 6]
    store.cancel(jobs[4], now[0])
    assert positions() == [None, None, 0, 1, None, 2, 3, 4, 5]
    now[0] = 1.5  # the first two are done, the next two run
    assert positions() == [None, None, None, None, None, 0, 1, 2, 3]
    for moment in (0.0, 0.5, 1.0, 2.2, 3.9, 9.0):
        now[0] = moment
        assert [store.queue_position(job, moment) for job in jobs] == [counted(job) for job in jobs]
