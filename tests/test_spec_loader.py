"""The spec loader refuses every kind of mistake with a ``file:key.path: message`` error."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from generator.spec.errors import SpecError
from generator.spec.loader import load_specs, python_name
from tests.conftest import ROOT

V2 = "fal/ideogram-v2-edit.yaml"
V2_FILE = "specs/fal/ideogram-v2-edit.yaml"

Edit = Callable[[str, str, str], Path]


def error_of(root: Path) -> SpecError:
    with pytest.raises(SpecError) as caught:
        load_specs(root)
    return caught.value


def test_shipped_specs_load() -> None:
    specs = load_specs(ROOT)
    assert len(specs.endpoints) == 10
    assert {spec.provider for spec in specs.endpoints} == {"fal", "magnific"}


@pytest.mark.parametrize(
    ("old", "new", "path", "message"),
    [
        pytest.param("  seed:\n    type: integer\n    nullable: true\n", "  seed:\n    type: integer\n    maximun: 3\n    nullable: true\n",
                     "input.seed.maximun", "unknown key 'maximun'", id="unknown-key"),
        pytest.param("endpoint: fal-ai/ideogram/v2/edit\nprovider: fal\n",
                     "endpoint: fal-ai/ideogram/v2/edit\nprovider: fal\nhomepage: x\n",
                     "homepage", "unknown key 'homepage'", id="unknown-top-level-key"),
        pytest.param("  expand_prompt:\n    type: boolean\n    default: true\n",
                     "  expand_prompt:\n    type: boolean\n    default: \"yes\"\n",
                     "input.expand_prompt.default", "is not of type boolean", id="bad-default-type"),
        pytest.param("    type: integer\n    nullable: true\n    minimum: 0\n    maximum: 2147483647\n",
                     "    type: integr\n    nullable: true\n    minimum: 0\n    maximum: 2147483647\n",
                     "input.seed.type", "must be one of string, integer", id="bad-type-name"),
        pytest.param("    minimum: 0\n    maximum: 2147483647\n", "    minimum: zero\n    maximum: 2147483647\n",
                     "input.seed.minimum", "expected a number, got a string", id="bad-value-type"),
        pytest.param("  required: true\n    description: The edited", "  required: yes\n    description: The edited",
                     "output.images.required", "expected true or false", id="yaml11-yes-is-not-true"),
        pytest.param("items: {ref: File}", "items: {ref: Fiel}", "output.images.items.ref",
                     "unknown type 'Fiel'", id="bad-ref"),
        pytest.param("    minimum: 0\n    maximum: 2147483647\n", "    minimum: 10\n    maximum: 5\n",
                     "input.seed.minimum", "minimum 10 > maximum 5", id="min-above-max"),
        pytest.param("    default: auto\n", "    default: cartoon\n", "input.style.default",
                     "is not in the enum", id="default-outside-enum"),
        pytest.param("    maximum: 2147483647\n", "    maximum: 2147483647\n    default: -1\n",
                     "input.seed.default", "is below minimum 0", id="default-outside-range"),
        pytest.param("  prompt:\n    type: string\n    required: true\n", "  prompt:\n    required: true\n", "input.prompt",
                     "missing type", id="missing-type"),
        pytest.param("source: \"seed integer Seed for the random number generator\"\n    curation:\n      - No bound",
                     "source: \"seed integer Seed for an invented generator\"\n    curation:\n      - No bound",
                     "input.seed.source", "not found in upstream-docs/", id="quote-not-on-page"),
        pytest.param("  - same_dimensions: [image_url, mask_url]", "  - same_dimensions: [image_url, mask]",
                     "rules[0].same_dimensions", "unknown field 'mask'", id="rule-unknown-field"),
        pytest.param("  - same_dimensions: [image_url, mask_url]", "  - same_dimensions: [image_url, prompt]",
                     "rules[0].same_dimensions", "compares images", id="rule-wrong-field-type"),
        pytest.param("provider: fal\n", "provider: replicate\n", "provider", "must be one of fal, magnific",
                     id="bad-provider"),
        pytest.param("  app: fal-ai/ideogram\n", "  app: fal-ai/other\n", "protocol.app",
                     "not the owner/alias prefix", id="bad-protocol-app"),
    ],
)  # fmt: skip
def test_each_error_kind_names_file_and_key(edit_spec: Edit, old: str, new: str, path: str, message: str) -> None:
    error = error_of(edit_spec(V2, old, new))
    assert error.file == V2_FILE
    assert error.path == path
    assert message in error.message
    assert str(error).startswith(f"{V2_FILE}:{path}: ")


def test_duplicate_key_is_refused(edit_spec: Edit) -> None:
    error = error_of(edit_spec(V2, "  sync_mode:\n", "  seed:\n    type: integer\n    source: x\n  sync_mode:\n"))
    assert error.file == V2_FILE
    assert "duplicate key 'seed'" in error.message


def test_invalid_yaml_is_reported_without_traceback(edit_spec: Edit) -> None:
    error = error_of(edit_spec(V2, "name: IdeogramV2Edit\n", "name: [IdeogramV2Edit\n"))
    assert error.file == V2_FILE
    assert error.message.startswith("invalid YAML:")


def test_yaml11_booleans_stay_strings(project_copy: Path) -> None:
    """Magnific's magic_prompt enum is AUTO/ON/OFF: YAML 1.1 would turn ON/OFF into booleans."""
    spec = load_specs(project_copy).endpoint("magnific/ideogram-image-edit")
    magic = next(field for field in spec.input if field.name == "magic_prompt")
    assert magic.enum == ("AUTO", "ON", "OFF")


def test_types_file_errors_name_the_type(project_copy: Path) -> None:
    path = project_copy / "specs" / "types.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace("        minimum: 0\n        maximum: 255\n", "        minimum: 0\n        maximum: -1\n", 1)
    )
    error = error_of(project_copy)
    assert (error.file, error.path) == ("specs/types.yaml", "types.RGBColor.fields.r.minimum")


def test_cli_prints_one_line_and_exits_2(edit_spec: Edit) -> None:
    root = edit_spec(V2, "    maximum: 2147483647\n", "    maximum: -5\n")
    result = subprocess.run(
        [sys.executable, "-m", "generator", "generate", "--root", str(root)],
        cwd=ROOT, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert (
        result.stderr.strip()
        == f"error: {V2_FILE}:input.seed.minimum: minimum 0 > maximum -5: no value can satisfy both"
    )


@pytest.mark.parametrize(
    ("name", "expected"),
    [("seed", "seed"), ("class", "class_"), ("match", "match_"), ("x-y", "x_y"), ("9lives", "f_9lives"), ("_p", "f_p")],
)
def test_python_names_are_safe_identifiers(name: str, expected: str) -> None:
    assert python_name(name) == expected
