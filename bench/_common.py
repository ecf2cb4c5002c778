"""What every measurement shares: samples and their spread, table rows, sections, profiles, paths."""

from __future__ import annotations

import cProfile
import io
import json
import pstats
import re
import statistics
import subprocess
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

__all__ = [
    "PYTHON",
    "ROOT",
    "Config",
    "Row",
    "Samples",
    "Section",
    "format_bytes",
    "format_seconds",
    "profile_excerpt",
    "profiled",
    "run_case",
]

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
Better = Literal["lower", "higher"]
#: Ratios this close to 1 count as a tie, not a win or a loss.
TIE = 0.03


@dataclass(frozen=True)
class Config:
    """How hard to measure: ``quick`` cuts repeats for a smoke run (numbers then mean little)."""

    quick: bool = False

    def repeats(self, full: int, quick: int = 2) -> int:
        return quick if self.quick else full


@dataclass(frozen=True)
class Samples:
    """Repeated measurements of one figure, shown as ``median (min–max)``."""

    values: tuple[float, ...]
    unit: str
    digits: int = 2

    @classmethod
    def of(cls, values: Sequence[float], unit: str, digits: int = 2) -> Samples:
        if not values:
            raise ValueError("no samples")
        return cls(tuple(values), unit, digits)

    @property
    def median(self) -> float:
        return statistics.median(self.values)

    def _number(self, value: float) -> str:
        return f"{value:,.{self.digits}f}"

    def show(self) -> str:
        """``1.23 s (1.20–1.31, n=5)``; a single sample or an exact figure shows without a spread."""
        head = f"{self._number(self.median)} {self.unit}".rstrip()
        low, high = min(self.values), max(self.values)
        if len(self.values) == 1 or self._number(low) == self._number(high):
            return head if len(self.values) == 1 else f"{head} (n={len(self.values)})"
        return f"{head} ({self._number(low)}–{self._number(high)}, n={len(self.values)})"


@dataclass
class Row:
    """One line of the summary table: a figure, ours and the peer's, the goal and its verdict.

    ``better`` says which direction wins. ``goal_met`` is None when there is no goal. When ours
    loses (against the peer or the goal), ``why`` and ``profile`` explain it in the report.
    """

    figure: str
    ours: Samples
    peer: Samples | None
    better: Better = "lower"
    goal: str = ""
    goal_met: bool | None = None
    peer_label: str = ""
    note: str = ""
    why: str = ""
    profile: str = ""

    @property
    def ratio(self) -> float | None:
        if self.peer is None or self.peer.median == 0:
            return None
        return self.ours.median / self.peer.median

    @property
    def ties(self) -> bool:
        """Within :data:`TIE` of the peer: closer than this machine's run-to-run noise."""
        ratio = self.ratio
        return ratio is not None and abs(ratio - 1.0) <= TIE

    @property
    def loses_to_peer(self) -> bool:
        ratio = self.ratio
        if ratio is None or self.ties:
            return False
        return ratio > 1.0 if self.better == "lower" else ratio < 1.0

    @property
    def loses(self) -> bool:
        return self.goal_met is False or self.loses_to_peer


@dataclass
class Section:
    """A measurement's results: rows for the summary table and a detail block (markdown) of its own."""

    key: str
    title: str
    rows: list[Row] = field(default_factory=list)
    detail: str = ""
    method: str = ""
    error: str = ""
    seconds: float = 0.0
    extra: dict[str, object] = field(default_factory=dict)


def format_seconds(value: float) -> str:
    if value >= 1:
        return f"{value:.2f} s"
    if value >= 1e-3:
        return f"{value * 1e3:.1f} ms"
    return f"{value * 1e6:.0f} µs"


def format_bytes(value: float) -> str:
    return f"{value / (1 << 20):.1f} MiB"


_NOISE = re.compile(r"<frozen |builtins\.exec\b|<string>:1\(<module>\)|runpy")


def profile_excerpt(stats: pstats.Stats, *, top: int = 14, sort: str = "cumulative", width: int = 110) -> str:
    """The top entries of ``stats`` as a fixed-width text block, import/runpy plumbing left out."""
    entries = []
    raw = stats.stats  # type: ignore[attr-defined]
    for (filename, line, name), (_, calls, tottime, cumtime, _) in raw.items():
        where = f"{_short(filename)}:{line}({name})" if line else f"{{{name}}}" if filename == "~" else name
        if _NOISE.search(where):
            continue
        entries.append((calls, tottime, cumtime, where))
    key = 2 if sort == "cumulative" else 1
    entries.sort(key=lambda entry: entry[key], reverse=True)
    lines = [f"{'ncalls':>8} {'tottime':>8} {'cumtime':>8}  function"]
    for calls, tottime, cumtime, where in entries[:top]:
        lines.append(f"{calls:>8} {tottime:>8.3f} {cumtime:>8.3f}  {where}"[:width])
    return "\n".join(lines)


def _short(filename: str) -> str:
    for marker in ("site-packages/", str(ROOT) + "/"):
        if marker in filename:
            return filename.split(marker, 1)[1]
    return Path(filename).name if filename.startswith("/") else filename


def profiled(function: Callable[[], object], repeat: int) -> pstats.Stats:
    """cProfile of ``repeat`` calls of ``function``."""
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(repeat):
        function()
    profiler.disable()
    return pstats.Stats(profiler, stream=io.StringIO())


def run_case(module: str, *args: str) -> dict[str, object]:
    """``python -m MODULE ARGS…`` in a fresh process (for measurements that need one); the JSON object
    on its last stdout line, or a ``RuntimeError`` with the end of its stderr."""
    result = subprocess.run(  # noqa: S603
        [PYTHON, "-m", module, *args], cwd=ROOT, capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        raise RuntimeError(f"{module} {' '.join(args[:2])} failed: {result.stderr.strip()[-800:]}")
    data: dict[str, object] = json.loads(result.stdout.strip().splitlines()[-1])
    return data
