"""The ``CHANGELOG.md`` entry of one release: each change in the words a caller needs."""

from __future__ import annotations

from pathlib import Path

from generator.release.change import Change

HEADER = (
    "# Changelog\n\nEvery release of `ideogram-clients`, written by `python -m generator release` from the spec diff.\n"
)
_SECTIONS = (("breaking", "Breaking"), ("additive", "Added"), ("patch", "Documentation and fixes"))


def entry(version: str, date: str, changes: list[Change]) -> str:
    lines = [f"## {version} ({date})", ""]
    if not changes:
        lines += ["- First release: the package as generated from the specs in this version.", ""]
    for level, title in _SECTIONS:
        picked = [change for change in changes if change.level == level]
        if picked:
            lines += [f"### {title}", "", *(f"- {change}" for change in picked), ""]
    return "\n".join(lines)


def prepend(path: Path, text: str) -> None:
    """Insert ``text`` above the newest entry, keeping the header."""
    current = path.read_text(encoding="utf-8") if path.is_file() else HEADER
    head, marker, rest = current.partition("\n## ")
    body = f"{head.rstrip()}\n\n{text}"
    path.write_text(body + (f"\n## {rest}" if marker else ""), encoding="utf-8")
