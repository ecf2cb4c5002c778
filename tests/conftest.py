"""Shared fixtures: the project root and throw-away copies of specs/ + upstream-docs/."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def _private_state_dir(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The CLI remembers the jobs it starts under ``$XDG_STATE_HOME``: never the real one in tests."""
    state = tmp_path_factory.mktemp("state")
    monkeypatch.setenv("XDG_STATE_HOME", str(state))
    return state


@pytest.fixture
def project_copy(tmp_path: Path) -> Path:
    """A temp project root with copies of specs/ and upstream-docs/ to edit freely."""
    for folder in ("specs", "upstream-docs"):
        shutil.copytree(ROOT / folder, tmp_path / folder)
    return tmp_path


@pytest.fixture
def edit_spec(project_copy: Path) -> Callable[[str, str, str], Path]:
    """Replace ``old`` by ``new`` (exactly once) in a spec file of the temp copy."""

    def edit(relative: str, old: str, new: str) -> Path:
        path = project_copy / "specs" / relative
        text = path.read_text(encoding="utf-8")
        assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times in {relative}"
        path.write_text(text.replace(old, new), encoding="utf-8")
        return project_copy

    return edit
