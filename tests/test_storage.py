"""fal storage uploads through FalClient / AsyncFalClient (each test runs for both twins) against respx.

The token is fetched once with the fal key and reused; uploads carry only the token; one request up
to 100 MiB, 10 MiB multipart parts above; the older repository when the token endpoint is gone;
retries; identical content uploaded once; and the file policy: refused input uploads nothing, a
failed upload sends no submit, ``auto`` inlines small images and uploads large ones.
"""

from __future__ import annotations

import base64
import io
import json
import time
from pathlib import Path
from typing import Any

import httpx
import pytest
import respx

from ideogram_clients import InvalidInputError, UploadError
from ideogram_clients._file_policy import AUTO_UPLOAD_BYTES

pytest.register_assert_rewrite("tests.clients_support", "tests.storage_support")
from tests.clients_support import FAL_KEY, QUEUE, call, close, make_fal, png  # noqa: E402
from tests.storage_support import CDN, STORAGE_TOKEN, FakeStorage  # noqa: E402

pytest_plugins = ("tests.clients_support",)

V2 = "fal-ai/ideogram/v2/edit"


@pytest.fixture
def storage(router: respx.MockRouter) -> FakeStorage:
    return FakeStorage(router)


@pytest.fixture
async def fal(kind: str, clean_env: Any) -> Any:
    client = make_fal(kind, max_retries=2)
    client._http.sleep = (lambda seconds: None) if kind == "sync" else _no_sleep
    yield client
    await close(client)


async def _no_sleep(seconds: float) -> None:
    return None


def _submit_route(router: respx.MockRouter) -> respx.Route:
    return router.post(f"{QUEUE}/{V2}").mock(return_value=httpx.Response(200, json={"request_id": "req-1"}))


def _edit(image: Any, mask: Any) -> dict[str, Any]:
    return {"prompt": "a cat", "image_url": image, "mask_url": mask}


# -- the protocol ----------------------------------------------------------------------------------


async def test_the_token_is_fetched_once_with_the_fal_key_and_uploads_carry_only_the_token(
    fal: Any, storage: FakeStorage
) -> None:
    urls = [await call(fal.upload(png(8 + index, 8))) for index in range(3)]
    assert storage.count("token") == 1
    token_request = storage.seen["token"][0]
    assert token_request.headers["authorization"] == f"Key {FAL_KEY}"
    assert token_request.url.params["storage_type"] == "fal-cdn-v3"
    for request in storage.seen["upload"]:
        assert request.headers["authorization"] == f"Bearer {STORAGE_TOKEN}-1"
        assert FAL_KEY not in str(request.headers)
        assert request.headers["content-type"] == "image/png"
        assert request.headers["x-fal-file-name"] == "upload.png"
    assert len(set(urls)) == 3 and all(url.startswith(f"{CDN}/files/") for url in urls)


async def test_a_token_near_its_expiry_is_renewed_before_use(fal: Any, storage: FakeStorage) -> None:
    now = [time.time()]
    fal.storage._wall_clock = lambda: now[0]
    storage.expires_at = time.strftime("%Y-%m-%dT%H:%M:%S+00:00", time.gmtime(now[0] + 3600))
    await call(fal.upload(b"one"))
    now[0] += 3500  # 100 s left: still used
    await call(fal.upload(b"two"))
    assert storage.count("token") == 1
    now[0] += 50  # 50 s left, inside the 60 s margin: replaced before use
    await call(fal.upload(b"three"))
    assert storage.count("token") == 2
    assert storage.seen["upload"][-1].headers["authorization"] == f"Bearer {STORAGE_TOKEN}-2"


async def test_a_short_lived_token_is_not_fetched_for_every_request(fal: Any, storage: FakeStorage) -> None:
    storage.expires_at = time.strftime("%Y-%m-%dT%H:%M:%S+00:00", time.gmtime(time.time() + 30))
    for index in range(3):
        await call(fal.upload(bytes([index])))
    assert storage.count("token") == 1  # renewed at half its 30 s life, not at once


