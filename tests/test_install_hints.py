"""A base install (no extras) gets one line saying which extra to install, never a traceback."""

from __future__ import annotations

import subprocess
import sys

import pytest

#: Runs a module as ``python -m`` would, with the [emulator] extra's packages made unimportable.
WITHOUT_EXTRA = """
import runpy, sys
for name in ("starlette", "uvicorn"):
    sys.modules[name] = None
sys.argv = [sys.argv[0], *sys.argv[1:]]
runpy.run_module(sys.argv.pop(1), run_name="__main__", alter_sys=True)
"""


@pytest.mark.parametrize(
    "command",
    [["ideogram_clients.emulator", "--port", "0"], ["ideogram_clients.cli", "emulator", "--port", "0"]],
    ids=["python -m ideogram_clients.emulator", "ideogram-clients emulator"],
)
def test_emulator_without_its_extra_prints_the_install_hint(command: list[str]) -> None:
    done = subprocess.run(
        [sys.executable, "-c", WITHOUT_EXTRA, *command], capture_output=True, text=True, timeout=60, check=False
    )
    assert done.returncode == 2, done.stderr
    assert "Traceback" not in done.stderr
    assert "pip install 'ideogram-clients[emulator]'" in done.stderr
    assert "starlette" in done.stderr or "uvicorn" in done.stderr


def test_importing_the_emulator_package_needs_no_extra_until_a_name_is_used() -> None:
    code = (
        "import sys; sys.modules['starlette'] = None; import ideogram_clients.emulator as e\n"
        "try:\n    e.Emulator\nexcept ImportError as exc:\n    print(exc)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True)
    assert done.stdout.startswith("the emulator needs its extra: pip install 'ideogram-clients[emulator]'")
