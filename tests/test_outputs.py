"""Saving outputs: into folders, under safe and unique names, never overwriting silently, typed errors."""

from __future__ import annotations

import base64
import os
from pathlib import Path
from typing import Any

import httpx
import pytest
import respx

from ideogram_clients import ENDPOINTS, IdeogramClientsError, InvalidOutputError, OutputExistsError
from tests.conftest import ROOT

parse = ENDPOINTS["fal-ai/ideogram/v3"].parse_output


def data_uri(content: bytes, mime: str = "image/png") -> str:
    return f"data:{mime};base64,{base64.b64encode(content).decode()}"


def output(*urls: str, **extra: Any) -> Any:
    return parse({"images": [{"url": url, **extra} for url in urls], "seed": 1})


def test_data_uris_saved_into_one_folder_keep_every_file(tmp_path: Path) -> None:
    out = output(data_uri(b"first"), data_uri(b"second"))
    paths = [image.save(tmp_path) for image in out.images]
    assert [path.name for path in paths] == ["output.png", "output-1.png"]
    assert [path.read_bytes() for path in paths] == [b"first", b"second"]


def test_trailing_slash_means_a_new_folder_with_parents(tmp_path: Path) -> None:
    target = f"{tmp_path}/a/b/out/"
    path = output(data_uri(b"x", "image/jpeg")).images[0].save(target)
    assert path == tmp_path / "a" / "b" / "out" / "output.jpg"
    assert path.read_bytes() == b"x"


def test_a_file_path_creates_missing_parents(tmp_path: Path) -> None:
    path = output(data_uri(b"x")).images[0].save(tmp_path / "deep" / "er" / "hat.png")
    assert path == tmp_path / "deep" / "er" / "hat.png" and path.read_bytes() == b"x"


def test_an_existing_file_is_never_replaced_without_overwrite(tmp_path: Path) -> None:
    target = tmp_path / "hat.png"
    target.write_bytes(b"precious")
    image = output(data_uri(b"new")).images[0]
    with pytest.raises(OutputExistsError, match="overwrite=True") as caught:
        image.save(target)
    assert isinstance(caught.value, IdeogramClientsError) and isinstance(caught.value, FileExistsError)
    assert target.read_bytes() == b"precious"
    assert image.save(target, overwrite=True) == target and target.read_bytes() == b"new"
    assert sorted(os.listdir(tmp_path)) == ["hat.png"]  # no temp file left behind


def test_saving_twice_into_a_folder_picks_a_new_name(tmp_path: Path) -> None:
    image = output(data_uri(b"x")).images[0]
    assert [image.save(tmp_path).name for _ in range(3)] == ["output.png", "output-1.png", "output-2.png"]
    assert image.save(tmp_path, overwrite=True).name == "output.png"


@pytest.mark.parametrize(
    ("file_name", "expected"),
    [
        ("..", "a.png"),
        (".", "a.png"),
        ("../../etc/passwd", "passwd"),
        ("..\\..\\win.ini", "win.ini"),
        ("re\x00port\n.png", "re_port_.png"),
        (".hidden.png", "hidden.png"),
    ],
)
@respx.mock
def test_server_file_names_are_reduced_to_one_safe_component(tmp_path: Path, file_name: str, expected: str) -> None:
    respx.get("https://cdn.example/a.png").respond(200, content=b"img")
    path = output("https://cdn.example/a.png", file_name=file_name).images[0].save(tmp_path)
    assert path == tmp_path / expected and path.read_bytes() == b"img"


@pytest.mark.parametrize(
    "url",
    ["data:image/png;base64,!!!", "data:image/png;base64,abc", "data:image/png;base64,", "data:image/png", "data:,"],
)
def test_malformed_data_uris_are_typed_errors_and_write_nothing(tmp_path: Path, url: str) -> None:
    image = output(url).images[0]
    with pytest.raises(InvalidOutputError, match="data: URI"):
        image.read()
    with pytest.raises(InvalidOutputError):
        image.save(tmp_path)
    assert os.listdir(tmp_path) == []


def test_save_all_writes_every_file_of_an_answer(tmp_path: Path) -> None:
    out = output(data_uri(b"1"), data_uri(b"2"), data_uri(b"3"))
    paths = out.save_all(tmp_path / "all")
    assert [path.read_bytes() for path in paths] == [b"1", b"2", b"3"]
    assert len({path.name for path in paths}) == 3


async def test_async_save_and_save_all(tmp_path: Path) -> None:
    out = output(data_uri(b"1"), data_uri(b"2"))
    first = await out.images[0].asave(f"{tmp_path}/new/")
    assert first == tmp_path / "new" / "output.png"
    paths = await out.asave_all(tmp_path / "new")
    assert [path.name for path in paths] == ["output-1.png", "output-2.png"]
    with pytest.raises(OutputExistsError):
        await out.images[0].asave(first)


@respx.mock
async def test_async_download_saved_under_url_name(tmp_path: Path) -> None:
    respx.get("https://cdn.example/x/y/z.webp").mock(return_value=httpx.Response(200, content=b"webp"))
    path = await output("https://cdn.example/x/y/z.webp").images[0].asave(tmp_path)
    assert path == tmp_path / "z.webp" and path.read_bytes() == b"webp"


@respx.mock
@pytest.mark.parametrize("kind", ["sync", "async"])
async def test_download_failures_are_errors_of_the_package(kind: str) -> None:
    from ideogram_clients import APIConnectionError, APITimeoutError, NotFoundError

    image = output("https://cdn.example/a.png").images[0]
    read = image.read if kind == "sync" else None

    async def attempt() -> bytes:
        return read() if read is not None else await image.aread()

    respx.get("https://cdn.example/a.png").mock(side_effect=httpx.ConnectError("refused"))
    with pytest.raises(APIConnectionError, match=r"downloading an output file from cdn\.example failed"):
        await attempt()
    respx.get("https://cdn.example/a.png").mock(side_effect=httpx.ReadTimeout("slow"))
    with pytest.raises(APITimeoutError):
        await attempt()
    respx.get("https://cdn.example/a.png").respond(404, json={"detail": "gone"})
    with pytest.raises(NotFoundError, match="404"):
        await attempt()


def test_magnific_generated_urls_are_strings_that_read_and_save_like_fal_files(tmp_path: Path) -> None:
    import json as json_module

    from ideogram_clients import MagnificClient
    from ideogram_clients._models import OutputURL
    from ideogram_clients.emulator import Emulator

    photo, mask = ROOT / "demo" / "photo.png", ROOT / "demo" / "mask.png"
    with Emulator(job_duration=0.02, size_divisor=16).serve() as url, MagnificClient("k", base_url=url) as magnific:
        task = magnific.ideogram_image_edit.run(prompt="a hat", image=photo, mask=mask, timeout=30)
        first = task.generated[0]
        assert isinstance(first, str) and isinstance(first, OutputURL)
        assert json_module.loads(json_module.dumps(task.generated)) == [str(item) for item in task.generated]
        assert task.model_dump()["generated"] == [str(item) for item in task.generated]
        saved = first.save(f"{tmp_path / 'one'}/")  # a trailing separator: into that folder
        assert saved.parent == tmp_path / "one" and saved.read_bytes() == first.read()
        assert saved.read_bytes().startswith(b"\x89PNG")
        assert [path.read_bytes() for path in task.save_all(tmp_path / "all")] == [
            item.read() for item in task.generated
        ]