async def test_a_401_from_the_cdn_renews_the_token_once(fal: Any, storage: FakeStorage) -> None:
    storage.fail["upload"] = [401]
    url = await call(fal.upload(b"data"))
    assert url.startswith(CDN)
    assert storage.count("token") == 2
    assert [r.headers["authorization"] for r in storage.seen["upload"]] == [
        f"Bearer {STORAGE_TOKEN}-1",
        f"Bearer {STORAGE_TOKEN}-2",
    ]


async def test_a_second_401_is_an_upload_error_that_shows_no_credential(fal: Any, storage: FakeStorage) -> None:
    storage.fail["upload"] = [401, 401]
    with pytest.raises(UploadError) as raised:
        await call(fal.upload(b"data", file_name="x.bin"))
    text = f"{raised.value} {raised.value!r} {fal!r} {fal.storage!r}"
    assert STORAGE_TOKEN not in text and FAL_KEY not in text
    assert raised.value.field is None and "bytes" in raised.value.file
    assert storage.count("upload") == 2


async def test_transient_failures_are_retried_with_the_clients_policy(fal: Any, storage: FakeStorage) -> None:
    storage.fail["token"] = [503]
    storage.fail["upload"] = [500, 429]
    url = await call(fal.upload(b"retried"))
    assert url.startswith(CDN)
    assert (storage.count("token"), storage.count("upload")) == (2, 3)


async def test_connection_errors_are_retried(fal: Any, storage: FakeStorage) -> None:
    storage.fail["upload"] = [httpx.ConnectError("refused"), httpx.ReadError("reset")]
    assert (await call(fal.upload(b"x"))).startswith(f"{CDN}/files/")
    assert storage.count("upload") == 3


async def test_up_to_100_mib_is_one_request_and_one_byte_more_is_10_mib_parts(
    fal: Any, storage: FakeStorage, tmp_path: Path
) -> None:
    exact, over = tmp_path / "exact.bin", tmp_path / "big.bin"
    for path, size in ((exact, 100 << 20), (over, (100 << 20) + 1)):
        with path.open("wb") as stream:
            stream.truncate(size)  # sparse: no disk or memory cost
    await call(fal.upload(exact))
    assert storage.count("upload") == 1 and storage.count("multipart") == 0
    assert int(storage.seen["upload"][0].headers["content-length"]) == 100 << 20
    url = await call(fal.upload(over))
    assert url == f"{CDN}/files/big.bin"
    assert storage.parts == {**{n: 10 << 20 for n in range(1, 11)}, 11: 1}
    complete = json.loads(storage.seen["complete"][0].content)
    assert complete == {"parts": [{"partNumber": n, "etag": f'"etag-{n}"'} for n in range(1, 12)]}
    start = storage.seen["multipart"][0]
    assert start.headers["x-fal-file-name"] == "big.bin"
    assert start.headers["authorization"] == f"Bearer {STORAGE_TOKEN}-1"


async def test_multipart_parts_are_the_files_bytes_in_order(fal: Any, storage: FakeStorage, tmp_path: Path) -> None:
    data = bytes(range(256)) * 40  # 10240 bytes
    path = tmp_path / "big.bin"
    path.write_bytes(data)
    fal.storage.multipart_threshold, fal.storage.part_size = 4096, 3000
    storage.keep_parts = True
    await call(fal.upload(path))
    bodies = storage.part_bodies
    assert sorted(bodies) == [1, 2, 3, 4]
    assert b"".join(bodies[n] for n in sorted(bodies)) == data


async def test_the_older_repository_is_used_when_the_token_endpoint_is_gone(fal: Any, storage: FakeStorage) -> None:
    storage.token_status = 404
    url = await call(fal.upload(png(), file_name="photo.png"))
    assert url == f"{CDN}/legacy/photo.png"
    initiate = storage.seen["initiate"][0]
    assert initiate.headers["authorization"] == f"Key {FAL_KEY}"
    assert json.loads(initiate.content) == {"file_name": "photo.png", "content_type": "image/png"}
    put = storage.seen["put"][0]
    assert "authorization" not in put.headers  # a signed URL: no credential travels there
    assert put.content == png()
    await call(fal.upload(b"second"))
    assert storage.count("token") == 1  # not asked again for a while


