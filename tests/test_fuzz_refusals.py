"""The fuzz run's sorting of refusals: every refused field must match a known rule, else it is a finding."""

from __future__ import annotations

import json
from typing import Any

from contract_tests.fuzz.refusals import answer_note, correct, explain, problems
from tests.conftest import ROOT


def test_problems_are_read_from_both_providers_shapes() -> None:
    fal = {"detail": [{"loc": ["body", "color_palette", "members", 0], "msg": "m", "type": "extra_forbidden"}]}
    magnific = {"message": "Invalid request parameters", "invalid_params": [{"name": "image", "reason": "not base64"}]}
    assert [(p.field, p.kind) for p in problems(fal)] == [("color_palette.members.0", "extra_forbidden")]
    assert [(p.field, p.message) for p in problems(magnific)] == [("image", "not base64")]
    assert problems({"detail": "Not Found"}) == [] and problems("text") == []


def test_known_refusals_are_explained_and_others_are_not() -> None:
    def kind(name: str, message: str = "") -> str | None:
        fal = {"detail": [{"loc": ["body", "x"], "msg": message, "type": name}]}
        known = explain(problems(fal)[0])
        return known.name if known else None

    assert kind("image") == "image"
    assert kind("int_type", "Input should be a valid integer") == "strict integer"
    assert kind("extra_forbidden") == "extra key"
    assert kind("rule") == "rule"
    assert kind("less_than_equal") == "curated bound"
    assert kind("missing", "Field required") is None  # a schema-valid request never lacks a required field
    assert kind("json_invalid", "Invalid JSON body") is None
    assert kind("", "something else") is None


def test_protocol_answers_are_known_by_their_whole_body() -> None:
    assert answer_note("positive_data_acceptance", 400, {"status": "ALREADY_COMPLETED"})
    assert answer_note("positive_data_acceptance", 400, {"detail": "Request is still in progress"})
    assert answer_note("not_a_server_error", 500, {"detail": "boom"}) is None


def test_corrections_apply_to_fals_documents() -> None:
    path = ROOT / "upstream-docs" / "openapi" / "fal-ai__ideogram__v3.openapi.json"
    document: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    applied = correct(document)
    assert [text.split(":")[0] for text in applied] == ["QueueStatus.properties.logs"]
    logs = document["components"]["schemas"]["QueueStatus"]["properties"]["logs"]
    assert [option["type"] for option in logs["anyOf"]] == ["array", "null"]  # a list, or null without logs=1
