"""fal storage end to end against the emulator: every fal endpoint with ``files="upload"`` (sync and
async), multipart uploads served back byte for byte, and uploads that survive injected faults.

The emulator's workers read uploaded inputs back from its storage, so an edit that keeps the photo's
unmasked half byte-identical proves the uploaded bytes arrived intact.
"""

from __future__ import annotations

import inspect
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from ideogram_clients import ENDPOINTS, AsyncFalClient, FalClient
from ideogram_clients.emulator import Emulator, FaultRates

pytest.register_assert_rewrite("tests.e2e_support")
from tests.e2e_support import (  # noqa: E402 (after the rewrite hook)
    DIVISOR,
    FAL_IDS,
    KEY,
    Images,
    check_pixels,
    decode,
    make_images,
    minimal_arguments,
)


@pytest.fixture(scope="module")
def images(tmp_path_factory: pytest.TempPathFactory) -> Images:
    return make_images(tmp_path_factory.mktemp("storage-images"))


@pytest.fixture(scope="module")
def emulator() -> Emulator:
    return Emulator(job_duration=0.02, size_divisor=DIVISOR, seed=11)


@pytest.fixture(scope="module")
def url(emulator: Emulator) -> Iterator[str]:
    with emulator.serve() as base_url:
        yield base_url


@pytest.fixture(params=["sync", "async"])
def kind(request: pytest.FixtureRequest) -> str:
    return str(request.param)


async def call(value: Any) -> Any:
    return await value if inspect.isawaitable(value) else value


def _client(kind: str, url: str, **options: Any) -> Any:
    return (AsyncFalClient if kind == "async" else FalClient)(KEY, base_url=url, **options)


def _local_images(arguments: dict[str, Any]) -> set[bytes]:
    found: set[bytes] = set()
    for value in arguments.values():
        for item in value if isinstance(value, list) else [value]:
            if isinstance(item, Path):
                found.add(item.read_bytes())
    return found


@pytest.mark.parametrize("endpoint_id", FAL_IDS)
async def test_every_fal_endpoint_runs_on_uploaded_inputs(
    kind: str, url: str, emulator: Emulator, images: Images, endpoint_id: str
) -> None:
    arguments = minimal_arguments(endpoint_id, images, f"uploaded {kind} {endpoint_id}")
    fal = _client(kind, url, files="upload")
    uploads_before = emulator.stats.files_uploaded
    try:
        output = await call(fal.subscribe(endpoint_id, arguments))
        pixels = decode(await call(output.images[0].aread() if kind == "async" else output.images[0].read()))
    finally:
        await call(fal.close())
    assert isinstance(output, ENDPOINTS[endpoint_id].output_model)
    check_pixels(endpoint_id, arguments, pixels, images)
    # one upload per distinct local image; the same photo in two fields is sent once
    assert emulator.stats.files_uploaded - uploads_before == len(_local_images(arguments))


async def test_a_multipart_upload_is_served_back_byte_for_byte(kind: str, url: str, tmp_path: Path) -> None:
    data = bytes(range(251)) * 20_000  # ~5 MB in 1 MiB parts
    path = tmp_path / "large.bin"
    path.write_bytes(data)
    fal = _client(kind, url)
    fal.storage.multipart_threshold, fal.storage.part_size = 1 << 20, 1 << 20
    try:
        uploaded = await call(fal.upload(path, file_name="large.bin"))
    finally:
        await call(fal.close())
    served = _fetch(uploaded)
    assert served.content == data
    assert served.headers["content-type"] == "application/octet-stream"


async def test_uploads_survive_injected_storage_faults(kind: str, images: Images) -> None:
    faults = FaultRates(error_503=0.25, rate_limit=0.1)
    emulator = Emulator(job_duration=0.02, size_divisor=DIVISOR, seed=5, faults=faults, retry_after=0)
    with emulator.serve() as base_url:
        fal = _client(kind, base_url, files="upload", max_retries=8)
        fal._http.sleep = _no_sleep if kind == "async" else (lambda seconds: None)
        try:
            urls = [await call(fal.upload(images.photo.read_bytes() + bytes([index]))) for index in range(8)]
        finally:
            await call(fal.close())
        stats = emulator.stats.snapshot()
    assert len(set(urls)) == 8 and stats["files_uploaded"] == 8
    storage_requests = sum(count for route, count in stats["requests"].items() if route.startswith("storage."))
    # only storage routes were called: every fault hit one, and each was retried past (1 token + 8 uploads)
    assert stats["total_faults"] > 0 and storage_requests == 9 + stats["total_faults"]


def test_a_storage_token_is_refused_without_a_fal_key_and_uploads_without_a_token(url: str) -> None:
    assert httpx.post(f"{url}/storage/auth/token?storage_type=fal-cdn-v3", json={}).status_code == 401
    assert httpx.post(f"{url}/files/upload", content=b"x").status_code == 401
    bad = {"Authorization": f"Key {KEY}"}  # the fal key is not a storage token
    assert httpx.post(f"{url}/files/upload", content=b"x", headers=bad).status_code == 401


def _fetch(url: str) -> httpx.Response:
    return httpx.get(url)


async def _no_sleep(seconds: float) -> None:
    return None


def test_the_upload_command_prints_urls_and_refuses_bad_input_before_uploading(
    url: str, emulator: Emulator, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from ideogram_clients.cli import main

    small, large = tmp_path / "small.png", tmp_path / "large.bin"
    small.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(100))
    large.write_bytes(bytes(range(256)) * (9 << 12))  # 9 MiB: shown with a progress bar
    before = emulator.stats.files_uploaded
    common = ["--base-url", url, "--api-key", "k"]
    assert main(["upload", str(small), str(large), "--expires-in", "3600", *common]) == 0
    printed = capsys.readouterr().out.split()
    assert [_fetch(link).content for link in printed] == [small.read_bytes(), large.read_bytes()]
    for bad in (["--expires-in", "5m"], ["--expires-in", "0"]):
        assert main(["upload", str(small), *bad, *common]) == 2
    assert main(["upload", str(small), str(tmp_path / "missing.png"), *common]) == 2
    assert "file not found" in capsys.readouterr().err
    assert emulator.stats.files_uploaded - before == 2  # the refused calls uploaded nothing
