"""The throughput figure: jobs/s and CPU per job vs concurrency, ours and fal-client (matplotlib, Agg)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # after matplotlib.use: the backend is chosen first

__all__ = ["throughput_plot"]

_LABELS = {"ours": "ideogram-clients AsyncFalClient (SSE)", "peer": "fal-client 1.0.3 AsyncClient (polling)"}


def throughput_plot(summary: dict[str, Any], path: Path, machine: str) -> None:
    """Write the PNG; ``summary[client][concurrency]`` holds rate, client_cpu and server_cpu."""
    figure, (rate_axis, cpu_axis) = plt.subplots(1, 2, figsize=(11, 4.2), dpi=110)
    for name, style in (("ours", "o-"), ("peer", "s--")):
        levels = sorted(summary[name], key=int)
        xs = [int(level) for level in levels]
        rate_axis.plot(xs, [summary[name][level]["rate"] for level in levels], style, label=_LABELS[name])
        cpu_axis.plot(
            xs,
            [summary[name][level]["client_cpu"] + summary[name][level]["server_cpu"] for level in levels],
            style,
            label=_LABELS[name],
        )
    for axis in (rate_axis, cpu_axis):
        axis.set_xscale("log", base=2)
        axis.set_xticks([1, 8, 64], ["1", "8", "64"])
        axis.set_xlabel("concurrent jobs")
        axis.grid(True, alpha=0.3)
        axis.set_ylim(bottom=0)
    rate_axis.set_ylabel("jobs per second")
    rate_axis.set_title("Emulator throughput (0 s jobs, queue protocol)")
    cpu_axis.set_ylabel("CPU ms per job (client + emulator)")
    cpu_axis.set_title("Cost per job")
    rate_axis.legend(loc="lower center", fontsize=8)
    figure.text(0.5, 0.005, machine, ha="center", fontsize=7, color="#555555")
    figure.tight_layout(rect=(0, 0.03, 1, 1))
    path.parent.mkdir(parents=True, exist_ok=True)
    figure.savefig(path, metadata={"Software": None})
    plt.close(figure)
