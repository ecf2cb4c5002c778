"""`python -m generator release`: one planted spec edit of each kind, classified and versioned.

Every test works on a copy of specs/ (and the doc pages its quotes are checked against) in a tmp dir.
"""

from __future__ import annotations

import copy
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from generator import cli
from generator.release import changelog, command, semver
from generator.release.classify import classify
from generator.release.lock import dump_lock, read_lock, spec_model
from generator.release.version import VERSION_FILE, read_version, write_version
from generator.spec.loader import load_specs

ROOT = Path(__file__).resolve().parent.parent
V3 = "fal/ideogram-v3.yaml"
REMIX = "fal/ideogram-character-remix.yaml"
Edit = Callable[[dict[str, Any]], None]


@pytest.fixture(scope="module")
def base_model() -> dict[str, Any]:
    return spec_model(load_specs(ROOT))


@pytest.fixture
def project(tmp_path: Path) -> Path:
    shutil.copytree(ROOT / "specs", tmp_path / "specs")
    shutil.copytree(ROOT / "upstream-docs", tmp_path / "upstream-docs")
    (tmp_path / VERSION_FILE).parent.mkdir(parents=True)
    write_version(tmp_path, "0.1.0")
    return tmp_path


def edit(root: Path, spec: str, change: Edit) -> None:
    path = root / "specs" / spec
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=10_000), encoding="utf-8")


def changes_after(root: Path, base: dict[str, Any], spec: str, change: Edit) -> list[tuple[str, str]]:
    edit(root, spec, change)
    return [(c.level, str(c)) for c in classify(base, spec_model(load_specs(root)))]


def _set(section: str, field: str, **values: object) -> Edit:
    return lambda data: data[section][field].update(values)


def _drop(section: str, field: str, key: str) -> Edit:
    return lambda data: data[section][field].pop(key)


def _enum(field: str, change: Callable[[list[str]], list[str]]) -> Edit:
    return lambda data: data["input"][field].update(enum=change(data["input"][field]["enum"]))


def _add_field(required: bool) -> Edit:
    def change(data: dict[str, Any]) -> None:
        data["input"]["caption"] = {"type": "string", "required": required, "curation": "Planted by a test."}

    return change


def _add_rule(data: dict[str, Any]) -> None:
    data["rules"].append({"mutually_exclusive": ["style", "style_preset"], "curation": "Planted by a test."})


PLANTED: dict[str, tuple[str, Edit, str, str]] = {
    # kind: (spec, edit, expected level, expected changelog line)
    "field removed": (V3, lambda d: d["input"].pop("negative_prompt"), "breaking",
                      "fal-ai/ideogram/v3: field negative_prompt removed"),
    "became required": (V3, _set("input", "seed", required=True), "breaking",
                        "fal-ai/ideogram/v3: seed is now required"),
    "type narrowed": (REMIX, _set("input", "strength", type="integer", minimum=0, maximum=1, default=1), "breaking",
                      "fal-ai/ideogram/character/remix: strength type number → integer (narrowed)"),
    "range narrowed": (V3, _set("input", "num_images", maximum=4), "breaking",
                       "fal-ai/ideogram/v3: num_images maximum 8 → 4"),
    "enum member removed": (V3, _enum("style_preset", lambda e: [m for m in e if m != "WEIRD"]), "breaking",
                            "fal-ai/ideogram/v3: style_preset loses WEIRD"),
    "new rule": (V3, _add_rule, "breaking",
                 "fal-ai/ideogram/v3: new rule: mutually exclusive (style, style_preset)"),
    "cap lowered": (V3, _set("input", "image_urls", total_max_bytes=5 * 1024 * 1024), "breaking",
                    "fal-ai/ideogram/v3: image_urls total file size cap 10 MB → 5 MB"),
    "default changed": (V3, _set("input", "rendering_speed", default="QUALITY"), "breaking",
                        "fal-ai/ideogram/v3: rendering_speed default 'BALANCED' → 'QUALITY'"),
    "required field added": (V3, _add_field(True), "breaking", "fal-ai/ideogram/v3: new required field caption"),
    "optional field added": (V3, _add_field(False), "additive", "fal-ai/ideogram/v3: new optional field caption"),
    "range widened": (V3, _set("input", "num_images", maximum=10), "additive",
                      "fal-ai/ideogram/v3: num_images maximum 8 → 10"),
    "enum member added": (V3, _enum("style_preset", lambda e: [*e, "WEIRDER"]), "additive",
                          "fal-ai/ideogram/v3: style_preset gains WEIRDER"),
    "cap raised": (V3, _set("input", "image_urls", total_max_bytes=20 * 1024 * 1024), "additive",
                   "fal-ai/ideogram/v3: image_urls total file size cap 10 MB → 20 MB"),
    "became nullable": (V3, _set("input", "num_images", nullable=True), "additive",
                        "fal-ai/ideogram/v3: num_images may now be null"),
    "rule dropped": (V3, lambda d: d["rules"].pop(0), "additive",
                     "fal-ai/ideogram/v3: rule dropped: mutually exclusive (style_codes, style)"),
    "output field gone optional": (V3, _set("output", "images", required=False), "breaking",
                                   "fal-ai/ideogram/v3: output images is now optional"),
    "description": (V3, _set("input", "seed", description="The seed."), "patch",
                    "fal-ai/ideogram/v3: seed: description updated"),
    "curation note": (V3, _drop("input", "seed", "curation"), "patch", "fal-ai/ideogram/v3: seed: curation updated"),
    "doc reference": (V3, _set("input", "seed", source="Seed for the random number generator"), "patch",
                      "fal-ai/ideogram/v3: seed: source updated"),
    "summary": (V3, lambda d: d.update(summary="Text to image."), "patch", "fal-ai/ideogram/v3: summary updated"),
}  # fmt: skip


