"""BENCHMARKS.md: the machine line, the summary table, each measurement's method and details, the losses."""

from __future__ import annotations

import datetime as dt
import os
import platform
import re
from importlib import metadata
from pathlib import Path

from bench._common import Row, Section

__all__ = ["machine_line", "render"]

_PACKAGES = ("pydantic", "pydantic-core", "httpx", "fal-client", "datamodel-code-generator", "uvicorn", "starlette")


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown CPU"


def machine_line(now: dt.datetime | None = None) -> str:
    moment = (now or dt.datetime.now(dt.UTC)).strftime("%Y-%m-%d %H:%M UTC")
    system = f"{platform.system()} {platform.release()}"
    try:
        pretty = dict(line.split("=", 1) for line in Path("/etc/os-release").read_text().splitlines() if "=" in line)[
            "PRETTY_NAME"
        ].strip('"')
        system = f"{pretty} ({system})"
    except (OSError, KeyError):
        pass
    return f"{_cpu_model()}, {os.cpu_count()} cores, Python {platform.python_version()}, {system}, {moment}"


def _versions() -> str:
    found = []
    for name in _PACKAGES:
        try:
            found.append(f"{name} {metadata.version(name)}")
        except metadata.PackageNotFoundError:
            continue
    return ", ".join(found)


def _arrow(row: Row) -> str:
    return "↓" if row.better == "lower" else "↑"


def _verdict(row: Row) -> str:
    parts = []
    if row.goal_met is not None:
        parts.append("pass" if row.goal_met else "**FAIL**")
    if row.peer is not None:
        parts.append("ties (within 3%)" if row.ties else "**loses to peer**" if row.loses_to_peer else "beats peer")
    return ", ".join(parts) or "—"


def _row(row: Row) -> str:
    figure = f"{row.figure} {_arrow(row)}"
    if row.peer_label:
        figure += f"<br><sub>peer: {row.peer_label}</sub>"
    if row.note:
        figure += f"<br><sub>{row.note}</sub>"
    peer = row.peer.show() if row.peer is not None else "—"
    ratio = f"{row.ratio:.2f}" if row.ratio is not None else "—"
    return f"| {figure} | {row.ours.show()} | {peer} | {ratio} | {row.goal or '—'} | {_verdict(row)} |"


def _method(text: str) -> str:
    return re.sub(r"^\d+[ab]?\.\s+", "", text.strip())


def render(sections: list[Section], *, machine: str, wall: float, plot: str) -> str:
    rows = [row for section in sections for row in section.rows]
    lines = [
        "# Benchmarks: ideogram-clients vs the peers",
        "",
        "Written by `make bench` (`python -m bench`); do not edit by hand. Every figure below was measured "
        "in one run on the machine named here, ours and the peer side by side with the same inputs. "
        "Absolute times drift between runs on a shared machine; the ratios within one run hold.",
        "",
        f"**Machine:** {machine}.  ",
        f"**Versions:** {_versions()}.  ",
        f"**Bench wall time:** {wall:.0f} s.",
        "",
        "Peers: [fal-client](https://pypi.org/project/fal-client/) 1.0.3 (hand-written fal client) and "
        "[datamodel-code-generator](https://pypi.org/project/datamodel-code-generator/) 0.89.0 "
        "(generator from JSON Schema), both pinned in `requirements-bench.txt`. fal-client talks https "
        "only; here it gets a transport that sends `https://queue.fal.run` to the emulator's plain-HTTP "
        "loopback port (no TLS on either side; see benchmark 3).",
        "",
        "## Summary",
        "",
        "Figures are `median (min–max, n=repeats)`. Ratio = ours ÷ peer; ↓ lower is better, ↑ higher is better.",
        "",
        "| Figure | Ours | Peer | Ratio | Goal | Result |",
        "|---|---|---|---|---|---|",
        *(_row(row) for row in rows),
        "",
    ]
    failed = [section for section in sections if section.error]
    if failed:
        lines += ["**Measurements that did not complete:**", ""]
        lines += [f"- {section.title}: `{section.error}`" for section in failed]
        lines.append("")
    for number, section in enumerate(sections, start=1):
        lines += [f"## {number}. {section.title}", "", _method(section.method), ""]
        if section.key == "throughput" and not section.error:
            lines += [f"![emulator throughput vs concurrency]({plot})", ""]
        if section.detail:
            lines += [section.detail.rstrip(), ""]
        if section.error:
            lines += [f"Not measured: `{section.error}`", ""]
        lines.append(f"<sub>Section time: {section.seconds:.0f} s.</sub>")
        lines.append("")
    losing = [row for row in rows if row.loses]
    lines += ["## Where we lose and why", ""]
    if not losing:
        lines += ["Nowhere in this run.", ""]
    for row in losing:
        lines += [f"### {row.figure}", ""]
        ratio = f" (ratio {row.ratio:.2f})" if row.ratio is not None else ""
        lines += [
            f"Ours {row.ours.show()} vs peer {row.peer.show() if row.peer else '—'}{ratio}; goal {row.goal or '—'}.",
            "",
        ]
        if row.why:
            lines += [row.why, ""]
        if row.profile:
            lines += ["```text", row.profile, "```", ""]
    return "\n".join(lines).rstrip() + "\n"
