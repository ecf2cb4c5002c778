"""``python -m generator release``: version the generated package from what changed in ``specs/``.

The last release's loaded spec model is kept in ``release/spec-lock.json``; a release compares the
current model with it, classifies each change (:mod:`.classify`), bumps the version (:mod:`.semver`),
writes the one version file (:mod:`.version`) and prepends a ``CHANGELOG.md`` entry (:mod:`.changelog`).
"""
