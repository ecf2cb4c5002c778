"""One classified change, worded for the package's users."""

from __future__ import annotations

from dataclasses import dataclass

from generator.release.semver import Level


@dataclass(frozen=True, order=True)
class Change:
    """``subject`` is the endpoint id or ``types.<Name>``; ``text`` says what changed for a caller."""

    subject: str
    text: str
    level: Level

    def __str__(self) -> str:
        return f"{self.subject}: {self.text}"
