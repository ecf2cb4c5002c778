"""6a. Contract suite wall time: ``pytest -q -n 2 contract_tests``, once, as CI would run it.

fal-client ships no contract suite, so there is no peer figure. When ``contract_tests/`` is absent
(it is written separately), the row says so and the run goes on.
"""

from __future__ import annotations

import re
import subprocess
import time
from pathlib import Path

from bench._common import PYTHON, ROOT, Config, Row, Samples, Section

__all__ = ["run"]

TIMEOUT = 420
_SUMMARY = re.compile(r"\b\d+ (?:passed|failed|error|errors|skipped)\b.*")


def run(config: Config, work: Path) -> Section:
    del config, work
    folder = ROOT / "contract_tests"
    if not folder.is_dir() or not any(folder.rglob("test_*.py")):
        return Section(
            "contract",
            "Contract suite",
            method=__doc__ or "",
            detail="`contract_tests/` is absent (or has no tests yet): not measured in this run.",
        )
    command = [PYTHON, "-m", "pytest", "-q", "-n", "2", "contract_tests"]
    started = time.perf_counter()
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=TIMEOUT, check=False)  # noqa: S603
    elapsed = time.perf_counter() - started
    lines = [line for line in result.stdout.splitlines() if _SUMMARY.search(line)]
    # with the project's addopts (-q) plus -q, pytest prints no count line: the exit status says it
    outcome = lines[-1].strip("= ") if lines else "all passed" if result.returncode == 0 else "failures"
    outcome += f" (exit status {result.returncode})"
    row = Row(
        "Contract suite wall time (`pytest -q -n 2 contract_tests`)",
        Samples.of([elapsed], "s"),
        None,
        note=f"{outcome}; one run; no peer suite exists",
    )
    return Section("contract", "Contract suite", rows=[row], method=__doc__ or "", detail=f"Outcome: {outcome}.")
