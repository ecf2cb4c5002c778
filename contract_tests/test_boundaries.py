"""Explicit boundary cases, derived from the specs: every bound, member, format and rule, both sides.

One test per endpoint and field (or its rules) runs all of that field's cases, so a failure lists
every offending input at once. Accepted cases go through the real clients against respx, sync and
async (fal alternates ``submit`` + ``result`` and ``run`` between the twins; Magnific ``create``);
refused cases must raise :class:`InvalidInputError` naming the field on every call, with no request.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pytest

from contract_tests import matrix
from contract_tests.cases import Case, explicit_cases, run_refused, run_valid
from contract_tests.harness import Call, Harness
from contract_tests.images import local_bytes
from contract_tests.outputs import sample_output
from contract_tests.profiles import PROFILE
from contract_tests.specdata import SPECS, is_fal, is_selected_group, selected_endpoints

#: Cases carrying megabytes of image data make one call, alternating between the sync and async
#: twins from case to case (encoding is shared; each ~13 MB body costs the client ~0.2 s to stream).
HEAVY_BYTES = 1 << 20
_SHOWN_FAILURES = 12
#: The mutation harness only needs to know that a test fails: under its profile a test stops at its
#: first failing case (the other profiles list every failing case).
FIRST_FAILURE_ONLY = PROFILE == "mutate"

ACCEPTED: dict[tuple[str, str], list[Case]] = defaultdict(list)
REFUSED: dict[tuple[str, str], list[Case]] = defaultdict(list)
for _spec in selected_endpoints():
    for _case in explicit_cases(_spec):
        if is_selected_group(_case.group):
            target = REFUSED if _case.outcome == "refused" else ACCEPTED
            target[(_case.endpoint, _case.group)].append(_case)


def _valid_calls(endpoint: str, index: int, case: Case) -> list[Call]:
    """Sync and async for every case (one of them for megabyte cases); fal's submit and run alternate,
    and every fal case is also submitted with ``files="upload"`` by the other twin."""
    spec = SPECS.endpoint(endpoint)
    if not is_fal(spec):
        if local_bytes(case.args) >= HEAVY_BYTES:
            return [Call("create", bool(index % 2))]
        return [Call("create", False), Call("create", True)]
    uploaded = Call("submit", not index % 2, files="upload")
    if local_bytes(case.args) >= HEAVY_BYTES:
        return [Call("submit", bool(index % 2)), uploaded]
    if index % 2:
        return [Call("run", False), Call("submit", True), uploaded]
    return [Call("submit", False), Call("run", True), uploaded]


def _report(kind: str, failures: list[str], total: int) -> None:
    if failures:
        shown = "\n\n".join(failures[:_SHOWN_FAILURES])
        more = f"\n\n... and {len(failures) - _SHOWN_FAILURES} more" if len(failures) > _SHOWN_FAILURES else ""
        pytest.fail(f"{len(failures)} of {total} {kind} cases failed:\n\n{shown}{more}", pytrace=False)


def _ids(groups: dict[tuple[str, str], list[Case]]) -> list[str]:
    return [f"{endpoint}|{group}" for endpoint, group in sorted(groups)]


@pytest.mark.parametrize(("endpoint", "group"), sorted(ACCEPTED), ids=_ids(ACCEPTED))
def test_accepted(endpoint: str, group: str, harness: Harness, files: Path) -> None:
    spec = SPECS.endpoint(endpoint)
    cases = ACCEPTED[(endpoint, group)]
    failures = []
    for index, case in enumerate(cases):
        try:
            hits = run_valid(
                harness, spec, case, files, sample_output(spec, index), _valid_calls(endpoint, index, case)
            )
        except Exception as exc:
            failures.append(f"[{case.label}] {type(exc).__name__}: {exc}")
            if FIRST_FAILURE_ONLY:
                break
            continue
        matrix.record(hits, "valid")
        if case.outcome == "warned":
            matrix.record(case.hits, "invalid")
    _report("accepted", failures, len(cases))


@pytest.mark.parametrize(("endpoint", "group"), sorted(REFUSED), ids=_ids(REFUSED))
def test_refused(endpoint: str, group: str, harness: Harness, files: Path) -> None:
    spec = SPECS.endpoint(endpoint)
    cases = REFUSED[(endpoint, group)]
    failures = []
    for case in cases:
        calls = harness.calls(spec)
        if local_bytes(case.args) >= HEAVY_BYTES:
            calls = [call for call in calls if call.mode != "run"]
        try:
            run_refused(harness, spec, case, files, calls)
        except Exception as exc:
            failures.append(f"[{case.label}] {type(exc).__name__}: {exc}")
            if FIRST_FAILURE_ONLY:
                break
            continue
        matrix.record(case.hits, "invalid")
    _report("refused", failures, len(cases))
