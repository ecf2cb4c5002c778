"""Which tests run against a mutant, in which order (the fast runner's selection).

From the baseline (:class:`~contract_tests.mutate_worker.BaselineTest`: each test's time and the
constraint ids it exercised, the constraint matrix per test) a mutant gets up to three passes, each
run only if the previous one left it alive:

1. the tests that exercised a constraint of the mutated field (its ``<owner>:<field>`` id prefix,
   :attr:`Mutant.constraints`); for a runtime mutant, which owns no constraint, the tests that ran
   the mutated line (coverage.py with one dynamic context per test, during the baseline);
2. the rest of its endpoints' tests (what the full runner's second pass runs; the first pass of a
   mutant with neither mapping, such as the model-config flips, run only at import);
3. the rest of the suite, so no mutant is declared alive on a partial run.

Within a pass the tests of the mutant's own endpoints go first, and explicit tests (deterministic
boundary cases, one field each) before the Hypothesis ones, cheapest first: most mutants die in
their field's boundary test.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from contract_tests.mutant import Mutant
from contract_tests.mutate_worker import BaselineTest

__all__ = ["passes"]

_AFTER_FIELD = (":", "[", "|", ".")


def _exercises(constraints: Iterable[str], prefixes: tuple[str, ...]) -> bool:
    return any(ident.startswith(prefix + mark) for ident in constraints for prefix in prefixes for mark in _AFTER_FIELD)


def _order(nodeid: str, info: BaselineTest, mutant: Mutant) -> tuple[bool, bool, float, str]:
    """The mutant's own endpoints first, explicit tests before Hypothesis ones, then the cheapest."""
    return (info.endpoint not in mutant.endpoints, "test_properties.py" in nodeid, info.seconds, nodeid)


def passes(mutant: Mutant, tests: Mapping[str, BaselineTest]) -> tuple[tuple[str, ...], ...]:
    """The mutant's passes of node ids (see the module docstring)."""
    mapped = {nodeid for nodeid, info in tests.items() if _exercises(info.constraints, mutant.constraints)}
    if mutant.line is not None:  # runtime code owns no constraint: the tests that ran the mutated line
        mapped |= {nodeid for nodeid, info in tests.items() if f"{mutant.file}:{mutant.line}" in info.lines}
    endpoint = {nodeid for nodeid, info in tests.items() if info.endpoint in mutant.endpoints}
    chosen: list[tuple[str, ...]] = []
    seen: set[str] = set()
    for group in (mapped, endpoint, set(tests)):
        fresh = group - seen
        if fresh:
            chosen.append(tuple(sorted(fresh, key=lambda nodeid: _order(nodeid, tests[nodeid], mutant))))
            seen |= fresh
    return tuple(chosen)
