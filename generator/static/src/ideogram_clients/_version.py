"""The package version: written by `python -m generator release`, read by pyproject.toml (dynamic)."""

__version__ = "0.3.1"
