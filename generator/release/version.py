"""The package version's one home: ``generator/static/src/ideogram_clients/_version.py``.

The generated ``pyproject.toml`` reads it (setuptools ``dynamic`` version), the runtime imports it
(User-Agent), and only the release step writes it.
"""

from __future__ import annotations

import ast
from pathlib import Path

VERSION_FILE = Path("generator/static/src/ideogram_clients/_version.py")
_TEMPLATE = '''"""The package version: written by `python -m generator release`, read by pyproject.toml (dynamic)."""

__version__ = "{version}"
'''


def read_version(root: Path) -> str:
    tree = ast.parse((root / VERSION_FILE).read_text(encoding="utf-8"))
    for node in tree.body:
        if (
            isinstance(node, ast.Assign)
            and any(isinstance(target, ast.Name) and target.id == "__version__" for target in node.targets)
            and isinstance(node.value, ast.Constant)
            and isinstance(node.value.value, str)
        ):
            return node.value.value
    raise ValueError(f'{VERSION_FILE}: no `__version__ = "..."` line')


def write_version(root: Path, version: str) -> None:
    (root / VERSION_FILE).write_text(_TEMPLATE.format(version=version), encoding="utf-8")
