"""Every Python block of README.md and every script in examples/ runs as written, against the emulator.

Each runs in a fresh interpreter, in a folder holding the README's ``photo.png`` and ``mask.png``,
with ``IDEOGRAM_CLIENTS_BASE_URL`` pointing at a local emulator and dummy keys: the only change to
the text is the webhook host, which becomes the emulator's own (tests never leave loopback).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from ideogram_clients.emulator import Emulator

ROOT = Path(__file__).resolve().parents[1]
README_BLOCKS = re.findall(r"```python\n(.*?)```", (ROOT / "README.md").read_text(encoding="utf-8"), re.DOTALL)
EXAMPLES = {
    "fal_edit.py": ["photo.png", "mask.png", "out/edits"],
    "magnific_edit.py": ["photo.png", "mask.png"],
    "async_fal.py": [],
}


@pytest.fixture(scope="module")
def emulator_url() -> Iterator[str]:
    with Emulator(job_duration=0.05, size_divisor=16, seed=11).serve() as url:
        yield url


@pytest.fixture
def workdir(tmp_path: Path, emulator_url: str) -> tuple[Path, dict[str, str]]:
    for name in ("photo.png", "mask.png"):
        shutil.copy(ROOT / "demo" / name, tmp_path / name)
    env = {
        **os.environ,
        "IDEOGRAM_CLIENTS_BASE_URL": emulator_url,
        "FAL_KEY": "readme-key",
        "MAGNIFIC_API_KEY": "readme-key",
        "PYTHONPATH": str(ROOT),
    }
    for name in ("FAL_RUN_HOST", "FAL_QUEUE_RUN_HOST", "FAL_KEY_ID", "FAL_KEY_SECRET"):
        env.pop(name, None)
    return tmp_path, env


def _run(command: list[str], cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, f"exit {done.returncode}\nstdout:\n{done.stdout}\nstderr:\n{done.stderr}"
    assert "Traceback" not in done.stderr
    return done


def test_the_readme_has_python_blocks() -> None:
    assert len(README_BLOCKS) >= 2


@pytest.mark.parametrize("index", range(len(README_BLOCKS)), ids=lambda index: f"README block {index + 1}")
def test_readme_block_runs_as_written(index: int, workdir: tuple[Path, dict[str, str]], emulator_url: str) -> None:
    folder, env = workdir
    code = README_BLOCKS[index].replace("https://example.com/hook", f"{emulator_url}/readme-hook")
    _run([sys.executable, "-c", code], folder, env)
    if 'save("out/")' in code:
        saved = sorted(path.name for path in (folder / "out").iterdir())
        assert saved and all(name.endswith(".png") for name in saved)


@pytest.mark.parametrize("script", sorted(EXAMPLES))
def test_example_runs_as_written(script: str, workdir: tuple[Path, dict[str, str]]) -> None:
    folder, env = workdir
    done = _run([sys.executable, str(ROOT / "examples" / script), *EXAMPLES[script]], folder, env)
    assert done.stdout.strip(), "an example prints what it made"
    if script == "fal_edit.py":
        assert (folder / "out" / "edits" / "edit-0.png").is_file()
