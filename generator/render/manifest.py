"""The manifest that makes an up-to-date ``generate`` (and ``--check``) a matter of hashing, not rendering.

``generated/.manifest.json`` records a digest of every input that shapes the output (the specs, the
doc pages their quotes are checked against, the generator's loader, renderer, templates and static
runtime, and ruff's version, which formats the code) and the SHA-256 of every generated file. The
sync twins in ``_sync/`` are generated files like any other: their async sources (under ``static``)
and the unasync step (under ``render``) are inputs, so editing either makes them stale. When
the inputs hash the same and every file on disk still matches, the output is what a render would
produce, so nothing is loaded or rendered. Any difference falls back to the full path, which names
the stale files. The manifest is rendered with the rest, so it is byte-identical too.
"""

from __future__ import annotations

import hashlib
import json
from importlib import metadata
from pathlib import Path

MANIFEST = ".manifest.json"
GENERATOR = Path(__file__).resolve().parent.parent
#: Generator parts whose change can change the output (the drift checker, for one, cannot).
_GENERATOR_INPUTS = ("spec", "render", "templates", "static")


def _files_under(folder: Path) -> list[Path]:
    return sorted(
        path
        for path in folder.rglob("*")
        if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc"
    )


def input_digest(root: Path) -> str:
    """SHA-256 over every input of a render, by relative path and content."""
    digest = hashlib.sha256()
    try:
        digest.update(metadata.version("ruff").encode())
    except metadata.PackageNotFoundError:  # pragma: no cover - ruff is a dev dependency
        digest.update(b"no-ruff")
    sources = [
        (f"root/{p.relative_to(root).as_posix()}", p)
        for d in ("specs", "upstream-docs")
        for p in _files_under(root / d)
    ]
    sources += [
        (f"generator/{p.relative_to(GENERATOR).as_posix()}", p)
        for d in _GENERATOR_INPUTS
        for p in _files_under(GENERATOR / d)
    ]
    for name, path in sources:
        data = path.read_bytes()
        digest.update(f"{name}\0{len(data)}\0".encode())
        digest.update(data)
    return digest.hexdigest()


def render_manifest(digest: str, files: dict[str, bytes]) -> bytes:
    """The manifest for rendered ``files`` (which must not include the manifest itself)."""
    hashes = {path: hashlib.sha256(data).hexdigest() for path, data in sorted(files.items())}
    return (json.dumps({"inputs": digest, "files": hashes}, indent=1, sort_keys=True) + "\n").encode()


def up_to_date(out: Path, digest: str, managed: set[str]) -> int | None:
    """The number of generated files if ``out`` provably matches a render of these inputs, else None."""
    try:
        manifest = json.loads((out / MANIFEST).read_bytes())
        if manifest["inputs"] != digest:
            return None
        hashes: dict[str, str] = manifest["files"]
    except (OSError, ValueError, KeyError, TypeError):
        return None
    if managed != {*hashes, MANIFEST}:
        return None
    for path, expected in hashes.items():
        try:
            if hashlib.sha256((out / path).read_bytes()).hexdigest() != expected:
                return None
        except OSError:
            return None
    return len(hashes) + 1
