"""9. Import time: ``import ideogram_clients`` vs ``import fal_client`` in a fresh interpreter.

Each sample is a new ``python -c`` process timing the import statement alone (interpreter start-up
left out), ours and the peer alternating so a busy machine slows both alike; our package is
byte-compiled first, as pip does on install. The model classes,
resources, emulator, webhooks and CLI load on first use (``tests/test_lazy_imports.py`` checks the
mechanism), so what remains is httpx, pydantic and the runtime's own modules.
"""

from __future__ import annotations

import compileall
import subprocess
from pathlib import Path

import ideogram_clients
from bench._common import PYTHON, ROOT, Config, Row, Samples, Section

__all__ = ["run"]

GOAL_SECONDS = 0.25
_TIMED = "import time; started = time.perf_counter(); import {module}; print(time.perf_counter() - started)"


def _once(module: str) -> float:
    done = subprocess.run(  # noqa: S603
        [PYTHON, "-c", _TIMED.format(module=module)], cwd=ROOT, capture_output=True, text=True, check=True
    )
    return float(done.stdout.strip())


def run(config: Config, work: Path) -> Section:
    # an installed wheel is byte-compiled by pip (as fal-client is); an editable checkout may not be
    compileall.compile_dir(Path(ideogram_clients.__file__).parent, quiet=1)
    repeats = config.repeats(15, 3)
    ours, peer = [], []
    for _ in range(repeats):
        ours.append(_once("ideogram_clients"))
        peer.append(_once("fal_client"))
    mine = Samples.of(ours, "s", 3)
    row = Row(
        "Import time (`import ideogram_clients`, fresh interpreter)",
        mine,
        Samples.of(peer, "s", 3),
        goal=f"≤ {GOAL_SECONDS:g} s",
        goal_met=mine.median <= GOAL_SECONDS,
        peer_label="`import fal_client`",
        note="models, resources, emulator, webhooks and CLI load on first use",
    )
    return Section("imports", "Import time", rows=[row], method=__doc__ or "")
