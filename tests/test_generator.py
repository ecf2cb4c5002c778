"""The generator is deterministic, detects stale output, and specs alone drive behaviour."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from generator.cli import generate
from generator.render.renderer import render
from generator.spec.loader import load_specs
from tests.conftest import ROOT

Edit = Callable[[str, str, str], Path]


def test_two_renders_are_byte_identical() -> None:
    first = render(load_specs(ROOT))
    second = render(load_specs(ROOT))
    assert first == second
    assert len(first) > 30


def test_committed_package_matches_specs() -> None:
    assert generate(ROOT, ROOT / "generated", check=True) == 0


def test_generate_then_regenerate_changes_nothing(project_copy: Path) -> None:
    out = project_copy / "generated"
    assert generate(project_copy, out, check=False) == 0
    snapshot = {path: path.read_bytes() for path in out.rglob("*") if path.is_file()}
    assert generate(project_copy, out, check=False) == 0
    assert {path: path.read_bytes() for path in out.rglob("*") if path.is_file()} == snapshot


def test_check_names_stale_and_extra_files(project_copy: Path, capsys: object) -> None:
    out = project_copy / "generated"
    generate(project_copy, out, check=False)
    model = out / "src/ideogram_clients/models/fal_ideogram_v2_edit.py"
    model.write_text(model.read_text() + "# hand edit\n")
    (out / "src/ideogram_clients/stray.py").write_text("")
    assert generate(project_copy, out, check=True) == 1
    err = capsys.readouterr().err  # type: ignore[attr-defined]
    assert "src/ideogram_clients/models/fal_ideogram_v2_edit.py" in err
    assert "src/ideogram_clients/stray.py" in err


def _accepts_num_images(root: Path, value: int) -> bool:
    """Import the package generated under ``root`` in a fresh interpreter and try ``num_images``."""
    code = (
        "import json, sys\n"
        "from ideogram_clients import ENDPOINTS, InvalidInputError\n"
        "try:\n"
        "    ENDPOINTS['fal-ai/ideogram/v3'].build_payload({'prompt': 'p', 'num_images': int(sys.argv[1])})\n"
        "    print('accepted')\n"
        "except InvalidInputError as exc:\n"
        "    print('refused', exc.errors[0].field)\n"
    )
    env = {**os.environ, "PYTHONPATH": str(root / "generated" / "src")}
    result = subprocess.run(
        [sys.executable, "-c", code, str(value)], env=env, capture_output=True, text=True, check=True
    )
    return result.stdout.strip() == "accepted"


def test_spec_change_changes_behaviour_after_regeneration(edit_spec: Edit) -> None:
    project = edit_spec("fal/ideogram-v3.yaml", "    maximum: 8\n", "    maximum: 4\n")
    assert generate(project, project / "generated", check=False) == 0
    assert _accepts_num_images(project, 4)
    assert not _accepts_num_images(project, 5)
    schema = json.loads((project / "generated/src/ideogram_clients/schemas/fal_ideogram_v3.input.json").read_text())
    assert schema["properties"]["num_images"]["maximum"] == 4
