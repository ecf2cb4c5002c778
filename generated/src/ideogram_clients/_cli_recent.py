"""The jobs ``run`` started on this machine, so ``status``/``result``/``cancel`` need only the id.

A small JSON file maps each fal request id / Magnific task id to its endpoint:
``$XDG_STATE_HOME/ideogram-clients/jobs.json`` (``~/.local/state/…`` by default), the newest
:data:`KEEP` entries, replaced atomically. It is a convenience: a file that cannot be read or
written never fails a run; the commands then ask for the endpoint id.
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
from pathlib import Path

__all__ = ["KEEP", "recall", "remember", "state_file"]

KEEP = 500


def state_file() -> Path:
    base = os.environ.get("XDG_STATE_HOME") or str(Path.home() / ".local" / "state")
    return Path(base) / "ideogram-clients" / "jobs.json"


def _load(path: Path) -> dict[str, str]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError, RuntimeError):
        return {}
    if not isinstance(data, dict):
        return {}
    return {key: value for key, value in data.items() if isinstance(key, str) and isinstance(value, str)}


def remember(job_id: str, endpoint_id: str) -> bool:
    """Record that ``job_id`` belongs to ``endpoint_id``; False (and nothing raised) if it cannot be saved:
    this runs after a paid submit, so no failure here may stop the run from waiting for its job."""
    temporary: str | None = None
    try:
        path = state_file()  # Path.home() raises RuntimeError without HOME or a passwd entry
        jobs = _load(path)
        jobs.pop(job_id, None)
        jobs[job_id] = endpoint_id  # newest last
        kept = dict(list(jobs.items())[-KEEP:])
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile("w", dir=path.parent, prefix=".jobs-", delete=False, encoding="utf-8") as out:
            temporary = out.name
            json.dump(kept, out)
        os.replace(temporary, path)
    except Exception:  # a convenience cache must never fail the run
        if temporary is not None:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
        return False
    return True


def recall(job_id: str) -> str | None:
    """The endpoint ``run`` recorded for ``job_id`` on this machine, if any."""
    try:
        return _load(state_file()).get(job_id)
    except RuntimeError:  # no home folder to look in
        return None
