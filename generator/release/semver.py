"""Semantic version bumps, with the pre-1.0 rule Cargo and most Python projects follow.

From 1.0.0: breaking → major, additive → minor, patch → patch.
Before 1.0.0 the API is not yet stable, so everything shifts one place right: breaking → minor
(0.1.0 → 0.2.0), additive and patch → patch (0.1.0 → 0.1.1). Leaving 0.x is a deliberate,
hand-made decision, never a side effect of a spec edit.
"""

from __future__ import annotations

import re
from typing import Literal

Level = Literal["patch", "additive", "breaking"]
LEVELS: tuple[Level, ...] = ("patch", "additive", "breaking")
_VERSION = re.compile(r"^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$")


def parse(version: str) -> tuple[int, int, int]:
    match = _VERSION.match(version)
    if match is None:
        raise ValueError(f"version {version!r} is not MAJOR.MINOR.PATCH")
    major, minor, patch = (int(part) for part in match.groups())
    return major, minor, patch


def bump(version: str, level: Level) -> str:
    """The next version after ``version`` for a change of ``level``."""
    major, minor, patch = parse(version)
    if major == 0:
        return f"0.{minor + 1}.0" if level == "breaking" else f"0.{minor}.{patch + 1}"
    if level == "breaking":
        return f"{major + 1}.0.0"
    if level == "additive":
        return f"{major}.{minor + 1}.0"
    return f"{major}.{minor}.{patch + 1}"


def highest(levels: list[Level]) -> Level | None:
    """The most severe level present, or ``None`` for no change."""
    return max(levels, key=LEVELS.index) if levels else None
