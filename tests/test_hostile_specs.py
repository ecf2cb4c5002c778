"""Hostile spec content generates code that imports and behaves; hostile spec text never crashes the loader.

Spec values reach generated code only through the ``repr``-based ``py`` filter, so quotes,
backslashes, newlines, Jinja delimiters, triple quotes and non-ASCII text stay data. Field names that
are Python keywords get a trailing underscore and keep their wire name as an alias.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.render.renderer import render
from generator.render.writer import write_files
from generator.spec.errors import SpecError
from generator.spec.loader import load_specs
from tests.conftest import ROOT

V2 = "specs/fal/ideogram-v2-edit.yaml"
HOSTILE = [
    '"""; import os; os.system("touch PWNED") #',
    "'''\\\n{{ 7 * 7 }} {% raw %} {%- endraw %} {# c #}",
    "back\\slash \\N{BULLET} \\x00 \t tab",
    "line one\nline two\r\nline three",
    "ünïcødé ☃ 日本語 \u202e rtl",
    "${HOME} %s {0} f'{x}'",
]


def _hostile_root(tmp: Path) -> Path:
    """A project whose v2 spec gains hostile descriptions, enum values, a default and keyword names."""
    for folder in ("specs", "upstream-docs"):
        shutil.copytree(ROOT / folder, tmp / folder)
    path = tmp / V2
    spec = yaml.safe_load(path.read_text(encoding="utf-8"))
    note = "Planted by the hostile-spec test."
    spec["summary"] = HOSTILE[0]
    spec["input"]["class"] = {
        "type": "string",
        "enum": HOSTILE,
        "default": HOSTILE[1],
        "description": HOSTILE[2],
        "curation": note,
    }
    spec["input"]["import"] = {
        "type": "integer",
        "minimum": 0,
        "maximum": 3,
        "description": HOSTILE[3],
        "curation": note,
    }
    spec["input"]["model_config"] = {"type": "boolean", "description": HOSTILE[4], "curation": note}
    spec["input"]["prompt"]["description"] = HOSTILE[5]
    path.write_text(yaml.safe_dump(spec, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return tmp


PROBE = r"""
import json, sys
from ideogram_clients import ENDPOINTS, InvalidInputError
from ideogram_clients.models.fal_ideogram_v2_edit import IdeogramV2EditInput
hostile = json.loads(sys.argv[1])
endpoint = ENDPOINTS["fal-ai/ideogram/v2/edit"]
url = "https://example.com/a.png"
fields = IdeogramV2EditInput.model_fields
assert fields["class_"].alias == "class" and fields["import_"].alias == "import", fields
flat = lambda text: " ".join(text.split())  # pydantic cleans docstrings (dedent, tabs)
expected = hostile[2] + ". One of: " + ", ".join(hostile) + ". Provider default: " + repr(hostile[1]) + " (not sent unless set)."
assert flat(fields["class_"].description) == flat(expected), (flat(fields["class_"].description), flat(expected))
assert flat(hostile[3]) in flat(fields["import_"].description) and flat(hostile[5]) in flat(fields["prompt"].description)
for value in hostile:
    payload = endpoint.build_payload({"prompt": "p", "image_url": url, "mask_url": url, "class": value, "import_": 3})
    assert payload == {"prompt": "p", "image_url": url, "mask_url": url, "class": value, "import": 3}, payload
for bad in ({"class": "other"}, {"import": 4}, {"model_config_": "yes"}):
    try:
        endpoint.build_payload({"prompt": "p", "image_url": url, "mask_url": url, **bad})
    except InvalidInputError:
        pass
    else:
        raise AssertionError(f"accepted {bad}")
from ideogram_clients import FalClient
FalClient("k").v2_edit.submit  # the resource imports and has the kwargs
print("ok")
"""


def test_hostile_values_stay_data_and_keywords_become_aliases(tmp_path: Path) -> None:
    root = _hostile_root(tmp_path / "project")
    out = tmp_path / "generated"
    write_files(out, render(load_specs(root)))
    for source in (out / "src").rglob("*.py"):
        compile(source.read_text(encoding="utf-8"), str(source), "exec")
    result = subprocess.run(
        [sys.executable, "-c", PROBE, json.dumps(HOSTILE)],
        cwd=tmp_path,
        env={"PYTHONPATH": str(out / "src"), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"
    assert not list(tmp_path.rglob("PWNED")), "spec text was executed"
    resource = (out / "src/ideogram_clients/resources/fal_ideogram_v2_edit.py").read_text(encoding="utf-8")
    assert "class_: " in resource and "import_: int | Omit = omit" in resource


# ------------------------------------------------------------------------------- loader fuzzing

_SCALARS = st.one_of(
    st.none(), st.booleans(), st.integers(-(2**70), 2**70), st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=30), st.lists(st.integers(), max_size=3), st.dictionaries(st.text(max_size=5), st.integers(), max_size=2),
)  # fmt: skip


def _small_root() -> Path:
    root = Path(tempfile.mkdtemp(prefix="spec-fuzz-"))
    shutil.copytree(ROOT / "upstream-docs", root / "upstream-docs")
    (root / "specs/fal").mkdir(parents=True)
    shutil.copy(ROOT / "specs/types.yaml", root / "specs/types.yaml")
    shutil.copy(ROOT / V2, root / V2)
    return root


FUZZ_ROOT = _small_root()
ORIGINAL = yaml.safe_load((ROOT / V2).read_text(encoding="utf-8"))


def _paths(node: object, prefix: tuple[object, ...] = ()) -> list[tuple[object, ...]]:
    found = [prefix]
    if isinstance(node, dict):
        for key, value in node.items():
            found += _paths(value, (*prefix, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found += _paths(value, (*prefix, index))
    return found


PATHS = [path for path in _paths(ORIGINAL) if path]


def _set(tree: object, path: tuple[object, ...], value: object) -> None:
    for key in path[:-1]:
        tree = tree[key]  # type: ignore[index]
    tree[path[-1]] = value  # type: ignore[index]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    edits=st.lists(st.tuples(st.sampled_from(PATHS), _SCALARS), min_size=1, max_size=3), raw_tail=st.text(max_size=20)
)
def test_fuzzed_specs_give_file_key_errors_never_tracebacks(
    edits: list[tuple[tuple[object, ...], object]], raw_tail: str
) -> None:
    import copy

    tree = copy.deepcopy(ORIGINAL)
    for path, value in edits:
        try:
            _set(tree, path, value)
        except (KeyError, IndexError, TypeError):
            continue
    text = yaml.safe_dump(tree, allow_unicode=True) + raw_tail
    (FUZZ_ROOT / V2).write_text(text, encoding="utf-8")
    try:
        load_specs(FUZZ_ROOT)
    except SpecError as error:
        assert str(error).startswith(f"{error.file}:"), str(error)
        assert error.file.startswith("specs/")
