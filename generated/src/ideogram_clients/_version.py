"""The package version (kept in step with generated/pyproject.toml)."""

__version__ = "0.1.0"
