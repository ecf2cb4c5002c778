"""``python -m generator docs``: the API reference site's Markdown, rendered from the loaded specs.

Python builds every value a page shows (:mod:`.facts`, :mod:`.examples`); the Jinja2 templates only
lay them out. Output is deterministic: same specs, same bytes. ``make docs`` then runs mkdocs.
"""