@pytest.mark.parametrize("kind", list(PLANTED))
def test_planted_edit_is_classified(kind: str, project: Path, base_model: dict[str, Any]) -> None:
    spec, change, level, line = PLANTED[kind]
    found = changes_after(project, base_model, spec, change)
    if kind == "type narrowed":  # an integer field cannot keep the 0.8 default or 0.01 minimum: those show too
        assert ("breaking", "fal-ai/ideogram/character/remix: strength default 0.8 → 1") in found
        found = [item for item in found if " type " in item[1]]
    assert found == [(level, line)]


def test_endpoint_removed_and_added(project: Path, base_model: dict[str, Any]) -> None:
    (project / "specs" / V3).unlink()
    assert [(c.level, str(c)) for c in classify(base_model, spec_model(load_specs(project)))] == [
        ("breaking", "fal-ai/ideogram/v3: endpoint removed")
    ]
    assert [(c.level, str(c)) for c in classify(spec_model(load_specs(project)), base_model)] == [
        ("additive", "fal-ai/ideogram/v3: new endpoint")
    ]


def test_reformatting_a_spec_is_no_change(project: Path, base_model: dict[str, Any]) -> None:
    """The lock holds the loaded model: YAML layout and key order do not count."""
    assert changes_after(project, base_model, V3, lambda data: None) == []
    assert (project / "specs" / V3).read_text(encoding="utf-8") != (ROOT / "specs" / V3).read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("version", "level", "expected"),
    [
        ("0.1.0", "breaking", "0.2.0"), ("0.1.3", "additive", "0.1.4"), ("0.1.3", "patch", "0.1.4"),
        ("1.2.3", "breaking", "2.0.0"), ("1.2.3", "additive", "1.3.0"), ("1.2.3", "patch", "1.2.4"),
    ],
)  # fmt: skip
def test_semver_bump(version: str, level: semver.Level, expected: str) -> None:
    assert semver.bump(version, level) == expected


