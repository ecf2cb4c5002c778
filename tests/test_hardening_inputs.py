"""Hostile inputs from the adversarial probe: keys read from files, bad ids and URLs, emulator options.

Each becomes a typed error of the package (or a clean request), never a raw library exception and
never an error text that repeats a key. Sync and async twins alike.
"""

from __future__ import annotations

import subprocess
import sys
from typing import Any

import pytest
import respx

from ideogram_clients import IdeogramClientsError, InvalidAPIKeyError, InvalidInputError

pytest.register_assert_rewrite("tests.clients_support")
from tests.clients_support import (  # noqa: E402 (after the rewrite hook)
    MAG_ARGS,
    MAG_ID,
    MAG_PATH,
    V2,
    V2_ARGS,
    call,
    close,
    envelope,
    make_fal,
    make_magnific,
    submitted,
    task,
)

pytest_plugins = ("tests.clients_support",)

KEY = "fal_secret_0123456789abcdef"


@pytest.mark.parametrize("padding", ["\n", "\r\n", "  ", "\t"])
async def test_keys_read_from_files_lose_their_surrounding_whitespace(
    kind: str, router: respx.MockRouter, padding: str
) -> None:
    submit = router.post(f"https://queue.fal.run/{V2}").mock(return_value=submitted())
    create = router.post(f"https://api.magnific.com{MAG_PATH}").mock(return_value=envelope(task()))
    fal, magnific = make_fal(kind, api_key=KEY + padding), make_magnific(kind, api_key=padding + KEY + padding)
    await call(fal.submit(V2, V2_ARGS))
    await call(magnific.create(MAG_ID, MAG_ARGS))
    assert submit.calls.last.request.headers["authorization"] == f"Key {KEY}"
    assert create.calls.last.request.headers["x-magnific-api-key"] == KEY
    await close(fal)
    await close(magnific)


async def test_a_key_from_the_environment_is_stripped_too(kind: str, router: respx.MockRouter, clean_env: Any) -> None:
    clean_env.setenv("FAL_KEY", KEY + "\n")
    submit = router.post(f"https://queue.fal.run/{V2}").mock(return_value=submitted())
    fal = make_fal(kind, api_key=None)
    await call(fal.submit(V2, V2_ARGS))
    assert submit.calls.last.request.headers["authorization"] == f"Key {KEY}"
    await close(fal)


@pytest.mark.parametrize("bad", ["\x00", "\n", "\x7f", "é", "\u2028", "\ud800"], ids=repr)
def test_a_key_no_header_can_carry_is_refused_without_showing_it(kind: str, clean_env: Any, bad: str) -> None:
    key = f"{KEY[:10]}{bad}{KEY[10:]}"
    for make in (make_fal, make_magnific):
        with pytest.raises(InvalidAPIKeyError) as caught:
            make(kind, api_key=key)
        assert isinstance(caught.value, IdeogramClientsError) and isinstance(caught.value, ValueError)
        text = f"{caught.value} {caught.value!r}"
        assert KEY[:10] not in text and KEY[10:] not in text


@pytest.mark.parametrize("bad", ["\n", "\x7f", "é"], ids=repr)
def test_a_bad_key_in_the_environment_names_the_variable_not_the_key(kind: str, clean_env: Any, bad: str) -> None:
    clean_env.setenv("MAGNIFIC_API_KEY", f"{KEY[:10]}{bad}{KEY[10:]}")
    with pytest.raises(InvalidAPIKeyError, match="MAGNIFIC_API_KEY") as caught:
        make_magnific(kind, api_key=None)
    assert KEY[:10] not in str(caught.value)


@pytest.mark.parametrize("url", ["https://[::1", "https://example.com:99999/x", "ftp://example.com/h", "", 5])
async def test_a_bad_webhook_url_is_refused_before_submitting(kind: str, router: respx.MockRouter, url: Any) -> None:
    submit = router.post(f"https://queue.fal.run/{V2}").mock(return_value=submitted())
    fal = make_fal(kind)
    with pytest.raises(InvalidInputError, match="webhook_url: expected an absolute http"):
        await call(fal.submit(V2, V2_ARGS, webhook_url=url))
    assert submit.call_count == 0
    await close(fal)


@pytest.mark.parametrize("task_id", ["", "  ", None, 7])
async def test_a_blank_magnific_task_id_is_a_typed_error(kind: str, router: respx.MockRouter, task_id: Any) -> None:
    magnific = make_magnific(kind)
    with pytest.raises(InvalidInputError, match="task_id: expected a non-empty task id"):
        await call(magnific.get(MAG_ID, task_id))
    await close(magnific)


@pytest.mark.parametrize("port", ["99999", "-1", "http"])
def test_the_emulator_refuses_a_bad_port_as_a_usage_error(port: str) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "ideogram_clients.emulator", "--port", port],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 2
    assert "argument --port" in done.stderr and "Traceback" not in done.stderr


@pytest.mark.parametrize("webhook", ["http://[::1", "http://127.0.0.1:99999/h", "not a url"])
def test_the_emulator_answers_a_bad_webhook_url_with_422(webhook: str) -> None:
    import httpx

    from ideogram_clients.emulator import Emulator

    with Emulator(job_duration=0.01).serve() as url:
        answer = httpx.post(
            f"{url}/fal-ai/ideogram/v3",
            params={"fal_webhook": webhook},
            json={"prompt": "x"},
            headers={"Authorization": "Key k"},
        )
    assert answer.status_code == 422
    assert "fal_webhook" in answer.text


