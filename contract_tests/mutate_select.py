"""Which tests run against a mutant, in which order (the fast runner's selection).

From the baseline (:class:`~contract_tests.mutate_worker.BaselineTest`: each test's time and the
constraint ids it exercised, the constraint matrix per test) a mutant gets up to three passes, each
run only if the previous one left it alive:

1. the tests that exercised a constraint of the mutated field (its ``<owner>:<field>`` id prefix,
   :attr:`Mutant.constraints`);
2. the rest of its endpoints' tests (what the full runner's second pass runs; for runtime mutants,
   which own no constraint, this is the first pass);
3. the rest of the suite, so no mutant is declared alive on a partial run.

Within a pass the explicit tests (deterministic boundary cases, one field each) go before the
Hypothesis ones, cheapest first: most mutants die in their field's boundary test.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from contract_tests.mutant import Mutant
from contract_tests.mutate_worker import BaselineTest

__all__ = ["passes"]

_AFTER_FIELD = (":", "[", "|", ".")


def _exercises(constraints: Iterable[str], prefixes: tuple[str, ...]) -> bool:
    return any(ident.startswith(prefix + mark) for ident in constraints for prefix in prefixes for mark in _AFTER_FIELD)


def _random(nodeid: str) -> bool:
    return "test_properties.py" in nodeid


def passes(mutant: Mutant, tests: Mapping[str, BaselineTest]) -> tuple[tuple[str, ...], ...]:
    """The mutant's passes of node ids (see the module docstring)."""
    mapped = {nodeid for nodeid, info in tests.items() if _exercises(info.constraints, mutant.constraints)}
    endpoint = {nodeid for nodeid, info in tests.items() if info.endpoint in mutant.endpoints}
    chosen: list[tuple[str, ...]] = []
    seen: set[str] = set()
    for group in (mapped, endpoint, set(tests)):
        fresh = group - seen
        if fresh:
            chosen.append(tuple(sorted(fresh, key=lambda nodeid: (_random(nodeid), tests[nodeid].seconds, nodeid))))
            seen |= fresh
    return tuple(chosen)
