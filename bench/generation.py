"""1. Generation: our ``python -m generator generate`` vs the ``datamodel-codegen`` CLI.

Both run as a user runs them, a fresh process each time, timed from start to exit. Ours renders all
ten endpoints (models, clients, resources, schemas: 99 files) into a temp dir; the peer turns the
same ten exported input JSON Schemas into pydantic v2 models. The no-op figures rerun on an
up-to-date output: ours ``generate --check`` (what CI runs) and a second ``generate`` (writes nothing);
the peer has no incremental mode, so its no-op is a full rerun.
"""

from __future__ import annotations

import json
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


_PHASES = """
import json, sys, time
started = time.perf_counter()
from pathlib import Path
import yaml
import generator.cli
import generator.render.renderer as renderer
from generator.spec import loader, yaml_io
from generator.render.writer import stale_files
imported = time.perf_counter()
spent = {"yaml": 0.0, "ruff": 0.0}
def timed(name, function):
    def wrapper(*args, **kwargs):
        begin = time.perf_counter()
        try:
            return function(*args, **kwargs)
        finally:
            spent[name] += time.perf_counter() - begin
    return wrapper
loader.load_yaml = timed("yaml", loader.load_yaml)
renderer.format_python = timed("ruff", renderer.format_python)
root, out = Path(sys.argv[1]), Path(sys.argv[2])
specs = loader.load_specs(root)
loaded = time.perf_counter()
files = renderer.render(specs)
rendered = time.perf_counter()
stale = stale_files(out, files)
compared = time.perf_counter()
texts = [path.read_text("utf-8") for path in sorted((root / "specs").rglob("*.yaml"))]
begin = time.perf_counter()
for text in texts:
    yaml.load(text, Loader=yaml.CSafeLoader)
libyaml = time.perf_counter() - begin
print(json.dumps({
    "import": imported - started, "load_specs": loaded - imported, "yaml_parse": spent["yaml"],
    "render": rendered - loaded, "ruff_format": spent["ruff"], "compare": compared - rendered,
    "stale": len(stale), "libyaml_parse": libyaml,
}))
"""


def _why_noop(work: Path, out: Path) -> tuple[str, str]:
    """Where a no-op ``--check`` spends its time: phase timings and a cProfile excerpt."""
    result = subprocess.run(  # noqa: S603
        [PYTHON, "-c", _PHASES, str(ROOT), str(out)], cwd=ROOT, capture_output=True, text=True, check=True
    )
    phases = json.loads(result.stdout)
    profile_file = work / "generate-check.prof"
    subprocess.run(  # noqa: S603
        [PYTHON, "-m", "cProfile", "-o", str(profile_file), *_ours(out, "--check")[1:]],
        cwd=ROOT,
        capture_output=True,
        check=True,
    )
    excerpt = profile_excerpt(pstats.Stats(str(profile_file)), top=16, sort="cumulative")
    why = (
        "A no-op run does all the work of a full one and compares at the end: nothing is cached between "
        f"runs. Phases of one in-process `--check` (times in s): imports {phases['import']:.2f} "
        f"(the CLI imports the drift checker eagerly), `load_specs` {phases['load_specs']:.2f} of which "
        f"YAML parsing {phases['yaml_parse']:.2f} (pure-Python PyYAML: `StrictLoader` subclasses "
        f"`yaml.SafeLoader`; libyaml's `CSafeLoader` parses the same files in {phases['libyaml_parse']:.3f}), "
        f"`render` {phases['render']:.2f} of which {phases['ruff_format']:.2f} is the two `ruff` "
        f"subprocesses formatting the output, compare {phases['compare']:.3f}. Fixes, in the generator "
        "(not the runtime): libyaml behind the same strict resolver, import `generator.drift` lazily, "
        "and skip render+format when a digest of specs/, templates and static/ matches the one stored "
        "with the output."
    )
    return why, excerpt


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
        note="ours writes 99 files (models, clients, resources, schemas); the peer writes 11 model modules",
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