async def test_a_refused_token_is_an_error_not_a_fallback(fal: Any, storage: FakeStorage) -> None:
    storage.token_status = 401
    with pytest.raises(UploadError, match="401"):
        await call(fal.upload(b"x"))
    assert storage.count("initiate") == 0


async def test_expires_in_asks_for_a_lifetime_and_bad_values_send_nothing(fal: Any, storage: FakeStorage) -> None:
    await call(fal.upload(b"short-lived", expires_in="1h"))
    headers = storage.seen["upload"][0].headers
    assert json.loads(headers["x-fal-object-lifecycle"]) == {"expiration_duration_seconds": 3600}
    assert headers["x-fal-object-lifecycle-preference"] == headers["x-fal-object-lifecycle"]
    for bad in (0, -5, "5m", True, 1.5):
        with pytest.raises(ValueError, match="expires_in"):
            await call(fal.upload(b"x", expires_in=bad))
    assert storage.count("upload") == 1


async def test_sources_bytes_paths_file_objects_and_data_uris(fal: Any, storage: FakeStorage, tmp_path: Path) -> None:
    image = png(5, 5)
    path = tmp_path / "photo.png"
    path.write_bytes(image)
    stream = io.BytesIO(b"skip" + image)
    stream.seek(4)
    data_uri = "data:image/png;base64," + base64.b64encode(image).decode()
    for source in (image, path, stream, data_uri, bytearray(image)):
        fal.storage.cache = type(fal.storage.cache)()  # each source uploads, not the first one's URL
        await call(fal.upload(source))
    assert [request.content for request in storage.seen["upload"]] == [image] * 5
    assert storage.seen["upload"][1].headers["x-fal-file-name"] == "photo.png"
    for bad in ("photo.png", 42, io.StringIO("text")):
        with pytest.raises(TypeError, match="upload"):
            await call(fal.upload(bad))
    with pytest.raises(FileNotFoundError):
        await call(fal.upload(tmp_path / "missing.png"))


async def test_identical_content_is_uploaded_once(fal: Any, storage: FakeStorage, tmp_path: Path) -> None:
    path = tmp_path / "same.png"
    path.write_bytes(png())
    first = await call(fal.upload(png()))
    assert await call(fal.upload(path)) == first
    assert storage.count("upload") == 1
    await call(fal.upload(png(), expires_in="1d"))
    assert storage.count("upload") == 2  # a different lifetime is a different upload


async def test_progress_reports_every_byte_once(fal: Any, storage: FakeStorage) -> None:
    sent: list[int] = []
    await call(fal.upload(b"x" * 3_000_000, on_progress=sent.append))
    assert sum(sent) == 3_000_000 and len(sent) == 3


# -- the file policy -------------------------------------------------------------------------------


async def test_files_upload_sends_urls_not_data_uris(
    kind: str, clean_env: Any, storage: FakeStorage, router: respx.MockRouter
) -> None:
    submit = _submit_route(router)
    fal = make_fal(kind, files="upload")
    try:
        await call(fal.submit(V2, _edit(png(), png(fmt="JPEG"))))
    finally:
        await close(fal)
    body = json.loads(submit.calls[0].request.content)
    assert body["image_url"].startswith(f"{CDN}/files/") and body["mask_url"].startswith(f"{CDN}/files/")
    assert "data:" not in submit.calls[0].request.content.decode()
    assert storage.count("upload") == 2
    assert [r.headers["content-type"] for r in storage.seen["upload"]] == ["image/png", "image/jpeg"]


