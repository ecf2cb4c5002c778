"""Drift against fal's OpenAPI documents: shipped documents are clean; planted edits are found,
pointed at with a JSON pointer, explained only by a matching ``fal's OpenAPI`` note, and notes
that explain nothing are stale."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from generator.cli import main
from generator.drift.command import check
from generator.drift.openapi import load_document
from generator.drift.pages import load_docs
from generator.drift.report import Report
from generator.drift.specload import load_for_drift
from generator.spec.model import SpecSet
from tests.conftest import ROOT

V2 = "fal-ai__ideogram__v2__edit.openapi.json"
V3 = "fal-ai__ideogram__v3.openapi.json"
Doc = dict[str, Any]


@pytest.fixture(scope="module")
def specs() -> SpecSet:
    docs = load_docs(ROOT, ROOT / "upstream-docs")
    return load_for_drift(ROOT, docs.folder, docs.texts)


def plant(root: Path, name: str, change: Callable[[Doc], object]) -> None:
    path = root / "upstream-docs" / "openapi" / name
    document = json.loads(path.read_text(encoding="utf-8"))
    change(document)
    path.write_text(json.dumps(document), encoding="utf-8")


def schemas(document: Doc) -> Doc:
    result: Doc = document["components"]["schemas"]
    return result


def run(specs: SpecSet, root: Path) -> Report:
    return check(specs, load_docs(root, root / "upstream-docs"), root)


def lines(report: Report, kind: str = "drift") -> list[str]:
    return [finding.line for finding in report.findings if finding.kind == kind]


def test_shipped_documents_are_clean_and_compared(specs: SpecSet) -> None:
    report = check(specs, load_docs(ROOT, ROOT / "upstream-docs"), ROOT)
    assert report.clean, "\n".join(finding.line for finding in report.findings)
    assert report.documents == 9
    # what is kept against the documents (seed bounds, the pages' defaults, ImageSize minimum) is curated
    assert report.schema_differences == report.schema_explained > 20


def test_both_nullable_forms_read_the_same(tmp_path: Path) -> None:
    source = json.loads((ROOT / "upstream-docs" / "openapi" / V2).read_text(encoding="utf-8"))
    props = source["components"]["schemas"]["IdeogramV2EditInput"]["properties"]
    props["seed"] = {"type": "integer", "nullable": True}
    props["style"] = {"anyOf": [{"type": "string", "enum": ["auto"]}, {"type": "null"}]}
    path = tmp_path / V2
    path.write_text(json.dumps(source), encoding="utf-8")
    read = {prop.name: prop for prop in load_document(path).props("IdeogramV2EditInput")}
    assert read["seed"].nullable and read["seed"].value.type == "integer"
    assert read["style"].nullable and read["style"].value.enum == ("auto",)
    assert not read["prompt"].nullable


def _bound(document: Doc) -> None:
    schemas(document)["ImageSize"]["properties"]["width"]["maximum"] = 16000


def _not_null(document: Doc) -> None:
    schemas(document)["IdeogramV2EditInput"]["properties"]["seed"] = {"type": "integer"}


def _exclusive(document: Doc) -> None:
    weight = schemas(document)["ColorPaletteMember"]["properties"]["color_weight"]["anyOf"][0]
    weight["exclusiveMinimum"] = True  # OpenAPI 3.0's boolean form: minimum 0.05 becomes exclusive


def _enum(document: Doc) -> None:
    schemas(document)["IdeogramV3Input"]["properties"]["rendering_speed"]["enum"].append("ULTRA")


def _new_field(document: Doc) -> None:
    schemas(document)["IdeogramV3Input"]["properties"]["aspect_ratio"] = {"type": "string"}


def _output(document: Doc) -> None:
    del schemas(document)["IdeogramV3Output"]["properties"]["seed"]


def _required(document: Doc) -> None:
    schemas(document)["IdeogramV3Input"]["required"].append("seed")


def _retyped(document: Doc) -> None:
    schemas(document)["IdeogramV3Input"]["properties"]["num_images"]["type"] = "number"


PLANTED: dict[str, tuple[str, Callable[[Doc], None], str]] = {
    "bound": (V3, _bound, "ImageSize width: fal's OpenAPI maximum 16000, the spec 14142 "
              f"(upstream-docs/openapi/{V3}#/components/schemas/ImageSize/properties/width/maximum)"),
    "nullable dropped": (V2, _not_null, "fal-ai/ideogram/v2/edit seed: fal's OpenAPI refuses null, the spec does not "
                         f"(upstream-docs/openapi/{V2}#/components/schemas/IdeogramV2EditInput/properties/seed)"),
    "exclusive bound": (V3, _exclusive, "ColorPaletteMember color_weight: fal's OpenAPI minimum none, the spec 0.05 "
                        f"(upstream-docs/openapi/{V3}#/components/schemas/ColorPaletteMember/properties/color_weight/"
                        "anyOf/0/minimum)\n"
                        "ColorPaletteMember color_weight: fal's OpenAPI exclusive minimum 0.05, the spec none "
                        f"(upstream-docs/openapi/{V3}#/components/schemas/ColorPaletteMember/properties/color_weight/"
                        "anyOf/0/exclusiveMinimum)"),
    "enum": (V3, _enum, "fal-ai/ideogram/v3 rendering_speed: enum differs: fal's OpenAPI also has ['ULTRA'], the spec "
             f"also nothing (upstream-docs/openapi/{V3}#/components/schemas/IdeogramV3Input/properties/"
             "rendering_speed/enum)"),
    "new field": (V3, _new_field, "fal-ai/ideogram/v3 aspect_ratio: fal's OpenAPI lists it (string), the spec does not "
                  f"(upstream-docs/openapi/{V3}#/components/schemas/IdeogramV3Input/properties/aspect_ratio)"),
    "output field gone": (V3, _output, "fal-ai/ideogram/v3 seed: spec has it, IdeogramV3Output in fal's OpenAPI does "
                          f"not (upstream-docs/openapi/{V3}#/components/schemas/IdeogramV3Output/properties)"),
    "required": (V3, _required, "fal-ai/ideogram/v3 seed: fal's OpenAPI has it required, the spec optional "
                 f"(upstream-docs/openapi/{V3}#/components/schemas/IdeogramV3Input/properties/seed)"),
    "type": (V3, _retyped, "fal-ai/ideogram/v3 num_images: fal's OpenAPI type number, the spec integer "
             f"(upstream-docs/openapi/{V3}#/components/schemas/IdeogramV3Input/properties/num_images)"),
}  # fmt: skip


@pytest.mark.parametrize("case", sorted(PLANTED))
def test_planted_document_edit_is_reported_with_its_pointer(specs: SpecSet, project_copy: Path, case: str) -> None:
    name, change, expected = PLANTED[case]
    plant(project_copy, name, change)
    report = run(specs, project_copy)
    assert lines(report) == expected.split("\n")


def test_closed_gap_makes_its_note_stale(specs: SpecSet, project_copy: Path) -> None:
    def bounded(document: Doc) -> None:
        seed = schemas(document)["IdeogramV2EditInput"]["properties"]["seed"]["anyOf"][0]
        seed.update(minimum=0, maximum=2147483647)

    plant(project_copy, V2, bounded)
    report = run(specs, project_copy)
    assert lines(report) == []
    stale = [finding for finding in report.findings if finding.kind == "stale"]
    assert [(f.owner, f.subject, f.path) for f in stale] == [
        ("fal-ai/ideogram/v2/edit", "seed", "input.seed.curation[2]")
    ]
    assert "explains no difference with fal's OpenAPI" in stale[0].message


def test_a_note_explains_only_the_value_it_names(specs: SpecSet, edit_spec: Callable[[str, str, str], Path]) -> None:
    # the ImageSize minimum note names no maximum: with the maximum gone from the spec, that stays unexplained
    root = edit_spec(
        "types.yaml",
        "        maximum: 14142\n        default: 512\n        minimum: 1\n        description: The width",
        "        default: 512\n        minimum: 1\n        description: The width",
    )
    specs_now = load_for_drift(root, root / "upstream-docs", load_docs(root, root / "upstream-docs").texts)
    report = run(specs_now, root)
    assert [line.split(" (")[0] for line in lines(report)] == [
        "ImageSize width: fal's OpenAPI maximum 14142, the spec none"
    ]


def test_cli_exit_status_suggest_and_json(project_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    plant(project_copy, V3, _bound)
    assert main(["drift", "--root", str(project_copy), "--suggest"]) == 1
    out = capsys.readouterr().out
    assert "# specs/types.yaml — follow fal's OpenAPI, or explain it:" in out
    assert "maximum: 16000" in out
    assert main(["drift", "--root", str(project_copy), "--format", "json"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert [item["where"].split("#")[1] for item in data["findings"]] == [
        "/components/schemas/ImageSize/properties/width/maximum"
    ]
    assert data["counts"]["documents"] == 9


def test_missing_and_broken_documents(project_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project_copy / "upstream-docs" / "openapi" / V3).unlink()
    assert main(["drift", "--root", str(project_copy)]) == 1
    assert "fal-ai/ideogram/v3 openapi: no OpenAPI document " + V3 in capsys.readouterr().out
    (project_copy / "upstream-docs" / "openapi" / V2).write_text("{not json", encoding="utf-8")
    assert main(["drift", "--root", str(project_copy)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith(f"error: upstream-docs/openapi/{V2}: not readable as JSON")


def test_pydantic_spellings_read_as_plain_facts(specs: SpecSet, project_copy: Path) -> None:
    def pydantic_style(document: Doc) -> None:
        props = schemas(document)["IdeogramV3Input"]["properties"]
        props["seed"]["default"] = None  # an optional nullable field: no default
        props["color_palette"]["anyOf"][0] = {"allOf": [{"$ref": "#/components/schemas/ColorPalette"}]}

    plant(project_copy, V3, pydantic_style)
    assert lines(run(specs, project_copy)) == []
