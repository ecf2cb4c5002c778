"""The README's CLI reference is the one the commands render: a new option or command cannot be missed."""

from __future__ import annotations

import importlib.util
from types import ModuleType

from tests.conftest import ROOT


def _script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("cli_reference", ROOT / "scripts" / "cli_reference.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_readme_cli_reference_matches_the_app() -> None:
    script = _script()
    rendered = script.render()
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert rendered in readme, "README's CLI reference is stale: run `python scripts/cli_reference.py --write`"


def test_every_command_and_option_is_in_the_reference() -> None:
    import typer.main

    from ideogram_clients.cli import app
    from ideogram_clients.emulator.__main__ import parser

    rendered = _script().render()
    group = typer.main.get_command(app)
    for name, command in group.commands.items():  # type: ignore[attr-defined]
        assert f"`ideogram-clients {name}`" in rendered
        for param in command.params:
            assert any(f"`{opt}`" in rendered for opt in param.opts) or str(param.name).upper() in rendered
    for action in parser()._actions:
        for opt in action.option_strings:
            assert opt in ("-h", "--help") or f"`{opt}`" in rendered
