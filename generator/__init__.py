"""Spec-driven generator for the ``ideogram_clients`` package.

Data flows one way: ``upstream-docs/`` → ``specs/`` → :mod:`generator.spec` (load and check)
→ :mod:`generator.render` (JSON Schema, Python models, clients) → ``generated/``.
"""
