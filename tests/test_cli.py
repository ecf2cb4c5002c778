"""The ``ideogram-clients`` command line: in-process through ``main(argv)`` (fast) and as a real
subprocess where the exit path matters (no traceback may ever reach the terminal).

Runs go to a loopback emulator; bad input must be one clear message, exit status 2, and no request.
"""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from PIL import Image

from ideogram_clients import ENDPOINTS
from ideogram_clients import cli as cli_module
from ideogram_clients.cli import main
from ideogram_clients.emulator import Emulator
from tests.conftest import ROOT

pytest.register_assert_rewrite("tests.e2e_support")
from tests.e2e_support import DIVISOR, KEY, Images, decode, make_images  # noqa: E402 (after the rewrite hook)

V2 = "fal-ai/ideogram/v2/edit"
V3 = "fal-ai/ideogram/v3"
MAG = "magnific/ideogram-image-edit"
KEY_ENV = (
    "FAL_KEY",
    "FAL_KEY_ID",
    "FAL_KEY_SECRET",
    "MAGNIFIC_API_KEY",
    "FREEPIK_API_KEY",
    "IDEOGRAM_CLIENTS_BASE_URL",
)


@pytest.fixture(autouse=True)
def no_keys(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in KEY_ENV:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr(cli_module.out, "width", 200)  # a wide terminal: the table shows every column


@pytest.fixture(scope="module")
def emulator() -> Emulator:
    return Emulator(job_duration=0.1, size_divisor=DIVISOR, seed=3)


@pytest.fixture(scope="module")
def url(emulator: Emulator) -> Iterator[str]:
    with emulator.serve() as base_url:
        yield base_url


@pytest.fixture(scope="module")
def images(tmp_path_factory: pytest.TempPathFactory) -> Images:
    return make_images(tmp_path_factory.mktemp("cli-images"))


class Result:
    def __init__(self, code: int, out: str, err: str) -> None:
        self.code, self.out, self.err = code, out, err

    @property
    def text(self) -> str:
        return self.out + self.err

    @property
    def paths(self) -> list[Path]:
        return [Path(line) for line in self.out.split()]


def cli(capsys: pytest.CaptureFixture[str], *argv: object) -> Result:
    code = main([str(arg) for arg in argv])
    captured = capsys.readouterr()
    result = Result(code, captured.out, captured.err)
    assert "Traceback" not in result.text, result.text
    return result


def subprocess_cli(*argv: object) -> Result:
    env = {name: value for name, value in os.environ.items() if name not in KEY_ENV}
    done = subprocess.run(
        [sys.executable, "-m", "ideogram_clients.cli", *map(str, argv)],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
        check=False,
    )
    result = Result(done.returncode, done.stdout, done.stderr)
    assert "Traceback" not in result.text, result.text
    return result


def api_requests(emulator: Emulator) -> int:
    requests: dict[str, int] = emulator.stats.snapshot()["requests"]
    return sum(count for route, count in requests.items() if route.startswith(("fal.", "magnific.")))


def write_json(path: Path, data: object) -> Path:
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


# -- offline commands ------------------------------------------------------------------------------------


def test_endpoints_lists_every_id_in_full(capsys: pytest.CaptureFixture[str]) -> None:
    result = cli(capsys, "endpoints")
    assert result.code == 0
    for endpoint in ENDPOINTS.values():
        assert endpoint.id in result.out and endpoint.attr in result.out
    assert "summary" in result.out


def test_endpoints_in_a_narrow_terminal_never_cuts_an_id(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cli_module.out, "width", 80)
    result = cli(capsys, "endpoints")
    assert result.code == 0 and "…" not in result.out
    assert all(endpoint.id in result.out for endpoint in ENDPOINTS.values())
    assert max(len(line) for line in result.out.splitlines()) <= 80


@pytest.mark.parametrize("endpoint_id", list(ENDPOINTS))
def test_schema_prints_json_schema(capsys: pytest.CaptureFixture[str], endpoint_id: str) -> None:
    result = cli(capsys, "schema", endpoint_id)
    assert result.code == 0
    schema = json.loads(result.out)
    required = {
        field["wire_name"] or field["name"]
        for field in ENDPOINTS[endpoint_id].spec["endpoint"]["input"]
        if field["required"]
    }
    assert schema["type"] == "object" and set(schema["required"]) == required
    output = json.loads(cli(capsys, "schema", endpoint_id, "--output").out)
    assert output["$id"].endswith("/output")


def test_validate_accepts_a_valid_payload(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    payload = write_json(tmp_path / "ok.json", {"prompt": "a lighthouse", "num_images": 2, "seed": 5})
    result = cli(capsys, "validate", V3, payload)
    assert (result.code, result.out.strip()) == (0, f"valid input for {V3}")


def test_validate_lists_every_error_at_once_in_a_subprocess(tmp_path: Path) -> None:
    payload = write_json(tmp_path / "bad.json", {"prompt": 3, "seed": -1, "colour": "red", "style": "loud"})
    result = subprocess_cli("validate", V2, payload)
    assert result.code == 2
    assert "invalid input" in result.err and "6 error(s)" in result.err
    for field in ("prompt", "image_url", "mask_url", "seed", "colour", "style"):
        assert f"  {field}:" in result.err, field
    assert result.out == ""


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["validate", "fal-ai/ideogram/v9", "{ok}"], "unknown endpoint 'fal-ai/ideogram/v9'"),
        (["validate", V3, "{bad}"], "is not valid JSON"),
        (["validate", V3, "{missing}"], "cannot read"),
        (["validate", V3, "{list}"], "must hold a JSON object"),
        (["validate", V3, "{dir}"], "cannot read"),
        (["schema", "nope"], "unknown endpoint 'nope'"),
        (["run", "nope"], "unknown endpoint 'nope'"),
        (["validate", V3], "Missing argument"),
        (["frobnicate"], "No such command"),
    ],
    ids=["unknown-endpoint", "bad-json", "missing-file", "not-an-object", "directory", "schema", "run", "usage", "cmd"],
)
def test_bad_command_lines_exit_2_with_one_message(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, argv: list[str], message: str
) -> None:
    files = {
        "{ok}": write_json(tmp_path / "ok.json", {"prompt": "x"}),
        "{bad}": tmp_path / "bad.json",
        "{missing}": tmp_path / "missing.json",
        "{list}": write_json(tmp_path / "list.json", [1, 2]),
        "{dir}": tmp_path,
    }
    files["{bad}"].write_text('{"prompt": ', encoding="utf-8")
    result = cli(capsys, *(files.get(arg, arg) for arg in argv))
    assert result.code == 2
    assert message in result.err and result.out == ""


