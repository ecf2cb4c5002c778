"""``ideogram-clients status|result|cancel`` reach a job that already exists, by its id (emulator)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from ideogram_clients import FalClient, MagnificClient
from ideogram_clients.cli import main
from ideogram_clients.emulator import Emulator
from tests.conftest import ROOT

V3 = "fal-ai/ideogram/v3"
MAG = "magnific/ideogram-image-edit"
PHOTO = ROOT / "demo" / "photo.png"
MASK = ROOT / "demo" / "mask.png"


@pytest.fixture(scope="module")
def url() -> Iterator[str]:
    with Emulator(job_duration=0.05, size_divisor=16, seed=5).serve() as base_url:
        yield base_url


def cli(capsys: pytest.CaptureFixture[str], *argv: object) -> tuple[int, str, str]:
    code = main([str(arg) for arg in argv])
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err
    return code, captured.out, captured.err


def test_fal_status_result_and_cancel_by_request_id(
    capsys: pytest.CaptureFixture[str], url: str, tmp_path: Path
) -> None:
    with FalClient("k", base_url=url) as fal:
        handle = fal.submit(V3, {"prompt": "a fox", "num_images": 2})
        handle.wait(timeout=30)
    common = ["--base-url", url, "--api-key", "k"]
    code, out, _ = cli(capsys, "status", V3, handle.request_id, *common)
    assert code == 0 and json.loads(out)["status"] == "COMPLETED"
    code, out, _ = cli(capsys, "result", V3, handle.request_id, "--out", tmp_path, *common)
    paths = [Path(line) for line in out.split()]
    assert code == 0 and len(paths) == 2 and all(path.is_file() and path.parent == tmp_path for path in paths)
    code, _, err = cli(capsys, "cancel", V3, handle.request_id, *common)
    assert code == 0 and "ALREADY_COMPLETED" in err
    code, _, err = cli(capsys, "status", V3, "no-such-request", *common)
    assert code == 1 and "404" in err


def test_magnific_status_and_result_by_task_id(capsys: pytest.CaptureFixture[str], url: str, tmp_path: Path) -> None:
    with MagnificClient("k", base_url=url) as magnific:
        task = magnific.ideogram_image_edit.run(prompt="a hat", image=PHOTO, mask=MASK, timeout=30)
    common = ["--base-url", url, "--api-key", "k"]
    code, out, _ = cli(capsys, "status", MAG, task.task_id, *common)
    assert code == 0 and json.loads(out)["status"] == "COMPLETED"
    code, out, _ = cli(capsys, "result", MAG, task.task_id, "--out", tmp_path, *common)
    assert code == 0 and [Path(line).is_file() for line in out.split()] == [True] * len(task.generated)
    code, _, err = cli(capsys, "cancel", MAG, task.task_id, *common)
    assert code == 2 and "no cancel" in err


def test_run_prints_the_request_id_first_and_ctrl_c_cancels_the_job(
    capsys: pytest.CaptureFixture[str], url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ideogram_clients import QueueHandle

    def interrupted(self: QueueHandle[object], **kwargs: object) -> object:
        raise KeyboardInterrupt

    monkeypatch.setattr(QueueHandle, "wait", interrupted)
    argv = ["run", V3, "--set", "prompt=a fox", "--out", tmp_path, "--base-url", url, "--api-key", "k"]
    code, _, err = cli(capsys, *argv)
    assert code == 130
    request_id = err.split("request id: ", 1)[1].split()[0]
    assert f"asked fal to cancel {request_id}" in err
    code, out, _ = cli(capsys, "status", V3, request_id, "--base-url", url, "--api-key", "k")
    assert code == 0 and json.loads(out)["status"] in ("COMPLETED", "IN_QUEUE", "IN_PROGRESS")


def test_magnific_run_prints_the_task_id(capsys: pytest.CaptureFixture[str], url: str, tmp_path: Path) -> None:
    argv = ["run", MAG, "--set", "prompt=a hat", "--file", f"image={PHOTO}", "--file", f"mask={MASK}"]
    code, out, err = cli(capsys, *argv, "--out", tmp_path, "--base-url", url, "--api-key", "k", "--timeout", "30")
    assert code == 0, err
    assert "task id: " in err and all(Path(line).is_file() for line in out.split())
    changes = [line.split()[0] for line in err.splitlines() if " after " in line and line.strip().endswith(" s")]
    assert changes[-1] == "COMPLETED" and len(changes) == len(set(changes))  # each status change once


def test_a_job_run_started_is_reached_by_its_id_alone(
    capsys: pytest.CaptureFixture[str], url: str, tmp_path: Path
) -> None:
    common = ["--base-url", url, "--api-key", "k"]
    code, _, err = cli(capsys, "run", V3, "--set", "prompt=a remembered fox", "--out", tmp_path / "a", *common)
    assert code == 0, err
    request_id = err.split("request id: ", 1)[1].split()[0]
    code, out, _ = cli(capsys, "status", request_id, *common)
    assert code == 0 and json.loads(out)["status"] == "COMPLETED"
    code, out, _ = cli(capsys, "result", request_id, "--out", tmp_path / "b", *common)
    assert code == 0 and all(Path(line).is_file() for line in out.split())
    code, _, err = cli(capsys, "cancel", request_id, *common)
    assert code == 0 and "ALREADY_COMPLETED" in err
    argv = ["run", MAG, "--set", "prompt=a hat", "--file", f"image={PHOTO}", "--file", f"mask={MASK}"]
    code, _, err = cli(capsys, *argv, "--out", tmp_path / "c", *common)
    task_id = err.split("task id: ", 1)[1].split()[0]
    code, out, _ = cli(capsys, "status", task_id, *common)
    assert code == 0 and json.loads(out)["task_id"] == task_id


def test_an_id_alone_that_run_did_not_start_asks_for_the_endpoint(capsys: pytest.CaptureFixture[str], url: str) -> None:
    code, _, err = cli(capsys, "status", "never-seen-id", "--base-url", url, "--api-key", "k")
    assert code == 2 and "pass the endpoint id first" in err


def test_a_state_folder_that_cannot_be_written_does_not_fail_a_run(
    capsys: pytest.CaptureFixture[str], url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    monkeypatch.setenv("XDG_STATE_HOME", str(blocker))
    argv = ["run", V3, "--set", "prompt=an unremembered fox", "--out", tmp_path / "o", "--base-url", url]
    code, out, err = cli(capsys, *argv, "--api-key", "k")
    assert code == 0, err
    assert all(Path(line).is_file() for line in out.split())


def test_no_home_folder_neither_fails_a_run_nor_a_lookup(
    capsys: pytest.CaptureFixture[str], url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_home() -> Path:
        raise RuntimeError("Could not determine home directory.")

    monkeypatch.delenv("XDG_STATE_HOME")
    monkeypatch.setattr(Path, "home", staticmethod(no_home))
    argv = ["run", V3, "--set", "prompt=a homeless fox", "--out", tmp_path / "o", "--base-url", url, "--api-key", "k"]
    code, out, err = cli(capsys, *argv)
    assert code == 0 and all(Path(line).is_file() for line in out.split()), err
    code, _, err = cli(capsys, "status", "any-id", "--base-url", url, "--api-key", "k")
    assert code == 2 and "pass the endpoint id first" in err
