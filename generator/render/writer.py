"""Write rendered files into ``generated/`` or report which ones are stale."""

from __future__ import annotations

from pathlib import Path

#: Paths under generated/ that are not ours to manage (build and tool output).
_IGNORED_PARTS = {"__pycache__", ".pytest_cache", ".mypy_cache", ".ruff_cache", "build", "dist"}


def managed_files(root: Path) -> set[str]:
    """Every file under ``root`` that generation owns (tool and build output excluded)."""
    if not root.exists():
        return set()
    found = set()
    for path in root.rglob("*"):
        relative = path.relative_to(root)
        if (
            path.is_file()
            and not _IGNORED_PARTS.intersection(relative.parts)
            and not any(part.endswith(".egg-info") for part in relative.parts)
        ):
            found.add(relative.as_posix())
    return found


def stale_files(root: Path, files: dict[str, bytes]) -> list[str]:
    """Paths that differ from ``files``: changed, missing, or present but no longer generated."""
    stale = [path for path, data in files.items() if not (root / path).is_file() or (root / path).read_bytes() != data]
    stale.extend(sorted(managed_files(root) - set(files)))
    return sorted(stale)


def write_files(root: Path, files: dict[str, bytes]) -> list[str]:
    """Make ``root`` hold exactly ``files``; returns what changed. Untouched files keep their mtime."""
    changed = stale_files(root, files)
    for path in changed:
        target = root / path
        if path in files:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(files[path])
        else:
            target.unlink()
    return changed
