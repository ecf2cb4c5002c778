"""The documented responses: every enum member parses; a response missing a required field is an error.

A response without a documented required field must surface as ``APIResponseValidationError``
(never an ``AttributeError`` later, never a half-filled model), on every call and twin.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from contract_tests import matrix
from contract_tests.cases import Case, run_valid
from contract_tests.constraints import output_id
from contract_tests.harness import Harness
from contract_tests.images import materialize
from contract_tests.objects import base
from contract_tests.outputs import sample_output
from contract_tests.specdata import SPECS, endpoint_owner, groups_limited, selected_endpoints

REQUIRED = [(spec.endpoint, field.name) for spec in selected_endpoints() for field in spec.output if field.required]
ENUMS = [(spec.endpoint, field.name) for spec in selected_endpoints() for field in spec.output if field.enum]

#: The mutation harness's first pass runs only some boundary groups (``CONTRACT_GROUPS``).
pytestmark = pytest.mark.skipif(groups_limited(), reason="CONTRACT_GROUPS limits the run to boundary groups")


@pytest.mark.parametrize(("endpoint", "name"), REQUIRED, ids=[f"{e}|{n}" for e, n in REQUIRED])
def test_response_missing_a_required_field_is_refused(endpoint: str, name: str, harness: Harness, files: Path) -> None:
    spec = SPECS.endpoint(endpoint)
    field = next(field for field in spec.output if field.name == name)
    arguments = materialize(base(endpoint_owner(spec)), (8, 8), files)
    answer = sample_output(spec, omit=field.json_name)
    with harness.mocked():
        for call in harness.calls(spec):
            harness.send_bad_answer(spec, call, arguments, answer)
    matrix.record([output_id(endpoint, name, "required")], "invalid")


@pytest.mark.parametrize(("endpoint", "name"), ENUMS, ids=[f"{e}|{n}" for e, n in ENUMS])
def test_every_documented_output_member_parses(endpoint: str, name: str, harness: Harness, files: Path) -> None:
    spec = SPECS.endpoint(endpoint)
    field = next(field for field in spec.output if field.name == name)
    assert field.enum is not None
    case = Case(endpoint, "minimal", base(endpoint_owner(spec)), "valid")
    for member in field.enum:
        answer = {**sample_output(spec), field.json_name: member}
        run_valid(harness, spec, case, files, answer, harness.calls(spec))
    matrix.record([output_id(endpoint, name, "enum")], "valid")
