"""Benchmarks run by ``make bench``: ours and the peers side by side, in one run, on one machine.

Each module measures one thing and returns :class:`~bench._common.Section` objects; ``python -m
bench`` runs them all and writes ``BENCHMARKS.md`` and ``docs/bench-throughput.png``. The peers are
fal-client 1.0.3 (the hand-written fal client) and datamodel-code-generator 0.89.0 (a generator from
JSON Schema), installed from ``requirements-bench.txt`` only for this.
"""
