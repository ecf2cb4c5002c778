# generated from generator/static/src/ideogram_clients/_async/__init__.py by the unasync step, do not edit
"""The sync twins of the modules in ``_async/``; import the public names from ``_http``, ``_fal``
and ``_magnific``."""
