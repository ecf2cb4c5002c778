"""1. Generation: our ``python -m generator generate`` vs the ``datamodel-codegen`` CLI.

Both run as a user runs them, a fresh process each time, timed from start to exit. Ours renders all
ten endpoints (models, clients, resources, schemas, the runtime) into a temp dir; the peer turns the
same ten exported input JSON Schemas into pydantic v2 models. The no-op figures rerun on an
up-to-date output: ours ``generate --check`` (what CI runs) and a second ``generate`` (writes nothing);
the peer has no incremental mode, so its no-op is a full rerun.
"""

from __future__ import annotations

import pstats
import shutil
import subprocess
import time
from pathlib import Path

from bench._common import PYTHON, ROOT, Config, Row, Samples, Section, profile_excerpt

__all__ = ["PEER_MODELS", "run"]

SCHEMAS = ROOT / "generated" / "src" / "ideogram_clients" / "schemas"
CODEGEN = Path(PYTHON).parent / "datamodel-codegen"
#: Where the peer's last full output lands (the validation benchmark imports these models).
PEER_MODELS = "peer_models"
FULL_GOAL, NOOP_GOAL = 2.0, 0.3


def _timed(command: list[str], *, cwd: Path) -> float:
    started = time.perf_counter()
    result = subprocess.run(command, cwd=cwd, capture_output=True, text=True, check=False)  # noqa: S603
    elapsed = time.perf_counter() - started
    if result.returncode != 0:
        raise RuntimeError(f"{' '.join(command[:4])}… exited {result.returncode}: {result.stderr.strip()[-800:]}")
    return elapsed


def _ours(out: Path, *extra: str) -> list[str]:
    return [PYTHON, "-m", "generator", "generate", *extra, "--out", str(out)]


def _peer(schemas: Path, out: Path) -> list[str]:
    return [
        str(CODEGEN),
        "--input",
        str(schemas),
        "--input-file-type",
        "jsonschema",
        "--output",
        str(out),
        "--output-model-type",
        "pydantic_v2.BaseModel",
        "--formatters",
        "black",
        "isort",
        "--disable-timestamp",
    ]


def _why_noop(work: Path, out: Path) -> tuple[str, str]:
    """Where a no-op ``--check`` spends its time: a cProfile excerpt of one run in a fresh process."""
    profile_file = work / "generate-check.prof"
    subprocess.run(  # noqa: S603
        [PYTHON, "-m", "cProfile", "-o", str(profile_file), *_ours(out, "--check")[1:]],
        cwd=ROOT,
        capture_output=True,
        check=True,
    )
    why = (
        "An up-to-date run renders nothing: it hashes specs/, upstream-docs/, the generator's templates and "
        "static files and every output, and compares them with `generated/.manifest.json`; a full run "
        "parses the YAML specs, renders the templates and formats the output with two `ruff` subprocesses. "
        "One no-op `--check`, by cumulative time:"
    )
    return why, profile_excerpt(pstats.Stats(str(profile_file)), top=16, sort="cumulative")


def run(config: Config, work: Path) -> Section:
    schemas = work / "schemas"
    schemas.mkdir()
    for schema in sorted(SCHEMAS.glob("*.input.json")):
        shutil.copy(schema, schemas / schema.name)
    count = len(list(schemas.iterdir()))
    repeats = config.repeats(5)
    full_ours: list[float] = []
    full_peer: list[float] = []
    ours_out = work / "ours" / "generated"
    for index in range(repeats):
        out = work / f"ours-{index}" / "generated"
        full_ours.append(_timed(_ours(out), cwd=ROOT))
        full_peer.append(_timed(_peer(schemas, work / f"peer-{index}"), cwd=work))
        if index == 0:
            shutil.copytree(out, ours_out)
        shutil.rmtree(out.parent)
        if index:
            shutil.rmtree(work / f"peer-{index}")
    (work / "peer-0").rename(work / PEER_MODELS)
    written = sum(1 for path in ours_out.rglob("*") if path.is_file())
    peer_written = sum(1 for path in (work / PEER_MODELS).rglob("*.py") if path.is_file())
    check_ours = [_timed(_ours(ours_out, "--check"), cwd=ROOT) for _ in range(repeats)]
    again_ours = [_timed(_ours(ours_out), cwd=ROOT) for _ in range(repeats)]
    again_peer = [_timed(_peer(schemas, work / PEER_MODELS), cwd=work) for _ in range(config.repeats(3))]

    peer_label = f"datamodel-codegen, {count} input schemas"
    full = Row(
        "Generation, full (all endpoints)",
        Samples.of(full_ours, "s"),
        Samples.of(full_peer, "s"),
        goal=f"≤ {FULL_GOAL:g} s",
        goal_met=statistics_median(full_ours) <= FULL_GOAL,
        peer_label=peer_label,
        note=f"ours writes {written} files (models, clients, resources, schemas, runtime); "
        f"the peer writes {peer_written} model modules",
    )
    check = Row(
        "Generation, no-op (`generate --check`)",
        Samples.of(check_ours, "s"),
        Samples.of(again_peer, "s"),
        goal=f"≤ {NOOP_GOAL:g} s",
        goal_met=statistics_median(check_ours) <= NOOP_GOAL,
        peer_label=peer_label + " (rerun: no incremental mode)",
    )
    again = Row(
        "Generation, no-op (second `generate`)",
        Samples.of(again_ours, "s"),
        Samples.of(again_peer, "s"),
        goal=f"≤ {NOOP_GOAL:g} s",
        goal_met=statistics_median(again_ours) <= NOOP_GOAL,
        peer_label=peer_label + " (rerun)",
    )
    if check.loses or again.loses or full.loses:
        why, profile = _why_noop(work, ours_out)
        for row in (full, check, again):
            if row.loses:
                row.why, row.profile = why, profile
                why, profile = "Same cause as the row above.", ""
    return Section(
        "generation",
        "Generation",
        rows=[full, check, again],
        method=__doc__ or "",
        extra={"peer_models": work / PEER_MODELS},
    )


def statistics_median(values: list[float]) -> float:
    return Samples.of(values, "").median
