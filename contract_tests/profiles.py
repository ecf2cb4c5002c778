"""Hypothesis profiles of the contract suite, chosen with ``HYPOTHESIS_PROFILE`` (default ``ci``).

* ``ci``: derandomized (the same examples on every run and machine), no example database,
  ``print_blob`` so a failure can be replayed with ``@reproduce_failure``. Boundaries do not depend
  on luck: the explicit cases in ``test_boundaries.py`` hit each one, and the strategies draw
  boundary values first.
* ``dev``: random, more examples, the local example database keeps past failures.
* ``mutate``: derandomized, few examples and no shrinking, for the mutation harness's many short runs.

They are registered as ``contract-<name>`` and applied per test (``@CONTRACT``), so other test
suites in the same session keep their own Hypothesis settings.
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, Phase, settings

__all__ = ["CONTRACT", "PROFILE"]

_COMMON = settings(
    deadline=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much],
)
settings.register_profile("contract-ci", _COMMON, derandomize=True, database=None, max_examples=40)
settings.register_profile("contract-dev", _COMMON, max_examples=250)
#: No shrinking: for the mutation harness a failing example is a kill, however large it is
#: (shrinking one took up to 15 s of re-runs and cannot change whether the test fails).
settings.register_profile(
    "contract-mutate",
    _COMMON,
    derandomize=True,
    database=None,
    max_examples=8,
    phases=(Phase.explicit, Phase.reuse, Phase.generate),
)

PROFILE = os.environ.get("HYPOTHESIS_PROFILE", "ci").removeprefix("contract-")
if PROFILE not in ("ci", "dev", "mutate"):
    raise ValueError(f"HYPOTHESIS_PROFILE={PROFILE!r}: the contract suite knows ci, dev and mutate")
#: Decorator applying the selected profile to one test.
CONTRACT = settings(settings.get_profile(f"contract-{PROFILE}"))
