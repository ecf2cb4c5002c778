"""Hypothesis over whole inputs: random valid inputs round-trip, random refused ones are stopped.

Valid inputs go through a sync and an async call each (typed resources such as
``fal.v3.submit(prompt=...)`` or the by-id methods, ``submit`` or ``run``), with a random documented
response; refused
inputs are a random valid input with one refused change (an explicit boundary one, or a value
anywhere past a bound, outside an enum or off a pattern).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from contract_tests import matrix
from contract_tests.cases import run_refused, run_valid
from contract_tests.harness import Call, Harness
from contract_tests.outputs import output_strategy
from contract_tests.profiles import CONTRACT
from contract_tests.specdata import SPECS, groups_limited, is_fal, selected_endpoints
from contract_tests.strategies import refused_cases, valid_cases

ENDPOINT_IDS = [spec.endpoint for spec in selected_endpoints()]

#: The mutation harness's first pass runs only some boundary groups (``CONTRACT_GROUPS``).
pytestmark = pytest.mark.skipif(groups_limited(), reason="CONTRACT_GROUPS limits the run to boundary groups")


def _call_pairs(endpoint: str) -> list[list[Call]]:
    """A sync and an async call each time; typed resources and by-id methods, submit and run, alternate."""
    if is_fal(SPECS.endpoint(endpoint)):
        return [
            [Call("submit", False, typed=True), Call("run", True)],
            [Call("run", False, typed=True), Call("submit", True)],
            [Call("submit", False), Call("run", True, typed=True)],
            [Call("run", False), Call("submit", True, typed=True)],
        ]
    return [
        [Call("create", False, typed=True), Call("create", True)],
        [Call("create", False), Call("create", True, typed=True)],
    ]


@pytest.mark.parametrize("endpoint", ENDPOINT_IDS)
@CONTRACT
@given(data=st.data())
def test_random_valid_inputs_round_trip(endpoint: str, data: st.DataObject, harness: Harness, files: Path) -> None:
    spec = SPECS.endpoint(endpoint)
    case = data.draw(valid_cases(spec), label="input")
    answer = data.draw(output_strategy(spec), label="documented response")
    calls = data.draw(st.sampled_from(_call_pairs(endpoint)), label="calls")
    hits = run_valid(harness, spec, case, files, answer, calls)
    matrix.record(hits, "valid")


@pytest.mark.parametrize("endpoint", ENDPOINT_IDS)
@CONTRACT
@given(data=st.data())
def test_random_refused_inputs_send_nothing(endpoint: str, data: st.DataObject, harness: Harness, files: Path) -> None:
    spec = SPECS.endpoint(endpoint)
    case = data.draw(refused_cases(spec), label="input")
    run_refused(harness, spec, case, files, harness.calls(spec))
    matrix.record(case.hits, "invalid")