async def test_per_call_policy_overrides_the_clients(
    kind: str, clean_env: Any, storage: FakeStorage, router: respx.MockRouter
) -> None:
    submit = _submit_route(router)
    fal = make_fal(kind, files="upload")
    try:
        await call(fal.submit(V2, _edit(png(), png()), files="inline"))
        await call(fal.v2_edit.submit(prompt="p", image_url=png(), mask_url=png(), files="upload"))
        with pytest.raises(ValueError, match="files: expected 'auto', 'inline' or 'upload'"):
            await call(fal.submit(V2, _edit(png(), png()), files="cdn"))
    finally:
        await close(fal)
    assert json.loads(submit.calls[0].request.content)["image_url"].startswith("data:image/png;base64,")
    assert json.loads(submit.calls[1].request.content)["image_url"].startswith(CDN)
    assert submit.call_count == 2 and storage.count("upload") == 1  # the second call's two images are identical
    with pytest.raises(ValueError, match="files"):
        make_fal(kind, files="always")


async def test_auto_inlines_small_images_and_uploads_large_ones(
    kind: str, clean_env: Any, storage: FakeStorage, router: respx.MockRouter
) -> None:
    submit = _submit_route(router)
    small = png()
    large = _noise_png(AUTO_UPLOAD_BYTES)
    fal = make_fal(kind)  # the default policy is auto
    try:
        await call(fal.submit(V2, _edit(large, large)))
        await call(fal.submit(V2, _edit(small, small)))
    finally:
        await close(fal)
    first, second = (json.loads(c.request.content) for c in submit.calls)
    assert first["image_url"].startswith(CDN)
    assert second["image_url"].startswith("data:") and second["mask_url"].startswith("data:")
    assert storage.count("upload") == 1  # image and mask are the same bytes: one upload


async def test_refused_input_uploads_nothing(
    kind: str, clean_env: Any, storage: FakeStorage, router: respx.MockRouter
) -> None:
    submit = _submit_route(router)
    fal = make_fal(kind, files="upload")
    try:
        with pytest.raises(InvalidInputError, match="mask_url"):  # same dimensions rule
            await call(fal.submit(V2, _edit(png(8, 8), png(9, 9))))
        with pytest.raises(InvalidInputError, match="image_url"):
            await call(fal.submit(V2, _edit(b"not an image", png())))
        with pytest.raises(TypeError, match="unexpected keyword"):
            await call(fal.submit(V2, _edit(png(), png()), colour="red"))
        with pytest.raises(ValueError, match="request_timeout"):
            await call(fal.submit(V2, _edit(png(), png()), request_timeout=0))
    finally:
        await close(fal)
    assert storage.seen == {} and submit.call_count == 0


async def test_a_failed_upload_names_the_field_and_file_and_submits_nothing(
    kind: str, clean_env: Any, storage: FakeStorage, router: respx.MockRouter, tmp_path: Path
) -> None:
    submit = _submit_route(router)
    mask = tmp_path / "mask.png"
    mask.write_bytes(png(fmt="JPEG"))
    storage.fail["upload"] = [200, 400]
    fal = make_fal(kind, files="upload", max_retries=0)
    try:
        with pytest.raises(UploadError) as raised:
            await call(fal.submit(V2, _edit(png(), mask)))
    finally:
        await close(fal)
    assert submit.call_count == 0
    error = raised.value
    assert error.field == "mask_url" and error.file == str(mask)
    assert "mask_url" in str(error) and str(mask) in str(error) and "400" in str(error)
    assert FAL_KEY not in str(error) and STORAGE_TOKEN not in str(error)


async def test_fifty_edits_sharing_a_reference_upload_it_once(
    kind: str, clean_env: Any, storage: FakeStorage, router: respx.MockRouter
) -> None:
    submit = _submit_route(router)
    fal = make_fal(kind, files="upload")
    reference = png(16, 16)
    try:
        for _ in range(50):
            await call(fal.submit(V2, _edit(reference, png(16, 16, fmt="JPEG")), priority="low"))
    finally:
        await close(fal)
    assert submit.call_count == 50 and storage.count("upload") == 2 and storage.count("token") == 1


def _noise_png(at_least: int) -> bytes:
    """A PNG of at least ``at_least`` bytes (noise does not compress)."""
    import random

    from PIL import Image

    side = int((at_least / 3) ** 0.5) + 8
    noise = random.Random(0).randbytes(side * side * 3)
    buffer = io.BytesIO()
    Image.frombytes("RGB", (side, side), noise).save(buffer, "PNG")
    assert len(buffer.getvalue()) >= at_least
    return buffer.getvalue()


