"""The async client and transport modules, the single source of their sync twins in ``_sync/``.

``python -m generator generate`` rewrites each module here into ``_sync/`` (the unasync step, see
``generator/render/unasync.py``); import the public names from ``_http``, ``_fal`` and ``_magnific``.
"""
