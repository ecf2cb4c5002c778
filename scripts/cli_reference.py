"""The README's CLI reference, rendered from the typer app and the emulator's argparse parser.

``python scripts/cli_reference.py`` prints it; ``--write`` replaces the block between the markers in
README.md. ``tests/test_cli_reference.py`` fails when the README and the app disagree, so the
reference cannot drift from the commands.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

import typer.main

from ideogram_clients.cli import app
from ideogram_clients.emulator.__main__ import parser as emulator_parser

README = Path(__file__).resolve().parents[1] / "README.md"
START, END = "<!-- cli-reference:start -->", "<!-- cli-reference:end -->"


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def _click_rows(command: Any) -> list[str]:
    """Rows of a (typer-vendored) click command's parameters, read by their attributes."""
    rows = []
    for param in command.params:
        if param.param_type_name == "argument":
            name, default = str(param.name).upper(), "required"
            meaning = getattr(param, "help", None) or ""
        else:
            name = ", ".join(f"`{opt}`" for opt in param.opts)
            default = "" if param.default in (None, False) or param.multiple else f"`{param.default}`"
            meaning = param.help or ""
            if param.envvar:
                meaning += f" (env `{param.envvar}`)"
        rows.append(f"| {name if name.startswith('`') else f'`{name}`'} | {default} | {_cell(meaning)} |")
    return rows


def _argparse_rows(cli: argparse.ArgumentParser) -> list[str]:
    rows = []
    for action in cli._actions:
        if isinstance(action, argparse._HelpAction):
            continue
        name = ", ".join(f"`{opt}`" for opt in action.option_strings)
        default = "" if action.default in (None, False, [], argparse.SUPPRESS) else f"`{action.default}`"
        rows.append(f"| {name} | {default} | {_cell(action.help or '')} |")
    return rows


def render() -> str:
    """The reference as Markdown: one section per command, a row per argument and option."""
    group: Any = typer.main.get_command(app)
    lines = [START, ""]
    for name, command in group.commands.items():
        summary = _cell((command.help or "").split("\n\n")[0])
        lines += [f"#### `ideogram-clients {name}`", "", summary, ""]
        rows = _argparse_rows(emulator_parser()) if name == "emulator" else _click_rows(command)
        if rows:
            lines += ["| argument / option | default | meaning |", "|---|---|---|", *rows, ""]
    lines.append(END)
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    text = render()
    if argv[1:] != ["--write"]:
        print(text)
        return 0
    readme = README.read_text(encoding="utf-8")
    before, _, rest = readme.partition(START)
    _, _, after = rest.partition(END)
    README.write_text(before + text + after, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
