"""The ``CHANGELOG.md`` entry of one release: each change in the words a caller needs."""

from __future__ import annotations

import re
from pathlib import Path

from generator.release.change import Change

HEADER = (
    "# Changelog\n\nEvery release of `ideogram-clients`, written by `python -m generator release` from the spec diff.\n"
)
#: The top section where runtime changes are noted by hand until the next release takes them.
_UNRELEASED = re.compile(r"\[?unreleased\]?", re.IGNORECASE)
RUNTIME = "Runtime (written by hand)"
_SECTIONS = (("breaking", "Breaking"), ("additive", "Added"), ("patch", "Documentation and fixes"))


def entry(version: str, date: str, changes: list[Change], runtime: str = "", *, first: bool = False) -> str:
    """One release's entry: the spec changes by level, then ``runtime`` (hand-written notes)."""
    lines = [f"## {version} ({date})", ""]
    if first:
        lines += ["- First release: the package as generated from the specs in this version.", ""]
    for level, title in _SECTIONS:
        picked = [change for change in changes if change.level == level]
        if picked:
            lines += [f"### {title}", "", *(f"- {change}" for change in picked), ""]
    if runtime:
        lines += [f"### {RUNTIME}", "", runtime, ""]
    return "\n".join(lines)


def unreleased(path: Path) -> str:
    """The hand-written notes under an ``## Unreleased`` (or ``## [Unreleased]``) heading at the top
    (runtime changes since the last release, which the spec diff cannot see), or ``""``."""
    current = path.read_text(encoding="utf-8") if path.is_file() else HEADER
    _, marker, rest = current.partition("\n## ")
    if not marker or not _is_unreleased(rest):
        return ""
    return rest.partition("\n## ")[0].partition("\n")[2].strip()


def _is_unreleased(section: str) -> bool:
    """Whether a section (its text after ``## ``) is the unreleased one, however it is spelled."""
    return _UNRELEASED.fullmatch(section.partition("\n")[0].strip()) is not None


def prepend(path: Path, text: str) -> None:
    """Insert ``text`` above the newest entry, keeping the header; an ``## Unreleased`` section is
    replaced (its notes belong in ``text``, see :func:`unreleased`)."""
    current = path.read_text(encoding="utf-8") if path.is_file() else HEADER
    head, marker, rest = current.partition("\n## ")
    if marker and _is_unreleased(rest):
        _, marker, rest = rest.partition("\n## ")
    body = f"{head.rstrip()}\n\n{text}"
    path.write_text(body + (f"\n## {rest}" if marker else ""), encoding="utf-8")