@pytest.mark.parametrize("path", ["/fal-ai/ideogram/v3", "/fal-run/fal-ai/ideogram/v3"])
def test_the_emulator_refuses_a_lone_surrogate_with_422_and_keeps_serving(path: str) -> None:
    import httpx

    from ideogram_clients.emulator import Emulator

    with Emulator(job_duration=0.01).serve() as url:
        body = b'{"prompt": "a\\ud800b"}'
        answer = httpx.post(url + path, content=body, headers={"Authorization": "Key k"})
        assert answer.status_code == 422 and "surrogate" in answer.text
        assert httpx.get(f"{url}/_emulator/stats").status_code == 200


@pytest.mark.parametrize("text", ["a\ud800b", "\udfff"])
async def test_a_lone_surrogate_is_refused_before_sending(kind: str, router: respx.MockRouter, text: str) -> None:
    submit = router.post(f"https://queue.fal.run/{V2}").mock(return_value=submitted())
    fal = make_fal(kind)
    with pytest.raises(InvalidInputError, match="prompt: text holds a lone surrogate"):
        await call(fal.submit(V2, {**V2_ARGS, "prompt": text}))
    assert submit.call_count == 0
    await close(fal)


@pytest.mark.parametrize("prompt", ["\x00ideogram-clients-blob-0\x00", '"\x00ideogram-clients-blob-1\x00"', "{}[],:"])
async def test_no_text_can_be_confused_with_a_streamed_image(kind: str, router: respx.MockRouter, prompt: str) -> None:
    import io
    import json

    from PIL import Image

    buffer = io.BytesIO()
    Image.effect_noise((200, 200), 64).convert("RGB").save(buffer, "PNG")  # noise: > 64 KiB, so it is streamed
    image = buffer.getvalue()
    assert len(image) > 64 * 1024
    submit = router.post(f"https://queue.fal.run/{V2}").mock(return_value=submitted())
    fal = make_fal(kind)
    await call(fal.submit(V2, {"prompt": prompt, "image_url": image, "mask_url": image}))
    sent = json.loads(submit.calls.last.request.read())
    assert sent["prompt"] == prompt
    assert sent["image_url"].startswith("data:image/png;base64,") and sent["image_url"] == sent["mask_url"]
    await close(fal)


@pytest.mark.parametrize("files", ["inline", "upload", "auto"])
async def test_an_image_file_gone_after_validation_is_refused_naming_its_field(
    kind: str, router: respx.MockRouter, tmp_path: Any, files: str
) -> None:
    from pathlib import Path

    from ideogram_clients import ENDPOINTS
    from tests.clients_support import png

    image, mask = tmp_path / "photo.png", tmp_path / "mask.png"
    image.write_bytes(png())
    mask.write_bytes(png())
    model = ENDPOINTS[V2].validate({"prompt": "a red door", "image_url": image, "mask_url": mask})
    image.unlink()  # moved or deleted between the check and the send
    sent = router.route(host="queue.fal.run").mock(return_value=submitted())
    fal = make_fal(kind, files=files)
    with pytest.raises(InvalidInputError) as caught:
        await call(fal.submit(V2, model))
    assert [(error.field, error.value, error.type) for error in caught.value.errors] == [
        ("image_url", Path(image), "file_unreadable")
    ]
    assert "cannot read the file any more" in str(caught.value)
    assert sent.call_count == 0 and not router.calls  # nothing uploaded or submitted
    await close(fal)


async def test_a_magnific_image_gone_after_validation_is_refused_naming_its_field(
    kind: str, router: respx.MockRouter, tmp_path: Any
) -> None:
    from ideogram_clients import ENDPOINTS
    from tests.clients_support import png

    image = tmp_path / "photo.png"
    image.write_bytes(png())
    endpoint = ENDPOINTS[MAG_ID]
    model = endpoint.validate({**MAG_ARGS, "image": image})
    image.unlink()
    create = router.post(f"https://api.magnific.com{MAG_PATH}").mock(return_value=envelope(task()))
    magnific = make_magnific(kind)
    with pytest.raises(InvalidInputError, match=r"image: cannot read the file any more"):
        await call(magnific.create(MAG_ID, model))
    with pytest.raises(InvalidInputError, match=r"image: cannot read the file any more"):
        endpoint.build_payload(model)
    assert create.call_count == 0
    await close(magnific)


def test_an_image_file_gone_between_planning_and_encoding_is_refused_too(tmp_path: Any) -> None:
    from ideogram_clients import FalClient
    from tests.clients_support import png

    image, mask = tmp_path / "photo.png", tmp_path / "mask.png"
    image.write_bytes(png())
    mask.write_bytes(png())
    with FalClient(api_key=KEY, files="inline") as fal:  # inline: the body encodes the files itself
        prepared = fal._prepare(V2, {"prompt": "a red door", "image_url": image, "mask_url": mask}, None, {})
    assert prepared.files.inline == 2
    mask.unlink()
    with pytest.raises(InvalidInputError, match=r"mask_url: cannot read the file any more \(No such file"):
        prepared.body([])
