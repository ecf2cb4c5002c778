"""Drift check: compare the upstream doc pages with ``specs/`` and report what changed.

Reading a page is split into steps that each do one job: :mod:`.text` turns a fetched page (plain
text or HTML) into text, the three format parsers (:mod:`.fal_reference`, :mod:`.fal_guide`,
:mod:`.magnific`) turn text into :mod:`.model` listings with per-field facts (:mod:`.facts`),
:mod:`.match` pairs doc fields with spec fields (by name, or by description where the page lost
the name), :mod:`.compare` lists the differences, :mod:`.curation` decides which ones a spec's
``curation:`` notes explain and which notes went stale, and :mod:`.report` prints the rest.
:func:`generator.drift.command.run` is the ``python -m generator drift`` entry point.
"""