# -- runs against the emulator ---------------------------------------------------------------------------


def test_run_fal_edit_with_files_saves_the_edited_png(
    capsys: pytest.CaptureFixture[str], url: str, images: Images, tmp_path: Path, emulator: Emulator
) -> None:
    before = emulator.stats.jobs_created[V2]
    result = cli(
        capsys, "run", V2, "--file", f"image_url={images.photo}", "--file", f"mask_url={images.mask}",
        "--set", "prompt=a red knitted hat", "--set", "seed=7", "--base-url", url, "--api-key", KEY,
        "--out", tmp_path / "out",
    )  # fmt: skip
    assert result.code == 0, result.err
    assert result.paths == [tmp_path / "out" / "v2_edit-0.png"]
    edited, photo = decode(result.paths[0].read_bytes()), images.photo_pixels()
    width, height = photo.size
    keep = (width // 2, 0, width, height)
    assert edited.convert("RGB").crop(keep).tobytes() == photo.crop(keep).tobytes()
    assert edited.tobytes() != photo.tobytes()
    assert emulator.stats.jobs_created[V2] == before + 1
    # progress: every log line once (each status repeats the logs so far)
    assert result.err.count("Started fal-ai/ideogram/v2/edit") == 1 and result.err.count("Finished") == 1


def test_run_magnific_edit_with_files(
    capsys: pytest.CaptureFixture[str], url: str, images: Images, tmp_path: Path
) -> None:
    result = cli(
        capsys, "run", MAG, "--file", f"image={images.photo}", "--file", f"mask={images.mask}",
        "--set", "prompt=a red knitted hat", "--base-url", url, "--api-key", KEY, "--out", tmp_path,
    )  # fmt: skip
    assert result.code == 0, result.err
    assert result.paths == [tmp_path / "ideogram_image_edit-0.png"]
    assert decode(result.paths[0].read_bytes()).size == images.photo_pixels().size


def test_run_sync_host_with_set_json_values_and_a_json_file(
    capsys: pytest.CaptureFixture[str], url: str, tmp_path: Path, emulator: Emulator
) -> None:
    payload = write_json(tmp_path / "args.json", {"prompt": "from the file", "image_size": "square"})
    before = emulator.stats.snapshot()["requests"].get("fal.run", 0)
    result = cli(
        capsys, "run", V3, "--json", payload, "--set", "num_images=2", "--set", 'image_size={"width": 40, "height": 24}',
        "--sync", "--base-url", url, "--api-key", KEY, "--out", tmp_path / "sync",
    )  # fmt: skip
    assert result.code == 0, result.err
    assert result.paths == [tmp_path / "sync" / "v3-0.png", tmp_path / "sync" / "v3-1.png"]
    assert all(decode(path.read_bytes()).size == (40, 24) for path in result.paths)  # --set beat the file
    assert emulator.stats.snapshot()["requests"]["fal.run"] == before + 1


def test_run_text_fields_keep_what_was_typed(
    capsys: pytest.CaptureFixture[str], url: str, tmp_path: Path, emulator: Emulator
) -> None:
    """``--set prompt=42`` is the prompt "42", not the number 42 (which the model would refuse)."""
    result = cli(capsys, "run", V3, "--set", "prompt=42", "--set", "negative_prompt=null", "--base-url", url,
                 "--api-key", KEY, "--out", tmp_path)  # fmt: skip
    assert result.code == 0, result.err
    [job] = [job for job in emulator.jobs() if job.arguments.prompt == "42"]
    assert job.arguments.negative_prompt == "null"


def test_invalid_set_exits_2_naming_each_field_and_sends_nothing(
    capsys: pytest.CaptureFixture[str], url: str, tmp_path: Path, emulator: Emulator
) -> None:
    before = api_requests(emulator)
    result = cli(capsys, "run", V3, "--set", "prompt=x", "--set", "num_images=0", "--set", "seed=abc",
                 "--set", "colour=red", "--base-url", url, "--api-key", KEY, "--out", tmp_path)  # fmt: skip
    assert result.code == 2 and result.out == ""
    assert "3 error(s)" in result.err
    for field in ("num_images", "seed", "colour"):
        assert f"  {field}:" in result.err
    malformed = cli(capsys, "run", V3, "--set", "prompt", "--base-url", url, "--api-key", KEY)
    assert malformed.code == 2 and "--set expects key=value" in malformed.err
    bad_file = cli(capsys, "run", V2, "--set", "prompt=x", "--file", f"image_url={tmp_path / 'nope.png'}",
                   "--file", "mask_url", "--base-url", url, "--api-key", KEY)  # fmt: skip
    assert bad_file.code == 2 and "--file expects field=PATH" in bad_file.err
    assert api_requests(emulator) == before


def test_missing_image_file_is_input_error(capsys: pytest.CaptureFixture[str], url: str, images: Images) -> None:
    result = cli(capsys, "run", V2, "--set", "prompt=x", "--file", f"image_url={images.photo.parent / 'gone.png'}",
                 "--file", f"mask_url={images.mask}", "--base-url", url, "--api-key", KEY)  # fmt: skip
    assert result.code == 2 and "image_url: file not found" in result.err


def test_missing_key_exits_2_with_a_clear_message(
    capsys: pytest.CaptureFixture[str], url: str, tmp_path: Path, emulator: Emulator
) -> None:
    before = api_requests(emulator)
    for endpoint_id, variable in ((V3, "FAL_KEY"), (MAG, "MAGNIFIC_API_KEY")):
        arguments = ["--set", "prompt=x"]
        if endpoint_id == MAG:
            image = tmp_path / "i.png"
            Image.new("RGB", (8, 8)).save(image)
            arguments += ["--file", f"image={image}", "--file", f"mask={image}"]
        result = cli(capsys, "run", endpoint_id, *arguments, "--base-url", url, "--out", tmp_path)
        assert result.code == 2
        assert "no API key" in result.err and "--api-key" in result.err and variable in result.err
    assert api_requests(emulator) == before


def test_unusable_out_directory_is_refused_before_the_job(
    capsys: pytest.CaptureFixture[str], url: str, tmp_path: Path, emulator: Emulator
) -> None:
    taken = tmp_path / "a-file"
    taken.write_text("not a directory", encoding="utf-8")
    before = api_requests(emulator)
    result = cli(capsys, "run", V3, "--set", "prompt=x", "--base-url", url, "--api-key", KEY, "--out", taken)
    assert result.code == 2 and f"cannot save outputs in {taken}" in result.err
    assert api_requests(emulator) == before


def test_provider_side_failures_exit_1(capsys: pytest.CaptureFixture[str], url: str, tmp_path: Path) -> None:
    late = cli(capsys, "run", V3, "--set", "prompt=slow", "--timeout", "0.02", "--base-url", url, "--api-key", KEY,
               "--out", tmp_path)  # fmt: skip
    assert late.code == 1 and "did not complete within 0.02 s" in late.err
    late_sync = cli(capsys, "run", V3, "--set", "prompt=slow", "--sync", "--timeout", "0.02", "--base-url", url,
                    "--api-key", KEY, "--out", tmp_path)  # fmt: skip
    assert late_sync.code == 1 and "timed out" in late_sync.err
    remote = cli(capsys, "run", MAG, "--set", "prompt=x", "--set", "image=https://example.com/a.png",
                 "--set", "mask=https://example.com/b.png", "--base-url", url, "--api-key", KEY, "--out", tmp_path)  # fmt: skip
    assert remote.code == 1 and "400" in remote.err and "does not download remote files" in remote.err


def test_run_in_a_subprocess_prints_the_saved_paths(url: str, images: Images, tmp_path: Path) -> None:
    result = subprocess_cli(
        "run", V2, "--file", f"image_url={images.photo}", "--file", f"mask_url={images.mask}", "--set", "prompt=hat",
        "--base-url", url, "--api-key", KEY, "--out", tmp_path,
    )  # fmt: skip
    assert result.code == 0, result.err
    assert result.paths == [tmp_path / "v2_edit-0.png"] and result.paths[0].is_file()


# -- the emulator command and the demo -------------------------------------------------------------------


def test_emulator_help_lists_the_emulator_options() -> None:
    result = subprocess_cli("emulator", "--help")
    assert result.code == 0
    assert "usage: ideogram-clients emulator" in result.out
    for option in ("--port", "--job-duration", "--fault-503", "--size-divisor"):
        assert option in result.out


def test_emulator_bad_option_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    result = cli(capsys, "emulator", "--port", "many")
    assert result.code == 2 and "argument --port: 'many' is not a port number" in result.err


def _demo_module() -> ModuleType:
    spec = importlib.util.spec_from_file_location("run_demo", ROOT / "demo" / "run_demo.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_demo_edits_the_sample_photo_with_both_providers(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`make demo` in a temp directory, with shorter jobs: the fal and Magnific edits and the sheet."""
    demo = _demo_module()

    def quick(**options: Any) -> Emulator:
        return Emulator(**{**options, "job_duration": 0.1})

    monkeypatch.setattr(demo, "OUT", tmp_path)
    monkeypatch.setattr(demo, "Emulator", quick)
    assert demo.main() == 0
    printed = capsys.readouterr().out
    assert "emulator stopped after 2 jobs" in printed
    photo = Image.open(ROOT / "demo" / "photo.png")
    for provider, name in (("fal", "v2_edit-0.png"), ("magnific", "ideogram_image_edit-0.png")):
        edited = Image.open(tmp_path / provider / name)
        assert edited.size == photo.size
    assert (tmp_path / "side-by-side.png").is_file()


@pytest.mark.parametrize("value", ["-1", "0", "nan", "inf"])
def test_a_bad_timeout_is_a_usage_error_before_any_request(capsys: pytest.CaptureFixture[str], value: str) -> None:
    # port 9 on loopback: nothing listens, so any request would end in exit 1, not 2
    result = cli(capsys, "run", V3, "--set", "prompt=a fox", "--timeout", value, "--base-url", "http://127.0.0.1:9")
    assert result.code == 2, result.text
    assert "--timeout" in result.text and "greater than 0" in result.text


@pytest.mark.parametrize(
    ("argv", "shown"),
    [
        (["schema", "[/]"], "unknown endpoint '[/]'"),
        (["validate", V3, "/nonexistent/[bold]x[/].json"], "/nonexistent/[bold]x[/].json"),
        (["run", V3, "--set", "prompt=[red]x[/]", "--set", "num_images=[/]"], "num_images"),
    ],
)
def test_user_text_is_never_read_as_rich_markup(
    capsys: pytest.CaptureFixture[str], argv: list[str], shown: str
) -> None:
    result = cli(capsys, *argv)
    assert result.code == 2, result.text
    assert shown in result.text and "MarkupError" not in result.text


def test_a_provider_error_text_is_printed_as_text(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from ideogram_clients import JobFailedError

    def failing(*args: Any, **kwargs: Any) -> list[str]:
        raise JobFailedError("provider says [/] and [bold]no[/bold]")

    monkeypatch.setattr(cli_module, "_run_fal", failing)
    result = cli(capsys, "run", V3, "--set", "prompt=x")
    assert result.code == 1, result.text
    assert "provider says [/] and [bold]no[/bold]" in result.text


def test_json_nested_too_deep_is_a_clear_error(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    deep = tmp_path / "deep.json"
    deep.write_text("[" * 100_000 + "]" * 100_000)
    for argv in (["validate", V3, deep], ["run", V3, "--json", deep]):
        result = cli(capsys, *argv)
        assert result.code == 2 and "nested too deeply" in result.text
    result = cli(capsys, "validate", V3, tmp_path / "missing.json")
    assert result.code == 2
    assert cli(capsys, "run", V3, "--set", "prompt=" + "[" * 100_000, "--timeout", "-1").code == 2
