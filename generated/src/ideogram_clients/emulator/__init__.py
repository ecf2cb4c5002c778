"""A local emulator of fal's queue/sync APIs and Magnific's task API, for tests and demos.

One port serves fal's queue API at the root, fal's sync API under ``/fal-run/`` and Magnific at
``/v1/ai/…``; requests are validated with the package's own models and answered in each provider's
shapes; outputs are real PNGs served at ``/files/``; webhooks are signed like the real ones; faults
are injected from a seed. Needs the ``[emulator]`` extra (starlette, uvicorn, cryptography).

    from ideogram_clients.emulator import Emulator

    with Emulator(job_duration=0.1).serve() as url:
        ...  # FalClient(queue_url=url, run_url=url + "/fal-run"), MagnificClient(base_url=url)

Command line: ``python -m ideogram_clients.emulator --port 8765`` (``--help`` lists the options).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ideogram_clients.emulator._emulator import Emulator
    from ideogram_clients.emulator._faults import ConnectionDropped
    from ideogram_clients.emulator._options import DEFAULT_MAX_BODY_BYTES, EmulatorOptions, FaultRates
    from ideogram_clients.emulator._render import PRESETS
    from ideogram_clients.emulator._stats import Stats

__all__ = [
    "DEFAULT_MAX_BODY_BYTES",
    "PRESETS",
    "ConnectionDropped",
    "Emulator",
    "EmulatorOptions",
    "FaultRates",
    "Stats",
]

#: Where each public name lives. Loaded on first use, so ``python -m ideogram_clients.emulator`` on an
#: install without the ``[emulator]`` extra reaches ``__main__``, which prints the one-line hint.
_HOMES = {
    "DEFAULT_MAX_BODY_BYTES": "_options",
    "PRESETS": "_render",
    "ConnectionDropped": "_faults",
    "Emulator": "_emulator",
    "EmulatorOptions": "_options",
    "FaultRates": "_options",
    "Stats": "_stats",
}

EXTRA_HINT = "the emulator needs its extra: pip install 'ideogram-clients[emulator]'"


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    try:
        module = importlib.import_module(f"{__name__}.{home}")
    except ImportError as exc:
        raise ImportError(f"{EXTRA_HINT} ({exc.name} is missing)") from exc
    value = getattr(module, name)
    globals()[name] = value
    return value