async def test_concurrent_uploads_share_one_token_and_identical_content_goes_once(
    kind: str, fal: Any, storage: FakeStorage
) -> None:
    blobs = [png(8 + index % 4, 8) for index in range(16)]  # four distinct images, each four times
    if kind == "async":
        import asyncio

        urls = await asyncio.gather(*(fal.upload(blob) for blob in blobs))
    else:
        from concurrent.futures import ThreadPoolExecutor

        with ThreadPoolExecutor(8) as pool:
            urls = list(pool.map(fal.upload, blobs))
    assert storage.count("token") == 1
    assert storage.count("upload") == 4
    assert len(set(urls)) == 4 and urls[0] == urls[4] == urls[8]


async def test_neither_the_key_nor_the_storage_token_reaches_logs_reprs_or_errors(
    fal: Any, storage: FakeStorage, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level("DEBUG", logger="ideogram_clients")
    storage.fail["upload"] = [503, 401, 401]
    with pytest.raises(UploadError) as raised:
        await call(fal.upload(b"secret-free"))
    storage.token_status = 503  # and the fallback path's warning
    fal.storage._token = None
    await call(fal.upload(b"fallback"))
    shown = [caplog.text, str(raised.value), repr(raised.value), repr(fal), repr(fal.storage), repr(fal.storage._token)]
    shown += [str(raised.value.__cause__), repr(raised.value.request.headers)]
    for text in shown:
        assert FAL_KEY not in text and STORAGE_TOKEN not in text, text
    assert "older upload repository" in caplog.text


async def test_a_file_object_is_read_a_slice_at_a_time(fal: Any, storage: FakeStorage) -> None:
    sizes: list[int] = []

    class Recording(io.BytesIO):
        def read(self, size: int | None = -1) -> bytes:
            sizes.append(-1 if size is None else size)
            return super().read(size)

    stream = Recording(b"x" * (3 << 20))
    await call(fal.upload(stream))
    assert max(sizes) <= 1 << 20  # hashing and sending both read 1 MiB slices, never the whole
    assert storage.seen["upload"][0].content == b"x" * (3 << 20)


@pytest.mark.parametrize(
    "answer",
    [
        {"token": "tök", "token_type": "Bearer", "base_url": CDN, "expires_at": "2999-01-01T00:00:00Z"},
        {
            "token": "t",
            "token_type": "Bearer",
            "base_url": "http://cdn.example.com",
            "expires_at": "2999-01-01T00:00:00Z",
        },
        {"token": "t", "token_type": "Bearer", "base_url": "https://[bad", "expires_at": "2999-01-01T00:00:00Z"},
        {"token": "t", "token_type": "Bearer", "base_url": CDN, "expires_at": "soon"},
    ],
    ids=["non-ascii-token", "plain-http-cdn", "broken-url", "bad-expiry"],
)
async def test_an_unusable_token_answer_is_an_upload_error_not_a_traceback(
    kind: str, clean_env: Any, router: respx.MockRouter, answer: dict[str, str]
) -> None:
    router.post(url__startswith="https://rest.fal.ai/storage/auth/token").mock(
        return_value=httpx.Response(200, json=answer)
    )
    fal = make_fal(kind)
    try:
        with pytest.raises(UploadError, match="storage token answer"):
            await call(fal.upload(b"x"))
    finally:
        await close(fal)


def test_storage_follows_explicit_fal_hosts_not_the_shared_variable(clean_env: pytest.MonkeyPatch) -> None:
    from ideogram_clients import FalClient

    clean_env.setenv("IDEOGRAM_CLIENTS_BASE_URL", "http://127.0.0.1:9")
    with FalClient("k", queue_url="https://queue.fal.run", run_url="https://fal.run") as fal:
        assert fal.storage_url == "https://rest.fal.ai"  # the key never goes to the variable's host
    with FalClient("k") as fal:
        assert fal.storage_url == "http://127.0.0.1:9"
    with FalClient("k", base_url="http://127.0.0.1:7") as fal:
        assert fal.storage_url == "http://127.0.0.1:7"