def test_release_then_check(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert command.check(project) == 1  # nothing released yet
    assert command.release(project, date="2026-12-04", regenerate=False) == 0
    assert command.check(project) == 0
    assert read_lock(project / command.LOCK) == ("0.1.0", spec_model(load_specs(project)))

    edit(project, V3, _enum("style_preset", lambda e: [*e, "WEIRDER"]))
    assert command.check(project) == 1
    assert "fal-ai/ideogram/v3: style_preset gains WEIRDER" in capsys.readouterr().err
    assert command.release(project, date="2026-12-05", regenerate=False) == 0
    assert read_version(project) == "0.1.1"
    assert command.check(project) == 0

    edit(project, V3, _enum("style_preset", lambda e: [m for m in e if m != "WEIRD"]))
    assert command.release(project, date="2026-12-06", regenerate=False) == 0
    assert read_version(project) == "0.2.0"
    changelog = (project / command.CHANGELOG).read_text(encoding="utf-8")
    entries = [line for line in changelog.splitlines() if line.startswith(("## ", "- ", "### "))]
    assert entries == [
        "## 0.2.0 (2026-12-06)", "### Breaking", "- fal-ai/ideogram/v3: style_preset loses WEIRD",
        "## 0.1.1 (2026-12-05)", "### Added", "- fal-ai/ideogram/v3: style_preset gains WEIRDER",
        "## 0.1.0 (2026-12-04)", "- First release: the package as generated from the specs in this version.",
    ]  # fmt: skip
    assert command.release(project, regenerate=False) == 0  # nothing left to release
    assert read_version(project) == "0.2.0"


def test_unreleased_runtime_notes_go_into_the_next_release(project: Path) -> None:
    assert command.release(project, date="2026-12-04", regenerate=False) == 0
    path = project / command.CHANGELOG
    released = path.read_text(encoding="utf-8")
    head, _, rest = released.partition("\n## ")
    notes = "- Requests are built faster.\n- `InputModel.to_json()`."
    path.write_text(f"{head}\n## Unreleased\n\n{notes}\n\n## {rest}", encoding="utf-8")
    assert command.release(project, date="2026-12-05", regenerate=False) == 0  # runtime notes alone: a release
    assert read_version(project) == "0.1.1"
    entries = [line for line in path.read_text(encoding="utf-8").splitlines() if line.startswith(("## ", "- ", "### "))]
    assert entries == [
        "## 0.1.1 (2026-12-05)", "### Runtime (written by hand)", "- Requests are built faster.",
        "- `InputModel.to_json()`.",
        "## 0.1.0 (2026-12-04)", "- First release: the package as generated from the specs in this version.",
    ]  # fmt: skip
    assert command.release(project, regenerate=False) == 0  # the notes were taken: nothing left
    assert read_version(project) == "0.1.1"


def test_runtime_notes_lift_a_spec_patch_to_additive_and_any_unreleased_spelling_counts(project: Path) -> None:
    write_version(project, "1.0.0")
    path = project / command.CHANGELOG
    path.write_text(f"{changelog.HEADER}\n## [Unreleased]\n\n- Faster requests.\n", encoding="utf-8")
    assert command.release(project, date="2026-12-04", regenerate=False) == 0  # first release keeps its line
    entries = [line for line in path.read_text(encoding="utf-8").splitlines() if line.startswith(("## ", "- ", "### "))]
    assert entries == [
        "## 1.0.0 (2026-12-04)", "- First release: the package as generated from the specs in this version.",
        "### Runtime (written by hand)", "- Faster requests.",
    ]  # fmt: skip
    edit(project, V3, lambda d: d.update(summary="Text to image."))  # a patch-level spec change
    head, _, rest = path.read_text(encoding="utf-8").partition("\n## ")
    path.write_text(f"{head}\n## unreleased\n\n- A fix.\n\n## {rest}", encoding="utf-8")
    assert command.release(project, date="2026-12-05", regenerate=False) == 0
    assert read_version(project) == "1.1.0"  # the notes count as additive, above the spec's patch


def test_hand_bumped_version_passes_check_only_if_high_enough(project: Path) -> None:
    command.release(project, date="2026-12-04", regenerate=False)
    edit(project, V3, _set("input", "num_images", maximum=4))
    write_version(project, "0.1.1")  # a patch bump does not cover a breaking change
    assert command.check(project) == 1
    write_version(project, "0.2.0")
    assert command.check(project) == 0


def test_repository_lock_matches_specs_and_version() -> None:
    locked = read_lock(ROOT / command.LOCK)
    assert locked is not None
    assert locked[0] == read_version(ROOT)
    assert dump_lock(*locked) == (ROOT / command.LOCK).read_text(encoding="utf-8")


def test_lock_from_an_older_model_reads_missing_attributes_as_defaults(base_model: dict[str, Any]) -> None:
    """A model attribute added after the lock was written is no change while it holds its default."""
    old = copy.deepcopy(base_model)
    for spec in old["endpoints"].values():
        for field in spec["input"].values():
            if not field["nullable"]:  # missing reads as False, so only False can be dropped unchanged
                field.pop("nullable")
    assert classify(old, base_model) == []
    old["endpoints"]["fal-ai/ideogram/v3"]["input"]["seed"]["hypothetical"] = 3
    assert [str(c) for c in classify(old, base_model)] == ["fal-ai/ideogram/v3: seed hypothetical 3 → unset"]


def test_cli_release_check_exit_status(project: Path) -> None:
    assert cli.main(["release", "--check", "--root", str(project)]) == 1
    assert cli.main(["release", "--root", str(project)]) == 0  # also renders <project>/generated
    assert (project / "generated" / "pyproject.toml").is_file()
    assert cli.main(["release", "--check", "--root", str(project)]) == 0
    edit(project, V3, _set("input", "num_images", maximum=4))
    assert cli.main(["release", "--check", "--root", str(project)]) == 1
