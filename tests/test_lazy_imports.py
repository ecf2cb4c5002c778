"""Importing the package loads no model module, resource, emulator, webhook or CLI code; each loads on first use.

Import time is a benchmark (BENCHMARKS.md, "Import time"), not a timed test: these tests check the
mechanism, in a fresh interpreter each.
"""

from __future__ import annotations

import json
import subprocess
import sys
from typing import Any

HEAVY = ("ideogram_clients.models.", "ideogram_clients.resources.", "ideogram_clients.emulator",
         "ideogram_clients.webhooks", "ideogram_clients.cli", "PIL", "starlette", "uvicorn", "typer")  # fmt: skip


def _loaded_after(code: str) -> list[str]:
    script = f"import sys\n{code}\nimport json; print(json.dumps(sorted(sys.modules)))"
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    loaded: list[str] = json.loads(done.stdout.strip().splitlines()[-1])
    return loaded


def test_importing_the_package_loads_none_of_the_heavy_parts() -> None:
    loaded = _loaded_after("import ideogram_clients")
    assert [name for name in loaded if name.startswith(HEAVY)] == []


def test_a_model_name_loads_only_its_endpoints_module() -> None:
    loaded = _loaded_after(
        "import ideogram_clients\n"
        "assert ideogram_clients.IdeogramV3Input.__name__ == 'IdeogramV3Input'\n"
        "assert ideogram_clients.ENDPOINTS['fal-ai/ideogram/v3'].input_model is ideogram_clients.IdeogramV3Input"
    )
    models = [name for name in loaded if name.startswith("ideogram_clients.models.")]
    assert models == ["ideogram_clients.models.fal_ideogram_v3", "ideogram_clients.models.types"]


def test_star_import_and_resources_still_resolve_every_name() -> None:
    loaded = _loaded_after(
        "from ideogram_clients import *\n"
        "import ideogram_clients\n"
        "assert all(hasattr(ideogram_clients, name) for name in ideogram_clients.__all__)\n"
        "client = FalClient(api_key='k')\n"
        "assert type(client.v2_edit).__name__ == 'IdeogramV2EditResource'\n"
        "try:\n    ideogram_clients.NoSuchThing\nexcept AttributeError as error:\n    assert 'NoSuchThing' in str(error)\n"
        "else:\n    raise AssertionError('no AttributeError')"
    )
    assert "ideogram_clients.resources.fal_ideogram_v2_edit" in loaded


def test_type_checkers_still_flag_a_misspelt_name(tmp_path: Any) -> None:
    script = tmp_path / "typo.py"
    script.write_text(
        "from ideogram_clients import IdeogramV3Input, IdeogramV3Inptu\nfrom ideogram_clients.models import Nope\n"
    )
    done = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental", str(script)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 1
    assert "IdeogramV3Inptu" in done.stdout and "Nope" in done.stdout and "Found 2 errors" in done.stdout
